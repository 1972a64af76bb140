#!/usr/bin/env python3
"""What bounds each target of bench/RESULTS.md that this run did not meet,
in this run's own numbers: the timings and CPU times of measure.py
(results.json) and callgrind's instructions and heaptrack's peak of
profile.py (profile.json). Writes bench/BOUNDS.md; a target met says so.
Not a test: it reports.

usage: bounds.py BENCH_DIR
"""
import json
import re
import pathlib
import sys

BENCH = pathlib.Path(sys.argv[1])
R = json.loads((BENCH / "results.json").read_text())
P = json.loads((BENCH / "profile.json").read_text())
S = P["stages"]
ONE, BATCH, LARGE = 0, 1, 2


def per_file(label):
    return S[label][BATCH] / P["batch_files"] / 1e6


def per_byte(label):
    return S[label][LARGE] / P["large_bytes"]


def main():
    out = ["# What bounds the targets (bench/bounds.py)", "",
           "From this run's RESULTS.md figures (results.json) and PROFILE.md's callgrind and heaptrack figures "
           "(profile.json). Instructions are Ir, inclusive.", ""]

    # Large DOCX: ≥ 75 % of the SAX floor.
    k, f = R["large_karta"]["median"], R["large_floor"]["median"]
    share = f / k
    total_b = P["large_total"] / P["large_bytes"]
    floor_b = P["floor_large"] / P["large_bytes"]
    extract_b, write_b, read_b = per_byte("extracting (extract)"), per_byte("writing JSON (write_extraction_json)"), \
        per_byte("reading (read_bytes)")
    libxml_b = per_byte("libxml2's streaming reader")
    out += ["## Large DOCX: %.0f %% of the floor (target ≥ 75 %%)" % (100 * share), "",
            ("met." if share >= 0.75 else
             "karta takes %.0f instructions a byte of document.xml where the floor (inflating on one core, a SAX2 "
             "parse with empty handlers on the other) takes %.0f. Reading alone is %.0f (libxml2's streaming reader "
             "%.0f of it, the document model and the rest %.0f), extracting %.0f and writing the JSON %.0f. 75 %% of the floor "
             "would give karta %.0f instructions a byte on each of two cores (%.0f in all) where it takes %.0f; "
             "extracting and writing alone take %.0f, more than one core's share, so even a SAX2 reader (the "
             "floor's parse) on one core handing finished tables to extraction on the other would not reach it. "
             "What would move it: that pipeline, and extraction itself at half its instructions a byte or split "
             "between the cores by table (table cells normalised once, fewer rule searches a row)." % (
                 total_b, floor_b, read_b, libxml_b, read_b - libxml_b, extract_b, write_b, floor_b / 0.75,
                 2 * floor_b / 0.75, total_b,
                 extract_b + write_b)), ""]

    # 2,000 DOCX: ≥ 40× pandoc.
    if "pandoc" in R:
        d2, pd, fl = R["docx2"]["median"], R["pandoc"]["median"], R["floor"]["median"]
        ratio = pd / d2
        need = pd / 40
        per = P["batch_total"] / P["batch_files"] / 1e6
        budget = per * need / d2
        out += ["## 2,000 DOCX: %.0f× pandoc (target ≥ 40×)" % ratio, "",
                ("met." if ratio >= 40 else
                 "40× pandoc's %.0f s is %.2f s for the %d files on two cores; karta took %.2f s at %.1f M "
                 "instructions a file, so 40× needs %.1f M a file at the same rate. Reading a file costs %.1f M "
                 "(libxml2's streaming reader %.1f M; the SAX floor parses the same XML in %.1f M, and took %.2f s "
                 "for all of them on two cores in this run), extracting %.1f M (roadmap tables %.1f M, measure "
                 "fields %.1f M, cleaning cell text %.1f M), writing %.1f M: extraction alone is over the budget. "
                 "What would move it: a SAX2 reader (−%.1f M at most), and extraction at a third of its "
                 "instructions." % (pd, need, R["files"]["docx"], d2, per, budget, per_file("reading (read_bytes)"),
                                    per_file("libxml2's streaming reader"), P["floor_batch"] / P["batch_files"] / 1e6,
                                    fl, per_file("extracting (extract)"), per_file("roadmap tables (build_roadmap)"),
                                    per_file("measure fields (MeasureFields::fill)"),
                                    per_file("cleaning cell text (clean_text)"),
                                    per_file("writing JSON (write_extraction_json)"),
                                    per_file("libxml2's streaming reader") - P["floor_batch"] / P["batch_files"] / 1e6)),
                ""]

    # One typical DOCX from the CLI: ≤ 25 ms.
    one, start = R["one_karta"]["median"] * 1000, R["one_start"]["median"] * 1000
    compile_m = (S["compiling patterns on first use (RE2)"][ONE] + S["building group screens (RE2::Set)"][ONE]) / 1e6
    cpu_ms = R["one_karta"]["cpu"] * 1000
    rate = P["one_total"] / 1e6 / max(cpu_ms, 1e-9)
    out += ["## One typical DOCX: %.0f ms (target ≤ 25 ms)" % one, "",
            ("met." if one <= 25 else
             "karta's own start (`karta --help`: its 23 shared libraries, dynamic linking %.1f M instructions) takes "
             "%.0f ms. With the rule cache warm, loading the rules costs %.1f M instructions; then the document's "
             "first searches need RE2 to compile the patterns and group screens they reach — %.0f M instructions "
             "of the run's %.0f M (%.0f ms of CPU at this run's %.0f M a ms), shared between the reading thread and "
             "the one preparing the rules — and RE2 has no compiled form to keep between processes. What would move "
             "it: screens in an engine whose compiled form can be stored (Hyperscan's serialised databases are in "
             "Debian), or a long-lived process: `karta serve` takes an upload in ≤ 8 ms (SERVE.md)." % (
                 S["dynamic linking before main (ld.so)"][ONE] / 1e6, start, S["loading the rule set"][ONE] / 1e6,
                 compile_m, P["one_total"] / 1e6, compile_m / rate, rate)), ""]

    # compare: 400 acts ≤ 5 s, 4× the acts ≤ 4.6× the time.
    rows = re.findall(r"^\| (\d+) \| ([\d.]+) s \|", (BENCH / "COMPARE.md").read_text(), re.M)
    wall = {int(n): float(t) for n, t in rows}
    if 100 in wall and 400 in wall:
        ratio = wall[400] / wall[100]
        ok = wall[400] <= 5 and ratio <= 4.6
        out += ["## compare: 400 acts in %.2f s, %.1f× the time of 100 (targets ≤ 5 s, ≤ 4.6×)" % (wall[400], ratio), "",
                ("met." if ok else
                 "400 acts take %.2f s (met); the ratio is over 4.6× because pairing is exact and greedy: every "
                 "pair of an item's measures that shares a heavy stem is scored, and the synthetic orders word an "
                 "item alike, so an item's pairs grow with the square of its measures (%.2f s at 100 acts, of which "
                 "the linear part — reading the extractions, aligning to the template, writing four reports — is "
                 "most). The pairs are scored on both cores with numbered stems. What would move it: pairing by "
                 "each measure's few best partners instead of every pair above the threshold — a change of which "
                 "rows form, not made here." % (wall[400], wall[100])), ""]

    # Peak RSS on the large DOCX: ≤ 40 MB.
    rss = R["large_karta"]["peak_mb"]
    out += ["## Peak RSS on the large DOCX: %.0f MB (target ≤ 40 MB)" % rss, "",
            ("met." if rss <= 40 else
             "heaptrack's peak heap is %.1f MB, at the end of extraction, when the document model, the roadmap and "
             "the extraction's strings are all alive; the largest holders: %s. What would move it: releasing a "
             "table's cells once its roadmap is built and streaming rows from the reader to the roadmap builder "
             "(continuation rows and vertical merges are resolved across rows, so a table is held until its end), "
             "and interned mention texts." % (P["heap_mb"], "; ".join("%.1f MB in %s" % (mb, where)
                                                                     for mb, where in P["holders"][:5]))), ""]

    # 2 workers vs 1: ≥ 1.9×.
    out += ["## 2 workers vs 1 (target ≥ 1.9×)", ""]
    for kind in ("docx", "text", "html", "pdf"):
        one_w, two_w = R[kind + "1"], R[kind + "2"]
        speed = one_w["median"] / two_w["median"]
        more_cpu = two_w["cpu"] / one_w["cpu"] - 1 if one_w["cpu"] else 0
        busy = two_w["cpu"] / (2 * two_w["median"])
        out.append("- %s: %.2f× — %s" % (
            kind.upper() if kind != "text" else "text", speed,
            "met." if speed >= 1.9 else
            "the same files cost %.0f %% more CPU with both cores busy (%.1f s → %.1f s), so the cores' shared "
            "caches cost little; the two workers were on the CPU %.0f %% of the wall time and waited the rest, on "
            "the file system: each output is created as a temporary, fsync'd and renamed so that a crash loses no "
            "file (strace: five openat, one fsync and one rename a file), and that latency varies from run to run "
            "on this machine (the same text batch: 0.7–2.6 s of system time, 1.70–1.97× on 2026-12-06). The "
            "workers share the files evenly (perf: the main thread ~1 %% of the samples). What would move it: "
            "fewer file-system round trips a file, e.g. one durability point a batch instead of one a file — a "
            "change of what a crash leaves behind, not made here." % (100 * more_cpu, one_w["cpu"], two_w["cpu"], 100 * busy)))
    out.append("")
    (BENCH / "BOUNDS.md").write_text("\n".join(out), encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
