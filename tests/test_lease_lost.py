"""A heartbeat never takes back a lease someone else took over: the window turns read-only.

Ana's app stopped answering, so her lease went stale; Ben took it over after confirming.
Ana's next heartbeat must not write the lease back as hers (both would then write on a
folder whose locking does not work): it raises ``LeaseLost`` and her window reads on.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers.team_files import NewTeamFile
from window_opening import open_file

from db import database as opening
from db import lease as leases
from db.database import open_database
from db.enums import Department, GoalLevel
from db.errors import ReadOnlyError
from db.locking import Locking
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop import goals
from desktop.quarters import quarter_of

BEN = {"host": "ben-pc", "pid": 4242, "person": "Ben Okafor"}


def _ben_takes_over(team_file: Path) -> None:
    """What Ben's app writes when it breaks Ana's stale lease."""
    leases.lease_path(team_file).unlink(missing_ok=True)
    leases.lease_path(team_file).write_text(json.dumps(
        {**BEN, "heartbeat_at": utcnow().isoformat()}))


@pytest.fixture
def team_file(db_path: Path, new_team_file: NewTeamFile) -> Path:
    new_team_file(db_path).dispose()
    return db_path


@pytest.fixture
def broken_locking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening, "check_locking", lambda _path: Locking.BROKEN)


def test_a_heartbeat_after_a_takeover_raises_and_leaves_their_lease(team_file: Path) -> None:
    lease = leases.acquire(team_file, "Ana Lima")
    lease.beat()
    _ben_takes_over(team_file)
    with pytest.raises(leases.LeaseLost) as lost:
        lease.beat(person="Ana Lima")
    assert lost.value.message.startswith(
        "Ben Okafor (on ben-pc) took over editing this file while your app was not answering")
    assert "read-only for you now" in lost.value.message
    assert isinstance(lost.value, ReadOnlyError) and lost.value.info.person == "Ben Okafor"
    current = leases.read_lease(team_file)
    assert (current.host, current.pid, current.person) == ("ben-pc", 4242, "Ben Okafor")
    lease.release()  # closing Ana's window leaves Ben's lease alone
    assert leases.read_lease(team_file).person == "Ben Okafor"


def test_an_unreadable_lease_is_someone_elses(team_file: Path) -> None:
    lease = leases.acquire(team_file, "Ana Lima")
    leases.lease_path(team_file).write_text("{half a lea")
    with pytest.raises(leases.LeaseLost, match="^Someone else took over editing"):
        lease.beat()


def test_a_lease_whose_file_was_removed_is_taken_back_while_free(team_file: Path) -> None:
    lease = leases.acquire(team_file, "Ana Lima")
    leases.lease_path(team_file).unlink()
    lease.beat(person="Ana Lima")
    current = leases.read_lease(team_file)
    assert current.is_mine() and current.person == "Ana Lima"


def test_my_own_heartbeat_still_renews_my_lease(team_file: Path) -> None:
    lease = leases.acquire(team_file)
    old = leases.read_lease(team_file).heartbeat_at
    lease.beat(person="Ana Lima")
    current = leases.read_lease(team_file)
    assert current.is_mine() and current.person == "Ana Lima" and current.heartbeat_at >= old


def test_after_a_takeover_the_opened_file_keeps_its_lease_holder(team_file: Path,
                                                                 broken_locking) -> None:
    database = open_database(team_file)
    try:
        assert database.lease is not None and not database.read_only
        _ben_takes_over(team_file)
        with pytest.raises(leases.LeaseLost):
            database.lease.beat(person="Ana Lima")
    finally:
        database.dispose()
    assert leases.read_lease(team_file).person == "Ben Okafor"


@pytest.mark.gui
def test_the_window_turns_read_only_with_a_banner_when_the_lease_is_taken_over(
        qtbot, uow, team, db_path, monkeypatch) -> None:
    from ui.shell.main_window import MainWindow
    from ui.shell.tasks import task_manager

    def settle() -> None:
        qtbot.waitUntil(task_manager().idle, timeout=15_000)

    uow.database.dispose()
    monkeypatch.setattr(opening, "check_locking", lambda _path: Locking.BROKEN)
    window = MainWindow()
    qtbot.addWidget(window)
    assert open_file(qtbot, window, db_path, person_id=team[Department.LEADERSHIP].id)
    settle()
    page = window.page("goals")
    settle()
    assert not window.context.read_only and page.new_action.isEnabled()
    assert leases.read_lease(db_path).is_mine()
    qtbot.waitUntil(lambda: window.live.instance_id is not None, timeout=5000)

    _ben_takes_over(db_path)
    with qtbot.waitSignal(window.live.lease_lost, timeout=5000) as lost:
        window.live.heartbeat()  # what the 30-second timer does
    settle()
    assert lost.args[0].startswith("Ben Okafor (on ben-pc) took over editing this file")
    assert window.context.read_only
    assert "Ben Okafor (on ben-pc) took over editing" in window.banner.text()
    assert window.banner.isVisibleTo(window)
    assert not window.restore_action.isEnabled()
    qtbot.waitUntil(lambda: not page.new_action.isEnabled(), timeout=5000)
    with pytest.raises(ReadOnlyError, match="took over editing"):
        goals.create_goal(UnitOfWork(window.context.database, team[Department.LEADERSHIP].id),
                          goals.GoalInput(GoalLevel.CORPORATE, quarter_of(date.today()),
                                          "Leads", "leads", 400))
    window.live.heartbeat()  # read-only now: no more heartbeats, Ben's lease stays his
    settle()
    assert leases.read_lease(db_path).person == "Ben Okafor"
    window.close()
    settle()
    assert leases.read_lease(db_path).person == "Ben Okafor"
