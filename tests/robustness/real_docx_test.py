#!/usr/bin/env python3
"""Reads every file in tests/robustness/real/ (see its SOURCES.md) with `karta read`.

Each either reads (exit 0, valid JSON on stdout) or fails cleanly (exit 1,
a message naming the file and a reason); none crashes, hangs (10 s) or goes
over 512 MiB. Prints a line per file and the tally.

usage: real_docx_test.py KARTA REAL_DIR
"""
import json
import os
import resource
import subprocess
import sys

MEMORY_CAP = 512 << 20


def limit_memory():
    # AddressSanitizer maps terabytes of shadow memory: an address-space cap
    # only works on a plain build (the sanitizer build checks memory itself).
    if not os.environ.get("KARTA_SANITIZED"):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def check(karta, path):
    try:
        proc = subprocess.run([karta, "read", path], capture_output=True, timeout=10, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return "hung", None
    if proc.returncode < 0:
        return "killed by signal %d" % -proc.returncode, None
    err = proc.stderr.decode("utf-8", "replace")
    if "internal error" in err:
        return "internal error: " + err.strip(), None
    try:
        doc = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return "output is not valid UTF-8 JSON: %s" % e, None
    if proc.returncode == 0:
        return None, "read"
    if proc.returncode == 1 and path in err and "error" in doc:
        return None, "failed: " + err.strip().split(": ", 2)[-1]
    return "exit %d without a clear error: %s" % (proc.returncode, err.strip()), None


def main():
    karta, real = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not os.path.isdir(real):
        print("FAIL missing test data: %s" % real)
        return 1
    names = sorted(n for n in os.listdir(real) if not n.endswith(".md") and not n.startswith("."))
    failures, read = 0, 0
    for name in names:
        problem, outcome = check(karta, os.path.join(real, name))
        if problem:
            failures += 1
        elif outcome == "read":
            read += 1
        print("%s %-60s %s" % ("FAIL" if problem else "ok  ", name, problem or outcome))
    print("%d of %d read, %d failed cleanly" % (read, len(names), len(names) - read - failures))
    print("%d passed, %d failed" % (len(names) - failures, failures))
    return 1 if failures or not names else 0


if __name__ == "__main__":
    sys.exit(main())
