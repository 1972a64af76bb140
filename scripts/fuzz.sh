#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and
# runs each for SECONDS (default 60) on seeds from corpus/, tests/fixtures/,
# tests/robustness/real/ and the hostile set generated into build-fuzz/hostile/. Findings go to build-fuzz/findings/TARGET/;
# a crash, leak or timeout fails the script.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extraction extraction_json text_reader html_reader odt_reader rtf_reader pdf_reader pdf_rulings docx_reader word_xml_reader deadline_parser mention_splitter rule_loader)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKARTA_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target hostile_set $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
hostile=build-fuzz/hostile real=tests/robustness/real
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
status=0
prepare_seeds() {
  local t=$1 seeds=build-fuzz/seeds/$1
  mkdir -p "$seeds" "build-fuzz/findings/$t"
  case "$t" in
    extraction) cp corpus/* tests/fixtures/*.txt tests/fixtures/*.docx tests/renderings/*.* tests/renderings/office/*.rtf "$seeds"/ ;;
    extraction_json) for f in output/*.docx.json output/*.txt.json; do head -c 30000 "$f" > "$seeds/$(basename "$f")"; done
      cp output/tyumen-roadmap-2023.xml.json "$seeds"/ ;;
    text_reader) cp corpus/*.txt tests/fixtures/*.txt "$hostile"/*.txt "$seeds"/ ;;
    html_reader) cp tests/renderings/*.html "$seeds"/; head -c 20000 tests/renderings/tyumen-roadmap-2023.cp1251.html > "$seeds"/cut.html ;;
    rtf_reader) for f in tests/renderings/office/*.rtf; do head -c 24000 "$f" > "$seeds/$(basename "$f")"; done ;;
    pdf_reader) cp tests/renderings/office/kaluga-order-2024.lo.pdf tests/renderings/office/novgorod-roadmap-2024.lo.pdf "$seeds"/ ;;
    pdf_rulings) /usr/bin/env python3 -c "
import sys
w, h = 200, 120   # a 4 x 3 grid with a merged cell, one byte a pixel after the width
px = bytearray(b'\\xff' * (w * h))
for y in (10, 40, 80, 110):
    for x in range(10, 190): px[y * w + x] = 128
for x in (10, 60, 120, 189):
    for y in range(10, 111):
        if not (x == 60 and y < 40): px[y * w + x] = 128
sys.stdout.buffer.write(bytes([w - 1]) + px)" > "$seeds"/grid.raw ;;
    odt_reader) cp tests/renderings/*.odt tests/renderings/*.fodt "$seeds"/ ;;
    docx_reader) cp corpus/*.docx tests/fixtures/*.docx "$hostile"/*.docx "$seeds"/; find "$real" -name '*.docx' -size -200k -exec cp {} "$seeds"/ \; ;;
    word_xml_reader) cp corpus/*.xml "$hostile"/*.xml "$seeds"/ ;;
    deadline_parser) grep -ho 'text: "[^"]*"' rules/deadlines.yaml | sed 's/^text: "//; s/"$//' | split -l 1 - "$seeds"/d ;;
    mention_splitter) grep -ho 'text: "[^"]*"' rules/mentions.yaml | sed 's/^text: "//; s/"$//' | split -l 1 - "$seeds"/m ;;
    rule_loader) cp rules/*.yaml "$seeds"/ ;;
  esac
}

# One target: its run, then its figures, on stderr. Exit status: the fuzzer's.
run_target() {
  local t=$1 findings=build-fuzz/findings/$1
  local ok=0
  build-fuzz/fuzz_$t "$findings" "build-fuzz/seeds/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" -print_final_stats=1 2> "build-fuzz/fuzz_$t.log" || ok=1
  { echo "fuzz_$t: $seconds s$([ $ok -eq 0 ] || echo ' FAILED: see build-fuzz/fuzz_'$t'.log and '$findings/)"
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz_$t.log" | sed "s/^/  /" || true; } >&2
  return $ok
}

for t in "${targets[@]}"; do prepare_seeds "$t"; done
# As many targets at once as there are cores: each fuzzer uses one.
pids=()
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  run_target "$t" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done   # a finished job's status is kept for its pid
exit $status
