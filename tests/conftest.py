"""Shared fixtures: a real team file on disk, a team in it, and isolated UI settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep QSettings and the demo file of each test out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "team.cgdb"


@pytest.fixture
def database(db_path: Path) -> Iterator["Database"]:
    from db.database import Database, create_database

    db: Database = create_database(db_path)
    yield db
    db.dispose()


@pytest.fixture
def uow(database):  # noqa: ANN001, ANN201
    from db.unit_of_work import UnitOfWork

    return UnitOfWork(database)


@pytest.fixture
def team(uow):  # noqa: ANN001, ANN201
    """Four people, one per department; the unit of work then acts as the leader."""
    from db.enums import Department
    from desktop.people import PersonInput, create_person

    members = {
        department: create_person(uow, PersonInput(name, department, email))
        for department, name, email in (
            (Department.LEADERSHIP, "Zoë Müller", "zoe@example.org"),
            (Department.PR, "José Álvarez", "jose@example.org"),
            (Department.MARKETING, "Priya Nair", "priya@example.org"),
            (Department.SALES, "Олег Петров", "oleg@example.org"),
        )
    }
    uow.person_id = members[Department.LEADERSHIP].id
    return members
