"""Confirm an idea from the meeting notes before it goes on the board: its title and team."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.enums import Team
from ui.shell.enum_choice import chosen
from ui.shell.labels import TEAM_LABELS


class IdeaCardDialog(QDialog):
    def __init__(self, line: str, team: Team, meeting_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make an idea card"))
        intro = QLabel(self.tr("A card in the Idea column of the board, linked to the meeting "
                               "'{0}' by an action item for you.").format(meeting_title))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.PlainText)
        self.title_edit = QLineEdit(line)
        self.title_edit.setAccessibleName(self.tr("Card title"))
        self.team_box = QComboBox()
        self.team_box.setAccessibleName(self.tr("Team"))
        for member in Team:
            self.team_box.addItem(TEAM_LABELS[member], member)
        self.team_box.setCurrentIndex(self.team_box.findData(team))
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("T&eam"), self.team_box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Make the card"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def card_title(self) -> str:
        return self.title_edit.text()

    def team(self) -> Team:
        return chosen(self.team_box, Team)
