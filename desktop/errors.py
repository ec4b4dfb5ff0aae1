"""Errors a person sees, in plain language; the database's own are re-exported here
so the interface depends on ``desktop`` alone."""

from __future__ import annotations

from db.errors import (
    BusyError,
    ConflictError,
    CorruptDatabaseError,
    DatabaseError,
    ExplainedError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NotADatabaseError,
    ReadOnlyError,
)


class ValidationError(ExplainedError):
    """Input the app refuses, with what to change; ``field`` names the culprit."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ExplainedError):
    """The record was deleted (by someone else) before this change reached it."""


class Cancelled(ExplainedError):
    """The person stopped long work (an import, a report) before it was done."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


__all__ = [
    "BusyError",
    "Cancelled",
    "ConflictError",
    "CorruptDatabaseError",
    "DatabaseError",
    "ExplainedError",
    "ForeignDatabaseError",
    "MissingDatabaseError",
    "NotADatabaseError",
    "NotFoundError",
    "ReadOnlyError",
    "ValidationError",
]
