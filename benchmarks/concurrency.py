"""Fault figures for one shared team file: many writers, killed writers, a held lock.

    python benchmarks/concurrency.py [--processes 8] [--writes 500] [--kills 200]
                                     [--hold 30] [--only writers|kills|lock] [--json]
    python benchmarks/concurrency.py --paths MOUNT_A/team.cgdb MOUNT_B/team.cgdb
                                     [--hand-over 25] [--unsafe] [--only writers|kills]

Prints, each on its own line:

- writers: N processes making M writes each on one file at the same time: rows
  committed, lost updates, unhandled errors, p50 and p95 commit latency;
- kills: a writer killed with SIGKILL at a random moment during a write, K
  times: how often the integrity check passed, the last committed change was
  there and the uncommitted one was not;
- lock: another process holds the write lock for S seconds while the window
  saves: the longest the GUI thread went without its event loop, and what the
  status bar said.

With ``--json`` (``make bench``) the writers' median commit latency also goes
to the one table, next to its floor: one writer alone making the same writes.

With ``--paths`` (one network share reached through two mounts, as two computers
reach it: ``tests/shares.py up`` makes such a bed) the writers run on one side, then
spread over both sides, and the killed writer is on each side in turn, checked from
the other; each line says which mode the app chose for the share and why. Under a
lease the writers take turns (each hands it over after ``--hand-over`` writes and
queues for it again); ``--unsafe`` trusts the share's locks instead, to show what
that mode costs.

The tests run the same scenarios at a small size (tests/test_faults.py, and across
the mounts of the test bed tests/test_shares.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _folder in (ROOT, ROOT / "benchmarks"):  # also when imported by the tests alone
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
from _table import Figure, add_json_flag, print_json  # noqa: E402

# --------------------------------------------------------------------------- the writers


def _open_for_writing(path: str, unsafe: bool):
    """Open the file as the app does; where one person edits at a time, wait for the lease
    (the way a person's typing waits for it), and count how often it was someone else's."""
    from db import lease as leases
    from db.database import open_database
    from db.errors import BusyError
    from db.share_kind import Share, ShareKind

    forced = Share(ShareKind.LOCAL) if unsafe else None
    waits = 0
    while True:
        if not unsafe and leases.read_lease(Path(path)) is not None:
            waits += 1
            while (held := leases.read_lease(Path(path))) is not None and not (
                    held.released or held.holder_is_gone() or held.is_stale()):
                time.sleep(0.02 + random.random() * 0.03)
        held = leases.read_lease(Path(path))  # a stale lease is taken over, as after a
        try:                                  # confirmation
            database = open_database(path, test_locking=False, share=forced,
                                     break_stale_lease=bool(held and held.is_stale()))
        except BusyError:  # someone took the lease first and is saving: "try again"
            waits += 1
            time.sleep(0.05)
            continue
        if not database.read_only:
            return database, waits
        database.dispose()
        if database.lease_holder is None:
            raise RuntimeError(f"the file opened read-only: {database.read_only_reason}")


def writer(path: str, goal_id: int, start_at: float, writes: int, tag: str, hold: int,
           unsafe: bool) -> None:
    """One process: each write adds a measurement and adds one to the goal's target,
    in one transaction, so a lost update would show in the final target.

    Under a lease, the writer hands it over after ``hold`` writes and waits for it again,
    so the writers on both mounts take turns many times during a run."""
    from datetime import date

    from db import models as m
    from db.errors import ReadOnlyError, sqlite_error_name
    from db.unit_of_work import UnitOfWork

    latencies: list[float] = []
    errors: list[str] = []
    refused: list[str] = []
    while time.time() < start_at:
        time.sleep(0.001)
    database, waits = _open_for_writing(path, unsafe)
    held = 0
    for number in range(writes):
        if database.lease is not None and held >= hold:
            database.dispose()  # hand the lease over, then queue for it again
            time.sleep(0.02)
            database, more = _open_for_writing(path, unsafe)
            waits, held = waits + more, 0
        started = time.perf_counter()
        try:
            with UnitOfWork(database).write() as session:
                goal = session.get(m.Goal, goal_id)
                goal.target = goal.target + 1
                session.add(m.GoalMeasurement(goal_id=goal_id, measured_on=date(2026, 7, 1),
                                              value=number, note=f"{tag}-{number}"))
        except ReadOnlyError as error:  # refused, and told so: what a person would see
            refused.append(error.message)
            continue
        except Exception as error:
            errors.append(f"{type(error).__name__} {sqlite_error_name(error)}: {error}")
            continue
        finally:
            held += 1
        latencies.append(time.perf_counter() - started)
    database.dispose()
    print(json.dumps({"latencies": latencies, "errors": errors, "refused": refused,
                      "waits": waits}), flush=True)


@dataclass(frozen=True)
class WriterFigures:
    processes: int
    writes: int
    committed: int
    lost_updates: int
    errors: int
    p50_ms: float
    p95_ms: float
    acknowledged: int = 0
    refused: int = 0
    hand_overs: int = 0
    integrity: str = "ok"
    mounts: int = 1
    first_error: str = ""

    @property
    def acknowledged_missing(self) -> int:
        """Saves the writer was told succeeded that are not in the file."""
        return max(0, self.acknowledged - self.committed)

    def text(self) -> str:
        where = f" across {self.mounts} mounts" if self.mounts > 1 else ""
        extra = ""
        if self.hand_overs:
            extra += f", lease waits {self.hand_overs}"
        if self.refused:
            extra += f", refused and reported {self.refused}"
        if self.acknowledged_missing:
            extra += f", ACKNOWLEDGED BUT MISSING {self.acknowledged_missing}"
        if self.first_error:
            extra += f" (first error: {self.first_error[:160]})"
        return (f"writers: {self.processes} processes x {self.writes} writes{where}: rows "
                f"committed = {self.committed:,} of {self.processes * self.writes:,}, lost "
                f"updates {self.lost_updates}, unhandled errors {self.errors}, integrity "
                f"{self.integrity}; commit latency p50 {self.p50_ms:.1f} ms, p95 "
                f"{self.p95_ms:.1f} ms{extra}")


def _new_team_file(folder: Path) -> tuple[Path, int]:
    from db.database import create_database
    from db.enums import GoalLevel
    from db.unit_of_work import UnitOfWork
    from desktop import goals

    run = folder / f"run-{time.time_ns() // 1_000_000}"  # a share may refuse to delete
    run.mkdir()  # a file another client had open just now (SMB), so each run has its own
    path = run / "team.cgdb"
    database = create_database(path)
    goal = goals.create_goal(UnitOfWork(database), goals.GoalInput(
        GoalLevel.CORPORATE, "2026-Q3", "Leads", "leads", 1))
    database.dispose()
    with sqlite3.connect(path) as connection:  # the counter starts at zero
        connection.execute("UPDATE goals SET target = 0 WHERE id = ?", (goal.id,))
    return path, goal.id


def _same_file(path: Path, folder: Path) -> Path:
    """The run's file as seen through another mount, once that mount shows it."""
    other = folder / path.parent.name / path.name
    deadline = time.monotonic() + 30
    while not other.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return other


def run_writers(folder: Path, processes: int, writes: int, *,
                others: tuple[Path, ...] = (), hold: int = 25,
                unsafe: bool = False) -> WriterFigures:
    """``processes`` writers on the file in ``folder``; with ``others`` (the same folder
    through other mounts), the writers are spread over all the mounts in turn."""
    path, goal_id = _new_team_file(folder)
    paths = [path, *(_same_file(path, other) for other in others)]
    start_at = time.time() + 1.0 + 0.3 * processes
    workers = [subprocess.Popen(
        [sys.executable, __file__, "writer", str(paths[n % len(paths)]), str(goal_id),
         str(start_at), str(writes), f"p{n}", str(hold), "unsafe" if unsafe else "safe"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(processes)]
    latencies: list[float] = []
    errors: list[str] = []
    refused = waits = 0
    for worker in workers:
        out, err = worker.communicate(timeout=3600)
        if worker.returncode != 0:
            raise RuntimeError(f"a writer crashed: {err.strip()[-800:]}")
        result = json.loads(out.strip().splitlines()[-1])
        latencies += result["latencies"]
        errors += result["errors"]
        refused += len(result["refused"])
        waits += result["waits"]
    committed, target, integrity = _count(paths[-1], goal_id)
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0
    return WriterFigures(processes, writes, committed, int(committed - target), len(errors),
                         statistics.median(ordered) * 1000 if ordered else 0.0, p95 * 1000,
                         acknowledged=len(latencies), refused=refused, hand_overs=waits,
                         integrity=integrity, mounts=len(paths),
                         first_error=errors[0] if errors else "")


def _count(path: Path, goal_id: int) -> tuple[int, int, str]:
    """Rows, target and the full integrity check once every writer has ended (a journal
    left behind by a failed save is rolled back first, as the app's next editor would)."""
    journal = path.with_name(path.name + "-journal")
    hot = journal.exists() and journal.stat().st_size > 0
    connection = _checker(path)
    try:
        integrity = ", ".join(r[0] for r in connection.execute("PRAGMA integrity_check"))
        try:
            committed = connection.execute("SELECT count(*) FROM goal_measurements").fetchone()[0]
            target = connection.execute("SELECT target FROM goals WHERE id = ?",
                                        (goal_id,)).fetchone()[0]
        except sqlite3.DatabaseError:
            committed, target = 0, 0
    except sqlite3.DatabaseError as error:
        return 0, 0, f"damaged: {error}"
    finally:
        connection.close()
    return int(committed), int(target), integrity[:200] + (
        " (after rolling back a journal left behind)" if hot else "")


# --------------------------------------------------------------------------- the kills


def killed_writer(path: str) -> None:
    """Writes numbered changes until killed: says "begin N" before and "commit N" after each.

    Each change, in one transaction: a measurement noted N, the goal's target set to
    N, and a padding setting big enough that pages spill to the file before commit."""
    from datetime import date

    from db import models as m
    from db.database import open_database
    from db.unit_of_work import UnitOfWork

    database = open_database(path, test_locking=False)
    uow = UnitOfWork(database)
    number = 0
    while True:
        number += 1
        print(f"begin {number}", flush=True)
        with uow.write() as session:
            goal = session.get(m.Goal, 1)
            goal.target = number
            session.add(m.GoalMeasurement(goal_id=1, measured_on=date(2026, 7, 1),
                                          value=number, note=f"k{number}"))
            session.add(m.TeamSetting(key=f"pad-{number}", value="x" * random.randint(10,
                                                                                       60_000)))
        print(f"commit {number}", flush=True)


@dataclass(frozen=True)
class KillFigures:
    runs: int
    integrity_ok: int
    last_commit_kept: int
    uncommitted_absent: int
    opened_by_app: int
    mounts: int = 1

    @property
    def all_good(self) -> bool:
        return self.runs == self.integrity_ok == self.last_commit_kept == \
            self.uncommitted_absent == self.opened_by_app

    def text(self) -> str:
        where = f" across {self.mounts} mounts" if self.mounts > 1 else ""
        return (f"kills: {self.runs} writers killed mid-write{where}: integrity check passed "
                f"{self.integrity_ok}/{self.runs}, last committed change kept "
                f"{self.last_commit_kept}/{self.runs}, uncommitted change absent "
                f"{self.uncommitted_absent}/{self.runs}, file opened for editing by the "
                f"app {self.opened_by_app}/{self.runs}")


def _checker(path: Path) -> sqlite3.Connection:
    """A plain connection for the checks, journalling as the app does on a share (the
    journal is truncated, never deleted: a client that still sees a deleted journal in
    its cache cannot create it again for a moment, "unable to open database file")."""
    from db.share_kind import share_of

    deadline = time.monotonic() + 10
    while True:
        connection = sqlite3.connect(path, timeout=30)  # writable: rolls back a hot journal
        try:
            if not share_of(path).kind.trusts_file_locks:
                connection.execute("PRAGMA journal_mode = TRUNCATE")
            return connection
        except sqlite3.OperationalError:
            connection.close()
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def _state(path: Path) -> tuple[str, int, set[int], set[int]]:
    connection = _checker(path)
    try:
        check = ", ".join(r[0] for r in connection.execute("PRAGMA integrity_check"))
        target = int(connection.execute("SELECT target FROM goals WHERE id = 1").fetchone()[0])
        notes = {int(r[0][1:]) for r in connection.execute(
            "SELECT note FROM goal_measurements WHERE note LIKE 'k%'")}
        pads = {int(r[0][4:]) for r in connection.execute(
            "SELECT key FROM team_settings WHERE key LIKE 'pad-%'")}
    finally:
        connection.close()
    return check, target, notes, pads


def run_kills(folder: Path, runs: int, *, seed: int = 7,
              others: tuple[Path, ...] = ()) -> KillFigures:
    """With ``others`` (the same folder through other mounts), the writer killed is on
    each mount in turn, and the file is opened and checked through the next one."""
    from db.database import open_database

    rng = random.Random(seed)
    first_path, _goal_id = _new_team_file(folder)
    paths = [first_path, *(_same_file(first_path, other) for other in others)]
    integrity_ok = kept = absent = opened = 0
    for run in range(runs):
        killed_on, path = paths[run % len(paths)], paths[(run + 1) % len(paths)]
        process = subprocess.Popen([sys.executable, __file__, "killed-writer", str(killed_on)],
                                   cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        first = process.stdout.readline()  # started writing: imports are done
        if not first.startswith("begin"):
            raise RuntimeError("the writer did not start")
        time.sleep(rng.uniform(0.0, 0.15))
        process.send_signal(signal.SIGKILL)
        rest = process.stdout.read()
        process.wait()
        lines = [first.strip(), *rest.split("\n")]
        committed = [int(line.split()[1]) for line in lines if line.startswith("commit")]
        begun = [int(line.split()[1]) for line in lines if line.startswith("begin")]
        try:
            reopened = open_database(path, test_locking=False)
            opened += not reopened.read_only
            if reopened.read_only:
                print(f"  read-only after a kill: {reopened.read_only_reason}", file=sys.stderr)
            reopened.dispose()
        except Exception as error:
            print(f"  the app could not open the file after a kill: {error}", file=sys.stderr)
        check, target, notes, pads = _state(path)
        integrity_ok += check == "ok"
        last_commit = max(committed, default=None)
        kept += last_commit is None or (last_commit in notes and target >= last_commit)
        # The change in flight when the kill came is either all there (it committed just
        # before) or not at all: every change's three rows agree, none half-written.
        whole = notes == pads and target == max(notes, default=0)
        absent += whole and max(notes, default=0) <= max(begun, default=0)
        _reset_goal(path)
    return KillFigures(runs, integrity_ok, kept, absent, opened, len(paths))


def _reset_goal(path: Path) -> None:
    """Start the next run from a clean slate, so each run is judged on its own."""
    deadline = time.monotonic() + 10
    while True:
        connection = _checker(path)
        try:
            with connection:
                connection.execute("DELETE FROM goal_measurements")
                connection.execute("DELETE FROM team_settings WHERE key LIKE 'pad-%'")
                connection.execute("UPDATE goals SET target = 0 WHERE id = 1")
            return
        except sqlite3.OperationalError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
        finally:
            connection.close()


# --------------------------------------------------------------------------- the held lock

HOLD = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


def run_lock(folder: Path, seconds: float) -> str:
    """The window saves while another process holds the lock for ``seconds``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from db.enums import Department
    from desktop import people, presence
    from desktop.team_file import UnitOfWork, create_database
    from ui.shell.main_window import MainWindow
    from ui.shell.tasks import task_manager

    app = QApplication.instance() or QApplication([])
    path = folder / "lock.cgdb"
    database = create_database(path)
    uow = UnitOfWork(database)
    me = people.create_person(uow, people.PersonInput("Zoë Müller", Department.LEADERSHIP))
    holder_person = people.create_person(uow, people.PersonInput("Priya Nair",
                                                                 Department.MARKETING))
    presence.join(database, holder_person.id)
    window = MainWindow()
    window.open_target(path, person_id=me.id)
    window.show()
    task_manager().wait_idle(10_000)
    window.live.refresh_presence()
    task_manager().wait_idle(10_000)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    longest, last = 0.0, time.monotonic()

    def tick() -> None:
        nonlocal longest, last
        now = time.monotonic()
        longest, last = max(longest, now - last), now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    started = time.monotonic()
    saved: list[object] = []
    task_manager().write(lambda: people.create_person(uow, people.PersonInput(
        "Saved after the wait", Department.PR)), on_success=saved.append)
    said = ""
    while not saved and time.monotonic() - started < seconds + 60:
        app.processEvents()
        said = window.save_label.text() or said
        time.sleep(0.002)
    timer.stop()
    holder.wait()
    waited = time.monotonic() - started
    window.close()
    task_manager().wait_idle(10_000)
    database.dispose()
    return (f"lock: held by another process for {seconds:g} s: the save landed after "
            f"{waited:.1f} s, the GUI thread was never blocked for more than "
            f"{longest * 1000:.0f} ms, the status bar said: \"{said}\"")


# --------------------------------------------------------------------------- main

def main(argv: list[str]) -> int:
    if argv and argv[0] == "writer":
        writer(argv[1], int(argv[2]), float(argv[3]), int(argv[4]), argv[5], int(argv[6]),
               argv[7] == "unsafe")
        return 0
    if argv and argv[0] == "killed-writer":
        killed_writer(argv[1])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--writes", type=int, default=500)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--hold", type=float, default=30.0)
    parser.add_argument("--only", choices=("writers", "kills", "lock"))
    parser.add_argument("--paths", nargs="+", type=Path, metavar="FILE",
                        help="the team file as reached through each mount of one share "
                             "(MOUNT_A/team.cgdb MOUNT_B/team.cgdb): the writers and kills "
                             "run across them; the file is made there")
    parser.add_argument("--hand-over", type=int, default=25, metavar="N",
                        help="under a lease, a writer hands it over after N writes")
    parser.add_argument("--sides", choices=("one", "two", "both"), default="both",
                        help="with --paths: the writers on one side only, spread over "
                             "two sides only, or both runs (the default)")
    parser.add_argument("--unsafe", action="store_true",
                        help="trust the share's file locks (several editors), to measure "
                             "what the app's chosen mode avoids")
    add_json_flag(parser)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        from desktop.self_test import keep_user_folders_inside

        keep_user_folders_inside(Path(temporary))  # no backups or recent files in the person's folders
        folders = {name: Path(temporary) / name for name in ("writers", "kills", "lock", "solo")}
        for folder in folders.values():
            folder.mkdir()
        if args.paths:
            return _on_share(args)
        if args.only in (None, "writers"):
            many = run_writers(folders["writers"], args.processes, args.writes)
            print(many.text(), flush=True)
            if args.json:
                alone = run_writers(folders["solo"], 1, args.writes)
                print_json([Figure("concurrency", f"commit, {args.processes} writers at once",
                                   many.p50_ms / 1000, "one writer alone", alone.p50_ms / 1000,
                                   args.writes, f"p95 {many.p95_ms:.0f} ms")])
        if args.only in (None, "kills"):
            print(run_kills(folders["kills"], args.kills).text(), flush=True)
        if args.only in (None, "lock"):
            print(run_lock(folders["lock"], args.hold), flush=True)
    return 0


def _on_share(args: argparse.Namespace) -> int:
    """The writers and kills on a share: one side alone, then across every mount."""
    from db.database import share_warning
    from db.share_kind import share_of

    folders = [path.parent for path in args.paths]
    share = share_of(args.paths[0])
    chosen = "several editors (its locks trusted: --unsafe)" if args.unsafe else (
        "several editors" if share.kind.trusts_file_locks else "one editor at a time")
    print(f"share: {share.describe()} at {share.mount_point}, {len(folders)} mounts; "
          f"mode: {chosen}", flush=True)
    if not args.unsafe and not share.kind.trusts_file_locks:
        print(f"  why: {share_warning(share)}", flush=True)
    unsafe = bool(args.unsafe)
    if args.only in (None, "writers") and args.sides in ("one", "both"):
        one = run_writers(folders[0], args.processes, args.writes, hold=args.hand_over,
                          unsafe=unsafe)
        print(f"one side: {one.text()}", flush=True)
    if args.only in (None, "writers") and args.sides in ("two", "both"):
        both = run_writers(folders[0], args.processes, args.writes, others=tuple(folders[1:]),
                           hold=args.hand_over, unsafe=unsafe)
        print(f"both sides: {both.text()}", flush=True)
    if args.only in (None, "kills"):
        print(run_kills(folders[0], args.kills, others=tuple(folders[1:])).text(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
