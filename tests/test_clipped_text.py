"""Texts are shown whole: a refusal under a form, the period box, the import preview's column
names, the report's progress title; and a page does not jump when a message appears."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from person import follow_changes, wait_for_save
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QStyle, QWidget

from db.enums import Department, StoryKind, Team
from db.enums import StoryStatus as S
from desktop import board, importing, stories
from desktop.board import CardInput
from desktop.stories import CustomerInput, RequestInput
from ui.events.events_page import EventsPage
from ui.meetings.meetings_page import MeetingsPage
from ui.reports.reports_page import title_width
from ui.results.analytics_page import AnalyticsPage
from ui.results.import_dialog import ImportDialog
from ui.shell.context import TeamContext
from ui.shell.tasks import task_manager
from ui.stories.stories_page import StoriesPage
from ui.stories.story_dialog import DecisionDialog

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _settle(qtbot) -> None:
    qtbot.waitUntil(task_manager().idle, timeout=10_000)
    QApplication.processEvents()


def _page(qtbot, page_class: type, uow, person, width: int = 1100) -> QWidget:
    page = page_class(QUndoStack())
    qtbot.addWidget(page)
    page.resize(width, 640)
    page.show()
    page.set_context(TeamContext(uow.database, person))
    follow_changes(page)
    _settle(qtbot)
    return page


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def test_the_decline_reason_asked_for_is_shown_whole_below_the_field(
        qtbot, uow, team, monkeypatch) -> None:
    rep, pr = team[Department.SALES], team[Department.PR]
    customer = stories.create_customer(uow, CustomerInput("Fjordlund Hospital", rep.id))
    as_pr = uow.as_person(pr.id)
    request = stories.create_request(as_pr, RequestInput(
        customer.id, StoryKind.CASE_STUDY, "Case study: remote monitoring on the wards",
        "A two-page case study with ward figures, quotes from the head nurse and photos.",
        "Their ward team presented as pioneers.", "The launch's strongest proof point."))
    stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    page = _page(qtbot, StoriesPage, uow, rep)
    seen: dict[str, object] = {}

    def exec_(dialog: DecisionDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        save = dialog.buttons.button(QDialogButtonBox.Save)
        qtbot.mouseClick(save, Qt.LeftButton)  # no reason typed
        wait_for_save(dialog)
        label, field = dialog.error_label, dialog.note_edit
        seen["text"] = label.text()
        seen["whole"] = label.height() >= label.heightForWidth(label.width())
        seen["clear of the field"] = not _rect_in(label, dialog).intersects(
            _rect_in(field, dialog))
        seen["inside"] = dialog.rect().contains(_rect_in(label, dialog))
        dialog.reject()
        return QDialog.Rejected

    monkeypatch.setattr(DecisionDialog, "exec", exec_)
    page.select_request(request.id)
    page.decline_action.trigger()
    _settle(qtbot)
    assert str(seen["text"]).startswith("Say why you decline")
    assert seen["whole"] and seen["clear of the field"] and seen["inside"], seen


def test_the_period_box_shows_custom_range_whole(qtbot, uow, team) -> None:
    # beside the activity dock on a small laptop: the toolbar has less room than it wants
    page = _page(qtbot, AnalyticsPage, uow, team[Department.MARKETING], width=400)
    box = page.period_box
    row = box.findText("Custom range")
    assert row >= 0
    box.setCurrentIndex(row)
    QApplication.processEvents()
    room = box.style().subControlRect(QStyle.CC_ComboBox, _combo_option(box),
                                      QStyle.SC_ComboBoxEditField, box).width()
    assert QFontMetrics(box.font()).horizontalAdvance("Custom range") <= room
    assert box.width() >= box.sizeHint().width()  # not squeezed by the toolbar


def _combo_option(box):
    from PySide6.QtWidgets import QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(box)
    option.currentText = box.currentText()
    return option


def test_the_import_preview_shows_each_column_name_whole(qtbot, uow, team) -> None:
    preview = importing.preview_file(uow, FIXTURES / "x_tweet_activity.csv")
    dialog = ImportDialog(preview, [])
    qtbot.addWidget(dialog)
    dialog.show()
    header = dialog.preview_view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    clipped = [name for column, name in enumerate(preview.columns)
               if header.sectionSize(column) < metrics.horizontalAdvance(name) + 8]
    assert clipped == []


def test_the_report_progress_title_has_room(qtbot) -> None:
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog("Making the report…", "Cancel", 0, 10)
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("Business case")
    title = f"Business case — {QApplication.applicationDisplayName()}"
    assert title_width(dialog) > QFontMetrics(dialog.font()).horizontalAdvance(title) + 90


def test_the_meetings_page_does_not_jump_when_its_message_appears(
        qtbot, uow, team) -> None:
    board.create_card(uow, CardInput("Press release: survey findings", Team.PR,
                                     due_on=date.today() + timedelta(days=7)))
    page = _page(qtbot, MeetingsPage, uow, team[Department.PR])
    page.new_action.trigger()
    _settle(qtbot)
    before = page.splitter.mapTo(page, QPoint(0, 0)).y()
    assert page.message_label.text() == ""
    page.share_action.trigger()  # "Added 1 upcoming PR cards to the agenda; save to keep them."
    _settle(qtbot)
    assert "upcoming PR cards" in page.message_label.text()
    assert page.splitter.mapTo(page, QPoint(0, 0)).y() == before


def test_the_events_page_keeps_room_for_its_message(qtbot, uow, team) -> None:
    page = _page(qtbot, EventsPage, uow, team[Department.PR])
    label = page.message_label
    assert label.text() == "" and label.isVisible()
    assert label.height() >= label.fontMetrics().lineSpacing()
