#!/usr/bin/env python3
"""Issue 16, done-when 2: a batch killed anywhere and resumed ends exactly
where an uninterrupted run does.

300 inputs — two directory arguments holding the same relative paths, an
archive of documents, broken files — converted once without interruption;
then 10 runs, each killed with SIGKILL or SIGTERM at a random moment (some
twice, one with a second SIGTERM on the heels of the first) and resumed
until done: each OUT must end byte-identical to the uninterrupted one (the
manifest but for its timings). A SIGTERM must end the run with 143 and a
manifest naming every input. Then the same with 3 shards into one OUT, each
shard killed and resumed.

usage: kill_test.py KARTA SOURCE_DIR HOSTILE_DIR
"""
import json
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

KARTA, SOURCE, HOSTILE = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
problems = []
rng = random.Random(16)


def check(ok, what):
    if not ok:
        problems.append(what)
        print("FAIL", what)


ARGS = ["a", "b", "acts.zip", "broken"]


def make_inputs(root):
    pool = sorted((SOURCE / "corpus").iterdir()) + sorted(
        p for p in (SOURCE / "tests/fixtures").iterdir() if p.suffix in (".txt", ".docx", ".html"))
    n = 0
    for top in ("a", "b"):   # the same relative paths under both: colliding outputs
        for i in range(125):
            d = root / top / f"y{2020 + i % 5}"
            d.mkdir(parents=True, exist_ok=True)
            # b's files under a's names: formats are told by content, not by name
            src = pool[(i + (7 if top == "b" else 0)) % len(pool)]
            shutil.copy(src, d / f"prikaz{i:03d}{pool[i % len(pool)].suffix}")
            n += 1
    with zipfile.ZipFile(root / "acts.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(40):
            src = pool[(i * 3) % len(pool)]
            z.writestr(f"acts/{i:02d}{src.suffix}", src.read_bytes())
            n += 1
    (root / "broken").mkdir()
    names = ["truncated_half.docx", "bad_crc_document_xml.docx", "missing_document_xml.docx", "zip_bomb_2gb.docx",
             "random_bytes.docx", "billion_laughs.docx", "malformed_unclosed_tags.docx", "empty.docx"]
    for name in names:
        shutil.copy(HOSTILE / name, root / "broken" / name)
        n += 1
    while n < 300:
        (root / "broken" / f"binary{n}.txt").write_bytes(bytes(range(256)) * 4)
        n += 1
    return n


def snapshot(out):
    """Every file under OUT by its path; manifests parsed, timings dropped."""
    files, lines = {}, []
    for p in sorted(out.rglob("*")):
        if not p.is_file() or p.name.endswith(".lock"):
            continue
        rel = str(p.relative_to(out))
        if p.name.startswith("manifest") and p.suffix == ".jsonl":
            for l in p.read_text(encoding="utf-8").splitlines():
                e = json.loads(l)
                e.pop("ms", None)
                lines.append(e)
        else:
            files[rel] = p.read_bytes()
    lines.sort(key=lambda e: e["path"])
    return files, lines


def start(root, out, *extra):
    return subprocess.Popen([str(KARTA), "extract", "-q", "-j", "2", *ARGS, "-o", str(out), *extra], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def interrupt(p, after, how):
    """Signal the run `after` seconds in; check what a SIGTERM must leave."""
    time.sleep(after)
    if p.poll() is None:
        p.send_signal(how)
    if how == signal.SIGTERM and rng.random() < 0.15 and p.poll() is None:
        time.sleep(0.01)
        p.send_signal(signal.SIGTERM)   # the second: exits at once
    _, err = p.communicate(timeout=300)
    return p.returncode, err.decode(errors="replace")


def run_killed(root, out, total, reference_seconds, label, *extra):
    """Killed once or twice at random, then resumed to the end."""
    resume = []
    for attempt in range(rng.choice((1, 1, 2))):
        how = rng.choice((signal.SIGKILL, signal.SIGTERM))
        p = start(root, out, *resume, *extra)
        rc, err = interrupt(p, rng.uniform(0.05, reference_seconds * 0.9), how)
        if how == signal.SIGTERM and rc == 143 and "--shard" not in extra and (out / "manifest.jsonl").exists():
            lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
            check(len(lines) == total, f"{label}: SIGTERM left a manifest of {len(lines)} lines, not {total}")
        check(rc in (0, 1, 143, -9), f"{label}: {how!r} gave exit {rc}: {err[-300:]}")
        resume = ["--resume"]
    p = start(root, out, "--resume", *extra)
    _, err = p.communicate(timeout=600)
    check(p.returncode in (0, 1), f"{label}: the resumed run exited {p.returncode}: {err.decode()[-300:]}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        total = make_inputs(root)
        t0 = time.monotonic()
        p = start(root, root / "reference")
        _, err = p.communicate(timeout=600)
        seconds = time.monotonic() - t0
        check(p.returncode == 1, f"uninterrupted run: exit {p.returncode} (broken inputs fail): {err.decode()[-300:]}")
        ref_files, ref_lines = snapshot(root / "reference")
        check(len(ref_lines) == total, f"uninterrupted run: {len(ref_lines)} manifest lines, not {total}")
        collided = [e["output"] for e in ref_lines if e.get("output") and "~" in e["output"]]
        check(len(collided) >= 200, f"only {len(collided)} outputs carry the collision hash")
        print(f"reference: {total} inputs in {seconds:.1f} s")

        for run in range(10):
            out = root / f"run{run}"
            run_killed(root, out, total, seconds, f"run {run}")
            files, lines = snapshot(out)
            check(lines == ref_lines, f"run {run}: the manifest differs from the uninterrupted run's")
            check(files.keys() == ref_files.keys(), f"run {run}: files differ: "
                  f"{sorted(set(files) ^ set(ref_files))[:5]}")
            differ = [k for k in files if k in ref_files and files[k] != ref_files[k]]
            check(not differ, f"run {run}: outputs differ from the uninterrupted run's: {differ[:5]}")

        # Three shards side by side into one OUT, each killed and resumed.
        out = root / "shards"
        procs = []
        for k in (1, 2, 3):
            procs.append(start(root, out, "--shard", f"{k}/3"))
        time.sleep(rng.uniform(0.1, seconds * 0.6))
        for p in procs:
            p.send_signal(rng.choice((signal.SIGKILL, signal.SIGTERM)))
        for p in procs:
            p.communicate(timeout=300)
        procs = [start(root, out, "--shard", f"{k}/3", "--resume") for k in (1, 2, 3)]
        for k, p in zip((1, 2, 3), procs):
            _, err = p.communicate(timeout=600)
            check(p.returncode in (0, 1), f"shard {k}/3 resumed: exit {p.returncode}: {err.decode()[-300:]}")
        files, lines = snapshot(out)
        check(lines == ref_lines, f"3 shards: their manifests together differ from the uninterrupted run's "
                                  f"({len(lines)} lines, {len(ref_lines)} expected)")
        check(files.keys() == ref_files.keys(), f"3 shards: files differ: {sorted(set(files) ^ set(ref_files))[:5]}")
        differ = [k for k in files if k in ref_files and files[k] != ref_files[k]]
        check(not differ, f"3 shards: outputs differ from the uninterrupted run's: {differ[:5]}")

    print(f"kill test: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
