"""The Analytics page: filters change the figures shown; imports in the background.

The figures are computed on the reader thread, so each change is followed by a wait
for the task manager (``_settle``) before the figures are looked at.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers.results import accept_import_dialog, add_records
from person import follow_changes, settle, wait_for_save
from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db import models as m
from db.enums import Department
from desktop import importing
from desktop.errors import Cancelled
from ui.results import analytics_page
from ui.results.analytics_figures import FIGURES
from ui.results.analytics_models import (
    BestHoursTableModel,
    ChannelTableModel,
    ContentTableModel,
    InfluenceTableModel,
    MappingTableModel,
    PreviewTableModel,
    WordTableModel,
)
from ui.results.analytics_page import AnalyticsPage
from ui.results.import_dialog import ImportDialog
from ui.shell.context import TeamContext
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _records(uow) -> int:
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(m.MetricRecord))


@pytest.fixture
def page(qtbot, uow, team):
    add_records(uow, "linkedin", datetime(2026, 3, 2, 9), "=HYPERLINK(1)", author="=cmd",
         impressions=1000, engagements=50, reach=800)
    add_records(uow, "email", datetime(2026, 3, 3, 14), "webinar invite", reach=500, opens=100)
    add_records(uow, "email", datetime(2026, 5, 4, 10), "may news", reach=300, opens=30)
    stack = QUndoStack()
    widget = AnalyticsPage(stack)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    follow_changes(widget)
    settle(qtbot)
    return widget


def _choose_custom(qtbot, page: AnalyticsPage, start: date, end: date) -> None:
    page.period_box.setCurrentIndex(page.period_box.findData("custom"))
    page.start_edit.setDate(QDate(start.year, start.month, start.day))
    page.end_edit.setDate(QDate(end.year, end.month, end.day))
    settle(qtbot)


def _channels_shown(page: AnalyticsPage) -> list[str]:
    model = page.channel_tab.table_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_opens_on_the_quarter_of_the_latest_results(page) -> None:
    assert page.period_box.currentData() == "2026-Q2"
    assert _channels_shown(page) == ["email"]
    labels = [t.get_text() for t in page.channel_tab.chart.figure().axes[0].get_yticklabels()]
    assert labels == ["email"]


def test_period_and_channel_filters_change_the_figures(page, qtbot) -> None:
    page.period_box.setCurrentIndex(page.period_box.findData("2026-Q1"))
    settle(qtbot)
    assert _channels_shown(page) == ["email", "linkedin"]
    assert page.channel_tab.table_model.index(0, 1).data() == "500"
    page.channel_box.setCurrentIndex(page.channel_box.findData("linkedin"))
    settle(qtbot)
    assert _channels_shown(page) == ["linkedin"]
    assert [t.get_text() for t in page.channel_tab.chart.figure().axes[0].get_yticklabels()] == [
        "linkedin"]
    _choose_custom(qtbot, page, date(2026, 3, 1), date(2026, 5, 31))
    page.channel_box.setCurrentIndex(page.channel_box.findData("email"))
    settle(qtbot)
    assert page.channel_tab.table_model.index(0, 1).data() == "800"  # March 500 + May 300


def test_only_the_newest_selection_is_computed_and_shown(page, qtbot, monkeypatch) -> None:
    asked: list[tuple[date, date, tuple[str, ...] | None]] = []
    compute_channels = FIGURES["channels"]

    def counted(uow, request):
        s = request.selection
        asked.append((s.start, s.end, s.channels))
        return compute_channels(uow, request)

    monkeypatch.setitem(FIGURES, "channels", counted)
    gate = threading.Event()
    task_manager().read(lambda: gate.wait(10))  # the reader is busy meanwhile
    page.period_box.setCurrentIndex(page.period_box.findData("2026-Q1"))
    page.channel_box.setCurrentIndex(page.channel_box.findData("linkedin"))
    page.period_box.setCurrentIndex(page.period_box.findData("2026-Q2"))
    page.channel_box.setCurrentIndex(page.channel_box.findData("email"))
    qtbot.waitUntil(lambda: not page.computing_label.isHidden(), timeout=3000)
    gate.set()
    settle(qtbot)
    assert asked == [(date(2026, 4, 1), date(2026, 6, 30), ("email",))]  # the rest skipped
    assert _channels_shown(page) == ["email"]
    assert page.channel_tab.table_model.index(0, 1).data() == "300"  # May's reach
    assert page.computing_label.isHidden()


def test_figures_of_a_selection_left_meanwhile_are_not_shown(page, qtbot) -> None:
    """The channels of 2026-Q1 are still being computed when the person looks at another
    tab and picks 2026-Q2: back on the channels, they see 2026-Q2's, not the old ones."""
    gate = threading.Event()
    task_manager().read(lambda: gate.wait(10))  # the reader is busy meanwhile
    page.period_box.setCurrentIndex(page.period_box.findData("2026-Q1"))
    page.tabs.setCurrentWidget(page.time_tab)
    page.period_box.setCurrentIndex(page.period_box.findData("2026-Q2"))
    gate.set()
    settle(qtbot)
    page.tabs.setCurrentWidget(page.channel_tab)
    settle(qtbot)
    assert _channels_shown(page) == ["email"]
    assert page.channel_tab.table_model.index(0, 1).data() == "300"  # May's reach


def test_a_resized_chart_is_drawn_again_at_its_new_size(page, qtbot) -> None:
    view = page.channel_tab.view

    def fits() -> bool:
        return view.image.deviceIndependentSize().toSize() == view.size()

    page.resize(900, 700)
    with qtbot.waitExposed(page):
        page.show()
    qtbot.waitUntil(fits, timeout=5000)
    first = view.image
    page.resize(1300, 800)
    qtbot.waitUntil(lambda: view.width() > 1000 and fits(), timeout=5000)
    assert view.image.width() > first.width()


def test_other_tabs_are_drawn_when_shown(page, qtbot) -> None:
    _choose_custom(qtbot, page, date(2026, 3, 1), date(2026, 3, 31))
    assert page.time_tab.chart is None
    page.tabs.setCurrentWidget(page.time_tab)
    settle(qtbot)
    assert page.time_tab.chart.figure().axes[0].images[0].get_array()[0][9] == 50  # Monday 09:00
    page.tabs.setCurrentWidget(page.influence_tab)
    settle(qtbot)
    assert page.influence_tab.table_model.index(0, 0).data() == "=cmd"


def test_export_neutralises_formulas_and_charts_save(page, qtbot, tmp_path) -> None:
    _choose_custom(qtbot, page, date(2026, 3, 1), date(2026, 3, 31))
    page.tabs.setCurrentWidget(page.influence_tab)
    settle(qtbot)
    page.export_table(tmp_path / "influence.csv")
    text = (tmp_path / "influence.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("'=cmd,Creator,1,800")
    page.save_chart(tmp_path / "chart.png")
    settle(qtbot)
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    page.copy_table()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text().splitlines()[1].startswith("'=cmd\t")


def test_import_in_the_background_then_undo(page, uow, qtbot, monkeypatch) -> None:
    shown = accept_import_dialog(monkeypatch)
    before = _records(uow)
    with qtbot.waitSignal(page.import_finished, timeout=10_000) as signal:
        page.import_results(FIXTURES / "mailchimp_campaigns.csv")
    assert shown[0]["profile"] == "Mailchimp: campaigns"
    assert not shown[0]["asks_period"]
    assert isinstance(signal.args[0], importing.ImportResult)
    assert _records(uow) == before + 8
    assert "Imported 8 figures from 2 rows" in page.status_label.text()
    assert page.undo_stack.undoText() == "Import results from 'mailchimp_campaigns.csv'"
    page.undo_stack.undo()
    settle(qtbot)
    assert _records(uow) == before
    page.undo_stack.redo()
    settle(qtbot)
    assert _records(uow) == before + 8


def test_a_file_without_dates_asks_for_the_period(page, uow, qtbot, monkeypatch) -> None:
    shown = accept_import_dialog(monkeypatch)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_results(FIXTURES / "ga4_pages.csv")
    assert shown[0]["asks_period"]
    assert shown[0]["start"] == date(2026, 1, 1)
    assert importing.list_imports(uow)[0].period == importing.Period(date(2026, 1, 1),
                                                                     date(2026, 3, 31))


def test_bad_rows_ask_and_good_rows_are_imported(page, uow, qtbot, monkeypatch,
                                                 tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Date,Channel,Title,Clicks\n2026-03-02,web,Good,5\n2026-03-03,web,Bad,-1\n")
    accept_import_dialog(monkeypatch)
    questions: list[str] = []
    monkeypatch.setattr(analytics_page, "ask", lambda _p, _t, text, **_k: (
        questions.append(text), QMessageBox.Yes)[1])
    before = _records(uow)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_results(path)
    qtbot.waitUntil(lambda: _records(uow) == before + 1, timeout=10_000)
    assert "line 3: Clicks is -1; a result cannot be negative" in questions[0]
    assert "Import the 1 good row and" in questions[0]


def test_bad_rows_answered_no_import_nothing(page, uow, qtbot, monkeypatch, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Date,Channel,Title,Clicks\n2026-03-02,web,Good,5\n2026-03-03,web,Bad,x\n")
    accept_import_dialog(monkeypatch)
    monkeypatch.setattr(analytics_page, "ask", lambda *_a, **_k: QMessageBox.No)
    before = _records(uow)
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_results(path)
    assert _records(uow) == before
    assert page.status_label.text() == "Nothing was imported."


def test_cancel_leaves_nothing(page, uow, qtbot, tmp_path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Date,Channel,Title,Clicks\n"
                    + "".join(f"2026-03-02,web,Post {i},{i}\n" for i in range(20_000)))
    mapping = importing.ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                                      metrics=(("Clicks", "clicks"),))
    before = _records(uow)
    with qtbot.waitSignal(page.import_finished, timeout=20_000) as signal:
        page.start_import(importing.ImportRequest(path, mapping))
        page.cancel_import()
    assert isinstance(signal.args[0], Cancelled)
    assert _records(uow) == before and importing.list_imports(uow) == []
    assert "cancelled" in page.status_label.text()


def test_saving_a_mapping_as_a_profile_from_the_dialog(page, uow, qtbot, monkeypatch) -> None:
    seen: dict[str, object] = {}

    def exec_(dialog: ImportDialog) -> int:
        dialog.profile_name_edit.setText("Mailchimp: campaigns")  # a built-in profile's name
        dialog.save_profile_button.click()
        seen["saving"] = (dialog.save_profile_button.text(), dialog.import_button.isEnabled())
        wait_for_save(dialog)
        seen["refusal"] = dialog.error_label.text()
        dialog.profile_name_edit.setText("German spreadsheet")
        dialog.save_profile_button.click()
        wait_for_save(dialog)
        seen["profile"] = dialog.profile_box.currentText()
        use = dialog.mapping_model.index(0, MappingTableModel.USE_COLUMN)
        dialog.mapping_model.setData(use, "")  # no date column: the period is asked
        seen["asked"] = importing.Period(dialog.period_start.date().toPython(),
                                         dialog.period_end.date().toPython())
        dialog.accept()
        seen["error"] = dialog.error_label.text()
        seen["period"] = dialog.period_box.isEnabled()
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    page.import_results(FIXTURES / "results_cp1252_semicolon.csv")
    qtbot.waitUntil(lambda: "period" in seen, timeout=10_000)
    settle(qtbot)
    assert seen["saving"] == ("Saving…", False)  # the dialog waits for the profile's save
    assert seen["refusal"] == "'Mailchimp: campaigns' is the name of a built-in profile; " \
        "choose another."
    assert seen["profile"] == "German spreadsheet (saved)"
    assert importing.find_profile(uow, "German spreadsheet").mapping.channel == "Kanal"
    assert "no date on its rows" not in str(seen["error"])
    assert seen["period"] is True
    # Import pressed: the file is imported for the period the dialog asked for.
    assert [i.period for i in importing.list_imports(uow)] == [seen["asked"]]


def test_read_only_file_disables_import(page, uow, team, qtbot) -> None:
    uow.database.read_only_reason = "read-only for the test"
    page.set_context(TeamContext(uow.database, team[Department.PR]))
    follow_changes(page)
    settle(qtbot)
    assert not page.import_action.isEnabled()
    assert page.export_action.isEnabled()


def test_models_pass_the_model_tester(qtmodeltester, page, uow, qtbot) -> None:
    for tab in (page.time_tab, page.words_tab, page.content_tab, page.influence_tab):
        page.tabs.setCurrentWidget(tab)
        settle(qtbot)
    for model in (page.channel_tab.table_model, page.time_tab.table_model,
                  page.influence_tab.table_model):
        qtmodeltester.check(model)
    for empty in (ChannelTableModel(), BestHoursTableModel(), WordTableModel(),
                  ContentTableModel(), InfluenceTableModel(), PreviewTableModel(),
                  MappingTableModel()):
        qtmodeltester.check(empty)
    preview = importing.preview_file(uow, FIXTURES / "x_tweet_activity.csv")
    dialog = ImportDialog(preview, [])
    qtmodeltester.check(dialog.preview_model)
    qtmodeltester.check(dialog.mapping_model)
    dialog.deleteLater()
