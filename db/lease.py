"""One editor at a time, for folders whose file locking does not work.

The editor holds a lease file beside the team file (``team.cgdb.lease``) with
its host, process, name and heartbeat; everyone else opens read-only and is
told who is editing. A lease whose heartbeat stopped for ``STALE_AFTER`` is
stale: its holder probably crashed, and it may be broken after a confirmation.
Each heartbeat first checks that the lease is still this instance's: when
someone took it over meanwhile, ``beat()`` raises ``LeaseLost`` instead of
writing it back, and this instance must stop writing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from db.errors import DatabaseError, ReadOnlyError
from db.instances import this_host
from db.models.base import utcnow

STALE_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class LeaseInfo:
    host: str
    pid: int
    person: str
    heartbeat_at: datetime  # naive UTC

    def is_stale(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) - self.heartbeat_at >= STALE_AFTER

    def is_mine(self) -> bool:
        return self.host == this_host() and self.pid == os.getpid()

    def holder(self) -> str:
        who = self.person or "Someone"
        return f"{who} (on {self.host})"


class LeaseHeldError(DatabaseError):
    def __init__(self, info: LeaseInfo) -> None:
        stale = " Their app has not answered for over two minutes." if info.is_stale() else ""
        super().__init__(f"{info.holder()} is editing this file.{stale}")
        self.info = info


class LeaseLost(ReadOnlyError):
    """Someone else took over the lease this instance held: it must not write any more
    (a ``ReadOnlyError``, as the file is read-only for this instance from now on)."""

    def __init__(self, info: LeaseInfo) -> None:
        who = "Someone else" if info.host == "unknown" else info.holder()
        super().__init__(
            f"{who} took over editing this file while your app was not answering, so it is "
            "read-only for you now: nothing more you change here will be saved. Close the "
            "file and open it again to see their changes.")
        self.info = info


def lease_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lease")


def read_lease(database_path: Path) -> LeaseInfo | None:
    """The lease on the file, or None; an unreadable lease counts as held, as of its mtime."""
    path = lease_path(database_path)
    try:
        text = path.read_text(encoding="utf-8")
        modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(tzinfo=None)
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
        return LeaseInfo(str(data["host"]), int(data["pid"]), str(data.get("person", "")),
                         datetime.fromisoformat(data["heartbeat_at"]))
    except (ValueError, KeyError, TypeError):
        return LeaseInfo("unknown", 0, "", modified)


class Lease:
    """The lease this instance holds; ``beat()`` keeps it fresh, ``release()`` gives it up."""

    def __init__(self, database_path: Path, person: str = "") -> None:
        self.database_path = database_path
        self.path = lease_path(database_path)
        self.person = person

    def _content(self) -> str:
        return json.dumps({"host": this_host(), "pid": os.getpid(), "person": self.person,
                           "heartbeat_at": utcnow().isoformat()})

    def beat(self, person: str | None = None) -> None:
        """Renew the heartbeat; ``LeaseLost`` when the lease is someone else's now.

        A lease that is gone (its file removed) is taken back only if nobody else
        took it first, the way ``acquire`` takes a free one. (Should someone take it
        over in the instant between the check and the write, their next heartbeat
        finds this one's lease and they stop instead: still one editor.)
        """
        if person is not None:
            self.person = person
        current = read_lease(self.database_path)
        if current is None:
            self._take_back()
            return
        if not current.is_mine():
            raise LeaseLost(current)
        partial = self.path.with_name(self.path.name + f".{os.getpid()}")
        partial.write_text(self._content(), encoding="utf-8")
        partial.replace(self.path)

    def _take_back(self) -> None:
        try:
            descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            current = read_lease(self.database_path)
            if current is not None and current.is_mine():
                return
            raise LeaseLost(current or LeaseInfo("unknown", 0, "", utcnow())) from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(self._content())

    def release(self) -> None:
        current = read_lease(self.database_path)
        if current is not None and current.is_mine():
            self.path.unlink(missing_ok=True)


def acquire(database_path: Path, person: str = "", *, break_stale: bool = False) -> Lease:
    """Take the lease, or raise ``LeaseHeldError`` naming who holds it."""
    lease = Lease(database_path, person)
    for _attempt in range(3):
        try:
            descriptor = os.open(lease.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            current = read_lease(database_path)
            if current is None:
                continue
            if current.is_mine() or (break_stale and current.is_stale()):
                lease.path.unlink(missing_ok=True)
                continue
            raise LeaseHeldError(current) from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(lease._content())
        return lease
    raise DatabaseError("The edit lease of this file keeps changing hands; try again.")
