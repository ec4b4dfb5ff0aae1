"""Several OS processes writing to one team file at the same time lose nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from db.enums import GoalLevel
from desktop import goals

ROOT = Path(__file__).resolve().parent.parent
WRITES = 40

WORKER = textwrap.dedent("""
    import sys, time
    from dataclasses import replace
    from datetime import date
    from db.database import open_database
    from db.unit_of_work import UnitOfWork
    from desktop import goals
    from desktop.errors import ConflictError

    path, goal_id, start_at, writes, tag = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    database = open_database(path)
    uow = UnitOfWork(database)
    while time.time() < start_at:
        time.sleep(0.001)
    conflicts = 0
    for i in range(writes):
        goals.record_measurement(uow, goal_id, date(2026, 7, 1), i, f"{tag}-{i}")
        while True:  # read, modify, write: a lost update would show in the final target
            seen = goals.get_goal(uow, goal_id)
            try:
                goals.update_goal(uow, goal_id, seen.version,
                                  replace(seen.as_input(), target=seen.target + 1))
                break
            except ConflictError:
                conflicts += 1
    print(conflicts)
""")


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(uow, db_path: Path) -> None:
    goal = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q3", "Leads",
                                                  "leads", 1000))
    start_at = time.time() + 2.0
    workers = [subprocess.Popen(
        [sys.executable, "-c", WORKER, str(db_path), str(goal.id), str(start_at), str(WRITES), tag],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for tag in ("a", "b")]
    results = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_out, err) in zip(workers, results):
        assert worker.returncode == 0, err
    notes = sorted(m.note for m in goals.list_measurements(uow, goal.id))
    assert notes == sorted(f"{tag}-{i}" for tag in "ab" for i in range(WRITES))
    final = goals.get_goal(uow, goal.id)
    assert final.target == 1000 + 2 * WRITES
    assert final.version == goal.version + 2 * WRITES
