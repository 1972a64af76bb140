#!/usr/bin/env python3
"""Archives as analysts receive them, beyond what the hostile set holds:

- ZIP64: an archive of 70,000 members (its end record is ZIP64, and the
  documents at its end lie past member 65,535) lists every member, and the
  documents among them convert exactly as single files do;
- every member described by ZIP64 extra fields (sizes and offsets
  saturated, as past 4 GiB) reads the same; so does a DOCX packed that way;
- an archive whose 16-bit member count wrapped (a writer that did not switch
  to ZIP64 at 65,536 members) lists every member;
- an archive that holds a stray file named [Content_Types].xml, a folder
  word/ and a _rels/.rels that names no main document is an archive of
  files, not a broken DOCX;
- an archive rewritten while the batch reads it fails the members it cannot
  read, never the process (it was mapped: SIGBUS killed the whole run);
- members that inflate to gigabytes, on disk or nested, stop unread: one
  past 200 times its compressed size, many together past the archive's
  budget.

usage: archives_test.py KARTA SOURCE_DIR
"""
import contextlib
import json
import pathlib
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

KARTA, SOURCE = (pathlib.Path(a).resolve() for a in sys.argv[1:3])
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def karta(*args):
    return subprocess.run([str(KARTA), "extract", "-q", *map(str, args)], capture_output=True, timeout=600)


def manifest(out):
    return [json.loads(l) for l in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


DOCS = [SOURCE / "corpus/tyumen-roadmap-2023.txt", SOURCE / "corpus/kuzbass-order-2023-1971.docx",
        SOURCE / "tests/fixtures/tomsk-plan-2025.txt", SOURCE / "tests/fixtures/kostroma-order-2025.txt"]


def single(path, tmp):
    """What a single-file run gives, but for source.path."""
    out = tmp / ("single-" + path.name)
    if not out.exists():
        r = subprocess.run([str(KARTA), "extract", "-q", str(path), "-o", "-"], capture_output=True, timeout=120)
        out.write_bytes(r.stdout)
    x = json.loads(out.read_bytes())
    x["source"].pop("path", None)
    return x


def same_as_single(out, entry, doc, tmp, what):
    if entry.get("status") != "ok":
        check(False, f"{what}: {entry.get('path')} is {entry.get('status')}: {entry.get('error')}")
        return
    x = json.loads((out / entry["output"]).read_bytes())
    x["source"].pop("path", None)
    check(x == single(doc, tmp), f"{what}: {entry['path']} differs from a single-file run of {doc.name}")


@contextlib.contextmanager
def zip64_everywhere():
    """zipfile describes every member by ZIP64 extra fields once they pass
    ZIP64_LIMIT; a limit of 0 makes a small archive look like one past 4 GiB."""
    saved = zipfile.ZIP64_LIMIT
    zipfile.ZIP64_LIMIT = 0
    try:
        yield
    finally:
        zipfile.ZIP64_LIMIT = saved


def many_members(path, n_locks):
    """n_locks Word lock files (skipped unread), then the documents."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(n_locks):
            z.writestr(f"locks/~${i:05d}.docx", b"")
        for d in DOCS:
            z.writestr("docs/" + d.name, d.read_bytes())


def unzip64(path):
    """The same archive with its ZIP64 end records dropped and the member
    count stored modulo 65,536, as a writer that never heard of ZIP64 does."""
    data = path.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    loc = end - 20
    assert data[loc:loc + 4] == b"PK\x06\x07"
    rec = struct.unpack_from("<Q", data, loc + 8)[0]
    assert data[rec:rec + 4] == b"PK\x06\x06"
    count, size, offset = struct.unpack_from("<QQQ", data, rec + 32)
    record = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count & 0xFFFF, count & 0xFFFF, size, offset, 0)
    path.write_bytes(data[:rec] + record)
    return count


def test_many_members(tmp):
    path = tmp / "many.zip"
    many_members(path, 69_996)
    out = tmp / "out-many"
    r = karta(path, "-o", out)
    check(r.returncode == 0, f"70,000-member ZIP64 archive: exit {r.returncode}: {r.stderr.decode()[-300:]}")
    m = manifest(out)
    check(len(m) == 70_000, f"70,000-member ZIP64 archive: {len(m)} manifest lines")
    done = {e["path"].rsplit("/", 1)[-1]: e for e in m if e.get("status") == "ok"}
    skipped = sum(1 for e in m if e.get("status") == "skipped")
    check(skipped == 69_996, f"70,000-member ZIP64 archive: {skipped} lock files skipped")
    for d in DOCS:
        if d.name in done:
            same_as_single(out, done[d.name], d, tmp, "member past 65,535")
        else:
            check(False, f"70,000-member ZIP64 archive: {d.name} not done")

    count = unzip64(path)
    out = tmp / "out-wrapped"
    r = karta(path, "-o", out)
    check(r.returncode == 0, f"wrapped count ({count} members, {count & 0xFFFF} recorded): exit {r.returncode}: "
                             f"{r.stderr.decode()[-300:]}")
    m = manifest(out)
    check(len(m) == 70_000, f"wrapped count: {len(m)} manifest lines")
    check(sum(1 for e in m if e.get("status") == "ok") == len(DOCS), "wrapped count: the documents are not all done")


def test_zip64_extras(tmp):
    path = tmp / "extras.zip"
    with zip64_everywhere(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for d in DOCS:
            z.writestr(d.name, d.read_bytes())
    raw = path.read_bytes()
    check(raw.count(b"\xff\xff\xff\xff") >= 3 * len(DOCS), "the ZIP64 archive does not saturate its 32-bit fields")
    out = tmp / "out-extras"
    r = karta(path, "-o", out)
    check(r.returncode == 0, f"ZIP64 extras: exit {r.returncode}: {r.stderr.decode()[-300:]}")
    m = {e["path"].rsplit("!", 1)[-1]: e for e in manifest(out)}
    for d in DOCS:
        if d.name in m:
            same_as_single(out, m[d.name], d, tmp, "ZIP64 extras")
        else:
            check(False, f"ZIP64 extras: {d.name} not listed")

    # A DOCX repacked with ZIP64 extras is the same document.
    docx = SOURCE / "corpus/tyumen-roadmap-2023.docx"
    repacked = tmp / "repacked.docx"
    with zipfile.ZipFile(docx) as src, zip64_everywhere(), zipfile.ZipFile(repacked, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info))
    r = subprocess.run([str(KARTA), "extract", "-q", str(repacked), "-o", "-"], capture_output=True, timeout=120)
    check(r.returncode == 0, f"ZIP64 DOCX: exit {r.returncode}: {r.stderr.decode()[-300:]}")
    if r.returncode == 0:
        x = json.loads(r.stdout)
        x["source"].pop("path", None)
        y = single(docx, tmp)
        for k in ("sha256", "bytes"):
            x["source"].pop(k, None)
            y["source"].pop(k, None)
        check(x == y, "ZIP64 DOCX: extraction differs from the original DOCX's")


def test_not_a_package(tmp):
    """Names that only look like a package's."""
    path = tmp / "looks-like-docx.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "список типов файлов в архиве — не пакет OOXML\n")
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "<черновик/>")
        z.writestr("word/" + DOCS[0].name, DOCS[0].read_bytes())
        z.writestr(DOCS[2].name, DOCS[2].read_bytes())
    out = tmp / "out-looks"
    r = karta(path, "-o", out)
    m = {e["path"].rsplit("!", 1)[-1]: e for e in manifest(out)}
    check(len(m) == 5, f"archive with package-like names: {len(m)} manifest lines, not 5 (taken for a DOCX?): "
                       f"{r.stderr.decode()[-300:]}")
    for name, doc in (("word/" + DOCS[0].name, DOCS[0]), (DOCS[2].name, DOCS[2])):
        if name in m:
            same_as_single(out, m[name], doc, tmp, "archive with package-like names")
        else:
            check(False, f"archive with package-like names: {name} not listed")


def test_rewritten_while_read(tmp):
    """Another process cuts the archive to a third and writes it back, over
    and over, once the batch has begun converting its members (large ones,
    so that reads take a while)."""
    path = tmp / "changing.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("docs/000.txt", DOCS[0].read_bytes())
        for i in range(1, 7):
            z.writestr(f"docs/{i:03d}.bin", b"\0" * (40 << 20))
    data = path.read_bytes()
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            with open(path, "r+b") as f:
                f.truncate(len(data) // 3)
                time.sleep(0.01)
                f.seek(len(data) // 3)
                f.write(data[len(data) // 3:])

    out = tmp / "out-changing"
    p = subprocess.Popen([str(KARTA), "extract", "-q", str(path), "-o", str(out), "-j", "2"], stderr=subprocess.PIPE)
    part = out / "manifest.jsonl.part"
    while p.poll() is None and not (part.exists() and part.stat().st_size > 0):
        time.sleep(0.001)
    t = threading.Thread(target=churn)
    t.start()
    try:
        err = p.communicate(timeout=300)[1]
    finally:
        stop.set()
        t.join()
    check(p.returncode in (0, 1), f"archive rewritten while read: exit {p.returncode} (-7 is SIGBUS): {err.decode()[-300:]}")
    if not (out / "manifest.jsonl").exists():
        check(False, "archive rewritten while read: no manifest")
        return
    m = manifest(out)
    check(len(m) == 7, f"archive rewritten while read: {len(m)} manifest lines, not 7")
    for e in m:
        check(e.get("status") in ("ok", "failed"), f"archive rewritten while read: {e}")
        check(e.get("status") == "ok" or e.get("error"), f"archive rewritten while read: a failure with no reason: {e}")


def test_bombs(tmp):
    """Members that inflate far more than documents do, on disk and nested,
    stop before they are inflated: one member past 200 times its compressed
    size, and an archive's members together past its budget (the input
    limit, or 100 times the archive's size)."""
    inner = tmp / "inner.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(4):
            z.writestr(f"{i}.txt", b" " * (150 << 20))
    with zipfile.ZipFile(tmp / "bomb.zip", "w", zipfile.ZIP_STORED) as z:
        z.write(inner, "nested/inner.zip")
    for name, path in (("on disk", inner), ("nested", tmp / "bomb.zip")):
        out = tmp / f"out-bomb-{name.replace(' ', '-')}"
        karta(path, "-o", out, "-j", "1")
        lines = manifest(out)
        bombs = [e for e in lines if "times its compressed size: a zip bomb?" in (e.get("error") or "")]
        check(len(lines) == 4 and len(bombs) == 4 and all(e["status"] == "failed" for e in bombs),
              f"zip bomb {name}: {len(lines)} lines, {len(bombs)} stopped unread: {[e.get('error') for e in lines]}")

    # Small members, each harmless, many together: the archive's budget.
    many = tmp / "many-small.zip"
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(20):
            z.writestr(f"{i:02d}.txt", DOCS[0].read_bytes()[:2000] + b" " * (900 << 10))
    out = tmp / "out-many-small"
    karta(many, "-o", out, "-j", "1", "--max-file-mb", "1")
    lines = manifest(out)
    over = [e for e in lines if "past its budget" in (e.get("error") or "")]
    check(len(lines) == 20 and 15 <= len(over) < 20,
          f"many small members: {len(lines)} lines, {len(over)} past the archive's budget "
          f"({many.stat().st_size} bytes, budget {max(1 << 20, 100 * many.stat().st_size)})")


with tempfile.TemporaryDirectory() as d:
    tmp = pathlib.Path(d)
    test_many_members(tmp)
    test_zip64_extras(tmp)
    test_not_a_package(tmp)
    test_rewritten_while_read(tmp)
    test_bombs(tmp)

for p in problems:
    print("FAIL:", p)
print(f"archives: {len(problems)} problems")
sys.exit(1 if problems else 0)
