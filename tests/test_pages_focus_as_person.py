"""Each page's keys work as soon as the person has gone to the page, by clicking it in
the sidebar or by its Go menu shortcut: the keys land where the focus is, and a page's
shortcuts act only with the focus inside the page."""

from __future__ import annotations

import pytest
from person import answer, settle, show
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from window_opening import open_file

from ui.events.event_dialog import EventDialog
from ui.goals.goal_dialog import GoalDialog
from ui.shell import identity_dialog
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, uow, team, db_path, monkeypatch):
    monkeypatch.setattr(identity_dialog, "choose_person",
                        lambda _uow, _file, team, _parent, then: then(team[0]))
    widget = MainWindow()
    qtbot.addWidget(widget)
    assert open_file(qtbot, widget, db_path)
    show(qtbot, widget)
    settle(qtbot)
    return widget


def _click_in_sidebar(qtbot, window: MainWindow, name: str) -> None:
    sidebar = window.sidebar
    item = sidebar.item(window.page_names.index(name))
    qtbot.mouseClick(sidebar.viewport(), Qt.LeftButton, Qt.NoModifier,
                     sidebar.visualItemRect(item).center())
    settle(qtbot)
    assert window.pages.currentWidget() is window.page(name)


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.ControlModifier) -> None:
    """The key goes where the focus is, as from the keyboard."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_ctrl_n_after_clicking_goals_in_the_sidebar_opens_a_new_goal(qtbot, window, monkeypatch) -> None:
    dialogs = answer(monkeypatch, GoalDialog, lambda _dialog: None)
    _click_in_sidebar(qtbot, window, "board")
    _click_in_sidebar(qtbot, window, "goals")
    _press(qtbot, Qt.Key_N)
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["New goal"]


def test_ctrl_n_after_going_to_team_events_with_its_shortcut_opens_a_new_event(qtbot, window, monkeypatch) -> None:
    dialogs = answer(monkeypatch, EventDialog, lambda _dialog: None)
    _press(qtbot, Qt.Key_1 + window.page_names.index("events"))
    settle(qtbot)
    assert window.pages.currentWidget() is window.page("events")
    _press(qtbot, Qt.Key_N)
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["New team event"]


@pytest.mark.parametrize("name", ["meetings", "stories"])
def test_ctrl_f_after_clicking_the_page_goes_to_its_search_field(qtbot, window, name) -> None:
    _click_in_sidebar(qtbot, window, name)
    _press(qtbot, Qt.Key_F)
    assert QApplication.focusWidget() is window.page(name).search_edit


def test_ctrl_i_after_clicking_analytics_asks_for_the_file(qtbot, window, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda _parent, title, *_a, **_kw: (asked.append(title), ("", ""))[1]))
    _click_in_sidebar(qtbot, window, "analytics")
    _press(qtbot, Qt.Key_I)
    assert asked == ["Import results"]


def test_the_arrow_keys_in_the_sidebar_go_through_the_pages_and_stay_there(qtbot, window) -> None:
    _click_in_sidebar(qtbot, window, "goals")
    window.sidebar.setFocus()
    _press(qtbot, Qt.Key_Down, Qt.NoModifier)
    _press(qtbot, Qt.Key_Down, Qt.NoModifier)
    settle(qtbot)
    assert window.pages.currentWidget() is window.page("meetings")
    assert QApplication.focusWidget() is window.sidebar


def test_ctrl_n_right_after_the_window_opens_on_goals(qtbot, uow, team, db_path, monkeypatch) -> None:
    """As ``ui.shell.application.launch`` does it: the window shows, then the team file opens in it."""
    monkeypatch.setattr(identity_dialog, "choose_person",
                        lambda _uow, _file, team, _parent, then: then(team[0]))
    window = MainWindow()
    qtbot.addWidget(window)
    show(qtbot, window)
    assert open_file(qtbot, window, db_path)
    settle(qtbot)
    dialogs = answer(monkeypatch, GoalDialog, lambda _dialog: None)
    assert window.pages.currentWidget() is window.page("goals")
    _press(qtbot, Qt.Key_N)
    settle(qtbot)
    assert [d.windowTitle() for d in dialogs] == ["New goal"]


def test_a_board_reload_while_the_person_is_on_another_page_leaves_their_focus_alone(
        qtbot, window, uow) -> None:
    """A teammate's change reloads the board in the background: the keys the person types
    on Customer stories must still reach Customer stories, and its shortcuts still work."""
    from helpers.board import click_card

    from db.enums import Team
    from desktop import board

    campaign = board.create_campaign(uow, "Spring")
    board.create_card(uow, board.CardInput("E-book", Team.PR, campaign_id=campaign.id))
    _press(qtbot, Qt.Key_1 + window.page_names.index("board"))
    settle(qtbot)
    window.page("board").refresh()
    settle(qtbot)
    click_card(qtbot, window.page("board"), "E-book")
    _press(qtbot, Qt.Key_1 + window.page_names.index("stories"))
    settle(qtbot)
    stories_page = window.page("stories")
    assert stories_page.isAncestorOf(QApplication.focusWidget())
    window.page("board").refresh()  # what the change feed does after the teammate's save
    settle(qtbot)
    assert stories_page.isAncestorOf(QApplication.focusWidget())
    _press(qtbot, Qt.Key_1 + window.page_names.index("analytics"))
    assert window.pages.currentWidget() is window.page("analytics")
