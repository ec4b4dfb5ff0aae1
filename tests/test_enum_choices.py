"""A vocabulary picked in a combo box reaches the services as its member, not a plain string.

PySide hands a ``StrEnum`` member back from ``currentData()`` as its string: equal
to the member but not it, so ``is`` comparisons with it failed (the board's due
filter hid every dated card). Each form below is filled by picking its entries.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from db.enums import CardKind, Department, EventKind, GoalLevel, GoalStatus, Stage, StoryKind, Team
from ui.board.card_dialog import CardDialog
from ui.board.idea_card_dialog import IdeaCardDialog
from ui.events.event_dialog import EventDialog
from ui.goals.goal_dialog import GoalDialog
from ui.shell.enum_choice import chosen
from ui.shell.labels import DEPARTMENT_LABELS, GOAL_LEVEL_LABELS, GOAL_STATUS_LABELS, TEAM_LABELS
from ui.stories.story_dialog import RequestDialog
from ui.stories.story_labels import STORY_KIND_LABELS

pytestmark = pytest.mark.gui


def pick(box: QComboBox, text: str) -> None:
    """What a person's pick does: the entry with that text becomes current (and signals)."""
    index = box.findText(text)
    assert index >= 0, text
    box.setCurrentIndex(index)


def test_chosen_gives_the_member_back(qtbot) -> None:
    box = QComboBox()
    qtbot.addWidget(box)
    box.addItem("Everyone", None)
    for team in Team:
        box.addItem(TEAM_LABELS[team], team)
    assert chosen(box, Team) is None
    pick(box, "Sales")
    assert box.currentData() == "sales" and type(box.currentData()) is str  # what Qt does
    assert chosen(box, Team) is Team.SALES


def test_the_card_editor_hands_back_members(qtbot) -> None:
    dialog = CardDialog(campaigns=[], people=[], goals=[], sources=[])
    qtbot.addWidget(dialog)
    pick(dialog.team_box, "PR")
    pick(dialog.kind_box, "Press release")
    pick(dialog.stage_box, "In progress")
    typed = dialog.card_input()
    assert (typed.team, typed.kind, typed.stage) == (Team.PR, CardKind.PRESS_RELEASE,
                                                     Stage.IN_PROGRESS)
    assert typed.team is Team.PR and typed.kind is CardKind.PRESS_RELEASE
    assert typed.stage is Stage.IN_PROGRESS


def test_the_idea_card_dialog_hands_back_its_team(qtbot) -> None:
    dialog = IdeaCardDialog("Survey teaser", Team.MARKETING, "Joint planning")
    qtbot.addWidget(dialog)
    pick(dialog.team_box, "Sales")
    assert dialog.team() is Team.SALES


def test_the_goal_form_hands_back_members(qtbot) -> None:
    dialog = GoalDialog("2026-Q4", [], [])
    qtbot.addWidget(dialog)
    pick(dialog.level_box, GOAL_LEVEL_LABELS[GoalLevel.DEPARTMENT])
    pick(dialog.department_box, DEPARTMENT_LABELS[Department.SALES])
    pick(dialog.status_box, GOAL_STATUS_LABELS[GoalStatus.MET])
    typed = dialog.goal_input()
    assert typed.level is GoalLevel.DEPARTMENT and typed.department is Department.SALES
    assert typed.status is GoalStatus.MET


def test_the_event_form_hands_back_its_kind(qtbot) -> None:
    dialog = EventDialog([])
    qtbot.addWidget(dialog)
    pick(dialog.kind_box, dialog.kind_box.itemText(dialog.kind_box.findData(EventKind.OUTING)))
    assert dialog.event_input().kind is EventKind.OUTING


def test_the_story_request_hands_back_its_kind(qtbot) -> None:
    dialog = RequestDialog([])
    qtbot.addWidget(dialog)
    pick(dialog.kind_box, STORY_KIND_LABELS[StoryKind.QUOTE])
    assert dialog.value().kind is StoryKind.QUOTE
