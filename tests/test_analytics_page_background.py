"""The Analytics page works off the GUI thread: on a file with many records, and behind
someone else's lock, the window never freezes, and what it then shows is what
``desktop.analytics`` computes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers.gui_gaps import GuiGaps
from person import follow_changes
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QProgressDialog
from sqlalchemy import func, select

from db import models as m
from db.enums import Department
from desktop import analytics, people
from desktop.charts import Chart
from desktop.demo import write_demo
from desktop.team_file import UnitOfWork, open_database
from ui.results.analytics_figures import draw
from ui.results.analytics_page import AnalyticsPage, FigureTab
from ui.results.import_dialog import ImportDialog
from ui.shell.context import TeamContext
from ui.shell.tasks import task_manager

pytestmark = pytest.mark.gui
FIXTURES = Path(__file__).parent / "fixtures" / "imports"
TODAY = date(2026, 5, 12)
RECORDS = 40_000  # enough that one tab drawn on the GUI thread froze it for 0.2 s and more


def _settle(qtbot) -> None:
    qtbot.waitUntil(task_manager().idle, timeout=15_000)


def _start_measuring() -> GuiGaps:
    """Measure the GUI thread's gaps, from a heap without garbage left by earlier tests.

    A whole suite's run leaves hundreds of thousands of objects behind, and a full
    collection of them (up to seconds) can start in any test that allocates; collected
    now, the next full collection is far off.
    """
    gc.collect()
    return GuiGaps()


def _rows(tab: FigureTab) -> list[object]:
    model = tab.table_model
    return [model.row_at(row) for row in range(model.rowCount())]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analytics") / "big.cgdb"
    write_demo(path, metrics=RECORDS, today=TODAY).dispose()
    return path


@pytest.fixture
def on_screen(qtbot, big_file) -> Iterator[tuple[AnalyticsPage, TeamContext]]:
    """The page on screen (so its charts are painted) and the demo team's lead."""
    database = open_database(big_file)
    lead = next(p for p in people.list_people(UnitOfWork(database))
                if p.department is Department.LEADERSHIP)
    page = AnalyticsPage(QUndoStack())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitExposed(page):
        page.show()
    yield page, TeamContext(database, lead)
    _settle(qtbot)
    database.dispose()


def test_changing_period_and_chart_never_blocks_the_gui_thread(qtbot, on_screen) -> None:
    page, context = on_screen
    gaps = _start_measuring()
    gate = threading.Event()
    task_manager().read(lambda: gate.wait(10))  # the reader is busy: the figures must wait
    page.set_context(context)
    qtbot.waitUntil(page.computing_label.isVisible, timeout=3000)  # "Computing…" says so
    gate.set()
    _settle(qtbot)
    assert page.computing_label.isHidden()
    assert page.period_box.currentData() == "2026-Q2"
    page.period_box.setCurrentIndex(page.period_box.findData("2026-Q1"))
    _settle(qtbot)
    page.channel_box.setCurrentIndex(page.channel_box.findData("linkedin"))
    _settle(qtbot)
    for tab in (page.trend_tab, page.time_tab, page.words_tab, page.content_tab,
                page.influence_tab, page.goal_tab):
        page.tabs.setCurrentWidget(tab)
        _settle(qtbot)
    page.tabs.setCurrentWidget(page.trend_tab)
    page.measure_box.setCurrentIndex(page.measure_box.findData("engagement"))
    _settle(qtbot)
    longest = gaps.stop()
    # Drawing the chart that was picked is the GUI thread's share (measured 60-100 ms
    # unloaded since the catalogue's figures); a database read there would take seconds.
    assert longest < 0.2, f"the GUI thread was blocked for {longest * 1000:.0f} ms"

    uow, s = context.uow, page.selection()
    assert (s.start, s.end, s.channels) == (date(2026, 1, 1), date(2026, 3, 31), ("linkedin",))
    period, scope = (uow, s.start, s.end), s.scope()
    performance = analytics.channel_performance(*period, **scope)
    assert performance and _rows(page.channel_tab) == performance
    shown = page.channel_tab.view.image
    assert shown == draw(Chart("channels", (tuple(performance),)),
                         shown.deviceIndependentSize().toSize().toTuple(),
                         shown.devicePixelRatio())
    trend = analytics.channel_trend(*period, measure="engagement", **scope)
    assert page.trend_tab.chart == Chart("trend", (tuple(trend), "engagement"))
    assert page.time_tab.chart.values == (analytics.activity_heatmap(*period, **scope),)
    assert _rows(page.time_tab) == analytics.best_hours(*period, **scope)
    assert _rows(page.words_tab) == list(analytics.word_lift(*period, **scope).words)
    by_kind = analytics.content_by_kind(*period, **scope)
    by_tag = analytics.content_by_tag(*period, **scope)
    assert page.content_tab.chart == Chart("content", (tuple(by_kind), tuple(by_tag)))
    assert _rows(page.content_tab) == by_kind + by_tag
    assert _rows(page.influence_tab) == analytics.influencers(*period, **scope)
    goal_id = page.goal_box.currentData()
    assert page.goal_tab.chart == Chart("goal_progress", (analytics.goal_progress(uow, goal_id),))


# --- behind someone else's lock -------------------------------------------------------------


def _records(uow) -> int:
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(m.MetricRecord))


@pytest.fixture
def page(qtbot, uow, team, monkeypatch) -> AnalyticsPage:
    """The page on a team file with a few March results; import dialogs are accepted."""
    with uow.write() as session:
        session.add(m.MetricRecord(occurred_at=datetime(2026, 3, 2, 9), channel="email",
                                   content="first", metric="reach", value=500))
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1])
    stack = QUndoStack()
    widget = AnalyticsPage(stack)
    widget.undo_stack = stack
    qtbot.addWidget(widget)
    widget.set_context(TeamContext(uow.database, team[Department.LEADERSHIP]))
    follow_changes(widget)
    _settle(qtbot)
    widget.period_box.setCurrentIndex(widget.period_box.findData("2026-Q1"))
    _settle(qtbot)
    return widget



def _import(qtbot, page: AnalyticsPage) -> list[object]:
    finished: list[object] = []
    page.import_finished.connect(finished.append)
    page.import_results(FIXTURES / "mailchimp_campaigns.csv")
    return finished


def _channels_now(page: AnalyticsPage, uow: UnitOfWork) -> list[analytics.ChannelPerformance]:
    s = page.selection()
    return analytics.channel_performance(uow, s.start, s.end, **s.scope())


@pytest.mark.slow
def test_an_import_waits_for_a_lock_held_elsewhere_and_says_so(qtbot, page, uow,
                                                                db_path, lock_holder) -> None:
    before, shown_before = _records(uow), _rows(page.channel_tab)
    holder = lock_holder(db_path)
    finished = _import(qtbot, page)
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is not None and "Waiting for"
                    in page.findChild(QProgressDialog).labelText(), timeout=5000)
    page.tabs.setCurrentWidget(page.time_tab)  # the person keeps working meanwhile
    qtbot.waitUntil(lambda: page.time_tab.chart is not None
                    and not page.computing_label.isVisible(), timeout=10_000)
    assert not finished and _records(uow) == before
    holder.release()
    qtbot.waitUntil(lambda: bool(finished), timeout=15_000)
    _settle(qtbot)
    assert _records(uow) == before + 8
    assert "Imported 8 figures from 2 rows" in page.status_label.text()
    page.tabs.setCurrentWidget(page.channel_tab)
    _settle(qtbot)
    assert _rows(page.channel_tab) == _channels_now(page, uow) != shown_before


@pytest.mark.slow
def test_undoing_an_import_waits_for_the_lock_on_the_writer_thread(qtbot, page, uow,
                                                                   db_path, lock_holder) -> None:
    before = _records(uow)
    finished = _import(qtbot, page)
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    _settle(qtbot)
    with_import = _rows(page.channel_tab)
    waited: list[float] = []
    task_manager().lock_waited.connect(waited.append)
    holder = lock_holder(db_path)
    page.undo_stack.undo()
    assert _records(uow) == before + 8  # not yet: the undo waits for the lock
    page.channel_box.setCurrentIndex(page.channel_box.findData("email"))  # and work goes on
    qtbot.waitUntil(lambda: bool(waited) and max(waited) >= 0.5, timeout=10_000)
    qtbot.waitUntil(lambda: _rows(page.channel_tab) == _channels_now(page, uow), timeout=10_000)
    assert _records(uow) == before + 8  # the channel's figures came while the undo waits
    holder.release()
    _settle(qtbot)
    task_manager().lock_waited.disconnect(waited.append)
    assert _records(uow) == before
    assert _rows(page.channel_tab) == _channels_now(page, uow) != with_import
    assert page.undo_stack.redoText() == "Import results from 'mailchimp_campaigns.csv'"
