"""The Analytics page in a person's hands: the period, channel and team picked in the
toolbar's boxes, a custom range typed, a tab clicked, and results imported through the
toolbar and the import dialog (its profile, its column mapping picked cell by cell, its
period typed, its Import button); only the native file dialog's answer is stood in for."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from helpers.gui_thread_sql import threads_of_statements
from helpers.results import add_records
from person import (
    answer,
    click,
    click_row,
    follow_changes,
    pick,
    pick_in_cell,
    row_of,
    settle,
    show,
    texts,
    type_date,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from sqlalchemy import func, select

from db import models as m
from db.enums import Department
from desktop import importing
from ui.results.analytics_models import MappingTableModel
from ui.results.analytics_page import AnalyticsPage
from ui.results.import_dialog import ImportDialog
from ui.shell.context import TeamContext

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _records(uow) -> int:
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(m.MetricRecord))


@pytest.fixture
def page(qtbot, uow, team):
    add_records(uow, "linkedin", datetime(2026, 3, 2, 9), "survey teaser", impressions=1000,
         engagements=50, reach=800)
    add_records(uow, "email", datetime(2026, 3, 3, 14), "webinar invite", reach=500, opens=100)
    add_records(uow, "email", datetime(2026, 5, 4, 10), "may news", reach=300, opens=30)
    stack = QUndoStack()
    widget = AnalyticsPage(stack)
    undo = stack.createUndoAction(widget)
    undo.setShortcut(QKeySequence.Undo)
    undo.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    widget.addAction(undo)
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    follow_changes(widget)
    show(qtbot, widget)
    settle(qtbot)
    return widget


def _channels(page: AnalyticsPage) -> list[str]:
    return texts(page.channel_tab.table_model, 0)


def _reach(page: AnalyticsPage, channel: str) -> str:
    return row_of(page.channel_tab.table_view, channel).siblingAtColumn(1).data()


def _choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_kw: (str(path), "")))


def test_the_period_and_channel_boxes_change_the_table(qtbot, page) -> None:
    assert page.period_box.currentText() == "2026-Q2"  # where the latest results are
    assert _channels(page) == ["email"]
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    assert _channels(page) == ["email", "linkedin"]
    assert _reach(page, "email") == "500"
    pick(qtbot, page.channel_box, "linkedin")
    settle(qtbot)
    assert _channels(page) == ["linkedin"]
    assert _reach(page, "linkedin") == "800"
    pick(qtbot, page.channel_box, "All channels")
    settle(qtbot)
    assert _channels(page) == ["email", "linkedin"]


def test_a_typed_custom_range_sums_across_quarters(qtbot, page) -> None:
    assert not page.start_edit.isEnabled()
    pick(qtbot, page.period_box, "Custom range")
    assert page.start_edit.isEnabled() and page.end_edit.isEnabled()
    type_date(qtbot, page.start_edit, date(2026, 3, 1))
    type_date(qtbot, page.end_edit, date(2026, 5, 31))
    pick(qtbot, page.channel_box, "email")
    settle(qtbot)
    assert _channels(page) == ["email"]
    assert _reach(page, "email") == "800"  # March 500 + May 300


def test_the_team_box_keeps_only_results_of_that_teams_cards(qtbot, page) -> None:
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    assert _channels(page) == ["email", "linkedin"]
    pick(qtbot, page.team_box, "PR")
    settle(qtbot)
    assert _channels(page) == []  # no result is matched to a PR card
    pick(qtbot, page.team_box, "All teams")
    settle(qtbot)
    assert _channels(page) == ["email", "linkedin"]


def _click_tab(qtbot, page: AnalyticsPage, tab: QWidget) -> None:
    """Click the tab's title in the tab bar, as a person does, and wait for its figures."""
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, Qt.NoModifier, bar.tabRect(page.tabs.indexOf(tab)).center())
    settle(qtbot)


def test_clicking_the_time_of_day_tab_shows_its_table(qtbot, page) -> None:
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    _click_tab(qtbot, page, page.time_tab)
    assert page.tabs.currentWidget() is page.time_tab
    assert page.time_tab.table_model.rowCount() > 0


def test_import_a_known_export_with_its_profile_then_ctrl_z(qtbot, page, uow, monkeypatch) -> None:
    _choose_file(monkeypatch, FIXTURES / "mailchimp_campaigns.csv")
    profiles: list[str] = []

    def as_offered(dialog: ImportDialog) -> None:
        profiles.append(dialog.profile_box.currentText())
        click(qtbot, dialog.import_button)

    answer(monkeypatch, ImportDialog, as_offered)
    before = _records(uow)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        qtbot.keyClick(page.tabs, Qt.Key_I, Qt.ControlModifier)
    settle(qtbot)
    assert profiles == ["Mailchimp: campaigns"]
    assert _records(uow) == before + 8
    assert "Imported 8 figures from 2 rows" in page.status_label.text()
    qtbot.keyClick(page.tabs, Qt.Key_Z, Qt.ControlModifier)
    settle(qtbot)
    assert _records(uow) == before


def test_import_with_a_mapping_picked_column_by_column(qtbot, page, uow, monkeypatch, tmp_path) -> None:
    path = tmp_path / "our tool.csv"
    path.write_text("When;Where;Post;Taps\n2026-03-02;web;Survey teaser;5\n"
                    "2026-03-03;web;Webinar;7\n", encoding="utf-8")
    _choose_file(monkeypatch, path)

    def map_by_hand(dialog: ImportDialog) -> None:
        view = dialog.mapping_view
        for column, use in (("When", "Date or time"), ("Where", "Channel"),
                            ("Post", "Title or content"), ("Taps", "Figure: clicks")):
            pick_in_cell(qtbot, view, row_of(view, column).siblingAtColumn(
                MappingTableModel.USE_COLUMN), use)
        click(qtbot, dialog.import_button)

    answer(monkeypatch, ImportDialog, map_by_hand)
    before = _records(uow)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_action.trigger()
    settle(qtbot)
    assert _records(uow) == before + 2
    with uow.read() as session:
        likes = session.scalars(select(m.MetricRecord).where(m.MetricRecord.metric == "clicks")
                                .order_by(m.MetricRecord.occurred_at)).all()
        assert [(r.channel, r.content, r.value) for r in likes] == [
            ("web", "Survey teaser", 5), ("web", "Webinar", 7)]


def test_a_file_without_dates_takes_the_period_typed_in_the_dialog(qtbot, page, uow, monkeypatch) -> None:
    _choose_file(monkeypatch, FIXTURES / "ga4_pages.csv")

    def period(dialog: ImportDialog) -> None:
        assert dialog.period_box.isEnabled()
        type_date(qtbot, dialog.period_start, date(2026, 2, 1))
        type_date(qtbot, dialog.period_end, date(2026, 2, 28))
        click(qtbot, dialog.import_button)

    answer(monkeypatch, ImportDialog, period)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_action.trigger()
    settle(qtbot)
    assert importing.list_imports(uow)[0].period == importing.Period(date(2026, 2, 1),
                                                                     date(2026, 2, 28))


def test_a_period_that_ends_before_it_starts_is_refused_in_the_dialog(qtbot, page, uow, monkeypatch) -> None:
    _choose_file(monkeypatch, FIXTURES / "ga4_pages.csv")

    refusals: list[str] = []

    def backwards(dialog: ImportDialog) -> None:
        type_date(qtbot, dialog.period_start, date(2026, 2, 28))
        type_date(qtbot, dialog.period_end, date(2026, 2, 1))
        click(qtbot, dialog.import_button)
        assert dialog.isVisible()  # the dialog stays open, saying why
        refusals.append(dialog.error_label.text())

    answer(monkeypatch, ImportDialog, backwards)
    page.import_action.trigger()
    settle(qtbot)
    assert refusals == ["The period ends before it starts."]
    assert importing.list_imports(uow) == []
    assert page.import_action.isEnabled()


def test_ctrl_c_in_the_table_copies_the_whole_table(qtbot, page) -> None:
    """The toolbar's Copy table says Ctrl+C; pressed in the table, where a person is, it
    copied only the clicked cell until the page took the key from the view."""
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    view = page.channel_tab.table_view
    click_row(qtbot, view, row_of(view, "linkedin"))
    QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[0] == "Channel"
    assert [line.split("\t")[0] for line in lines[1:]] == ["email", "linkedin"]


def test_the_over_time_tab_measure_and_the_words_tab_minimum_redraw(qtbot, page) -> None:
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    _click_tab(qtbot, page, page.trend_tab)
    first = page.trend_tab.chart
    assert first is not None
    pick(qtbot, page.measure_box, "Impressions")
    settle(qtbot)
    assert page.trend_tab.chart is not None and page.trend_tab.chart is not first
    _click_tab(qtbot, page, page.words_tab)
    type_into(qtbot, page.min_uses_box, "1")
    settle(qtbot)
    words = texts(page.words_tab.table_model, 0)
    assert "survey" in words or "webinar" in words


def test_the_campaign_box_keeps_the_results_of_that_campaigns_cards(qtbot, uow, team, page) -> None:
    from db.enums import CardKind, Team
    from desktop import board

    spring = board.create_campaign(uow, "Spring launch")
    board.create_campaign(uow, "Autumn fair")
    card = board.create_card(uow, board.CardInput("Survey teaser", Team.MARKETING,
                                                  CardKind.SOCIAL_POST, campaign_id=spring.id,
                                                  channel="linkedin"))
    with uow.write() as session:
        session.add(m.MetricRecord(occurred_at=datetime(2026, 3, 4, 9), channel="linkedin",
                                   content="Survey teaser", metric="reach", value=70,
                                   card_id=card if isinstance(card, int) else card.id))
    page.refresh()
    settle(qtbot)
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    pick(qtbot, page.campaign_box, "Spring launch")
    settle(qtbot)
    assert _channels(page) == ["linkedin"] and _reach(page, "linkedin") == "70"
    pick(qtbot, page.campaign_box, "Autumn fair")
    settle(qtbot)
    assert _channels(page) == []


def test_the_goals_tab_offers_the_quarters_goals_and_keeps_the_one_picked(qtbot, uow, page) -> None:
    from db.enums import GoalLevel
    from desktop import goals

    for title in ("Leads", "Reach"):
        goals.create_goal(uow, goals.GoalInput(GoalLevel.CORPORATE, "2026-Q1", title, "n", 100))
    page.refresh()
    settle(qtbot)
    pick(qtbot, page.period_box, "2026-Q1")
    settle(qtbot)
    _click_tab(qtbot, page, page.goal_tab)
    assert sorted(page.goal_box.itemText(i) for i in range(page.goal_box.count())) == [
        "Leads", "Reach"]
    first = page.goal_tab.chart
    other = "Reach" if page.goal_box.currentText() == "Leads" else "Leads"
    pick(qtbot, page.goal_box, other)
    settle(qtbot)
    assert page.goal_box.currentText() == other
    assert page.goal_tab.chart is not None and page.goal_tab.chart is not first


def test_no_query_runs_on_the_window_s_thread(qtbot, page, uow, monkeypatch) -> None:
    """Importing and undoing it, picking a period and a tab: every statement runs on a
    worker thread, so a slow share never stands the window still."""
    _choose_file(monkeypatch, FIXTURES / "mailchimp_campaigns.csv")
    answer(monkeypatch, ImportDialog, lambda dialog: click(qtbot, dialog.import_button))
    with threads_of_statements(uow.database.engine) as on_window_thread:
        with qtbot.waitSignal(page.import_finished, timeout=10_000):
            qtbot.keyClick(page.tabs, Qt.Key_I, Qt.ControlModifier)
        settle(qtbot)
        qtbot.keyClick(page.tabs, Qt.Key_Z, Qt.ControlModifier)
        settle(qtbot)
        pick(qtbot, page.period_box, "2026-Q1")
        settle(qtbot)
        _click_tab(qtbot, page, page.time_tab)
        assert page.time_tab.table_model.rowCount() > 0
    assert on_window_thread and not any(on_window_thread), on_window_thread
