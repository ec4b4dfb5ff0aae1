"""The first-run welcome: what the sidebar holds, and how a team shares its file.

Shown once per person and machine (``should_welcome``/``remember_welcomed``
in QSettings), and again from Help > Getting started.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.shell import settings
from ui.shell.pages import PAGES

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

WELCOMED_KEY = "welcome/shown"
TEXT_WIDTH = 540


def should_welcome() -> bool:
    return settings.load_value(WELCOMED_KEY, False) not in (True, "true")


def remember_welcomed() -> None:
    settings.save_value(WELCOMED_KEY, True)


def welcome_if_first_run(window: MainWindow) -> bool:
    """Show the welcome over the window if this person has not seen it yet."""
    if not should_welcome():
        return False
    window.show_welcome()
    return True


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Common Ground"))
        areas = "".join(
            f"<li><b>{QCoreApplication.translate('pages', spec.title)}</b> "
            f"(Ctrl+{number})</li>" for number, spec in enumerate(PAGES, start=1))
        self.text = QLabel(self.tr(
            "<h2>Welcome to Common Ground</h2>"
            "<p>One plan for the whole team: PR, marketing and sales, and the lead who "
            "reports to management.</p>"
            "<h3>The sidebar</h3>"
            "<p>The areas of your work are on the left; click one, or press its keys:</p>"
            "<ul>{0}</ul>"
            "<p>You are looking at a demo team, so every page shows something. Start your "
            "own with <b>File &gt; New team database</b>.</p>"
            "<h3>Sharing the file with your team</h3>"
            "<ol><li>Put the team file (it ends in .cgdb) in a shared network folder that "
            "everyone on the team can open and write to.</li>"
            "<li>Each person opens it with <b>File &gt; Open</b> and says who they are, "
            "once.</li>"
            "<li>Everyone works in it at the same time: what others change appears within "
            "seconds, and the status bar says who else has it open. If two people change "
            "the same thing, the second sees both versions and chooses.</li></ol>"
            "<p>Each computer keeps a daily backup of the file (<b>File &gt; Restore from "
            "backup</b>). <b>Help &gt; Keyboard shortcuts</b> lists every key.</p>").format(
                areas))
        self.text.setWordWrap(True)
        self.text.setFixedWidth(TEXT_WIDTH)  # so the dialog is as tall as the wrapped text
        self.text.setAccessibleName(self.tr("Welcome"))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Get started"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.adjustSize()
