"""Running a form's save on the writer thread, and following it through.

A form dialog (``ui.shell.form_dialog.FormDialog``) hands what was typed to its
``saver``. ``FormSave`` gives it a saver whose work runs on the writer thread:
the form waits with Save showing "Saving…" and closes once the save is done; a
refusal shows in the form, which stays open. A save the person let finish in
the background that is refused later opens the form again with everything
typed and the reason. ``EditSave`` is an edit's work, saved against the version
the person saw; when it meets someone else's save the person chooses field by
field (``ui.shell.conflict_dialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from desktop.errors import ConflictError, ExplainedError
from ui.shell.conflict_dialog import Render, resolve_conflict
from ui.shell.messages import show_error
from ui.shell.tasks import task_manager

Work = Callable[[], Any]


class SavedForm(Protocol):
    """What ``FormSave`` needs of a form dialog (``FormDialog`` has it all)."""

    saver: Callable[[Any], None] | None
    saving: bool

    def restore(self, value: Any) -> None: ...

    def show_problem(self, message: str) -> None: ...

    def begin_saving(self) -> None: ...

    def end_saving(self, problem: str = "") -> None: ...

    def saved(self) -> None: ...

    def exec(self) -> int: ...


class EditSave:
    """An edit's save, made on the writer thread against the version the person saw.

    ``update(version, data)`` returns (the record before, the record saved), both from
    its own write transaction, so undo brings back exactly what the save replaced.
    """

    def __init__(self, seen: Any, update: Callable[[int, Any], Any]) -> None:
        self._version: int = seen.version
        self._update = update

    def __call__(self, data: Any) -> Work:
        """The work saving ``data``: it returns (the record before, the record saved)."""
        version, update = self._version, self._update
        return lambda: update(version, data)

    def settled(self, conflict: ConflictError) -> None:
        self._version = conflict.stored_version


class FormSave:
    """Opens a form whose save runs on the writer thread, and follows that save through.

    ``saved(result)`` runs once the save is done; ``refused()`` after every
    refusal, so the page shows what is stored by then. ``labels`` and ``render``
    name the fields and their values in the conflict dialog.
    """

    def __init__(self, owner: QWidget, make_dialog: Callable[[], SavedForm],
                 work: Callable[[Any], Work], saved: Callable[[Any], None], *, label: str,
                 refused: Callable[[], None] | None = None,
                 labels: dict[str, str] | None = None, render: Render | None = None) -> None:
        self._owner = owner
        self._labels, self._render = labels, render  # field names and values for a conflict
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
        dialog.saver = lambda data: self._save(data, dialog)
        dialog.exec()

    def _save(self, data: Any, form: SavedForm | None) -> None:
        if form is not None:
            form.begin_saving()
        task_manager().write(self._work(data),
                             on_success=lambda result: self._done(result, form),
                             on_failure=lambda error: self._after(error, data, form),
                             owner=self._owner, label=self._label)

    def _done(self, result: Any, form: SavedForm | None) -> None:
        if _waiting(form):
            form.saved()
        self._saved(result)

    def _after(self, error: BaseException, data: Any, form: SavedForm | None) -> None:
        # Let the task manager finish delivering this save before anything modal opens.
        QTimer.singleShot(0, self._owner, lambda: self._refuse(error, data, form))

    def _refuse(self, error: BaseException, data: Any, form: SavedForm | None) -> None:
        form = form if _waiting(form) else None
        if not isinstance(error, ExplainedError):
            if form is not None:
                form.end_saving()
            show_error(self._owner, error)
            return
        message = error.message
        if (isinstance(error, ConflictError) and not error.deleted
                and isinstance(self._work, EditSave)):
            choice = resolve_conflict(form if isinstance(form, QWidget) else self._owner,
                                      error, data, labels=self._labels, render=self._render)
            if choice is not None:
                self._work.settled(error)
                if form is not None:
                    form.end_saving()
                self._save(choice, form)
                return
            message = QCoreApplication.translate("FormSave", (
                "Someone else saved this meanwhile. Save again to choose field by field, or "
                "cancel to see their version."))
        if self._refused is not None:
            self._refused()
        if form is not None:
            form.end_saving(message)
        else:
            self.open(data, message)


def _waiting(form: SavedForm | None) -> bool:
    """The form is still open and waiting for its save."""
    return form is not None and shiboken6.isValid(form) and form.saving
