"""One editor at a time, for folders whose file locking does not work.

The editor holds a lease beside the team file (``team.cgdb.lease``) with its host,
process, name and heartbeat; everyone else opens read-only and is told who is
editing. A lease whose heartbeat stopped for ``STALE_AFTER`` is stale: its holder
probably crashed, and it may be broken after a confirmation. Each heartbeat first
checks that the lease is still this instance's: when someone took it over meanwhile,
``beat()`` raises ``LeaseLost`` instead of writing it back, and this instance must
stop writing.

The lease is taken by creating it where nothing of that name exists, in one step the
server carries out for all clients: a file created exclusively (``O_EXCL``: the SFTP
server of sshfs, SMB through the kernel's client, NFS, a local disk), or, where the
client is not known to pass that on (``ShareKind.lease_as_folder``), a folder holding
the holder's ``holder.json``. smbnetfs creates every file with "create or truncate":
with a file, two takers racing through two mounts both got the lease in 6 to 13 rounds
of 40 on the test bed, and both edited; with a folder, one did in every round. Either
form blocks the other, so two computers reaching one share through different clients
still keep one editor. The taker then reads its random token back from the share. A
holder on this computer whose process is gone (it was killed) frees its lease at once.
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
from db.share_kind import share_of

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


def _make_exclusively(path: Path, *, as_folder: bool) -> None:
    """Create the lease, as a folder or an empty file, where nothing of its name exists;
    a lost race is ``FileExistsError`` on every share: OpenSSH's SFTP server answers an
    existing name with a generic failure, which sshfs turns into "operation not permitted"."""
    try:
        if as_folder:
            os.mkdir(path, 0o755)
        else:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        raise
    except PermissionError as error:
        if path.exists():
            raise FileExistsError(error.errno, error.strerror, str(path)) from error
        raise


HOLDER = "holder.json"


def lease_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lease")


def read_lease(database_path: Path) -> LeaseInfo | None:
    """The lease on the file, or None; an unreadable lease counts as held, as of its mtime."""
    return _read_lease_at(lease_path(database_path))


def _read_lease_at(path: Path) -> LeaseInfo | None:
    """The lease's holder, from its file or its folder; None where there is none. A lease
    whose holder is not written yet (taken this instant) counts as held, as of its mtime."""
    folder = False
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
        folder = path.is_dir()
        text = (path / HOLDER if folder else path).read_text(encoding="utf-8")
    except FileNotFoundError:
        # A file gone is gone, whatever a client's cache still says of it (sshfs keeps a
        # removed file's attributes for 20 s); a folder without its holder is being taken.
        if not (folder and path.exists()):
            return None
        return LeaseInfo("unknown", 0, "", modified)
    except (NotADirectoryError, IsADirectoryError):  # changed form this instant
        return LeaseInfo("unknown", 0, "", modified)
    try:
        data = json.loads(text)
        return LeaseInfo(str(data["host"]), int(data["pid"]), str(data.get("person", "")),
                         datetime.fromisoformat(data["heartbeat_at"]), str(data.get("token", "")),
                         bool(data.get("released", False)))
    except (ValueError, KeyError, TypeError):
        return LeaseInfo("unknown", 0, "", modified)


class Lease:
    """The lease this instance holds; ``beat()`` keeps it fresh, ``release()`` gives it up."""

    def __init__(self, database_path: Path, person: str = "", *, as_folder: bool = False) -> None:
        self.database_path = database_path
        self.path = lease_path(database_path)
        self.person = person
        self.as_folder = as_folder
        self.token = secrets.token_hex(8)

    @property
    def holder_path(self) -> Path:
        return self.path / HOLDER if self.as_folder else self.path

    def _content(self, *, released: bool = False) -> str:
        return json.dumps({"host": this_host(), "pid": os.getpid(), "person": self.person,
                           "heartbeat_at": utcnow().isoformat(), "token": self.token,
                           "released": released})

    def _write_holder(self) -> None:
        """Write the holder into the lease folder whole (beside, then renamed over), and
        make it reach the server before anyone is told the lease is taken."""
        partial = self.holder_path.with_name(f"{self.holder_path.name}.{os.getpid()}")
        with partial.open("w", encoding="utf-8") as handle:
            handle.write(self._content())
            handle.flush()
            os.fsync(handle.fileno())
        _retrying(lambda: os.replace(partial, self.holder_path))

    def holds(self) -> bool:
        """The lease on the share carries this instance's token (read back, not assumed)."""
        current = read_lease(self.database_path)
        return current is not None and current.token == self.token

    def beat(self, person: str | None = None) -> None:
        """Renew the heartbeat; ``LeaseLost`` when the lease is someone else's now.

        A lease that is gone (its folder removed) is taken back only if nobody else
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
        self._write_holder()

    def _take_back(self) -> None:
        try:
            _make_exclusively(self.path, as_folder=self.as_folder)
        except FileExistsError:
            current = read_lease(self.database_path)
            if current is not None and current.is_mine():
                return
            raise LeaseLost(current or LeaseInfo("unknown", 0, "", utcnow())) from None
        self._write_holder()

    def release(self) -> None:
        """Give the lease back: it is renamed aside (one atomic step on the server, after
        which the lease is free) and then removed. Where the share keeps refusing (SMB,
        while others keep reading it), it is marked given back instead, so the next taker
        may break it at once: never left looking held by someone who has gone."""
        current = read_lease(self.database_path)
        if current is None or not current.is_mine():
            return
        aside = self.path.with_name(f"{self.path.name}.gone-{secrets.token_hex(4)}")
        try:
            _retrying(lambda: os.replace(self.path, aside))
        except FileNotFoundError:
            return
        except OSError:
            self._mark_released()
            return
        _remove(aside)

    def _mark_released(self) -> None:
        """Written in place: a share that refused to move the folder may refuse to rename
        over the holder too."""
        with self.holder_path.open("w", encoding="utf-8") as handle:
            handle.write(self._content(released=True))
            handle.flush()
            os.fsync(handle.fileno())


def _remove(path: Path) -> None:
    """Remove a lease put aside (a folder, or an older app's file); best effort, as a share
    may refuse for a moment: what is left is swept by the next taker."""
    try:
        if path.is_dir():
            for entry in path.iterdir():
                _retrying(entry.unlink)
            _retrying(path.rmdir)
        else:
            _retrying(path.unlink)
    except OSError:
        pass


#: A lease put aside this long ago is left over (its remover was refused, or stopped):
#: younger ones may still be being looked at by whoever put them aside.
LEFT_OVER_AFTER_S = 60.0


def _sweep(path: Path) -> None:
    """Remove leases put aside earlier and left behind (a share refused to remove them)."""
    for pattern in (f"{path.name}.gone-*", f"{path.name}.broken-*"):
        for left in path.parent.glob(pattern):
            try:
                if time.time() - left.stat().st_mtime < LEFT_OVER_AFTER_S:
                    continue
            except OSError:
                continue
            _remove(left)


def _break(path: Path, judged: LeaseInfo) -> None:
    """Remove the lease judged free, and only that one: it is renamed aside (atomic on the
    server), and if what moved is someone's newer lease after all, it is put back."""
    aside = path.with_name(f"{path.name}.broken-{secrets.token_hex(4)}")
    try:
        _retrying(lambda: os.replace(path, aside))
    except FileNotFoundError:
        return  # someone else broke it first
    try:
        moved = _read_lease_at(aside)
        if moved is not None and (moved.token, moved.pid, moved.host) != (
                judged.token, judged.pid, judged.host) and not path.exists():
            os.replace(aside, path)
    finally:
        if aside.exists():
            _remove(aside)


ACQUIRE_ATTEMPTS = 8


def acquire(database_path: Path, person: str = "", *, break_stale: bool = False,
            as_folder: bool | None = None) -> Lease:
    """Take the lease, or raise ``LeaseHeldError`` naming who holds it. It is made as a
    folder where the share's client does not create files exclusively (by default as the
    mount table says: ``ShareKind.lease_as_folder``)."""
    if as_folder is None:
        as_folder = share_of(database_path).kind.lease_as_folder
    lease = Lease(database_path, person, as_folder=as_folder)
    _sweep(lease.path)
    for attempt in range(ACQUIRE_ATTEMPTS):
        try:
            _make_exclusively(lease.path, as_folder=as_folder)
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
        lease._write_holder()
        if lease.holds():
            return lease
        current = read_lease(database_path)  # someone else's token came back: theirs
        if current is not None:
            raise LeaseHeldError(current)
    raise DatabaseError("The edit lease of this file keeps changing hands; try again.")


# --------------------------------------------------------------------------- hand-over

@dataclass(frozen=True)
class EditRequest:
    """Someone reading the file asks its editor to hand editing over to them."""

    host: str
    pid: int
    person: str
    asked_at: datetime  # naive UTC
    token: str
    declined: bool = False  # the editor answered "keep editing"

    def is_mine(self) -> bool:
        return self.host == this_host() and self.pid == os.getpid()

    def is_stale(self, now: datetime | None = None) -> bool:
        """Asked so long ago that the asker has likely gone (they renew it while waiting)."""
        return (now or utcnow()) - self.asked_at >= STALE_AFTER


def request_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lease-ask")


def _write_whole(path: Path, text: str) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    _retrying(lambda: os.replace(partial, path))


def ask_to_edit(database_path: Path, person: str, token: str = "") -> EditRequest:
    """Ask the editor to hand over (or renew the asking, with the same ``token``). The
    newest asker's request stands: the editor answers one person at a time."""
    request = EditRequest(this_host(), os.getpid(), person, utcnow(),
                          token or secrets.token_hex(8))
    _write_whole(request_path(database_path), json.dumps({
        "host": request.host, "pid": request.pid, "person": request.person,
        "asked_at": request.asked_at.isoformat(), "token": request.token}))
    return request


def read_request(database_path: Path) -> EditRequest | None:
    """The standing request to edit, or None (none, unreadable, or its asker gone)."""
    try:
        data = json.loads(request_path(database_path).read_text(encoding="utf-8"))
        request = EditRequest(str(data["host"]), int(data["pid"]), str(data["person"]),
                              datetime.fromisoformat(data["asked_at"]), str(data["token"]),
                              bool(data.get("declined", False)))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None if request.is_stale() else request


def decline_request(database_path: Path, request: EditRequest) -> None:
    """The editor keeps editing: the asker is told so (the request stays, marked)."""
    current = read_request(database_path)
    if current is None or current.token != request.token:
        return  # withdrawn, or someone else asks now
    _write_whole(request_path(database_path), json.dumps({
        "host": current.host, "pid": current.pid, "person": current.person,
        "asked_at": current.asked_at.isoformat(), "token": current.token, "declined": True}))


def withdraw_request(database_path: Path, token: str) -> None:
    """The asker got the lease or stopped waiting: remove the request if it is still theirs."""
    current = read_request(database_path)
    if current is not None and current.token == token:
        try:
            _retrying(request_path(database_path).unlink)
        except OSError:
            pass
