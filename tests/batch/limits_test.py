#!/usr/bin/env python3
"""Documents engineered to be slow or huge, each followed in the batch by a
good one: each is stopped by its limit with a clear reason, the run's memory
stays bounded, and the next file is converted.

- a DOCX whose table has 200,000 rows (stopped by --max-rows, default 100,000);
- the same with the row limit lifted and a 1 s budget (stopped by --time-budget);
- 60,000 paragraphs, quick to read and slow to extract, under the same budget
  (it held only in the readers: extraction ran on for 10 s);
- a DOCX with one 50 MB cell (libxml2's 10 MB text-node limit, the part limit);
- 100,000 nested tables (the XML depth limit);
- a text export with a 20 MB line (--max-line-mb, default 16);
- 8 M short lines, 1.5 M empty paragraphs, 5 M empty cells (--max-lines,
  --max-paragraphs, --max-total-cells: counted while reading, so memory stays
  under the cap; they took 2.6 GB, 460 MB and 1.2 GB).

usage: limits_test.py KARTA SOURCE_DIR HOSTILE_DIR (the generated hostile set)
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

KARTA, SOURCE, HOSTILE = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# ASan's shadow memory and quarantine triple a process's RSS: the cap is for
# the plain build, the sanitizer build gets room (and checks memory itself).
RSS_CAP_MB = 2048 if os.environ.get("KARTA_SANITIZED") else 512
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def docx(path, body_chunks):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode())
            for chunk in body_chunks:
                f.write(chunk.encode())
            f.write(b"</w:body></w:document>")


def cell(text):
    return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def many_rows(n):
    yield "<w:tbl>" + "<w:tr>" + cell("Мероприятие") + cell("Ответственный") + cell("Срок") + "</w:tr>"
    for i in range(n):
        yield "<w:tr>" + cell(f"Мероприятие {i}") + cell("ДОН") + cell("Ежегодно") + "</w:tr>"
    yield "</w:tbl>"


def main():
    with tempfile.TemporaryDirectory(prefix="karta-limits-") as tmp:
        root = pathlib.Path(tmp)
        src = root / "in"
        src.mkdir()
        good = SOURCE / "corpus/tyumen-roadmap-2023.docx"
        docx(src / "a1-rows-200k.docx", many_rows(200_000))
        shutil.copy(good, src / "a2-good.docx")
        docx(src / "b1-cell-50mb.docx", ["<w:p><w:r><w:t>", "Мероприятие " * 2_200_000, "</w:t></w:r></w:p>"])
        shutil.copy(good, src / "b2-good.docx")
        shutil.copy(HOSTILE / "deep_nesting_tables_100k.docx", src / "c1-nested.docx")
        shutil.copy(good, src / "c2-good.docx")
        (src / "d1-long-line.txt").write_text("Мероприятие\tСрок\n" + "х" * (10 << 20) + "\n", encoding="utf-8")
        shutil.copy(SOURCE / "corpus/tyumen-roadmap-2023.txt", src / "d2-good.txt")
        # Shapes whose document model outgrew the input a hundredfold (issue 16 item 10).
        (src / "e1-short-lines.txt").write_text("а\n" * (8 << 20), encoding="utf-8")   # 24 MiB, 8 M lines
        shutil.copy(SOURCE / "corpus/tyumen-roadmap-2023.txt", src / "e2-good.txt")
        docx(src / "f1-paragraphs.docx", ["<w:p/>" * 1_500_000])
        shutil.copy(good, src / "f2-good.docx")
        docx(src / "g1-empty-cells.docx", ["<w:tbl>"] + ["<w:tr>" + "<w:tc/>" * 1000 + "</w:tr>"] * 5000 + ["</w:tbl>"])
        shutil.copy(good, src / "g2-good.docx")

        def run(out, *extra):
            with tempfile.NamedTemporaryFile() as t:
                r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, str(KARTA), "extract", str(src), "-o", str(out),
                                    "-j", "1", "--quiet", *extra], capture_output=True, timeout=600)
                rss = int(pathlib.Path(t.name).read_text().split()[-1]) // 1024
            manifest = {pathlib.Path(e["path"]).name: e for e in map(json.loads, (out / "manifest.jsonl").read_text().splitlines())}
            return r, rss, manifest

        r, rss, m = run(root / "out")
        for name, e in sorted(m.items()):
            print(f"{name}: {e['status']} {e['error'] or ''} ({e['ms']} ms)")
        print(f"peak RSS {rss} MB")
        check(r.returncode == 1, f"exit {r.returncode}")
        check(rss <= RSS_CAP_MB, f"peak RSS {rss} MB over {RSS_CAP_MB} MB")
        expect = {"a1-rows-200k.docx": "more than 100000 rows", "b1-cell-50mb.docx": "word/document.xml",
                  "c1-nested.docx": "nested deeper", "d1-long-line.txt": "line limit",
                  "e1-short-lines.txt": "more than 1000000 lines", "f1-paragraphs.docx": "more than 200000 paragraphs",
                  "g1-empty-cells.docx": "more than 1000000 table cells"}
        for name, words in expect.items():
            e = m.get(name, {})
            check(e.get("status") == "failed" and e.get("error"), f"{name}: {e}")
            check(words in (e.get("error") or ""), f"{name}: reason {e.get('error')!r} lacks {words!r}")
        for name in ("a2-good.docx", "b2-good.docx", "c2-good.docx", "d2-good.txt", "e2-good.txt", "f2-good.docx",
                     "g2-good.docx"):
            check(m.get(name, {}).get("status") == "ok" and m[name]["measures"] == 39, f"{name} after a bad one: {m.get(name)}")

        # The 200,000 rows again with the row limit lifted: the time budget stops it.
        src2 = root / "in2"
        src2.mkdir()
        shutil.move(src / "a1-rows-200k.docx", src2 / "a1-rows-200k.docx")
        shutil.copy(good, src2 / "a2-good.docx")
        docx(src2 / "b1-cell-3mb.docx", ["<w:p><w:r><w:t>", "Мероприятие " * 130_000, "</w:t></w:r></w:p>"])
        # Quick to read, slow to extract: 60,000 paragraphs naming bodies and dates.
        para = ("Министерство образования и науки Республики Карелия совместно с ГАУ ДПО «Карельский институт "
                "развития образования» обеспечивает мониторинг до 31 декабря 2025 года, пункт {}.\n\n")
        (src2 / "h1-slow-paragraphs.txt").write_text("".join(para.format(i) for i in range(60_000)), encoding="utf-8")
        src = src2
        r, rss, m = run(root / "out2", "--max-rows", "1000000", "--time-budget", "1", "--max-text-mb", "1")
        e = m["b1-cell-3mb.docx"]
        check(e["status"] == "failed" and "text node over the 1000000-byte limit" in e["error"], f"--max-text-mb: {e}")
        e = m["a1-rows-200k.docx"]
        print(f"with --max-rows 1000000 --time-budget 1: {e['status']} {e['error']} ({e['ms']} ms), peak RSS {rss} MB")
        check(e["status"] == "failed" and "budget of 1000 ms" in e["error"], f"time budget: {e}")
        check(e["ms"] < 5000, f"stopped after {e['ms']} ms, not near its 1 s budget")
        check(m["a2-good.docx"]["status"] == "ok", "the good file after the slow one")
        e = m["h1-slow-paragraphs.txt"]
        print(f"slow paragraphs with --time-budget 1: {e['status']} {e['error']} ({e['ms']} ms)")
        check(e["status"] == "failed" and "while matching the rules" in (e["error"] or "") and e["ms"] < 5000,
              f"the time budget holds in extraction, not only in reading: {e}")
        check(rss <= RSS_CAP_MB, f"peak RSS {rss} MB over {RSS_CAP_MB} MB (time budget run)")

    for p in problems:
        print("FAIL:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
