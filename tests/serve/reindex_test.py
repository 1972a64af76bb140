#!/usr/bin/env python3
"""Issue 18: `karta store reindex` after a rule-set upgrade.

A store is filled through `karta watch --once` with an older rule set — the
repository's rules without the quarter deadline rule (struct.quarter), so
«II квартал 2024 г.» was read as unknown — and reindexed with the
repository's rules:

- --dry-run reports the Orenburg measure 2.1's deadline changed and writes
  nothing;
- reindex reports the same, and each stored extraction is then byte for byte
  what `karta extract` prints with the new rules; the measures rows, the word
  index and the amendment links follow; sources are untouched; SQLite's
  integrity and foreign-key checks pass;
- a second reindex finds everything unchanged;
- a limit the sources no longer pass leaves them as stored (exit 1);
- SIGKILL in the middle of a reindex leaves every document whole, old or new
  (its rows those of its JSON), and the next reindex finishes the work.

usage: reindex_test.py KARTA SOURCE_DIR
"""
import hashlib
import json
import os
import pathlib
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile

KARTA, SOURCE = (pathlib.Path(a).resolve() for a in sys.argv[1:3])
SLOW = 4 if os.environ.get("KARTA_SANITIZED") else 1
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
        print("FAIL " + what, flush=True)


def old_rules(tmp):
    """The repository's rules less the quarter deadline rule and its examples."""
    old = tmp / "old-rules"
    shutil.copytree(SOURCE / "rules", old)
    path = old / "deadlines.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: struct.quarter")
    end = text.index("  - id:", start + 5)
    text = text[:start] + text[end:]
    path.write_text("\n".join(l for l in text.split("\n") if "kind: quarter" not in l), encoding="utf-8")
    return old


def fill(store, files, rules, tmp):
    inbox = tmp / ("inbox-" + store.stem)
    inbox.mkdir()
    for f in files:
        shutil.copy(f, inbox / f.name)
    r = subprocess.run([str(KARTA), "watch", str(inbox), "--store", str(store), "--once", "--rules", str(rules)],
                       capture_output=True, text=True, timeout=600 * SLOW)
    check(r.returncode == 0, "karta watch --once with the old rules: %s %s" % (r.returncode, r.stderr[-300:]))


def reindex(store, *extra):
    return subprocess.run([str(KARTA), "store", "reindex", "--store", str(store), *extra], capture_output=True,
                          text=True, timeout=600 * SLOW)


def snapshot(store):
    db = sqlite3.connect(str(store))
    out = {
        "json": dict(db.execute("SELECT id, extraction_json FROM documents")),
        "sources": dict(db.execute("SELECT document_id, sha256 || name || hex(bytes) || ingested_at FROM sources")),
        "amendments": sorted(db.execute("SELECT document_id, amends_id FROM amendments")),
        "names": dict(db.execute("SELECT document_id, name FROM sources")),
        "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
        "foreign_keys": db.execute("PRAGMA foreign_key_check").fetchall(),
        "words": db.execute("SELECT count(*) FROM measure_words").fetchone()[0],
        "measures": db.execute("SELECT count(*) FROM measures").fetchone()[0],
        "rows": dict(db.execute("SELECT d.id, (SELECT count(*) FROM measures m WHERE m.document_id = d.id)"
                                " FROM documents d")),
        "rules": dict(db.execute("SELECT id, rules_version FROM documents")),
    }
    db.close()
    return out


def measure_count(extraction_json):
    x = json.loads(extraction_json)
    return sum(len(s["measures"]) for r in x["roadmaps"] for d in r["directions"] for s in d["system_measures"])


def whole(snap, what):
    """Every document's rows are those of its JSON."""
    for doc, text in snap["json"].items():
        check(snap["rows"][doc] == measure_count(text) and snap["rules"][doc] == json.loads(text)["producer"]["rules"],
              "%s: document %d's rows are not its JSON's" % (what, doc))
    check(snap["integrity"] == "ok" and not snap["foreign_keys"], "%s: integrity %s, foreign keys %s" %
          (what, snap["integrity"], snap["foreign_keys"][:3]))
    check(snap["words"] == snap["measures"], "%s: %d indexed titles for %d measures" % (what, snap["words"], snap["measures"]))


def test_upgrade(tmp, old):
    store = tmp / "chain.db"
    files = sorted((SOURCE / "tests" / "fixtures" / "amendments").iterdir()) + [SOURCE / "corpus" / "tyumen-roadmap-2023.docx"]
    fill(store, files, old, tmp)
    before = snapshot(store)
    check(len(before["json"]) == len(files), "the old rules stored %d of %d files" % (len(before["json"]), len(files)))
    check(before["amendments"] != [], "no amendment link among the Orenburg acts")

    dry = reindex(store, "--dry-run")
    check(dry.returncode == 0, "reindex --dry-run: exit %s %s" % (dry.returncode, dry.stderr[-300:]))
    changed_lines = [l for l in dry.stdout.splitlines() if "2.1 deadline" in l]
    check(len(changed_lines) == 2 and all("would change" in l and "orenburg-" in l for l in changed_lines),
          "the dry run does not name 2.1's deadline in the two Orenburg roadmaps:\n" + dry.stdout)
    check(snapshot(store)["json"] == before["json"], "the dry run wrote")

    run = reindex(store)
    check(run.returncode == 0, "reindex: exit %s %s" % (run.returncode, run.stderr[-300:]))
    check([l.replace("would change: ", "") for l in dry.stdout.splitlines()[:-1]] == run.stdout.splitlines()[:-1],
          "reindex reports otherwise than its dry run:\n%s\n%s" % (dry.stdout, run.stdout))
    check(re.search(r": %d changed, 0 unchanged, 0 not read again$" % len(files), run.stdout.strip()) is not None,
          "reindex summary: %r" % run.stdout.strip().splitlines()[-1:])
    after = snapshot(store)
    for doc, name in after["names"].items():
        src = [f for f in files if f.name == name][0]
        want = subprocess.run([str(KARTA), "extract", name, "-o", "-"], cwd=src.parent, capture_output=True).stdout
        check(after["json"][doc].encode() == want, "after reindex, document %d (%s) is not karta extract's" % (doc, name))
    check(after["sources"] == before["sources"], "reindex changed a source")
    check(after["amendments"] == before["amendments"], "amendment links before %s, after %s" %
          (before["amendments"], after["amendments"]))
    whole(after, "after reindex")
    db = sqlite3.connect(str(store))
    ends = db.execute("SELECT deadline_end FROM measures WHERE number = '2.1' AND deadline_text LIKE 'II квартал%'").fetchall()
    check(ends == [("2024-06-30",), ("2024-06-30",)], "2.1's deadline after reindex: %s" % ends)
    db.close()

    again = reindex(store)
    check(again.returncode == 0 and all(l.endswith(": unchanged") for l in again.stdout.splitlines()[:-1]) and
          len(again.stdout.splitlines()) == len(files) + 1, "a second reindex:\n" + again.stdout)
    check(snapshot(store)["json"] == after["json"], "a second reindex wrote")

    limited = reindex(store, "--max-lines", "20")
    check(limited.returncode == 1 and "not read again, left as stored" in limited.stdout and
          "more than 20 lines" in limited.stdout, "reindex under a limit the texts pass no more: %s\n%s" %
          (limited.returncode, limited.stdout))
    check(snapshot(store)["json"] == after["json"], "a source that did not read again was rewritten")

    r = reindex(tmp / "absent.db")
    check(r.returncode == 2, "reindex of a store that does not exist: exit %s" % r.returncode)


def test_kill(tmp, old):
    store = tmp / "many.db"
    files = sorted(p for p in (SOURCE / "tests" / "fixtures").rglob("*.txt") if p.is_file())
    files += sorted(p for p in (SOURCE / "corpus").iterdir() if p.is_file())
    fill(store, files, old, tmp)
    stored = snapshot(store)
    proc = subprocess.Popen([str(KARTA), "store", "reindex", "--store", str(store)], stdout=subprocess.PIPE, text=True)
    seen = [proc.stdout.readline() for _ in range(3)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check(all(l.startswith("document ") for l in seen), "reindex printed %s before the kill" % seen)
    killed = snapshot(store)
    whole(killed, "after SIGKILL")
    old_version = set(stored["rules"].values())
    check(len(old_version) == 1, "the old store holds several rule versions: %s" % old_version)
    rewritten = [d for d, v in killed["rules"].items() if v not in old_version]
    check(3 <= len(rewritten) < len(files), "the kill came after %d of %d documents were rewritten" %
          (len(rewritten), len(files)))
    run = reindex(store)
    check(run.returncode == 0, "reindex after the kill: exit %s" % run.returncode)
    done = snapshot(store)
    whole(done, "after the second reindex")
    check(len(set(done["rules"].values())) == 1 and set(done["rules"].values()) != old_version,
          "after the kill and a reindex the rule versions are %s" % set(done["rules"].values()))
    print("kill: %d of %d documents rewritten before SIGKILL" % (len(rewritten), len(files)))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        old = old_rules(tmp)
        test_upgrade(tmp, old)
        test_kill(tmp, old)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
