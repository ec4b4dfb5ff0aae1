"""Goals: the normal path, every validation, progress, conflicts, carry-over."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from db.enums import CardKind, Department, GoalLevel, GoalStatus, Team
from desktop import board, goals
from desktop.errors import ConflictError, NotFoundError, ValidationError
from desktop.goals import GoalInput

pytestmark = pytest.mark.both_backends


@pytest.fixture
def corporate(uow, team):
    return goals.create_goal(uow, GoalInput(
        GoalLevel.CORPORATE, "2026-Q3", "400 qualified leads from healthcare", "qualified leads",
        400, "leads", owner_id=team[Department.LEADERSHIP].id))


def _department_goal(corporate: goals.Goal, **changes: object) -> GoalInput:
    data = GoalInput(GoalLevel.DEPARTMENT, "2026-Q3", "Trade press coverage", "articles", 20,
                     "articles", baseline=4, department=Department.PR, parent_id=corporate.id)
    return replace(data, **changes)


def test_create_and_list_as_a_tree(uow, corporate) -> None:
    pr = goals.create_goal(uow, _department_goal(corporate))
    sales = goals.create_goal(uow, _department_goal(
        corporate, title="Pipeline from event leads", department=Department.SALES, metric="leads"))
    goals.create_goal(uow, replace(_department_goal(corporate), quarter="2026-Q4", parent_id=None))
    tree = goals.goal_tree(goals.list_goals(uow, "2026-Q3"))
    assert [node.goal.title for node in tree] == ["400 qualified leads from healthcare"]
    assert [child.goal.id for child in tree[0].children] == [pr.id, sales.id]  # in department order
    assert goals.list_quarters(uow) == ["2026-Q3", "2026-Q4"]


def test_listing_by_department_keeps_the_corporate_goal_above(uow, corporate) -> None:
    goals.create_goal(uow, _department_goal(corporate))
    goals.create_goal(uow, _department_goal(corporate, title="MQLs", department=Department.MARKETING))
    listed = goals.list_goals(uow, "2026-Q3", Department.MARKETING)
    assert [g.title for g in listed] == ["400 qualified leads from healthcare", "MQLs"]


@pytest.mark.parametrize("changes,message", [
    ({"title": "   "}, "needs a title"),
    ({"metric": ""}, "needs a metric"),
    ({"quarter": "Q3"}, "write it like 2026-Q3"),
    ({"target": 4}, "equals the baseline"),
    ({"department": None}, "needs its department"),
    ({"quarter": "2026-Q4"}, "belongs to 2026-Q3, this goal to 2026-Q4"),
    ({"parent_id": 999}, "parent goal no longer exists"),
    ({"target": float("nan")}, "must be a number"),
])
def test_invalid_goals_are_explained_and_not_saved(uow, corporate, changes, message) -> None:
    with pytest.raises(ValidationError, match=message):
        goals.create_goal(uow, _department_goal(corporate, **changes))
    assert [g.id for g in goals.list_goals(uow, "2026-Q3")] == [corporate.id]


def test_a_department_goal_cannot_be_a_parent(uow, corporate) -> None:
    pr = goals.create_goal(uow, _department_goal(corporate))
    with pytest.raises(ValidationError, match="is a department goal"):
        goals.create_goal(uow, _department_goal(corporate, parent_id=pr.id))


def test_progress_follows_the_latest_measurement(uow, corporate) -> None:
    today = date.today()
    goals.record_measurement(uow, corporate.id, today - timedelta(days=20), 100)
    goals.record_measurement(uow, corporate.id, today - timedelta(days=2), 300, "CRM export")
    goal = goals.get_goal(uow, corporate.id)
    assert (goal.actual, goal.progress, goal.met, goal.measurement_count) == (300, 0.75, False, 2)
    goals.record_measurement(uow, corporate.id, today, 412)
    assert goals.get_goal(uow, corporate.id).met


def test_progress_of_a_goal_that_should_go_down(uow, team) -> None:
    cost = goals.create_goal(uow, GoalInput(GoalLevel.CORPORATE, "2026-Q3", "Cheaper leads",
                                            "cost per lead", 50, "EUR", baseline=80))
    goals.record_measurement(uow, cost.id, date.today(), 65)
    assert goals.get_goal(uow, cost.id).progress == pytest.approx(0.5)


def test_measurements_are_validated(uow, corporate) -> None:
    with pytest.raises(ValidationError, match="future"):
        goals.record_measurement(uow, corporate.id, date.today() + timedelta(days=1), 5)
    with pytest.raises(ValidationError, match="must be a number"):
        goals.record_measurement(uow, corporate.id, date.today(), float("inf"))
    assert goals.list_measurements(uow, corporate.id) == []


def test_edit_and_delete_with_children(uow, corporate) -> None:
    pr = goals.create_goal(uow, _department_goal(corporate))
    edited = goals.update_goal(uow, corporate.id, corporate.version,
                               replace(corporate.as_input(), target=450))
    assert edited.target == 450 and edited.version == corporate.version + 1
    with pytest.raises(ValidationError, match="has to stay a corporate goal"):
        goals.update_goal(uow, corporate.id, edited.version, replace(
            edited.as_input(), level=GoalLevel.DEPARTMENT, department=Department.PR))
    trashed = goals.delete_goal(uow, corporate.id, edited.version)
    assert set(trashed) == {corporate.id, pr.id}
    assert goals.list_goals(uow, "2026-Q3") == []
    with pytest.raises(NotFoundError):
        goals.get_goal(uow, pr.id)
    goals.restore_goals(uow, trashed)
    assert {g.id for g in goals.list_goals(uow, "2026-Q3")} == {corporate.id, pr.id}


def test_two_people_edit_the_same_goal_one_wins_the_other_sees_both(uow, team, corporate) -> None:
    """Both opened version 1; the first save wins, the second gets both sides."""
    ana = uow.as_person(team[Department.PR].id)
    ravi = uow.as_person(team[Department.SALES].id)
    seen = goals.get_goal(uow, corporate.id)
    goals.update_goal(ana, seen.id, seen.version, replace(seen.as_input(), target=450))
    with pytest.raises(ConflictError) as caught:
        goals.update_goal(ravi, seen.id, seen.version, replace(seen.as_input(), target=500,
                                                               title="500 leads"))
    conflict = caught.value
    assert conflict.stored["target"] == 450 and conflict.attempted["target"] == 500
    assert conflict.stored["title"] == seen.title and conflict.attempted["title"] == "500 leads"
    assert conflict.stored_version == seen.version + 1
    stored = goals.get_goal(uow, corporate.id)
    assert (stored.target, stored.title) == (450, seen.title)
    # Ravi chose to keep his: saving on the version he was shown succeeds.
    kept = goals.update_goal(ravi, seen.id, conflict.stored_version,
                             replace(seen.as_input(), target=500))
    assert kept.target == 500


def test_editing_a_deleted_goal_is_a_conflict_marked_deleted(uow, corporate) -> None:
    goals.delete_goal(uow, corporate.id, corporate.version)
    with pytest.raises(ConflictError) as caught:
        goals.update_goal(uow, corporate.id, corporate.version, corporate.as_input())
    assert caught.value.deleted


def test_carry_over_moves_open_goals_from_where_they_stand(uow, corporate) -> None:
    pr = goals.create_goal(uow, _department_goal(corporate))
    met = goals.create_goal(uow, _department_goal(corporate, title="Done", status=GoalStatus.MET))
    goals.record_measurement(uow, corporate.id, date.today(), 180)
    done = goals.carry_over(uow, "2026-Q3")
    assert done.to_quarter == "2026-Q4" and set(done.source_ids) == {corporate.id, pr.id}
    carried = goals.goal_tree(goals.list_goals(uow, "2026-Q4"))
    assert carried[0].goal.title == corporate.title
    assert carried[0].goal.baseline == 180 and carried[0].goal.carried_from_id == corporate.id
    assert [c.goal.title for c in carried[0].children] == [pr.title]
    old = {g.id: g.status for g in goals.list_goals(uow, "2026-Q3")}
    assert old == {corporate.id: GoalStatus.CARRIED_OVER, pr.id: GoalStatus.CARRIED_OVER,
                   met.id: GoalStatus.MET}
    assert goals.carry_over(uow, "2026-Q3").created_ids == ()  # nothing twice
    goals.undo_carry_over(uow, done)
    assert goals.list_goals(uow, "2026-Q4") == []
    assert goals.get_goal(uow, corporate.id).status is GoalStatus.ACTIVE


def test_cards_without_a_goal(uow, corporate) -> None:
    board.create_card(uow, board.CardInput("Survey press release", Team.PR,
                                           CardKind.PRESS_RELEASE, goal_id=corporate.id))
    orphan = board.create_card(uow, board.CardInput("Random listicle", Team.MARKETING,
                                                    CardKind.BLOG_POST))
    assert [c.id for c in board.cards_without_goal(uow)] == [orphan]


def test_carrying_over_a_goal_already_past_its_target_keeps_its_direction(uow, corporate) -> None:
    goals.record_measurement(uow, corporate.id, date.today(), 450)  # target 400: passed
    done = goals.carry_over(uow, "2026-Q3")
    carried = goals.get_goal(uow, done.created_ids[0])
    assert (carried.baseline, carried.target) == (0, 400)
    goals.record_measurement(uow, carried.id, date.today(), 300)
    assert goals.get_goal(uow, carried.id).progress == pytest.approx(0.75)


def test_a_goal_with_goals_under_it_stays_in_its_quarter(uow, corporate) -> None:
    goals.create_goal(uow, _department_goal(corporate))
    with pytest.raises(ValidationError, match="stays in 2026-Q3"):
        goals.update_goal(uow, corporate.id, corporate.version,
                          replace(corporate.as_input(), quarter="2026-Q4"))
    assert goals.get_goal(uow, corporate.id).quarter == "2026-Q3"
