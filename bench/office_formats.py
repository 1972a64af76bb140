#!/usr/bin/env python3
"""The formats that arrive as exports (issue 14), each beside a peer or a
floor measured in the same run, because these machines are noisy:

- RTF: `karta read` MB/s on a 20 MB RTF roadmap (LibreOffice's RTF of the
  Tyumen roadmap, its table rows repeated), beside `karta read` of the same
  rows as tab-separated text (the cheapest reader karta has);
- PDF: pages per second of `karta read` on LibreOffice's PDFs of the corpus
  and fixtures, beside `pdftotext -layout` on the same files;
- .doc: files per second for the six .doc renderings in one `karta extract`
  batch (one LibreOffice run), beside one `soffice --convert-to docx` call
  per file.

Reports, asserts nothing. usage: office_formats.py KARTA SOURCE_DIR OUT.md
"""
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

KARTA, SOURCE, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
OFFICE = os.path.join(SOURCE, 'tests', 'renderings', 'office')


def timed(cmd, runs=3, **kw):
    times = []
    for _ in range(runs):
        t = time.monotonic()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
        times.append(time.monotonic() - t)
    return statistics.median(times)


def big_rtf(path, target=20 << 20):
    rtf = open(os.path.join(OFFICE, 'tyumen-roadmap-2023.lo.rtf'), 'rb').read()
    rows = re.findall(rb'\\trowd.*?\\row', rtf, re.S)
    body = b''.join(rows[1:]) or b'\\par '
    head, tail = rtf[:rtf.index(rows[1])], rtf[rtf.rindex(rows[-1]) + len(rows[-1]):]
    n = max(1, (target - len(head) - len(tail)) // len(body))
    with open(path, 'wb') as f:
        f.write(head + body * n + tail)
    return n * (len(rows) - 1)


def main():
    lines = ['# Office formats: RTF, PDF, DOC', '', 'Machine: %d cores. Median of 3 runs unless noted.' % os.cpu_count(), '']
    with tempfile.TemporaryDirectory() as tmp:
        rtf = os.path.join(tmp, 'big.rtf')
        nrows = big_rtf(rtf)
        size = os.path.getsize(rtf) / 1e6
        t_rtf = timed([KARTA, 'read', rtf, '-o', os.path.join(tmp, 'r.json')])
        txt = os.path.join(tmp, 'big.txt')
        with open(txt, 'w', encoding='utf-8') as f:
            i = 0
            while f.tell() < os.path.getsize(rtf) and i < 90000:   # under the 100 000-row table limit
                f.write('%d.\tМероприятие номер %d по развитию наставничества\tмарт 2025 г.\tГАУ ДПО ИРО\tотчёт\n' % (i, i))
                i += 1
        tsize = os.path.getsize(txt) / 1e6
        t_txt = timed([KARTA, 'read', txt, '-o', os.path.join(tmp, 't.json')])
        lines += ['## RTF', '', '| input | MB | s | MB/s |', '|---|---|---|---|',
                  '| RTF, %d table rows | %.1f | %.2f | **%.1f** |' % (nrows, size, t_rtf, size / t_rtf),
                  '| tab-separated roadmap text, 90 000 rows (karta text reader, same run) | %.1f | %.2f | %.1f |' % (tsize, t_txt, tsize / t_txt), '']

        pdfs = sorted(glob.glob(os.path.join(OFFICE, '*.lo.pdf')))
        pages = 0
        for p in pdfs:
            info = subprocess.run(['pdfinfo', p], capture_output=True, text=True).stdout
            pages += int(re.search(r'Pages:\s+(\d+)', info).group(1))
        t_karta = timed([KARTA, 'extract', '-o', os.path.join(tmp, 'pdf')] + pdfs)
        t_pdftotext = sum(timed(['pdftotext', '-layout', p, os.path.join(tmp, 'x.txt')]) for p in pdfs)
        # The same files ten times over in one run: what a batch pays per page
        # once the process has loaded its rules and the Russian dictionary.
        many = []
        for i in range(10):
            for p in pdfs:
                copy = os.path.join(tmp, 'many', str(i), os.path.basename(p))
                os.makedirs(os.path.dirname(copy), exist_ok=True)
                shutil.copy(p, copy)
                many.append(copy)
        t_many = timed([KARTA, 'extract', '-o', os.path.join(tmp, 'pdf-many')] + many)
        t_many_peer = sum(timed(['pdftotext', '-layout', p, os.path.join(tmp, 'x.txt')], runs=1) for p in many)
        lines += ['## PDF', '', '%d files, %d pages. karta renders each page once (72 dpi) for its ruling lines and '
                  'loads the Russian dictionary once per process (0.1-0.2 s) when a word looks broken.' % (len(pdfs), pages),
                  '', '| tool | s | pages/s |', '|---|---|---|',
                  '| karta extract (read, lay out, extract) | %.2f | **%.0f** |' % (t_karta, pages / t_karta),
                  '| pdftotext -layout (peer, text only) | %.2f | %.0f |' % (t_pdftotext, pages / t_pdftotext),
                  '| karta extract, the same files ten times in one run | %.2f | **%.0f** |' % (t_many, 10 * pages / t_many),
                  '| pdftotext -layout, the same 60 files | %.2f | %.0f |' % (t_many_peer, 10 * pages / t_many_peer), '']

        docs = sorted(glob.glob(os.path.join(OFFICE, '*.lo.doc')))
        soffice = shutil.which('soffice')
        if soffice:
            env = dict(os.environ, TMPDIR=tmp)
            t_batch = timed([KARTA, 'extract', '-o', os.path.join(tmp, 'doc')] + docs, runs=1, env=env)
            t_each = 0.0
            for d in docs:
                prof = tempfile.mkdtemp(dir=tmp)
                t_each += timed([soffice, '-env:UserInstallation=file://' + prof, '--headless', '--convert-to', 'docx',
                                 '--outdir', prof, d], runs=1)
            lines += ['## .doc through LibreOffice', '', '%d files; one run each.' % len(docs), '',
                      '| way | s | files/s |', '|---|---|---|',
                      '| karta extract, one LibreOffice run for the batch | %.1f | **%.2f** |' % (t_batch, len(docs) / t_batch),
                      '| soffice --convert-to docx, one call per file (peer) | %.1f | %.2f |' % (t_each, len(docs) / t_each), '']
        else:
            lines += ['## .doc through LibreOffice', '', 'soffice is not installed: not measured.', '']
    open(OUT, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
