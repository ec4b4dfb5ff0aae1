"""Two computers, one file: the fault tests across two client mounts of one real share.

The bed (``tests/shares.py``) serves an sshfs and an SMB share on loopback and mounts
each twice; side A and side B are the same folder seen by two clients, as by two
computers. Where a share cannot be set up the tests skip with the reason; with
``REQUIRE_SHARES=1`` (CI) they fail instead. Kernel CIFS and NFS are skipped with
the reason where the kernel has no client for them.

The sizes are small (2 writers x 30 writes per side, a few kills);
``benchmarks/concurrency.py --paths A/team.cgdb B/team.cgdb`` runs them at full size.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import shares as bed
from file_damage import damage_an_index, quick_check

from db import lease as leases
from db import schema
from db.database import create_database, open_database
from db.enums import GoalLevel
from db.errors import ConflictError, CorruptDatabaseError, ReadOnlyError, ShareRefusedError
from db.locking import Locking, check_locking
from db.share_kind import ShareKind, share_of
from db.unit_of_work import UnitOfWork
from desktop import backups, goals

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"sshfs": ShareKind.SSHFS, "smbnetfs": ShareKind.SMB_FUSE}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def bed_state() -> Iterator[bed.BedState]:
    already = any(
        bed._mounted(bed.root() / "mnt" / name) for name in ("sshfs-a", "smb-a"))
    state = bed.up()
    yield state
    if not already:
        bed.down()


@pytest.fixture(params=sorted(KINDS))
def share(request: pytest.FixtureRequest, bed_state: bed.BedState) -> bed.Share:
    kind = request.param
    found = [s for s in bed_state.shares if s.kind == kind]
    if not found:
        problem = bed_state.skipped.get(kind, "it was not set up")
        if os.environ.get("REQUIRE_SHARES") == "1":
            pytest.fail(f"REQUIRE_SHARES=1 but the {kind} share is not there: {problem}",
                        pytrace=False)
        pytest.skip(f"no {kind} share: {problem}")
    return found[0]


@pytest.mark.parametrize("kind", ["cifs", "nfs"])
def test_kernel_share_clients(kind: str) -> None:
    """Kernel CIFS and NFS mounts: on the bed only where the kernel has the client."""
    reason = bed.kernel_clients().get(kind)
    if reason:
        pytest.skip(reason)
    pytest.skip(f"the kernel has a {kind} client, but the bed mounts only FUSE clients")


@pytest.fixture
def sides(share: bed.Share) -> Iterator[tuple[Path, Path]]:
    """A fresh folder on the share, as seen from side A and from side B."""
    name = f"t-{time.time_ns()}"
    (share.a / name).mkdir()
    b = share.b / name
    deadline = time.monotonic() + 20
    while not b.is_dir():
        assert time.monotonic() < deadline, "side B never saw the folder side A made"
        time.sleep(0.05)
    yield share.a / name, b
    shutil.rmtree(share.a / name, ignore_errors=True)


def _team_file(a: Path, b: Path) -> tuple[Path, Path, int]:
    database = create_database(a / "team.cgdb")
    goal = goals.create_goal(UnitOfWork(database), goals.GoalInput(
        GoalLevel.CORPORATE, "2026-Q3", "Leads", "leads", 10))
    database.dispose()
    deadline = time.monotonic() + 20
    while not (b / "team.cgdb").exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return a / "team.cgdb", b / "team.cgdb", goal.id


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from db import lease as leases
    lease = leases.acquire(Path(sys.argv[1]), sys.argv[2])
    print("held", flush=True)
    sys.stdin.read()
    lease.release()
""")


class OtherComputer:
    """Someone editing through the other mount: another process holding the lease there
    (two instances in one process would count as one editor)."""

    def __init__(self, path: Path, person: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), person],
                                        cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "held"

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def _scenarios():
    spec = importlib.util.spec_from_file_location("concurrency",
                                                  ROOT / "benchmarks" / "concurrency.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["concurrency"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


# --------------------------------------------------------------------------- the mode


def test_the_share_is_recognised_and_one_person_edits_at_a_time(
        share: bed.Share, sides: tuple[Path, Path]) -> None:
    a, b, goal_id = _team_file(*sides)
    assert share_of(a).kind is KINDS[share.kind]
    # The old self-test is fooled: its second process uses the same mount, so it is
    # refused; it proves nothing about the other computer.
    assert check_locking(a) is Locking.WORKS
    editor = open_database(a)
    try:
        assert not editor.read_only and editor.lease is not None
        assert any("network share" in warning for warning in editor.warnings)
    finally:
        editor.dispose()
    assert leases.read_lease(b) is None  # given back, and side B sees it gone
    ana = OtherComputer(a, "Ana Lima")
    try:
        reader = open_database(b)
        try:
            assert reader.read_only
            assert "Ana Lima" in reader.read_only_reason
            assert "is editing this file" in reader.read_only_reason
            with pytest.raises(ReadOnlyError, match="Ana Lima"):
                goals.record_measurement(UnitOfWork(reader), goal_id, date(2026, 7, 1), 1, "b")
            assert goals.get_goal(UnitOfWork(reader), goal_id).target == 10  # B reads
        finally:
            reader.dispose()
    finally:
        ana.close()


RACER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from db import lease as leases
    path, start_at = Path(sys.argv[1]), float(sys.argv[2])
    while time.time() < start_at:
        time.sleep(0.001)
    try:
        lease = leases.acquire(path)
    except leases.LeaseHeldError:
        print("refused", flush=True)
        sys.exit(0)
    print("took", flush=True)
    time.sleep(3)
    lease.release()
""")

#: Takers racing to make the lease, round after round, each round on a new name.
MAKER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from db import lease as leases
    folder, start_at, rounds = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    as_folder = sys.argv[4] == "folder"
    for number in range(rounds):
        while time.time() < start_at + number * 0.3:
            pass  # spinning, not sleeping: the takers start within microseconds
        try:
            leases._make_exclusively(folder / f"race-{number}.lease", as_folder=as_folder)
            print("took", flush=True)
        except FileExistsError:
            print("refused", flush=True)
""")
MAKER_ROUNDS = 20


def test_a_new_team_file_on_a_share_is_edited_under_the_lease(sides: tuple[Path, Path]) -> None:
    a, b = sides
    database = open_database(a / "new.cgdb", create=True)
    try:
        assert not database.read_only and database.lease is not None
        assert leases.read_lease(b / "new.cgdb") is not None  # the other side sees it taken
    finally:
        database.dispose()


def test_the_lease_heartbeat_and_hand_over_are_seen_from_the_other_side(
        sides: tuple[Path, Path]) -> None:
    a, b, _goal_id = _team_file(*sides)
    lease = leases.acquire(a, "Ana Lima")
    lease.beat(person="Ana Lima (meeting room)")  # written beside, then renamed over it
    deadline = time.monotonic() + 30
    while (seen := leases.read_lease(b)) is None or seen.person != "Ana Lima (meeting room)":
        assert time.monotonic() < deadline, f"side B still sees {seen}"
        time.sleep(0.1)
    assert seen.token == lease.token
    lease.release()
    taken = leases.acquire(b, "Ben Okafor")  # side B takes it as soon as it is given back
    try:
        assert taken.holds()
    finally:
        taken.release()


def test_the_lease_goes_to_one_taker_across_the_mounts(sides: tuple[Path, Path]) -> None:
    a, b, _goal_id = _team_file(*sides)
    start_at = time.time() + 1.5
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(path), str(start_at)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for path in (a, b, a, b)]
    said = [racer.communicate(timeout=60) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers), [err for _out, err in said]
    assert sorted(out.strip() for out, _err in said) == ["refused"] * 3 + ["took"]


def test_making_the_lease_is_exclusive_across_the_mounts(share: bed.Share,
                                                        sides: tuple[Path, Path]) -> None:
    """Four takers, two on each side, at the same instant, round after round: one makes the
    lease, in the form the app uses on this share. (With an exclusive file create, two
    takers through smbnetfs both "created" it in 6 to 13 rounds of 40: its client creates
    every file with "create or truncate".)"""
    a, b = sides
    form = "folder" if share_of(a).kind.lease_as_folder else "file"
    start_at = time.time() + 2.0
    racers = [subprocess.Popen([sys.executable, "-c", MAKER, str(folder), str(start_at),
                                str(MAKER_ROUNDS), form],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for folder in (a, b, a, b)]
    said = [racer.communicate(timeout=120) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers), [err for _out, err in said]
    rounds = list(zip(*(out.split() for out, _err in said), strict=True))
    assert len(rounds) == MAKER_ROUNDS
    assert [one_round.count("took") for one_round in rounds] == [1] * MAKER_ROUNDS


# --------------------------------------------------------------------------- the faults


def test_writers_on_both_sides_lose_nothing(sides: tuple[Path, Path]) -> None:
    a, b = sides
    figures = _scenarios().run_writers(a, processes=4, writes=30, others=(b,), hold=15)
    print(figures.text())
    assert (figures.committed, figures.lost_updates, figures.errors) == (120, 0, 0)
    assert figures.acknowledged == 120 and figures.integrity == "ok"


def test_a_writer_killed_on_either_side_leaves_a_sound_file(sides: tuple[Path, Path]) -> None:
    a, b = sides
    figures = _scenarios().run_kills(a, runs=4, others=(b,))
    print(figures.text())
    assert figures.all_good, figures.text()


ANA_SAVES = textwrap.dedent("""
    import sys
    from dataclasses import replace
    from db.database import open_database
    from db.unit_of_work import UnitOfWork
    from desktop import goals
    database = open_database(sys.argv[1])
    uow = UnitOfWork(database)
    seen = goals.get_goal(uow, int(sys.argv[2]))
    print("open" if not database.read_only else database.read_only_reason, flush=True)
    sys.stdin.readline()
    goals.update_goal(uow, seen.id, seen.version, replace(seen.as_input(), target=20))
    database.dispose()
    print("saved", flush=True)
""")


def test_the_same_record_saved_from_both_sides_gives_one_commit_and_one_conflict(
        sides: tuple[Path, Path]) -> None:
    a, b, goal_id = _team_file(*sides)
    ana = subprocess.Popen([sys.executable, "-c", ANA_SAVES, str(a), str(goal_id)], cwd=ROOT,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert ana.stdin is not None and ana.stdout is not None
    assert ana.stdout.readline().strip() == "open"
    ben = open_database(b)  # read-only: Ana edits
    try:
        seen_by_ben = goals.get_goal(UnitOfWork(ben), goal_id)
        with pytest.raises(ReadOnlyError):
            goals.update_goal(UnitOfWork(ben), goal_id, seen_by_ben.version,
                              replace(seen_by_ben.as_input(), target=30))
    finally:
        ben.dispose()
    ana.stdin.write("save\n")
    ana.stdin.flush()
    assert ana.stdout.readline().strip() == "saved"
    ana.wait(timeout=60)
    ben = open_database(b)  # Ana handed over: Ben edits now, from what he saw before
    try:
        assert not ben.read_only, ben.read_only_reason
        for _attempt in range(3):  # SMB may refuse the journal a moment after Ana closed:
            try:                   # Ben is told so and saves again, as the message asks
                goals.update_goal(UnitOfWork(ben), goal_id, seen_by_ben.version,
                                  replace(seen_by_ben.as_input(), target=30))
            except ShareRefusedError:
                time.sleep(0.5)
                continue
            except ConflictError:
                break
            pytest.fail("Ben's save over Ana's newer version was not refused")
        else:
            pytest.fail("the share refused Ben's save three times")
        assert goals.get_goal(UnitOfWork(ben), goal_id).target == 20
    finally:
        ben.dispose()


def test_an_upgrade_waits_while_the_other_side_edits(sides: tuple[Path, Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, _goal_id = _team_file(*sides)
    with sqlite3.connect(a) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000_older'")
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", ("0000_older", *schema.KNOWN_REVISIONS))
    upgraded: list[str] = []

    def fake_upgrade(connection, guard=None) -> None:
        if guard is not None:
            guard(connection)
        if schema.read_revision(connection) != schema.HEAD_REVISION:
            upgraded.append("upgraded")
            connection.exec_driver_sql(
                f"UPDATE alembic_version SET version_num = '{schema.HEAD_REVISION}'")

    monkeypatch.setattr(schema, "upgrade_connection", fake_upgrade)
    ben = OtherComputer(b, "Ben Okafor")  # side B has it open for editing
    try:
        mine = open_database(a)
        try:
            assert mine.read_only and "Ben Okafor" in mine.read_only_reason
            assert mine.revision == "0000_older" and upgraded == []
        finally:
            mine.dispose()
    finally:
        ben.close()
    mine = open_database(a)  # Ben closed it: now it is upgraded, backed up first
    try:
        assert mine.revision == schema.HEAD_REVISION and upgraded == ["upgraded"]
    finally:
        mine.dispose()
    assert _integrity(b) == "ok"


WRITE_UNTIL_GONE = textwrap.dedent("""
    import sys
    from datetime import date
    from db.database import open_database
    from db.unit_of_work import UnitOfWork
    from desktop import goals
    from desktop.errors import DatabaseError
    database = open_database(sys.argv[1])
    uow = UnitOfWork(database)
    for number in range(100_000):
        try:
            goals.record_measurement(uow, int(sys.argv[2]), date(2026, 7, 1), number, "w")
        except DatabaseError as error:
            print("refused:", error.message, flush=True)
            break
        if number == 5:
            print("writing", flush=True)
    database.dispose()
""")


def test_the_network_folder_disappearing_mid_write(share: bed.Share,
                                                   sides: tuple[Path, Path]) -> None:
    a, b, goal_id = _team_file(*sides)
    writer = subprocess.Popen([sys.executable, "-c", WRITE_UNTIL_GONE, str(b), str(goal_id)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        bed.unmount(share, "b")  # side B's computer loses the network folder
        out, err = writer.communicate(timeout=120)
    finally:
        if writer.poll() is None:
            writer.kill()
        bed.remount(share, "b")
    assert writer.returncode == 0, err
    print(out.strip())
    assert "refused:" in out and "saved" in out  # "... nothing was saved", in words
    assert _integrity(a) == "ok"
    # Back again: the file opens from side B (the dead writer's lease is freed) and saves.
    deadline = time.monotonic() + 20
    while not b.exists():
        assert time.monotonic() < deadline
        time.sleep(0.1)
    again = open_database(b)
    try:
        assert not again.read_only, again.read_only_reason
        goals.record_measurement(UnitOfWork(again), goal_id, date(2026, 7, 2), 1, "back")
    finally:
        again.dispose()
    assert _integrity(a) == "ok"


# --------------------------------------------------------------------------- damage


def test_index_damage_is_found_on_open_and_nothing_is_written(
        sides: tuple[Path, Path]) -> None:
    a, b, goal_id = _team_file(*sides)
    goals.record_measurement(UnitOfWork(database := open_database(a)), goal_id,
                             date(2026, 7, 1), 1, "first")
    database.dispose()
    backups.back_up(a)  # the newest good backup, on this computer
    damage_an_index(b)
    assert quick_check(a) == "ok"  # the quick check misses it
    before = a.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="integrity check"):
        open_database(a)
    assert a.read_bytes() == before and leases.read_lease(a) is None
    restored = backups.restore(a)  # this computer's newest good backup goes back on the share
    assert restored.damaged_aside is not None or restored.safety_backup is not None
    database = open_database(b)  # and the other computer opens it
    try:
        assert [m.note for m in goals.list_measurements(UnitOfWork(database), goal_id)] == [
            "first"]
    finally:
        database.dispose()


def test_a_lease_being_taken_on_the_other_side_means_read_only(sides: tuple[Path, Path]) -> None:
    """A lease folder made on one side, its holder not written yet, is held on the other."""
    a, b, _goal_id = _team_file(*sides)
    leases.lease_path(a).mkdir()
    try:
        deadline = time.monotonic() + 20
        while not leases.lease_path(b).exists():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        database = open_database(b)
        try:
            assert database.read_only and "is editing this file" in database.read_only_reason
        finally:
            database.dispose()
    finally:
        leases.lease_path(a).rmdir()


WRITE_MANY = textwrap.dedent("""
    import sys
    from datetime import date
    from db.database import open_database
    from db.unit_of_work import UnitOfWork
    from desktop import goals
    database = open_database(sys.argv[1])
    assert not database.read_only, database.read_only_reason
    print("editing", flush=True)
    uow = UnitOfWork(database)
    for number in range(int(sys.argv[3])):
        goals.record_measurement(uow, int(sys.argv[2]), date(2026, 7, 1), number, "x" * 3000)
    database.dispose()
""")


def test_the_other_side_reads_while_one_side_saves_and_never_sees_damage(
        sides: tuple[Path, Path]) -> None:
    from db.errors import BusyError

    a, b, goal_id = _team_file(*sides)
    writer = subprocess.Popen([sys.executable, "-c", WRITE_MANY, str(a), str(goal_id), "30"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "editing"
    reader = open_database(b)
    counts: list[int] = []
    busy: list[str] = []
    try:
        assert reader.read_only
        while writer.poll() is None:
            try:
                counts.append(len(goals.list_measurements(UnitOfWork(reader), goal_id)))
            except BusyError as error:  # the editor is saving: said so, and read again
                busy.append(error.message)
            time.sleep(0.02)
    finally:
        reader.dispose()
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    print(f"{len(counts)} reads, {len(busy)} busy: {busy[:1]}")
    assert counts and counts == sorted(counts)  # never a step back to an older state
    assert _integrity(a) == "ok"


def test_opening_on_the_other_side_while_one_side_saves_never_says_damaged(
        sides: tuple[Path, Path]) -> None:
    from db.errors import BusyError

    a, b, goal_id = _team_file(*sides)
    writer = subprocess.Popen([sys.executable, "-c", WRITE_MANY, str(a), str(goal_id), "30"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "editing"
    opened, busy = 0, 0
    while writer.poll() is None:
        try:
            database = open_database(b)  # a CorruptDatabaseError here fails the test
        except BusyError:
            busy += 1
            continue
        editing = not database.read_only  # only once the other side has given it back
        database.dispose()
        if editing:
            break
        opened += 1
    assert writer.wait(timeout=60) == 0
    print(f"opened {opened} times read-only while the other side saved, busy {busy}")
    assert opened > 0
    assert _integrity(a) == "ok"

