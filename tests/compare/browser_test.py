#!/usr/bin/env python3
"""comparison.html in a real browser (Debian's chromium, driven by
chromedriver through python3-selenium): no console errors, no network, and
the matrix, charts and cards show what comparison.json says. Saves a
screenshot of the whole page.

usage: browser_test.py KARTA SOURCE_DIR SCREENSHOT.png
"""
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

KARTA, SOURCE, SHOT = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1366,900", "--lang=ru"):
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def rect(driver, element):
    return driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", element)


def proportional(driver, elements, axis, what):
    """Drawn sizes are value × one scale: every bar of a chart."""
    scales = []
    for e in elements:
        value = int(e.get_attribute("data-value"))
        size = rect(driver, e)[axis]
        check((size > 0.5) == (value > 0), f"{what}: value {value} drawn {size:.1f} px")
        if value:
            scales.append(size / value)
    check(scales and max(scales) - min(scales) <= 0.02 * max(scales), f"{what}: bars not to one scale {scales[:5]}")


def extracted_measures(c):
    """key → measure id → the measure, from `karta extract` of each compared document."""
    out = {}
    for d in c["documents"]:
        if d["duplicate_of"] is not None:
            continue
        x = json.loads(subprocess.run([str(KARTA), "extract", d["source"], "-o", "-"], capture_output=True).stdout)
        out[d["key"]] = {m["id"]: m for r in x["roadmaps"] for dd in r["directions"] for s in dd["system_measures"]
                         for m in s["measures"]}
    return out


def filters(driver, c, rows):
    """The toolbar: each filter shows in every cell the measures of comparison.json's
    units that pass it (kinds, deadlines and titles from the extractions), hides the
    rows with none, and cleared gives the page back as written."""
    measures = extracted_measures(c)
    keys = c["regions"]

    def set_filters(**values):
        driver.execute_script("""
            var v = arguments[0];
            ['text', 'direction', 'level', 'kind', 'from', 'to'].forEach(function (k) {
              document.getElementById('filter-' + k).value = v[k] || ''; });
            document.getElementById('matrix-filters').dispatchEvent(new Event('input'));""", values)

    def expect(what, passes):
        shown_rows = 0
        for row, item in zip(rows, c["items"]):
            title = (item["template"]["title"] if item["template"] else
                     next(iter(item["by_region"].values()))[0]["title"]).lower()
            counts = {k: sum(1 for u in item["by_region"].get(k, []) for mid in u["measures"]
                             if passes(item, title, measures[k][mid])) for k in keys}
            total = sum(counts.values())
            check(row.is_displayed() == (total > 0), f"{what}: item {item['template'] and item['template']['id']} "
                                                     f"shown {row.is_displayed()} with {total} measures passing")
            if total:
                shown_rows += 1
                for cell, key in zip(row.find_elements(By.CSS_SELECTOR, "td.cell"), keys):
                    want = f"✓ {counts[key]}" if counts[key] else "—"
                    check(cell.text == want, f"{what}: {key} shows {cell.text!r}, {want!r} expected")
        count = driver.find_element(By.ID, "filter-count").text
        check(count == f"Пунктов: {shown_rows} из {len(rows)}", f"{what}: the count says {count!r}, {shown_rows} shown")
        check(0 < shown_rows < len(rows), f"{what}: {shown_rows} of {len(rows)} rows pass: the filter tells nothing apart")

    kinds = collections.Counter(x["kind"] for k in measures for m in measures[k].values()
                                for x in m["responsible"] + m["executors"])
    kind = kinds.most_common(2)[1][0]
    set_filters(kind=kind)
    expect("kind " + kind, lambda item, title, m: kind in {x["kind"] for x in m["responsible"] + m["executors"]})
    ends = sorted(m["deadline"]["end"] for k in measures for m in measures[k].values() if m["deadline"]["end"])
    low, high = ends[len(ends) // 4], ends[len(ends) // 2]   # a window some measures fall in, and some not
    set_filters(**{"from": low, "to": high})
    expect(f"due {low}…{high}", lambda item, title, m: m["deadline"]["end"] is not None and
           low <= m["deadline"]["end"] <= high)
    set_filters(text="Мониторинг")
    expect("search «мониторинг»", lambda item, title, m: "мониторинг" in title or "мониторинг" in m["title"].lower())
    set_filters(direction="2", kind=kind)
    expect("direction 2 and kind " + kind, lambda item, title, m: bool(item["template"]) and
           item["template"]["direction"] == 2 and kind in {x["kind"] for x in m["responsible"] + m["executors"]})
    set_filters()
    for row, item in zip(rows, c["items"]):
        check(row.is_displayed(), "a row stays hidden after the filters are cleared")
        for cell, key in zip(row.find_elements(By.CSS_SELECTOR, "td.cell"), keys):
            units = item["by_region"].get(key)
            want = f"✓ {sum(len(u['measures']) for u in units)}" if units else "—"
            check(cell.text == want, f"cleared: {key} shows {cell.text!r}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        r = subprocess.run([str(KARTA), "compare", str(SOURCE / "corpus"), "-o", str(out)], capture_output=True, text=True)
        check(r.returncode == 0, f"compare: {r.stderr}")
        c = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
        html = (out / "comparison.html").read_text(encoding="utf-8")
        check(not re.search(r'(?:src|href)\s*=\s*"(?!#)', html), "the page refers to another file or address")

        driver = browser()
        try:
            driver.get((out / "comparison.html").as_uri())
            check(driver.execute_script("return document.readyState") == "complete", "page did not load")
            check(driver.find_element(By.TAG_NAME, "h1").text == "Сравнение дорожных карт регионов", "title")
            resources = driver.execute_script("return performance.getEntriesByType('resource').length")
            check(resources == 0, f"the page fetched {resources} resources")
            keys = c["regions"]
            docs = {d["key"]: d for d in c["documents"] if d["duplicate_of"] is None}

            # Cards.
            for key in keys:
                card = driver.find_element(By.CSS_SELECTOR, f'article.card[data-region="{key}"]')
                metric = lambda name: card.find_element(By.CSS_SELECTOR, f'dd[data-metric="{name}"]').text
                check(metric("measures") == str(docs[key]["measures"]), f"{key} card measures {metric('measures')}")
                check(metric("covered") == f"{docs[key]['items_covered']} из {c['template']['items']}", f"{key} card coverage")
                check(metric("specific") == str(docs[key]["region_specific"]), f"{key} card region-specific")

            # Coverage matrix: one row per item, a cell per region in the state comparison.json gives.
            rows = driver.find_elements(By.CSS_SELECTOR, "table.matrix tr.item")
            check(len(rows) == len(c["items"]), f"matrix rows {len(rows)} != items {len(c['items'])}")
            covered = {k: 0 for k in keys}
            for row, item in zip(rows, c["items"]):
                cells = row.find_elements(By.CSS_SELECTOR, "td.cell")
                check([x.get_attribute("data-region") for x in cells] == keys, "matrix columns")
                for cell, key in zip(cells, keys):
                    units = item["by_region"].get(key)
                    state = "absent" if not units else ("covered" if item["template"] else "specific")
                    measures = sum(len(u["measures"]) for u in units or [])
                    check(cell.get_attribute("data-state") == state, f"item {item['template']} {key}: {cell.get_attribute('data-state')} != {state}")
                    check(cell.text == (f"✓ {measures}" if units else "—"), f"cell text {cell.text!r}")
                    covered[key] += state == "covered"
            for key in keys:
                check(covered[key] == docs[key]["items_covered"], f"{key}: {covered[key]} covered cells")
            # Sticky: on a screen narrower than the regions, scrolled right and down, the
            # item's number and title stay at the left edge and the header row at the top.
            driver.set_window_size(520, 700)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            check(width > 560, f"the matrix does not overflow a 520 px window ({width} px)")
            row = rows[len(rows) // 2]
            driver.execute_script("var r = arguments[0].getBoundingClientRect();"
                                  "window.scrollTo(window.scrollX + 400, window.scrollY + r.top - 300);", row)
            left = lambda css: driver.execute_script("return arguments[0].getBoundingClientRect().left;",
                                                      row.find_element(By.CSS_SELECTOR, css))
            header_top = driver.execute_script("return document.querySelector('table.matrix thead th.title')"
                                               ".getBoundingClientRect().top;")
            scrolled = driver.execute_script("return window.scrollX;")
            check(scrolled > 0 and abs(left("td.id")) < 1.5 and abs(left("td.title") - 56) < 1.5,
                  f"sticky columns: scrolled {scrolled}, id at {left('td.id')}, title at {left('td.title')}")
            check(abs(header_top) < 1.5, f"sticky header: at {header_top} px")
            driver.execute_script("window.scrollTo(0, 0);")
            driver.set_window_size(1366, 900)

            filters(driver, c, rows)

            shown = driver.find_elements(By.CSS_SELECTOR, "table.matrix tr.detail")
            check(all(not d.is_displayed() for d in shown), "side-by-side rows are open before a click")

            # A cell opens the side-by-side measures: Tyumen's merged 2.7 under item 2.8.
            index = next(i for i, it in enumerate(c["items"]) if it["template"] and it["template"]["id"] == "2.8")
            button = rows[index].find_elements(By.CSS_SELECTOR, "td.cell button")[keys.index("RU-TYU")]
            button.click()
            detail = driver.find_element(By.ID, button.get_attribute("aria-controls"))
            check(detail.is_displayed(), "clicking a cell does not open its measures")
            check("2.7.1" in detail.text and "не запланировано" in detail.text, f"side by side: {detail.text[:200]!r}")
            check(button.get_attribute("aria-expanded") == "true", "aria-expanded not set")
            rows[index].find_elements(By.CSS_SELECTOR, "td.cell button")[0].click()
            check(not detail.is_displayed(), "a second click does not close the measures")
            first = next(i for i, it in enumerate(c["items"]) if it["template"] and it["template"]["id"] == "1.1")
            rows[first].find_elements(By.CSS_SELECTOR, "td.cell button")[0].click()   # open for the screenshot

            # Responsibility chart.
            bars = driver.find_elements(By.CSS_SELECTOR, "#responsibility-chart rect.bar")
            expected = sum(2 for key in keys for _ in set().union(*[c["responsibility"][k].keys() for k in keys]))
            check(len(bars) == expected, f"responsibility bars {len(bars)} != {expected}")
            for bar in bars:
                g = bar.find_element(By.XPATH, "..")
                key, kind = g.get_attribute("data-region"), g.get_attribute("data-kind")
                role = "responsible" if "responsible" in bar.get_attribute("class") else "executors"
                want = c["responsibility"][key].get(kind, {}).get(role, 0)
                check(int(bar.get_attribute("data-value")) == want, f"{key} {kind} {role}: {bar.get_attribute('data-value')} != {want}")
            proportional(driver, bars, 0, "responsibility")

            # Timeline.
            quarters = sorted(set().union(*[c["timeline"][k].keys() for k in keys]))
            due = driver.find_elements(By.CSS_SELECTOR, "#timeline-chart rect.bar.due")
            check(len(due) == len(quarters) * len(keys), f"timeline bars {len(due)}")
            for bar in due:
                key, q = bar.get_attribute("data-region"), bar.get_attribute("data-quarter")
                want = c["timeline"][key].get(q, 0)
                check(int(bar.get_attribute("data-value")) == want, f"timeline {key} {q}: {bar.get_attribute('data-value')} != {want}")
            proportional(driver, due, 1, "timeline")
            labels = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#timeline-chart g[data-quarter] > text:last-child")]
            check(labels and labels[0].startswith("I кв."), f"quarter labels {labels[:2]}")

            # Deadline kinds.
            for key in keys:
                segments = driver.find_elements(By.CSS_SELECTOR, f'#deadline-kinds-chart rect.segment[data-region="{key}"]')
                got = {s.get_attribute("data-kind"): int(s.get_attribute("data-value")) for s in segments}
                check(got == c["deadline_kinds"][key], f"{key} deadline kinds {got}")
                widths = sum(rect(driver, s)[0] for s in segments)
                check(abs(widths - sum(rect(driver, s)[0] for s in driver.find_elements(
                    By.CSS_SELECTOR, f'#deadline-kinds-chart rect.segment[data-region="{keys[0]}"]'))) < 1,
                      "deadline-kind bars are not all full width")

            errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
            check(not errors, f"console errors: {errors}")

            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1366, min(height, 4000))
            SHOT.parent.mkdir(parents=True, exist_ok=True)
            check(driver.save_screenshot(str(SHOT)) and SHOT.stat().st_size > 10000, "screenshot not saved")
        finally:
            driver.quit()

    for p in problems:
        print("FAIL:", p)
    print(f"{len(problems)} problems; screenshot: {SHOT}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
