#!/usr/bin/env python3
"""Issue 18, done-when 1, 2, 3 (the server half) and 5: `karta serve` on a
free port with a temporary SQLite store.

- The corpus and the fixtures uploaded by 16 concurrent clients, each file
  three times (a 503 is retried after its Retry-After): each source stored
  once (one 201, the rest 200 with the same id), GET /v1/documents/{id}
  byte for byte what `karta extract FILE -o -` prints, the source returned
  as uploaded, and /v1/measures with a due window exactly the measures whose
  deadline ends in it (counted from the extraction JSON), and q= with
  another form of a word exactly the measures whose titles hold one.
- GET /v1/compare over the stored documents of some regions: byte for byte
  the comparison.json, measures.csv and comparison.html that `karta compare`
  writes over the same files given in the order they were stored.
- Amendment chains: an Orenburg order, the order restating its roadmap and
  one changing a paragraph, stored out of order, are one chain; the roadmap
  in force is the amendment's (the order's on a date before it), measures
  and compare follow it, the history lists all three.
- Security: uploads without a token or with a wrong one get 401, a body over
  the limit 413 (declared or chunked), ids that are not ids — path traversal
  included — 404, unknown parameters 400; every error is {"error": {code, message}}.
- The hostile-input set uploaded through the API: only 200/201/413/422, and
  the server still answers /healthz afterwards.
- Two servers on one store, the same files uploaded to both at once: each
  stored once, under one id; then karta watch --once and karta store
  reindex on that store.
- A store of schema version 1 is migrated when a server opens it.
- SIGKILL in the middle of 50 uploads: the store passes SQLite's integrity
  check, a restarted server lists only whole documents, and every client
  that got 201 finds its document with the bytes it sent.

With --postgresql (done-when 4), all of it again against a PostgreSQL server
the test starts itself: Debian's initdb into a temporary directory (as the
postgres user when run as root), pg_ctl on a free loopback port, a database
created for each store; what it reads of a store directly it asks psql.

usage: serve_api_test.py KARTA SOURCE_DIR HOSTILE_DIR [--postgresql]
"""
import collections
import concurrent.futures
import hashlib
import http.client
import json
import os
import pathlib
import queue
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import re

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from postgres_cluster import PostgresCluster  # noqa: E402

KARTA, SOURCE, HOSTILE = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
POSTGRESQL = "--postgresql" in sys.argv[4:]
SLOW = 4 if os.environ.get("KARTA_SANITIZED") else 1
TOKEN = "t0ken-for-the-test-7f3a"
problems = []
observed = set()   # (method, path template, status) the server answered
TEMPLATES = [(re.compile(r"^/v1/documents/[1-9][0-9]*$"), "/v1/documents/{id}"),
             (re.compile(r"^/v1/documents/[1-9][0-9]*/source$"), "/v1/documents/{id}/source"),
             (re.compile(r"^/v1/documents/[1-9][0-9]*/history$"), "/v1/documents/{id}/history"),
             (re.compile(r"^/v1/regions/[^/]+/roadmap$"), "/v1/regions/{region}/roadmap"),
             (re.compile(r"^(/v1/documents|/v1/measures|/v1/compare|/healthz|/metrics)$"), None)]


# The fixtures' one act a later one replaces: orenburg-amendment-2024.txt
# restates its roadmap «в новой редакции» (orenburg-wording-2025.txt then
# changes a paragraph of the amendment and has no roadmap: it replaces nothing).
REPLACED = {"orenburg-order-2024.txt"}
AMENDMENTS = ["orenburg-order-2024.txt", "orenburg-amendment-2024.txt", "orenburg-wording-2025.txt"]


class SqliteStores:
    """Stores as SQLite files in the test's directory."""
    name = "SQLite"

    def new(self, tmp, name):
        return str(tmp / (name + ".db"))

    def rows(self, store, statement):
        db = sqlite3.connect(store)
        try:
            out = db.execute(statement).fetchall()
            db.commit()
            return out
        finally:
            db.close()

    def integrity(self, store):
        return self.rows(store, "PRAGMA integrity_check")[0][0]

    def indexes(self, store):
        return {r[0] for r in self.rows(store, "SELECT name FROM sqlite_master WHERE type = 'index'")}

    def stop(self):
        pass


class PostgresStores(PostgresCluster):
    """A database of the test's cluster for each store."""
    name = "PostgreSQL"

    def __init__(self):
        super().__init__()
        self.count = 0

    def new(self, tmp, name):
        self.count += 1
        return self.database("%s_%d" % (name, self.count))

    def rows(self, store, statement):
        out = self.psql(store.rsplit("/", 1)[1], statement)
        return [tuple(int(v) if v.isdigit() else v for v in line.split("\x1f")) for line in out.splitlines()]

    def integrity(self, store):
        # No integrity_check: every document there with its source (a commit is all or nothing).
        orphans = self.rows(store, "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                   " (SELECT 1 FROM sources s WHERE s.document_id = d.id)")[0][0]
        return "ok" if orphans == 0 else "%d documents without their source" % orphans

    def indexes(self, store):
        return {r[0] for r in self.rows(store, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}


STORES = None   # SqliteStores or PostgresStores, set by main()


def observe(method, target, status):
    path = target.split("?", 1)[0]
    for pattern, template in TEMPLATES:
        if pattern.match(path):
            observed.add((method, template or path, status))
            return


def check(ok, what):
    if not ok:
        problems.append(what)
        print("FAIL", what)


class Server:
    def __init__(self, store, tmp, *extra):
        tokens = tmp / "tokens"
        tokens.write_text("# uploads\n" + TOKEN + "\n")
        self.proc = subprocess.Popen([str(KARTA), "serve", "--store", str(store), "--port", "0", "--tokens", str(tokens),
                                      "-j", "2", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on http://127.0.0.1:" not in line:
            raise SystemExit("karta serve did not start: %r %r" % (line, self.proc.stderr.read()))
        self.port = int(line.split("127.0.0.1:")[1].split()[0])

    def request(self, method, path, body=None, headers=None, token=True, timeout=120 * SLOW):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + (token if isinstance(token, str) else TOKEN)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        out = (r.status, dict(r.getheaders()), data)
        c.close()
        observe(method, path, r.status)
        return out

    def upload(self, path, name=None):
        """Uploads until it is not turned away as busy; (status, id, body)."""
        body = pathlib.Path(path).read_bytes()
        target = "/v1/documents?name=" + urllib.parse.quote(name or pathlib.Path(path).name)
        for _ in range(600):
            status, headers, data = self.request("POST", target, body=body)
            if status != 503:
                break
            check(headers.get("Retry-After") == "1", "503 without Retry-After: 1")
            time.sleep(0.05)
        location = headers.get("Location", "")
        return status, int(location.rsplit("/", 1)[1]) if location else None, data

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        out, err = self.proc.communicate(timeout=60 * SLOW)
        check(self.proc.returncode == 0, "serve exits 0 on SIGTERM, got %s: %s" % (self.proc.returncode, err[-500:]))


def is_error_json(data, code=None):
    try:
        e = json.loads(data)["error"]
        return isinstance(e["message"], str) and e["message"] and (code is None or e["code"] == code)
    except (ValueError, KeyError, TypeError):
        return False


def inputs():
    files = sorted(p for p in (SOURCE / "corpus").iterdir() if p.is_file())
    files += sorted(p for p in (SOURCE / "tests" / "fixtures").rglob("*") if p.is_file() and p.suffix != ".json")
    return files


def concurrent_uploads(server, files, times=3, clients=16):
    work = [f for f in files for _ in range(times)]
    import random
    random.Random(18).shuffle(work)
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        return list(zip(work, pool.map(server.upload, work)))


def test_two_servers(tmp):
    """Two servers on one store (two hosts behind a load balancer, or karta
    serve beside another): the files uploaded to both at once, each twice,
    are stored once each, under one id whichever server is asked."""
    store = STORES.new(tmp, "shared")
    (tmp / "a").mkdir()
    (tmp / "b").mkdir()
    servers = [Server(store, tmp / "a"), Server(store, tmp / "b")]
    files = [f for f in inputs() if f.suffix in (".txt", ".docx")][:12]
    work = [(servers[(i + k) % 2], f) for i, f in enumerate(files) for k in range(2)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda w: (w[1], w[0].upload(w[1])), work))
    refused = sorted((f.name, status) for f, (status, _, _) in results if status not in (200, 201))
    check(not refused, "two servers refused uploads: %s" % refused[:4])
    ids = collections.defaultdict(set)
    for f, (status, doc, _) in results:
        if status in (200, 201):
            ids[f.name].add(doc)
    check(all(len(v) == 1 for v in ids.values()), "two servers gave one file two ids: %s" %
          {k: v for k, v in ids.items() if len(v) != 1})
    created = sum(status == 201 for _, (status, _, _) in results)
    check(created == len(ids), "two servers: %d uploads answered 201 for %d distinct files" % (created, len(ids)))
    listings = [json.loads(srv.request("GET", "/v1/documents?limit=1000", token=False)[2])["documents"] for srv in servers]
    check(listings[0] == listings[1] and len(listings[0]) == len(ids),
          "two servers list %d and %d documents for %d files" % (len(listings[0]), len(listings[1]), len(ids)))
    for srv in servers:
        srv.stop()
    # karta watch and karta store reindex on the same store: a file stored already is only moved, a new one stored;
    # the same rules again change nothing.
    inbox = tmp / "inbox"
    inbox.mkdir()
    (inbox / files[0].name).write_bytes(files[0].read_bytes())
    extra = next(f for f in inputs() if f.suffix == ".html")
    (inbox / extra.name).write_bytes(extra.read_bytes())
    r = subprocess.run([str(KARTA), "watch", str(inbox), "--store", store, "--once"], capture_output=True, text=True,
                       timeout=120 * SLOW)
    check(r.returncode == 0 and "(stored already)" in r.stdout and "done %s -> document %d," % (extra.name, len(ids) + 1)
          in r.stdout, "karta watch --once on the shared store: %s %r %r" % (r.returncode, r.stdout, r.stderr[-300:]))
    r = subprocess.run([str(KARTA), "store", "reindex", "--store", store], capture_output=True, text=True,
                       timeout=300 * SLOW)
    check(r.returncode == 0 and "0 changed, %d unchanged" % (len(ids) + 1) in r.stdout,
          "karta store reindex with the same rules: %s %r %r" % (r.returncode, r.stdout[-300:], r.stderr[-300:]))


def test_uploads_and_queries(tmp):
    server = Server(STORES.new(tmp, "k"), tmp, "--max-file-mb", "20")
    files = inputs()
    results = concurrent_uploads(server, files)
    by_sha = collections.defaultdict(list)
    for f, (status, doc, data) in results:
        by_sha[hashlib.sha256(f.read_bytes()).hexdigest()].append((f, status, doc, data))
    readable = {}
    for sha, uploads in by_sha.items():
        statuses = sorted(s for _, s, _, _ in uploads)
        name = uploads[0][0]
        if all(s == 422 for s in statuses):
            check(all(is_error_json(d) for *_, d in uploads), "%s: a 422 that is not an error JSON" % name)
            continue
        check(statuses.count(201) == 1 and set(statuses) <= {200, 201},
              "%s: one 201 and the rest 200 expected, got %s" % (name, statuses))
        ids = {doc for _, _, doc, _ in uploads}
        check(len(ids) == 1, "%s: uploads of the same bytes got ids %s" % (name, ids))
        bodies = {d for *_, d in uploads}
        check(len(bodies) == 1, "%s: uploads of the same bytes answered different JSON" % name)
        readable[sha] = (uploads, ids.pop())
    check(len(readable) >= 15, "only %d documents were readable" % len(readable))

    status, _, data = server.request("GET", "/v1/documents?limit=1000", token=False)
    listed = json.loads(data)["documents"] if status == 200 else []
    check(status == 200 and len(listed) == len(readable),
          "the store lists %d documents for %d distinct readable sources" % (len(listed), len(readable)))
    check({d["sha256"] for d in listed} == set(readable), "the store's sha256 are not the uploads'")

    expected_due = collections.Counter()
    expected_words = collections.Counter()   # measures whose title holds a form of «наставничество»
    for sha, (uploads, doc) in readable.items():
        first = min(uploads, key=lambda u: 0)   # any: the same bytes
        stored_name = [d["name"] for d in listed if d["id"] == doc]
        status, _, got = server.request("GET", "/v1/documents/%d" % doc, token=False)
        names = [u[0] for u in uploads if u[0].name == (stored_name[0] if stored_name else None)]
        path = names[0] if names else first[0]
        want = subprocess.run([str(KARTA), "extract", path.name, "-o", "-"], cwd=path.parent, capture_output=True).stdout
        check(status == 200 and got == want, "GET /v1/documents/%d differs from karta extract %s" % (doc, path))
        status, headers, src = server.request("GET", "/v1/documents/%d/source" % doc, token=False)
        check(status == 200 and hashlib.sha256(src).hexdigest() == sha, "the source of %d is not the upload" % doc)
        x = json.loads(got)
        for r in x["roadmaps"]:
            for d in r["directions"]:
                for s in d["system_measures"]:
                    for m in s["measures"]:
                        if re.search(r"(?<!\w)наставничеств", m["title"].lower()):
                            expected_words[(doc, m["id"])] += 1
                        end = m["deadline"]["end"]
                        if end and "2024-01-01" <= end <= "2024-12-31":
                            expected_due[(doc, m["id"])] += 1
    def measures(target):
        status, _, data = server.request("GET", target, token=False)
        return collections.Counter((m["document_id"], m["measure_id"]) for m in json.loads(data)["measures"]) \
            if status == 200 else None
    got_due = measures("/v1/measures?due_from=2024-01-01&due_to=2024-12-31&limit=10000&versions=all")
    check(got_due == expected_due and sum(expected_due.values()) > 10,
          "measures due in 2024: the API gives %s, the extractions %d" % (None if got_due is None else sum(got_due.values()),
                                                                       sum(expected_due.values())))
    # Without versions=all: not those of the act an amendment replaced.
    replaced = {d["id"] for d in listed if d["name"] in REPLACED}
    check(len(replaced) == len(REPLACED), "the replaced fixtures are not all stored: %s" % replaced)
    current_due = collections.Counter({k: n for k, n in expected_due.items() if k[0] not in replaced})
    got_current = measures("/v1/measures?due_from=2024-01-01&due_to=2024-12-31&limit=10000")
    check(got_current == current_due and current_due != expected_due,
          "measures due in 2024 of the acts in force: the API gives %s, the extractions %d" %
          (None if got_current is None else sum(got_current.values()), sum(current_due.values())))

    compared = compare_over_store(server, listed, tmp)

    # q=: the word index, another form of the word than the titles'.
    status, _, data = server.request("GET", "/v1/measures?versions=all&limit=10000&q=" +
                                     urllib.parse.quote("наставничеству"), token=False)
    got_words = collections.Counter((m["document_id"], m["measure_id"]) for m in json.loads(data)["measures"]) \
        if status == 200 else None
    check(got_words == expected_words and sum(expected_words.values()) >= 3,
          "q=наставничеству: the API gives %s, the titles %d" % (None if got_words is None else sum(got_words.values()),
                                                                  sum(expected_words.values())))
    status, _, data = server.request("GET", "/v1/measures?q=" + urllib.parse.quote("и в на"), token=False)
    check(status == 200 and json.loads(data)["measures"] == [], "q= of stop words only: %s %s" % (status, data[:100]))

    # Multipart: the same bytes again, as a browser form sends them.
    f = files[0]
    boundary = "karta-test-boundary"
    body = (("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n" % (boundary, f.name)).encode() + f.read_bytes() +
            ("\r\n--%s--\r\n" % boundary).encode())
    status, headers, _ = server.request("POST", "/v1/documents", body=body,
                                        headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    sha = hashlib.sha256(f.read_bytes()).hexdigest()
    check(status == 200 and sha in readable and headers.get("Location") == "/v1/documents/%d" % readable[sha][1],
          "a multipart upload of stored bytes: %s %s" % (status, headers.get("Location")))

    # Security.
    one = files[0].read_bytes()
    status, headers, data = server.request("POST", "/v1/documents?name=x.docx", body=one, token=False)
    check(status == 401 and headers.get("WWW-Authenticate") == "Bearer" and is_error_json(data, "unauthorized"),
          "an upload without a token: %s %s" % (status, data[:200]))
    status, _, data = server.request("POST", "/v1/documents?name=x.docx", body=one, token="t0ken-for-the-test-7f3b")
    check(status == 401 and is_error_json(data, "unauthorized"), "an upload with a wrong token: %s" % status)
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    c.putrequest("POST", "/v1/documents?name=big.txt")
    c.putheader("Authorization", "Bearer " + TOKEN)
    c.putheader("Content-Length", str(21 * 1024 * 1024))
    c.endheaders()
    c.send(b"x" * 1024)
    r = c.getresponse()
    data = r.read()
    check(r.status == 413 and is_error_json(data, "too_large"), "a declared 21 MB body: %s %s" % (r.status, data[:200]))
    c.close()
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    c.putrequest("POST", "/v1/documents?name=big.txt")
    c.putheader("Authorization", "Bearer " + TOKEN)
    c.putheader("Transfer-Encoding", "chunked")
    c.endheaders()
    try:
        chunk = b"y" * (1 << 20)
        for _ in range(21):
            c.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        c.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass   # the server answered and closed before the whole body was sent
    try:
        r = c.getresponse()
        data = r.read()
        check(r.status == 413 and is_error_json(data, "too_large"), "a chunked 21 MB body: %s" % r.status)
    except (ConnectionResetError, http.client.RemoteDisconnected) as e:
        check(False, "a chunked 21 MB body got no answer: %r" % e)
    c.close()
    for path in ["/v1/documents/..%2F..%2Fetc%2Fpasswd", "/v1/documents/1%2F..%2F2", "/v1/documents/../../etc/passwd",
                 "/v1/documents/0", "/v1/documents/999999", "/v1/documents/1/../../k.db", "/v1/documents/-1",
                 "/v1/documents/1/source/..", "/etc/passwd", "/v1/documents/%00"]:
        status, _, data = server.request("GET", path, token=False)
        check(status == 404 and is_error_json(data, "not_found"), "GET %s: %s %s" % (path, status, data[:120]))
    status, _, data = server.request("GET", "/v1/documents?regoin=RU-TYU", token=False)
    check(status == 400 and is_error_json(data, "bad_parameter"), "an unknown parameter: %s" % status)
    status, _, data = server.request("GET", "/v1/measures?due_from=2024-13", token=False)
    check(status == 400 and is_error_json(data, "bad_parameter"), "a malformed date: %s" % status)
    status, headers, data = server.request("DELETE", "/v1/documents/1")
    check(status == 405 and "GET" in headers.get("Allow", ""), "DELETE: %s" % status)
    status, _, data = server.request("GET", "/metrics", token=False)
    text = data.decode()
    check(status == 200 and ("karta_documents_stored_total %d" % len(readable)) in text and
          "karta_request_duration_seconds_count" in text, "metrics: %s" % text[:300])

    # The hostile set: refused or read, never a crash.
    hostile = sorted(p for p in HOSTILE.rglob("*") if p.is_file() and not p.name.startswith("."))
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda p: server.upload(p)[0], hostile))
    odd = [(p.name, s) for p, s in zip(hostile, answers) if s not in (200, 201, 413, 422)]
    check(not odd and len(hostile) > 20, "hostile uploads answered %s (of %d)" % (odd[:5], len(hostile)))
    status, _, data = server.request("GET", "/healthz", token=False)
    check(status == 200 and json.loads(data)["status"] == "ok", "healthz after the hostile set: %s" % status)
    check(server.proc.poll() is None, "the server died during the hostile set")
    server.stop()
    print("uploads: %d files x3, %d distinct documents stored, %d measures due in 2024, %d compared, %d hostile inputs" %
          (len(files), len(readable), sum(expected_due.values()), compared, len(hostile)))


def compare_over_store(server, listed, tmp):
    """GET /v1/compare?regions=… against `karta compare` over the same files:
    the act an amendment replaced is in both, listed replaced_by it."""
    regional = sorted((d for d in listed if d["region"]), key=lambda d: d["id"])
    regions = sorted({d["region"] for d in regional})
    check(len(regions) >= 2, "fewer than two regions stored: %s" % regions)
    # An act in force without a measure is no column of a comparison over the store.
    chosen = [d for d in regional if d["measures"] > 0]
    names = [d["name"] for d in chosen]
    check(len(set(names)) == len(names), "two compared documents share the name %s" % names)
    here = tmp / "compare-files"
    here.mkdir()
    for d in chosen:
        status, _, src = server.request("GET", "/v1/documents/%d/source" % d["id"], token=False)
        (here / d["name"]).write_bytes(src)
    out = tmp / "compare-out"
    run = subprocess.run([str(KARTA), "compare", *names, "-o", str(out)], cwd=here, capture_output=True)
    check(run.returncode == 0, "karta compare over the stored files: %s" % run.stderr.decode()[:300])
    target = "/v1/compare?regions=" + ",".join(regions)
    for fmt, file in [("json", "comparison.json"), ("csv", "measures.csv"), ("html", "comparison.html")]:
        status, headers, data = server.request("GET", target + "&format=" + fmt, token=False)
        want = (out / file).read_bytes() if (out / file).exists() else None
        check(status == 200 and data == want,
              "GET %s&format=%s (%s, %d bytes) is not karta compare's %s (%s bytes)" %
              (target, fmt, status, len(data), file, None if want is None else len(want)))
    got = json.loads(server.request("GET", target, token=False)[2])
    check(len(got["documents"]) == len(chosen), "compare lists %d documents for %d stored" % (len(got["documents"]), len(chosen)))
    replaced = sorted(pathlib.Path(d["source"]).name for d in got["documents"] if d["replaced_by"])
    check(replaced == sorted(REPLACED), "compare over the store lists as replaced %s, not %s" % (replaced, sorted(REPLACED)))
    status, _, data = server.request("GET", "/v1/compare?regions=RU-XXX", token=False)
    check(status == 404 and is_error_json(data, "not_found"), "compare of a region with no document: %s" % status)
    status, _, data = server.request("GET", "/v1/compare?format=pdf", token=False)
    check(status == 400 and is_error_json(data, "bad_parameter"), "compare in an unknown format: %s" % status)
    return len(chosen)


def test_amendment_chain(tmp):
    """Done-when 2: an order, a later order restating its roadmap, and one
    changing a paragraph of that amendment's words — stored out of order —
    give one current roadmap for the region, the history shows all three, and
    the roadmap in force on a date is that date's."""
    server = Server(STORES.new(tmp, "chain"), tmp)
    fixtures = SOURCE / "tests" / "fixtures" / "amendments"
    ids = {}
    # The amendment before the act it amends: the link is made whichever comes first.
    for name in [AMENDMENTS[1], AMENDMENTS[0], AMENDMENTS[2]]:
        status, doc, data = server.upload(fixtures / name)
        check(status == 201, "chain: upload of %s: %s %s" % (name, status, data[:200]))
        ids[name] = doc
    order, amendment, wording = (ids[n] for n in AMENDMENTS)

    for doc in (order, amendment, wording):
        status, _, data = server.request("GET", "/v1/documents/%d/history" % doc, token=False)
        versions = json.loads(data)["versions"] if status == 200 else []
        check([v["id"] for v in versions] == [order, amendment, wording],
              "chain: the history of %d lists %s, not the three acts oldest first" % (doc, [v["id"] for v in versions]))
    v = {x["id"]: x for x in versions}
    check(v.get(order, {}).get("replaced_by") == amendment and v.get(amendment, {}).get("replaced_by") is None and
          v.get(wording, {}).get("replaced_by") is None,
          "chain: replaced_by %s" % {k: x["replaced_by"] for k, x in v.items()})
    check(v.get(amendment, {}).get("amends") == [order] and v.get(wording, {}).get("amends") == [amendment] and
          v.get(order, {}).get("amended_by") == [amendment],
          "chain: links %s" % {k: (x["amends"], x["amended_by"]) for k, x in v.items()})
    status, _, data = server.request("GET", "/v1/documents/999/history", token=False)
    check(status == 404 and is_error_json(data, "not_found"), "chain: the history of no document: %s" % status)

    def in_force(on=None):
        status, _, data = server.request("GET", "/v1/regions/RU-ORE/roadmap" + ("?on=" + on if on else ""), token=False)
        return status, json.loads(data)
    for on, want in [(None, [amendment, wording]), ("2024-03-01", [order]), ("2024-09-02", [amendment]),
                     ("2025-06-30", [amendment, wording])]:
        status, got = in_force(on)
        acts = got.get("acts", [])
        check(status == 200 and [a["id"] for a in acts] == want,
              "chain: in force on %s: %s, wanted %s" % (on, [a["id"] for a in acts], want))
        # One roadmap in force, and it is the stored extraction of the act that holds it.
        with_roadmap = [a for a in acts if a["extraction"]["roadmaps"]]
        check(len(with_roadmap) == 1, "chain: %d acts in force on %s hold a roadmap" % (len(with_roadmap), on))
        for a in with_roadmap:
            stored = json.loads(server.request("GET", "/v1/documents/%d" % a["id"], token=False)[2])
            check(a["extraction"] == stored and a["versions"] == [order, amendment, wording],
                  "chain: the act in force on %s is not its stored extraction or misses its versions" % on)
    status, got = in_force("2023-12-31")
    check(status == 404 and got.get("error", {}).get("code") == "not_found", "chain: in force before the first act: %s" % status)
    status, got = in_force("2024-13-01")
    check(status == 400, "chain: a malformed date: %s" % status)

    # The measures of the roadmap in force: the amendment's, 1.2 due 1 October and not 1 June.
    status, _, data = server.request("GET", "/v1/measures?region=RU-ORE", token=False)
    got = json.loads(data)["measures"] if status == 200 else []
    check({m["document_id"] for m in got} == {amendment} and
          [m["deadline"]["end"] for m in got if m["measure_id"] == "1.2"] == ["2024-10-01"],
          "chain: the current measures %s" % [(m["document_id"], m["measure_id"], m["deadline"]["end"]) for m in got])
    status, _, data = server.request("GET", "/v1/measures?region=RU-ORE&versions=all", token=False)
    check(status == 200 and {m["document_id"] for m in json.loads(data)["measures"]} == {order, amendment},
          "chain: versions=all does not give both roadmaps' measures")
    status, _, data = server.request("GET", "/v1/measures?versions=some", token=False)
    check(status == 400 and is_error_json(data, "bad_parameter"), "chain: versions=some: %s" % status)

    # compare over the store: one column for the region, the act in force,
    # the version it replaced named; on an earlier date, the act then in force.
    for on, names in [(None, [AMENDMENTS[1], AMENDMENTS[0]]), ("2024-03-01", [AMENDMENTS[0]])]:
        here = tmp / ("compare-%s" % (on or "now"))
        here.mkdir()
        for name in names:
            (here / name).write_bytes((fixtures / name).read_bytes())
        run = subprocess.run([str(KARTA), "compare", *names, "-o", "out"], cwd=here, capture_output=True)
        want = (here / "out" / "comparison.json").read_bytes() if run.returncode == 0 else None
        status, _, data = server.request("GET", "/v1/compare?regions=RU-ORE" + ("&on=" + on if on else ""), token=False)
        check(status == 200 and data == want,
              "chain: compare over the store on %s is not karta compare over %s (%s)" % (on, names, status))
        if status == 200:
            docs = json.loads(data)["documents"]
            check(json.loads(data)["regions"] == ["RU-ORE"] and [d["key"] for d in docs] == ["RU-ORE"] * len(names),
                  "chain: compare on %s: more than one column" % on)
            check([d["replaced_by"] for d in docs] == [None, AMENDMENTS[1]][:len(names)],
                  "chain: compare on %s: replaced_by %s" % (on, [d["replaced_by"] for d in docs]))
    server.stop()


def test_kill_mid_upload(tmp):
    store = STORES.new(tmp, "kill")
    server = Server(store, tmp)
    base = (SOURCE / "tests" / "fixtures" / "kostroma-order-2025.txt").read_bytes()
    uploads = tmp / "uploads"
    uploads.mkdir()
    files = []
    for i in range(50):
        p = uploads / ("order-%02d.txt" % i)
        p.write_bytes(base + ("\nПриложение %d к приказу.\n" % i).encode())
        files.append(p)
    got = {}
    lock = threading.Lock()

    def send(p):
        try:
            status, doc, _ = server.upload(p)
            with lock:
                got[p] = (status, doc)
        except (OSError, http.client.HTTPException):
            pass   # killed under it: the upload may or may not have landed

    threads = [threading.Thread(target=send, args=(p,)) for p in files]
    for t in threads:
        t.start()
    deadline = time.time() + 120 * SLOW
    while time.time() < deadline:
        with lock:
            if len(got) >= 15:
                break
        time.sleep(0.01)
    server.proc.kill()
    server.proc.wait()
    for t in threads:
        t.join(timeout=60)
    created = {p: doc for p, (status, doc) in got.items() if status == 201}
    check(15 <= len(got) < 50, "the kill came after %d of 50 answers (wanted it mid-way)" % len(got))
    integrity = STORES.integrity(store)
    check(integrity == "ok", "the store after the kill: %s" % integrity)
    rows = STORES.rows(store, "SELECT count(*) FROM documents")[0][0]
    sources = STORES.rows(store, "SELECT count(*) FROM sources")[0][0]
    check(rows == sources, "after the kill: %d documents but %d sources" % (rows, sources))
    server = Server(store, tmp)
    status, _, data = server.request("GET", "/v1/documents?limit=1000", token=False)
    listed = json.loads(data)["documents"]
    for d in listed:
        status, _, body = server.request("GET", "/v1/documents/%d" % d["id"], token=False)
        ok = status == 200
        try:
            ok = ok and json.loads(body)["source"]["sha256"] == d["sha256"]
        except ValueError:
            ok = False
        check(ok, "document %d is not whole after the kill" % d["id"])
    for p, doc in created.items():
        status, _, src = server.request("GET", "/v1/documents/%d/source" % doc, token=False)
        check(status == 200 and src == p.read_bytes(), "%s got 201 as %d but is not stored after the kill" % (p.name, doc))
    # The ones that were cut off go in now, once each.
    for p in files:
        status, doc, _ = server.upload(p)
        check(status in (200, 201), "%s after the restart: %s" % (p.name, status))
        if p in created:
            check(status == 200 and doc == created[p], "%s was stored before the kill, re-upload gives %s %s" % (p.name, status, doc))
    status, _, data = server.request("GET", "/healthz", token=False)
    check(json.loads(data)["documents"] == 50, "after the restart and re-uploads the store holds %s, not 50" % data)
    server.stop()
    print("kill: %d answers before SIGKILL, %d of them 201, %d documents whole after it" % (len(got), len(created), len(listed)))


def test_refusals(tmp):
    # A store that is not one, and a server without tokens.
    not_store = STORES.new(tmp, "export")
    STORES.rows(not_store, "CREATE TABLE documents (id INTEGER)")
    r = subprocess.run([str(KARTA), "serve", "--store", str(not_store), "--port", "0"], capture_output=True, text=True,
                       timeout=60 * SLOW)
    check(r.returncode == 3 and "not a karta store" in r.stderr and str(not_store) in r.stderr,
          "serve on a database that is not a store: %s %r" % (r.returncode, r.stderr))
    if POSTGRESQL:
        # A password in the URI is never shown; a server that refuses is named.
        hidden = "postgresql://karta:s3cret-word@127.0.0.1:%d/no_such_database" % STORES.port
        r = subprocess.run([str(KARTA), "serve", "--store", hidden, "--port", "0"], capture_output=True, text=True,
                           timeout=60 * SLOW)
        check(r.returncode == 3 and "no_such_database" in r.stderr and "s3cret" not in r.stderr,
              "serve on a database that does not exist: %s %r" % (r.returncode, r.stderr))
    proc = subprocess.Popen([str(KARTA), "serve", "--store", STORES.new(tmp, "open"), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    check("uploads are refused" in line, "a server without --tokens says so: %r" % line)
    port = int(line.split("127.0.0.1:")[1].split()[0])
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/v1/documents", body=b"text", headers={"Authorization": "Bearer anything"})
    r = c.getresponse()
    check(r.status == 401 and is_error_json(r.read(), "unauthorized"), "an upload to a server without tokens: %s" % r.status)
    c.close()
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    check(proc.returncode == 0, "serve exits 0 on SIGINT, got %s" % proc.returncode)

    # A store of schema version 1 (before the query indexes) is migrated at start, its documents kept.
    old = STORES.new(tmp, "v1")
    server = Server(old, tmp)
    status, _, _ = server.upload(SOURCE / "corpus" / "tyumen-roadmap-2023.docx")
    check(status == 201, "an upload to a new store: %s" % status)
    chain = [server.upload(SOURCE / "tests" / "fixtures" / "amendments" / n)[1] for n in AMENDMENTS[:2]]
    server.stop()
    for statement in ("DROP INDEX measures_by_due", "DROP INDEX documents_by_region", "DROP TABLE measure_words",
                      "DROP TABLE amendments", "DROP INDEX documents_by_date", "DROP INDEX references_by_date",
                      "UPDATE karta_store SET schema_version = 1"):
        STORES.rows(old, statement)
    server = Server(old, tmp)
    status, _, data = server.request("GET", "/healthz", token=False)
    health = json.loads(data) if status == 200 else {}
    # The word index of migration 3 holds the measures stored before it.
    status, _, data = server.request("GET", "/v1/measures?q=" + urllib.parse.quote("утверждение положений"),
                                     token=False)
    found = json.loads(data)["measures"] if status == 200 else []
    # The links of migration 4 made between the acts stored before it.
    status, _, data = server.request("GET", "/v1/documents/%d/history" % chain[0], token=False)
    linked = [v["id"] for v in json.loads(data)["versions"]] if status == 200 else []
    server.stop()
    check(linked == chain, "after migration 4 the history of the order is %s, not %s" % (linked, chain))
    check(found, "q= finds nothing among the measures stored before the word index")
    indexes = STORES.indexes(old)
    check(health.get("schema_version") == 4 and health.get("documents") == 3 and
          {"measures_by_due", "documents_by_region"} <= indexes,
          "a version-1 store after a restart: %s, indexes %s" % (health, sorted(indexes)))


def test_api_description():
    """docs/api.yaml against what the running server answered: every status
    documented, every documented operation called."""
    api = yaml.safe_load((SOURCE / "docs" / "api.yaml").read_text(encoding="utf-8"))
    for method, path, status in sorted(observed):
        ops = api["paths"].get(path, {})
        op = ops.get(method.lower())
        if op is None:
            check(status == 405, "%s %s answered %d: not in docs/api.yaml" % (method, path, status))
        else:
            check(str(status) in op["responses"], "%s %s answered %d: not in docs/api.yaml" % (method, path, status))
    for path, ops in api["paths"].items():
        for method in ops:
            check(any(m == method.upper() and p == path for m, p, _ in observed),
                  "docs/api.yaml's %s %s was never called by the test" % (method.upper(), path))


def main():
    global STORES
    STORES = PostgresStores() if POSTGRESQL else SqliteStores()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            for test in (test_uploads_and_queries, test_two_servers, test_amendment_chain, test_kill_mid_upload,
                         test_refusals):
                d = tmp / test.__name__
                d.mkdir()
                test(d)
    finally:
        STORES.stop()
    test_api_description()
    print("%d problems (stores on %s)" % (len(problems), STORES.name))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
