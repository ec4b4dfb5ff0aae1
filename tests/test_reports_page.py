"""The Reports page, driven like a person would: choose, make, look, open, save."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from person import settle
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton

from db import models as m
from db.enums import CardKind, Department, GoalLevel, Stage, Team
from desktop import board, goals
from desktop.report.request import SECTIONS
from ui.reports import reports_page
from ui.reports.reports_page import MadeReport, ReportsPage
from ui.shell.context import TeamContext
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


@pytest.fixture
def page(qtbot, uow, team):
    campaign = board.create_campaign(uow, "Spring & <launch>")
    card = board.create_card(uow, board.CardInput("Survey post", Team.MARKETING,
                                                  CardKind.BLOG_POST, Stage.PUBLISHED,
                                                  campaign_id=campaign.id, channel="linkedin"))
    goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q1", "Leads", "leads",
                                           50, owner_id=team[Department.SALES].id))
    with uow.write() as session:
        for metric, value in (("reach", 5000), ("leads", 12), ("engagements", 300)):
            session.add(m.MetricRecord(occurred_at=datetime(2026, 2, 3, 10), channel="linkedin",
                                       card_id=card, content="Survey post", metric=metric,
                                       value=value))
    widget = ReportsPage(QUndoStack())
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    settle(qtbot)
    widget.campaign = campaign
    return widget


def _make(qtbot, page: ReportsPage) -> object:
    with qtbot.waitSignal(page.report_made, timeout=WAIT_MS) as made:
        page.generate_action.trigger()
    return made.args[0]


def test_the_models_are_sound(page: ReportsPage, qtmodeltester) -> None:
    qtmodeltester.check(page.campaign_model)
    qtmodeltester.check(page.section_model)
    qtmodeltester.check(page.preview_model)


def test_the_form_offers_the_quarters_campaigns_and_sections(page: ReportsPage) -> None:
    quarters = [page.quarter_box.itemData(i) for i in range(page.quarter_box.count())]
    assert "2026-Q1" in quarters  # it has goals and results
    campaigns = page.campaign_model
    assert [campaigns.index(r).data() for r in range(campaigns.rowCount())] == [
        "Spring & <launch>"]
    assert page.section_model.checked_keys() == list(SECTIONS)
    assert page.author_edit.text() == "Zoë Müller"
    assert not page.open_action.isEnabled() and not page.save_action.isEnabled()


def test_making_a_report_shows_its_first_pages(qtbot, page: ReportsPage,
                                               qtmodeltester) -> None:
    page.quarter_box.setCurrentIndex(page.quarter_box.findData("2026-Q1"))
    page.title_edit.setText('Q1 <review> & "plans"')
    made = _make(qtbot, page)
    assert isinstance(made, MadeReport)
    reader = PdfReader(made.path)
    assert reader.metadata.title == 'Q1 <review> & "plans"'
    assert reader.metadata.author == "Zoë Müller"
    assert page.preview_model.rowCount() == min(4, made.pages) == len(made.previews)
    first = page.preview_model.index(0).data(Qt.DecorationRole)
    assert first.width() == reports_page.PREVIEW_WIDTH and first.height() > first.width()
    assert f"{made.pages} pages" in page.status_label.text()
    qtmodeltester.check(page.preview_model)
    assert page.open_action.isEnabled() and page.save_action.isEnabled()


def test_a_campaign_and_chosen_sections_shape_the_report(qtbot, page: ReportsPage) -> None:
    page.quarter_box.setCurrentIndex(page.quarter_box.findData("2026-Q1"))
    page.campaign_model.setData(page.campaign_model.index(0), Qt.Checked, Qt.CheckStateRole)
    page.section_model.set_checked(["summary", "channels"])
    made = _make(qtbot, page)
    reader = PdfReader(made.path)
    assert [e.title for e in reader.outline if not isinstance(e, list)] == [
        "Executive summary", "Channels"]
    assert "Spring & <launch>" in " ".join(reader.pages[0].extract_text().split())


def test_a_range_of_days_is_a_period(page: ReportsPage) -> None:
    page.start_edit.setDate(QDate(2026, 2, 1))
    page.end_edit.setDate(QDate(2026, 2, 28))
    assert page.range_radio.isChecked()
    request = page.request()
    assert (request.period.start, request.period.end, request.period.quarter) == (
        date(2026, 2, 1), date(2026, 2, 28), None)


def test_bad_choices_are_explained_and_nothing_is_made(page: ReportsPage,
                                                       monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(reports_page, "tell", lambda _parent, _title, text: told.append(text))
    page.section_model.set_checked([])
    page.generate_action.trigger()
    page.section_model.set_checked(["summary"])
    page.start_edit.setDate(QDate(2026, 3, 1))
    page.end_edit.setDate(QDate(2026, 2, 1))
    page.generate_action.trigger()
    assert told == ["Tick at least one section to put in the report.",
                    "The report ends (2026-02-01) before it starts (2026-03-01). Swap the two "
                    "days."]
    assert page.preview_model.rowCount() == 0 and not page.save_action.isEnabled()


def test_open_and_save_as(qtbot, page: ReportsPage, tmp_path: Path,
                          monkeypatch) -> None:
    page.quarter_box.setCurrentIndex(page.quarter_box.findData("2026-Q1"))
    made = _make(qtbot, page)
    opened: list[Path] = []
    monkeypatch.setattr(reports_page, "open_in_viewer", lambda path: opened.append(path) or True)
    page.open_action.trigger()
    assert opened == [made.path]
    monkeypatch.setattr(reports_page, "choose_save_path",
                        lambda _parent, _title, start: str(tmp_path / "for the board"))
    page.save_action.trigger()
    saved = tmp_path / "for the board.pdf"
    assert saved.read_bytes() == made.path.read_bytes()
    assert str(saved) in page.status_label.text()
    page.refresh()  # someone changed the file meanwhile
    settle(qtbot)
    assert "changed after this report was made" in page.status_label.text()


def test_cancel_leaves_the_page_as_it_was(qtbot, page: ReportsPage) -> None:
    assert page._folder is None  # no temporary folder until a report is made
    with qtbot.waitSignal(page.report_made, timeout=WAIT_MS) as made:
        page.generate_action.trigger()
        page._progress.findChild(QPushButton).click()  # the person presses Cancel
    assert "cancelled" in str(made.args[0])
    assert page.status_label.text() == "The report was cancelled; no file was written."
    assert page.preview_model.rowCount() == 0
    assert page.generate_action.isEnabled() and not page.save_action.isEnabled()


def test_refresh_keeps_what_the_person_chose_and_typed(qtbot, page: ReportsPage,
                                                       uow) -> None:
    page.title_edit.setText("Half-typed title")
    page.campaign_model.setData(page.campaign_model.index(0), Qt.Checked, Qt.CheckStateRole)
    page.quarter_box.setCurrentIndex(page.quarter_box.findData("2026-Q1"))
    board.create_campaign(uow, "Autumn")
    page.refresh()
    settle(qtbot)
    assert page.title_edit.text() == "Half-typed title"
    assert page.campaign_model.checked_keys() == [page.campaign.id]
    assert page.campaign_model.rowCount() == 2
    assert page.quarter_box.currentData() == "2026-Q1"


def test_a_page_closed_while_making_a_report_stops_its_job(qtbot, uow, team) -> None:
    page = ReportsPage(QUndoStack())
    page.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    settle(qtbot)
    page.generate_action.trigger()
    job = page._job
    assert job is not None and not job.done
    page.deleteLater()
    qtbot.waitUntil(lambda: job.cancelled and task_manager().idle(), timeout=WAIT_MS)
