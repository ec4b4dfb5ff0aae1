"""The one editing dialog: Save hands the form to a saver; a refusal shows in the form.

A ``ValidationError`` raised by the saver keeps the dialog open with its message
above the buttons, so nothing the person typed is lost. A saver that saves on the
writer thread (``ui.shell.form_save``) calls ``begin_saving``: Save says
"Saving…" and takes no second click, and the dialog waits, without an event
loop of its own, for ``saved()`` or ``end_saving(problem)``. Should the save have
to wait (someone else's lock, a slow share), after a few seconds the person can
let it finish in the background and close the form. An editor of a stored
record can ``watch_record``: when someone saves that record while the form is
open (the window's change-log poll tells), a line above the buttons says who and
when, so the choice that saving will offer comes as no surprise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from desktop import activity
from desktop.activity_words import NOUNS, utc_time_text
from desktop.errors import ValidationError
from desktop.team_file import UnitOfWork
from ui.shell.palette import Tone, style_label
from ui.shell.tasks import task_manager

BACKGROUND_OFFER_MS = 3_000  # a save still waiting after this may finish with the form closed


def grow_to_fit(dialog: QWidget) -> None:
    """Make an open dialog tall enough for what it shows now (a problem line that just
    appeared): a shown window keeps its size, and wrapped lines would be clipped or drawn
    over the fields."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    wanted = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if wanted > dialog.height():
        dialog.resize(width, wanted)


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.saver: Callable[..., object] | None = None
        self.error_label = QLabel()
        style_label(self.error_label, Tone.ERROR)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Problem"))
        self.error_label.hide()
        self.changed_label = ChangedUnderneath(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.saving = False  # a save of this form is on the writer thread
        self._save_text = self.buttons.button(QDialogButtonBox.Save).text()
        self.background_button = self.buttons.addButton(self.tr("Finish in the background"),
                                                        QDialogButtonBox.ActionRole)
        self.background_button.setToolTip(self.tr(
            "Close the form; the save goes on and a refusal opens the form again"))
        self.background_button.hide()
        self.background_button.clicked.connect(self._finish_in_background)
        self._offer = QTimer(self)
        self._offer.setSingleShot(True)
        self._offer.setInterval(BACKGROUND_OFFER_MS)
        self._offer.timeout.connect(self._offer_background)

    def set_body(self, *parts: QLayout | QWidget) -> None:
        """Lay out the form parts, then the problem line, then the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.changed_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        """Hand the form's values to ``self.saver``; subclasses say which values."""

    def accept(self) -> None:
        if self.saving:
            return  # the first click's save is on its way
        if self.saver is not None:
            try:
                self.submit()
            except ValidationError as error:
                self.show_problem(error.message)
                return
            if self.saving:
                return  # closed by saved(), or kept open by end_saving(problem)
        super().accept()

    def reject(self) -> None:
        if not self.saving:  # a save cannot be called back; it can go on in the background
            super().reject()

    # --- a save on the writer thread ----------------------------------------------
    def begin_saving(self) -> None:
        self.saving = True
        self.error_label.hide()
        save = self.buttons.button(QDialogButtonBox.Save)
        save.setEnabled(False)
        save.setText(self.tr("Saving…"))
        self.buttons.button(QDialogButtonBox.Cancel).setEnabled(False)
        self._offer.start()

    def end_saving(self, problem: str = "") -> None:
        """The save is over and the form stays open: with the reason it was refused."""
        self.saving = False
        self._offer.stop()
        self.background_button.hide()
        save = self.buttons.button(QDialogButtonBox.Save)
        save.setEnabled(True)
        save.setText(self._save_text)
        self.buttons.button(QDialogButtonBox.Cancel).setEnabled(True)
        if problem:
            self.show_problem(problem)

    def saved(self) -> None:
        self.end_saving()
        super().accept()

    def _offer_background(self) -> None:
        if self.saving:
            self.background_button.show()

    def _finish_in_background(self) -> None:
        self.end_saving()
        super().accept()

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        grow_to_fit(self)

    def watch_record(self, uow: UnitOfWork, table: str, row_id: int) -> None:
        """Tell the person when someone saves this record while the form is open."""
        self.changed_label.watch(uow, table, row_id)


class ChangedUnderneath(QLabel):
    """A line in an editor: "Priya Nair changed this card at 14:02 while you were editing".

    Hidden until someone else saves the watched record. It follows the window's
    ``LiveFile`` (none outside a main window: then nothing is watched); the changes
    after the newest one the window had seen when the editor opened count.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style_label(self, Tone.WARNING)
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)  # it quotes a name people typed
        self.setAccessibleName(self.tr("Changed meanwhile"))
        self.hide()
        self._watched: tuple[UnitOfWork, str, int, int] | None = None

    def watch(self, uow: UnitOfWork, table: str, row_id: int) -> None:
        live, widget = None, self.parentWidget()
        while widget is not None and live is None:  # up through the editor to the window
            live, widget = getattr(widget, "live", None), widget.parentWidget()
        if live is None or live.seen_change_id is None:
            return
        self._watched = (uow, table, row_id, live.seen_change_id)
        live.changed.connect(self._on_file_changed)

    def _on_file_changed(self, batch: activity.ChangeBatch) -> None:
        if self._watched is None or not (batch.reset or self._watched[1] in batch.tables):
            return
        uow, table, row_id, after = self._watched
        task_manager().read(lambda: activity.record_history(uow, table, row_id, after_id=after),
                            on_success=self._show_changed, owner=self)

    def _show_changed(self, entries: list[activity.Activity]) -> None:
        """The newest change by someone else (this person's own saves from this form,
        which the poll may see before the form closes, are no news)."""
        if self._watched is None:
            return
        me = self._watched[0].person_id
        others = [e for e in entries if me is None or e.person_id != me]
        if not others:
            return
        newest = others[0]
        noun = NOUNS.get(newest.table, self.tr("record"))
        moment = utc_time_text(newest.changed_at)
        when = (self.tr("at {0}") if len(moment) <= 5 else self.tr("on {0}")).format(moment)
        self.setText(self.tr(
            "{0} changed this {1} {2} while you were editing; saving will show you both "
            "where you changed the same fields.").format(
            newest.person_name or self.tr("Someone else"), noun, when))
        self.show()


class RowsForm(FormDialog):
    """A form of labelled rows; Save hands ``value()`` to the saver. The problem line
    quotes people's words, so it is never read as rich text."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.error_label.setTextFormat(Qt.PlainText)
        self.form = QFormLayout()
        self.set_body(self.form)

    def value(self) -> object:
        raise NotImplementedError

    def restore(self, value: object) -> None:
        """Show ``value`` (what ``value()`` once returned) again, as typed."""
        raise NotImplementedError

    def submit(self) -> None:
        self.saver(self.value())
