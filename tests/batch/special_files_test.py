#!/usr/bin/env python3
"""Issue 16 item 6: a batch survives any input tree. A symlink loop, a link
out of the tree, a dangling link, a named pipe nobody writes, a socket and a
device in an input directory each get a `skipped` manifest line saying why,
are never opened (the run would block on the pipe), and the documents beside
them are converted. With --follow-symlinks links are followed, a loop fails
with why and a directory reached twice is listed once. A named pipe given as
an argument or in --files-from is read when written to, and fails within the
time budget when nobody writes (it hung forever).

usage: special_files_test.py KARTA SOURCE_DIR
"""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile

KARTA, SOURCE = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
problems = []


def check(ok, what):
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        problems.append(what)


def walk(tree, out, *extra):
    """karta extract over the tree, with a socket listening in it for the
    run's length; None when the run hangs."""
    (tree / 'sock.txt').unlink(missing_ok=True)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tree / 'sock.txt'))
    try:
        p = subprocess.run([str(KARTA), 'extract', str(tree), *extra, '-o', str(out)],
                           capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None, []
    finally:
        server.close()
    return p, [json.loads(l) for l in (out / 'manifest.jsonl').read_text(encoding='utf-8').splitlines()]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        tree = tmp / 'acts'
        (tree / 'sub').mkdir(parents=True)
        shutil.copy(SOURCE / 'corpus' / 'tyumen-roadmap-2023.txt', tree / 'sub' / 'act.txt')
        outside = tmp / 'outside.txt'
        shutil.copy(SOURCE / 'corpus' / 'kuzbass-order-2023-1971.txt', outside)
        os.symlink('..', tree / 'sub' / 'loop')                 # a directory loop
        os.symlink(outside, tree / 'away.txt')                  # out of the tree
        os.symlink(tree / 'missing.txt', tree / 'dangling.txt')
        os.symlink(tree / 'sub' / 'act.txt', tree / 'inside-link.txt')   # within the tree: converted
        os.mkfifo(tree / 'pipe.txt')
        os.symlink('/dev/zero', tree / 'zero.txt')              # leaves the tree too
        p, lines = walk(tree, tmp / 'out')
        if p is None:
            check(False, 'the run hung on a special file')
            return 1
        check(p.returncode == 0, f'exit {p.returncode}: {p.stderr}')
        by_name = {pathlib.Path(e['path']).name: e for e in lines}
        expect = {'loop': 'symbolic link to a directory', 'away.txt': 'leaving the input directory',
                  'dangling.txt': 'dangling symbolic link', 'pipe.txt': 'named pipe',
                  'sock.txt': 'socket', 'zero.txt': 'leaving the input directory'}
        for name, why in expect.items():
            e = by_name.get(name)
            check(e is not None and e['status'] == 'skipped' and why in (e['error'] or ''),
                  f'{name}: skipped because {why} (got {e})')
        for name in ('act.txt', 'inside-link.txt'):
            check(by_name.get(name, {}).get('status') == 'ok', f'{name} converted beside them')

        # --follow-symlinks: links out of the tree and to directories are
        # followed; the loop fails with why, and the run goes on.
        os.symlink(tmp / 'elsewhere', tree / 'linked-dir')
        (tmp / 'elsewhere').mkdir()
        shutil.copy(SOURCE / 'corpus' / 'kuzbass-order-2023-1971.txt', tmp / 'elsewhere' / 'there.txt')
        os.symlink(tree / 'sub', tree / 'sub-again')          # the same directory twice: listed once
        p, lines = walk(tree, tmp / 'out-follow', '--follow-symlinks')
        if p is None:
            check(False, '--follow-symlinks: the run hung')
            return 1
        check(p.returncode == 1, f'--follow-symlinks: exit {p.returncode} (the loop fails): {p.stderr}')
        by_path = {os.path.relpath(e['path'], tree): e for e in lines}
        want = {'away.txt': ('ok', ''), 'linked-dir/there.txt': ('ok', ''), 'sub/act.txt': ('ok', ''),
                'sub/loop': ('failed', 'symbolic link loop'), 'dangling.txt': ('skipped', 'dangling'),
                'pipe.txt': ('skipped', 'named pipe'), 'sock.txt': ('skipped', 'socket'),
                'zero.txt': ('skipped', 'device')}
        for rel, (status, why) in want.items():
            e = by_path.get(rel)
            check(e is not None and e['status'] == status and why in (e['error'] or ''),
                  f'--follow-symlinks: {rel} is {status} ({why}) (got {e})')
        check(by_path.get('inside-link.txt', {}).get('status') == 'ok' and 'sub-again/act.txt' not in by_path,
              f'--follow-symlinks: act.txt converted as sub/act.txt and inside-link.txt, not again under sub-again/')
        check(by_path.get('sub-again', {}).get('status') == 'skipped',
              f"--follow-symlinks: a second link to sub/ is skipped, not walked again: {by_path.get('sub-again')}")

        # A named pipe given on purpose: read when someone writes to it,
        # a clear failure within the time budget when nobody does.
        for how in ('argument', '--files-from'):
            args = [str(tree / 'pipe.txt')]
            if how == '--files-from':
                (tmp / 'list.txt').write_text(str(tree / 'pipe.txt') + '\n', encoding='utf-8')
                args = ['--files-from', str(tmp / 'list.txt')]
            try:
                p = subprocess.run([str(KARTA), 'extract', *args, '--time-budget', '2', '--jsonl'],
                                   capture_output=True, text=True, timeout=60)
            except subprocess.TimeoutExpired:
                check(False, f'a FIFO nobody writes, as {how}: the run hung')
                continue
            check(p.returncode == 1 and 'nothing was written' in p.stderr,
                  f'a FIFO nobody writes, as {how}: exit {p.returncode}, {p.stderr.strip()}')
        writer = subprocess.Popen(['sh', '-c', f'sleep 0.3; cat "{SOURCE}/corpus/tyumen-roadmap-2023.txt" > "{tree}/pipe.txt"'])
        p = subprocess.run([str(KARTA), 'extract', str(tree / 'pipe.txt'), '--time-budget', '20', '--jsonl'],
                           capture_output=True, text=True, timeout=60)
        writer.wait()
        check(p.returncode == 0 and '"roadmaps"' in p.stdout, f'a FIFO someone writes: exit {p.returncode}, {p.stderr.strip()}')
    print('%d problems' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
