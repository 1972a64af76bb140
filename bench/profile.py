#!/usr/bin/env python3
"""Where karta's instructions go (callgrind), beside the SAX floor's on the
same bytes — the numbers bench/RESULTS.md's bounds are named with:

- one typical DOCX from the command line (the rule cache warm): dynamic
  linking, the rule set's load, its screens and patterns compiled on first
  use, reading, extracting, writing;
- 200 typical DOCX in one process (one worker): instructions a file by stage,
  and the floor's (bench/sax_floor.c over the same 200 document.xml);
- the large DOCX: instructions a byte of document.xml by stage, and the
  floor's; and heaptrack's peak heap with its largest holders.

Also writes profile.json beside OUT.md for bench/bounds.py. Not a test: it
reports. Needs valgrind and heaptrack. Takes a few minutes.

usage: profile.py KARTA SAX_FLOOR CORPUS_DIR OUT.md
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

KARTA, FLOOR, CORPUS, OUT = map(pathlib.Path, sys.argv[1:5])

# (label, pattern of the function in callgrind_annotate's inclusive listing)
STAGES = [
    ("dynamic linking before main (ld.so)", r"rtld\.c:dl_main"),
    ("loading the rule set", r"karta::RuleSet::load\("),
    ("compiling patterns on first use (RE2)", r"karta::RulePattern::compiled\(\) const"),
    ("building group screens (RE2::Set)", r"karta::GroupScreen::build\(\) const"),
    ("reading (read_bytes)", r"karta::read_bytes\("),
    ("  libxml2's streaming reader", r"\?\?\?:xmlTextReaderRead "),
    ("extracting (extract)", r"karta::extract\(karta::Document const&"),
    ("  roadmap tables (build_roadmap)", r"karta::build_roadmap\("),
    ("  measure fields (MeasureFields::fill)", r"karta::MeasureFields::fill\("),
    ("  cleaning cell text (clean_text)", r"karta::clean_text"),
    ("  references", r"karta::find_references\("),
    ("  requisites", r"karta::read_requisites\("),
    ("writing JSON (write_extraction_json)", r"karta::write_extraction_json\("),
    ("SHA-256 of the input", r"karta::sha256"),
]


def callgrind(cmd, env=None):
    """{function line: inclusive Ir} and the program total, for one run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "cg.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=%s" % out, "-q", *map(str, cmd)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                              capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"^([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text, re.M).group(1).replace(",", ""))
    lines = []
    for line in text.splitlines():
        m = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$", line)
        if m:
            lines.append((int(m.group(1).replace(",", "")), m.group(2)))
    return total, lines


def stage(lines, pattern):
    found = [ir for ir, name in lines if re.search(pattern, name)]
    return max(found) if found else 0


def heap_peak(cmd):
    """(peak heap MB, [(MB, holder function)...]) of one run, by heaptrack."""
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp) / "heap"
        subprocess.run(["heaptrack", "-o", str(base), *map(str, cmd)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        data = next(pathlib.Path(tmp).glob("heap*"))
        text = subprocess.run(["heaptrack_print", "-f", str(data), "--print-peaks", "1", "--print-allocators", "0",
                               "--print-temporary", "0", "--print-leaks", "0", "--peak-limit", "6"],
                              capture_output=True, text=True).stdout
    def mb(v):
        unit = {"K": 1e-3, "M": 1, "G": 1e3}.get(v[-1], 1e-6)
        return float(v.rstrip("KMGB")) * unit
    peak = re.search(r"peak heap memory consumption: ([\d.]+[KMG]?)", text)
    holders = []
    lines = text.splitlines()
    for k, line in enumerate(lines):
        m = re.match(r"^([\d.]+[KMG]?) peak memory consumed over \d+ calls from", line)
        if m and k + 1 < len(lines):
            where = lines[k + 1].strip()
            if where.startswith("0x") and k + 2 < len(lines):
                where = lines[k + 2].strip().replace("in ", "", 1)
            where = where.replace("(anonymous namespace)", "{anonymous}")
            holders.append((mb(m.group(1)), re.sub(r"\(.*", "", where)))
    return (mb(peak.group(1)) if peak else 0), holders


def main():
    env = dict(os.environ)
    docx = sorted((CORPUS / "docx").glob("*.docx"))
    one = docx[len(docx) // 2]
    batch = docx[:200]
    large = CORPUS / "large.docx"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        # The rule cache warmed by a first run, as an analyst's second run finds it.
        subprocess.run([KARTA, "extract", one, "-o", tmp / "warm", "-q"], check=True)
        one_total, one_lines = callgrind([KARTA, "extract", one, "-o", tmp / "one", "-q", "-j", "1"], env)
        (tmp / "batch").mkdir()
        xmls = []
        for k, p in enumerate(batch):
            shutil.copy(p, tmp / "batch" / p.name)   # links out of the folder are skipped
            target = tmp / f"{k}.xml"
            with zipfile.ZipFile(p) as z:
                target.write_bytes(z.read("word/document.xml"))
            xmls.append(target)
        batch_total, batch_lines = callgrind([KARTA, "extract", tmp / "batch", "-o", tmp / "b", "-q", "-j", "1"], env)
        floor_batch, _ = callgrind([FLOOR, *xmls])
        with zipfile.ZipFile(large) as z:
            (tmp / "large.xml").write_bytes(z.read("word/document.xml"))
        large_bytes = (tmp / "large.xml").stat().st_size
        large_total, large_lines = callgrind([KARTA, "extract", large, "-o", tmp / "l", "-q", "-j", "1"], env)
        floor_large, _ = callgrind([FLOOR, tmp / "large.xml"])
        heap, holders = heap_peak([KARTA, "extract", large, "-o", tmp / "h", "-q", "-j", "1"])

    def m(ir):
        return "%.1f M" % (ir / 1e6)

    table = ["| stage | one typical DOCX, CLI | a file of 200, one process | a byte of the large DOCX |",
             "|---|---|---|---|",
             "| **all** | %s | %s | %.0f |" % (m(one_total), m(batch_total / len(batch)), large_total / large_bytes)]
    for label, pattern in STAGES:
        a, b, c = stage(one_lines, pattern), stage(batch_lines, pattern), stage(large_lines, pattern)
        if a or b or c:
            table.append("| %s | %s | %s | %.0f |" % (label, m(a), m(b / len(batch)), c / large_bytes))
    table.append("| **SAX floor** (bench/sax_floor.c, inflated XML) | – | %s | %.0f |" % (
        m(floor_batch / len(batch)), floor_large / large_bytes))
    text = "\n".join([
        "# Where the instructions go (bench/profile.py)", "",
        "callgrind on %s, %s: instructions (Ir, inclusive: a stage includes what it calls; indented rows are "
        "parts of the row above). One typical DOCX: `karta extract FILE` with the rule cache warm, all threads "
        "counted. 200 DOCX: one `-j 1` run, divided by 200. The large DOCX (%.1f MB document.xml): one `-j 1` run, "
        "divided by its bytes. The floor parses the same XML with libxml2's SAX2 and empty handlers." % (
            os.uname().nodename, time.strftime("%Y-%m-%d"), large_bytes / 1e6),
        "", *table, "",
        "Peak heap on the large DOCX (heaptrack): %.1f MB; its largest holders at the peak:" % heap, "",
        *["- %.1f MB: `%s`" % (size, where) for size, where in holders], ""])
    figures = {"one_total": one_total, "batch_files": len(batch), "batch_total": batch_total,
               "floor_batch": floor_batch, "large_bytes": large_bytes, "large_total": large_total,
               "floor_large": floor_large, "heap_mb": heap, "holders": holders, "stages": {}}
    for label, pattern in STAGES:
        figures["stages"][label.strip()] = [stage(one_lines, pattern), stage(batch_lines, pattern),
                                            stage(large_lines, pattern)]
    OUT.with_name("profile.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
