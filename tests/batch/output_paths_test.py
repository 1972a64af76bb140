#!/usr/bin/env python3
"""Issue 16 item 1: an output path is a function of the input's own path.
Two directory arguments holding the same relative path get two outputs, the
same in every shard and every run; --resume keeps an output only when its
manifest line, path, bytes and the output file itself agree.

usage: output_paths_test.py KARTA SOURCE_DIR
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

KARTA, SOURCE = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
problems = []


def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        problems.append(what)


def extract(*args, cwd):
    return subprocess.run([str(KARTA), 'extract', *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def manifest(out):
    lines = []
    for m in sorted(out.glob('manifest*.jsonl')):
        lines += [json.loads(l) for l in m.read_text(encoding='utf-8').splitlines() if l.strip()]
    return lines


def agree(out, entries, what):
    """Every ok entry's output exists and was made from that entry's input."""
    outputs = [e['output'] for e in entries if e['status'] == 'ok']
    check(len(outputs) == len(set(outputs)), f'{what}: two inputs share an output')
    for e in entries:
        if e['status'] != 'ok':
            continue
        try:
            doc = json.loads((out / e['output']).read_text(encoding='utf-8'))
        except (OSError, ValueError) as err:
            check(False, f"{what}: {e['output']} does not parse: {err}")
            continue
        check(doc['source']['path'] == e['path'] and doc['source']['sha256'] == e['sha256'],
              f"{what}: {e['output']} holds {doc['source']['path']}, not {e['path']}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for year, doc in (('y2023', 'tyumen-roadmap-2023.txt'), ('y2024', 'kuzbass-order-2023-1971.txt')):
            (tmp / year).mkdir()
            shutil.copy(SOURCE / 'corpus' / doc, tmp / year / 'prikaz1.txt')
            shutil.copy(SOURCE / 'corpus' / doc, tmp / year / f'only-{year}.txt')

        p = extract('y2023', 'y2024', '-o', 'whole', '--quiet', cwd=tmp)
        check(p.returncode == 0, f'one run over both directories: exit {p.returncode} {p.stderr}')
        whole = manifest(tmp / 'whole')
        agree(tmp / 'whole', whole, 'one run')
        by_path = {e['path']: e['output'] for e in whole}
        check(by_path.get('y2023/prikaz1.txt') != by_path.get('y2024/prikaz1.txt'), 'the colliding names got one output')
        check(by_path.get('y2023/only-y2023.txt') == 'only-y2023.txt.json', 'a name nobody shares keeps its plain output')

        for k in (1, 2, 3):
            p = extract('y2023', 'y2024', '-o', 'shards', '--shard', f'{k}/3', '--quiet', cwd=tmp)
            check(p.returncode in (0, 1) or 'no documents' in p.stderr, f'shard {k}/3: exit {p.returncode} {p.stderr}')
        sharded = manifest(tmp / 'shards')
        agree(tmp / 'shards', sharded, 'three shards into one OUT')
        check({e['path']: e['output'] for e in sharded} == by_path, 'shards name outputs as one run does')

        # A directory added later: --resume gives each input its own output again.
        p = extract('y2023', '-o', 'grow', '--quiet', cwd=tmp)
        p = extract('y2023', 'y2024', '-o', 'grow', '--resume', '--quiet', cwd=tmp)
        check(p.returncode == 0, f'resume after adding a directory: exit {p.returncode} {p.stderr}')
        agree(tmp / 'grow', manifest(tmp / 'grow'), 'resume after adding a directory')
        check(not (tmp / 'grow' / 'prikaz1.txt.json').exists(),
              'the output y2023/prikaz1.txt had before its name collided is gone (compare would read it twice)')

        # Item 5: an input gone since the last run keeps its output under a
        # "removed" manifest line, and compare skips it.
        (tmp / 'y2024' / 'only-y2024.txt').rename(tmp / 'only-y2024.txt.away')
        p = extract('y2023', 'y2024', '-o', 'grow', '--resume', '--quiet', cwd=tmp)
        check(p.returncode == 0, f'resume after removing an input: exit {p.returncode} {p.stderr}')
        lines = manifest(tmp / 'grow')
        gone = [e for e in lines if e['path'] == 'y2024/only-y2024.txt']
        check(len(gone) == 1 and gone[0]['status'] == 'removed' and gone[0]['output'] == 'only-y2024.txt.json'
              and (tmp / 'grow' / 'only-y2024.txt.json').exists(),
              f'the removed input has a "removed" line and its output is kept: {gone}')
        check(sum(1 for e in lines if e['status'] == 'ok') == 3, 'the three inputs still there are ok')
        p = subprocess.run([str(KARTA), 'compare', 'grow', '-o', 'cmp'], capture_output=True, text=True, cwd=tmp, timeout=300)
        check('only-y2024.txt.json: its input was removed' in p.stderr,
              f'compare skips the removed input\'s output, saying why: {p.stderr.strip()[-300:]}')
        (tmp / 'only-y2024.txt.away').rename(tmp / 'y2024' / 'only-y2024.txt')
        p = extract('y2023', 'y2024', '-o', 'grow', '--resume', '--quiet', cwd=tmp)
        check([e['status'] for e in manifest(tmp / 'grow') if e['path'] == 'y2024/only-y2024.txt'] == ['ok'],
              'an input back again is ok again')

        # Item 5: an input whose name holds karta's temporary mark keeps its
        # output when a later run into the same OUT cleans up temporaries.
        (tmp / 'marked').mkdir()
        shutil.copy(SOURCE / 'corpus' / 'tyumen-roadmap-2023.txt', tmp / 'marked' / 'акт.karta-tmp-7.txt')
        shutil.copy(SOURCE / 'corpus' / 'tyumen-roadmap-2023.txt', tmp / 'marked' / 'акт.karta-tmp-8')
        p = extract('marked', '-o', 'shared', '--quiet', cwd=tmp)
        p = extract('y2023', '-o', 'shared', '--quiet', cwd=tmp)
        for name in ('акт.karta-tmp-7.txt.json', 'акт.karta-tmp-8.json'):
            check((tmp / 'shared' / name).exists(), f'{name} survives a later run into the same OUT')

        # An output damaged or replaced since: converted again, not kept.
        target = tmp / 'whole' / by_path['y2023/only-y2023.txt']
        target.write_text(target.read_text(encoding='utf-8')[:200], encoding='utf-8')
        other = tmp / 'whole' / by_path['y2024/only-y2024.txt']
        shutil.copy(tmp / 'whole' / by_path['y2023/prikaz1.txt'], other)
        p = extract('y2023', 'y2024', '-o', 'whole', '--resume', '--verbose', cwd=tmp)
        check(p.returncode == 0, f'resume over damaged outputs: exit {p.returncode}')
        check('ok y2023/only-y2023.txt' in p.stderr and 'ok y2024/only-y2024.txt' in p.stderr
              and 'kept y2023/prikaz1.txt' in p.stderr,
              'a cut output and one made from other bytes are converted again, a sound one kept')
        agree(tmp / 'whole', manifest(tmp / 'whole'), 'resume over damaged outputs')
    print('%d problems' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
