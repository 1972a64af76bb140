#!/usr/bin/env python3
"""Memory by input shape, and archives of many members (issue 16, done-when 3).

Part 1, peak RSS per input byte: the shapes whose document model outgrew
the input (millions of short lines, empty paragraphs, empty cells, a nested
zip bomb), each converted by `karta extract`. The floor, measured in the same
run, is the peak RSS of the same process on a one-page document (the rules
and the process itself); what a shape costs is its RSS over that floor,
divided by its input bytes. With --before BIN, an older build is measured
beside the current one in the same run.

Part 2, archives of 20,000 tiny members: files per second, against the floor
of reading every member with Python's zipfile in the same run, and the same
files as a plain directory. --before measures the older build on 2,000
members only (its time grew with the square of the member count).

Part 3, a DOCX whose vertical merge leaves out the cells it covers, at
8,000, 16,000 and 32,000 rows: the time of each against the one before.

Not a test: it asserts nothing, it reports.

usage: input_shapes.py KARTA OUT.md [--before OLD_KARTA]
"""
import io
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import zipfile

args = sys.argv[1:]
before = None
if "--before" in args:
    i = args.index("--before")
    before = args[i + 1]
    del args[i:i + 2]
KARTA, OUT = args[0], args[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path, body):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>')


def shapes(d):
    made = []
    p = d / "short-lines.txt"
    p.write_text("а\n" * (8 << 20), encoding="utf-8")
    made.append(("16 MiB of short lines (8 M lines)", p))
    p = d / "paragraphs.docx"
    docx(p, "<w:p/>" * 1_500_000)
    made.append(("DOCX of 1.5 M empty paragraphs", p))
    p = d / "cells.docx"
    docx(p, "<w:tbl>" + ("<w:tr>" + "<w:tc/>" * 1000 + "</w:tr>") * 5000 + "</w:tbl>")
    made.append(("DOCX of 5 M empty cells", p))
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(4):
            z.writestr(f"{i}.txt", b" " * (200 << 20))
    p = d / "bomb.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a/inner.zip", inner.getvalue())
        z.writestr("b/inner.zip", inner.getvalue())
    made.append(("nested zip bomb (2 x 4 x 200 MB), -j 2", p))
    return made


def peak(binary, path, out):
    """(peak RSS in KB, seconds) of one conversion."""
    with tempfile.NamedTemporaryFile() as t:
        t0 = time.monotonic()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, binary, "extract", "-q", "-j", "2", str(path),
                        "-o", str(out)], capture_output=True, timeout=1800)
        seconds = time.monotonic() - t0
        return int(pathlib.Path(t.name).read_text().split()[-1]), seconds


def tiny_archive(path, n):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            z.writestr(f"acts/{i:05d}.txt", f"ПРИКАЗ № {i}\nО мерах по развитию образования\n".encode())


def timed(cmd):
    t0 = time.monotonic()
    subprocess.run(cmd, capture_output=True, timeout=3600)
    return time.monotonic() - t0


def main():
    builds = [("now", KARTA)] + ([("before", before)] if before else [])
    lines = ["# Memory by input shape, archives of many members (bench/input_shapes.py)", "",
             "Peak RSS of `karta extract -j 2` per shape. The floor is the same process on a one-page "
             "text document, measured in the same run; `per input byte` is (peak − floor) / input size.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        one_page = tmp / "one-page.txt"
        one_page.write_text("ПРИКАЗ\n\nО мерах по развитию образования\n", encoding="utf-8")
        floors = {name: peak(binary, one_page, tmp / f"floor-{name}")[0] for name, binary in builds}
        header = "| shape | input bytes |" + "".join(f" peak {n} | per input byte {n} | s {n} |" for n, _ in builds)
        lines += [f"Floor: " + ", ".join(f"{n} {floors[n] // 1024} MB" for n, _ in builds) + ".", "", header,
                  "|---|---|" + "---|---|---|" * len(builds)]
        for label, path in shapes(tmp):
            size = path.stat().st_size
            row = f"| {label} | {size:,} |"
            for name, binary in builds:
                kb, seconds = peak(binary, path, tmp / f"out-{name}-{path.name}")
                row += f" {kb // 1024} MB | {(kb - floors[name]) * 1024 / size:,.1f} | {seconds:.1f} |"
            lines.append(row)
            print(row, flush=True)

        lines += ["", "Archives of tiny members (two lines of text each), `-j 2`. The floor reads every member "
                  "with Python's zipfile; the directory row converts the same files unpacked.", "",
                  "| input | members | karta s | karta files/s | floor s (zipfile) |", "|---|---|---|---|---|"]
        for n in (20_000,):
            archive = tmp / f"tiny-{n}.zip"
            tiny_archive(archive, n)
            unpacked = tmp / f"tiny-{n}"
            with zipfile.ZipFile(archive) as z:
                z.extractall(unpacked)
            floor = timed([sys.executable, "-c", f"import zipfile; z=zipfile.ZipFile({str(archive)!r}); "
                                                 "[z.read(i) for i in z.infolist()]"])
            s = timed([KARTA, "extract", "-q", "-j", "2", str(archive), "-o", str(tmp / "out-zip")])
            lines.append(f"| archive, now | {n:,} | {s:.1f} | {n / s:,.0f} | {floor:.2f} |")
            s = timed([KARTA, "extract", "-q", "-j", "2", str(unpacked), "-o", str(tmp / "out-dir")])
            lines.append(f"| the same files as a directory, now | {n:,} | {s:.1f} | {n / s:,.0f} | – |")
            print(lines[-2], lines[-1], sep="\n", flush=True)
        if before:
            n = 2_000
            archive = tmp / f"tiny-{n}.zip"
            tiny_archive(archive, n)
            for name, binary in builds:
                s = timed([binary, "extract", "-q", "-j", "2", str(archive), "-o", str(tmp / f"out-{name}-2k")])
                lines.append(f"| archive, {name} | {n:,} | {s:.1f} | {n / s:,.0f} | – |")
                print(lines[-1], flush=True)
        # Part 3: a DOCX whose vertical merge leaves out the cells it covers
        # (LibreOffice's Word 2003 export), at 8,000–32,000 rows: linear work
        # keeps 2x the rows near 2x the time.
        lines += ["", "Dropped-merge DOCX (`karta read`, best of 3): one merged first column over N rows whose "
                  "covered cells are left out.", "",
                  "| rows |" + "".join(f" s {n} | ×prev {n} |" for n, _ in builds), "|---|" + "---|---|" * len(builds)]
        previous = {}
        for n in (8_000, 16_000, 32_000):
            path = tmp / f"dropped-{n}.docx"
            cell = lambda t, extra="": f"<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"
            rows = ["<w:tr>" + cell("№") + cell("Мероприятие") + cell("Срок") + "</w:tr>",
                    "<w:tr>" + cell("1", '<w:vMerge w:val="restart"/>') + cell("Мероприятие 1") + cell("2025") + "</w:tr>"]
            rows += ["<w:tr>" + cell(f"Мероприятие {i}") + cell("2025") + "</w:tr>" for i in range(n)]
            docx(path, "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" + "".join(rows) + "</w:tbl>")
            row = f"| {n:,} |"
            for name, binary in builds:
                s = min(timed([binary, "read", str(path)]) for _ in range(3))
                row += f" {s:.2f} | {s / previous[name]:.2f} |" if name in previous else f" {s:.2f} | – |"
                previous[name] = s
            lines.append(row)
            print(row, flush=True)
    pathlib.Path(OUT).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
