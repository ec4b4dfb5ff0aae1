"""The change log read three ways: the activity feed, a record's history, and the poll.

Every change writes a change-log row in its own transaction (``db.changelog``),
so the same rows tell who changed what and when, and, by their rising ids,
what changed since an instance last looked: ``poll_changes`` is one small
query on ``max(id)`` while nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from db import models as m
from db.changelog import VERSION_KEY
from db.enums import ChangeOperation
from db.unit_of_work import UnitOfWork

#: The areas of the work, and the tables whose rows belong to each.
AREA_TABLES: dict[str, tuple[str, ...]] = {
    "goals": ("goals", "goal_measurements"),
    "board": ("cards", "campaigns", "card_tags"),
    "meetings": ("meetings", "action_items", "meeting_attendees"),
    "events": ("team_events", "event_attendees"),
    "stories": ("customers", "story_requests", "communications", "placements"),
    "results": ("metric_records", "import_batches", "import_profiles"),
    "team": ("people", "team_settings"),
}
OTHER_AREA = "other"
FEED_LIMIT = 500


def area_of(table: str) -> str:
    return next((area for area, tables in AREA_TABLES.items() if table in tables), OTHER_AREA)


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Activity:
    id: int
    changed_at: datetime  # naive UTC
    person_id: int | None
    person_name: str
    area: str
    table: str
    row_id: int
    operation: ChangeOperation
    summary: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ChangeBatch:
    """What changed since an instance last looked; ``reset`` when the log went backwards
    (the file was restored from a backup), so everything must be reloaded."""

    latest_id: int
    tables: frozenset[str]
    reset: bool = False

    @property
    def areas(self) -> frozenset[str]:
        return frozenset(area_of(t) for t in self.tables)


def _field_changes(changes: dict[str, Any] | None) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, pair[0], pair[1])
                 for name, pair in sorted((changes or {}).items())
                 if name != VERSION_KEY and isinstance(pair, list) and len(pair) == 2)


def _query():  # noqa: ANN202 - a Select
    entry = m.ChangeLogEntry
    return (select(entry, m.Person.name)
            .outerjoin(m.Person, m.Person.id == entry.person_id)
            .order_by(entry.id.desc()))


def _to_activity(entry: m.ChangeLogEntry, name: str | None) -> Activity:
    return Activity(entry.id, entry.changed_at, entry.person_id, name or "",
                    area_of(entry.table_name), entry.table_name, entry.row_id,
                    ChangeOperation(entry.operation), entry.summary,
                    _field_changes(entry.changes))


def list_activity(uow: UnitOfWork, *, person_id: int | None = None, area: str | None = None,
                  limit: int = FEED_LIMIT) -> list[Activity]:
    """Who changed what, newest first, optionally one person's or one area's."""
    query = _query().limit(limit)
    if person_id is not None:
        query = query.where(m.ChangeLogEntry.person_id == person_id)
    if area is not None:
        tables = AREA_TABLES.get(area)
        if tables is None:
            known = [t for ts in AREA_TABLES.values() for t in ts]
            query = query.where(m.ChangeLogEntry.table_name.not_in(known))
        else:
            query = query.where(m.ChangeLogEntry.table_name.in_(tables))
    with uow.read() as session:
        return [_to_activity(entry, name) for entry, name in session.execute(query)]


def record_history(uow: UnitOfWork, table: str, row_id: int) -> list[Activity]:
    """Every change to one record, newest first."""
    query = _query().where(m.ChangeLogEntry.table_name == table,
                           m.ChangeLogEntry.row_id == row_id)
    with uow.read() as session:
        return [_to_activity(entry, name) for entry, name in session.execute(query)]


def latest_change_id(uow: UnitOfWork) -> int:
    with uow.read() as session:
        return session.scalar(select(func.max(m.ChangeLogEntry.id))) or 0


def poll_changes(uow: UnitOfWork, seen_id: int) -> ChangeBatch | None:
    """None while nothing changed since ``seen_id`` (one query); else what changed."""
    with uow.read() as session:
        latest = session.scalar(select(func.max(m.ChangeLogEntry.id))) or 0
        if latest == seen_id:
            return None
        if latest < seen_id:
            return ChangeBatch(latest, frozenset(), reset=True)
        tables = session.scalars(select(m.ChangeLogEntry.table_name).distinct()
                                 .where(m.ChangeLogEntry.id > seen_id))
        return ChangeBatch(latest, frozenset(tables))
