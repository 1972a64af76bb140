#!/usr/bin/env python3
"""Issue 18, done-when 3 (the watch half): `karta watch DIR --store DB`
never loses a dropped file.

- Files dropped while it runs (renamed into place, or written slowly in
  pieces, one with pauses longer than --settle) end in DIR/done/ with their document in the store — the bytes of
  the whole file, never of half of one — or in DIR/failed/ beside
  NAME.error.txt naming the reason.
- SIGKILL in the middle of the drops, more files dropped while it is down,
  then a restart: every file ends in done/ or failed/, exactly once, every
  done file's bytes are in the store, and the store passes SQLite's
  integrity check.
- karta watch and karta serve writing one store at once: every upload
  answered 200/201, every drop done, each source stored once.
- A second watcher on the same folder is refused; SIGTERM exits 0; --once
  takes what is there and exits 1 when a file failed.

usage: watch_test.py KARTA SOURCE_DIR
"""
import hashlib
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

KARTA, SOURCE = (pathlib.Path(a).resolve() for a in sys.argv[1:3])
SLOW = 4 if os.environ.get("KARTA_SANITIZED") else 1
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
        print("FAIL " + what, flush=True)


def inputs():
    files = sorted(p for p in (SOURCE / "corpus").iterdir() if p.is_file())
    files += sorted(p for p in (SOURCE / "tests" / "fixtures").rglob("*") if p.is_file() and p.suffix != ".json")
    return files


class Watcher:
    def __init__(self, inbox, store, *extra):
        self.proc = subprocess.Popen([str(KARTA), "watch", str(inbox), "--store", str(store), "--settle", "0.3",
                                      "--interval", "1", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        first = self.proc.stdout.readline()
        if "karta watch:" not in first:
            raise SystemExit("karta watch did not start: %r %r" % (first, self.proc.stderr.read()))
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def settled(self, inbox, timeout):
        """Until no file is left in the inbox itself."""
        end = time.time() + timeout
        while time.time() < end:
            if not [p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".")]:
                return True
            time.sleep(0.1)
        return False


def drop_renamed(src, inbox, name):
    part = inbox / (name + ".part")
    part.write_bytes(src.read_bytes())
    os.rename(part, inbox / name)


def drop_slowly(src, inbox, name, pieces=6, pause=0.15):
    data = src.read_bytes()
    step = max(1, len(data) // pieces + 1)
    with open(inbox / name, "wb") as f:
        for i in range(0, len(data), step):
            f.write(data[i:i + step])
            f.flush()
            time.sleep(pause)


def stored_shas(store):
    db = sqlite3.connect(str(store))
    shas = {r[0] for r in db.execute("SELECT sha256 FROM sources")}
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    return shas, integrity


def outcome(inbox, name):
    """Where `name` ended: ('done'|'failed', path), and how many times."""
    found = [(sub, inbox / sub / name) for sub in ("done", "failed") if (inbox / sub / name).exists()]
    return found


def test_drops_and_kill(tmp):
    inbox, store = tmp / "inbox", tmp / "k.db"
    inbox.mkdir()
    files = inputs()
    expected = {}   # name in the inbox -> sha of the bytes dropped
    w = Watcher(inbox, store)
    second = subprocess.run([str(KARTA), "watch", str(inbox), "--store", str(tmp / "other.db")], capture_output=True,
                            text=True, timeout=60 * SLOW)
    check(second.returncode == 3 and ".karta.lock" in second.stderr,
          "a second watcher on the same folder: %s %r" % (second.returncode, second.stderr[-300:]))
    # Two written slowly in pieces: taken whole, never half — the second
    # pausing twice as long as --settle, so half of it settles and fails to
    # read, and must be waited for rather than moved to failed/.
    slow = [f for f in files if f.suffix == ".docx"][:2]
    for i, f in enumerate(slow):
        name = "slow-%d-%s" % (i, f.name)
        drop_slowly(f, inbox, name, pieces=6 if i == 0 else 3, pause=0.15 if i == 0 else 0.6)
        expected[name] = hashlib.sha256(f.read_bytes()).hexdigest()
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (inbox / "empty.txt").write_bytes(b"")
    expected["broken.docx"] = expected["empty.txt"] = None
    # The rest renamed into place, one every 50 ms, while SIGKILL comes after the fourth is done.
    half = len(files) // 2
    first = [("%02d-%s" % (i, f.name), f) for i, f in enumerate(files[:half])]
    for name, f in first:
        expected[name] = hashlib.sha256(f.read_bytes()).hexdigest()

    def drip():
        for name, f in first:
            drop_renamed(f, inbox, name)
            time.sleep(0.05)

    dropper = threading.Thread(target=drip)
    dropper.start()
    end = time.time() + 60 * SLOW
    while time.time() < end and sum(l.startswith("done ") for l in w.lines) < 4:
        time.sleep(0.01)
    w.proc.kill()
    w.proc.wait()
    done_before = sum(l.startswith("done ") for l in w.lines)
    dropper.join()
    waiting = sorted(p.name for p in inbox.iterdir() if p.is_file() and not p.name.startswith("."))
    check(len(waiting) >= 3, "SIGKILL came too late to test anything: %d files waiting" % len(waiting))
    # Dropped while it is down.
    for i, f in enumerate(files[half:], start=half):
        name = "%02d-%s" % (i, f.name)
        drop_renamed(f, inbox, name)
        expected[name] = hashlib.sha256(f.read_bytes()).hexdigest()
    w = Watcher(inbox, store)
    check(w.settled(inbox, 300 * SLOW), "files still in the inbox after the restart: %s" %
          sorted(p.name for p in inbox.iterdir() if p.is_file() and not p.name.startswith("."))[:5])
    time.sleep(0.3)
    w.proc.send_signal(signal.SIGTERM)
    w.proc.wait(timeout=60 * SLOW)
    check(w.proc.returncode == 0, "SIGTERM: exit %s" % w.proc.returncode)

    shas, integrity = stored_shas(store)
    check(integrity == "ok", "the store after SIGKILL: %s" % integrity)
    done = failed = 0
    for name, sha in sorted(expected.items()):
        where = outcome(inbox, name)
        check(len(where) == 1, "%s ended in %s" % (name, [s for s, _ in where] or "neither done/ nor failed/"))
        if len(where) != 1:
            continue
        sub, path = where[0]
        if sub == "done":
            done += 1
            check(hashlib.sha256(path.read_bytes()).hexdigest() in shas, "%s is in done/ but not in the store" % name)
            check(sha is None or hashlib.sha256(path.read_bytes()).hexdigest() == sha, "%s changed on its way" % name)
        else:
            failed += 1
            reason = inbox / "failed" / (name + ".error.txt")
            check(reason.exists() and name in reason.read_text() and "kind: " in reason.read_text(),
                  "%s failed without its reason" % name)
    for name in ("broken.docx", "empty.txt"):
        where = outcome(inbox, name)
        check([s for s, _ in where] == ["failed"], "%s: %s, failed/ expected" % (name, where))
    for name in [n for n in expected if n.startswith("slow-")]:
        check([s for s, _ in outcome(inbox, name)] == ["done"] and expected[name] in shas,
              "%s (written slowly) is not stored whole" % name)
    leftovers = sorted(p.name for p in inbox.iterdir() if p.is_file() and p.name != ".karta.lock")
    check(not leftovers, "left in the inbox: %s" % leftovers)
    print("watch: %d files dropped, %d done (%d before SIGKILL, %d waiting then), %d failed, %d documents stored" %
          (len(expected), done, done_before, len(waiting), failed, len(shas)))
    check(done >= 20 and done_before >= 4, "too few documents done: %d (%d before the kill)" % (done, done_before))


def test_once(tmp):
    inbox = tmp / "once"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes((SOURCE / "corpus" / "tyumen-roadmap-2023.txt").read_bytes())
    (inbox / "b.docx").write_bytes(b"\x00" * 64)
    r = subprocess.run([str(KARTA), "watch", str(inbox), "--store", str(tmp / "once.db"), "--once"],
                       capture_output=True, text=True, timeout=120 * SLOW)
    check(r.returncode == 1, "--once with a failed file exits 1, got %s: %r" % (r.returncode, r.stderr[-300:]))
    check((inbox / "done" / "a.txt").exists() and (inbox / "failed" / "b.docx").exists() and
          (inbox / "failed" / "b.docx.error.txt").exists(), "--once: %s" % sorted(str(p.relative_to(inbox))
                                                                                  for p in inbox.rglob("*")))
    check("done a.txt -> document 1" in r.stdout and "failed b.docx" in r.stdout, "--once said %r" % r.stdout)
    (inbox / "a again.txt").write_bytes((SOURCE / "corpus" / "tyumen-roadmap-2023.txt").read_bytes())
    (inbox / "a.txt").write_bytes(b"a second a.txt, other bytes\n")
    r = subprocess.run([str(KARTA), "watch", str(inbox), "--store", str(tmp / "once.db"), "--once"],
                       capture_output=True, text=True, timeout=120 * SLOW)
    check("done a again.txt -> document 1 (stored already)" in r.stdout, "the same bytes again: %r" % r.stdout)
    check((inbox / "done" / "a (2).txt").exists() or (inbox / "failed" / "a (2).txt").exists(),
          "a second a.txt does not replace the first: %s" % sorted(p.name for p in inbox.rglob("*")))


def test_beside_serve(tmp):
    """karta watch and karta serve writing one store at once: neither is refused."""
    import concurrent.futures
    import http.client
    import urllib.parse
    inbox, store = tmp / "shared-inbox", tmp / "shared.db"
    inbox.mkdir()
    (tmp / "tokens").write_text("t0ken-watch-test\n")
    serve = subprocess.Popen([str(KARTA), "serve", "--store", str(store), "--port", "0", "--tokens", str(tmp / "tokens"),
                              "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = int(serve.stdout.readline().split("127.0.0.1:")[1].split()[0])
    w = Watcher(inbox, store)
    files = inputs()

    def upload(f):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120 * SLOW)
        c.request("POST", "/v1/documents?name=" + urllib.parse.quote("up-" + f.name), body=f.read_bytes(),
                  headers={"Authorization": "Bearer t0ken-watch-test"})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, body

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = pool.map(upload, files[::-1])
        for i, f in enumerate(files):
            drop_renamed(f, inbox, "%02d-%s" % (i, f.name))
        answers = list(answers)
    odd = [(f.name, status, body[:160]) for f, (status, body) in zip(files[::-1], answers) if status not in (200, 201)]
    check(not odd, "uploads while karta watch writes the same store: %s" % odd[:3])
    check(w.settled(inbox, 300 * SLOW), "karta watch beside karta serve left files in its inbox")
    time.sleep(0.3)
    w.proc.send_signal(signal.SIGTERM)
    w.proc.wait(timeout=60 * SLOW)
    serve.send_signal(signal.SIGTERM)
    _, err = serve.communicate(timeout=60 * SLOW)
    left = [l for l in w.lines if not l.startswith("done ")]
    check(not left and len(w.lines) == len(files), "karta watch beside karta serve: %d lines, not done: %s" %
          (len(w.lines), left[:3]))
    shas, integrity = stored_shas(store)
    distinct = {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    check(integrity == "ok" and shas == distinct, "the shared store holds %d of %d sources (%s)" %
          (len(shas & distinct), len(distinct), integrity))
    print("beside serve: %d uploads and %d drops into one store, %d sources" % (len(files), len(files), len(shas)))


def main():
    with tempfile.TemporaryDirectory() as t:
        tmp = pathlib.Path(t)
        test_once(tmp)
        test_drops_and_kill(tmp)
        test_beside_serve(tmp)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
