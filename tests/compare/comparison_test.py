#!/usr/bin/env python3
"""karta compare on the corpus: alignment of Kuzbass and Tyumen to the
template, the four outputs' content, inputs given as extraction JSON, failed
inputs, reproducibility, and an amended act replaced by its restatement.

usage: comparison_test.py KARTA SOURCE_DIR
"""
import csv
import io
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

KARTA, SOURCE = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def run(*args):
    return subprocess.run([str(KARTA), *map(str, args)], capture_output=True, text=True, timeout=300)


def units(item, key):
    return [(u["direction"], u["system_measure"]) for u in item["by_region"].get(key, [])]


def alignment(c):
    template_items = {i["template"]["id"]: i for i in c["items"] if i["template"]}
    check(len(template_items) == 26, f"template items: {len(template_items)}")
    # Acceptance 1: the regional-level items both regions plan sit together.
    for direction, last in ((1, 4), (2, 5), (3, 4)):
        for n in range(1, last + 1):
            item = template_items.get(f"{direction}.{n}")
            if item is None:
                problems.append(f"no template item {direction}.{n}")
                continue
            for key in ("RU-KEM", "RU-TYU"):
                check((direction, n) in units(item, key),
                      f"item {direction}.{n}: {key} system measure {direction}.{n} missing, has {units(item, key)}")
    # Tyumen's organisation-level system measures: aligned, and not planned in Kuzbass.
    tyumen_org = [(2, 6), (2, 7)] + [(3, n) for n in range(5, 15)]
    for sm in tyumen_org:
        homes = [i for i in template_items.values() if sm in units(i, "RU-TYU")]
        check(bool(homes), f"Tyumen {sm} aligned to no template item")
        for i in homes:
            check(i["template"]["level"] == "organisation", f"Tyumen {sm} → {i['template']['id']} is not organisation-level")
            check("RU-KEM" not in i["by_region"], f"{i['template']['id']} should not be planned in Kuzbass")
    # Tyumen 2.7 merges template items 2.7 and 2.8.
    for item_id in ("2.7", "2.8"):
        check((2, 7) in units(template_items[item_id], "RU-TYU"), f"Tyumen 2.7 not under item {item_id}")
    specific = [i for i in c["items"] if i["template"] is None]
    decisions = [i for i in specific
                 if any("Принятие управленческих решений на основе мониторингов" in u["title"]
                        for u in i["by_region"].get("RU-TYU", []))]
    check(len(decisions) == 1, "«Принятие управленческих решений на основе мониторингов» is not a region-specific row")
    for i in decisions:
        check(list(i["by_region"]) == ["RU-TYU"], f"region-specific row has {list(i['by_region'])}")
    docs = {d["key"]: d for d in c["documents"] if d["duplicate_of"] is None}
    check(docs["RU-KEM"]["region_specific"] == 0, "every Kuzbass system measure should align")
    check(docs["RU-KEM"]["items_covered"] == 13, f"Kuzbass covers {docs['RU-KEM']['items_covered']} items, not 13")
    check(docs["RU-TYU"]["items_covered"] == 26, f"Tyumen covers {docs['RU-TYU']['items_covered']} items, not 26")
    # Side by side: each row at most one measure per region, every aligned measure in a row.
    for i in c["items"]:
        listed = {(k, m) for k, us in i["by_region"].items() for u in us for m in u["measures"]}
        in_rows = [(k, m) for r in i["rows"] for k, m in r["measures"].items()]
        check(sorted(in_rows) == sorted(listed), f"rows of {i['template'] and i['template']['id']} do not hold its measures once each")


def tallies(c, extractions):
    for key, x in extractions.items():
        measures = [m for r in x["roadmaps"] for d in r["directions"] for s in d["system_measures"] for m in s["measures"]]
        kinds = {}
        for m in measures:
            kinds[m["deadline"]["kind"]] = kinds.get(m["deadline"]["kind"], 0) + 1
        check(c["deadline_kinds"][key] == kinds, f"{key} deadline kinds {c['deadline_kinds'][key]} != {kinds}")
        responsible = {}
        for m in measures:
            for k in {x["kind"] for x in m["responsible"]}:
                responsible[k] = responsible.get(k, 0) + 1
        got = {k: v["responsible"] for k, v in c["responsibility"][key].items() if v["responsible"]}
        check(got == responsible, f"{key} responsible by kind {got} != {responsible}")
        # A dated measure falls due in the quarter of its end.
        by = [m for m in measures if m["deadline"]["kind"] in ("by", "month", "date") and m["deadline"]["end"]]
        for m in by:
            y, mo = int(m["deadline"]["end"][:4]), int(m["deadline"]["end"][5:7])
            check(f"{y}-Q{(mo - 1) // 3 + 1}" in c["timeline"][key], f"{key} {m['id']} due quarter missing")


def markdown(text, c):
    check(text.startswith("# Сравнение дорожных карт"), "comparison.md title")
    lines = text.splitlines()
    start = lines.index("## Покрытие шаблона")
    table = [l for l in lines[start:lines.index("## Мероприятия вне шаблона")] if l.startswith("| ")]
    check(table[0].split(" | ")[2:] == ["Кемеровская область — Кузбасс", "Тюменская область |"], f"coverage header {table[0]}")
    rows = {r.split(" | ")[0][2:]: r.split(" | ") for r in table[1:]}
    check(len(rows) == 26, f"coverage rows: {len(rows)}")
    check(rows["2.6"][2] == "—" and rows["2.6"][3].startswith("2.6 ("), f"row 2.6: {rows['2.6']}")
    check(rows["1.1"][2].startswith("1.1 (") and rows["1.1"][3].startswith("1.1 ("), f"row 1.1: {rows['1.1']}")
    check(rows["2.8"][3].startswith("2.7 ("), f"row 2.8: {rows['2.8']}")
    specific = text[text.index("## Мероприятия вне шаблона"):text.index("## Ответственные")]
    check("Принятие управленческих решений на основе мониторингов" in specific, "region-specific section")
    check("| Институты развития образования | 18 / 13 |" in text.replace("| 9 / 29 |", "|"),
          "responsibility row for development institutes")
    check("## Сроки по кварталам" in text and "| 2023-Q2 |" in text, "timeline table")


def measures_csv(raw, extractions, c):
    check(raw.startswith(b"\xef\xbb\xbf"), "measures.csv has no UTF-8 BOM")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    expected = {}
    for key, x in extractions.items():
        for r in x["roadmaps"]:
            for d in r["directions"]:
                for s in d["system_measures"]:
                    for m in s["measures"]:
                        expected[(key, m["id"])] = m
    got = {(r["region"], r["measure_id"]): r for r in rows}
    check(len(rows) == len(expected) == 62, f"measures.csv rows {len(rows)}, measures {len(expected)}")
    check(set(got) == set(expected), "measures.csv rows are not the measures")
    for k, m in expected.items():
        r = got.get(k)
        if not r:
            continue
        check(r["title"] == m["title"], f"{k} title")
        check(r["deadline_text"] == m["deadline"]["text"] and r["deadline_kind"] == m["deadline"]["kind"], f"{k} deadline")
        check(r["responsible"] == " | ".join(x["text"] for x in m["responsible"]), f"{k} responsible {r['responsible']}")
        check(r["result"] == m["result"]["text"], f"{k} result")
        check(None not in r and all(v is not None for v in r.values()), f"{k}: ragged row")
    check(got[("RU-KEM", "2.1.1")]["template_items"] == "2.1", "Kuzbass 2.1.1 → item 2.1")
    check(got[("RU-TYU", "2.7.1")]["template_items"] == "2.7 | 2.8", f"Tyumen 2.7.1 → {got[('RU-TYU', '2.7.1')]['template_items']}")
    check(got[("RU-TYU", "1.5.1")]["template_items"] == "", "Tyumen 1.5.1 is region-specific")
    check(got[("RU-KEM", "1.1.1")]["region_name"] == "Кемеровская область — Кузбасс", "region name")


def acts_in_force(tmp, schema):
    """Issue 18: an order and a later order restating its roadmap are one
    column, the later one's; a wording amendment without a roadmap leaves
    the order it amends compared. Whatever the input order."""
    fixtures = SOURCE / "tests/fixtures/amendments"
    order, amendment = fixtures / "orenburg-order-2024.txt", fixtures / "orenburg-amendment-2024.txt"
    wording = fixtures / "orenburg-wording-2025.txt"
    for name, inputs in (("forward", [order, amendment, wording]), ("backward", [wording, amendment, order])):
        r = run("compare", *inputs, "-o", tmp / name)
        check(r.returncode == 0, f"compare {name}: exit {r.returncode}: {r.stderr}")
        c = json.loads((tmp / name / "comparison.json").read_text(encoding="utf-8"))
        jsonschema.validate(c, schema)
        docs = {pathlib.Path(d["source"]).name: d for d in c["documents"]}
        check(docs[order.name]["replaced_by"] == str(amendment) and docs[order.name]["key"] == "RU-ORE",
              f"{name}: the order is replaced by the amendment under its column: {docs[order.name]}")
        check(docs[amendment.name]["key"] == "RU-ORE" and docs[amendment.name]["replaced_by"] is None,
              f"{name}: the amendment holds RU-ORE: {docs[amendment.name]}")
        check(docs[wording.name]["replaced_by"] is None, f"{name}: an act without a roadmap replaces nothing")
        compared = [d for d in c["documents"] if d["duplicate_of"] is None and d["replaced_by"] is None]
        check(sorted(d["key"] for d in compared) == sorted(c["regions"]) and "RU-ORE" in c["regions"],
              f"{name}: regions {c['regions']}")
        amended_measures = docs[amendment.name]["measures"]
        check(sum(c["deadline_kinds"]["RU-ORE"].values()) == amended_measures,
              f"{name}: RU-ORE counts {c['deadline_kinds']['RU-ORE']}, the amendment has {amended_measures} measures")
        md = (tmp / name / "comparison.md").read_text(encoding="utf-8")
        check(f"- {order} → {amendment}" in md, f"{name}: comparison.md names the earlier version")
        html = (tmp / name / "comparison.html").read_text(encoding="utf-8")
        check('class="versions">Прежние редакции: <span class="version" title="%s"' % order in html,
              f"{name}: the region card names the earlier version")
        check('<a class="versions" href="#region-RU-ORE"' in html and 'id="region-RU-ORE"' in html,
              f"{name}: the column's head leads to the card with the earlier version")
        # Two acts of one region in force (the amendment, and the wording act beside it): the heads say which is which.
        heads = re.findall(r'<th data-region="(RU-ORE[^"]*)">([^<]*)', html)
        check([h for _, h in heads] == ["Оренбургская область, № 01-21/1307 ", "Оренбургская область, № 01-21/58"],
              f"{name}: the heads of Orenburg's two columns: {heads}")
    # Its own requisites in the appendix heading, or an order cited by an older act, replace nothing.
    r = run("compare", order, "-o", tmp / "alone")
    c = json.loads((tmp / "alone" / "comparison.json").read_text(encoding="utf-8"))
    check(c["regions"] == ["RU-ORE"] and c["documents"][0]["replaced_by"] is None, f"one order alone: {c['documents']}")


def main():
    schema = json.loads((SOURCE / "docs/roadmap-comparison-2.schema.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        r = run("compare", SOURCE / "corpus", "-o", tmp / "a")
        check(r.returncode == 0, f"compare corpus: exit {r.returncode}: {r.stderr}")
        c = json.loads((tmp / "a/comparison.json").read_text(encoding="utf-8"))
        jsonschema.validate(c, schema)
        check(c["regions"] == ["RU-KEM", "RU-TYU"], f"regions {c['regions']}")
        check(sum(d["duplicate_of"] is None for d in c["documents"]) == 2 and len(c["documents"]) == 6,
              "the corpus' three renderings of two acts are two documents")
        alignment(c)

        # The same comparison from extraction JSON written by `karta extract`.
        r = run("extract", SOURCE / "corpus/kuzbass-order-2023-1971.docx", SOURCE / "corpus/tyumen-roadmap-2023.docx",
                "-o", tmp / "x")
        check(r.returncode == 0, f"extract: {r.stderr}")
        extractions = {json.loads(p.read_text())["document"]["region"]["code"]: json.loads(p.read_text())
                       for p in sorted((tmp / "x").glob("*.json"))}
        shutil.copy(tmp / "a/comparison.json", tmp / "x/other.json")   # not an extraction: skipped
        r = run("compare", tmp / "x", "-o", tmp / "b")
        check(r.returncode == 0 and "skipped" in r.stderr, f"compare over extraction JSON: exit {r.returncode}: {r.stderr}")
        b = json.loads((tmp / "b/comparison.json").read_text())
        check(b["items"] == c["items"], "comparing extraction JSON differs from comparing the documents")
        tallies(c, extractions)

        markdown((tmp / "a/comparison.md").read_text(encoding="utf-8"), c)
        measures_csv((tmp / "a/measures.csv").read_bytes(), extractions, c)

        # Same input, same bytes.
        run("compare", SOURCE / "corpus", "-o", tmp / "again")
        for name in ("comparison.json", "comparison.md", "measures.csv", "comparison.html"):
            check((tmp / "a" / name).read_bytes() == (tmp / "again" / name).read_bytes(), f"{name} differs between runs")

        # A file that cannot be read fails alone; the comparison is still written.
        (tmp / "empty.docx").write_bytes(b"")
        (tmp / "d").mkdir()
        r = run("compare", tmp / "x/kuzbass-order-2023-1971.docx.json", tmp / "empty.docx", "-o", tmp / "d")
        d = json.loads((tmp / "d/comparison.json").read_text())
        check(r.returncode == 1, f"a failed input should exit 1, got {r.returncode}")
        check("empty.docx" in r.stderr, f"stderr names the failed file: {r.stderr}")
        check([f["source"] for f in d["failed"]] == [str(tmp / "empty.docx")], f"failed: {d['failed']}")
        check(d["regions"] == ["RU-KEM"], "the readable input is compared")
        r = run("compare", "-o", tmp / "e")
        check(r.returncode == 2, "no input is a usage error")
        acts_in_force(tmp, schema)

    for p in problems:
        print("FAIL:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
