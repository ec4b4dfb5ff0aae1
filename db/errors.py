"""Typed errors of the persistence layer, each with a plain-language message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def is_lock_error(error: BaseException) -> bool:
    """SQLite's "database is locked" / "busy": someone else holds the file for a moment."""
    text = str(error).lower()
    return "locked" in text or "busy" in text


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
