"""A throwaway PostgreSQL server for the tests, started from the installed binaries.

Debian installs them under ``/usr/lib/postgresql/<version>/bin`` (``apt-get install
postgresql``); ``PG_BINDIR`` points elsewhere. The server listens on 127.0.0.1 on a
free port, keeps its data in a temporary folder, trusts local connections, and
is stopped and deleted at the end of the session. PostgreSQL refuses to run
as root, so as root it runs as the ``postgres`` user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "cg"
TEMPLATE = "cg_template"


def find_bindir() -> Path | None:
    candidates = [os.environ.get("PG_BINDIR", "")]
    found = shutil.which("pg_ctl")
    candidates.append(str(Path(found).parent) if found else "")
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                         else 0, reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="cg-pg-"))
        self.datadir = self.root / "data"
        self._counter = 0
        self._as: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no 'postgres' user") from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-500:]}")

    def start(self) -> PostgresServer:
        self._run(str(self.bindir / "initdb"), "-D", str(self.datadir), "-A", "trust", "-U", USER,
                  "-E", "UTF8", "--locale=C", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l",
                  str(self.root / "server.log"), "-o", options, "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, name: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{name}"

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(sql)

    def empty_database(self) -> str:
        """A new, empty database; returns its URL."""
        self._counter += 1
        name = f"t{self._counter}_{int(time.time() * 1000) % 100000}"
        self._execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def team_database(self) -> str:
        """A new database holding the app's schema (copied from a template migrated once)."""
        if self._counter == 0 or not getattr(self, "_template_ready", False):
            from db.database import open_database

            self._execute(f'CREATE DATABASE "{TEMPLATE}"')
            open_database(self.url(TEMPLATE), create=True).dispose()
            self._template_ready = True
        self._counter += 1
        name = f"team{self._counter}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return self.url(name)
