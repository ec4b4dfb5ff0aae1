"""A form's save on the writer thread: the form waits without an event loop of its own."""

from __future__ import annotations

import threading

import pytest
from person import answer, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from desktop.errors import ValidationError
from ui.shell import form_dialog
from ui.shell.form_dialog import FormDialog
from ui.shell.form_save import FormSave

pytestmark = pytest.mark.gui


class NameDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Name", parent)
        self.name_edit = QLineEdit()
        self.set_body(self.name_edit)

    def submit(self) -> None:
        self.saver(self.name_edit.text())

    def restore(self, value: str) -> None:
        self.name_edit.setText(value)


def _save_button(dialog: FormDialog):
    return dialog.buttons.button(QDialogButtonBox.Save)


def test_save_waits_saying_so_then_the_form_closes(qtbot, monkeypatch) -> None:
    owner, gate, saved, during = QWidget(), threading.Event(), [], []
    qtbot.addWidget(owner)

    def type_and_save(dialog: NameDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Ann")
        qtbot.mouseClick(_save_button(dialog), Qt.LeftButton)
        during.append((_save_button(dialog).text(), _save_button(dialog).isEnabled()))
        qtbot.keyClick(dialog, Qt.Key_Escape)  # no way to call a save back: it stays
        during.append(dialog.isVisible())
        gate.set()

    answer(monkeypatch, NameDialog, type_and_save)
    FormSave(owner, lambda: NameDialog(owner), lambda name: lambda: gate.wait(5) and name.upper(),
             saved.append, label="Saving").open()
    settle(qtbot)
    assert during == [("Saving…", False), True]
    assert saved == ["ANN"]


def test_a_refusal_shows_in_the_form_which_stays_open(qtbot, monkeypatch) -> None:
    owner, problems, saved = QWidget(), [], []
    qtbot.addWidget(owner)

    def refuse(name: str):
        def work() -> str:
            if not name:
                raise ValidationError("Give the name.")
            return name
        return work

    def save_empty_then_fill(dialog: NameDialog) -> None:
        qtbot.mouseClick(_save_button(dialog), Qt.LeftButton)
        from person import wait_for_save

        wait_for_save(dialog)
        problems.append((dialog.isVisible(), dialog.error_label.text(),
                         _save_button(dialog).isEnabled()))
        qtbot.keyClicks(dialog.name_edit, "Ann")
        qtbot.mouseClick(_save_button(dialog), Qt.LeftButton)

    answer(monkeypatch, NameDialog, save_empty_then_fill)
    FormSave(owner, lambda: NameDialog(owner), refuse, saved.append, label="Saving").open()
    settle(qtbot)
    assert problems == [(True, "Give the name.", True)]
    assert saved == ["Ann"]


def test_a_long_wait_can_finish_in_the_background_and_a_late_refusal_reopens_the_form(
        qtbot, monkeypatch) -> None:
    monkeypatch.setattr(form_dialog, "BACKGROUND_OFFER_MS", 50)
    owner, gate = QWidget(), threading.Event()
    qtbot.addWidget(owner)
    reopened: list[tuple[str, str]] = []

    def work(name: str):
        def save() -> str:
            gate.wait(5)
            raise ValidationError("Someone took that name meanwhile.")
        return save

    def wait_then_send_away(dialog: NameDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Ann")
        qtbot.mouseClick(_save_button(dialog), Qt.LeftButton)
        qtbot.waitUntil(dialog.background_button.isVisible, timeout=5000)
        qtbot.mouseClick(dialog.background_button, Qt.LeftButton)
        gate.set()

    def see_it_again(dialog: NameDialog) -> None:
        reopened.append((dialog.name_edit.text(), dialog.error_label.text()))

    answer(monkeypatch, NameDialog, wait_then_send_away, see_it_again)
    FormSave(owner, lambda: NameDialog(owner), work, lambda _r: None, label="Saving").open()
    settle(qtbot)
    qtbot.waitUntil(lambda: bool(reopened), timeout=5000)
    assert reopened == [("Ann", "Someone took that name meanwhile.")]
