"""File -> Restore from backup: choose one of this computer's backups of the open file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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

from desktop.backups import BackupInfo
from ui.shell.activity_models import local_time
from ui.shell.table_model import RowsTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("backups", text)


REASON_LABELS: dict[str, str] = {
    "daily": _tr("Daily, on opening"),
    "manual": _tr("Backed up on request"),
    "before-upgrade": _tr("Before an upgrade of the file"),
    "before-restore": _tr("Before a restore"),
}


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} kB"


class BackupTableModel(RowsTableModel):
    COLUMNS = ("Taken", "Why", "Size")

    def cell(self, backup: BackupInfo, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (local_time(backup.taken_at), REASON_LABELS.get(backup.reason, backup.reason),
                    size_text(backup.size))[column]
        if role == Qt.TextAlignmentRole and column == 2:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    """Accepted with ``chosen()`` the backup to restore."""

    def __init__(self, file_name: str, backups: list[BackupInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore {0} from a backup").format(file_name))
        intro = QLabel(self.tr(
            "Choose the backup to put back. What the file holds now is backed up first, so "
            "you can go back again. Everyone who has the file open sees the restored team."))
        intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.model.set_rows(backups)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Backups, newest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        if backups:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.restore_button = buttons.addButton(self.tr("&Restore"), QDialogButtonBox.AcceptRole)
        self.restore_button.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.activated.connect(lambda _index: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def chosen(self) -> BackupInfo | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None


