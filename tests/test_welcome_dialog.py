"""The first-run welcome: once per person and machine, and again from Help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ui.shell.main_window import MainWindow
from ui.shell.welcome_dialog import (
    WELCOMED_KEY,
    WelcomeDialog,
    should_welcome,
    welcome_if_first_run,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot) -> MainWindow:
    widget = MainWindow()
    qtbot.addWidget(widget)
    return widget


def test_the_first_start_welcomes_once(window, monkeypatch) -> None:
    QSettings().remove(WELCOMED_KEY)  # Qt keeps one settings file per test process
    opened: list[WelcomeDialog] = []
    monkeypatch.setattr(WelcomeDialog, "open", lambda dialog: opened.append(dialog))
    assert should_welcome()
    assert welcome_if_first_run(window)
    (dialog,) = opened
    dialog.accept()  # "Get started"
    assert not should_welcome()
    assert not welcome_if_first_run(window)
    assert len(opened) == 1
    window.welcome_action.trigger()  # Help > Getting started shows it again
    assert len(opened) == 2


def test_it_explains_the_sidebar_and_sharing_the_file(qtbot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    for number, title in enumerate(("Goals", "Board", "Meetings", "Team events",
                                    "Customer stories", "Analytics", "Reports"), start=1):
        assert f"<b>{title}</b> (Ctrl+{number})" in text
    assert "shared network folder" in text and "File &gt; Open" in text
    assert "who else has it open" in text
