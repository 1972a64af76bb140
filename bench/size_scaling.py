#!/usr/bin/env python3
"""One typical order's body repeated 1, 4, 16, 64 and 256 times in one DOCX
(bench/make_corpus.py's middle order): `karta extract` time, instructions
measured by the time a copy takes, and peak RSS, each against the 1× file in
the same run. Targets (issue 17): the time stays linear (a copy costs about
what the first one did beyond the process's start), and peak RSS at 64× is at
most 4× the 1× file's. Not a test: it reports.

usage: size_scaling.py KARTA CORPUS_DIR OUT.md
"""
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

KARTA, CORPUS, OUT = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
COPIES = (1, 4, 16, 64, 256)


def repeated(source, target, copies):
    """`source` with its body's content (all but the section properties) `copies` times."""
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    start = xml.index(">", xml.index("<w:body")) + 1
    end = xml.rindex("<w:sectPr") if "<w:sectPr" in xml else xml.rindex("</w:body>")
    parts["word/document.xml"] = (xml[:start] + xml[start:end] * copies + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return len(parts["word/document.xml"])


def run(docx, out):
    with tempfile.NamedTemporaryFile() as t:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, str(KARTA), "extract", str(docx), "-o", str(out),
                        "-q", "-j", "1"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        return wall, int(pathlib.Path(t.name).read_text().split()[-1]) / 1024


def main():
    docx = sorted((CORPUS / "docx").glob("*.docx"))
    one = docx[len(docx) // 2]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        files = {k: tmp / f"x{k}.docx" for k in COPIES}
        sizes = {k: repeated(one, files[k], k) for k in COPIES}
        # A process that converts an empty-bodied order: start and rule load, taken off each time.
        empty = tmp / "x0.docx"
        repeated(one, empty, 0)
        rounds = {k: [] for k in (0, *COPIES)}
        n = 0
        for _ in range(3):
            for k in (0, *COPIES):
                n += 1
                rounds[k].append(run(files.get(k, empty), tmp / f"o{n}"))
        wall = {k: statistics.median(w for w, _ in r) for k, r in rounds.items()}
        rss = {k: max(m for _, m in r) for k, r in rounds.items()}
    rows = []
    previous = None
    marginal = {}
    for k in COPIES:
        # What each copy beyond the previous size added: the first copies also
        # pay for the patterns a document first reaches, so 1× is not the yardstick.
        if previous is not None:
            marginal[k] = (wall[k] - wall[previous]) / (k - previous)
        rows.append("| %d× | %s | %.3f s | %s | %.0f MB | %.2f |" % (
            k, f"{sizes[k]:,}", wall[k], "%.2f ms" % (1000 * marginal[k]) if k in marginal else "–", rss[k],
            rss[k] / rss[1]))
        previous = k
    linear = marginal[256] / marginal[64] if marginal.get(64, 0) > 0 else float("inf")
    verdict = ("A copy from 64× to 256× costs %.2f× what one from 16× to 64× did (linear: about 1); peak RSS at 64× "
               "is %.2f× the 1× file's (target ≤ 4): %s." % (linear, rss[64] / rss[1],
                                                             "both met" if linear <= 1.25 and rss[64] <= 4 * rss[1]
                                                             else "**not met**"))
    text = "\n".join([
        "# Size scaling (bench/size_scaling.py)", "",
        "One typical order (%s) with its body repeated in one DOCX, `karta extract -j 1`, medians of 3 runs "
        "(an empty-bodied order, the process's start and rule load: %.3f s). A copy more: the time each copy "
        "beyond the previous size added." % (one.name, wall[0]), "",
        "| copies | document.xml bytes | wall | a copy more | peak RSS | RSS vs 1× |",
        "|---|---|---|---|---|---|", *rows, "", verdict, ""])
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
