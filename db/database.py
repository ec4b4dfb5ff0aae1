"""Opening a team database: what the file is, whether it may be written, and why not.

Nothing here writes to a file before it has been recognised as a Common
Ground database (or as a new, empty one the person asked to create), and
passed its integrity check (the full one, unless this computer passed it on
this very state of the file: ``db.integrity``). Then, before anything is written:

- a file or folder that cannot be written, or a schema newer than the app's,
  opens read-only with the reason;
- the kind of folder is read from the mount table (``db.share_kind``): on a
  network share or in a cloud-sync folder, one person edits at a time under a
  lease file (``db.lease``), taken before anything else, since only its holder
  may roll back a save that looks interrupted; on a local disk the folder's
  locking is tested (``db.locking``), and where it fails, or the test cannot
  run, the lease is used too;
- an older schema is backed up, then migrated, but only while no other
  instance is live, inside one transaction that holds the write lock.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import sessionmaker

from db import lease as leases
from db.backup import take_backup
from db.changelog import TeamSession
from db.engine import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    JOURNAL_DELETE,
    JOURNAL_TRUNCATE,
    create_server_engine,
    create_sqlite_engine,
    is_url,
)
from db.errors import (
    BackupError,
    BusyError,
    CorruptDatabaseError,
    DatabaseError,
    Fault,
    ForeignDatabaseError,
    MissingDatabaseError,
    NotADatabaseError,
    fault_of,
)
from db.integrity import checked_before, remember_passed
from db.locking import Locking, check_locking, cloud_sync_warning
from db.models import Base
from db.schema import (
    HEAD_REVISION,
    SchemaState,
    decode_version,
    read_revision,
    state_of,
    upgrade_to_head,
)
from db.share_kind import Share, ShareKind, share_of

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileReport:
    """What a quick look at a SQLite file found, before anything is written."""

    path: Path
    revision: str | None
    state: SchemaState
    integrity: str
    tables: tuple[str, ...]
    writable: bool
    written_by: str = ""  # the app version that last migrated the file, when known


@dataclass
class Database:
    """An open team database: its engine, its session factories and its limits."""

    target: str
    engine: Engine
    path: Path | None = None
    revision: str | None = None
    read_only_reason: str = ""
    warnings: tuple[str, ...] = ()
    locking: Locking = Locking.UNTESTED
    share: Share | None = None  # the kind of folder the file is in, from the mount table
    lease: leases.Lease | None = None
    lease_holder: leases.LeaseInfo | None = None
    _read_sessions: sessionmaker[TeamSession] = field(init=False, repr=False)
    _write_sessions: sessionmaker[TeamSession] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._read_sessions = sessionmaker(
            bind=self.engine, class_=TeamSession, expire_on_commit=False
        )
        self._write_sessions = sessionmaker(
            bind=self.engine.execution_options(sqlite_begin="IMMEDIATE"),
            class_=TeamSession,
            expire_on_commit=False,
        )

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def reads_under_someone_elses_saves(self) -> bool:
        """On a share where someone else holds the edit lease, their saves are not kept
        apart from this instance's reads by any lock: a read may see a save half done."""
        return (self.path is not None and self.lease is None and self.share is not None
                and not self.share.kind.trusts_file_locks)

    def change_counter(self) -> int:
        """SQLite's file change counter, read from the share (every commit increments it)."""
        assert self.path is not None
        return int.from_bytes(header_of(self.path)[24:28], "big")

    def saving_elsewhere_error(self) -> BusyError:
        who = self.lease_holder.holder() if self.lease_holder else "Someone"
        return BusyError(f"{who} was saving a change to the team file while this app read "
                         "it; it is read again in a moment. Nothing is wrong with the file.")

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.engine.url.render_as_string(hide_password=True)

    def read_session(self) -> TeamSession:
        return self._read_sessions()

    def write_session(self) -> TeamSession:
        return self._write_sessions()

    def roll_back_failed_save(self) -> None:
        """After a save failed midway (a full disk, a share that refused a write), SQLite
        may leave its journal behind, and the file grown by the pages written so far,
        until someone opens the file writable. Roll it back now: the space comes back and
        read-only readers can read again. Best effort; the next opener would do it too."""
        if self.path is None or self.read_only or not _hot_journal(self.path):
            return
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                connection.close()
        except sqlite3.Error:
            pass

    def dispose(self) -> None:
        if self.lease is not None:
            self.lease.release()
            self.lease = None
        self.engine.dispose()


def _open_raw(path: Path) -> sqlite3.Connection:
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)


def _writable(path: Path) -> bool:
    """The file and its folder (where the rollback journal goes) can be written.

    The permission bits count too, so a file someone marked read-only stays
    read-only even for an administrator whom the system would let write.
    """
    no_write_bits = not (path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    folder_bits = path.parent.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
            and not no_write_bits and bool(folder_bits))


def header_of(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


class _SaveToRollBack(Exception):
    """Reading the file met a hot journal that the look for one had not seen."""


def _busy_with_unfinished_save(path: Path) -> BusyError:
    return BusyError(
        f"{path.name} is busy: the person editing it is saving, or their app stopped "
        "in the middle of a save, which only they (or whoever takes over editing) can "
        "finish. Try again in a moment; nothing was changed.")


def _roll_back_interrupted_save(path: Path, header: bytes, *, force: bool = False) -> None:
    """A save cut off by a crash leaves a "hot" journal beside the file, which only a
    connection that may write can roll back (a read-only one reports "attempt to write a
    readonly database"). For a file of ours, do what SQLite does on any open: roll it back.
    ``force`` when SQLite found the journal hot although its size looked zero here.
    """
    journal = _journal_of(path)
    forget_cached_view(journal)
    if not force and (not journal.exists() or journal.stat().st_size == 0):
        return
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return  # not recognised as ours: leave it to the read-only look below
    if not _writable(path):
        raise CorruptDatabaseError(
            f"A save to {path.name} was cut off (the app or computer stopped mid-save) and "
            "must be rolled back before the file can be read, which needs write access to it "
            "and its folder. Ask someone who can write there to open it once.", path=path)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def _damaged(path: Path, error: BaseException) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{path.name} is damaged and cannot be read ({error}). Restore it from a backup.",
        path=path)


def _check_header(path: Path) -> None:
    """A plain-language error unless ``path`` is a SQLite file."""
    if not path.exists():
        raise MissingDatabaseError(f"There is no file at {path}.")
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a team database file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        if not header:
            raise NotADatabaseError(f"{path.name} is empty: it is not a Common Ground team database.")
        raise NotADatabaseError(f"{path.name} is not a Common Ground team database (it is not a "
                                "SQLite file).")


#: How long a client's stale view of a file that another computer grew is waited for
#: (sshfs keeps a file's size for 20 s by default).
FRESH_VIEW_WAIT_S = 30.0


def _size_in_header(header: bytes) -> int | None:
    """The file's size as SQLite's header says, when the header vouches for it."""
    if len(header) < 100 or header[24:28] != header[92:96]:
        return None  # "version-valid-for" differs: the in-header size is not maintained
    page_size = int.from_bytes(header[16:18], "big")
    return (65536 if page_size == 1 else page_size) * int.from_bytes(header[28:32], "big")


def forget_cached_view(path: Path) -> None:
    """Make this computer's client of a share forget what it cached of ``path``'s size and
    times, for the app's own looks at the file and its journal (SQLite's reads ask the
    open file and are fresh): sshfs serves a path's attributes for 20 s, so a journal
    that another computer's cut-off save left looked empty here, and a grown file looked
    its old size. Setting the mode it already has is a change the client passes to the
    server, so it forgets, and the file's times stay as they are; where the mode may not
    be set, setting the times does it."""
    try:
        os.chmod(path, stat.S_IMODE(path.stat().st_mode))
        return
    except FileNotFoundError:
        return
    except OSError:
        pass
    try:
        os.utime(path)
    except OSError:
        pass


def _refresh_view(path: Path) -> None:
    """Before the new editor reads: make this client's idea of the file's size match the
    file (``forget_cached_view``; on the test bed a new editor's full check once found
    "wrong # of entries in index" in a file that was sound on the server); then the size
    must reach what the header says (waited for up to ``FRESH_VIEW_WAIT_S``)."""
    deadline = time.monotonic() + FRESH_VIEW_WAIT_S
    while True:
        forget_cached_view(path)
        forget_cached_view(_journal_of(path))
        expected = _size_in_header(header_of(path))
        if expected is None or path.stat().st_size >= expected:
            return
        if time.monotonic() >= deadline:
            return  # a file that is really short: the integrity check says it is damaged
        time.sleep(0.25)


def _journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _hot_journal(path: Path) -> bool:
    journal = _journal_of(path)
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


def _wait_for_save_to_end(path: Path) -> None:
    """Without the lease, another computer's save in progress is theirs to finish: wait a
    moment for it, never roll it back (that would tear their save in half)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while _hot_journal(path):
        if time.monotonic() >= deadline:
            raise _busy_with_unfinished_save(path)
        time.sleep(0.05)


def inspect_file(path: Path, *, integrity: str = "auto", roll_back: bool = True) -> FileReport:
    """Recognise a team file without writing to it; raise a plain-language error if it is not one.

    ``integrity`` is "quick", "full", or "auto": full unless this computer already passed
    the full check on this very state of the file (``db.integrity``). ``roll_back=False``
    (someone else holds the edit lease) waits for a save in progress instead of rolling
    back what looks like an interrupted one.
    """
    try:
        try:
            return _inspect_file(path, integrity, roll_back)
        except _SaveToRollBack:
            # The share's client still said there was no journal (sshfs keeps a file's
            # old attributes for 20 s), so the save cut off on another computer was not
            # rolled back above; SQLite, reading the journal itself, found it hot.
            if not roll_back:
                raise _busy_with_unfinished_save(path) from None
            _roll_back_interrupted_save(path, header_of(path), force=True)
            return _inspect_file(path, integrity, roll_back)
    except PermissionError as error:  # the system refused this person the file or its folder
        raise DatabaseError(
            f"You do not have permission to read {path.name}. Ask whoever looks after "
            f"the folder {path.parent} to give you access; nothing was changed.") from error


def _inspect_file(path: Path, integrity: str, roll_back: bool) -> FileReport:
    """The work of ``inspect_file``.

    ``integrity`` is "quick", "full", or "auto": full unless this computer already passed
    the full check on this very state of the file (``db.integrity``). ``roll_back=False``
    (someone else holds the edit lease) waits for a save in progress instead of rolling
    back what looks like an interrupted one.
    """
    _check_header(path)
    try:
        if roll_back:
            _roll_back_interrupted_save(path, header_of(path))
        else:
            _wait_for_save_to_end(path)
        header = header_of(path)
        full = integrity == "full" or (integrity == "auto" and not checked_before(path, header))
        connection = _open_raw(path)
        try:
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = tuple(
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            )
            if tables and app_id != APPLICATION_ID:
                raise ForeignDatabaseError(
                    f"{path.name} is a database of another program, not a Common Ground "
                    "team database. It was left unchanged."
                )
            pragma = "integrity_check" if full else "quick_check"
            result = "ok" if not tables else ", ".join(
                str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")
            )
            if full and result == "ok" and tables and integrity == "auto":
                remember_passed(path, header)
            written_by = decode_version(connection.execute("PRAGMA user_version").fetchone()[0])
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = revision[0] if revision else None
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY_ROLLBACK:
            raise _SaveToRollBack from error  # an interrupted save, not damage
        if fault_of(error) is Fault.BUSY:  # busy is not damaged: never offer to replace a busy file
            raise BusyError(
                f"{path.name} is busy: someone else is saving a large change. Try again in a "
                "moment; nothing was changed.") from error
        raise _damaged(path, error) from error
    except sqlite3.DatabaseError as error:
        raise _damaged(path, error) from error
    return FileReport(path, revision, state_of(revision), result, tables, _writable(path),
                      written_by)


def create_database(path: Path) -> Database:
    """Create a new, empty team file at ``path`` (which must not exist yet)."""
    if path.exists() and path.stat().st_size > 0:
        raise ForeignDatabaseError(f"{path.name} already exists; choose another name.")
    if not path.parent.is_dir():
        raise MissingDatabaseError(f"The folder {path.parent} does not exist.")
    # On a share the journal is truncated, never deleted, from the first save on: SMB
    # refuses for a moment to delete a file another computer has just had open.
    journal = JOURNAL_DELETE if share_of(path).kind.trusts_file_locks else JOURNAL_TRUNCATE
    creating = create_sqlite_engine(path, create=True, journal=journal)
    try:
        upgrade_to_head(creating)
    finally:
        creating.dispose()
    engine = create_sqlite_engine(path, journal=journal)
    return Database(str(path), engine, path=path, revision=read_revision_of(engine))


def open_read_only(path: Path, *, reason: str) -> Database:
    """Open a recognised file without any possibility of writing to it."""
    return Database(str(path), create_sqlite_engine(path, read_only=True), path=path,
                    read_only_reason=reason)


def read_revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return read_revision(connection)


def open_database(target: str | Path, *, create: bool = False, backup_root: Path | None = None,
                  break_stale_lease: bool = False, test_locking: bool = True,
                  share: Share | None = None) -> Database:
    """Open a team file (or a database URL), migrating it only when that is safe.

    ``backup_root`` is where the backup before a migration goes (the user's
    data folder by default); ``break_stale_lease`` takes over an edit lease
    whose holder stopped answering (ask the person first). ``share`` overrides
    the kind of folder read from the mount table (the benchmark's unsafe mode);
    ``test_locking=False`` skips the lock self-test on a local disk.
    """
    if is_url(target):
        return _open_server(str(target), create=create)
    path = Path(target).expanduser()
    share = share_of(path) if share is None else share
    if create and (not path.exists() or path.stat().st_size == 0):
        database = create_database(path)
        if share.kind.trusts_file_locks:
            return database
        database.dispose()  # on a share, opened again below: under the lease
    lease, holder, lease_refused = None, None, ""
    if not share.kind.trusts_file_locks:
        # One editor at a time: the lease comes first, since only its holder may roll back
        # a save that looks interrupted (on another computer it may be in progress).
        _check_header(path)
        if _writable(path):
            lease, holder, lease_refused = _take_lease(path, break_stale_lease, share)
        if lease is not None:
            try:
                _refresh_view(path)
            except BaseException:
                lease.release()
                raise
    try:
        if share.kind.trusts_file_locks or lease is not None:
            report = inspect_file(path)
        else:
            report = _inspect_beside_saves(path)
    except BaseException:
        if lease is not None:
            lease.release()
        raise
    if report.integrity != "ok":
        if lease is not None:
            lease.release()
        raise CorruptDatabaseError(
            f"{path.name} failed its integrity check ({report.integrity}). "
            "It was not opened, and nothing was written to it; restore it from a backup.",
            path=path,
        )
    if report.state is SchemaState.EMPTY:
        if lease is not None and (report.tables or not create):
            lease.release()
        if report.tables:
            raise ForeignDatabaseError(
                f"{path.name} is not a Common Ground team database. It was left unchanged."
            )
        if not create:
            raise NotADatabaseError(
                f"{path.name} is an empty database, not a Common Ground team database."
            )
    reason = _read_only_reason(report)
    warnings = [w for w in (cloud_sync_warning(path),) if w]
    locking = Locking.UNTESTED
    one_editor = ""
    if not share.kind.trusts_file_locks:
        one_editor = share_warning(share)
        reason = reason or lease_refused
    elif not reason and test_locking:
        locking = check_locking(path)
        if locking is Locking.BROKEN:
            one_editor = BROKEN_LOCKING_WARNING
        elif locking is not Locking.WORKS:  # a probe that could not run proves nothing
            one_editor = UNTESTED_LOCKING_WARNING
        if one_editor:
            lease, holder, reason = _take_lease(path, break_stale_lease, share)
    if one_editor and not (share.kind is ShareKind.CLOUD_SYNC and warnings):
        warnings.append(one_editor)  # a cloud folder's warning is said once
    if reason and lease is not None:
        lease.release()
        lease = None
    journal = JOURNAL_DELETE if share.kind.trusts_file_locks else JOURNAL_TRUNCATE
    engine = create_sqlite_engine(path, read_only=bool(reason), journal=journal)
    if report.state in (SchemaState.OLDER, SchemaState.EMPTY) and not reason:
        reason = _migrate(path, engine, report, backup_root)
        if reason:
            engine.dispose()
            engine = create_sqlite_engine(path, read_only=True)
            if lease is not None:
                lease.release()
                lease = None
    revision = (read_revision_of(engine) if share.kind.trusts_file_locks or lease is not None
                else _revision_beside_saves(engine))
    return Database(str(path), engine, path=path, revision=revision,
                    read_only_reason=reason, warnings=tuple(warnings), locking=locking,
                    share=share, lease=lease, lease_holder=holder)


def _revision_beside_saves(engine: Engine) -> str | None:
    """The schema revision, read again when the read met another computer's save."""
    from sqlalchemy.exc import DBAPIError

    for attempt in range(BESIDE_SAVES_ATTEMPTS):
        try:
            return read_revision_of(engine)
        except DBAPIError:
            if attempt == BESIDE_SAVES_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    return None


#: How often a reader on a share looks again at a file that seemed damaged while the
#: editor on another computer was saving.
BESIDE_SAVES_ATTEMPTS = 6


def _change_counter(path: Path) -> bytes:
    return header_of(path)[24:28]


def _inspect_beside_saves(path: Path) -> FileReport:
    """``inspect_file`` for a reader while someone else edits on another computer: no lock
    keeps their saves from this read, so a check that failed while the file changed (its
    change counter moved, or their journal was in use) is run again; only damage that
    stays put is damage. Never roll back: their save may be in progress."""
    for attempt in range(BESIDE_SAVES_ATTEMPTS):
        forget_cached_view(path)
        forget_cached_view(_journal_of(path))
        before = _change_counter(path)
        try:
            report = inspect_file(path, roll_back=False)
        except BusyError:
            if attempt == BESIDE_SAVES_ATTEMPTS - 1:
                raise
        except CorruptDatabaseError:
            if _change_counter(path) == before and not _hot_journal(path):
                raise  # it failed on a file that did not change meanwhile: damage
        else:
            if report.integrity == "ok" or (
                    _change_counter(path) == before and not _hot_journal(path)):
                return report  # sound, or failed on a file that did not change: damage
        time.sleep(0.2 * (attempt + 1))
    raise BusyError(
        f"{path.name} kept changing while this app read it: someone on another computer is "
        "saving one change after another. Try again in a moment; nothing was changed.")


def _take_lease(path: Path, break_stale: bool, share: Share
                ) -> tuple[leases.Lease | None, leases.LeaseInfo | None, str]:
    """The edit lease, or who holds it and why the file is read-only for this instance."""
    try:
        return leases.acquire(path, break_stale=break_stale,
                              as_folder=share.kind.lease_as_folder), None, ""
    except leases.LeaseHeldError as held:
        return None, held.info, (
            f"{held.message} This folder cannot keep two editors apart, so one person edits "
            "at a time; the file is open read-only for you.")
    except OSError as error:  # the share refused the lease file: no safe editing
        why = error.strerror or str(error)
        return None, None, (
            f"The edit lease beside {path.name} could not be written ({why}), "
            "and this folder cannot keep two editors apart without it, so the file "
            "is open read-only.")


BROKEN_LOCKING_WARNING = (
    "This folder does not lock files reliably, so two people saving at once could damage "
    "the team file. To keep it safe, one person edits at a time; the others can read.")
UNTESTED_LOCKING_WARNING = (
    "The app could not test whether this folder locks files reliably, so it assumes it does "
    "not: to keep the team file safe, one person edits at a time; the others can read.")


def share_warning(share: Share) -> str:
    """Why a file on this kind of folder is edited by one person at a time."""
    if share.kind is ShareKind.CLOUD_SYNC:
        return (f"This file is in a cloud-sync folder ({share.fstype or 'synced by a client'}),"
                " which copies files between computers behind the app's back, so two people's "
                "changes could overwrite each other. To keep it safe, one person edits at a "
                "time; the others can read.")
    return (f"This file is on a network share ({share.describe()}) whose locks do not keep "
            "two computers apart, so two people saving at once could lose changes or damage "
            "the file. To keep it safe, one person edits at a time; the others can read.")


class _MigrationBlocked(DatabaseError):
    pass


def _live_others(connection) -> list[str]:  # noqa: ANN001 - Connection
    from sqlalchemy import inspect as inspect_schema

    from db.instances import live_instances

    if not inspect_schema(connection).has_table("running_instances"):
        return []
    return [i.person_name or f"someone on {i.host}" for i in live_instances(connection)]


def _blocked_reason(names: list[str]) -> str:
    return (f"This file needs an upgrade to this version of Common Ground, and {len(names)} "
            f"other {'person has' if len(names) == 1 else 'people have'} it open "
            f"({', '.join(names)}). It is open read-only until nobody else has it open; "
            "then open it again to upgrade it.")


def _migrate(path: Path, engine: Engine, report: FileReport, backup_root: Path | None) -> str:
    """Back up, then migrate while nobody else is live; returns why not, if it did not."""
    if report.state is SchemaState.OLDER:
        with engine.connect() as connection:
            others = _live_others(connection)
        if others:
            return _blocked_reason(others)
        try:
            take_backup(path, reason="before-upgrade", root=backup_root)
        except (BackupError, OSError) as error:
            return (f"This file needs an upgrade, but it could not be backed up first "
                    f"({getattr(error, 'message', error)}), so it was not upgraded and is "
                    "open read-only.")

    def guard(connection) -> None:  # noqa: ANN001 - checked again under the write lock
        if read_revision(connection) in (None, HEAD_REVISION):
            return
        others = _live_others(connection)
        if others:
            raise _MigrationBlocked(_blocked_reason(others))

    try:
        upgrade_to_head(engine, guard)
    except _MigrationBlocked as blocked:
        return blocked.message
    return ""


def _read_only_reason(report: FileReport) -> str:
    if report.state is SchemaState.NEWER:
        needed = (f"version {report.written_by} or later" if report.written_by
                  else "a newer version")
        return (
            f"This file was saved by a newer version of Common Ground (schema "
            f"{report.revision}). Install Common Ground {needed} to edit it; until then it "
            "is read-only."
        )
    if not report.writable:
        return "You cannot write to this file or its folder, so it is open read-only."
    return ""


def _open_server(url: str, *, create: bool) -> Database:
    """A database server: the same models and migrations, its own locking and backups."""
    from sqlalchemy.exc import OperationalError

    engine = create_server_engine(url)
    try:
        revision = read_revision_of(engine)
    except OperationalError as error:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise DatabaseError(f"Could not reach the database at {where}: "
                            f"{str(error.orig).strip().splitlines()[0]}") from error
    state = state_of(revision)
    reason = ""
    if state is SchemaState.NEWER:
        reason = (f"This database was written by a newer version of Common Ground "
                  f"(schema {revision}); it is open read-only.")
    elif state is SchemaState.EMPTY and not create:
        raise NotADatabaseError("That database holds no Common Ground team yet.")
    elif state is not SchemaState.CURRENT:
        with engine.connect() as connection:
            others = _live_others(connection) if state is SchemaState.OLDER else []
        reason = _blocked_reason(others) if others else ""
        if not reason:
            try:
                upgrade_to_head(engine, _server_guard)
            except _MigrationBlocked as blocked:
                reason = blocked.message
    return Database(url, engine, revision=read_revision_of(engine), read_only_reason=reason)


def _server_guard(connection) -> None:  # noqa: ANN001 - Connection
    """One migration at a time on a server too: a transaction-scoped advisory lock."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({APPLICATION_ID})")
    if read_revision(connection) in (None, HEAD_REVISION):
        return
    others = _live_others(connection)
    if others:
        raise _MigrationBlocked(_blocked_reason(others))


def row_counts(database: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    with database.read_session() as session:
        for name, table in sorted(Base.metadata.tables.items()):
            counts[name] = session.execute(select(func.count()).select_from(table)).scalar_one()
    return counts

