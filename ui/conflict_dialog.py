"""Someone saved the same record first: show both sides and let the person choose."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import ConflictError


class ConflictDialog(QDialog):
    """``exec()`` returns Accepted for "keep mine", Rejected for "take theirs"."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Someone else saved this first"))
        intro = QLabel(self.tr(
            "While you were editing, someone else saved this record. The fields that "
            "differ are listed below. Keep your version, or take theirs?"))
        intro.setWordWrap(True)
        differing = [name for name in conflict.attempted
                     if conflict.stored.get(name) != conflict.attempted.get(name)]
        table = QTableWidget(len(differing), 3)
        table.setAccessibleName(self.tr("Differences"))
        table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Theirs"), self.tr("Yours")])
        for row, name in enumerate(differing):
            for column, value in enumerate((name.replace("_", " "),
                                            conflict.stored.get(name), conflict.attempted[name])):
                table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        keep = QPushButton(self.tr("Keep mine"))
        take = QPushButton(self.tr("Take theirs"))
        buttons.addButton(keep, QDialogButtonBox.AcceptRole)
        buttons.addButton(take, QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 320)
