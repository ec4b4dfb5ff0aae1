"""Questions and messages show what a person typed as typed, never as markup."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.shell.messages import ask, tell

pytestmark = pytest.mark.gui


def _answer_next_box(seen: list[QMessageBox], button: QMessageBox.StandardButton) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(box)
        box.button(button).click()

    QTimer.singleShot(0, press)


def test_ask_shows_markup_as_text_and_returns_the_answer(qtbot) -> None:
    seen: list[QMessageBox] = []
    _answer_next_box(seen, QMessageBox.Yes)
    answer = ask(None, "Delete", "Delete the card '<b>R&D</b>'?")
    assert answer == QMessageBox.Yes
    assert seen[0].textFormat() == Qt.PlainText
    assert seen[0].text() == "Delete the card '<b>R&D</b>'?"


def test_tell_shows_markup_as_text(qtbot) -> None:
    seen: list[QMessageBox] = []
    _answer_next_box(seen, QMessageBox.Ok)
    tell(None, "Saved", "Saved <i>launch</i>", details="trace")
    assert seen[0].textFormat() == Qt.PlainText and seen[0].detailedText() == "trace"
