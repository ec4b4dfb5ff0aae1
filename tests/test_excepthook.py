"""An unexpected error becomes a plain message with the details a click away."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer

from ui.shell import excepthook, messages

pytestmark = pytest.mark.gui


@pytest.fixture
def told(monkeypatch) -> list[tuple[str, str, str]]:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(messages, "tell",
                        lambda _parent, title, text, details="": shown.append((title, text,
                                                                                 details)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    monkeypatch.setattr(excepthook, "_closed_at", float("-inf"))
    return shown


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_shown_in_plain_words(qtbot, told, capsys) -> None:
    excepthook.install()

    def broken_slot() -> None:
        {}["missing"]

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(told) == 1)
    title, text, details = told[0]
    assert title == "Something went wrong"
    assert "Your saved work is safe" in text and "Traceback" not in text
    assert "broken_slot" in details and "KeyError: 'missing'" in details
    assert "KeyError" in capsys.readouterr().err  # still in the terminal, for a bug report


def test_a_storm_of_errors_is_shown_once(qtbot, told) -> None:
    excepthook.install()
    for _ in range(3):
        try:
            raise RuntimeError("paint failed")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    assert len(told) == 1
