"""Several people in one file, seen from the window: refresh, presence, waiting, conflicts."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta

import pytest
from person import settle
from PySide6.QtWidgets import QDialog, QMessageBox
from window_opening import open_file

from db.enums import Department, GoalLevel
from desktop import backups, goals, presence
from desktop.quarters import quarter_of
from ui.goals import goals_page
from ui.goals.goal_dialog import GoalDialog
from ui.shell import main_window
from ui.shell.conflict_dialog import THEIRS, ConflictDialog, ConflictTableModel
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui
QUARTER = quarter_of(date.today())



@pytest.fixture
def goal(uow, team) -> goals.Goal:
    return goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "Leads",
                                                  "leads", 400, notes="first notes"))


@pytest.fixture
def window(qtbot, uow, team, goal, db_path) -> MainWindow:
    widget = MainWindow()
    qtbot.addWidget(widget)
    assert open_file(qtbot, widget, db_path, person_id=team[Department.LEADERSHIP].id)
    settle(qtbot)
    yield widget
    widget.close()


def _titles(window: MainWindow) -> list[str]:
    model = window.page("goals").goal_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _select(qtbot, window: MainWindow, goal_id: int):
    page = window.page("goals")
    page.select_goal(goal_id)
    return page


def test_someone_elses_change_shows_within_three_seconds(qtbot, window, uow, team, goal) -> None:
    priya = uow.as_person(team[Department.MARKETING].id)
    started = time.monotonic()
    goals.update_goal(priya, goal.id, goal.version, replace(goal.as_input(), title="450 leads"))
    qtbot.waitUntil(lambda: _titles(window) == ["450 leads"], timeout=3000)
    assert time.monotonic() - started < 3.0


def test_a_refresh_never_touches_what_is_being_typed(qtbot, window, uow, team, goal,
                                                     monkeypatch) -> None:
    page = _select(qtbot, window, goal.id)
    priya = uow.as_person(team[Department.MARKETING].id)
    typed: list[str] = []

    def exec_(dialog: GoalDialog) -> int:
        dialog.notes_edit.setPlainText("my notes, half typed")
        goals.update_goal(priya, goal.id, goal.version, replace(goal.as_input(), target=450))
        qtbot.waitUntil(lambda: page.goal_model.index(0, 5).data() == "450", timeout=3000)
        typed.append(dialog.notes_edit.toPlainText())
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", exec_)
    monkeypatch.setattr(ConflictDialog, "exec", lambda _d: pytest.fail("no conflict expected"))
    page.edit_action.trigger()
    settle(qtbot)
    assert typed == ["my notes, half typed"]
    saved = goals.get_goal(uow, goal.id)
    assert (saved.notes, saved.target) == ("my notes, half typed", 450)  # merged


def test_the_status_bar_says_who_else_has_the_file_open(qtbot, window, uow, team) -> None:
    priya = presence.join(uow.database, team[Department.MARKETING].id)
    window.live.refresh_presence()
    qtbot.waitUntil(lambda: window.others_label.text() == "Also open: Priya Nair", timeout=3000)
    presence.leave(uow.database, priya)
    window.live.refresh_presence()
    qtbot.waitUntil(lambda: "Nobody else" in window.others_label.text(), timeout=3000)


@pytest.mark.slow
def test_a_save_waiting_for_a_lock_says_for_whom_and_the_window_stays_usable(
        qtbot, window, uow, team, goal, db_path, monkeypatch, lock_holder) -> None:
    presence.join(uow.database, team[Department.MARKETING].id)
    window.live.refresh_presence()
    qtbot.waitUntil(lambda: "Priya" in window.others_label.text(), timeout=3000)
    page = _select(qtbot, window, goal.id)

    def exec_(dialog: GoalDialog) -> int:
        dialog.target_box.setValue(480)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", exec_)
    holder = lock_holder(db_path)
    page.edit_action.trigger()
    qtbot.waitUntil(lambda: "waiting for Priya Nair" in window.save_label.text(), timeout=5000)
    assert goals.get_goal(uow, goal.id).target == 400  # not yet
    page.department_box.setCurrentIndex(1)  # the person keeps working meanwhile
    qtbot.waitUntil(lambda: page.department_box.currentIndex() == 1, timeout=2000)
    holder.release()
    qtbot.waitUntil(lambda: goals.get_goal(uow, goal.id).target == 480, timeout=15_000)
    settle(qtbot)
    assert window.save_label.text() == ""
    assert window.undo_stack.undoText() == "Edit goal 'Leads'"


def test_the_same_field_asks_and_the_person_picks_per_field(qtbot, window, uow, team, goal,
                                                            monkeypatch) -> None:
    page = _select(qtbot, window, goal.id)
    priya = uow.as_person(team[Department.MARKETING].id)
    rows: list[list[tuple[str, str, str]]] = []

    def edit(dialog: GoalDialog) -> int:
        goals.update_goal(priya, goal.id, goal.version,
                          replace(goal.as_input(), target=450, notes="their notes"))
        dialog.target_box.setValue(500)
        dialog.accept()
        return dialog.result()

    def pick(dialog: ConflictDialog) -> int:
        model = dialog.model
        rows.append([(model.index(r, 0).data(), model.index(r, 1).data(),
                      model.index(r, 2).data()) for r in range(model.rowCount())])
        assert model.choices == {"target": "mine", "notes": "theirs"}
        return QDialog.Accepted

    monkeypatch.setattr(GoalDialog, "exec", edit)
    monkeypatch.setattr(ConflictDialog, "exec", pick)
    page.edit_action.trigger()
    qtbot.waitUntil(lambda: bool(rows), timeout=10_000)  # the question follows the refusal
    settle(qtbot)
    assert rows == [[("Target", "450", "500"), ("Notes", "their notes", "first notes")]]
    saved = goals.get_goal(uow, goal.id)
    assert (saved.target, saved.notes) == (500, "their notes")
    window.undo_stack.undo()
    settle(qtbot)
    assert goals.get_goal(uow, goal.id).target == 450  # undo brings theirs back


def test_conflict_model_passes_the_model_tester_and_picks_by_ticking(qtmodeltester) -> None:
    from PySide6.QtCore import Qt

    from desktop.errors import ConflictError

    conflict = ConflictError("goals", 1, 3, {"target": 450, "title": "A"},
                             {"target": 500, "title": "B"}, theirs_changed=("target", "title"),
                             mine_changed=("target",))
    model = ConflictTableModel(conflict)
    qtmodeltester.check(model)
    assert model.choices == {"target": "mine", "title": "theirs"}
    assert model.setData(model.index(0, 1), Qt.Checked, Qt.CheckStateRole)
    assert model.choices["target"] == THEIRS
    assert model.index(0, 2).data(Qt.CheckStateRole) == Qt.Unchecked
    dialog = ConflictDialog(conflict)
    dialog.mine_button.click()
    assert dialog.result() == QDialog.Accepted and dialog.theirs_fields() == []


@pytest.mark.parametrize("button,expected", [
    ("theirs_button", {"target": 450.0, "title": "A"}),
    ("mine_button", {"target": 500.0, "title": "B"}),
    ("back_button", None),
])
def test_resolve_conflict_gives_what_to_save_or_nothing_to_go_back(qtbot, monkeypatch,
                                                                   button, expected) -> None:
    from desktop.errors import ConflictError
    from ui.shell.conflict_dialog import resolve_conflict

    conflict = ConflictError("goals", 1, 3, {"target": 450, "title": "A"},
                             {"target": 500.0, "title": "B"}, theirs_changed=("target", "title"),
                             mine_changed=("target",))
    data = goals.GoalInput(GoalLevel.CORPORATE, QUARTER, "B", "leads", 500.0)

    def click(dialog: ConflictDialog) -> int:
        getattr(dialog, button).click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", click)
    chosen = resolve_conflict(None, conflict, data)
    assert chosen == (None if expected is None else replace(data, **expected))


def test_the_activity_dock_shows_the_feed_and_filters_it(qtbot, window, uow, team, goal,
                                                         qtmodeltester) -> None:
    if not window.activity_action.isChecked():  # View > Activity, unless remembered open
        window.activity_action.trigger()
    dock = window.activity_dock
    qtbot.waitUntil(lambda: dock.model.rowCount() >= 5, timeout=15000)
    qtmodeltester.check(dock.model)
    assert dock.model.index(0, 3).data() == "Zoë Müller added the goal 'Leads'"
    dock.area_box.setCurrentIndex(dock.area_box.findData("team"))
    qtbot.waitUntil(lambda: dock.model.rowCount() == 4, timeout=15000)
    dock.person_box.setCurrentIndex(dock.person_box.findText("Priya Nair"))
    qtbot.waitUntil(lambda: dock.model.rowCount() == 0, timeout=15000)


def test_history_of_a_goal(qtbot, window, uow, goal) -> None:
    goals.update_goal(uow, goal.id, goal.version, replace(goal.as_input(), target=420))
    page = _select(qtbot, window, goal.id)
    shown: list = []
    monkeypatch_target = goals_page.show_history

    def capture(*args, **kwargs):
        dialog = monkeypatch_target(*args, **kwargs)
        shown.append(dialog)
        return dialog

    goals_page.show_history = capture
    try:
        page.history_action.trigger()
    finally:
        goals_page.show_history = monkeypatch_target
    dialog = shown[0]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert dialog.model.index(0, 4).data() == "target: 400 → 420"
    dialog.close()


def test_restore_from_backup_in_the_file_menu(qtbot, window, uow, goal, db_path,
                                              monkeypatch) -> None:
    from ui.shell.restore_dialog import RestoreDialog

    backups.back_up(db_path)
    goals.delete_goal(uow, goal.id, goal.version)
    monkeypatch.setattr(RestoreDialog, "exec", lambda _d: QDialog.Accepted)
    questions: list[str] = []
    monkeypatch.setattr(main_window, "ask", lambda _p, _t, text, **_k: (
        questions.append(text), QMessageBox.Yes)[1])
    window.restore_action.trigger()
    settle(qtbot)
    assert "Changes made since then will be gone" in questions[0]
    assert [g.title for g in goals.list_goals(uow, QUARTER)] == ["Leads"]
    qtbot.waitUntil(lambda: _titles(window) == ["Leads"], timeout=5000)


def test_a_damaged_file_is_explained_and_the_newest_good_backup_offered(
        qtbot, uow, team, goal, db_path, monkeypatch) -> None:
    backups.back_up(db_path)
    uow.database.dispose()
    db_path.write_bytes(db_path.read_bytes()[:4096])
    questions: list[str] = []
    monkeypatch.setattr(main_window, "ask", lambda _p, _t, text, **_k: (
        questions.append(text), QMessageBox.Yes)[1])
    window = MainWindow()
    qtbot.addWidget(window)
    assert open_file(qtbot, window, db_path, person_id=team[Department.LEADERSHIP].id)
    settle(qtbot)
    assert "damaged" in questions[0] and "newest good backup" in questions[0]
    assert list(db_path.parent.glob("team.cgdb.damaged-*"))
    qtbot.waitUntil(lambda: _titles(window) == ["Leads"], timeout=5000)
    window.close()


def test_a_damaged_file_without_a_backup_is_only_explained(qtbot, uow, team, db_path,
                                                           monkeypatch) -> None:
    uow.database.dispose()
    db_path.write_bytes(db_path.read_bytes()[:4096])
    before = db_path.read_bytes()
    told: list[str] = []
    monkeypatch.setattr(main_window, "tell", lambda _p, _t, text, *_a: told.append(text))
    window = MainWindow()
    qtbot.addWidget(window)
    assert not open_file(qtbot, window, db_path)
    assert "There is no backup of it" in told[0]
    assert db_path.read_bytes() == before


def test_a_read_only_file_shows_why_and_offers_no_edits(qtbot, uow, team, goal, db_path) -> None:
    uow.database.dispose()
    db_path.chmod(0o444)
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        assert open_file(qtbot, window, db_path, person_id=team[Department.LEADERSHIP].id)
        settle(qtbot)
        assert "read-only" in window.banner.text() and window.banner.isVisibleTo(window)
        assert not window.restore_action.isEnabled()
        page = window.page("goals")
        assert not page.new_action.isEnabled() and not page.carry_action.isEnabled()
        window.close()
        settle(qtbot)
    finally:
        db_path.chmod(0o644)


def test_stale_lease_holders_are_named_and_can_be_replaced(qtbot, uow, team, db_path,
                                                           monkeypatch) -> None:
    import json

    from db import database as opening
    from db import lease
    from db.locking import Locking
    from db.models import utcnow

    uow.database.dispose()
    monkeypatch.setattr(opening, "check_locking", lambda _path: Locking.BROKEN)
    lease.lease_path(db_path).write_text(json.dumps({
        "host": "laptop-7", "pid": 1, "person": "Priya Nair",
        "heartbeat_at": (utcnow() - timedelta(minutes=10)).isoformat()}))
    questions: list[str] = []
    monkeypatch.setattr(main_window, "ask", lambda _p, _t, text, **_k: (
        questions.append(text), QMessageBox.Yes)[1])
    window = MainWindow()
    qtbot.addWidget(window)
    assert open_file(qtbot, window, db_path, person_id=team[Department.LEADERSHIP].id)
    settle(qtbot)
    assert "Priya Nair (on laptop-7) was editing this file" in questions[0]
    assert not window.context.read_only
    assert "one person edits at a time" in window.banner.text()
    window.close()
    settle(qtbot)
    assert not lease.lease_path(db_path).exists()


def test_pages_to_refresh_follow_the_areas() -> None:
    from desktop.activity import ChangeBatch

    names = ["goals", "board", "meetings", "events", "stories", "analytics", "reports"]
    assert main_window.pages_to_refresh(ChangeBatch(9, frozenset({"team_events"})), names) == [
        "events", "reports"]
    assert main_window.pages_to_refresh(ChangeBatch(9, frozenset({"people"})), names) == names
    assert main_window.pages_to_refresh(ChangeBatch(1, frozenset(), reset=True), names) == names


