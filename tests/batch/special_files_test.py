#!/usr/bin/env python3
"""Issue 16 item 6: a batch survives any input tree. A symlink loop, a link
out of the tree, a dangling link, a named pipe nobody writes, a socket and a
device in an input directory each get a `skipped` manifest line saying why,
are never opened (the run would block on the pipe), and the documents beside
them are converted.

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
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(tree / 'sock.txt'))
        os.symlink('/dev/zero', tree / 'zero.txt')              # leaves the tree too
        try:
            p = subprocess.run([str(KARTA), 'extract', str(tree), '-o', str(tmp / 'out')],
                               capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            check(False, 'the run hung on a special file')
            return 1
        finally:
            server.close()
        check(p.returncode == 0, f'exit {p.returncode}: {p.stderr}')
        lines = [json.loads(l) for l in (tmp / 'out' / 'manifest.jsonl').read_text(encoding='utf-8').splitlines()]
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
    print('%d problems' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
