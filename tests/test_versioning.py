"""Saving over someone else's save: different fields merge, the same field is a conflict."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from db.enums import Department, GoalLevel, GoalStatus
from desktop import goals
from desktop.errors import ConflictError
from desktop.merge import take_theirs

pytestmark = pytest.mark.both_backends
ROOT = Path(__file__).resolve().parent.parent
QUARTER = "2026-Q3"


@pytest.fixture
def goal(uow, team) -> goals.Goal:
    return goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                  "leads", 400, notes="first notes"))


def test_edits_of_different_fields_merge_without_asking(uow, team, goal) -> None:
    priya = uow.as_person(team[Department.MARKETING].id)
    goals.update_goal(priya, goal.id, goal.version, replace(goal.as_input(), target=450))
    merged = goals.update_goal(uow, goal.id, goal.version,
                               replace(goal.as_input(), notes="my notes"))
    assert (merged.target, merged.notes) == (450, "my notes")
    assert goals.get_goal(uow, goal.id).version == goal.version + 2


def test_the_same_field_changed_by_both_is_a_conflict_with_both_sides(uow, team, goal) -> None:
    priya = uow.as_person(team[Department.MARKETING].id)
    goals.update_goal(priya, goal.id, goal.version,
                      replace(goal.as_input(), target=450, notes="theirs"))
    with pytest.raises(ConflictError) as caught:
        goals.update_goal(uow, goal.id, goal.version,
                          replace(goal.as_input(), target=500, title="Leads (mine)"))
    conflict = caught.value
    assert conflict.theirs_changed == ("notes", "target")
    assert conflict.mine_changed == ("target", "title")
    assert conflict.stored["target"] == 450 and conflict.attempted["target"] == 500
    assert conflict.base["target"] == 400
    assert goals.get_goal(uow, goal.id).target == 450  # nothing of mine was stored


def test_the_same_value_typed_by_both_still_asks(uow, team, goal) -> None:
    """Two people adding one to a figure from the same version must not make one addition."""
    goals.update_goal(uow.as_person(team[Department.PR].id), goal.id, goal.version,
                      replace(goal.as_input(), target=401))
    with pytest.raises(ConflictError):
        goals.update_goal(uow, goal.id, goal.version, replace(goal.as_input(), target=401))


def test_picking_per_field_saves_the_choice(uow, team, goal) -> None:
    priya = uow.as_person(team[Department.MARKETING].id)
    goals.update_goal(priya, goal.id, goal.version, replace(
        goal.as_input(), target=450, status=GoalStatus.MET, department=None))
    mine = replace(goal.as_input(), target=500, status=GoalStatus.MISSED)
    with pytest.raises(ConflictError) as caught:
        goals.update_goal(uow, goal.id, goal.version, mine)
    chosen = take_theirs(mine, caught.value.stored, ["status"])
    assert chosen.status is GoalStatus.MET and chosen.target == 500
    saved = goals.update_goal(uow, goal.id, caught.value.stored_version, chosen)
    assert (saved.target, saved.status) == (500, GoalStatus.MET)


def test_take_theirs_restores_types_from_plain_values() -> None:
    data = goals.GoalInput(GoalLevel.DEPARTMENT, QUARTER, "t", "m", 1.0,
                           department=Department.PR, parent_id=3)
    back = take_theirs(data, {"department": "sales", "target": 7, "parent_id": None,
                              "level": "corporate"}, ["department", "target", "parent_id",
                                                      "level"])
    assert back.department is Department.SALES and back.level is GoalLevel.CORPORATE
    assert back.target == 7.0 and isinstance(back.target, float) and back.parent_id is None


def test_deleting_a_record_someone_just_edited_asks(uow, team, goal) -> None:
    goals.update_goal(uow.as_person(team[Department.PR].id), goal.id, goal.version,
                      replace(goal.as_input(), target=450))
    with pytest.raises(ConflictError) as caught:
        goals.delete_goal(uow, goal.id, goal.version)
    assert not caught.value.deleted


SAVER = textwrap.dedent("""
    import sys, time
    from dataclasses import replace
    from db.database import open_database
    from db.unit_of_work import UnitOfWork
    from desktop import goals
    from desktop.errors import ConflictError

    target, goal_id, version, start_at, value = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    database = open_database(target, test_locking=False)
    uow = UnitOfWork(database)
    seen = replace(goals.get_goal(uow, goal_id), version=version)
    while time.time() < start_at:
        time.sleep(0.001)
    try:
        goals.update_goal(uow, goal_id, version, replace(seen.as_input(), target=value))
        print("commit")
    except ConflictError:
        print("conflict")
""")


@pytest.mark.slow
def test_two_people_saving_the_same_record_from_the_same_version(uow, team, goal) -> None:
    """Two processes, same version, same field, same instant: one commit and one conflict."""
    target = uow.database.target
    start_at = time.time() + 1.5
    savers = [subprocess.Popen([sys.executable, "-c", SAVER, target, str(goal.id),
                                str(goal.version), str(start_at), str(value)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for value in (450, 500)]
    outcomes = []
    for saver in savers:
        out, err = saver.communicate(timeout=60)
        assert saver.returncode == 0, err
        outcomes.append(out.strip())
    assert sorted(outcomes) == ["commit", "conflict"]
    final = goals.get_goal(uow, goal.id)
    assert final.version == goal.version + 1
    assert final.target == (450 if outcomes[0] == "commit" else 500)
