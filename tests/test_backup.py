"""Backups: taken with the backup API, checked, rotated, restored, and from the command line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers.team_files import NewTeamFile

from db import backup as store
from db.database import open_database
from db.enums import Department
from db.errors import BackupError
from db.unit_of_work import UnitOfWork
from desktop import backups, people
from desktop.people import PersonInput

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 22, 12, 0)


def _names(database) -> list[str]:
    return [p.name for p in people.list_people(UnitOfWork(database))]


def _fake_backup(source: Path, taken_at: datetime, reason: str = "daily") -> Path:
    folder = store.backup_folder(source)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{source.stem}-{taken_at.strftime('%Y%m%dT%H%M%S%fZ')}-{reason}.cgdb"
    path.write_bytes(b"x")
    return path


def test_a_backup_is_a_checked_copy_in_the_local_folder(uow, team, db_path) -> None:
    taken = backups.back_up(db_path)
    assert taken.path.parent == store.backup_folder(db_path)
    assert str(taken.path).startswith(str(store.backup_root()))
    copy = open_database(taken.path)
    try:
        assert sorted(_names(copy)) == sorted(p.name for p in team.values())
    finally:
        copy.dispose()
    assert [b.path for b in backups.backups_of(db_path)] == [taken.path]


def test_two_files_with_the_same_name_keep_separate_backups(tmp_path: Path) -> None:
    assert store.backup_folder(tmp_path / "a" / "team.cgdb") != store.backup_folder(
        tmp_path / "b" / "team.cgdb")


def test_rotation_keeps_the_last_ten_and_one_a_day_for_thirty_days(db_path: Path) -> None:
    hourly = [_fake_backup(db_path, NOW - timedelta(hours=h)) for h in range(15)]
    daily = {d: [_fake_backup(db_path, NOW - timedelta(days=d, hours=h)) for h in (1, 5)]
             for d in range(2, 40)}
    removed = store.rotate(db_path, now=NOW)
    kept = {b.path for b in store.list_backups(db_path)}
    assert set(hourly[:10]) <= kept
    for day, (newest, older) in daily.items():
        assert (newest in kept) == (day < 30), day
        assert older not in kept
    assert not kept & set(removed)
    assert len(kept) == 10 + len({(NOW - timedelta(hours=h)).date() for h in range(10, 15)}
                                 - {(NOW - timedelta(hours=h)).date() for h in range(10)}) + 28


def test_a_backup_is_due_after_a_day(db_path: Path) -> None:
    assert store.backup_is_due(db_path, now=NOW)
    _fake_backup(db_path, NOW - timedelta(hours=23))
    assert not store.backup_is_due(db_path, now=NOW)
    assert store.backup_is_due(db_path, now=NOW + timedelta(hours=2))


def test_restore_puts_the_backup_back_and_keeps_what_was_there(uow, team, db_path) -> None:
    before = backups.back_up(db_path)
    people.create_person(uow, PersonInput("Added later", Department.PR))
    result = backups.restore(db_path, before.path)
    assert "Added later" not in _names(uow.database)
    assert result.safety_backup is not None
    safety = open_database(result.safety_backup.path)
    try:
        assert "Added later" in _names(safety)
    finally:
        safety.dispose()


def test_a_damaged_file_is_put_aside_and_replaced_by_the_newest_good_backup(
        uow, team, db_path) -> None:
    good = backups.back_up(db_path)
    damaged = store.backup_folder(db_path) / f"{db_path.stem}-{(good.taken_at + timedelta(seconds=1)).strftime('%Y%m%dT%H%M%S%fZ')}-manual.cgdb"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)  # newer, but not good
    uow.database.dispose()
    db_path.write_bytes(db_path.read_bytes()[:3000])
    wreck = db_path.read_bytes()
    assert backups.newest_good_backup(db_path).path == good.path
    result = backups.restore(db_path)
    assert result.restored_from.path == good.path
    assert result.damaged_aside is not None and result.damaged_aside.read_bytes() == wreck
    reopened = open_database(db_path)
    try:
        assert len(_names(reopened)) == 4
    finally:
        reopened.dispose()


def test_a_damaged_backup_is_never_restored(uow, team, db_path, tmp_path) -> None:
    bad = tmp_path / "bad.cgdb"
    bad.write_bytes(b"not a backup")
    with pytest.raises(Exception, match="not a good backup"):
        backups.restore(db_path, bad)
    assert len(_names(uow.database)) == 4


def test_a_copy_that_fails_its_check_is_not_kept(db_path: Path, new_team_file: NewTeamFile,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    new_team_file(db_path).dispose()
    monkeypatch.setattr(store, "check_copy", lambda _path: "*** page 3 is never used")
    with pytest.raises(BackupError, match="failed its integrity check"):
        store.take_backup(db_path)
    assert store.list_backups(db_path) == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ui.app", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_backup_and_restore_commands(uow, team, db_path) -> None:
    result = _cli("backup", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "Backed up" in result.stdout
    people.create_person(uow, PersonInput("Added later", Department.PR))
    listed = _cli("restore", "--db", str(db_path), "--list")
    assert "manual" in listed.stdout
    restored = _cli("restore", "--db", str(db_path))
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout and "before" in restored.stdout
    assert "Added later" not in _names(uow.database)
    missing = _cli("backup", "--db", str(db_path.with_name("nope.cgdb")))
    assert missing.returncode == 1 and "There is no file" in missing.stderr


def test_a_file_is_backed_up_before_its_schema_is_upgraded(
        db_path: Path, new_team_file: NewTeamFile, monkeypatch: pytest.MonkeyPatch) -> None:
    from db import database as opening
    from db import schema

    new_team_file(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000_older'")
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", ("0000_older", *schema.KNOWN_REVISIONS))
    order: list[str] = []
    real_backup = opening.take_backup
    monkeypatch.setattr(opening, "take_backup",
                        lambda *a, **kw: (order.append("backup"), real_backup(*a, **kw))[1])
    monkeypatch.setattr(opening, "upgrade_to_head", lambda engine, guard=None: order.append(
        "upgrade"))
    opening.open_database(db_path).dispose()
    assert order == ["backup", "upgrade"]
    [taken] = store.list_backups(db_path)
    assert taken.reason == "before-upgrade"
