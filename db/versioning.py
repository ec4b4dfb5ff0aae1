"""Optimistic concurrency: compare the version a person saw with the stored one.

When the stored version has moved on, the change log tells which fields the
others changed since the version the person saw. If the person changed other
fields only, the save goes through as a merge: their fields keep the stored
values (restored just before the flush, whatever the service assigned) and
the person's fields take the new values. Only when both sides changed the same
field, or the history cannot tell, is a ``ConflictError`` raised, with both
sides and the fields each side changed, so the person can pick per field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, object_session

from db.changelog import VERSION_KEY, TeamSession, plain_value
from db.errors import ConflictError
from db.models import ChangeLogEntry, Person

_MERGES = "versioning_merges"


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, Any]:
    """Plain values of ``fields`` that are columns of ``obj`` (others are left out)."""
    columns = {attr.key for attr in inspect(obj).mapper.column_attrs}
    return {name: plain_value(getattr(obj, name)) for name in fields if name in columns}


def changed_since(session: Session, table: str, row_id: int, seen_version: int,
                  current_version: int) -> dict[str, Any] | None:
    """Fields changed after ``seen_version``, each with the value it had then.

    None when the log does not account for every version in between (an old
    file, or a change made outside the app): then nothing can be merged safely.
    """
    query = (select(ChangeLogEntry.changes)
             .where(ChangeLogEntry.table_name == table, ChangeLogEntry.row_id == row_id)
             .order_by(ChangeLogEntry.id))
    before: dict[str, Any] = {}
    covered: set[int] = set()
    for changes in session.scalars(query):
        step = (changes or {}).get(VERSION_KEY)
        if not step or int(step[1]) <= seen_version:
            continue
        covered.add(int(step[1]))
        for name, (old, _new) in changes.items():
            if name != VERSION_KEY:
                before.setdefault(name, old)
    if covered != set(range(seen_version + 1, current_version + 1)):
        return None
    return before


def name_last_saver(session: Session, conflict: ConflictError) -> None:
    """Fill in who saved the record last and when, from its newest change-log row."""
    newest = session.execute(
        select(Person.name, ChangeLogEntry.changed_at)
        .select_from(ChangeLogEntry).outerjoin(Person, Person.id == ChangeLogEntry.person_id)
        .where(ChangeLogEntry.table_name == conflict.table,
               ChangeLogEntry.row_id == conflict.row_id)
        .order_by(ChangeLogEntry.id.desc()).limit(1)).first()
    if newest is not None:
        conflict.saved_by, conflict.saved_at = newest[0] or "", newest[1]


def expect_version(obj: Any, table: str, row_id: int, seen_version: int,
                   attempted: dict[str, Any]) -> None:
    """Let a save based on ``seen_version`` through, merged if others changed other fields.

    Raises ``ConflictError`` with both sides when ``obj`` is gone, or when the
    others changed a field this save changes too (or the history cannot tell).
    """
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise ConflictError(table, row_id, 0, {}, attempted, deleted=True)
    if obj.version == seen_version:
        return
    session = object_session(obj)
    stored = snapshot(obj, attempted)
    mine = {name: plain_value(value) for name, value in attempted.items()}
    since = changed_since(session, table, row_id, seen_version, obj.version) if session else None
    if since is None or set(mine) - set(stored):
        raise ConflictError(table, row_id, obj.version, stored, attempted,
                            theirs_changed=tuple(sorted(stored)))
    base = {name: since.get(name, stored[name]) for name in stored}
    theirs = {name for name in stored if stored[name] != base[name]}
    changed_by_me = {name for name in mine if mine[name] != base[name]}
    clashes = theirs & changed_by_me  # even to the same value: a counter bumped twice
    if clashes:
        raise ConflictError(table, row_id, obj.version, stored, attempted,
                            theirs_changed=tuple(sorted(theirs)),
                            mine_changed=tuple(sorted(changed_by_me)), base=base)
    keep = {name: getattr(obj, name) for name in theirs - changed_by_me}
    session.info.setdefault(_MERGES, []).append((obj, keep))


@event.listens_for(TeamSession, "before_flush")
def _keep_their_fields(session: Session, _context: object, _instances: object) -> None:
    """A merged save keeps what the others saved in the fields this person left alone."""
    for obj, keep in session.info.pop(_MERGES, []):
        for name, value in keep.items():
            setattr(obj, name, value)
