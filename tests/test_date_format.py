"""Dates read one way everywhere (2026-12-01), whatever the system's short format is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit
from window_opening import open_file

from desktop import importing
from ui.board.board_dialogs import TemplateCampaignDialog
from ui.board.card_dialog import CardDialog
from ui.results.import_dialog import ImportDialog
from ui.shell.main_window import MainWindow
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
FIXTURES = Path(__file__).parent / "fixtures" / "imports"


@pytest.fixture(autouse=True)
def german_system() -> None:
    """A system whose short date format is 01.12.26, as on many team members' laptops."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.German, QLocale.Germany))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def window(qtbot, database, team, db_path) -> MainWindow:
    database.dispose()
    widget = MainWindow()
    qtbot.addWidget(widget)
    assert open_file(qtbot, widget, db_path, person_id=team[next(iter(team))].id)
    return widget


def _shown_dates(dialog) -> list[str]:
    return [edit.text() for edit in dialog.findChildren(QDateEdit)]


def test_the_card_editor_and_the_template_dialog_write_dates_the_iso_way(
        window, monkeypatch, qtbot) -> None:
    seen: dict[str, list[str]] = {}

    def look(name: str):
        def exec_(dialog) -> int:
            seen[name] = _shown_dates(dialog)
            return 0
        return exec_

    monkeypatch.setattr(CardDialog, "exec", look("card"))
    monkeypatch.setattr(TemplateCampaignDialog, "exec", look("template"))
    window.show_page("board")
    board = window.page("board")
    qtbot.waitUntil(task_manager().idle, timeout=10_000)
    board.new_action.trigger()  # the editor opens once the board's choices are loaded
    qtbot.waitUntil(lambda: "card" in seen, timeout=10_000)
    board.template_action.trigger()
    qtbot.waitUntil(lambda: "template" in seen, timeout=10_000)
    assert seen["card"] and seen["template"]
    assert all(ISO_DATE.match(text) for texts in seen.values() for text in texts), seen


def test_the_import_period_is_written_the_iso_way(window) -> None:
    preview = importing.preview_file(window.context.uow, FIXTURES / "x_tweet_activity.csv")
    dialog = ImportDialog(preview, [])
    assert [ISO_DATE.match(text) is not None for text in _shown_dates(dialog)] == [True, True]
    dialog.deleteLater()


def test_every_page_writes_its_dates_the_iso_way(window, qtbot) -> None:
    for name in window.page_names:
        window.show_page(name)
    qtbot.waitUntil(task_manager().idle, timeout=10_000)
    edits = window.findChildren(QDateTimeEdit)  # QDateEdit is one too
    assert len(edits) >= 4
    wrong = {edit.accessibleName(): edit.text() for edit in edits
             if not ISO_DATE.match(edit.text())}
    assert wrong == {}
