"""Optimistic concurrency: compare the version a person saw with the stored one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from db.errors import ConflictError
from db.changelog import plain_value


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, Any]:
    return {name: plain_value(getattr(obj, name)) for name in fields}


def expect_version(obj: Any, table: str, row_id: int, seen_version: int,
                   attempted: dict[str, Any]) -> None:
    """Raise ``ConflictError`` with both sides when ``obj`` moved past ``seen_version``."""
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise ConflictError(table, row_id, 0, {}, attempted, deleted=True)
    if obj.version != seen_version:
        raise ConflictError(
            table, row_id, obj.version, snapshot(obj, attempted), attempted
        )
