#!/usr/bin/env python3
"""comparison.html at the scale of the country (issue 18): one act for each
of the 89 federal subjects — the synthetic orders of bench/make_corpus.py,
extracted once, each given the code and name of another subject of
rules/regions.yaml — compared, and the page opened in Chromium.

Reported: the page's size (target < 5 MB) and the time from navigation to
the load event and to the first paint after it (target < 2 s), beside a
floor measured in the same run: Chromium opening a page of the same text
(escaped) in one <pre>, which costs the parse and layout of that much
text and no table. Medians of 3 loads. Not a test: it reports.

usage: compare_page.py KARTA CORPUS_DIR RULES_DIR OUT.md
"""
import json
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile

KARTA, CORPUS, RULES, OUT = (pathlib.Path(a) for a in sys.argv[1:5])


def subjects():
    """(code, name) of every subject in rules/regions.yaml, in file order."""
    text = (RULES / "regions.yaml").read_text(encoding="utf-8")
    return re.findall(r"^\s+value:\s*(RU-[A-Z]+)\s*\n\s+name:\s*'([^']+)'", text, re.M)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"):
        options.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def load_times(driver, page):
    """Seconds from navigation start to the load event, and to a frame painted after it."""
    driver.get("about:blank")
    driver.get(page.as_uri())
    return driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var t = performance.timing;
        requestAnimationFrame(function () { setTimeout(function () {
          done([(t.loadEventEnd - t.navigationStart) / 1000, (Date.now() - t.navigationStart) / 1000]);
        }, 0); });""")


def main():
    regions = subjects()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        docs = sorted((CORPUS / "docx").glob("roadmap-*.docx"))[:len(regions)]
        subprocess.run([str(KARTA), "extract", "-q", "-j", "2", *map(str, docs), "-o", str(tmp / "x")], check=True)
        acts = tmp / "acts"
        acts.mkdir()
        for (code, name), path in zip(regions, sorted((tmp / "x").glob("*.json"))):
            x = json.loads(path.read_text(encoding="utf-8"))
            x["document"]["region"] = {"code": code, "name": name}
            x["source"]["path"] = code + ".docx"
            (acts / (code + ".json")).write_text(json.dumps(x, ensure_ascii=False), encoding="utf-8")
        subprocess.run([str(KARTA), "compare", str(acts), "-o", str(tmp / "c"), "--time-budget", "0"], check=True,
                       stdout=subprocess.DEVNULL)
        page = tmp / "c" / "comparison.html"
        c = json.loads((tmp / "c" / "comparison.json").read_text(encoding="utf-8"))
        size = page.stat().st_size
        floor = tmp / "floor.html"
        floor.write_text("<!DOCTYPE html><meta charset=utf-8><title>floor</title>", encoding="utf-8")
        floor_size = floor.stat().st_size
        driver = browser()
        try:
            runs = {name: [load_times(driver, p) for _ in range(3)] for name, p in (("page", page), ("floor", floor))}
        finally:
            driver.quit()
    med = {name: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for name, v in runs.items()}
    rows = [
        "| comparison.html, %d regions, %d rows | %.1f MB | %.2f s | %.2f s |" %
        (len(c["regions"]), len(c["items"]), size / 1e6, *med["page"]),
        "| floor: an empty page | %d bytes | %.2f s | %.2f s |" % (floor_size, *med["floor"]),
    ]
    text = "\n".join(["# The comparison page at the scale of the country (bench/compare_page.py)", "",
                      "One synthetic act for each of the %d subjects of rules/regions.yaml, compared; Chromium "
                      "(headless, 1366×900) opens comparison.html, medians of 3 loads." % len(regions),
                      "Target: under 5 MB, and under 2 s to the first frame after the load event. The synthetic "
                      "acts draw their measures from one small vocabulary, so their region-specific measures share "
                      "rows: real acts give more rows, and a bigger page, for as many regions.", "",
                      "| page | size | load event | first frame after it |", "|---|---|---|---|", *rows, ""])
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
