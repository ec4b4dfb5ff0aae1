"""Writes one change-log row per changed record, inside the same transaction.

Hooked on the session's flush, so no service can forget it: whoever changes a
row through the ORM leaves its trace (who, what, when, which fields).

An update's ``changes`` also hold ``version: [before, after]`` when the row's
version moved, so a later save based on an older version can tell which
fields others changed since (``db.versioning`` merges on that).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from db.enums import ChangeOperation
from db.models import ChangeLogEntry, utcnow

_SKIPPED_FIELDS = {"version", "created_at", "updated_at"}
VERSION_KEY = "version"
_VERSIONS_BEFORE = "changelog_versions_before"


class TeamSession(Session):
    """A session whose flushes are logged; ``info["person_id"]`` is the author."""


def plain_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    describe = getattr(value, "describe", None)
    return describe() if callable(describe) else str(value)


def _is_logged(obj: object) -> bool:
    return callable(getattr(obj, "describe", None)) and getattr(obj, "logged", True)


def _field_changes(obj: object) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for attr in inspect(obj).attrs:
        if attr.key in _SKIPPED_FIELDS:
            continue
        history = attr.history
        if not history.has_changes():
            continue
        old = list(history.deleted) if history.deleted else [None]
        new = list(history.added) if history.added else [None]
        if len(old) == 1 and len(new) == 1:
            changes[attr.key] = [plain_value(old[0]), plain_value(new[0])]
        else:
            changes[attr.key] = [plain_value(history.deleted), plain_value(history.added)]
    return changes


def _with_version(obj: Any, before: dict[int, int], changes: dict[str, list[Any]]
                  ) -> dict[str, list[Any]]:
    old = before.get(id(obj))
    new = getattr(obj, "version", None)
    if old is not None and new is not None and new != old:
        return {**changes, VERSION_KEY: [old, new]}
    return changes


def _operation(changes: dict[str, list[Any]]) -> ChangeOperation:
    if "deleted_at" in changes:
        old, new = changes["deleted_at"]
        if old is None and new is not None:
            return ChangeOperation.TRASH
        if old is not None and new is None:
            return ChangeOperation.RESTORE
    return ChangeOperation.UPDATE


def _entry(obj: Any, operation: ChangeOperation, person_id: int | None,
           changes: dict[str, list[Any]]) -> dict[str, Any]:
    table = obj.__tablename__
    row_id = inspect(obj).identity[0] if inspect(obj).identity else getattr(obj, "id", 0)
    return {
        "table_name": table,
        "row_id": int(row_id),
        "operation": operation,
        "person_id": person_id,
        "changed_at": utcnow(),
        "summary": f"{operation.value} {table.replace('_', ' ')} '{obj.describe()}'",
        "changes": changes,
    }


@event.listens_for(TeamSession, "before_flush")
def _remember_versions(session: Session, _context: object, _instances: object) -> None:
    session.info[_VERSIONS_BEFORE] = {
        id(obj): obj.version for obj in session.dirty if getattr(obj, "version", None) is not None}


@event.listens_for(TeamSession, "after_flush")
def _log_flush(session: Session, _context: object) -> None:
    person_id = session.info.get("person_id")
    versions_before: dict[int, int] = session.info.pop(_VERSIONS_BEFORE, {})
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if _is_logged(obj):
            rows.append(_entry(obj, ChangeOperation.INSERT, person_id, {}))
    for obj in session.dirty:
        if not _is_logged(obj) or not session.is_modified(obj):
            continue
        changes = _field_changes(obj)
        if changes:
            changes = _with_version(obj, versions_before, changes)
            rows.append(_entry(obj, _operation(changes), person_id, changes))
    for obj in session.deleted:
        if _is_logged(obj):
            rows.append(_entry(obj, ChangeOperation.DELETE, person_id, {}))
    if rows:
        session.connection().execute(insert(ChangeLogEntry), rows)
