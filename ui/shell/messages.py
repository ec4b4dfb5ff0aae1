"""Every question and error the interface puts to a person goes through here.

One seam (``ask`` and ``tell``) that tests patch, and one place where errors
become plain language with the details a click away, never a bare traceback.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import ExplainedError


def ask(parent: QWidget | None, title: str, text: str, *,
        buttons: QMessageBox.StandardButton = QMessageBox.Yes | QMessageBox.No,
        default: QMessageBox.StandardButton = QMessageBox.No) -> QMessageBox.StandardButton:
    """A yes/no question; returns the button pressed. The text is never read as markup."""
    box = QMessageBox(QMessageBox.Question, title, text, buttons, parent)
    box.setTextFormat(Qt.PlainText)
    box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())


def tell(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A message with an OK button; a title a person typed shows as typed, never as markup."""
    box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Show what went wrong and what to do; the traceback only under "Show Details"."""
    if isinstance(error, ExplainedError):
        tell(parent, title or "Common Ground", error.message)
    else:
        details = "".join(traceback.format_exception(error))
        tell(parent, title or "Something went wrong",
             "Common Ground could not finish that action. Your saved work is safe; "
             "try again, and if it keeps happening send the details to your team's admin.",
             details)
