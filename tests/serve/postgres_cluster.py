"""A PostgreSQL server of its own for a test or a benchmark: Debian's
initdb into a temporary directory (owned by the postgres user when run as
root, which initdb refuses), pg_ctl on a free loopback port, trust
authentication for the user karta, and psql for what the caller reads
directly. stop() shuts it down and removes the directory.

    cluster = PostgresCluster()
    uri = cluster.database("k")        # postgresql://karta@127.0.0.1:PORT/k
    cluster.psql("k", "SELECT count(*) FROM documents")
    cluster.stop()
"""
import os
import pathlib
import socket
import subprocess
import tempfile


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    def __init__(self):
        found = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not found:
            raise SystemExit("no PostgreSQL server installed (Debian: apt-get install postgresql)")
        self.bin = found[-1].parent
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="karta-pg-"))
        self.as_owner = []
        if os.geteuid() == 0:
            import pwd
            owner = pwd.getpwnam("postgres")
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        subprocess.run([*self.as_owner, str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-A", "trust", "-U",
                        "karta", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        # The port is free when asked and taken by the server a moment later:
        # another process may take it between, so a refusal is tried again.
        for _ in range(5):
            self.port = free_port()
            r = subprocess.run([*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-w", "-t", "60",
                                "-l", str(self.dir / "log"), "-o",
                                "-p %d -c listen_addresses=127.0.0.1 -k %s" % (self.port, self.dir), "start"],
                               capture_output=True, text=True)
            if r.returncode == 0:
                break
        else:
            log = (self.dir / "log").read_text() if (self.dir / "log").exists() else ""
            raise SystemExit("pg_ctl start failed: %s %s" % (r.stderr, log[-2000:]))

    def psql(self, database, statement):
        """The rows `statement` gives, fields separated by \\x1f, a line each."""
        r = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\x1f", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                            "karta", "-d", database, "-v", "ON_ERROR_STOP=1", "-c", statement],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise SystemExit("psql %r: %s" % (statement, r.stderr))
        return r.stdout

    def database(self, name):
        """A new, empty database; its connection URI."""
        self.psql("postgres", "CREATE DATABASE %s" % name)
        return "postgresql://karta@127.0.0.1:%d/%s" % (self.port, name)

    def stop(self):
        subprocess.run([*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop"],
                       capture_output=True)
        subprocess.run(["rm", "-rf", str(self.dir)])
