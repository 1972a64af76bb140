#!/usr/bin/env python3
"""Runs `karta read` on every row of tests/robustness/hostile/manifest.tsv.

The inputs are generated first, with the repository's copy of make_hostile.py
(deterministic; the same bytes as the published set). Each input runs in its
own empty working directory under a memory cap, with a listener on a free
loopback port that must see no connection: the XXE probes are written for
port 47321, so their copies here are pointed at the listener's port instead
(two suites on one machine never collide on a fixed port). Checks: `parse` rows succeed and contain must_contain; `error`
rows fail with exit 1 and a message naming the file; `either` rows do one of
the two; nothing crashes, hangs, writes outside its directory, prints
must_not_contain or emits invalid UTF-8. The --big cases are generated here
with make_hostile.py and checked for bounded memory and time.

With --formats the set is make_format_hostile.py's (HTML, ODT, RTF, PDF;
karta's own, beside the published one), its manifest written by the generator.

usage: hostile_inputs_test.py KARTA HOSTILE_DIR [--big | --formats]
"""
import csv
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

MEMORY_CAP = 512 << 20
PUBLISHED_XXE_PORT = b"127.0.0.1:47321"


class Listener:
    """Accepts and counts connections on the XXE probes' port."""

    def __init__(self):
        self.connections = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except socket.timeout:
                pass

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def repoint_probes(directory, port):
    """Rewrites every generated input that names the published probe port so
    that it names `port`; returns how many were rewritten."""
    new = b"127.0.0.1:%d" % port
    count = 0
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        data = open(path, "rb").read()
        if zipfile.is_zipfile(path):
            try:
                with zipfile.ZipFile(path) as z:
                    members = [(i, z.read(i)) for i in z.infolist()]
            except Exception:
                continue   # the broken archives are broken on purpose
            if not any(PUBLISHED_XXE_PORT in body for _, body in members):
                continue
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                for info, body in members:
                    z.writestr(info, body.replace(PUBLISHED_XXE_PORT, new))
            count += 1
        elif PUBLISHED_XXE_PORT in data:
            open(path, "wb").write(data.replace(PUBLISHED_XXE_PORT, new))
            count += 1
    return count


def limit_memory():
    # AddressSanitizer maps terabytes of shadow memory: an address-space cap
    # only works on a plain build (the sanitizer build checks memory itself).
    if not os.environ.get("KARTA_SANITIZED"):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def evil_files():
    found = set()
    for root in ("/tmp", os.path.expanduser("~"), "/"):
        try:
            for name in os.listdir(root):
                if name == "evil" or name.startswith("docx_evil"):
                    found.add(os.path.join(root, name))
        except OSError:
            pass
    return found


def run_case(karta, path, timeout):
    with tempfile.TemporaryDirectory() as work:
        started = time.monotonic()
        try:
            proc = subprocess.run([karta, "read", path], cwd=work, capture_output=True,
                                  timeout=timeout, preexec_fn=limit_memory)
        except subprocess.TimeoutExpired:
            return None, "hung (over %ss)" % timeout, 0.0
        elapsed = time.monotonic() - started
        left = os.listdir(work)
        if left:
            return proc, "wrote files into its working directory: %s" % left, elapsed
        return proc, None, elapsed


def check(row, karta, directory, timeout):
    name, expect = row["file"], row["expect"]
    path = os.path.join(directory, name)
    proc, problem, elapsed = run_case(karta, path, timeout)
    if problem:
        return problem
    if proc.returncode < 0:
        return "killed by signal %d" % -proc.returncode
    out, err = proc.stdout, proc.stderr
    try:
        text = out.decode("utf-8")
        err_text = err.decode("utf-8")
    except UnicodeDecodeError as e:
        return "invalid UTF-8 in output: %s" % e
    if "internal error" in err_text:
        return "internal error: " + err_text.strip()
    bad = row["must_not_contain"]
    if bad and (bad in text or bad in err_text):
        return "output contains forbidden %r" % bad
    ok = proc.returncode == 0
    if expect == "parse" and not ok:
        return "should parse, failed: " + err_text.strip()
    if expect == "error" and ok:
        return "should fail cleanly, but parsed"
    if not ok:
        if proc.returncode != 1:
            return "exit %d, expected 1 for a failed input" % proc.returncode
        if path not in err_text:
            return "error does not name the file: " + err_text.strip()
    if ok and row["must_contain"] and row["must_contain"] not in text:
        return "parsed but lacks %r" % row["must_contain"]
    return None


def main():
    karta, hostile = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    big = "--big" in sys.argv
    formats = "--formats" in sys.argv
    manifest = os.path.join(hostile, "manifest.tsv")
    generator = os.path.join(hostile, "make_format_hostile.py" if formats else "make_hostile.py")
    for needed in (manifest, generator):
        if not os.path.isfile(needed):
            print("FAIL missing test data: %s" % needed)
            return 1
    rows = list(csv.DictReader(open(manifest, encoding="utf-8"), delimiter="\t"))
    listener = Listener()
    before = evil_files()
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as generated:
        command = [sys.executable, generator, generated]
        if big:
            command += ["--big", "--only", *[r["file"] for r in rows if r["big"] == "1"]]
        subprocess.run(command, check=True, capture_output=True)
        if formats:
            rows = list(csv.DictReader(open(os.path.join(generated, "format_manifest.tsv"), encoding="utf-8"),
                                       delimiter="\t"))
        # Every probe of an http entity must have been pointed at the listener.
        probes = sum(1 for r in rows if "xxe_http" in r["file"] or "external_entities" in r["file"])
        if not big and repoint_probes(generated, listener.port) < probes:
            failures.append("probes")
            print("FAIL the XXE probes naming %s were not found in the generated set" % PUBLISHED_XXE_PORT.decode())
        for row in rows:
            if (row["big"] == "1") != big:
                continue
            problem = check(row, karta, generated, 60 if big else 10)
            checked += 1
            status = "ok  " if problem is None else "FAIL"
            print("%s %-36s %-6s %s" % (status, row["file"], row["expect"], problem or ""))
            if problem:
                failures.append(row["file"])
    listener.close()
    if listener.connections:
        failures.append("network")
        print("FAIL %d connection(s) reached 127.0.0.1:%d" % (listener.connections, listener.port))
    new_evil = evil_files() - before
    if new_evil:
        failures.append("path traversal")
        print("FAIL files written outside the sandbox: %s" % sorted(new_evil))
    print("%d passed, %d failed" % (checked - len(failures), len(failures)))
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
