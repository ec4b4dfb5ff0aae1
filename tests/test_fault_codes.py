"""Faults are told apart by SQLite's own error codes, whatever the message says."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from db.errors import Fault, fault_of


def _raised(action) -> BaseException:
    with pytest.raises(Exception) as raised:
        action()
    return raised.value


def test_a_file_another_connection_holds_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        assert fault_of(_raised(lambda: other.execute("BEGIN IMMEDIATE"))) is Fault.BUSY
    finally:
        holder.execute("ROLLBACK")
        other.close()
        holder.close()


def test_sqlalchemy_s_wrapper_is_classified_by_the_driver_s_code(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    try:
        with engine.connect() as connection:
            error = _raised(lambda: connection.exec_driver_sql("BEGIN IMMEDIATE"))
        assert isinstance(error, OperationalError)
        assert fault_of(error) is Fault.BUSY
    finally:
        engine.dispose()
        holder.execute("ROLLBACK")
        holder.close()


def test_a_file_that_is_not_a_database_is_damaged_and_a_duplicate_is_a_constraint(
        tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"these are meeting notes, not a database" * 200)
    connection = sqlite3.connect(junk)
    assert fault_of(_raised(lambda: connection.execute("SELECT * FROM sqlite_master"))) \
        is Fault.DAMAGED
    connection.close()
    memory = sqlite3.connect(":memory:")
    memory.execute("CREATE TABLE t (x UNIQUE)")
    memory.execute("INSERT INTO t VALUES (1)")
    assert fault_of(_raised(lambda: memory.execute("INSERT INTO t VALUES (1)"))) \
        is Fault.CONSTRAINT


def test_a_read_only_file_refuses_writes_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    writer = sqlite3.connect(path)
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    writer.close()
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert fault_of(_raised(lambda: reader.execute("INSERT INTO t VALUES (1)"))) \
        is Fault.READ_ONLY
    reader.close()


def test_the_wording_alone_decides_nothing() -> None:
    """A message that merely mentions "locked" (a card titled so, say) is not busy."""
    assert fault_of(ValueError("card 'Locked in: Q4 plan' was not found")) is Fault.OTHER
    assert fault_of(sqlite3.OperationalError("database is locked")) is Fault.OTHER


def test_psycopg_s_sqlstate_names_the_fault() -> None:
    class ServerError(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__("server said no")
            self.sqlstate = sqlstate

    assert fault_of(OperationalError("SELECT 1", None, ServerError("40P01"))) is Fault.BUSY
    assert fault_of(OperationalError("SELECT 1", None, ServerError("08006"))) \
        is Fault.UNREACHABLE
    assert fault_of(OperationalError("SELECT 1", None, ServerError("23505"))) \
        is Fault.CONSTRAINT
    assert fault_of(OSError("the share went away")) is Fault.UNREACHABLE
