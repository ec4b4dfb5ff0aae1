"""The bar under the banner that hands editing from one person to another.

Where one person edits at a time (``desktop.editing``), it says what the person can
do about it: a reader asks the editor to hand over (and then waits, or is told the
editor keeps editing), or edits at once when nobody does; the editor sees who asks
and hands over or keeps editing. It only shows and asks; the window acts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.editing import Editing
from ui.shell.palette import style_banner


class EditingBar(QWidget):
    ask_clicked = Signal()  # ask the editor to hand over (again)
    stop_waiting_clicked = Signal()
    edit_now_clicked = Signal()  # nobody edits: open the file for editing
    hand_over_clicked = Signal()
    keep_editing_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editingBar")
        self.label = QLabel()
        self.label.setTextFormat(Qt.PlainText)  # names as typed
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Who edits the file"))
        style_banner(self.label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for name, text, signal in (
                ("ask", self.tr("Ask to edit"), self.ask_clicked),
                ("stop", self.tr("Stop waiting"), self.stop_waiting_clicked),
                ("edit", self.tr("Edit now"), self.edit_now_clicked),
                ("hand_over", self.tr("Hand over"), self.hand_over_clicked),
                ("keep", self.tr("Keep editing"), self.keep_editing_clicked)):
            button = QPushButton(text)
            button.setObjectName(f"editing_{name}")
            button.clicked.connect(signal)
            button.hide()
            layout.addWidget(button)
            self.buttons[name] = button
        self.hide()

    def show_state(self, editing: Editing | None, *, waiting: bool) -> None:
        """Say what ``editing`` means for this window; ``waiting`` once it asked."""
        text, shown = self._words(editing, waiting)
        self.label.setText(text)
        for name, button in self.buttons.items():
            button.setVisible(name in shown)
        self.setVisible(bool(text))

    def _words(self, editing: Editing | None, waiting: bool) -> tuple[str, tuple[str, ...]]:
        if editing is None:
            return "", ()
        if editing.i_edit:
            request = editing.asked_of_me
            if request is None:
                return "", ()
            return self.tr("{0} asks to edit the team file. Hand over when you are ready: "
                           "your saves are finished first, then the file is read-only for "
                           "you.").format(request.person or self.tr("Someone")), (
                "hand_over", "keep")
        if editing.free:
            request = editing.request
            if waiting:
                return self.tr("Taking over editing…"), ()
            if request is not None and not request.is_mine() and not request.declined:
                return self.tr("{0} is taking over editing.").format(
                    request.person or self.tr("Someone")), ()  # handed over to them
            return self.tr("Nobody is editing the team file now."), ("edit",)
        who = editing.holder.holder() if editing.holder else self.tr("Someone")
        request = editing.request
        if waiting and request is not None and request.is_mine():
            if request.declined:
                return self.tr("{0} keeps editing for now.").format(who), ("ask",)
            return self.tr("Waiting for {0} to hand over editing; this window takes over as "
                           "soon as they do.").format(who), ("stop",)
        return self.tr("To change something, ask {0} to hand editing over to you.").format(
            who), ("ask",)
