#!/usr/bin/env python3
"""Measures karta on the synthetic corpus (bench/make_corpus.py) and writes
bench/RESULTS.md: files/s and MB/s of document.xml with 1 and 2 workers, one
typical file's wall time including process start, the large DOCX's MB/s and
peak RSS, and pandoc's docx → json on the same files when pandoc is installed.

usage: measure.py KARTA CORPUS_DIR RESULTS.md
"""
import concurrent.futures
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

KARTA, CORPUS, RESULTS = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
PANDOC_SAMPLE = 100   # pandoc takes ~0.1–0.3 s a file: a sample gives its rate


def xml_bytes(path):
    with zipfile.ZipFile(path) as z:
        return z.getinfo("word/document.xml").file_size


def timed(cmd):
    """(wall seconds, peak RSS in MB) of one command, measured by GNU time."""
    with tempfile.NamedTemporaryFile() as t:
        start = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *map(str, cmd)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        rss = int(pathlib.Path(t.name).read_text().split()[-1]) / 1024
    if r.returncode not in (0, 1):
        sys.exit(f"{cmd}: exit {r.returncode}: {r.stderr[-500:]!r}")
    return wall, rss


def best_of(n, cmd):
    runs = [timed(cmd) for _ in range(n)]
    return min(w for w, _ in runs), max(r for _, r in runs)


def main():
    docx = sorted((CORPUS / "docx").glob("*.docx"))
    text = sorted((CORPUS / "text").glob("*.txt"))
    large = CORPUS / "large.docx"
    docx_mb = sum(xml_bytes(p) for p in docx) / 1e6
    text_mb = sum(p.stat().st_size for p in text) / 1e6
    large_mb = xml_bytes(large) / 1e6
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        results = {}
        for name, inputs, mb in (("docx", CORPUS / "docx", docx_mb), ("text", CORPUS / "text", text_mb)):
            for jobs in (1, 2):
                wall, rss = best_of(2, [KARTA, "extract", inputs, "-o", out / f"{name}{jobs}", "-j", jobs, "--quiet"])
                results[(name, jobs)] = (wall, rss)
                n = len(docx) if name == "docx" else len(text)
                rows.append((f"{n} {name.upper() if name == 'docx' else 'text'} files, {jobs} worker{'s' * (jobs > 1)}",
                             f"{n / wall:.0f} files/s, {mb / wall:.1f} MB/s", f"{rss:.0f} MB"))
        speedup = results[("docx", 1)][0] / results[("docx", 2)][0]
        text_speedup = results[("text", 1)][0] / results[("text", 2)][0]

        one = docx[len(docx) // 2]
        walls = [timed([KARTA, "extract", one, "-o", out / "one", "--quiet"])[0] for _ in range(21)]
        typical = statistics.median(walls) * 1000

        large_wall, large_rss = best_of(2, [KARTA, "extract", large, "-o", out / "large", "--quiet"])

        pandoc = shutil.which("pandoc")
        pandoc_rate = pandoc_large = None
        if pandoc:
            version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
            sample = docx[:PANDOC_SAMPLE]
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(2) as pool:   # both cores, as karta -j 2
                list(pool.map(lambda p: subprocess.run([pandoc, "-f", "docx", "-t", "json", str(p), "-o", os.devnull],
                                                       check=True), sample))
            pandoc_rate = len(sample) / (time.perf_counter() - start)
            pandoc_large = timed([pandoc, "-f", "docx", "-t", "json", large, "-o", os.devnull])

    karta_rate = len(docx) / results[("docx", 2)][0]
    large_rate = large_mb / large_wall

    def status(ok):
        return "met" if ok else "**not met**"

    lines = [
        "# Benchmark results",
        "",
        f"`bench/run.sh` on {platform.node() or 'this machine'} ({os.cpu_count()} cores), "
        f"{time.strftime('%Y-%m-%d')}. Synthetic corpus from `bench/make_corpus.py`: {len(docx)} roadmap orders as "
        f"DOCX ({docx_mb:.1f} MB of document.xml) and as text ({text_mb:.1f} MB), one DOCX with a "
        f"{large_mb:.1f} MB document.xml. Wall times are the best of two runs; RSS is the peak of the process.",
        "",
        "| run | throughput | peak RSS |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        f"| large DOCX ({large_mb:.1f} MB document.xml) | {large_rate:.1f} MB/s ({large_wall:.2f} s) | {large_rss:.0f} MB |",
        f"| one typical DOCX, process start included (median of 21) | {typical:.0f} ms | |",
    ]
    if pandoc_rate:
        lines += [f"| pandoc docx → json, {PANDOC_SAMPLE} of the DOCX files, 2 at a time ({version}) | {pandoc_rate:.1f} files/s | |",
                  f"| pandoc docx → json, large DOCX | {large_mb / pandoc_large[0]:.2f} MB/s ({pandoc_large[0]:.1f} s) | {pandoc_large[1]:.0f} MB |"]
    lines += [
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| large DOCX ≥ 50 MB/s of document.xml | {large_rate:.1f} MB/s | {status(large_rate >= 50)} |",
        (f"| ≥ 30× pandoc's throughput on the {len(docx)} files | {karta_rate / pandoc_rate:.0f}× "
         f"({karta_rate:.0f} vs {pandoc_rate:.1f} files/s) | {status(karta_rate / pandoc_rate >= 30)} |")
        if pandoc_rate else "| ≥ 30× pandoc's throughput | pandoc not installed (`apt-get install pandoc`) | not measured |",
        f"| one typical file ≤ 15 ms including process start | {typical:.0f} ms | {status(typical <= 15)} |",
        f"| 2 workers ≥ 1.8× one | {speedup:.2f}× DOCX, {text_speedup:.2f}× text | {status(min(speedup, text_speedup) >= 1.8)} |",
        f"| peak RSS ≤ 64 MB on the large file | {large_rss:.0f} MB | {status(large_rss <= 64)} |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
