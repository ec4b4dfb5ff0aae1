"""Files that must not be written to: each opens as described, its bytes unchanged afterwards.

A read-only file or folder and a newer schema open read-only with the reason; a
corrupted header or a truncated file is refused with one plain sentence. An
older schema is upgraded only when nobody else has the file open, and never by
two instances at once.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from helpers.team_files import NewTeamFile

from db import database as opening
from db import schema
from db.database import open_database
from db.enums import Department
from db.errors import CorruptDatabaseError, NotADatabaseError, ReadOnlyError
from db.instances import register
from db.locking import cloud_sync_warning
from db.unit_of_work import UnitOfWork
from desktop import people
from desktop.people import PersonInput


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def team_file(db_path: Path, new_team_file: NewTeamFile) -> Path:
    database = new_team_file(db_path)
    people.create_person(UnitOfWork(database), PersonInput("Ana", Department.PR))
    database.dispose()
    return db_path


def _cannot_write(database) -> None:
    assert database.read_only
    with pytest.raises(ReadOnlyError):
        people.create_person(UnitOfWork(database), PersonInput("Ben", Department.PR))
    assert [p.name for p in people.list_people(UnitOfWork(database))] == ["Ana"]


def test_a_read_only_file_opens_read_only_and_stays_unchanged(team_file: Path) -> None:
    before = _digest(team_file)
    team_file.chmod(0o444)
    try:
        database = open_database(team_file)
        try:
            assert "cannot write" in database.read_only_reason
            _cannot_write(database)
        finally:
            database.dispose()
    finally:
        team_file.chmod(0o644)
    assert _digest(team_file) == before


def test_a_read_only_folder_opens_read_only_and_stays_unchanged(team_file: Path) -> None:
    before = _digest(team_file)
    folder = team_file.parent
    folder.chmod(0o555)
    try:
        database = open_database(team_file)
        try:
            _cannot_write(database)
        finally:
            database.dispose()
    finally:
        folder.chmod(0o755)
    assert _digest(team_file) == before
    assert not team_file.with_name(team_file.name + "-journal").exists()


def test_a_corrupted_header_is_refused_and_left_alone(team_file: Path) -> None:
    data = bytearray(team_file.read_bytes())
    data[16:24] = b"\xff" * 8  # page size and format bytes of the header
    team_file.write_bytes(bytes(data))
    before = _digest(team_file)
    with pytest.raises((CorruptDatabaseError, NotADatabaseError)) as caught:
        open_database(team_file)
    assert team_file.name in caught.value.message
    assert _digest(team_file) == before


def test_a_truncated_file_is_refused_and_left_alone(team_file: Path) -> None:
    team_file.write_bytes(team_file.read_bytes()[:5000])
    before = _digest(team_file)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(team_file)
    assert caught.value.path == team_file
    assert "backup" in caught.value.message
    assert _digest(team_file) == before


def test_a_newer_schema_says_which_version_of_the_app_it_needs(team_file: Path) -> None:
    with sqlite3.connect(team_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0042_future'")
        connection.execute(f"PRAGMA user_version = {schema.encode_version('3.4.5')}")
    before = _digest(team_file)
    database = open_database(team_file)
    try:
        assert "Install Common Ground version 3.4.5 or later" in database.read_only_reason
        _cannot_write(database)
    finally:
        database.dispose()
    assert _digest(team_file) == before


def test_app_versions_survive_the_header_field() -> None:
    assert schema.decode_version(schema.encode_version("1.20.3")) == "1.20.3"
    assert schema.decode_version(0) == ""


def test_a_file_in_a_cloud_sync_folder_is_warned_about(tmp_path: Path,
                                                        new_team_file: NewTeamFile) -> None:
    folder = tmp_path / "Dropbox" / "Marketing"
    folder.mkdir(parents=True)
    database = new_team_file(folder / "team.cgdb")
    database.dispose()
    reopened = open_database(folder / "team.cgdb")
    try:
        assert not reopened.read_only
        assert any("Dropbox folder" in w and "locks" in w for w in reopened.warnings)
    finally:
        reopened.dispose()
    assert "OneDrive" in cloud_sync_warning(tmp_path / "OneDrive - Larkspur" / "t.cgdb")
    assert cloud_sync_warning(tmp_path / "shares" / "team.cgdb") == ""


# --- the migration guard ---------------------------------------------------------------

@pytest.fixture
def older_file(team_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file one schema behind this app (a pretend older revision)."""
    with sqlite3.connect(team_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000_older'")
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", ("0000_older", *schema.KNOWN_REVISIONS))
    return team_file


def _fake_upgrade(record: list[tuple[str, float]], seconds: float = 0.0):
    """Stands in for Alembic: marks the file upgraded, inside the real locked transaction."""
    def run(connection, guard=None) -> None:
        if guard is not None:
            guard(connection)
        if schema.read_revision(connection) == schema.HEAD_REVISION:
            return
        record.append(("start", time.monotonic()))
        time.sleep(seconds)
        connection.exec_driver_sql(
            f"UPDATE alembic_version SET version_num = '{schema.HEAD_REVISION}'")
        record.append(("end", time.monotonic()))

    return run


def test_an_older_file_is_not_upgraded_while_someone_else_has_it_open(
        older_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record: list[tuple[str, float]] = []
    monkeypatch.setattr(schema, "upgrade_connection", _fake_upgrade(record))
    other = opening.open_read_only(older_file, reason="")
    other.read_only_reason = ""
    writer = opening.Database(str(older_file), opening.create_sqlite_engine(older_file),
                              path=older_file)
    register(writer, 1, host="laptop-7", pid=4242)
    writer.dispose()
    other.dispose()
    database = open_database(older_file)
    try:
        assert database.read_only and "needs an upgrade" in database.read_only_reason
        assert "Ana" in database.read_only_reason  # person 1 is Ana
        assert database.revision == "0000_older"
    finally:
        database.dispose()
    assert record == []


def test_two_instances_never_migrate_at_once(older_file: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    record: list[tuple[str, float]] = []
    monkeypatch.setattr(schema, "upgrade_connection", _fake_upgrade(record, seconds=0.5))
    opened: list[opening.Database] = []
    threads = [threading.Thread(target=lambda: opened.append(open_database(older_file)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert len(opened) == 2
        assert all(d.revision == schema.HEAD_REVISION and not d.read_only for d in opened)
    finally:
        for database in opened:
            database.dispose()
    assert [kind for kind, _ in record] == ["start", "end"]  # one migration, whole


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_the_permission_bits_count_even_for_an_administrator(team_file: Path) -> None:
    team_file.chmod(0o444)
    try:
        assert not opening.inspect_file(team_file).writable
    finally:
        team_file.chmod(0o644)
    assert opening.inspect_file(team_file).writable


CUT_OFF_SAVE = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 5")  # pages spill into the file before commit
connection.execute("BEGIN IMMEDIATE")
for number in range(400):
    connection.execute("INSERT INTO team_settings (key, value, version) VALUES (?, ?, 1)",
                       (f"half-saved-{number}", "x" * 2000))
print("mid-save", flush=True)
time.sleep(60)
"""


def test_a_save_cut_off_by_a_crash_is_rolled_back_on_open(team_file: Path) -> None:
    import signal
    import subprocess
    import sys

    writer = subprocess.Popen([sys.executable, "-c", CUT_OFF_SAVE, str(team_file)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "mid-save"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    journal = team_file.with_name(team_file.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # a hot journal
    database = open_database(team_file)
    try:
        assert not database.read_only
        assert [p.name for p in people.list_people(UnitOfWork(database))] == ["Ana"]
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql(
                "SELECT count(*) FROM team_settings WHERE key LIKE 'half-saved-%'").scalar() == 0
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        database.dispose()


# --- damage found before it spreads ----------------------------------------------------

def test_index_damage_that_the_quick_check_misses_is_found_on_open(team_file: Path) -> None:
    from file_damage import damage_an_index, quick_check

    from db.enums import GoalLevel
    from desktop import goals

    database = open_database(team_file)
    uow = UnitOfWork(database)
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q3", "Leads",
                                                  "leads", 10))
    goals.record_measurement(uow, goal.id, date(2026, 7, 1), 1, "first")
    database.dispose()
    open_database(team_file).dispose()  # passes the full check, which is remembered
    damage_an_index(team_file)  # a write: the file's state changes, so it is checked again
    assert quick_check(team_file) == "ok"
    before = team_file.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="missing from index"):
        open_database(team_file)
    assert team_file.read_bytes() == before  # never written to


def test_an_unchanged_file_is_not_checked_in_full_twice(team_file: Path) -> None:
    from db import integrity

    header = opening.header_of(team_file)
    assert not integrity.checked_before(team_file, header)
    open_database(team_file).dispose()
    assert integrity.checked_before(team_file, opening.header_of(team_file))
    database = open_database(team_file)  # a save changes the change counter
    people.create_person(UnitOfWork(database), PersonInput("Ana", Department.PR))
    database.dispose()
    assert not integrity.checked_before(team_file, opening.header_of(team_file))


def test_the_kind_of_folder_is_read_from_the_mount_table(tmp_path: Path) -> None:
    from db.share_kind import ShareKind, kind_of_type, parse_bsd_mounts, share_of

    table = "\n".join([
        "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
        "40 22 0:40 / /mnt/team rw,nosuid - fuse.sshfs ana@files:/srv/team rw,user_id=0",
        "41 22 0:41 / /mnt/smb rw,nosuid - fuse.smbnetfs smbnetfs rw",
        "42 22 0:42 / /mnt/office\\040share rw - cifs //files/office rw,vers=3.0",
        "43 22 0:43 / /mnt/nfs rw - nfs4 files:/export rw",
        "44 22 0:44 / /mnt/other rw - fuse.gvfsd-fuse gvfsd-fuse rw",
        "45 22 0:45 / /mnt/cloud rw - fuse.rclone remote: rw",
    ])
    kinds = {where: share_of(Path(where) / "team.cgdb", table).kind for where in (
        "/srv/data", "/mnt/team", "/mnt/smb/files/team", "/mnt/office share", "/mnt/nfs",
        "/mnt/other", "/mnt/cloud", "/mnt/teamwork")}
    assert kinds == {
        "/srv/data": ShareKind.LOCAL, "/mnt/team": ShareKind.SSHFS,
        "/mnt/smb/files/team": ShareKind.SMB_FUSE, "/mnt/office share": ShareKind.CIFS,
        "/mnt/nfs": ShareKind.NFS, "/mnt/other": ShareKind.OTHER_FUSE,
        "/mnt/cloud": ShareKind.CLOUD_SYNC, "/mnt/teamwork": ShareKind.LOCAL}
    assert share_of(tmp_path / "Dropbox" / "team.cgdb", table).kind is ShareKind.CLOUD_SYNC
    mac = parse_bsd_mounts("/dev/disk1s1 on / (apfs, local, journaled)\n"
                           "//files/team on /Volumes/team (smbfs, nodev, nosuid)")
    assert [(point, kind_of_type(fstype)) for point, fstype, _source in mac] == [
        ("/", ShareKind.LOCAL), ("/Volumes/team", ShareKind.CIFS)]
    assert [k for k in ShareKind if k.trusts_file_locks] == [ShareKind.LOCAL, ShareKind.UNKNOWN]


def test_a_lock_test_that_cannot_run_counts_as_failed(team_file: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from db.locking import Locking

    monkeypatch.setattr(opening, "check_locking", lambda _path: Locking.UNTESTED)
    database = open_database(team_file)
    try:
        assert database.lease is not None  # one editor at a time, never several
        assert opening.UNTESTED_LOCKING_WARNING in database.warnings
    finally:
        database.dispose()



@pytest.fixture
def cut_off_save(team_file: Path) -> Path:
    """A save killed midway: a hot journal beside a half-written file."""
    import signal
    import subprocess
    import sys

    writer = subprocess.Popen([sys.executable, "-c", CUT_OFF_SAVE, str(team_file)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "mid-save"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert team_file.with_name(team_file.name + "-journal").stat().st_size > 0
    return team_file


def _as_if_the_journal_looked_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a share's client that still serves the journal's old size (sshfs: for 20 s)."""
    roll_back = opening._roll_back_interrupted_save

    def stale_look(path: Path, header: bytes, *, force: bool = False) -> None:
        if force:
            roll_back(path, header, force=True)

    monkeypatch.setattr(opening, "_roll_back_interrupted_save", stale_look)


def test_a_cut_off_save_missed_by_a_stale_look_is_rolled_back_not_called_damage(
        cut_off_save: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_if_the_journal_looked_empty(monkeypatch)
    report = opening.inspect_file(cut_off_save)
    assert report.integrity == "ok"
    with sqlite3.connect(cut_off_save) as connection:
        assert connection.execute(
            "SELECT count(*) FROM team_settings WHERE key LIKE 'half-saved-%'").fetchone()[0] == 0


def test_a_reader_meeting_a_cut_off_save_it_may_not_roll_back_is_told_busy(
        cut_off_save: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from db.errors import BusyError

    _as_if_the_journal_looked_empty(monkeypatch)
    monkeypatch.setattr(opening, "_hot_journal", lambda _path: False)  # the same stale look
    with pytest.raises(BusyError, match="in the middle of a save"):
        opening.inspect_file(cut_off_save, roll_back=False)
    journal = cut_off_save.with_name(cut_off_save.name + "-journal")
    assert journal.stat().st_size > 0  # left for the editor to finish
