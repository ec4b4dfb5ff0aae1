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


def test_stale_orm_write_raises_conflict(uow: UnitOfWork) -> None:
    with uow.write() as session:
        session.add(Person(name="Ana", department="pr"))
    first = uow.database.write_session()
    second = uow.database.write_session()
    try:
        with first.begin():
            mine = first.get(Person, 1)
        with second.begin():
            second.get(Person, 1).name = "Ana (theirs)"
        with pytest.raises(Exception) as caught:
            with first.begin():
                mine.name = "Ana (mine)"
        assert "StaleData" in type(caught.value).__name__
    finally:
        first.close()
        second.close()
    with uow.read() as session:
        assert session.get(Person, 1).name == "Ana (theirs)"


def test_conflict_error_names_both_sides() -> None:
    error = ConflictError("goals", 3, 5, {"target": 400}, {"target": 450})
    assert error.stored == {"target": 400} and error.attempted == {"target": 450}
    assert "Someone else saved" in error.message
