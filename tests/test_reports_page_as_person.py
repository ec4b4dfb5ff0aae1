"""The Reports page in a person's hands: the quarter picked in its box or days typed, a
campaign and the sections ticked in their lists, the title typed, Ctrl+Return pressed;
then what is seen: the preview of the first pages, the status line, and the PDF's own
text read back; Save as… answered through the native file dialog's path only."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from helpers.gui_thread_sql import threads_of_statements
from person import (
    answer_questions,
    click,
    click_check_box,
    double_click_row,
    pick,
    row_of,
    settle,
    show,
    texts,
    tick,
    type_date,
    type_into,
)
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox

from db import models as m
from db.enums import CardKind, Department, GoalLevel, Stage, Team
from desktop import board, goals
from ui.reports.reports_page import MadeReport, ReportsPage
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


@pytest.fixture
def page(qtbot, uow, team):
    campaign = board.create_campaign(uow, "Spring launch")
    board.create_campaign(uow, "Autumn fair")
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
    show(qtbot, widget)
    settle(qtbot)
    return widget


def _only_sections(qtbot, page: ReportsPage, *wanted: str) -> None:
    """Untick every section but ``wanted``, each with a click on its check box."""
    view = page.section_view
    for label in texts(view):
        index = row_of(view, label)
        if (index.data(Qt.CheckStateRole) == Qt.Checked) != (label in wanted):
            click_check_box(qtbot, view, index)
    shown = [label for label in texts(view)
             if row_of(view, label).data(Qt.CheckStateRole) == Qt.Checked]
    assert shown == list(wanted), shown


def _make(qtbot, page: ReportsPage) -> MadeReport:
    with qtbot.waitSignal(page.report_made, timeout=WAIT_MS) as made:
        qtbot.keyClick(page.title_edit, Qt.Key_Return, Qt.ControlModifier)
    assert isinstance(made.args[0], MadeReport), made.args[0]
    return made.args[0]


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_a_quarter_a_campaign_and_two_sections_make_that_report(qtbot, page, tmp_path, monkeypatch) -> None:
    assert not page.save_action.isEnabled()
    pick(qtbot, page.quarter_box, "2026-Q1")
    tick(qtbot, page.campaign_view, row_of(page.campaign_view, "Spring launch"))
    _only_sections(qtbot, page, "Executive summary", "Goal progress")
    type_into(qtbot, page.title_edit, "Q1 business case")
    made = _make(qtbot, page)

    assert page.preview_model.rowCount() == min(4, made.pages) > 0
    assert page.status_label.text().startswith(f"{made.path.name}: {made.pages} pages")
    assert page.save_action.isEnabled() and page.open_action.isEnabled()
    reader = PdfReader(made.path)
    assert reader.metadata.title == "Q1 business case"
    assert reader.metadata.author == "Zoë Müller"
    text = _text(made.path)
    assert "Spring launch" in text and "Autumn fair" not in text
    assert "Executive summary" in text and "Goal progress" in text
    assert "Who has influence" not in text and "Collaboration" not in text

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(
        lambda url: opened.append(url.toLocalFile()) or True))
    double_click_row(qtbot, page.preview_view, page.preview_model.index(0))
    assert opened == [str(made.path)]  # a double-clicked page opens the PDF in the viewer

    target = tmp_path / "for the board"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_kw: (str(target), "")))
    page.save_action.trigger()
    saved = tmp_path / "for the board.pdf"
    assert saved.read_bytes() == made.path.read_bytes()
    assert page.status_label.text() == f"Saved to {saved}."


def test_days_typed_make_a_report_of_those_days(qtbot, page) -> None:
    click(qtbot, page.range_radio)
    type_date(qtbot, page.start_edit, date(2026, 2, 1))
    type_date(qtbot, page.end_edit, date(2026, 2, 28))
    assert page.range_radio.isChecked()
    _only_sections(qtbot, page, "Executive summary")
    made = _make(qtbot, page)
    assert "1 Feb – 28 Feb 2026" in _text(made.path)
    assert made.path.name == "Business case 2026-02-01 to 2026-02-28.pdf"


def test_no_section_ticked_is_explained_and_nothing_is_made(qtbot, page, monkeypatch) -> None:
    _only_sections(qtbot, page)
    told = answer_questions(monkeypatch, QMessageBox.Ok)
    qtbot.keyClick(page.title_edit, Qt.Key_Return, Qt.ControlModifier)
    assert told == ["Tick at least one section to put in the report."]
    assert page.preview_model.rowCount() == 0 and not page.save_action.isEnabled()


def test_picking_a_quarter_after_typing_days_reports_on_the_quarter(qtbot, page) -> None:
    click(qtbot, page.range_radio)
    type_date(qtbot, page.start_edit, date(2026, 2, 1))
    pick(qtbot, page.quarter_box, "2026-Q1")
    assert page.quarter_radio.isChecked() and not page.range_radio.isChecked()
    assert page.request().period.start == date(2026, 1, 1)


def test_no_query_runs_on_the_window_s_thread(qtbot, page, uow) -> None:
    """Someone adds a campaign; the page refreshes and a report is made: every statement
    runs on a worker thread, so a slow share never stands the window still."""
    board.create_campaign(uow, "Winter market")
    with threads_of_statements(uow.database.engine) as on_window_thread:
        page.refresh()  # what the window's change feed does after the change
        settle(qtbot)
        assert "Winter market" in texts(page.campaign_view)
        pick(qtbot, page.quarter_box, "2026-Q1")
        tick(qtbot, page.campaign_view, row_of(page.campaign_view, "Winter market"))
        _only_sections(qtbot, page, "Executive summary")
        _make(qtbot, page)
        page.refresh()
        settle(qtbot)
    assert on_window_thread and not any(on_window_thread), on_window_thread
