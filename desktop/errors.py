"""Errors a person sees, in plain language; the database's own are re-exported here
so the interface depends on ``desktop`` alone."""

from __future__ import annotations

from db.errors import (
    BusyError,
    ConflictError,
    CorruptDatabaseError,
    DatabaseError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
)


class ValidationError(DatabaseError):
    """Input the app refuses, with what to change; ``field`` names the culprit."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(DatabaseError):
    pass


__all__ = [
    "BusyError",
    "ConflictError",
    "CorruptDatabaseError",
    "DatabaseError",
    "ForeignDatabaseError",
    "MissingDatabaseError",
    "NewerSchemaError",
    "NotADatabaseError",
    "NotFoundError",
    "ReadOnlyError",
    "ValidationError",
]
