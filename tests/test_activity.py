"""The change log as the activity feed, a record's history, and the cheap poll."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from db.enums import ChangeOperation, Department, GoalLevel
from db.models import RunningInstance, utcnow
from desktop import activity, goals, presence

pytestmark = pytest.mark.both_backends


@pytest.fixture
def goal(uow, team) -> goals.Goal:
    return goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q3", "Leads",
                                                  "leads", 400))


def test_the_feed_says_who_changed_what_newest_first(uow, team, goal) -> None:
    priya = uow.as_person(team[Department.MARKETING].id)
    goals.update_goal(priya, goal.id, goal.version, replace(goal.as_input(), target=450))
    feed = activity.list_activity(uow)
    assert feed[0].person_name == "Priya Nair" and feed[0].area == "goals"
    assert feed[0].operation is ChangeOperation.UPDATE
    assert [(c.name, c.before, c.after) for c in feed[0].changes] == [("target", 400, 450)]
    assert feed[1].summary == "insert goals 'Leads'" and feed[1].person_name == "Zoë Müller"
    assert [a.id for a in feed] == sorted((a.id for a in feed), reverse=True)


def test_the_feed_filters_by_person_and_by_area(uow, team, goal) -> None:
    priya = team[Department.MARKETING]
    goals.update_goal(uow.as_person(priya.id), goal.id, goal.version,
                      replace(goal.as_input(), notes="hers"))
    assert {a.person_name for a in activity.list_activity(uow, person_id=priya.id)} == {
        "Priya Nair"}
    assert {a.area for a in activity.list_activity(uow, area="team")} == {"team"}
    assert {a.table for a in activity.list_activity(uow, area="goals")} == {"goals"}
    assert activity.list_activity(uow, area="events") == []


def test_a_records_history_holds_only_its_own_changes(uow, team, goal) -> None:
    other = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q3", "Reach",
                                                   "people", 10))
    saved = goals.update_goal(uow, goal.id, goal.version, replace(goal.as_input(), target=500))
    goals.delete_goal(uow, goal.id, saved.version)
    history = activity.record_history(uow, "goals", goal.id)
    assert [a.operation for a in history] == [ChangeOperation.TRASH, ChangeOperation.UPDATE,
                                              ChangeOperation.INSERT]
    assert all(a.row_id == goal.id for a in history)
    assert activity.record_history(uow, "goals", other.id)[0].operation is ChangeOperation.INSERT


def test_the_poll_is_quiet_until_something_changes(uow, team, goal) -> None:
    seen = activity.latest_change_id(uow)
    assert activity.poll_changes(uow, seen) is None
    goals.record_measurement(uow, goal.id, date(2026, 7, 1), 120)
    batch = activity.poll_changes(uow, seen)
    assert batch is not None and batch.tables == {"goal_measurements"}
    assert batch.areas == {"goals"} and batch.latest_id > seen
    assert activity.poll_changes(uow, batch.latest_id) is None


def test_a_log_that_went_backwards_means_reload_everything(uow, team) -> None:
    batch = activity.poll_changes(uow, activity.latest_change_id(uow) + 50)
    assert batch is not None and batch.reset


def test_who_else_has_the_file_open(uow, team) -> None:
    database = uow.database
    me = presence.join(database, team[Department.LEADERSHIP].id)
    priya = presence.join(database, team[Department.MARKETING].id)
    gone = presence.join(database, team[Department.SALES].id)
    with database.engine.begin() as connection:  # stopped beating three minutes ago
        connection.execute(update(RunningInstance).where(RunningInstance.id == gone)
                           .values(heartbeat_at=utcnow() - timedelta(minutes=3)))
    others = presence.others(database, me)
    assert [o.person_name for o in others] == ["Priya Nair"]
    assert presence.beat(database, priya, team[Department.MARKETING].id) == priya
    presence.leave(database, priya)
    assert presence.others(database, me) == []
    assert presence.beat(database, priya, team[Department.MARKETING].id) != priya  # back again
