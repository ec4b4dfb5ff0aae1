"""Opening team files: the settings for shared folders, and refusing what is not ours."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from helpers.team_files import NewTeamFile
from sqlalchemy import text

from db.database import Database, create_database, open_database, row_counts
from db.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NotADatabaseError,
    ReadOnlyError,
)
from db.models import Person
from db.unit_of_work import UnitOfWork


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_connection_settings_suit_a_network_folder(database) -> None:
    with database.engine.connect() as connection:
        pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "delete"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 1000


def test_a_write_uses_the_rollback_journal_never_wal(db_path: Path, database) -> None:
    uow = UnitOfWork(database)
    with uow.write() as session:
        session.add(Person(name="Ana", department="pr"))
        session.flush()  # mid-transaction: the rollback journal sits beside the file
        assert db_path.with_name(db_path.name + "-journal").exists()
        assert not db_path.with_name(db_path.name + "-wal").exists()
    assert sqlite3.connect(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_foreign_keys_are_enforced(database) -> None:
    from datetime import date

    from db.errors import DatabaseError
    from db.models import GoalMeasurement

    with pytest.raises(DatabaseError, match="no longer exists"):
        with UnitOfWork(database).write() as session:
            session.add(GoalMeasurement(goal_id=999, measured_on=date(2026, 1, 1), value=1))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingDatabaseError, match="There is no file"):
        open_database(tmp_path / "nope.cgdb")
    assert not (tmp_path / "nope.cgdb").exists()


def test_garbage_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.cgdb"
    path.write_bytes(b"Meeting notes, not a database\n" * 50)
    before = _digest(path)
    with pytest.raises(NotADatabaseError, match="not a Common Ground team database"):
        open_database(path)
    assert _digest(path) == before


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "browser-history.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO urls (url) VALUES ('https://example.org')")
    before = _digest(path)
    with pytest.raises(ForeignDatabaseError, match="another program"):
        open_database(path)
    with pytest.raises(ForeignDatabaseError):
        open_database(path, create=True)
    assert _digest(path) == before


def test_truncated_file_is_reported_as_damaged(database, db_path: Path) -> None:
    database.dispose()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)


def test_newer_schema_opens_read_only(database, db_path: Path) -> None:
    database.dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _digest(db_path)
    reopened = open_database(db_path)
    try:
        assert reopened.read_only
        assert "newer version of Common Ground" in reopened.read_only_reason
        with pytest.raises(ReadOnlyError):
            with UnitOfWork(reopened).write() as session:
                session.add(Person(name="Ana", department="pr"))
    finally:
        reopened.dispose()
    assert _digest(db_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_file_opens_read_only(database, db_path: Path) -> None:
    database.dispose()
    db_path.chmod(0o444)
    reopened = open_database(db_path)
    assert reopened.read_only
    reopened.dispose()


def test_read_only_folder_opens_read_only(database, db_path: Path, monkeypatch) -> None:
    """Simulated with os.access, since the tests may run as root."""
    database.dispose()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    reopened = open_database(db_path)
    try:
        assert "cannot write" in reopened.read_only_reason
        with UnitOfWork(reopened).read() as session:
            assert session.query(Person).count() == 0
    finally:
        reopened.dispose()


def test_create_refuses_an_existing_file(database, db_path: Path) -> None:
    with pytest.raises(ForeignDatabaseError, match="already exists"):
        create_database(db_path)


def _schema_of(connection: sqlite3.Connection) -> dict[str, object]:
    """Each table's columns, keys and indexes. Not the CREATE statements: Alembic's batch
    copies write one table's foreign keys in a different order in each file it makes."""
    def rows(pragma: str, name: str, skip: int = 0) -> list[tuple]:
        found = connection.execute(f"PRAGMA {pragma}('{name}')").fetchall()
        return sorted((row[skip:] for row in found), key=repr)

    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    indexes = connection.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    ).fetchall()
    return {"tables": {name: (rows("table_xinfo", name),
                              rows("foreign_key_list", name, skip=1))
                       for name in tables},
            "indexes": [(name, table, sql, rows("index_xinfo", name))
                        for name, table, sql in indexes]}


def _what_a_new_file_is(database: Database) -> dict[str, object]:
    """Everything about a new file that a test could notice, except where it is."""
    connection = sqlite3.connect(database.path)
    try:
        header = {name: connection.execute(f"PRAGMA {name}").fetchone()[0]
                  for name in ("application_id", "user_version", "page_size", "encoding")}
        stamp = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        schema = _schema_of(connection)
    finally:
        connection.close()
    return {"header": header, "schema": schema, "alembic_version": stamp,
            "rows": row_counts(database), "revision": database.revision,
            "read_only": database.read_only_reason, "warnings": database.warnings}


def test_a_tests_new_team_file_is_the_file_creating_one_makes(
        tmp_path: Path, new_team_file: NewTeamFile) -> None:
    created = create_database(tmp_path / "created.cgdb")
    copied = new_team_file(tmp_path / "copied.cgdb")
    try:
        assert copied.path == tmp_path / "copied.cgdb"
        assert _what_a_new_file_is(copied) == _what_a_new_file_is(created)
    finally:
        created.dispose()
        copied.dispose()
