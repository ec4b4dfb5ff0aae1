"""One editor at a time, for folders whose file locking does not work.

The editor holds a lease file beside the team file (``team.cgdb.lease``) with
its host, process, name and heartbeat; everyone else opens read-only and is
told who is editing. A lease whose heartbeat stopped for ``STALE_AFTER`` is
stale: its holder probably crashed, and it may be broken after a confirmation.
Each heartbeat first checks that the lease is still this instance's: when
someone took it over meanwhile, ``beat()`` raises ``LeaseLost`` instead of
writing it back, and this instance must stop writing.

The lease is taken by creating its file exclusively (``O_EXCL``), which the
servers of sshfs (SFTP) and SMB carry out atomically across clients, unlike
the file's byte-range locks; the taker then reads its random token back from
the share, so a server whose exclusive create is not atomic shows two takers
one token, and the one who lost backs off. A holder on this computer whose
process is gone (it was killed) frees its lease at once.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.errors import DatabaseError, ReadOnlyError
from db.instances import this_host
from db.models.base import utcnow

STALE_AFTER = timedelta(minutes=2)
#: An SMB server refuses to delete or rename a file another client has open at that
#: moment (a sharing violation, EBUSY here); such a refusal is retried for this long.
SHARE_RETRY_S = 5.0
_SHARING_VIOLATIONS = (errno.EBUSY, errno.EACCES, errno.EPERM, errno.ETXTBSY)


def _retrying(action: Callable[[], None]) -> None:
    """Run a delete or rename, retrying while the share reports the file as in use."""
    deadline = time.monotonic() + SHARE_RETRY_S
    delay = 0.01
    while True:
        try:
            action()
            return
        except FileNotFoundError:
            raise
        except OSError as error:
            if error.errno not in _SHARING_VIOLATIONS or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


@dataclass(frozen=True)
class LeaseInfo:
    host: str
    pid: int
    person: str
    heartbeat_at: datetime  # naive UTC
    token: str = ""
    released: bool = False  # given back, but the share would not let it be deleted

    def is_stale(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) - self.heartbeat_at >= STALE_AFTER

    def holder_is_gone(self) -> bool:
        """Its process was on this computer and has ended: nobody can be editing under it."""
        if self.host != this_host() or self.pid <= 0 or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False

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


def _create_exclusively(path: Path) -> int:
    """``O_CREAT | O_EXCL``, with a lost race reported as ``FileExistsError`` on every share:
    OpenSSH's SFTP server answers an existing file with a generic failure, which sshfs
    turns into "operation not permitted"."""
    try:
        return os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        raise
    except PermissionError as error:
        if path.exists():
            raise FileExistsError(error.errno, error.strerror, str(path)) from error
        raise


def lease_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lease")


def read_lease(database_path: Path) -> LeaseInfo | None:
    """The lease on the file, or None; an unreadable lease counts as held, as of its mtime."""
    return _read_lease_file(lease_path(database_path))


def _read_lease_file(path: Path) -> LeaseInfo | None:
    try:
        text = path.read_text(encoding="utf-8")
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
        return LeaseInfo(str(data["host"]), int(data["pid"]), str(data.get("person", "")),
                         datetime.fromisoformat(data["heartbeat_at"]), str(data.get("token", "")),
                         bool(data.get("released", False)))
    except (ValueError, KeyError, TypeError):
        return LeaseInfo("unknown", 0, "", modified)


class Lease:
    """The lease this instance holds; ``beat()`` keeps it fresh, ``release()`` gives it up."""

    def __init__(self, database_path: Path, person: str = "") -> None:
        self.database_path = database_path
        self.path = lease_path(database_path)
        self.person = person
        self.token = secrets.token_hex(8)

    def _content(self) -> str:
        return json.dumps({"host": this_host(), "pid": os.getpid(), "person": self.person,
                           "heartbeat_at": utcnow().isoformat(), "token": self.token})

    def _write_new(self, descriptor: int) -> None:
        """Fill the file just created exclusively, and make it reach the server."""
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(self._content())
            handle.flush()
            os.fsync(handle.fileno())

    def holds(self) -> bool:
        """The lease on the share carries this instance's token (read back, not assumed)."""
        current = read_lease(self.database_path)
        return current is not None and current.token == self.token

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
            descriptor = _create_exclusively(self.path)
        except FileExistsError:
            current = read_lease(self.database_path)
            if current is not None and current.is_mine():
                return
            raise LeaseLost(current or LeaseInfo("unknown", 0, "", utcnow())) from None
        self._write_new(descriptor)

    def release(self) -> None:
        """Give the lease back. Where the share keeps refusing to delete it (SMB, while
        others keep opening it), it is marked given back instead, so the next taker may
        break it at once: never left looking held by an editor who has gone."""
        current = read_lease(self.database_path)
        if current is not None and current.is_mine():
            try:
                _retrying(self.path.unlink)
            except FileNotFoundError:
                pass
            except OSError:
                data = json.loads(self._content())
                data["released"] = True
                self.path.write_text(json.dumps(data), encoding="utf-8")


def _break(path: Path, judged: LeaseInfo) -> None:
    """Remove the lease judged free, and only that one: it is renamed aside (atomic on the
    server), and if what moved is someone's newer lease after all, it is put back."""
    aside = path.with_name(f"{path.name}.broken-{secrets.token_hex(4)}")
    try:
        _retrying(lambda: os.replace(path, aside))
    except FileNotFoundError:
        return  # someone else broke it first
    try:
        moved = _read_lease_file(aside)
        if moved is not None and (moved.token, moved.pid, moved.host) != (
                judged.token, judged.pid, judged.host) and not path.exists():
            os.replace(aside, path)
    finally:
        try:
            _retrying(aside.unlink)
        except FileNotFoundError:
            pass


ACQUIRE_ATTEMPTS = 8


def acquire(database_path: Path, person: str = "", *, break_stale: bool = False) -> Lease:
    """Take the lease, or raise ``LeaseHeldError`` naming who holds it."""
    lease = Lease(database_path, person)
    for attempt in range(ACQUIRE_ATTEMPTS):
        try:
            descriptor = _create_exclusively(lease.path)
        except FileExistsError:
            current = read_lease(database_path)
            if current is None:  # given up this instant (or still being deleted on SMB)
                time.sleep(0.01 * (attempt + 1))
                continue
            if current.is_mine() or current.released or current.holder_is_gone() or (
                    break_stale and current.is_stale()):
                _break(lease.path, current)
                continue
            raise LeaseHeldError(current) from None
        lease._write_new(descriptor)
        if lease.holds():
            return lease
        current = read_lease(database_path)  # someone else's token came back: theirs
        if current is not None:
            raise LeaseHeldError(current)
    raise DatabaseError("The edit lease of this file keeps changing hands; try again.")
