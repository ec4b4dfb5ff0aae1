"""Fault tests on one shared file, at a size the suite can afford; each prints its figure.

``benchmarks/concurrency.py`` runs the same scenarios at full size (8 processes x 500
writes, 200 kills, a lock held for 30 seconds).
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest
from helpers.team_files import NewTeamFile
from sqlalchemy import event, func, select

from db import models as m
from db.enums import Department
from db.errors import DiskFullError
from db.unit_of_work import UnitOfWork
from desktop import people

ROOT = Path(__file__).resolve().parent.parent


def _scenarios():
    spec = importlib.util.spec_from_file_location("concurrency",
                                                  ROOT / "benchmarks" / "concurrency.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["concurrency"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_many_processes_writing_at_once_commit_everything(tmp_path: Path) -> None:
    figures = _scenarios().run_writers(tmp_path, processes=4, writes=25)
    print(figures.text())
    assert (figures.committed, figures.lost_updates, figures.errors) == (100, 0, 0)
    assert figures.p95_ms > 0


@pytest.mark.slow
def test_a_writer_killed_mid_write_leaves_a_sound_file(tmp_path: Path) -> None:
    figures = _scenarios().run_kills(tmp_path, runs=6)
    print(figures.text())
    assert figures.all_good, figures.text()


def test_a_full_disk_is_reported_and_stores_nothing(uow, team, db_path: Path) -> None:
    """SQLite's max_page_count makes the disk "full" on demand."""
    with sqlite3.connect(db_path) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    event.listen(uow.database.engine, "connect",
                 lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages + 2}"))
    before = db_path.read_bytes()
    with pytest.raises(DiskFullError) as caught:
        with uow.write() as session:
            for number in range(200):
                session.add(m.Person(name=f"Person {number} " + "x" * 2000,
                                     department=Department.PR))
    print(caught.value.message)
    assert "disk that holds the team file is full" in caught.value.message
    assert "not saved" in caught.value.message
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with UnitOfWork(uow.database).read() as session:
        assert session.scalar(select(func.count()).select_from(m.Person)) == 4
        assert session.scalar(select(func.count()).select_from(m.ChangeLogEntry)) == 4
    assert db_path.read_bytes() == before
    assert len(people.list_people(uow)) == 4


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real file system that fills up: a 3 MB tmpfs (needs root; skipped otherwise)."""
    import os
    import subprocess

    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"a small tmpfs could not be mounted: {mounted.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_an_import_that_fills_the_disk_leaves_no_journal_and_no_grown_file(
        small_disk: Path, tmp_path: Path, new_team_file: NewTeamFile) -> None:
    from db.database import open_database
    from desktop import importing
    from desktop.importing import ColumnMapping, ImportRequest

    path = small_disk / "team.cgdb"
    database = new_team_file(path)
    uow = UnitOfWork(database)
    people.create_person(uow, people.PersonInput("Ana Lima", Department.PR))
    export = tmp_path / "export.csv"
    export.write_text("Date,Channel,Title,Impressions,Clicks\n" + "".join(
        f"2026-03-{1 + i % 28:02d} 10:00,web,Post {i} {'x' * 80},{i},1\n" for i in range(40_000)))
    size_before = path.stat().st_size
    mapping = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                            metrics=(("Impressions", "impressions"), ("Clicks", "clicks")))
    with pytest.raises(DiskFullError) as caught:
        importing.run_import(uow, ImportRequest(export, mapping))
    print(caught.value.message)
    database.dispose()
    journal = path.with_name(path.name + "-journal")
    assert not journal.exists() or journal.stat().st_size == 0  # no hot journal left
    assert path.stat().st_size == size_before  # the space came back
    path.chmod(0o444)  # a reader who may not write reads it at once
    reader = open_database(path)
    try:
        assert reader.read_only
        assert [p.name for p in people.list_people(UnitOfWork(reader))] == ["Ana Lima"]
    finally:
        reader.dispose()


def _refuse_begin(engine, times: int, name: str = "SQLITE_IOERR_DELETE") -> list[int]:
    """The share fails the next ``times`` saves' first file operation, as SMB did."""
    left = [times]

    def refuse(_conn, _cursor, statement, *_args) -> None:
        if statement == "BEGIN IMMEDIATE" and left[0]:
            left[0] -= 1
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorname = name
            error.sqlite_errorcode = getattr(sqlite3, name)
            raise error

    event.listen(engine, "before_cursor_execute", refuse)
    return left


def test_a_share_that_refuses_a_file_operation_for_a_moment_is_retried(uow, team) -> None:
    left = _refuse_begin(uow.database.engine, 3)
    people.create_person(uow, people.PersonInput("Saved after retries", Department.PR))
    assert left == [0]
    assert "Saved after retries" in [p.name for p in people.list_people(uow)]


def test_a_share_that_keeps_refusing_says_what_it_refused(uow, team, monkeypatch) -> None:
    from db import engine as engines
    from db.errors import ShareRefusedError

    monkeypatch.setattr(engines, "SHARE_RETRY_DEADLINE_S", 0.3)
    _refuse_begin(uow.database.engine, 10_000)
    with pytest.raises(ShareRefusedError) as caught:
        people.create_person(uow, people.PersonInput("Never saved", Department.PR))
    print(caught.value.message)
    assert "refused to remove the save's journal file" in caught.value.message
    assert "not saved" in caught.value.message
    assert len(people.list_people(uow)) == 4
