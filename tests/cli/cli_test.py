#!/usr/bin/env python3
"""The command line behaves like a conventional tool: --version, every
COMMAND --help on stdout with exit 0, --opt=value and `--`, standard input
(`-`, /dev/stdin, a pipe), the exit statuses 0/1/2/3, an empty input
directory named on stderr, and an unwritable -o for every command.

usage: cli_test.py KARTA SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

KARTA, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
CORPUS_TXT = os.path.join(SOURCE, 'corpus', 'tyumen-roadmap-2023.txt')
CORPUS_DOCX = os.path.join(SOURCE, 'corpus', 'tyumen-roadmap-2023.docx')
passed, failed = 0, 0


def run(args, stdin=None, shell=False, cwd=None):
    if shell:
        return subprocess.run(['bash', '-c', args], capture_output=True, cwd=cwd, stdin=stdin)
    return subprocess.run([KARTA] + args, capture_output=True, stdin=stdin, cwd=cwd)


def check(ok, what, proc=None):
    global passed, failed
    if ok:
        passed += 1
        print('ok   ' + what)
    else:
        failed += 1
        detail = ''
        if proc is not None:
            detail = ' (exit %s; stderr: %s)' % (proc.returncode, proc.stderr.decode('utf-8', 'replace').strip()[:400])
        print('FAIL ' + what + detail)


def measures(doc):
    return [m['id'] for r in doc['roadmaps'] for d in r['directions'] for s in d['system_measures'] for m in s['measures']]


def main():
    for path in (CORPUS_TXT, CORPUS_DOCX):
        if not os.path.isfile(path):
            print('FAIL missing test data: ' + path)
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        # --version: the program, the rule set and the libraries.
        p = run(['--version'])
        out = p.stdout.decode()
        check(p.returncode == 0 and out.startswith('karta 0.2.0\n') and '\nrules ' in out and 'libxml2' in out
              and 'ICU' in out and 'Poco' in out, '--version names karta, rules and libraries', p)

        # Every command's --help: its own usage, on stdout, exit 0.
        for command in (['read'], ['extract'], ['compare'], ['export'], ['rules'], ['rules', 'test'], ['rules', 'align'], []):
            p = run(command + ['--help'])
            text = p.stdout.decode()
            name = ' '.join(['karta'] + command)
            check(p.returncode == 0 and ('Usage: ' + name) in text and p.stderr == b'',
                  '%s --help prints its usage on stdout, exit 0' % name, p)

        # Usage errors: exit 2 with the reason on stderr.
        for args, what in ((['extract', CORPUS_TXT, '--jsonl', '-o', '-'], '--jsonl with -o - conflicts'),
                           (['extract', CORPUS_TXT], 'extract without an output'),
                           (['extract', CORPUS_TXT, '-o', os.path.join(tmp, 'u'), '--no-such-option'], 'an unknown option'),
                           (['extract', CORPUS_TXT, '-o', os.path.join(tmp, 'u'), '-j', '0'], '-j 0'),
                           (['frobnicate'], 'an unknown command'), ([], 'no command'),
                           (['export', CORPUS_TXT], 'export with no target')):
            p = run(args)
            check(p.returncode == 2 and p.stderr.strip() != b'' and p.stdout == b'', 'usage error (%s): exit 2' % what, p)

        # --opt=value, and -- before an input that looks like an option.
        out_eq = os.path.join(tmp, 'eq')
        p = run(['extract', '--output=' + out_eq, '--jobs=1', '--max-rows=50000', CORPUS_TXT])
        check(p.returncode == 0 and os.path.isfile(os.path.join(out_eq, 'tyumen-roadmap-2023.txt.json')),
              '--output=DIR --jobs=1 --max-rows=N', p)
        dashed = os.path.join(tmp, '-roadmap.txt')
        with open(CORPUS_TXT, 'rb') as src, open(dashed, 'wb') as dst:
            dst.write(src.read())
        p = run(['extract', '-o', os.path.join(tmp, 'dd'), '--', '-roadmap.txt'], cwd=tmp)
        check(p.returncode == 0 and os.path.isfile(os.path.join(tmp, 'dd', '-roadmap.txt.json')),
              '-- ends the options (an input named -roadmap.txt)', p)

        # Standard input, any format: -, /dev/stdin, a process substitution.
        reference = json.loads(run(['extract', CORPUS_DOCX, '-o', '-']).stdout)
        with open(CORPUS_DOCX, 'rb') as f:
            p = run(['extract', '-', '-o', '-'], stdin=f)
        doc = json.loads(p.stdout) if p.returncode == 0 else {}
        check(p.returncode == 0 and doc.get('source', {}).get('path') == '-' and doc['source']['format'] == 'docx'
              and measures(doc) == measures(reference) and doc['source']['sha256'] == reference['source']['sha256'],
              'extract - reads a DOCX from stdin, sniffed, same measures as the file', p)
        with open(CORPUS_TXT, 'rb') as f:
            p = run(['extract', '/dev/stdin', '-o', os.path.join(tmp, 'si')], stdin=f)
        check(p.returncode == 0 and os.path.isfile(os.path.join(tmp, 'si', 'stdin.json')), 'extract /dev/stdin', p)
        p = run('%s read <(cat %s)' % (KARTA, CORPUS_TXT), shell=True)
        check(p.returncode == 0 and json.loads(p.stdout)['source']['format'] == 'text', 'read <(cat FILE)', p)
        with open(CORPUS_TXT, 'rb') as f:
            p = run(['compare', '-', '-o', os.path.join(tmp, 'cmp-stdin')], stdin=f)
        check(p.returncode == 0 and os.path.isfile(os.path.join(tmp, 'cmp-stdin', 'comparison.json')), 'compare -', p)
        p = run(['read', '-'], stdin=subprocess.DEVNULL)
        check(p.returncode == 1 and b'-: empty file' in p.stderr, 'empty stdin fails as an input, exit 1', p)

        # Exit 1: some inputs failed, the others are still written.
        broken = os.path.join(tmp, 'broken.docx')
        with open(broken, 'wb') as f:
            f.write(b'PK\x03\x04 not really a zip')
        p = run(['extract', CORPUS_TXT, broken, '-o', os.path.join(tmp, 'mixed')])
        check(p.returncode == 1 and os.path.isfile(os.path.join(tmp, 'mixed', 'tyumen-roadmap-2023.txt.json'))
              and broken.encode() in p.stderr, 'one failed input: exit 1, the good one written', p)

        # An input directory with nothing in it is named on stderr.
        empty = os.path.join(tmp, 'empty-dir')
        os.mkdir(empty)
        for command in (['extract', empty, '-o', os.path.join(tmp, 'e1')], ['compare', empty, '-o', os.path.join(tmp, 'e2')],
                        ['export', empty, '--sqlite', os.path.join(tmp, 'e3.db')]):
            p = run(command)
            check(p.returncode == 1 and (empty + ': no files in this directory').encode() in p.stderr,
                  '%s of an empty directory says so, exit 1' % command[0], p)

        # Exit 3: an output that cannot be written (a path under a regular
        # file: ENOTDIR holds even for root), with the reason from errno.
        blocker = os.path.join(tmp, 'a-file')
        open(blocker, 'w').close()
        bad = os.path.join(blocker, 'out')
        for command in (['read', CORPUS_TXT, '-o', bad], ['extract', CORPUS_TXT, '-o', bad],
                        ['compare', CORPUS_TXT, '-o', bad], ['export', CORPUS_TXT, '--sqlite', os.path.join(bad, 'k.db')],
                        ['export', CORPUS_TXT, '--xlsx', os.path.join(bad, 'k.xlsx')]):
            p = run(command)
            err = p.stderr.decode('utf-8', 'replace')
            check(p.returncode == 3 and 'Not a directory' in err and 'internal error' not in err,
                  '%s into an unwritable -o: exit 3, the errno reason' % ' '.join(command[:1] + command[2:3]), p)

        # An ODT is a document, not a zip archive of members (the sniff table).
        odt_dir = os.path.join(tmp, 'odt-in')
        os.mkdir(odt_dir)
        with open(os.path.join(SOURCE, 'tests', 'renderings', 'tyumen-roadmap-2023.odt'), 'rb') as src, \
                open(os.path.join(odt_dir, 'plan.odt'), 'wb') as dst:
            dst.write(src.read())
        p = run(['extract', odt_dir, '-o', os.path.join(tmp, 'odt-out')])
        lines = [json.loads(l) for l in open(os.path.join(tmp, 'odt-out', 'manifest.jsonl'), encoding='utf-8')] \
            if p.returncode == 0 else []
        check(len(lines) == 1 and lines[0]['path'].endswith('plan.odt') and lines[0]['format'] == 'odt'
              and lines[0]['measures'] > 20, 'an .odt in a folder is one document (format odt), not archive members', p)

        # The manifest counts warnings, so a document with no roadmap can be found with jq.
        named = os.path.join(tmp, 'named.txt')
        with open(named, 'w', encoding='utf-8') as f:
            f.write('Комплекс мер по развитию школьного спорта в Курганской области\n\nТаблица утрачена при экспорте.\n')
        p = run(['extract', named, CORPUS_TXT, '-o', os.path.join(tmp, 'warn')])
        lines = {os.path.basename(l['path']): l for l in
                 (json.loads(x) for x in open(os.path.join(tmp, 'warn', 'manifest.jsonl'), encoding='utf-8'))} \
            if p.returncode == 0 else {}
        check(lines.get('named.txt', {}).get('measures') == 0 and lines['named.txt'].get('warnings', 0) >= 1
              and lines.get('tyumen-roadmap-2023.txt', {}).get('warnings') == 0,
              'manifest lines carry measures and warnings (table.not_found counted, a clean roadmap 0)', p)

        # A file name in another encoding (windows-1251 bytes): every JSON
        # output and the manifest stay valid UTF-8, the name's bytes as U+FFFD.
        odd_dir = os.path.join(tmp, 'odd').encode()
        os.makedirs(odd_dir)
        odd = os.path.join(odd_dir, b'prikaz-\xcf\xf0\xe8\xea\xe0\xe7.txt')
        with open(odd, 'wb') as f:
            f.write(open(CORPUS_TXT, 'rb').read())
        p = subprocess.run([KARTA.encode(), b'extract', odd, b'-o', os.path.join(tmp, 'odd-out').encode()], capture_output=True)
        valid = p.returncode == 0
        for name in os.listdir(os.path.join(tmp, 'odd-out').encode()):
            if name.startswith(b'.'):
                continue   # .karta.lock
            raw = open(os.path.join(tmp.encode(), b'odd-out', name), 'rb').read()
            try:
                for line in raw.decode('utf-8').splitlines() if name.endswith(b'.jsonl') else [raw.decode('utf-8')]:
                    doc = json.loads(line)
                    valid = valid and '\ufffd' in (doc.get('source', {}).get('path', '') or doc.get('path', ''))
            except (UnicodeDecodeError, ValueError):
                valid = False
        check(valid, 'a file name that is not UTF-8: outputs and manifest stay valid UTF-8 JSON', p)

        # A name with "!" is a document like any other, not a hidden file
        # (issue 16: "Срочно!.txt" was skipped as ".txt").
        bang = os.path.join(tmp, 'bang')
        os.makedirs(bang)
        open(os.path.join(bang, 'Срочно!.txt'), 'wb').write(open(CORPUS_TXT, 'rb').read())
        p = run(['extract', bang, '-o', os.path.join(tmp, 'bang-out')])
        check(p.returncode == 0 and os.path.isfile(os.path.join(tmp, 'bang-out', 'Срочно!.txt.json')),
              'a file named with "!" is extracted, not skipped', p)

        # `karta rules test` refuses a rule file with a misspelt key or a
        # renamed group, naming file:line.
        import shutil
        for what, file, before, after, expect in (
                ('a misspelt key', 'deadlines.yaml', 'no_match:', 'no_macth:', b'unknown key'),
                ('a renamed group', 'mentions.yaml', '\nkinds:\n', '\nkind:\n', b'unknown group')):
            rules = os.path.join(tmp, 'rules-' + file)
            shutil.copytree(os.path.join(SOURCE, 'rules'), rules)
            path = os.path.join(rules, file)
            text = open(path, encoding='utf-8').read().replace(before, after, 1)
            open(path, 'w', encoding='utf-8').write(text)
            p = run(['rules', 'test', rules])
            check(p.returncode != 0 and expect in p.stderr and (file + ':').encode() in p.stderr,
                  'rules test refuses %s with file:line' % what, p)

        # Issue 16 item 14: a file name holding terminal escapes reaches
        # stderr escaped, in the per-file line and in an argument's error.
        evil_dir = os.path.join(tmp, 'evil')
        os.makedirs(evil_dir)
        evil = os.path.join(evil_dir, 'act\x1b]0;pwned\x07\x1b[31m\x9b2J.docx')
        open(evil, 'wb').write(b'PK\x03\x04 not really a zip')
        p = run(['extract', evil_dir, '-o', os.path.join(tmp, 'evil-out')])
        check(p.returncode == 1 and b'\x1b' not in p.stderr and b'\x07' not in p.stderr and b'\xc2\x9b' not in p.stderr
              and b'act\\x1b]0;pwned\\x07\\x1b[31m' in p.stderr,
              'control characters of a file name are escaped on stderr', p)
        p = run(['extract', evil + '.missing', '-o', os.path.join(tmp, 'evil-out2')])
        check(p.returncode != 0 and b'\x1b' not in p.stderr and b'\\x1b' in p.stderr,
              'control characters of a missing argument are escaped on stderr', p)

        # Issue 16 item 4: a write to standard output that fails (a full
        # disk: /dev/full) is exit 3 with the reason, in every command.
        for args in (['extract', CORPUS_TXT, '-o', '-'], ['extract', CORPUS_TXT, CORPUS_DOCX, '--jsonl'],
                     ['read', CORPUS_TXT]):
            with open('/dev/full', 'wb') as full:
                p = subprocess.run([KARTA] + args, stdout=full, stderr=subprocess.PIPE)
            check(p.returncode == 3 and b'standard output: No space left on device' in p.stderr,
                  'a full disk under ' + ' '.join(args[:1] + args[-1:]) + ' is exit 3 with the reason', p)
        p = run(['compare', CORPUS_TXT, '-o', '-'], cwd=tmp)
        check(p.returncode == 2 and not os.path.exists(os.path.join(tmp, '-')), 'compare -o - is a usage error, no folder "-"', p)

        # Issue 16 item 3: one writer per OUT (flock on OUT/.karta.lock);
        # shards share OUT, the same shard twice does not.
        import fcntl
        locked = os.path.join(tmp, 'locked')
        os.makedirs(locked)
        with open(os.path.join(locked, '.karta.lock'), 'w') as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            p = run(['extract', CORPUS_TXT, '-o', locked])
            check(p.returncode != 0 and b'.karta.lock' in p.stderr and b'another karta run' in p.stderr
                  and not os.path.exists(os.path.join(locked, 'manifest.jsonl')),
                  'a second run into a locked OUT fails at once, naming the lock', p)
            fcntl.flock(held, fcntl.LOCK_UN)
            fcntl.flock(held, fcntl.LOCK_SH)   # as a running shard holds it
            # The input falls in one of the two shards, by its path's hash.
            runs = [run(['extract', CORPUS_TXT, '-o', locked, '--shard', k, '--quiet']) for k in ('1/2', '2/2')]
            p = min(runs, key=lambda r: r.returncode)
            check(p.returncode == 0 and not any(b'.lock' in r.stderr for r in runs),
                  'a shard runs beside another shard of the same OUT', p)
            p = run(['extract', CORPUS_TXT, '-o', locked, '--quiet'])
            check(p.returncode != 0 and b'another karta run' in p.stderr, 'a whole run waits for the shards in its OUT', p)
        with open(os.path.join(locked, '.karta-shard-1-of-2.lock'), 'w') as one, \
                open(os.path.join(locked, '.karta-shard-2-of-2.lock'), 'w') as two:
            fcntl.flock(one, fcntl.LOCK_EX)
            fcntl.flock(two, fcntl.LOCK_EX)
            runs = [run(['extract', CORPUS_TXT, '-o', locked, '--shard', k]) for k in ('1/2', '2/2')]
            p = max(runs, key=lambda r: b'this shard is already being run' in r.stderr)
            check(all(r.returncode != 0 for r in runs) and b'this shard is already being run' in p.stderr,
                  'the same shard twice is refused', p)
        p = run(['extract', CORPUS_TXT, '-o', locked, '--quiet'])
        check(p.returncode == 0, 'the lock goes with the run that held it', p)

        # Exit 0: all done; nothing on stdout when writing into OUT.
        p = run(['extract', CORPUS_TXT, '-o', os.path.join(tmp, 'fine'), '--quiet'])
        check(p.returncode == 0 and p.stdout == b'' and p.stderr == b'', 'all inputs done: exit 0, quiet', p)

    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
