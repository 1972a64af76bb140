#!/usr/bin/env python3
"""Reader scaling: the same roadmap table at 1x and 100x its length, in each
text layout and as HTML, read and extracted by karta. Reports seconds
(median of 3 runs) and the 100x/1x ratio, which stays near 100 when the
work is linear. Beside it, in the same run, the floor for HTML: libxml2's
bare HTML parse (xmllint --html --noout), when libxml2-utils is installed.
Not a test: it asserts nothing, it reports.

usage: reader_scaling.py KARTA OUT.md
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

KARTA, OUT = sys.argv[1], sys.argv[2]
HEADER = ['N п/п', 'Наименование мероприятия', 'Срок', 'Ответственный', 'Результат']


def rows(n):
    for i in range(1, n + 1):
        yield ['%d.%d.%d' % (i // 100 + 1, i // 10 % 10 + 1, i % 10 + 1), 'Мероприятие номер %d по развитию наставничества' % i,
               'март 2025 г.', 'ГАУ ДПО ИРО', 'отчёт']


LAYOUTS = {
    'tab': lambda n: '\n'.join('\t'.join(r) for r in [HEADER, *rows(n)]) + '\n',
    'pipe': lambda n: '\n'.join(' | '.join(r) + ' |' for r in [HEADER, *rows(n)]) + '\n',
    'garant (cell per line)': lambda n: ''.join(c + ' |\n' for r in [HEADER, *rows(n)] for c in r),
    'cntd (paragraph per cell)': lambda n: ''.join(c + '\n\n' for r in [HEADER, *rows(n)] for c in r),
    'ascii box': lambda n: ''.join('+----+----+----+----+----+\n| ' + ' | '.join(r) + ' |\n' for r in [HEADER, *rows(n)])
                           + '+----+----+----+----+----+\n',
    'html': lambda n: '<!DOCTYPE html><html><body><table>' + ''.join(
        '<tr>' + ''.join('<td>%s</td>' % c for c in r) + '</tr>\n' for r in [HEADER, *rows(n)]) + '</table></body></html>\n',
}


def median_seconds(cmd, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    small, large = 100, 10000
    lines = ['# Reader scaling (bench/reader_scaling.py)', '',
             'One roadmap table of %d and of %d rows (100x), `karta extract -o -`, median of 3 runs, '
             'process start included (it is most of the 1x time).' % (small, large), '',
             '| layout | bytes 1x | measures 1x / 100x | s 1x | s 100x | ratio | floor 1x | floor 100x | floor ratio |',
             '|---|---|---|---|---|---|---|---|---|']
    xmllint = shutil.which('xmllint')
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in LAYOUTS.items():
            figures, floors, found = {}, {}, {}
            for n in (small, large):
                path = os.path.join(tmp, 'plan-%d.%s' % (n, 'html' if name == 'html' else 'txt'))
                with open(path, 'w', encoding='utf-8') as f:
                    f.write('План мероприятий\n\n' + make(n) if name != 'html' else make(n))
                figures[n] = (os.path.getsize(path), median_seconds([KARTA, 'extract', path, '-o', '-']))
                out = subprocess.run([KARTA, 'extract', path, '-o', '-'], capture_output=True).stdout
                doc = json.loads(out) if out else {'roadmaps': []}
                found[n] = sum(len(s['measures']) for r in doc['roadmaps'] for d in r['directions'] for s in d['system_measures'])
                if name == 'html' and xmllint:
                    floors[n] = median_seconds([xmllint, '--html', '--noout', path])
            (b1, t1), (_, t100) = figures[small], figures[large]
            floor = ('%.3f | %.3f | %.1f' % (floors[small], floors[large], floors[large] / floors[small])) if floors else '– | – | –'
            lines.append('| %s | %d | %d / %d | %.3f | %.3f | %.1f | %s |' % (name, b1, found[small], found[large], t1, t100,
                                                                          t100 / t1, floor))
    lines += ['', 'A ratio at or under ~100 is linear work (the 1x time carries the fixed cost of starting '
              'the process and loading the rules, so linear work shows well under 100).', '']
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
