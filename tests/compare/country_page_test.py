#!/usr/bin/env python3
"""comparison.html at the scale of the country (issue 18): one act for each
of the 89 subjects of rules/regions.yaml — the corpus' and the fixtures'
roadmaps, extracted once and given the code and name of each subject in
turn — compared and opened in Chromium. The page stays under 5 MB, and
what it shows once its script has run equals comparison.json: the 89
columns, every cell's state and count, every card, and in each item's
side-by-side panel the measures of each region that plans it. (How fast it
opens is bench/compare_page.py's to report, not a test's.)

usage: country_page_test.py KARTA SOURCE_DIR
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

KARTA, SOURCE = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
LIMIT = 5_000_000
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
        print("FAIL " + what, flush=True)


def subjects():
    text = (SOURCE / "rules" / "regions.yaml").read_text(encoding="utf-8")
    return re.findall(r"^\s+value:\s*(RU-[A-Z]+)\s*\n\s+name:\s*'([^']+)'", text, re.M)


def measure_count(x):
    return sum(len(sm["measures"]) for r in x["roadmaps"] for d in r["directions"] for sm in d["system_measures"])


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"):
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


# Everything the checks read, in one call: a round trip per cell would be
# 5,000 of them.
SHOWN = """
var heads = Array.prototype.map.call(document.querySelectorAll('table.matrix thead th[data-region]'),
                                     function (th) { return th.getAttribute('data-region'); });
var items = Array.prototype.map.call(document.querySelectorAll('table.matrix tr.item'), function (row) {
  var cells = Array.prototype.map.call(row.querySelectorAll('td.cell'), function (cell) {
    var b = cell.querySelector('button');
    return [cell.getAttribute('data-region'), cell.getAttribute('data-state'), b.textContent,
            b.getAttribute('aria-controls')];
  });
  var detail = document.getElementById(row.getAttribute('data-detail'));
  var measures = {};
  detail.querySelectorAll('div.measure').forEach(function (m) {
    var r = m.getAttribute('data-region');
    (measures[r] = measures[r] || []).push(m.querySelector('.mid').textContent);
  });
  return {item: row.getAttribute('data-item'), id: row.getAttribute('data-detail'), cells: cells, measures: measures};
});
var cards = Array.prototype.map.call(document.querySelectorAll('article.card'),
                                     function (a) { return a.getAttribute('data-region'); });
return {heads: heads, items: items, cards: cards};
"""


def main():
    regions = subjects()
    check(len(regions) == 89, "rules/regions.yaml names %d subjects, not 89" % len(regions))
    fixtures = SOURCE / "tests" / "fixtures"
    inputs = sorted((SOURCE / "corpus").glob("*.docx")) + sorted(
        p for p in fixtures.iterdir() if p.is_file() and not p.name.endswith(".json"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        r = subprocess.run([str(KARTA), "extract", "-q", *map(str, inputs), "-o", str(tmp / "x")], capture_output=True,
                           text=True, timeout=600)
        check(r.returncode == 0, "extract: exit %d: %s" % (r.returncode, r.stderr[-300:]))
        acts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((tmp / "x").glob("*.json"))]
        acts = [x for x in acts if measure_count(x) > 0]
        check(len(acts) >= 8, "only %d roadmaps among the corpus and fixtures" % len(acts))
        (tmp / "acts").mkdir()
        for i, (code, name) in enumerate(regions):
            x = json.loads(json.dumps(acts[i % len(acts)]))
            x["document"]["region"] = {"code": code, "name": name}
            x["source"]["path"] = code + ".json"
            (tmp / "acts" / (code + ".json")).write_text(json.dumps(x, ensure_ascii=False), encoding="utf-8")
        r = subprocess.run([str(KARTA), "compare", str(tmp / "acts"), "-o", str(tmp / "c"), "--time-budget", "0"],
                           capture_output=True, text=True, timeout=600)
        check(r.returncode == 0, "compare: exit %d: %s" % (r.returncode, r.stderr[-300:]))
        page = tmp / "c" / "comparison.html"
        c = json.loads((tmp / "c" / "comparison.json").read_text(encoding="utf-8"))
        size = page.stat().st_size
        check(size < LIMIT, "comparison.html of %d regions is %d bytes, over %d" % (len(c["regions"]), size, LIMIT))
        check(len(c["regions"]) == 89, "comparison.json compares %d regions" % len(c["regions"]))

        driver = browser()
        try:
            driver.get(page.as_uri())
            shown = driver.execute_script(SHOWN)
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            check(not errors, "console errors: %s" % errors[:3])
            check(shown["heads"] == c["regions"], "matrix columns %s… are not comparison.json's regions" % shown["heads"][:3])
            check(sorted(shown["cards"]) == sorted(c["regions"]), "%d region cards for %d regions" %
                  (len(shown["cards"]), len(c["regions"])))
            check(len(shown["items"]) == len(c["items"]), "%d matrix rows for %d items" % (len(shown["items"]), len(c["items"])))
            for row, item in zip(shown["items"], c["items"]):
                name = item["template"]["id"] if item["template"] else "region-specific «%s»" % next(
                    iter(item["by_region"].values()))[0]["title"][:40]
                want_cells = []
                for key in c["regions"]:
                    units = item["by_region"].get(key)
                    state = "absent" if not units else ("covered" if item["template"] else "specific")
                    text = "✓ %d" % sum(len(u["measures"]) for u in units) if units else "—"
                    want_cells.append([key, state, text, row["id"]])
                check(row["cells"] == want_cells, "item %s: cells %s differ from comparison.json's %s" %
                      (name, [x for x, y in zip(row["cells"], want_cells) if x != y][:2],
                       [y for x, y in zip(row["cells"], want_cells) if x != y][:2]))
                want_measures = {}
                for side in item["rows"]:
                    for key, mid in side["measures"].items():
                        want_measures.setdefault(key, []).append(mid)
                got = {k: sorted(v) for k, v in row["measures"].items()}
                want = {k: sorted(v) for k, v in want_measures.items()}
                check(got == want, "item %s: the side-by-side panel holds other measures than comparison.json's rows "
                                   "(regions %s)" % (name, sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))[:3]))
            # A cell opens its panel; one that no region lacks names none as absent.
            button = driver.find_element(By.CSS_SELECTOR, "table.matrix td.cell.covered button")
            detail = driver.find_element(By.ID, button.get_attribute("aria-controls"))
            button.click()
            check(detail.is_displayed() and button.get_attribute("aria-expanded") == "true",
                  "a click on a covered cell does not open its panel")
            check("не запланировано" not in detail.text or re.search(r"не запланировано (в \d+ регионах из 89|: )", detail.text),
                  "the panel's absent regions: %r" % detail.text[:120])
        finally:
            driver.quit()
    print("country page: %d regions, %d rows, %d bytes (limit %d)" % (len(c["regions"]), len(c["items"]), size, LIMIT))
    for p in problems:
        print("FAIL:", p)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
