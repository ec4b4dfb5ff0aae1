"""The shell: opening files (and refusing bad ones), the demo team, copies, screenshots."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from person import choose_from_menu, settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from window_opening import open_file

from db.enums import Department
from desktop import backups, people
from desktop.team_file import UnitOfWork, demo_path, open_database
from ui.shell import identity_dialog, main_window, settings
from ui.shell.main_window import MainWindow
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error",
                        lambda _parent, error, _title="": shown.append(error.message))
    return shown


@pytest.fixture
def first_person(monkeypatch) -> list[str]:
    """Answer "who are you?" with the first person of the team."""
    asked: list[str] = []

    def choose(_uow, file_name, team, _parent, then):
        asked.append(file_name)
        then(team[0])

    monkeypatch.setattr(identity_dialog, "choose_person", choose)
    return asked


@pytest.fixture
def window(qtbot) -> MainWindow:
    widget = MainWindow()
    qtbot.addWidget(widget)
    return widget


def test_first_start_opens_the_demo_team(qtbot, first_person, errors) -> None:
    from ui.shell.application import launch

    _app, window = launch([])
    qtbot.addWidget(window)
    opened = qtbot.waitSignal(window.opened, timeout=30_000)
    opened.wait()  # the demo team is made, then opened, in the background
    assert opened.args == [True]
    assert demo_path().exists()
    assert window.isVisible() and window.context is not None
    qtbot.waitUntil(lambda: window.page("goals").goal_model.rowCount() > 0, timeout=10_000)
    assert "demo-team" in window.file_label.text()
    assert window.person_label.text().startswith("You: ")
    assert first_person == [demo_path().name] and errors == []


def test_the_answer_to_who_are_you_is_remembered_per_file(qtbot, window, uow, team, db_path,
                                                          first_person) -> None:
    assert open_file(qtbot, window, db_path)
    assert open_file(qtbot, window, db_path)
    assert len(first_person) == 1
    assert settings.recent_files()[0] == str(db_path.resolve())


@pytest.mark.parametrize("content", [b"not a database at all" * 40, b""])
def test_a_bad_file_is_explained_and_the_current_file_stays_open(qtbot,
        window, uow, team, db_path, tmp_path, first_person, errors, content) -> None:
    assert open_file(qtbot, window, db_path)
    bad = tmp_path / "bad.cgdb"
    bad.write_bytes(content)
    assert not open_file(qtbot, window, bad)
    assert errors and "not a Common Ground team database" in errors[0]
    assert window.context is not None and window.context.database.path == db_path
    assert bad.read_bytes() == content


def test_another_programs_database_is_refused(qtbot, window, tmp_path, errors) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")
    assert not open_file(qtbot, window, other)
    assert "another program" in errors[0]
    assert window.context is None


def test_new_team_database_asks_who_you_are_and_adds_you(qtbot, window, tmp_path, monkeypatch) -> None:
    target = tmp_path / "our-team"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName",
                        lambda *_a, **_kw: (str(target), ""))

    def choose(uow, _name, _team, _parent, then):
        then(people.create_person(uow, people.PersonInput("Mei Chen", Department.MARKETING)))

    monkeypatch.setattr(identity_dialog, "choose_person", choose)
    with qtbot.waitSignal(window.opened, timeout=30_000):
        window.new_file()
    assert window.context is not None
    assert window.context.database.path == target.with_suffix(".cgdb")
    assert window.person_label.text() == "You: Mei Chen"


def test_save_a_copy_writes_a_file_that_opens(qtbot, window, uow, team, db_path, tmp_path,
                                              first_person, monkeypatch) -> None:
    assert open_file(qtbot, window, db_path)
    window.show()
    qtbot.waitExposed(window)
    copy = tmp_path / "copy.cgdb"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName",
                        lambda *_a, **_kw: (str(copy), ""))
    choose_from_menu(qtbot, window, "File", "Save a copy…")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Saved a copy to {copy}",
                    timeout=10_000)
    reopened = open_database(copy)
    try:
        assert len(people.list_people(UnitOfWork(reopened))) == 4
    finally:
        reopened.dispose()


def test_the_confirmation_asked_for_stays_while_the_daily_backup_says_it_backed_up(
        qtbot, window, uow, team, db_path, tmp_path, first_person, monkeypatch) -> None:
    """File > Save a copy, and the day's backup done meanwhile: both are read, in turn."""
    assert open_file(qtbot, window, db_path)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot)  # the opening's own backup, and what it said, are over
    copy = tmp_path / "copy.cgdb"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName",
                        lambda *_a, **_kw: (str(copy), ""))
    bar = window.statusBar()
    seen: list[tuple[float, str]] = []
    bar.messageChanged.connect(lambda text: seen.append((time.monotonic(), text)))
    choose_from_menu(qtbot, window, "File", "Save a copy…")
    confirmation = f"Saved a copy to {copy}"
    qtbot.waitUntil(lambda: bar.currentMessage() == confirmation, timeout=10_000)
    # The daily backup lands now, as the window's live file reports it from the writer lane.
    task_manager().write(lambda: backups.back_up(db_path, "daily"),
                         on_success=window.live.backup_taken.emit)
    settle(qtbot)
    assert bar.currentMessage() == confirmation  # not replaced by the background's news
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Backed up the team file to"),
                    timeout=10_000)
    shown_at = next(t for t, text in seen if text == confirmation)
    backed_up_at = next(t for t, text in seen if text.startswith("Backed up"))
    assert backed_up_at - shown_at >= 4.5  # the confirmation had its five seconds


def test_undo_reaches_back_a_bounded_number_of_steps(window) -> None:
    """A long session's steps are not all kept (each holds the records it changed)."""
    from PySide6.QtGui import QUndoCommand

    for step in range(main_window.UNDO_STEPS + 25):
        window.undo_stack.push(QUndoCommand(f"step {step}"))
    assert window.undo_stack.count() == main_window.UNDO_STEPS
    assert window.undo_action.text() == f"&Undo step {main_window.UNDO_STEPS + 24}"
    for _ in range(main_window.UNDO_STEPS):
        window.undo_action.trigger()
    assert not window.undo_action.isEnabled()  # step 24, the oldest kept, was the last


def test_undo_and_page_shortcuts_exist(window) -> None:
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]
    assert window.page_names[0] == "goals"


def test_screenshot_command_draws_the_goals_page(uow, team, db_path, tmp_path) -> None:
    output = tmp_path / "goals.png"
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "screenshot", "--db", str(db_path), "--page", "goals",
         "-o", str(output), "--size", "1000x700"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(output))
    assert (image.width(), image.height()) == (1000, 700)


def test_screenshot_of_a_missing_file_fails_plainly(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "screenshot", "--db", str(tmp_path / "x.cgdb"),
         "--page", "goals", "-o", str(tmp_path / "x.png")],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "There is no file" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_a_slow_opening_leaves_the_window_responsive(qtbot, window, uow, team, db_path,
                                                     first_person, monkeypatch) -> None:
    import threading

    from PySide6.QtCore import QTimer

    from ui.shell import opening

    release, real_open = threading.Event(), opening.open_database
    monkeypatch.setattr(opening, "open_database",
                        lambda *a, **kw: (release.wait(10), real_open(*a, **kw))[1])
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    opened = qtbot.waitSignal(window.opened, timeout=30_000)
    window.open_target(db_path)
    assert window.statusBar().currentMessage() == f"Opening {db_path}…"
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2_000)  # the window's thread goes on
    item = window.sidebar.item(window.page_names.index("meetings"))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.LeftButton, Qt.NoModifier,
                     window.sidebar.visualItemRect(item).center())
    assert window.pages.currentIndex() == window.page_names.index("meetings")
    assert window.context is None
    release.set()
    opened.wait()
    assert opened.args == [True] and window.context.database.path == db_path
