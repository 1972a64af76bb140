#!/usr/bin/env python3
"""Measures karta on the synthetic corpus (bench/make_corpus.py) beside its
peers and floors, in the same run and alternating with them (these machines
are noisy), and writes bench/RESULTS.md with the performance issue's table:

- large DOCX end to end, beside the SAX floor (`unzip -p | sax_floor`:
  inflate and libxml2's SAX2 parse with empty handlers, on two cores);
- 2,000 DOCX with 2 workers, beside pandoc docx → json on a sample, 2 at a time,
  and beside the parse floor: sax_floor over the same 2,000 document.xml
  (inflated beforehand), two processes of half the files each;
- one typical file, process start included, beside the floor process on it
  and beside karta's own start (`karta --help`: its shared libraries);
- peak RSS on the large DOCX, beside the floor's;
- 2 workers against 1 on DOCX, text, HTML and PDF.
Each figure is the median of the runs, with the minimum beside it.

usage: measure.py KARTA SAX_FLOOR CORPUS_DIR RESULTS.md
"""
import concurrent.futures
import json
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

KARTA, FLOOR, CORPUS, RESULTS = map(pathlib.Path, sys.argv[1:5])
PDFS = sorted((pathlib.Path(__file__).resolve().parent.parent / "tests" / "renderings" / "office").glob("*.lo.pdf"))
PANDOC_SAMPLE = 100   # pandoc takes ~0.1–0.3 s a file: a sample gives its rate
ROUNDS = 3


def xml_bytes(path):
    with zipfile.ZipFile(path) as z:
        return z.getinfo("word/document.xml").file_size


def timed(cmd, shell=False):
    """(wall seconds, peak RSS in MB, CPU seconds) of one command, measured by GNU time."""
    with tempfile.NamedTemporaryFile() as t:
        full = ["/usr/bin/time", "-f", "%M %U %S", "-o", t.name] + (["sh", "-c", cmd] if shell else list(map(str, cmd)))
        start = time.perf_counter()
        r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        rss, user, system = pathlib.Path(t.name).read_text().split()[-3:]
    if r.returncode not in (0, 1):
        sys.exit(f"{cmd}: exit {r.returncode}: {r.stderr[-500:]!r}")
    return wall, int(rss) / 1024, float(user) + float(system)


def alternate(commands, rounds=ROUNDS):
    """Runs each command once per round, in turn; {name: [(wall, rss, cpu)...]}."""
    out = {name: [] for name in commands}
    for _ in range(rounds):
        for name, run in commands.items():
            out[name].append(run())
    return out


def med(runs):
    return statistics.median(r[0] for r in runs)


def low(runs):
    return min(r[0] for r in runs)


def peak(runs):
    return max(r[1] for r in runs)


def cpu(runs):
    return statistics.median(r[2] for r in runs)


def floor_cmd(docx):
    return f"unzip -p '{docx}' word/document.xml | '{FLOOR}'"


def main():
    docx = sorted((CORPUS / "docx").glob("*.docx"))
    text = sorted((CORPUS / "text").glob("*.txt"))
    large = CORPUS / "large.docx"
    large_mb = xml_bytes(large) / 1e6
    docx_mb = sum(xml_bytes(p) for p in docx) / 1e6
    pandoc = shutil.which("pandoc")
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0] if pandoc else ""
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)

        runs = iter(range(1 << 30))

        def karta(inputs, jobs, name):
            # A new folder each run, as an analyst's batch writes: emptying and
            # refilling one would time ext4's search past the inodes just freed.
            def run():
                return timed([KARTA, "extract", inputs, "-o", out / f"{name}-{next(runs)}", "-j", jobs, "--quiet"])
            return run

        def pandoc_sample():
            sample = docx[:PANDOC_SAMPLE]
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(2) as pool:   # both cores, as karta -j 2
                list(pool.map(lambda p: subprocess.run([pandoc, "-f", "docx", "-t", "json", str(p), "-o", os.devnull],
                                                       check=True), sample))
            return (time.perf_counter() - start) * len(docx) / len(sample), 0, 0   # scaled to all the files

        large_runs = alternate({"karta": karta(large, 1, "large"), "floor": lambda: timed(floor_cmd(large), shell=True)})
        # The batch's parse floor: every document.xml inflated once, then parsed
        # by two sax_floor processes of half the files each, as karta -j 2 would.
        xml_dir = out / "xml"
        xml_dir.mkdir()
        xmls = []
        for k, p in enumerate(docx):
            with zipfile.ZipFile(p) as z:
                target = xml_dir / f"{k}.xml"
                target.write_bytes(z.read("word/document.xml"))
                xmls.append(str(target))

        def batch_floor():
            start = time.perf_counter()
            halves = [subprocess.Popen([str(FLOOR), *xmls[h::2]]) for h in range(2)]
            if any(h.wait() != 0 for h in halves):
                sys.exit("sax_floor failed on the batch")
            return time.perf_counter() - start, 0, 0
        # PDFs: LibreOffice's renderings of the corpus and fixtures, 20 copies each.
        pdf_dir = out / "pdf-in"
        for k in range(20):
            (pdf_dir / str(k)).mkdir(parents=True)
            for pdf in PDFS:
                shutil.copy(pdf, pdf_dir / str(k) / pdf.name)
        batch = {"docx1": karta(CORPUS / "docx", 1, "d1"), "docx2": karta(CORPUS / "docx", 2, "d2"),
                 "text1": karta(CORPUS / "text", 1, "t1"), "text2": karta(CORPUS / "text", 2, "t2"),
                 "html1": karta(CORPUS / "html", 1, "h1"), "html2": karta(CORPUS / "html", 2, "h2"),
                 "pdf1": karta(pdf_dir, 1, "p1"), "pdf2": karta(pdf_dir, 2, "p2")}
        batch["floor"] = batch_floor
        if pandoc:
            batch["pandoc"] = pandoc_sample
        batch_runs = alternate(batch, rounds=3)
        one = docx[len(docx) // 2]
        one_runs = alternate({"karta": karta(one, 1, "one"), "floor": lambda: timed(floor_cmd(one), shell=True),
                              "start": lambda: timed([KARTA, "--help"])}, rounds=21)

    lk, lf = large_runs["karta"], large_runs["floor"]
    share = med(lf) / med(lk)
    rows = [
        ("large DOCX end to end (%.1f MB document.xml)" % large_mb,
         "%.2f s (min %.2f), %.1f MB/s" % (med(lk), low(lk), large_mb / med(lk)),
         "SAX floor %.2f s (min %.2f), %.0f MB/s" % (med(lf), low(lf), large_mb / med(lf)),
         "%.0f %% of the floor" % (100 * share), "≥ 75 %", share >= 0.75),
    ]
    d2 = batch_runs["docx2"]
    if pandoc:
        pd = batch_runs["pandoc"]
        ratio = med(pd) / med(d2)
        rows.append(("%d DOCX, 2 workers" % len(docx), "%.1f s (min %.1f), %.0f files/s" % (med(d2), low(d2), len(docx) / med(d2)),
                     "pandoc %.0f s for all (from %d files, %s); parse floor %.1f s" % (med(pd), PANDOC_SAMPLE, version,
                                                                                     med(batch_runs["floor"])),
                     "%.0f× pandoc" % ratio, "≥ 40×", ratio >= 40))
    else:
        rows.append(("%d DOCX, 2 workers" % len(docx), "%.1f s, %.0f files/s" % (med(d2), len(docx) / med(d2)),
                     "pandoc not installed (apt-get install pandoc); parse floor %.1f s" % med(batch_runs["floor"]), "–", "≥ 40×", False))
    ok, of, st = one_runs["karta"], one_runs["floor"], one_runs["start"]
    rows.append(("one typical DOCX, process start included", "%.0f ms (min %.0f)" % (1000 * med(ok), 1000 * low(ok)),
                 "floor process %.0f ms (min %.0f); karta --help %.0f ms" % (1000 * med(of), 1000 * low(of), 1000 * med(st)),
                 "%.0f ms" % (1000 * med(ok)), "≤ 25 ms", 1000 * med(ok) <= 25))
    rows.append(("peak RSS, large DOCX", "%.0f MB" % peak(lk), "floor %.0f MB" % peak(lf), "%.0f MB" % peak(lk),
                 "≤ 40 MB", peak(lk) <= 40))
    counts = {"docx": len(docx), "text": len(text), "html": len(list((CORPUS / "html").glob("*.html"))), "pdf": 20 * len(PDFS)}
    for kind in ("docx", "text", "html", "pdf"):
        s = med(batch_runs[kind + "1"]) / med(batch_runs[kind + "2"])
        rows.append(("2 workers vs 1, %d %s files" % (counts[kind], kind.upper() if kind != "text" else kind),
                     "%.1f s → %.1f s" % (med(batch_runs[kind + "1"]), med(batch_runs[kind + "2"])), "1 worker, same run",
                     "%.2f×" % s, "≥ 1.9×", s >= 1.9))
    lines = [
        "# Benchmark results",
        "",
        f"`bench/run.sh` on {platform.node() or 'this machine'} ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d')}. "
        f"Synthetic corpus from `bench/make_corpus.py`: {len(docx)} roadmap orders as DOCX ({docx_mb:.1f} MB of "
        f"document.xml), as text and as HTML pages, LibreOffice's PDFs of the corpus and fixtures (20 copies each), and one DOCX with a {large_mb:.1f} MB document.xml. Each karta figure and its "
        f"peer or floor were run in turn in the same rounds ({ROUNDS} rounds for the large file and the batches, "
        "21 for one file): medians, minimums in brackets.",
        "",
        "| what | karta | peer or floor, same run | ratio | target | |",
        "|---|---|---|---|---|---|",
        *["| %s | %s | %s | %s | %s | %s |" % (a, b, c, d, e, "met" if f else "**not met**") for a, b, c, d, e, f in rows],
        "",
        "What bounds each target not met, in this run's numbers: BOUNDS.md (from results.json and PROFILE.md's "
        "callgrind and heaptrack figures). `karta compare` scaling is in COMPARE.md, input shapes (dropped merges, "
        "archives) in SHAPES.md, the readers in READERS.md and OFFICE.md. `karta extract --stats` shows where a "
        "run's time goes.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    # The figures for bench/bounds.py, which names what bounds each target not met.
    figures = {name: {"median": med(r), "min": low(r), "peak_mb": peak(r), "cpu": cpu(r)}
               for group in (large_runs, batch_runs, one_runs) for name, r in
               (((k if group is batch_runs else ("large_" if group is large_runs else "one_") + k), v)
                for k, v in group.items())}
    figures["files"] = {"docx": len(docx), "large_xml_bytes": xml_bytes(large), **counts}
    RESULTS.with_name("results.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
