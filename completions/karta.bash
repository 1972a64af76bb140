# bash completion for karta
_karta() {
  local cur prev words cword
  _init_completion || return
  local commands="read extract compare export rules serve watch store"
  if [[ $cword -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$commands --version --help" -- "$cur"))
    return
  fi
  case "$prev" in
    -o|--output|--rules) _filedir -d; return ;;
    --files-from|--sqlite|--xlsx|--store|--tokens) _filedir; return ;;
    -j|--jobs|--shard|--max-*|--time-budget|--libreoffice-timeout|--listen|--port|--queue|--threads|--request-timeout) return ;;
  esac
  local opts=""
  case "${words[1]}" in
    read) opts="-o --output --help" ;;
    extract) opts="-o --output -j --jobs --resume --jsonl --files-from --follow-symlinks --shard -q --quiet -v --verbose --rules
                   --max-file-mb --max-part-mb --max-line-mb --max-xml-depth --max-rows --max-cells --max-text-mb
                   --time-budget --libreoffice-timeout --help" ;;
    compare) opts="-o --output --rules --time-budget --help" ;;
    export) opts="--sqlite --xlsx --rules --help" ;;
    serve) opts="--store --listen --port --tokens -j --jobs --queue --threads --request-timeout --rules
                 --max-file-mb --max-part-mb --max-line-mb --max-xml-depth --max-rows --max-cells --max-text-mb
                 --time-budget --libreoffice-timeout --help" ;;
    watch) opts="--store --settle --interval --once --rules
                 --max-file-mb --max-part-mb --max-line-mb --max-xml-depth --max-rows --max-cells --max-text-mb
                 --time-budget --libreoffice-timeout --help" ;;
    store)
      if [[ $cword -eq 2 ]]; then COMPREPLY=($(compgen -W "reindex --help" -- "$cur")); return; fi
      opts="--store --dry-run --rules --max-file-mb --max-part-mb --max-line-mb --max-xml-depth --max-rows
            --max-cells --max-text-mb --time-budget --libreoffice-timeout --help" ;;
    rules)
      if [[ $cword -eq 2 ]]; then COMPREPLY=($(compgen -W "test align --help" -- "$cur")); return; fi
      [[ ${words[2]} == test ]] && { _filedir -d; return; } ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); else _filedir; fi
}
complete -F _karta karta
