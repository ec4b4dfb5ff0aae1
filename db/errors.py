"""Typed errors of the persistence layer, each with a plain-language message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def is_lock_error(error: BaseException) -> bool:
    """SQLite's "database is locked" / "busy": someone else holds the file for a moment."""
    text = str(error).lower()
    return "locked" in text or "busy" in text


#: SQLite's extended codes for a share that failed one file operation for a moment:
#: removing or truncating the journal, taking or giving up a lock, asking whether a
#: file exists. Seen on SMB shares when another client has the journal open.
TRANSIENT_SHARE_ERRORS = frozenset({
    "SQLITE_IOERR_DELETE", "SQLITE_IOERR_TRUNCATE", "SQLITE_IOERR_LOCK", "SQLITE_IOERR_UNLOCK",
    "SQLITE_IOERR_RDLOCK", "SQLITE_IOERR_CHECKRESERVEDLOCK", "SQLITE_IOERR_ACCESS",
    "SQLITE_IOERR_FSTAT", "SQLITE_IOERR_CLOSE", "SQLITE_IOERR_DIR_CLOSE"})


def sqlite_error_name(error: BaseException | None) -> str:
    """SQLite's extended error name (``SQLITE_IOERR_DELETE``) of an error or its cause."""
    seen = 0
    while error is not None and seen < 5:
        name = getattr(error, "sqlite_errorname", None)
        if name:
            return str(name)
        error = getattr(error, "orig", None) or error.__cause__
        seen += 1
    return ""


def is_transient_share_error(error: BaseException) -> bool:
    return sqlite_error_name(error) in TRANSIENT_SHARE_ERRORS


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


class DatabaseError(Exception):
    """Base of every error the app explains to a person instead of crashing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


class NewerSchemaError(DatabaseError):
    pass


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
