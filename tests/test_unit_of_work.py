"""Versions, conflicts and the change log, on a real file."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.errors import ConflictError
from db.models import Campaign, ChangeLogEntry, Person
from db.unit_of_work import UnitOfWork

pytestmark = pytest.mark.both_backends


def _log(uow: UnitOfWork) -> list[ChangeLogEntry]:
    with uow.read() as session:
        return list(session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id)))


def test_every_change_is_logged_with_its_author_and_fields(uow: UnitOfWork) -> None:
    with uow.write() as session:
        session.add(Person(name="Ana", department="pr"))
    author = uow.as_person(1)
    with author.write() as session:
        session.get(Person, 1).email = "ana@example.org"
    with author.write() as session:
        session.add(Campaign(name="Survey"))
    with author.write() as session:
        session.delete(session.get(Campaign, 1))
    entries = _log(uow)
    assert [(e.table_name, e.row_id, e.operation.value) for e in entries] == [
        ("people", 1, "insert"), ("people", 1, "update"),
        ("campaigns", 1, "insert"), ("campaigns", 1, "delete")]
    assert entries[1].person_id == 1
    assert entries[1].changes == {"email": ["", "ana@example.org"], "version": [1, 2]}


def test_a_rolled_back_change_leaves_no_log(uow: UnitOfWork) -> None:
    with pytest.raises(RuntimeError):
        with uow.write() as session:
            session.add(Person(name="Ana", department="pr"))
            session.flush()
            raise RuntimeError("crash mid-write")
    assert _log(uow) == []
    with uow.read() as session:
        assert session.scalars(select(Person)).all() == []


def test_a_write_based_on_a_stale_read_never_lands(uow: UnitOfWork) -> None:
    """Two sessions load the same row; the second save is refused as a conflict by the
    unit of work (SQLAlchemy's version check), and the first one's value stays."""
    with uow.write() as session:
        session.add(Person(name="Ana", department="pr"))
    with uow.read() as session:
        mine = session.get(Person, 1)
    with uow.write() as session:
        session.get(Person, 1).name = "Ana (theirs)"
    with pytest.raises(ConflictError):
        with uow.write() as session:
            session.add(mine)
            mine.name = "Ana (mine)"
    with uow.read() as session:
        assert session.get(Person, 1).name == "Ana (theirs)"
