#!/usr/bin/env python3
"""`karta serve` under load, on loopback, bounded in count and time.

Starts `karta serve` on a free port with a fresh SQLite store and measures,
each beside its floor in the same run:

- one typical DOCX uploaded by one client, distinct files (each is read,
  extracted and stored): latency p50 / p99, against the same client's
  GET /healthz (the HTTP round trip, no work) and `karta extract FILE -o -`
  as a process per file (rules compiled every time);
- uploads from 4 clients at once: uploads per second, p99;
- queries from 8 clients (documents by region, measures in a due window,
  one extraction by id): requests per second and p99, against /healthz
  from the same 8 clients.

With --postgresql the store is a database of a PostgreSQL server started
for the run (tests/serve/postgres_cluster.py), on the same machine.

usage: serve_load.py KARTA DOCX_DIR OUT.md [--uploads N] [--seconds S] [--postgresql]
"""
import argparse
import concurrent.futures
import http.client
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "bench-token-5c1e"
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests" / "serve"))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Client:
    """One keep-alive connection, as a real client holds it."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, target, body=None, headers=None):
        for attempt in range(2):
            try:
                started = time.perf_counter()
                self.conn.request(method, target, body=body, headers=headers or {})
                r = self.conn.getresponse()
                data = r.read()
                elapsed = time.perf_counter() - started
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                return r.status, data, elapsed
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise

    def upload(self, path):
        return self.request("POST", "/v1/documents?name=" + path.name, body=path.read_bytes(),
                            headers={"Authorization": "Bearer " + TOKEN})


def start_server(karta, tmp, store):
    (tmp / "tokens").write_text(TOKEN + "\n")
    proc = subprocess.Popen([karta, "serve", "--store", store, "--port", "0", "--tokens",
                             str(tmp / "tokens"), "-j", "2", "--queue", "64"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    port = int(line.split("http://127.0.0.1:")[1].split()[0])
    return proc, port


def timed_loop(port, clients, seconds, make_target):
    """Each client asks in a loop until the time is up; latencies of all."""
    stop = time.perf_counter() + seconds
    latencies, statuses = [], []
    lock = threading.Lock()

    def run(seed):
        c = Client(port)
        rnd = random.Random(seed)
        mine, codes = [], []
        while time.perf_counter() < stop:
            status, _, elapsed = c.request("GET", make_target(rnd))
            mine.append(elapsed)
            codes.append(status)
        with lock:
            latencies.extend(mine)
            statuses.extend(codes)

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(run, range(clients)))
    wall = time.perf_counter() - started
    return len(latencies) / wall, latencies, statuses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("karta")
    ap.add_argument("docx_dir", type=pathlib.Path)
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--uploads", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--postgresql", action="store_true")
    a = ap.parse_args()
    cluster = None
    if a.postgresql:
        from postgres_cluster import PostgresCluster
        cluster = PostgresCluster()
    files = sorted(a.docx_dir.glob("*.docx"))
    need = 2 * a.uploads + 20
    if len(files) < need:
        sys.exit("serve_load: %s holds %d DOCX, %d needed" % (a.docx_dir, len(files), need))
    with tempfile.TemporaryDirectory() as t:
        tmp = pathlib.Path(t)
        store = cluster.database("load") if cluster else str(tmp / "load.db")
        proc, port = start_server(a.karta, tmp, store)
        try:
            one = Client(port)
            one.request("GET", "/healthz")
            # One client: an upload, then the bare round trip, in turn.
            upload_lat, health_lat, bad = [], [], 0
            for f in files[:a.uploads]:
                status, _, elapsed = one.upload(f)
                bad += status != 201
                upload_lat.append(elapsed)
                health_lat.append(one.request("GET", "/healthz")[2])
            # The same kind of file as a process of its own, a few times.
            process_lat = []
            for f in files[a.uploads:a.uploads + 20]:
                started = time.perf_counter()
                subprocess.run([a.karta, "extract", str(f), "-o", "-"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True)
                process_lat.append(time.perf_counter() - started)
            # Four clients uploading at once.
            batch = files[a.uploads + 20:2 * a.uploads + 20]
            local = threading.local()

            def send(f):
                if not hasattr(local, "c"):
                    local.c = Client(port)
                return local.c.upload(f)

            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(send, batch))
            parallel_wall = time.perf_counter() - started
            parallel_lat = [e for _, _, e in answers]
            bad += sum(s != 201 for s, _, _ in answers)
            stored = len(files[:a.uploads]) + len(batch)
            regions = ["RU-%s" % c for c in ("TYU", "NGR", "YAR", "KLU", "MO", "PER", "OMS", "TA")]
            ids = list(range(1, stored + 1))
            kinds = {
                "documents of a region": lambda r: "/v1/documents?region=%s&limit=50" % r.choice(regions),
                "measures due in 2024-Q3 (100 a page)": lambda r: "/v1/measures?due_from=2024-07-01&due_to=2024-09-30&limit=100",
                "one extraction by id": lambda r: "/v1/documents/%d" % r.choice(ids),
            }
            floor_rps, floor_lat, floor_codes = timed_loop(port, 8, a.seconds, lambda r: "/healthz")
            queries = {}
            for name, target in kinds.items():
                rps, lat, codes = timed_loop(port, 8, a.seconds, target)
                bad += sum(c != 200 for c in codes)
                queries[name] = (rps, lat)
            bad += sum(c != 200 for c in floor_codes)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
            if cluster:
                cluster.stop()

    ms = lambda s: "%.1f ms" % (s * 1000)
    lines = ["# `karta serve` under load (bench/serve_load.py)", "",
             "Loopback, one `karta serve -j 2` with a fresh %s store, Python clients on keep-alive " %
             ("PostgreSQL (a server of its own on the same machine)" if cluster else "SQLite") +
             "connections on the same 2 cores. Distinct synthetic DOCX orders (bench/make_corpus.py). "
             "%d answers were not the expected status." % bad, "",
             "| what | karta serve | floor or peer, same run |", "|---|---|---|",
             "| one typical DOCX uploaded (read, extracted, stored), one client, %d files | p50 %s, p99 %s | "
             "GET /healthz p50 %s, p99 %s; `karta extract` as a process p50 %s |" %
             (len(upload_lat), ms(statistics.median(upload_lat)), ms(percentile(upload_lat, 99)),
              ms(statistics.median(health_lat)), ms(percentile(health_lat, 99)), ms(statistics.median(process_lat))),
             "| uploads from 4 clients, %d files | %.0f uploads/s, p99 %s | one client %.0f uploads/s |" %
             (len(batch), len(batch) / parallel_wall, ms(percentile(parallel_lat, 99)), 1 / statistics.mean(upload_lat))]
    for name, (rps, lat) in queries.items():
        lines.append("| %s, 8 clients, %.0f s | %.0f requests/s, p99 %s | GET /healthz %.0f requests/s, p99 %s |" %
                     (name, a.seconds, rps, ms(percentile(lat, 99)), floor_rps, ms(percentile(floor_lat, 99))))
    lines += ["", "Target (issue 17): one typical file ≤ 8 ms through a long-lived worker. "
              "p50 upload latency %s: %s." % (ms(statistics.median(upload_lat)),
                                              "met" if statistics.median(upload_lat) <= 0.008 else "**not met**"), ""]
    a.out.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
