#!/usr/bin/env python3
"""The formats that arrive as exports (issue 14), each beside a peer or a
floor measured in the same run, because these machines are noisy:

- RTF: `karta read` MB/s on a 20 MB RTF roadmap (LibreOffice's RTF of the
  Tyumen roadmap, its table rows repeated), beside `karta read` of the same
  rows as tab-separated text (the cheapest reader karta has);
- PDF: pages per second of `karta read` on LibreOffice's PDFs of the corpus
  and fixtures, beside `pdftotext -layout` on the same files;
- ODT: `karta extract` MB/s of content.xml on a generated 10,000-row roadmap
  ODT, beside the SAX floor (`unzip -p | sax_floor`: inflate and libxml2's
  SAX2 parse, nothing built) and pandoc odt → json, when given and installed;
- .doc: files per second for the six .doc renderings in one `karta extract`
  batch (one LibreOffice run), beside one `soffice --convert-to docx` call
  per file.

Reports, asserts nothing. usage: office_formats.py KARTA SOURCE_DIR OUT.md [SAX_FLOOR]
"""
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

KARTA, SOURCE, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
SAX_FLOOR = sys.argv[4] if len(sys.argv) > 4 else None
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


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def roadmap_odt(path, rows):
    """An order with one roadmap table of `rows` measures, as LibreOffice lays out an ODT."""
    def cell(text):
        return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % text
    header = ['№ п/п', 'Наименование мероприятия', 'Срок исполнения', 'Ответственные исполнители', 'Ожидаемый результат']
    body = ['<table:table-row>' + ''.join(cell(h) for h in header) + '</table:table-row>']
    for i in range(1, rows + 1):
        body.append('<table:table-row>' + cell('%d.' % i) +
                    cell('Проведение семинара № %d для наставников молодых педагогов' % i) +
                    cell('до %d декабря 202%d г.' % (i % 28 + 1, 5 + i % 3)) +
                    cell('Министерство образования, ГАУ ДПО «Институт развития образования»') +
                    cell('проведено не менее %d семинаров, отчёт' % (i % 7 + 1)) + '</table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s office:version="1.3"><office:body>'
               '<office:text><text:p>ПРИКАЗ</text:p><text:p>Об утверждении плана мероприятий («дорожной карты») '
               'по развитию системы наставничества</text:p><table:table table:name="План">'
               '<table:table-column table:number-columns-repeated="5"/>%s</table:table></office:text></office:body>'
               '</office:document-content>') % (ODF_NS, ''.join(body))
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text')   # stored, first
        z.writestr('content.xml', content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('styles.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-styles %s office:version="1.3">'
                   '<office:styles/></office:document-styles>' % ODF_NS, compress_type=zipfile.ZIP_DEFLATED)   # pandoc needs one
        z.writestr('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   '</manifest:manifest>', compress_type=zipfile.ZIP_DEFLATED)
    return len(content.encode('utf-8'))


def odt_section(tmp):
    odt = os.path.join(tmp, 'roadmap.odt')
    xml_mb = roadmap_odt(odt, 10000) / 1e6
    x = json.loads(subprocess.run([KARTA, 'extract', odt, '-o', '-'], check=True, capture_output=True).stdout)
    measures = sum(len(s['measures']) for r in x['roadmaps'] for d in r['directions'] for s in d['system_measures'])
    rounds = {'karta': [], 'floor': [], 'pandoc': []}
    pandoc = shutil.which('pandoc')
    for _ in range(3):   # alternating: each round runs karta and its peers in turn
        rounds['karta'].append(timed([KARTA, 'extract', odt, '-o', os.path.join(tmp, 'odt-out.json')], runs=1))
        if SAX_FLOOR:
            rounds['floor'].append(timed("unzip -p '%s' content.xml | '%s'" % (odt, SAX_FLOOR), runs=1, shell=True))
        if pandoc:
            rounds['pandoc'].append(timed([pandoc, '-f', 'odt', '-t', 'json', odt, '-o', os.devnull], runs=1))
    rows = ['| karta extract (read, roadmap, fields, JSON) | %.2f | **%.1f** |' % (statistics.median(rounds['karta']),
                                                                              xml_mb / statistics.median(rounds['karta']))]
    for name, label in (('floor', 'SAX floor: inflate and libxml2 SAX2 parse, nothing built'), ('pandoc', 'pandoc odt → json (peer)')):
        if rounds[name]:
            t = statistics.median(rounds[name])
            rows.append('| %s | %.2f | %.1f |' % (label, t, xml_mb / t))
        else:
            rows.append('| %s | not installed | – |' % label)
    return ['## ODT', '', 'A generated order with one roadmap table of 10,000 rows (%.1f MB content.xml, %d measures '
            'found). Medians of 3 alternating rounds.' % (xml_mb, measures), '',
            '| tool | s | MB/s of content.xml |', '|---|---|---|', *rows, '']


def main():
    lines = ['# Office formats: RTF, PDF, ODT, DOC', '', 'Machine: %d cores. Median of 3 runs unless noted.' % os.cpu_count(), '']
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

        lines += odt_section(tmp)

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
