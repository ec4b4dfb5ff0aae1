"""The history of one record: every change to it, who made it and when, newest first.

Any page can offer it: ``show_history(parent, uow, table, row_id, title)``.
The entries load in the background; the dialog shows them when they arrive.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import activity
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from ui.shell.activity_models import ActivityTableModel
from ui.shell.tasks import task_manager


class HistoryDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of '{0}'").format(title))
        self.status_label = QLabel(self.tr("Loading…"))
        self.model = ActivityTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Changes to this record, newest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(ActivityTableModel.WHO, True)  # the sentence names them
        self.table.setColumnHidden(ActivityTableModel.AREA, True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(ActivityTableModel.CHANGES, QHeaderView.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 380)

    def show_entries(self, entries: list[activity.Activity]) -> None:
        self.model.set_rows(entries)
        self.status_label.setText(counted(len(entries), self.tr("change"), self.tr("changes")) if entries
                                  else self.tr("No changes are recorded for this record."))


def show_history(parent: QWidget | None, uow: UnitOfWork, table: str, row_id: int,
                 title: str) -> HistoryDialog:
    dialog = HistoryDialog(title, parent)
    task_manager().read(lambda: activity.record_history(uow, table, row_id),
                        on_success=dialog.show_entries, owner=dialog)
    dialog.setModal(False)
    dialog.show()
    return dialog
