"""The card editor: every field of a card; "derived from" offers only cards that make no circle."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.enums import CardKind, CommonGroundTag, Stage, Team
from desktop.board import Campaign, Card, CardInput, CardSummary
from desktop.goals import Goal
from desktop.people import Person
from ui.shell.enum_choice import chosen
from ui.shell.form_dialog import FormDialog
from ui.shell.labels import DATE_FORMAT, DEPARTMENT_LABELS, TEAM_LABELS, enum_label

COMMON_CHANNELS = ("web", "email", "linkedin", "x", "instagram", "press", "paid search",
                   "paid social", "events", "sales")
TAG_LABELS = {
    CommonGroundTag.MESSAGING: "Messaging and story",
    CommonGroundTag.CONTENT_PLANNING: "Content planning",
    CommonGroundTag.SOCIAL_MEDIA_RELATIONS: "Social and media relations with amplification",
    CommonGroundTag.SOCIAL_LISTENING: "Social listening for buying signals",
    CommonGroundTag.CONTENT_PLACEMENT: "Content placement",
    CommonGroundTag.PERFORMANCE_OPTIMIZATION: "Optimizing messaging from performance data",
}


@dataclass(frozen=True)
class CardChoices:
    """What the card editor offers, loaded off the GUI thread before it opens."""

    campaigns: list[Campaign]
    people: list[Person]
    goals: list[Goal]
    sources: list[CardSummary]


def _combo(accessible_name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    return box


class CardDialog(FormDialog):
    def __init__(self, *, campaigns: list[Campaign], people: list[Person], goals: list[Goal],
                 sources: list[CardSummary], card: Card | None = None,
                 defaults: CardInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit card") if card else self.tr("New card"), parent)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.campaign_box = _combo(self.tr("Campaign"))
        self.campaign_box.addItem(self.tr("(no campaign)"), None)
        for campaign in campaigns:
            self.campaign_box.addItem(campaign.name, campaign.id)
        self.kind_box = _combo(self.tr("Kind"))
        for kind in CardKind:
            self.kind_box.addItem(enum_label(kind), kind)
        self.stage_box = _combo(self.tr("Stage"))
        for stage in Stage:
            self.stage_box.addItem(enum_label(stage), stage)
        self.team_box = _combo(self.tr("Owning team"))
        for team in Team:
            self.team_box.addItem(TEAM_LABELS[team], team)
        self.owner_box = _combo(self.tr("Owner"))
        self.owner_box.addItem(self.tr("(nobody)"), None)
        for person in people:
            self.owner_box.addItem(f"{person.name} ({DEPARTMENT_LABELS[person.department]})",
                                   person.id)
        self.due_check = QCheckBox(self.tr("Due"))
        self.due_check.setAccessibleName(self.tr("Has a due date"))
        self.due_edit = QDateEdit(QDate.currentDate())
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat(DATE_FORMAT)
        self.due_edit.setAccessibleName(self.tr("Due date"))
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.goal_box = _combo(self.tr("Goal"))
        self.goal_box.addItem(self.tr("(supports no goal)"), None)
        for goal in goals:
            self.goal_box.addItem(f"{goal.quarter} · {goal.title}", goal.id)
        self.channel_box = _combo(self.tr("Channel"))
        self.channel_box.setEditable(True)
        self.channel_box.addItems(["", *COMMON_CHANNELS])
        self.source_box = _combo(self.tr("Derived from"))
        self.source_box.addItem(self.tr("(an original piece)"), None)
        for source in sources:
            label = f"{source.title}  [{enum_label(source.kind)}]"
            self.source_box.addItem(f"{source.campaign_name} · {label}" if source.campaign_name
                                    else label, source.id)
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("Published link"))
        self.url_edit.setPlaceholderText("https://")
        self.pilot_check = QCheckBox(self.tr("Part of a cooperative pilot run by volunteers"))
        self.tag_checks: dict[CommonGroundTag, QCheckBox] = {}
        tags = QGridLayout()
        for number, tag in enumerate(CommonGroundTag):
            check = QCheckBox(self.tr(TAG_LABELS[tag]))
            self.tag_checks[tag] = check
            tags.addWidget(check, number // 2, number % 2)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(80)

        due_row = QHBoxLayout()
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Campaign"), self.campaign_box)
        form.addRow(self.tr("&Kind"), self.kind_box)
        form.addRow(self.tr("&Stage"), self.stage_box)
        form.addRow(self.tr("Owning &team"), self.team_box)
        form.addRow(self.tr("&Owner"), self.owner_box)
        form.addRow(self.tr("Due date"), due_row)
        form.addRow(self.tr("&Goal"), self.goal_box)
        form.addRow(self.tr("C&hannel"), self.channel_box)
        form.addRow(self.tr("&Derived from"), self.source_box)
        form.addRow(self.tr("Published &link"), self.url_edit)
        form.addRow("", self.pilot_check)
        form.addRow(self.tr("Common ground"), tags)
        form.addRow(self.tr("&Notes"), self.notes_edit)
        self.set_body(form)
        self.resize(620, self.sizeHint().height())
        self.load_input(card.as_input() if card else defaults or CardInput("", Team.MARKETING))

    def _select(self, box: QComboBox, value: object) -> None:
        box.setCurrentIndex(max(0, box.findData(value)))

    @classmethod
    def offering(cls, choices: CardChoices, *, card: Card | None = None,
                 defaults: CardInput | None = None, parent: QWidget | None = None) -> CardDialog:
        return cls(campaigns=choices.campaigns, people=choices.people, goals=choices.goals,
                   sources=choices.sources, card=card, defaults=defaults, parent=parent)

    def load_input(self, data: CardInput) -> None:
        """Fill the form; also puts back what a person typed when a save is refused later."""
        self.title_edit.setText(data.title)
        self._select(self.campaign_box, data.campaign_id)
        self._select(self.kind_box, data.kind)
        self._select(self.stage_box, data.stage)
        self._select(self.team_box, data.team)
        self._select(self.owner_box, data.owner_id)
        self.due_check.setChecked(data.due_on is not None)
        self.due_edit.setEnabled(data.due_on is not None)
        if data.due_on:
            self.due_edit.setDate(QDate(data.due_on.year, data.due_on.month, data.due_on.day))
        self._select(self.goal_box, data.goal_id)
        self.channel_box.setCurrentText(data.channel)
        self._select(self.source_box, data.derived_from_id)
        self.url_edit.setText(data.published_url)
        self.pilot_check.setChecked(data.pilot)
        for tag, check in self.tag_checks.items():
            check.setChecked(tag in data.tags)
        self.notes_edit.setPlainText(data.notes)

    restore = load_input  # what a new card's form puts back after a late refusal (FormSave)

    def card_input(self) -> CardInput:
        return CardInput(
            title=self.title_edit.text(), team=chosen(self.team_box, Team),
            kind=chosen(self.kind_box, CardKind), stage=chosen(self.stage_box, Stage),
            campaign_id=self.campaign_box.currentData(), owner_id=self.owner_box.currentData(),
            due_on=self.due_edit.date().toPython() if self.due_check.isChecked() else None,
            goal_id=self.goal_box.currentData(), channel=self.channel_box.currentText(),
            derived_from_id=self.source_box.currentData(), published_url=self.url_edit.text(),
            pilot=self.pilot_check.isChecked(), notes=self.notes_edit.toPlainText(),
            tags=tuple(tag for tag, check in self.tag_checks.items() if check.isChecked()))

    def submit(self) -> None:
        self.saver(self.card_input())
