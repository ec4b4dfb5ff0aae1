"""Opening a team database: what the file is, whether it may be written, and why not.

Nothing here writes to a file before it has been recognised as a Common
Ground database (or as a new, empty one the person asked to create).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import sessionmaker

from db.changelog import TeamSession
from db.engine import (
    APPLICATION_ID,
    create_server_engine,
    create_sqlite_engine,
    is_url,
)
from db.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NotADatabaseError,
)
from db.models import Base
from db.schema import SchemaState, read_revision, state_of, upgrade_to_head

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


@dataclass
class Database:
    """An open team database: its engine, its session factories and its limits."""

    target: str
    engine: Engine
    path: Path | None = None
    revision: str | None = None
    read_only_reason: str = ""
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
        self.engine.dispose()


def _open_raw(path: Path) -> sqlite3.Connection:
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=5.0)


def _writable(path: Path) -> bool:
    # The rollback journal is created beside the file, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def inspect_file(path: Path, *, integrity: str = "quick") -> FileReport:
    """Recognise a team file without writing to it; raise a plain-language error if it is not one."""
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
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = revision[0] if revision else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(
            f"{path.name} is damaged and cannot be read ({error}). Restore it from a backup."
        ) from error
    return FileReport(path, revision, state_of(revision), result, tables, _writable(path))


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


def open_database(target: str | Path, *, create: bool = False) -> Database:
    """Open a team file (or a database URL), migrating it only when that is safe."""
    if is_url(target):
        return _open_server(str(target), create=create)
    path = Path(target).expanduser()
    if create and (not path.exists() or path.stat().st_size == 0):
        return create_database(path)
    report = inspect_file(path)
    if report.integrity != "ok":
        raise CorruptDatabaseError(
            f"{path.name} failed its integrity check ({report.integrity}). "
            "It was not opened for writing; restore it from a backup."
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
    engine = create_sqlite_engine(path, read_only=bool(reason))
    if report.state in (SchemaState.OLDER, SchemaState.EMPTY) and not reason:
            upgrade_to_head(engine)
    return Database(str(path), engine, path=path, revision=read_revision_of(engine),
                    read_only_reason=reason)


def _read_only_reason(report: FileReport) -> str:
    if report.state is SchemaState.NEWER:
        return (
            f"This file was saved by a newer version of Common Ground (schema "
            f"{report.revision}). Update the app to edit it; until then it is read-only."
        )
    if not report.writable:
        return "You cannot write to this file or its folder, so it is open read-only."
    return ""


def _open_server(url: str, *, create: bool) -> Database:
    engine = create_server_engine(url)
    revision = read_revision_of(engine)
    state = state_of(revision)
    reason = ""
    if state is SchemaState.NEWER:
        reason = (f"This database was written by a newer version of Common Ground "
                  f"(schema {revision}); it is open read-only.")
    elif state is SchemaState.EMPTY and not create:
        raise NotADatabaseError("That database holds no Common Ground team yet.")
    elif state is not SchemaState.CURRENT:
        upgrade_to_head(engine)
    return Database(url, engine, revision=read_revision_of(engine), read_only_reason=reason)


def row_counts(database: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    with database.read_session() as session:
        for name, table in sorted(Base.metadata.tables.items()):
            counts[name] = session.execute(select(func.count()).select_from(table)).scalar_one()
    return counts


def ping(database: Database) -> None:
    with database.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
