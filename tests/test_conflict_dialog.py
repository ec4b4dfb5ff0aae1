"""Two people save the same goal: the open editor says who changed it underneath, and the
conflict dialog names who saved their side and when."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from person import wait_for_save
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from window_opening import open_file

from db.enums import Department, GoalLevel
from desktop import activity, goals
from desktop.activity_words import utc_time_text
from desktop.errors import ConflictError
from desktop.quarters import quarter_of
from ui.goals.goal_dialog import GoalDialog
from ui.shell.conflict_dialog import ConflictDialog, ConflictTableModel, theirs_heading
from ui.shell.main_window import MainWindow
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui


@pytest.fixture
def goal(uow, team) -> goals.Goal:
    return goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, quarter_of(date.today()),
                                                  "Qualified leads", "leads", 400))


@pytest.fixture
def window(qtbot, uow, team, goal, db_path) -> MainWindow:
    widget = MainWindow()
    qtbot.addWidget(widget)
    assert open_file(qtbot, widget, db_path, person_id=team[Department.LEADERSHIP].id)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitUntil(task_manager().idle, timeout=15_000)
    yield widget
    widget.close()


def _click_row(qtbot, view, index) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def test_the_editor_says_who_changed_the_goal_and_the_conflict_names_them(
        qtbot, window, uow, team, goal, monkeypatch) -> None:
    sidebar = window.sidebar
    _click_row(qtbot, sidebar, sidebar.model().index(window.page_names.index("goals"), 0))
    page = window.page("goals")
    qtbot.waitUntil(lambda: page.goal_model.index_of(goal.id).isValid(), timeout=10_000)
    _click_row(qtbot, page.tree, page.goal_model.index_of(goal.id))
    priya = uow.as_person(team[Department.MARKETING].id)
    seen: dict[str, str] = {}

    def answer(dialog: ConflictDialog) -> int:
        seen["heading"] = dialog.model.headerData(ConflictTableModel.THEIRS_COLUMN,
                                                  Qt.Horizontal)
        seen["intro"] = dialog.intro_label.text()
        seen["title"] = dialog.windowTitle()
        qtbot.mouseClick(dialog.mine_button, Qt.LeftButton)
        return dialog.result()

    def edit(dialog: GoalDialog) -> int:
        dialog.show()
        dialog.target_box.selectAll()
        qtbot.keyClicks(dialog.target_box, "500")
        # Priya, in her own window, saves the same field meanwhile
        goals.update_goal(priya, goal.id, goal.version, replace(goal.as_input(), target=450))
        qtbot.waitUntil(dialog.changed_label.isVisible, timeout=10_000)
        seen["notice"] = dialog.changed_label.text()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        wait_for_save(dialog)  # as exec would: the form stays until its save is done
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", edit)
    monkeypatch.setattr(ConflictDialog, "exec", answer)
    page.edit_action.trigger()  # Edit… (Ctrl+E)
    qtbot.waitUntil(task_manager().idle, timeout=10_000)

    saved_at = next(a for a in activity.record_history(uow, "goals", goal.id)
                    if a.person_name == "Priya Nair").changed_at
    clock = utc_time_text(saved_at)
    assert re.fullmatch(r"\d\d:\d\d", clock)  # today's save, by the clock
    assert seen["notice"] == (f"Priya Nair changed this goal at {clock} while you were editing; "
                              "saving will show you both where you changed the same fields.")
    assert seen["heading"] == f"Priya Nair's, saved {clock}"
    assert seen["intro"].startswith(
        f"While you were editing, Priya Nair saved this record at {clock} and changed")
    assert seen["title"] == "Priya Nair saved this first"
    assert goals.get_goal(uow, goal.id).target == 500  # kept mine, as ticked


def test_an_editor_left_alone_says_nothing(qtbot, window, uow, team, goal,
                                           monkeypatch) -> None:
    page = window.page("goals")
    window.show_page("goals")
    qtbot.waitUntil(lambda: page.goal_model.index_of(goal.id).isValid(), timeout=10_000)
    _click_row(qtbot, page.tree, page.goal_model.index_of(goal.id))
    other = goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, goal.quarter, "Reach",
                                                   "people", 10))
    notices: list[bool] = []

    def edit(dialog: GoalDialog) -> int:
        dialog.show()
        goals.update_goal(uow.as_person(team[Department.PR].id), other.id, other.version,
                          replace(other.as_input(), target=20))  # another goal changes
        qtbot.waitUntil(lambda: page.goal_model.rowCount() == 2, timeout=10_000)
        qtbot.wait(200)
        notices.append(dialog.changed_label.isVisible())
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", edit)
    page.edit_action.trigger()  # the editor opens once its choices are read
    qtbot.waitUntil(lambda: bool(notices), timeout=10_000)
    assert notices == [False]


def test_the_heading_names_a_day_for_an_older_save_and_falls_back_without_a_name() -> None:
    older = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=3)
    named = ConflictError("goals", 1, 3, {"target": 450}, {"target": 500},
                          saved_by="Priya Nair", saved_at=older)
    local = older.replace(tzinfo=UTC).astimezone()
    assert theirs_heading(named) == f"Priya Nair's, saved {local:%Y-%m-%d %H:%M}"
    assert theirs_heading(ConflictError("goals", 1, 3)) == "Theirs (saved)"


def test_an_event_editor_says_who_changed_the_event(qtbot, window, uow, team,
                                                    monkeypatch) -> None:
    from desktop import events
    from ui.events.event_dialog import EventDialog

    today = date.today()
    lunch = events.create_event(uow, events.EventInput(
        "Team lunch", datetime.combine(today, datetime.min.time()).replace(hour=12),
        datetime.combine(today, datetime.min.time()).replace(hour=13)))
    sidebar = window.sidebar
    _click_row(qtbot, sidebar, sidebar.model().index(window.page_names.index("events"), 0))
    page = window.page("events")
    page.show_day(today)
    qtbot.waitUntil(lambda: page.entry_model.row_of(lunch.id, False) >= 0, timeout=10_000)
    seen: list[str] = []

    def edit(dialog: EventDialog) -> int:
        dialog.show()
        events.update_event(uow.as_person(team[Department.PR].id), lunch.id, lunch.version,
                            replace(lunch.as_input(), place="Café Central"))
        qtbot.waitUntil(dialog.changed_label.isVisible, timeout=10_000)
        seen.append(dialog.changed_label.text())
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", edit)
    row = page.entry_model.index(page.entry_model.row_of(lunch.id, False), 0)
    _click_row(qtbot, page.list_view, row)  # a double-click: press, release, press again
    qtbot.mouseDClick(page.list_view.viewport(), Qt.LeftButton,
                      pos=page.list_view.visualRect(row).center())  # opens the editor
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert re.fullmatch(r"José Álvarez changed this event at \d\d:\d\d while you were editing; "
                        r"saving will show you both where you changed the same fields\.", seen[0])
