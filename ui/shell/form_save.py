"""Running a form's save on the writer thread, and following it through.

A form dialog hands what was typed to its ``saver``, shows a refusal with
``show_problem`` and stays open, and puts typing back into a new form with
``restore``. ``FormSave`` gives it a saver whose work runs on the writer thread
(``ui.shell.tasks.save_from_dialog``) and, for a save refused after the form had closed,
opens the form again with everything typed and the reason. ``EditSave`` is an edit's
work, saved against the version the person saw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from desktop.errors import ConflictError, DatabaseError, ValidationError
from ui.shell.conflict_dialog import resolve_conflict
from ui.shell.messages import show_error
from ui.shell.tasks import Op, save_from_dialog, task_manager

Work = Callable[[], Any]


class SavedForm(Protocol):
    """What ``FormSave`` needs of a form dialog."""

    saver: Callable[[Any], None] | None

    def restore(self, value: Any) -> None: ...

    def show_problem(self, message: str) -> None: ...

    def exec(self) -> int: ...


class EditSave:
    """An edit's save, made on the writer thread against the version the person saw.

    Once they settled a conflict it saves against the stored version instead, and
    reads "before" again there, so that undo brings the other person's values back.
    """

    def __init__(self, seen: Any, update: Callable[[int, Any], Any],
                 stored: Callable[[], Any]) -> None:
        self._before: Any = seen
        self._version: int = seen.version
        self._update = update
        self._stored = stored

    def __call__(self, data: Any) -> Work:
        """The work saving ``data``: it returns (the record before, the record saved)."""
        before, version, update, stored = self._before, self._version, self._update, self._stored

        def work() -> tuple[Any, Any]:
            return (before if before is not None else stored()), update(version, data)
        return work

    def settled(self, conflict: ConflictError) -> None:
        self._before, self._version = None, conflict.stored_version


class FormSave:
    """Opens a form whose save runs on the writer thread, and follows that save through.

    While the form is open a refusal is shown in it, and it stays open. A save that has
    to wait for someone else's lock lets the form close (``save_from_dialog``); if it is
    refused later, the form opens again with everything typed and the reason. An edit
    (``EditSave``) that meets someone else's save lets the person choose field by field.
    ``refused`` runs after every refusal, so the page shows what is stored by then.
    """

    def __init__(self, owner: QWidget, make_dialog: Callable[[], SavedForm],
                 work: Callable[[Any], Work], saved: Callable[[Any], None], *, label: str,
                 refused: Callable[[], None] | None = None) -> None:
        self._owner = owner
        self._make_dialog = make_dialog
        self._work = work
        self._saved = saved
        self._label = label
        self._refused = refused

    def open(self, typed: Any = None, problem: str = "") -> None:
        dialog = self._make_dialog()
        if typed is not None:
            dialog.restore(typed)
        if problem:
            dialog.show_problem(problem)
        dialog.saver = lambda data: self._save(data, in_form=True)
        dialog.exec()

    def _save(self, data: Any, *, in_form: bool) -> None:
        form_open = [in_form]
        work = self._work(data)

        def finish(op: Op) -> None:
            self._finish(op, data, form_open[0])

        if not in_form:
            op = task_manager().write(work, on_success=lambda _r: finish(op),
                                      on_failure=lambda _e: finish(op), owner=self._owner,
                                      label=self._label)
            return
        try:
            save_from_dialog(work, finish, owner=self._owner, label=self._label)
        finally:
            form_open[0] = False  # from now on the form is closed

    def _finish(self, op: Op, data: Any, form_open: bool) -> None:
        if op.error is None:
            self._saved(op.result)
        elif not isinstance(op.error, DatabaseError):
            show_error(self._owner, op.error)
        elif form_open:
            self._refuse(op.error, data, form_open)
        else:  # after the form closed: first let the task manager finish this save
            QTimer.singleShot(0, self._owner, lambda: self._refuse(op.error, data, False))

    def _refuse(self, error: DatabaseError, data: Any, form_open: bool) -> None:
        message = error.message
        if (isinstance(error, ConflictError) and not error.deleted
                and isinstance(self._work, EditSave)):
            choice = resolve_conflict(self._owner, error, data)
            if choice is not None:
                self._work.settled(error)
                self._save(choice, in_form=form_open)
                return
            message = QCoreApplication.translate("FormSave", (
                "Someone else saved this meanwhile. Save again to choose field by field, or "
                "cancel to see their version."))
        if self._refused is not None:
            self._refused()
        if form_open:
            raise ValidationError(message) from error
        self.open(data, message)

