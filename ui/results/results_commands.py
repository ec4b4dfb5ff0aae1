"""The results area's undo step: an import, taken out again or made again."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import importing
from desktop.team_file import UnitOfWork
from ui.shell.commands import ServiceCommand


class ImportResultsCommand(ServiceCommand):
    """An import: undo takes its batch out again, redo imports the same file again."""

    def __init__(self, result: importing.ImportResult, request: importing.ImportRequest,
                 uow: UnitOfWork, owner: QWidget) -> None:
        super().__init__(f"Import results from '{result.file_name}'", uow, owner)
        self._batch_id = result.batch_id
        self._request = request

    def do(self) -> None:
        self._batch_id = importing.run_import(self._uow, self._request).batch_id

    def undo_action(self) -> None:
        if self._batch_id is not None:
            importing.delete_import(self._uow, self._batch_id)
