"""The lock self-test on open, and one editor at a time where locking does not work."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from helpers.team_files import NewTeamFile

from db import database as opening
from db import lease as leases
from db.database import BROKEN_LOCKING_WARNING, open_database
from db.enums import Department
from db.errors import ReadOnlyError
from db.locking import Locking, check_locking
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop import people
from desktop.people import PersonInput


@pytest.fixture
def team_file(db_path: Path, new_team_file: NewTeamFile) -> Path:
    new_team_file(db_path).dispose()
    return db_path


def test_a_local_folder_passes_the_lock_test(team_file: Path) -> None:
    assert check_locking(team_file) is Locking.WORKS


def test_a_file_system_that_ignores_locks_fails_the_lock_test(team_file: Path) -> None:
    """SQLite's "unix-none" VFS takes no locks at all: the second process gets in."""
    assert check_locking(team_file, vfs="unix-none") is Locking.BROKEN


def test_the_lock_test_passes_while_someone_else_is_writing(team_file: Path) -> None:
    other = sqlite3.connect(team_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert check_locking(team_file) is Locking.WORKS
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def broken_locking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening, "check_locking", lambda _path: Locking.BROKEN)


def _write_lease(team_file: Path, person: str, age: timedelta, pid: int = 999_999) -> None:
    leases.lease_path(team_file).write_text(json.dumps({
        "host": "laptop-7", "pid": pid, "person": person,
        "heartbeat_at": (utcnow() - age).isoformat()}))


def test_with_broken_locking_the_first_opener_edits_under_a_lease(team_file: Path,
                                                                   broken_locking) -> None:
    database = open_database(team_file)
    try:
        assert not database.read_only and database.lease is not None
        assert BROKEN_LOCKING_WARNING in database.warnings
        info = leases.read_lease(team_file)
        assert info is not None and info.is_mine()
        database.lease.beat(person="Zoë Müller")
        assert leases.read_lease(team_file).person == "Zoë Müller"
    finally:
        database.dispose()
    assert not leases.lease_path(team_file).exists()  # given back on close


def test_with_broken_locking_the_others_read_and_are_told_who_edits(team_file: Path,
                                                                     broken_locking) -> None:
    _write_lease(team_file, "Zoë Müller", timedelta(seconds=10))
    database = open_database(team_file)
    try:
        assert database.read_only
        assert "Zoë Müller (on laptop-7) is editing this file" in database.read_only_reason
        assert database.lease_holder is not None and not database.lease_holder.is_stale()
        with pytest.raises(ReadOnlyError):
            people.create_person(UnitOfWork(database), PersonInput("Ana", Department.PR))
    finally:
        database.dispose()
    assert leases.read_lease(team_file).person == "Zoë Müller"  # not taken, not deleted


def test_a_stale_lease_is_broken_only_when_asked(team_file: Path, broken_locking) -> None:
    _write_lease(team_file, "Zoë Müller", timedelta(minutes=5))
    first = open_database(team_file)
    try:
        assert first.read_only and first.lease_holder.is_stale()
        assert "has not answered" in first.read_only_reason
    finally:
        first.dispose()
    second = open_database(team_file, break_stale_lease=True)
    try:
        assert not second.read_only and leases.read_lease(team_file).is_mine()
    finally:
        second.dispose()


def test_a_fresh_lease_is_never_broken(team_file: Path, broken_locking) -> None:
    _write_lease(team_file, "Zoë Müller", timedelta(seconds=30))
    database = open_database(team_file, break_stale_lease=True)
    try:
        assert database.read_only
    finally:
        database.dispose()


def test_an_unreadable_lease_counts_as_held(team_file: Path) -> None:
    leases.lease_path(team_file).write_text("{half a lea")
    info = leases.read_lease(team_file)
    assert info is not None and not info.is_mine() and not info.is_stale()
    with pytest.raises(leases.LeaseHeldError, match="Someone"):
        leases.acquire(team_file)


def test_my_own_old_lease_is_taken_back(team_file: Path) -> None:
    leases.lease_path(team_file).write_text(json.dumps({
        "host": leases.this_host(), "pid": os.getpid(), "person": "me",
        "heartbeat_at": utcnow().isoformat()}))
    lease = leases.acquire(team_file)
    assert leases.read_lease(team_file).is_mine()
    lease.release()
    assert not leases.lease_path(team_file).exists()


def test_a_lease_the_share_would_not_delete_is_marked_given_back(
        team_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SMB refuses to delete a file others keep opening: the lease is marked given back,
    and the next editor takes it at once instead of waiting for it to go stale."""
    import errno

    lease = leases.acquire(team_file, "Ana Lima")

    def refuse(action) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(leases, "_retrying", refuse)
    lease.release()
    monkeypatch.undo()
    holder = leases.lease_path(team_file)
    left = json.loads(holder.read_text())
    assert left["released"] is True
    left["pid"] = os.getppid()  # as if another editor, still running, had left it so
    holder.write_text(json.dumps(left))
    taken = leases.acquire(team_file, "Ben Okafor")
    assert leases.read_lease(team_file).person == "Ben Okafor"
    taken.release()


@pytest.mark.parametrize("as_folder", [False, True], ids=["file", "folder"])
def test_the_lease_is_taken_by_one_process_only(team_file: Path, as_folder: bool) -> None:
    """Made as a file or as a folder (where the share's client needs it), the lease goes
    to one process: a second one is refused and told who edits."""
    import subprocess
    import sys
    import textwrap

    lease = leases.acquire(team_file, "Ana Lima", as_folder=as_folder)
    try:
        assert leases.lease_path(team_file).is_dir() is as_folder
        lease.beat(person="Ana Lima (meeting room)")
        other = subprocess.run([sys.executable, "-c", textwrap.dedent("""
            import sys
            from pathlib import Path
            from db import lease as leases
            try:
                leases.acquire(Path(sys.argv[1]), "Ben Okafor", as_folder=sys.argv[2] == "1")
            except leases.LeaseHeldError as held:
                print(held.message)
            """), str(team_file), "01"[not as_folder]], capture_output=True, text=True, timeout=60,
            cwd=Path(__file__).resolve().parent.parent)
        assert "Ana Lima (meeting room)" in other.stdout, other.stderr  # each form blocks the other
        assert "is editing this file" in other.stdout
    finally:
        lease.release()
    assert not leases.lease_path(team_file).exists()
    assert not list(team_file.parent.glob("*.lease*"))  # nothing left beside the file


def test_a_lease_folder_whose_holder_is_not_written_yet_counts_as_held(team_file: Path) -> None:
    leases.lease_path(team_file).mkdir()  # taken by someone this instant
    info = leases.read_lease(team_file)
    assert info is not None and not info.is_mine() and not info.is_stale()
    with pytest.raises(leases.LeaseHeldError, match="Someone"):
        leases.acquire(team_file)


def test_a_lease_file_blocks_a_folder_taker_and_a_stale_one_is_replaced(
        team_file: Path) -> None:
    _write_lease(team_file, "Zoë Müller", timedelta(seconds=10))  # taken through another client
    with pytest.raises(leases.LeaseHeldError, match="Zoë Müller"):
        leases.acquire(team_file, as_folder=True)
    _write_lease(team_file, "Zoë Müller", timedelta(minutes=5))
    lease = leases.acquire(team_file, "Ana Lima", break_stale=True, as_folder=True)
    try:
        assert leases.lease_path(team_file).is_dir() and lease.holds()
    finally:
        lease.release()


def test_leases_put_aside_and_left_behind_are_swept_by_the_next_taker(team_file: Path) -> None:
    left = team_file.with_name(team_file.name + ".lease.gone-0a1b2c3d")
    left.mkdir()
    (left / leases.HOLDER).write_text("{}")
    left_file = team_file.with_name(team_file.name + ".lease.broken-1a2b3c4d")
    left_file.write_text("{}")
    fresh = team_file.with_name(team_file.name + ".lease.broken-9f8e7d6c")
    fresh.mkdir()  # put aside a moment ago: its breaker may still be looking at it
    old = os.stat(team_file).st_mtime - 3600
    os.utime(left, (old, old))
    os.utime(left_file, (old, old))
    lease = leases.acquire(team_file)
    lease.release()
    assert not left.exists() and not left_file.exists() and fresh.exists()


def test_a_share_that_refuses_the_lease_means_read_only(
        team_file: Path, broken_locking, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the lease cannot be made, nobody edits: never several editors."""
    import errno

    def refuse(path: Path, *, as_folder: bool) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(leases, "_make_exclusively", refuse)
    database = open_database(team_file)
    try:
        assert database.read_only and database.lease is None
        assert "could not be written (Input/output error)" in database.read_only_reason
    finally:
        database.dispose()
