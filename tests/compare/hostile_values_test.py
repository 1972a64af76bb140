#!/usr/bin/env python3
"""Issue 16 items 12-13: values from an input's extraction JSON reach the
comparison's outputs as text. Markup in any field (deadline kind, entity kind,
title, region name, mention, file name) is escaped in comparison.html (text,
attributes, data-*) and comparison.md; in measures.csv a field a spreadsheet
would run as a formula starts with an apostrophe inside quotes, and ids and
deadline texts are quoted so that an import keeps them as text.

usage: hostile_values_test.py KARTA SOURCE_DIR
"""
import csv
import io
import json
import pathlib
import subprocess
import sys
import tempfile

KARTA, SOURCE = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
MARK = '"><img src=x onerror=alert(1)>'
SCRIPT = '<script>alert(2)</script>'
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def first_measure(x):
    return x['roadmaps'][0]['directions'][0]['system_measures'][0]['measures'][0]


def main():
    x = json.loads((SOURCE / 'output' / 'tyumen-roadmap-2023.docx.json').read_text(encoding='utf-8'))
    m = first_measure(x)
    m['deadline']['kind'] = 'recurring' + MARK
    m['title'] = '=HYPERLINK("http://x.invalid";"клик") ' + SCRIPT
    m['responsible'][0]['kind'] = 'cnppm' + MARK
    m['responsible'][0]['text'] = '@SUM(1+1)' + SCRIPT
    m['result']['text'] = '-2+3'
    m['deadline']['text'] = 'Апрель 2023'
    x['document']['region']['name'] = 'Тюменская' + MARK
    x['document']['title'] = SCRIPT
    x['source']['path'] = 'corpus/' + SCRIPT + '.docx'
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / 'hostile.json').write_text(json.dumps(x, ensure_ascii=False), encoding='utf-8')
        out = tmp / 'out'
        proc = subprocess.run([str(KARTA), 'compare', str(tmp / 'hostile.json'),
                               str(SOURCE / 'output' / 'kuzbass-order-2023-1971.docx.json'), '-o', str(out)],
                              capture_output=True, text=True, timeout=300)
        check(proc.returncode == 0, f'karta compare exited {proc.returncode}: {proc.stderr}')
        if proc.returncode == 0:
            html = (out / 'comparison.html').read_text(encoding='utf-8')
            check('<img' not in html, 'comparison.html: a raw <img> from an input value')
            check('<script>alert' not in html, 'comparison.html: a raw <script> from an input value')
            check('&lt;img' in html or '&lt;img'.replace('&lt;', '&#60;') in html, 'comparison.html: the value is gone, not escaped')
            md = (out / 'comparison.md').read_text(encoding='utf-8')
            check('<img' not in md and '<script' not in md, 'comparison.md: raw HTML from an input value')
            check('&lt;script&gt;' in md, 'comparison.md: the title is gone, not escaped')
            raw = (out / 'measures.csv').read_text(encoding='utf-8-sig')
            rows = list(csv.DictReader(io.StringIO(raw, newline=''), delimiter=';'))
            hostile = [r for r in rows if r['title'].startswith("'=HYPERLINK")]
            check(len(hostile) == 1, 'measures.csv: the formula title is not neutralised with an apostrophe')
            if hostile:
                r = hostile[0]
                check(r['responsible'].startswith("'@SUM"), f"measures.csv: responsible {r['responsible']!r}")
                check(r['result'] == "'-2+3", f"measures.csv: result {r['result']!r}")
            for line in raw.splitlines()[1:]:
                fields = next(csv.reader([line], delimiter=';'))
                for cell in fields:
                    check(not cell or cell[0] not in '=+-@\t\r', f'measures.csv: a field a spreadsheet runs: {cell[:40]!r}')
            check(';"1.1.1";' in raw, 'measures.csv: the id 1.1.1 is not quoted as text')
            check(';"Апрель 2023";' in raw, 'measures.csv: a deadline text is not quoted as text')
    for p in problems:
        print('FAIL ' + p)
    print('%d problems' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
