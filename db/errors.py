"""Typed errors of the persistence layer, each with a plain-language message."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any


class Fault(Enum):
    """What went wrong with the file, as the database's own error code says."""

    BUSY = "busy"  # someone else holds the lock
    SHARE_HICCUP = "share hiccup"  # the share failed one file operation for a moment
    FULL = "full"
    READ_ONLY = "read-only"
    UNREACHABLE = "unreachable"  # an I/O error, the file or its folder cannot be opened
    DAMAGED = "damaged"
    CONSTRAINT = "constraint"
    OTHER = "other"


#: SQLite's extended codes for a share that failed one file operation for a moment:
#: removing or truncating the journal, taking or giving up a lock, asking whether a
#: file exists. Seen on SMB shares when another client has the journal open.
TRANSIENT_SHARE_ERRORS = frozenset({
    "SQLITE_IOERR_DELETE", "SQLITE_IOERR_TRUNCATE", "SQLITE_IOERR_LOCK", "SQLITE_IOERR_UNLOCK",
    "SQLITE_IOERR_RDLOCK", "SQLITE_IOERR_CHECKRESERVEDLOCK", "SQLITE_IOERR_ACCESS",
    "SQLITE_IOERR_FSTAT", "SQLITE_IOERR_CLOSE", "SQLITE_IOERR_DIR_CLOSE"})
_TRANSIENT_CODES = frozenset(getattr(sqlite3, name) for name in TRANSIENT_SHARE_ERRORS
                             if hasattr(sqlite3, name))

#: SQLite's primary result codes (the low byte of an extended code).
_SQLITE_FAULTS = {
    sqlite3.SQLITE_BUSY: Fault.BUSY, sqlite3.SQLITE_LOCKED: Fault.BUSY,
    sqlite3.SQLITE_FULL: Fault.FULL, sqlite3.SQLITE_READONLY: Fault.READ_ONLY,
    sqlite3.SQLITE_IOERR: Fault.UNREACHABLE, sqlite3.SQLITE_CANTOPEN: Fault.UNREACHABLE,
    sqlite3.SQLITE_CORRUPT: Fault.DAMAGED, sqlite3.SQLITE_NOTADB: Fault.DAMAGED,
    sqlite3.SQLITE_CONSTRAINT: Fault.CONSTRAINT,
}

#: PostgreSQL's SQLSTATE codes (psycopg's ``sqlstate``), by their class where that says it.
_SQLSTATE_FAULTS = {
    "40001": Fault.BUSY, "40P01": Fault.BUSY, "55P03": Fault.BUSY,  # serialization, deadlock
    "53100": Fault.FULL, "25006": Fault.READ_ONLY, "XX001": Fault.DAMAGED,
    "XX002": Fault.DAMAGED,
}
_SQLSTATE_CLASSES = {"08": Fault.UNREACHABLE, "23": Fault.CONSTRAINT, "53": Fault.FULL}


def _causes(error: BaseException | None) -> Iterator[BaseException]:
    """The error, the driver's error SQLAlchemy wraps (``orig``), and their causes."""
    seen = 0
    while error is not None and seen < 6:
        yield error
        error = getattr(error, "orig", None) or error.__cause__
        seen += 1


def fault_of(error: BaseException) -> Fault:
    """Classify by SQLite's extended error code or PostgreSQL's SQLSTATE, never by wording."""
    for cause in _causes(error):
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(code, int):
            if code in _TRANSIENT_CODES:
                return Fault.SHARE_HICCUP
            return _SQLITE_FAULTS.get(code & 0xFF, Fault.OTHER)
        state = getattr(cause, "sqlstate", None)
        if isinstance(state, str) and state:
            return _SQLSTATE_FAULTS.get(state) or _SQLSTATE_CLASSES.get(state[:2], Fault.OTHER)
        if isinstance(cause, OSError):
            return Fault.UNREACHABLE
    return Fault.OTHER


def sqlite_error_name(error: BaseException | None) -> str:
    """SQLite's extended error name (``SQLITE_IOERR_DELETE``) of an error or its cause."""
    for cause in _causes(error):
        name = getattr(cause, "sqlite_errorname", None)
        if name:
            return str(name)
    return ""


def share_error_words(name: str) -> str:
    """What the share refused, in a person's words, by SQLite's error name."""
    if name in ("SQLITE_IOERR_DELETE", "SQLITE_IOERR_TRUNCATE"):
        return ("the network folder would not let the app finish the save (it refused to "
                "remove the save's journal file, which happens when another computer has "
                "it open at that moment)")
    if name in ("SQLITE_IOERR_LOCK", "SQLITE_IOERR_UNLOCK", "SQLITE_IOERR_RDLOCK",
                "SQLITE_IOERR_CHECKRESERVEDLOCK"):
        return "the network folder failed to lock the team file for a moment"
    return "the network folder failed a file operation for a moment"


class ExplainedError(Exception):
    """Base of every error the app explains to a person instead of crashing:
    ``message`` says what happened and what to do, in plain language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseError(ExplainedError):
    """The file could not be read or written as asked."""


class MissingDatabaseError(DatabaseError):
    pass


class NotADatabaseError(DatabaseError):
    pass


class ForeignDatabaseError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    """The file failed its integrity check or cannot be read; ``path`` says which file."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class ReadOnlyError(DatabaseError):
    pass


class BusyError(DatabaseError):
    pass


class ShareRefusedError(BusyError):
    """The share failed an operation for a moment (after retries): nothing was saved,
    and trying again is the remedy, as for a busy file."""


class DiskFullError(DatabaseError):
    pass


class BackupError(DatabaseError):
    pass


@dataclass
class ConflictError(DatabaseError):
    """Someone saved the same record since it was read.

    ``stored`` holds the values now in the database, ``attempted`` the values
    this save tried to write, so the person can see both sides and choose.
    ``theirs_changed`` and ``mine_changed`` name the fields each side changed
    since the version the person saw, when the change log could tell (then
    ``base`` holds the values that version had). ``saved_by`` and ``saved_at``
    (naive UTC) name who saved the stored version and when, as the log says.
    """

    table: str
    row_id: int
    stored_version: int
    stored: dict[str, Any] = field(default_factory=dict)
    attempted: dict[str, Any] = field(default_factory=dict)
    deleted: bool = False
    theirs_changed: tuple[str, ...] = ()
    mine_changed: tuple[str, ...] = ()
    base: dict[str, Any] = field(default_factory=dict)
    saved_by: str = ""
    saved_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.deleted:
            text = "Someone else deleted this record while you were editing it."
        else:
            text = "Someone else saved this record while you were editing it."
        DatabaseError.__init__(self, text)

    def __str__(self) -> str:
        return self.message
