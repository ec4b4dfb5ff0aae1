"""A file that someone else holds locked is busy, never "damaged", and never replaced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.database import inspect_file
from db.enums import Department
from db.errors import BusyError
from db.unit_of_work import UnitOfWork
from desktop import backups, people
from desktop.people import PersonInput


def _hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_locked_file_is_reported_busy_not_damaged(uow, db_path: Path, monkeypatch) -> None:
    people.create_person(uow, PersonInput("Ana", Department.PR))
    monkeypatch.setattr("db.database.BUSY_TIMEOUT_S", 0.2)
    holder = _hold_exclusive_lock(db_path)
    try:
        with pytest.raises(BusyError, match="busy"):
            inspect_file(db_path)
    finally:
        holder.close()


def test_restore_refuses_to_replace_a_busy_file(uow, db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("db.database.BUSY_TIMEOUT_S", 0.2)
    people.create_person(uow, PersonInput("Ana", Department.PR))
    backup = backups.back_up(db_path, reason="test")
    people.create_person(uow, PersonInput("Ben", Department.SALES))
    before = db_path.read_bytes()
    holder = _hold_exclusive_lock(db_path)
    try:
        with pytest.raises(BusyError):
            backups.restore(db_path, backup.path)
    finally:
        holder.close()
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.damaged*"))


def test_a_save_that_stays_locked_says_busy_in_plain_words(uow, db_path: Path, monkeypatch) -> None:
    import db.engine as engine

    monkeypatch.setattr(engine, "LOCK_RETRY_DEADLINE_S", 0.3)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.3)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM people").fetchone()  # a reader that never finishes
    try:
        with pytest.raises(BusyError, match="busy"):
            people.create_person(UnitOfWork(uow.database), PersonInput("Cleo", Department.PR))
    finally:
        holder.close()
    assert [p.name for p in people.list_people(uow)] == []
