"""Moving a team from its file to PostgreSQL: every row, verified, or nothing at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from db import copy as copying
from db.database import open_database, row_counts
from db.errors import DatabaseError
from db.unit_of_work import UnitOfWork
from desktop import goals, people

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.cgdb"
    write_demo(path).dispose()
    return path


def _tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_copy_moves_every_row_and_the_app_runs_on_the_server(demo_file, postgres_server) -> None:
    url = postgres_server.empty_database()
    report = copying.copy_to_server(demo_file, url)
    source = open_database(demo_file)
    server = open_database(url)
    try:
        assert report.counts == row_counts(source) == row_counts(server)
        assert report.rows > 1000
        quarter = goals.list_quarters(UnitOfWork(source))[-1]
        assert goals.list_goals(UnitOfWork(server), quarter) == goals.list_goals(
            UnitOfWork(source), quarter)
        lead = people.list_people(UnitOfWork(server))[0]
        added = people.create_person(UnitOfWork(server, lead.id), people.PersonInput(
            "New on the server", lead.department))
        assert added.id > max(p.id for p in people.list_people(UnitOfWork(source)))
    finally:
        source.dispose()
        server.dispose()


def test_a_failed_copy_leaves_the_target_empty(demo_file, postgres_server, monkeypatch) -> None:
    url = postgres_server.empty_database()
    real = copying._copy_table
    copied: list[str] = []

    def fail_on_cards(source, target, table) -> None:
        if table.name == "cards":
            raise RuntimeError("the network went away")
        copied.append(table.name)
        real(source, target, table)

    monkeypatch.setattr(copying, "_copy_table", fail_on_cards)
    with pytest.raises(DatabaseError, match="left empty: the network went away"):
        copying.copy_to_server(demo_file, url)
    assert copied  # some tables were copied before the failure ...
    assert _tables(url) == []  # ... and none of them is left


def test_a_target_that_holds_a_team_is_refused(demo_file, postgres_server) -> None:
    url = postgres_server.team_database()
    with pytest.raises(DatabaseError, match="already holds tables"):
        copying.copy_to_server(demo_file, url)


def test_a_file_path_is_not_a_url(demo_file) -> None:
    with pytest.raises(DatabaseError, match="not a database URL"):
        copying.copy_to_server(demo_file, "team-copy.cgdb")


@pytest.mark.slow
def test_the_copy_command_and_opening_the_app_on_the_url(demo_file, postgres_server) -> None:
    url = postgres_server.empty_database()
    result = subprocess.run([sys.executable, "-m", "ui.app", "copy", str(demo_file), url],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "every table's count matches" in result.stdout
    again = subprocess.run([sys.executable, "-m", "ui.app", "copy", str(demo_file), url],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "already holds tables" in again.stderr
