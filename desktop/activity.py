"""The change log read three ways: the activity feed, a record's history, and the poll.

Every change writes a change-log row in its own transaction (``db.changelog``),
so the same rows tell who changed what and when, and, by their rising ids,
what changed since an instance last looked: ``poll_changes`` is one small
query on ``max(id)`` while nothing changed. Each entry comes with its sentence
(``desktop.activity_words``); the names it needs are read in a few queries per
feed, not per entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from db import models as m
from db.changelog import VERSION_KEY
from db.enums import ChangeOperation
from db.unit_of_work import UnitOfWork
from desktop import activity_words as words

#: The areas of the work, and the tables whose rows belong to each.
AREA_TABLES: dict[str, tuple[str, ...]] = {
    "goals": ("goals", "goal_measurements"),
    "board": ("cards", "campaigns", "card_tags"),
    "meetings": ("meetings", "action_items", "meeting_attendees"),
    "events": ("team_events", "event_attendees"),
    "stories": ("customers", "story_requests", "communications", "placements"),
    "media": ("outlets", "media_contacts", "pitches", "pitch_recipients", "pitch_materials",
              "coverage_links", "materials", "card_materials", "media_name_links",
              "industry_events", "submissions", "submission_speakers"),
    "results": ("metric_records", "import_batches", "import_profiles"),
    "listening": ("signals", "intent_rules", "account_identifiers", "account_contacts",
                  "opportunities", "mentions"),
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
    title: str = ""  # the record's name when it was changed
    sentence: str = ""  # what the person did: "Priya Nair moved 'Survey' to Review"
    details: tuple[str, ...] = ()  # each changed field in words: "due date: none → 2026-09-01"


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
    """The log's rows as plain rows (no ORM objects: a feed reads a thousand)."""
    entry = m.ChangeLogEntry
    return (select(entry.id, entry.table_name, entry.row_id, entry.operation, entry.person_id,
                   entry.changed_at, entry.summary, entry.changes,
                   m.Person.name.label("person_name"))
            .outerjoin(m.Person, m.Person.id == entry.person_id)
            .order_by(entry.id.desc()))


#: The models of the tables the sentences name records of, and the column that names them.
_NAMED = {
    "people": (m.Person, m.Person.name), "goals": (m.Goal, m.Goal.title),
    "campaigns": (m.Campaign, m.Campaign.name), "cards": (m.Card, m.Card.title),
    "customers": (m.Customer, m.Customer.name),
    "story_requests": (m.StoryRequest, m.StoryRequest.title),
    "meetings": (m.Meeting, m.Meeting.title),
    "outlets": (m.Outlet, m.Outlet.name), "media_contacts": (m.MediaContact, m.MediaContact.name),
    "pitches": (m.Pitch, m.Pitch.subject), "industry_events": (m.IndustryEvent, m.IndustryEvent.name),
    "import_batches": (m.ImportBatch, m.ImportBatch.file_name),
}
_CONTEXT_MODELS = {
    "cards": m.Card, "goal_measurements": m.GoalMeasurement, "action_items": m.ActionItem,
    "story_requests": m.StoryRequest, "communications": m.Communication,
    "placements": m.Placement, "metric_records": m.MetricRecord,
    "import_batches": m.ImportBatch, "team_settings": m.TeamSetting,
}
_CHUNK = 500  # ids per IN (...): well under every backend's limit of bound parameters


def _chunks(ids: set[int]) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[i:i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def _known(session: Session, entries: list[Row]) -> words.Known:
    """The current fields and the referenced names the entries' sentences need."""
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    wanted: dict[str, set[int]] = {}
    for table, model in _CONTEXT_MODELS.items():
        ids = {e.row_id for e in entries if e.table_name == table}
        fields = words.CONTEXT_FIELDS[table]
        for chunk in _chunks(ids):
            columns = [model.id, *(getattr(model, f) for f in fields)]
            for row_id, *values in session.execute(select(*columns).where(model.id.in_(chunk))):
                rows[(table, row_id)] = dict(zip(fields, (getattr(v, "value", v)
                                                          for v in values)))
    for values in rows.values():
        for name, value in values.items():
            if name in words.REFERENCES and isinstance(value, int):
                wanted.setdefault(words.REFERENCES[name], set()).add(value)
    for entry in entries:
        for name, pair in (entry.changes or {}).items():
            if name in words.REFERENCES and isinstance(pair, list):
                for value in pair:
                    if isinstance(value, int):
                        wanted.setdefault(words.REFERENCES[name], set()).add(value)
    names: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        model, column = _NAMED[table]
        for chunk in _chunks(ids):
            for row_id, name in session.execute(select(model.id, column)
                                                .where(model.id.in_(chunk))):
                names[(table, row_id)] = name
    return words.Known(names, rows)


def _change(entry: Row) -> words.Change:
    fields = _field_changes(entry.changes)
    return words.Change(entry.table_name, entry.row_id, ChangeOperation(entry.operation),
                        entry.person_name or "", words.record_name(entry.summary),
                        {c.name: (c.before, c.after) for c in fields})


def _to_activity(entry: Row, change: words.Change, known: words.Known) -> Activity:
    return Activity(entry.id, entry.changed_at, entry.person_id, change.person_name,
                    area_of(entry.table_name), entry.table_name, entry.row_id,
                    change.operation, entry.summary, _field_changes(entry.changes),
                    change.title, words.sentence(change, known),
                    words.change_lines(change, known))


def _activities(session: Session, query, *, echoes: bool,  # noqa: ANN001 - a Select
                limit: int | None = None) -> list[Activity]:
    """The entries of ``query`` (the first ``limit``) with their sentences; without the
    parents' echoes of their children's changes unless ``echoes`` (a record's own
    history keeps them)."""
    found = [(entry, _change(entry)) for entry in session.execute(query)]
    found = [(entry, change) for i, (entry, change) in enumerate(found)
             if i + 1 == len(found) or not words.is_aftermath(change, found[i + 1][1])]
    if not echoes:
        found = [(entry, change) for entry, change in found
                 if not words.echoes_children(change)]
    found = found[:limit]
    known = _known(session, [entry for entry, _change in found])
    return [_to_activity(entry, change, known) for entry, change in found]


def list_activity(uow: UnitOfWork, *, person_id: int | None = None, area: str | None = None,
                  limit: int = FEED_LIMIT) -> list[Activity]:
    """Who did what, newest first, optionally one person's or one area's.

    Read with room for the echoes left out (each child's change has at most one).
    """
    query = _query().limit(2 * limit)
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
        return _activities(session, query, echoes=False, limit=limit)


def record_history(uow: UnitOfWork, table: str, row_id: int, *,
                   after_id: int = 0) -> list[Activity]:
    """Every change to one record (those after log entry ``after_id``), newest first."""
    query = _query().where(m.ChangeLogEntry.table_name == table,
                           m.ChangeLogEntry.row_id == row_id,
                           m.ChangeLogEntry.id > after_id)
    with uow.read() as session:
        return _activities(session, query, echoes=True)


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
