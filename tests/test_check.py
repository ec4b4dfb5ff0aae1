"""``commonground check`` on a good, a foreign, a garbage and a missing file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ui.app", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_a_good_file(uow, team, db_path: Path) -> None:
    result = _run("check", str(db_path))
    assert result.returncode == 0, result.stderr
    from db.schema import HEAD_REVISION

    assert f"Schema version: {HEAD_REVISION}" in result.stdout
    assert "Integrity check: ok" in result.stdout
    counts = dict(line.split() for line in result.stdout.splitlines()
                  if line.startswith("  ") and len(line.split()) == 2)
    assert counts["people"] == "4"
    assert result.stdout.rstrip().endswith("Result: OK")


def test_check_a_foreign_database(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    result = _run("check", str(path))
    assert result.returncode == 1
    assert "database of another program" in result.stdout


@pytest.mark.parametrize("content", [b"\x00\x01garbage" * 300, b""])
def test_check_garbage(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.cgdb"
    path.write_bytes(content)
    result = _run("check", str(path))
    assert result.returncode == 1
    assert "not a Common Ground team database" in result.stdout
    assert path.read_bytes() == content


def test_check_a_missing_file(tmp_path: Path) -> None:
    result = _run("check", str(tmp_path / "missing.cgdb"))
    assert result.returncode == 1 and "There is no file" in result.stdout


def test_check_a_damaged_file(uow, team, db_path: Path) -> None:
    uow.database.dispose()
    with sqlite3.connect(db_path) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 12] = b"\x0d\x00\x00\xff\xff\xff" * 2  # a broken b-tree page header
    db_path.write_bytes(bytes(data))
    result = _run("check", str(db_path))
    assert result.returncode == 1
    assert "Result: NOT OK" in result.stdout
