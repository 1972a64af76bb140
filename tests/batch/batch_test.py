#!/usr/bin/env python3
"""karta extract as a batch: a directory of 200 documents and 20 broken
inputs plus a zip archive of 50 documents with hostile member names.

- 270 manifest lines, 250 outputs, each identical to a single-file run
  (archive members: identical but for source.path), nothing written outside OUT;
- a run killed with SIGKILL halfway and restarted with --resume ends with the
  same outputs and manifest (but for timings) as an uninterrupted run;
- --shard 1/3..3/3 together cover every input exactly once;
- --jsonl streams one JSON per input; lock files and resource forks are skipped.

usage: batch_test.py KARTA SOURCE_DIR HOSTILE_DIR (the generated hostile set)
"""
import concurrent.futures
import io
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

KARTA, SOURCE, HOSTILE = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def karta(*args, cwd=None, **kw):
    """karta extract ARGS…"""
    return subprocess.run([str(KARTA), "extract", *map(str, args)], capture_output=True, cwd=cwd, timeout=600, **kw)


def good_pool():
    pool = [p for p in sorted((SOURCE / "corpus").iterdir())]
    pool += [p for p in sorted((SOURCE / "tests/fixtures").iterdir()) if p.suffix in (".txt", ".docx")]
    pool += [HOSTILE / n for n in ("control_valid_roadmap.docx", "control_roadmap_utf8.txt", "document_xml_utf16le.docx",
                                   "document_xml_utf16be.docx", "roadmap_cp1251.txt", "roadmap_koi8r.txt",
                                   "roadmap_utf8_bom_crlf.txt", "nested_tables_60_levels.docx", "empty_body.docx")]
    return pool


BROKEN = ["truncated_half.docx", "truncated_tail.docx", "bad_crc_document_xml.docx", "missing_document_xml.docx",
          "zip_bomb_2gb.docx", "zip_bomb_2gb_lying_sizes.docx", "symlink_entry.docx", "encrypted_entry_flag.docx",
          "eocd_bad_offset.docx", "empty.docx", "random_bytes.docx", "random_bytes_pk_magic.docx",
          "billion_laughs.docx", "deep_nesting_tables_100k.docx", "malformed_unclosed_tags.docx",
          "malformed_mismatched_tags.docx", "billion_laughs.xml", "deep_nesting_100k.xml"]


def make_inputs(root):
    """root/in: 200 documents in 20 folders (odd names among them) and 20 broken files."""
    pool = good_pool()
    src = root / "in"
    for i in range(200):
        p = pool[i % len(pool)]
        name = p.name if i % 7 else f"Приказ №{i} (копия){p.suffix}"
        d = src / f"папка {i // 10:02d}"
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, d / name)
    broken = src / "broken"
    broken.mkdir()
    for n in BROKEN:
        shutil.copy(HOSTILE / n, broken / n)
    (broken / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (broken / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return src


class RawNameInfo(zipfile.ZipInfo):
    """A member whose name is stored as given bytes with no UTF-8 flag (zipfile
    would store a non-ASCII name as flagged UTF-8)."""

    def __init__(self, raw: bytes):
        super().__init__(raw.decode("cp437"))
        self.raw = raw

    def _encodeFilenameFlags(self):
        return self.raw, self.flag_bits


def raw_name_zipinfo(raw: bytes):
    return RawNameInfo(raw)


def make_archive(root):
    """root/hostile.zip: 45 documents under hostile names and inner.zip with 5 more."""
    pool = good_pool()
    names = ["../../evil_up.txt", "/tmp/evil_absolute_karta.txt", "..\\..\\evil_backslash.txt", "C:\\evil_drive.txt",
             "a/../../../evil_middle.txt", "./ok/./plain.txt", "dup.txt", "DUP/../dup.txt", "ctl\x01\x1fname.txt",
             "Приказ №1 «о мерах».txt", "x" * 300 + ".txt", "sub/dir/deep.txt", "space name .txt", "quote\"<>|?*.txt"]
    names += [f"docs/doc{i:02d}.txt" for i in range(len(names), 44)]
    buf = root / "hostile.zip"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, n in enumerate(names):
            z.writestr(n, pool[i % len(pool)].read_bytes())
        # A Russian Windows archiver's name: CP866 bytes, no UTF-8 flag.
        z.writestr(raw_name_zipinfo("Отчёт за год.docx".encode("cp866")), (SOURCE / "corpus/tyumen-roadmap-2023.docx").read_bytes())
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zi:
            for i, n in enumerate(["../../evil_inner.txt", "inner/a.docx", "inner/b.txt", "inner/c.txt", "inner/d.txt"]):
                data = (SOURCE / "corpus/kuzbass-order-2023-1971.docx").read_bytes() if n.endswith(".docx") else pool[(i + 3) % len(pool)].read_bytes()
                if n.endswith(".txt"):
                    data = (SOURCE / "corpus/tyumen-roadmap-2023.txt").read_bytes() if i % 2 else pool[1].read_bytes()
                zi.writestr(n, data)
        z.writestr("nested/inner.zip", inner.getvalue())
    return buf


def member_bytes(zip_path, chain):
    """The bytes of 'a!b' (display names) inside zip_path."""
    data = zip_path.read_bytes()
    for name in chain:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            found = None
            for info in z.infolist():
                raw = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
                try:
                    display = raw.decode("utf-8")
                except UnicodeDecodeError:
                    display = raw.decode("cp866")
                if display == name:
                    found = info
            data = z.read(found)
    return data


def manifest(out, name="manifest.jsonl"):
    lines = (out / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(l) for l in lines]


def is_output_lock(p):
    return p.name == ".karta.lock" or (p.name.startswith(".karta-shard-") and p.name.endswith(".lock"))


def files_under(d):
    """Files under d but a run's lock files (OUT/.karta.lock stays in OUT)."""
    return {str(p.relative_to(d)) for p in d.rglob("*") if p.is_file() and not is_output_lock(p)}


def without_timing(entries):
    return sorted(json.dumps({k: v for k, v in e.items() if k != "ms"}, ensure_ascii=False, sort_keys=True) for e in entries)


def main():
    with tempfile.TemporaryDirectory(prefix="karta-batch-") as tmp:
        root = pathlib.Path(tmp)
        src = make_inputs(root)
        archive = make_archive(root)
        work = root / "work"
        work.mkdir()
        before = files_under(root)

        # The uninterrupted run, from a working directory that must stay empty.
        out = root / "out"
        r = karta(src, archive, "-o", out, "-j", "2", "--quiet", cwd=work)
        check(r.returncode == 1, f"some inputs fail, so exit 1; got {r.returncode}: {r.stderr[-500:]!r}")
        m = manifest(out)
        check(len(m) == 270, f"manifest lines: {len(m)}")
        status = {}
        for e in m:
            status[e["status"]] = status.get(e["status"], 0) + 1
        check(status == {"ok": 250, "failed": 20}, f"statuses {status}")
        check(len({e["path"] for e in m}) == 270, "a path twice in the manifest")
        for e in m:
            check(set(e) == {"path", "sha256", "bytes", "format", "status", "error", "output", "measures", "warnings", "ms", "rules", "karta"},
                  f"manifest fields {sorted(e)}")
            if e["status"] == "failed":
                check(bool(e["error"]) and e["output"] is None, f"failed without a reason: {e}")
                check("/broken/" in e["path"], f"a good document failed: {e['path']}: {e['error']}")
            else:
                check(e["error"] is None and e["measures"] is not None and e["sha256"], f"ok entry incomplete: {e}")
        check((out / ".karta.lock").is_file(), "the run left no OUT/.karta.lock")
        outputs = files_under(out) - {"manifest.jsonl"}
        check(len(outputs) == 250, f"{len(outputs)} output files")
        check(outputs == {e["output"] for e in m if e["status"] == "ok"}, "outputs are not the manifest's")
        for o in outputs:
            check((out / o).resolve().is_relative_to(out.resolve()), f"{o} is outside OUT")
        check(files_under(root) - before - {f"out/{o}" for o in outputs} == {"out/manifest.jsonl"},
              f"written outside OUT: {sorted(files_under(root) - before - {f'out/{o}' for o in outputs})[:5]}")
        check(not list(work.iterdir()), "the working directory is not empty")
        check(not [p for p in pathlib.Path("/tmp").glob("evil_*karta*")], "an archive member escaped to /tmp")
        check(all(str(e["output"]).startswith("hostile.zip/") for e in m if "!" in e["path"] and e["output"]),
              "archive members are not under OUT/hostile.zip/")
        by_path = {e["path"]: e for e in m}
        check(by_path.get(f"{archive}!Отчёт за год.docx", {}).get("output") == "hostile.zip/Отчёт за год.docx.json",
              "a CP866 member name is not read as CP866")
        check(by_path.get(f"{archive}!nested/inner.zip!inner/a.docx", {}).get("status") == "ok", "nested archive member")

        # Every output equals a single-file run of the same input.
        members = root / "members"
        members.mkdir()
        jobs = []
        for i, e in enumerate(e for e in m if e["status"] == "ok"):
            if "!" in e["path"]:
                outer, *chain = e["path"].split("!")
                p = members / f"{i}{pathlib.Path(chain[-1]).suffix[:6]}"
                p.write_bytes(member_bytes(pathlib.Path(outer), chain))
                jobs.append((e, p))
            else:
                jobs.append((e, pathlib.Path(e["path"])))

        def single(job):
            e, p = job
            r = karta(p, "-o", "-", "--quiet")
            return e, p, r

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for e, p, r in pool.map(single, jobs):
                batch = json.loads((out / e["output"]).read_text(encoding="utf-8"))
                alone = json.loads(r.stdout.decode("utf-8")) if r.returncode == 0 else None
                if alone is None:
                    problems.append(f"single run of {p} failed: {r.stderr[-200:]!r}")
                    continue
                if "!" in e["path"]:
                    check(batch["source"]["path"] == e["path"], f"source.path {batch['source']['path']}")
                    batch["source"]["path"] = alone["source"]["path"]
                check(batch == alone, f"{e['path']}: batch output differs from a single-file run")
                check(batch["source"]["sha256"] == e["sha256"], f"{e['path']}: manifest sha256")

        # Killed with SIGKILL halfway, then resumed.
        out2 = root / "out2"
        proc = subprocess.Popen([str(KARTA), "extract", src, archive, "-o", out2, "-j", "2", "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        part = out2 / "manifest.jsonl.part"
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if part.exists() and part.read_bytes().count(b"\n") >= 100:
                break
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        done_before = part.read_bytes().count(b"\n") if part.exists() else 0
        check(100 <= done_before < 270 and not (out2 / "manifest.jsonl").exists(),
              f"the kill did not land halfway ({done_before} lines done)")
        r = karta(src, archive, "-o", out2, "-j", "2", "--resume", "--verbose")
        kept = r.stderr.decode("utf-8", "replace").count("\nkept ") + r.stderr.decode("utf-8", "replace").startswith("kept ")
        check(r.returncode == 1, f"resumed run exit {r.returncode}")
        check(kept >= done_before - 20 - 2 and kept > 0, f"resume kept {kept} outputs of {done_before} done")
        check(files_under(out2) == files_under(out), f"resumed OUT differs: {sorted(files_under(out2) ^ files_under(out))[:5]}")
        for o in outputs:
            check((out2 / o).read_bytes() == (out / o).read_bytes(), f"resumed output {o} differs")
        check(without_timing(manifest(out2)) == without_timing(m), "resumed manifest differs (timings aside)")
        check([e["path"] for e in manifest(out2)] == [e["path"] for e in m], "manifest order differs")

        # Shards: each input in exactly one, sharing one OUT.
        shards = root / "shards"
        seen = []
        for k in (1, 2, 3):
            r = karta(src, archive, "-o", shards, "--shard", f"{k}/3", "--quiet")
            check(r.returncode in (0, 1), f"shard {k}: exit {r.returncode}")
            part_entries = manifest(shards, f"manifest-{k}-of-3.jsonl")
            check(len(part_entries) > 30, f"shard {k} holds {len(part_entries)} inputs")
            seen += [e["path"] for e in part_entries]
        check(sorted(seen) == sorted(e["path"] for e in m), "shards do not cover every input exactly once")
        check(files_under(shards) - {f"manifest-{k}-of-3.jsonl" for k in (1, 2, 3)} == outputs,
              "shards' outputs differ from one run's")

        # JSON Lines on stdout: one object per input.
        r = karta(src, "--jsonl", "-j", "2", "--quiet")
        lines = r.stdout.decode("utf-8").splitlines()
        objects = [json.loads(l) for l in lines]
        check(len(objects) == 220, f"--jsonl lines: {len(objects)}")
        check(sum(o.get("schema") == "roadmap-extract/1" for o in objects) == 200, "--jsonl extractions")
        check(sum(o.get("status") == "failed" for o in objects) == 20, "--jsonl failures")

        # --files-from and what is not a document.
        extra = root / "extra"
        (extra / "__MACOSX").mkdir(parents=True)
        shutil.copy(SOURCE / "corpus/tyumen-roadmap-2023.docx", extra / "roadmap.docx")
        (extra / "~$roadmap.docx").write_bytes(b"lock")
        (extra / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
        (extra / "__MACOSX/._roadmap.docx").write_bytes(b"\0\5\26\7")
        listing = root / "list.txt"
        listing.write_text(f"{extra}\n{root / 'missing.docx'}\n", encoding="utf-8")
        r = karta("--files-from", listing, "-o", root / "out3", "--quiet")
        m3 = {pathlib.Path(e["path"]).name: e for e in manifest(root / "out3")}
        check(r.returncode == 1, f"a missing file fails the run: exit {r.returncode}")
        check(m3["roadmap.docx"]["status"] == "ok", "the document in --files-from")
        check(m3["missing.docx"]["status"] == "failed" and "cannot read" in m3["missing.docx"]["error"], f"missing: {m3['missing.docx']}")
        for n in ("~$roadmap.docx", ".DS_Store", "._roadmap.docx"):
            check(m3[n]["status"] == "skipped" and m3[n]["error"], f"{n}: {m3[n]}")
        check(karta(src, "-o", root / "x", "--shard", "4/3").returncode == 2, "--shard 4/3 is a usage error")
        check(karta(src).returncode == 2, "no output is a usage error")

    for p in problems[:40]:
        print("FAIL:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
