#!/usr/bin/env python3
"""`karta compare` at 100, 400 and 1,000 distinct acts — the synthetic
orders of bench/make_corpus.py, extracted once — and the ratio of each step
to the one before (4× the acts should cost at most 4.6× the time; 2.5× at
most 2.9×). Medians of 3 runs (1 at 1,000). Not a test: it reports.

usage: compare_scaling.py KARTA CORPUS_DIR OUT.md
"""
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

KARTA, CORPUS, OUT = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
SIZES = (100, 400, 1000)


def peak_run(cmd):
    with tempfile.NamedTemporaryFile() as t:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *map(str, cmd)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start, int(pathlib.Path(t.name).read_text().split()[-1]) / 1024


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        subprocess.run([KARTA, "extract", "-q", "-j", "2", CORPUS / "docx", "-o", tmp / "x"], check=True)
        outputs = sorted((tmp / "x").glob("*.json"))
        rows, previous = [], None
        for n in SIZES:
            acts = tmp / f"acts{n}"
            acts.mkdir()
            for p in outputs[:n]:
                shutil.copy(p, acts / p.name)
            runs = [peak_run([KARTA, "compare", acts, "-o", tmp / f"c{n}-{k}", "--time-budget", "0"])
                    for k in range(3 if n < 1000 else 1)]
            wall, rss = statistics.median(w for w, _ in runs), max(r for _, r in runs)
            ratio = "" if previous is None else "%.1f× the time for %.1f× the acts" % (wall / previous[1], n / previous[0])
            rows.append("| %d | %.2f s | %.0f MB | %s |" % (n, wall, rss, ratio))
            previous = (n, wall)
    text = "\n".join(["# `karta compare` scaling (bench/compare_scaling.py)", "",
                      "Distinct synthetic acts (extractions of bench/make_corpus.py's orders), medians of 3 runs (1 at 1,000).",
                      "Target: 400 acts ≤ 5 s, and 4× the acts ≤ 4.6× the time.", "",
                      "| acts | wall | peak RSS | scaling |", "|---|---|---|---|", *rows, ""])
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
