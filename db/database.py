"""Opening a team database: what the file is, whether it may be written, and why not.

Nothing here writes to a file before it has been recognised as a Common
Ground database (or as a new, empty one the person asked to create), and
passed its integrity check. Then, before anything is written:

- a file or folder that cannot be written, or a schema newer than the app's,
  opens read-only with the reason;
- the folder's locking is tested (``db.locking``); where it does not work,
  one person edits at a time under a lease file (``db.lease``);
- an older schema is backed up, then migrated, but only while no other
  instance is live, inside one transaction that holds the write lock.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import sessionmaker

from db import lease as leases
from db.backup import take_backup
from db.changelog import TeamSession
from db.engine import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    create_server_engine,
    create_sqlite_engine,
    is_url,
)
from db.errors import (
    BackupError,
    BusyError,
    CorruptDatabaseError,
    DatabaseError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NotADatabaseError,
    is_lock_error,
)
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
    def display_name(self) -> str:
        return self.path.name if self.path else self.engine.url.render_as_string(hide_password=True)

    def read_session(self) -> TeamSession:
        return self._read_sessions()

    def write_session(self) -> TeamSession:
        return self._write_sessions()

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


def _roll_back_interrupted_save(path: Path, header: bytes) -> None:
    """A save cut off by a crash leaves a "hot" journal beside the file, which only a
    connection that may write can roll back (a read-only one reports "attempt to write a
    readonly database"). For a file of ours, do what SQLite does on any open: roll it back.
    """
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
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


def inspect_file(path: Path, *, integrity: str = "quick") -> FileReport:
    """Recognise a team file without writing to it; raise a plain-language error if it is not one."""
    try:
        return _inspect_file(path, integrity)
    except PermissionError as error:  # the system refused this person the file or its folder
        raise DatabaseError(
            f"You do not have permission to read {path.name}. Ask whoever looks after "
            f"the folder {path.parent} to give you access; nothing was changed.") from error


def _inspect_file(path: Path, integrity: str) -> FileReport:
    if not path.exists():
        raise MissingDatabaseError(f"There is no file at {path}.")
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a team database file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        if not header:
            raise NotADatabaseError(f"{path.name} is empty: it is not a Common Ground team database.")
        raise NotADatabaseError(f"{path.name} is not a Common Ground team database (it is not a SQLite file).")
    try:
        _roll_back_interrupted_save(path, header_of(path))
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
            pragma = "quick_check" if integrity == "quick" else "integrity_check"
            result = "ok" if not tables else ", ".join(
                str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")
            )
            written_by = decode_version(connection.execute("PRAGMA user_version").fetchone()[0])
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = revision[0] if revision else None
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if is_lock_error(error):  # busy is not damaged: never offer to replace a busy file
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
    engine = create_sqlite_engine(path)
    upgrade_to_head(engine)
    return Database(str(path), engine, path=path, revision=read_revision_of(engine))


def open_read_only(path: Path, *, reason: str) -> Database:
    """Open a recognised file without any possibility of writing to it."""
    return Database(str(path), create_sqlite_engine(path, read_only=True), path=path,
                    read_only_reason=reason)


def read_revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return read_revision(connection)


def open_database(target: str | Path, *, create: bool = False, backup_root: Path | None = None,
                  break_stale_lease: bool = False, test_locking: bool = True) -> Database:
    """Open a team file (or a database URL), migrating it only when that is safe.

    ``backup_root`` is where the backup before a migration goes (the user's
    data folder by default); ``break_stale_lease`` takes over an edit lease
    whose holder stopped answering (ask the person first).
    """
    if is_url(target):
        return _open_server(str(target), create=create)
    path = Path(target).expanduser()
    if create and (not path.exists() or path.stat().st_size == 0):
        return create_database(path)
    report = inspect_file(path)
    if report.integrity != "ok":
        raise CorruptDatabaseError(
            f"{path.name} failed its integrity check ({report.integrity}). "
            "It was not opened, and nothing was written to it; restore it from a backup.",
            path=path,
        )
    if report.state is SchemaState.EMPTY:
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
    locking, lease, holder = Locking.UNTESTED, None, None
    if not reason and test_locking:
        locking = check_locking(path)
        if locking is Locking.BROKEN:
            warnings.append(BROKEN_LOCKING_WARNING)
            try:
                lease = leases.acquire(path, break_stale=break_stale_lease)
            except leases.LeaseHeldError as held:
                holder = held.info
                reason = (f"{held.message} This folder cannot keep two editors apart, so "
                          "one person edits at a time; the file is open read-only for you.")
    engine = create_sqlite_engine(path, read_only=bool(reason))
    if report.state in (SchemaState.OLDER, SchemaState.EMPTY) and not reason:
        reason = _migrate(path, engine, report, backup_root)
        if reason:
            engine.dispose()
            engine = create_sqlite_engine(path, read_only=True)
            if lease is not None:
                lease.release()
                lease = None
    return Database(str(path), engine, path=path, revision=read_revision_of(engine),
                    read_only_reason=reason, warnings=tuple(warnings), locking=locking,
                    lease=lease, lease_holder=holder)


BROKEN_LOCKING_WARNING = (
    "This folder does not lock files reliably, so two people saving at once could damage "
    "the team file. To keep it safe, one person edits at a time; the others can read.")


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


def ping(database: Database) -> None:
    with database.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
