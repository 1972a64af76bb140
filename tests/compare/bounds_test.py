#!/usr/bin/env python3
"""Issue 16 item 11: comparison work stays bounded.

- a recurring deadline over "1000–9999 гг." gets a deadline.implausible_span
  diagnostic when extracted, and `karta compare` leaves it off the timeline
  (it took minutes and wrote 14 MB of HTML, a quarter for every month of
  9,000 years);
- `karta compare --time-budget` stops a comparison that takes longer, saying
  so, and writes nothing.

usage: bounds_test.py KARTA SOURCE_DIR
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import time

KARTA, SOURCE = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
problems = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        problems.append(what)


def measures(x):
    for r in x["roadmaps"]:
        for d in r["directions"]:
            for s in d["system_measures"]:
                yield from s["measures"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        # Written as a region's portal would export it; the span is a typo for 2024–2026.
        (tmp / "span.txt").write_text(
            "ПРИКАЗ\n\nПлан мероприятий\n\n| № | Мероприятие | Срок | Ответственный |\n|---|---|---|---|\n"
            "| 1 | Мониторинг качества образования | ежемесячно, 1000–9999 гг. | Министерство образования |\n"
            "| 2 | Проведение семинаров для педагогов | ежегодно, 2024–2026 гг. | Министерство образования |\n",
            encoding="utf-8")
        p = subprocess.run([str(KARTA), "extract", str(tmp / "span.txt"), "-o", "-"], capture_output=True, text=True,
                           timeout=120)
        x = json.loads(p.stdout)
        spans = [d for d in x["diagnostics"] if d["code"] == "deadline.implausible_span"]
        check(len(spans) == 1 and spans[0]["where"] == "measure 1",
              f"one deadline.implausible_span, for measure 1: {spans}")

        # The same deadline in a real region's extraction, through compare.
        y = json.loads((SOURCE / "output" / "tyumen-roadmap-2023.docx.json").read_text(encoding="utf-8"))
        m = next(measures(y))
        m["deadline"] = {"text": "ежемесячно, 1000–9999 гг.", "kind": "recurring", "start": "1000-01-01",
                         "end": "9999-12-31", "frequency": "monthly", "months": [], "plan": None}
        (tmp / "hostile.json").write_text(json.dumps(y, ensure_ascii=False), encoding="utf-8")
        t0 = time.monotonic()
        p = subprocess.run([str(KARTA), "compare", str(tmp / "hostile.json"),
                            str(SOURCE / "output" / "kuzbass-order-2023-1971.docx.json"), "-o", str(tmp / "out")],
                           capture_output=True, text=True, timeout=300)
        seconds = time.monotonic() - t0
        check(p.returncode == 0, f"compare over a 9,000-year deadline: exit {p.returncode} in {seconds:.1f} s: {p.stderr}")
        if p.returncode == 0:
            c = json.loads((tmp / "out" / "comparison.json").read_text(encoding="utf-8"))
            quarters = set()
            def walk(v):
                if isinstance(v, dict):
                    for k, w in v.items():
                        if len(k) == 7 and k[4:6] == "-Q":
                            quarters.add(k)
                        walk(w)
                elif isinstance(v, list):
                    for w in v:
                        walk(w)
            walk(c)
            check(quarters and all("2000" < q < "2100" for q in quarters),
                  f"the timeline holds only plausible quarters ({len(quarters)}: {sorted(quarters)[:3]}…)")
            size = (tmp / "out" / "comparison.html").stat().st_size
            check(size < 2_000_000, f"comparison.html is {size} bytes")

        # Many distinct acts under a tiny budget: stopped, nothing written.
        base = json.loads((SOURCE / "output" / "kuzbass-order-2023-1971.docx.json").read_text(encoding="utf-8"))
        acts = tmp / "acts"
        acts.mkdir()
        for i in range(80):
            a = json.loads(json.dumps(base))
            a["source"]["path"] = f"acts/{i}.docx"
            a["source"]["sha256"] = f"{i:064x}"
            for m in measures(a):
                m["title"] += f" (редакция {i})"
            (acts / f"{i}.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
        p = subprocess.run([str(KARTA), "compare", str(acts), "-o", str(tmp / "budget"), "--time-budget", "0.05"],
                           capture_output=True, text=True, timeout=300)
        check(p.returncode == 1 and "stopped after its budget of 50 ms" in p.stderr
              and not (tmp / "budget" / "comparison.json").exists(),
              f"--time-budget 0.05 over 80 acts: exit {p.returncode}, {p.stderr.strip()[-200:]}")
        p = subprocess.run([str(KARTA), "compare", str(acts), "-o", str(tmp / "budget"), "--time-budget", "0"],
                           capture_output=True, text=True, timeout=600)
        check(p.returncode == 0 and (tmp / "budget" / "comparison.json").exists(),
              f"--time-budget 0 (none): exit {p.returncode}")
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
