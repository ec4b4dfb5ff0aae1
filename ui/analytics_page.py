"""The Analytics page: what the imported results say, and importing more of them.

Figures come from ``desktop.analytics`` and are drawn by ``desktop.charts`` on a
matplotlib Qt canvas (matplotlib loads with this page, never at start-up). Only
the tab on screen is computed; the others when they are shown. Imports run on a
worker thread behind a progress dialog with Cancel.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.enums import Team
from desktop import analytics, board, charts, goals, importing
from desktop.csv_export import csv_text, write_csv
from desktop.errors import DatabaseError
from desktop.quarters import quarter_bounds, quarter_of
from desktop.team_file import UnitOfWork
from ui import settings
from ui.analytics_models import (
    BestHoursTableModel,
    ChannelTableModel,
    ContentTableModel,
    FigureTableModel,
    InfluenceTableModel,
    WordTableModel,
)
from ui.commands import ImportResultsCommand
from ui.context import TeamContext
from ui.import_dialog import ImportDialog
from ui.labels import TEAM_LABELS, enum_label
from ui.messages import ask, show_error, tell

IMPORT_FILTER = "Exports (*.csv *.tsv *.txt *.xlsx);;All files (*)"
CHART_FILTER = "PNG image (*.png);;SVG image (*.svg)"
CUSTOM = "custom"  # the period box's entry for a date range of one's own


@dataclass(frozen=True)
class Selection:
    """The filters as the figures take them."""

    start: date
    end: date
    campaign_ids: tuple[int, ...] | None
    channels: tuple[str, ...] | None
    team: Team | None

    def scope(self) -> dict[str, object]:
        return {"campaign_ids": self.campaign_ids, "channels": self.channels, "team": self.team}


class ImportWorker(QObject):
    """Runs one import off the GUI thread; cancel() asks it to stop (nothing is kept)."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, uow: UnitOfWork, request: importing.ImportRequest) -> None:
        super().__init__()
        self.uow = uow
        self.request = request
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = importing.run_import(self.uow, self.request, progress=self.progressed.emit,
                                          cancelled=self._cancel.is_set)
        except Exception as error:  # reported on the GUI thread, never lost
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class FigureTab(QWidget):
    """A chart above an optional table; ``controls`` sit above both."""

    def __init__(self, name: str, table_model: FigureTableModel | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.table_model = table_model
        self.stale = True
        self.controls = QHBoxLayout()
        self.splitter = QSplitter(Qt.Vertical)
        self.chart_holder = QWidget()
        self.chart_holder.setAccessibleName(name)
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.chart_holder)
        self.table_view: QTableView | None = None
        if table_model is not None:
            self.table_view = QTableView()
            self.table_view.setAccessibleName(name)
            self.table_view.setModel(table_model)
            self.table_view.setSelectionBehavior(QAbstractItemView.SelectRows)
            self.table_view.setAlternatingRowColors(True)
            self.table_view.verticalHeader().hide()
            self.table_view.setWordWrap(False)
            header = self.table_view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeToContents)
            header.setStretchLastSection(True)
            self.splitter.addWidget(self.table_view)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        layout.addWidget(self.splitter, 1)

    def show_figure(self, figure: Figure) -> None:
        if self.canvas is not None:
            self.chart_layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.figure = figure
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setAccessibleName(self.chart_holder.accessibleName())
        self.canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.canvas.setMinimumHeight(240)
        self.chart_layout.addWidget(self.canvas)
        self.canvas.draw_idle()


class AnalyticsPage(QWidget):
    import_finished = Signal(object)  # an ImportResult, or the error that stopped it

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._context: TeamContext | None = None
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self._progress: QProgressDialog | None = None

        self.period_box = QComboBox()
        self.period_box.setAccessibleName(self.tr("Period"))
        self.start_edit = self._date_edit(self.tr("From"))
        self.end_edit = self._date_edit(self.tr("To"))
        self.campaign_box = QComboBox()
        self.campaign_box.setAccessibleName(self.tr("Campaign"))
        self.campaign_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.campaign_box.setMinimumContentsLength(16)
        self.channel_box = QComboBox()
        self.channel_box.setAccessibleName(self.tr("Channel"))
        self.team_box = QComboBox()
        self.team_box.setAccessibleName(self.tr("Owning team"))
        self.team_box.addItem(self.tr("All teams"), None)
        for team in Team:
            self.team_box.addItem(TEAM_LABELS[team], team)

        self.import_action = self._page_action(self.tr("&Import results…"), self.import_results,
                                               QKeySequence("Ctrl+I"))
        self.save_chart_action = self._page_action(self.tr("&Save chart…"), self.save_chart)
        self.copy_action = self._page_action(self.tr("&Copy table"), self.copy_table,
                                             QKeySequence.Copy)
        self.export_action = self._page_action(self.tr("&Export CSV…"),
                                               self.export_table)

        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Analytics actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        period_label = QLabel(self.tr("&Period "))
        period_label.setBuddy(self.period_box)
        for widget in (period_label, self.period_box, self.start_edit, QLabel("–"),
                       self.end_edit, self.campaign_box, self.channel_box, self.team_box):
            toolbar.addWidget(widget)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        toolbar.addWidget(spacer)
        for action in (self.import_action, self.save_chart_action, self.copy_action,
                       self.export_action):
            toolbar.addAction(action)

        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Analytics summary"))
        self.status_label.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Analytics"))
        self.channel_tab = FigureTab(self.tr("Channel performance"), ChannelTableModel(self))
        self.trend_tab = FigureTab(self.tr("Channels over time"), None)
        self.measure_box = QComboBox()
        self.measure_box.setAccessibleName(self.tr("Measure"))
        for measure in analytics.TREND_MEASURES:
            self.measure_box.addItem(enum_label(measure), measure)
        self.trend_tab.controls.addWidget(QLabel(self.tr("Measure")))
        self.trend_tab.controls.addWidget(self.measure_box)
        self.trend_tab.controls.addStretch(1)
        self.time_tab = FigureTab(self.tr("When the audience is active"), BestHoursTableModel(self))
        self.words_tab = FigureTab(self.tr("Words that drive behaviour"), WordTableModel(self))
        self.min_uses_box = QSpinBox()
        self.min_uses_box.setRange(1, 100)
        self.min_uses_box.setValue(3)
        self.min_uses_box.setAccessibleName(self.tr("Minimum uses"))
        self.words_tab.controls.addWidget(QLabel(self.tr("Used at least")))
        self.words_tab.controls.addWidget(self.min_uses_box)
        self.words_tab.controls.addWidget(QLabel(self.tr("times")))
        self.words_tab.controls.addStretch(1)
        self.content_tab = FigureTab(self.tr("What content customers want"),
                                     ContentTableModel(self))
        self.influence_tab = FigureTab(self.tr("Who has influence"), InfluenceTableModel(self))
        self.goal_tab = FigureTab(self.tr("Goal progress"), None)
        self.goal_box = QComboBox()
        self.goal_box.setAccessibleName(self.tr("Goal"))
        self.goal_tab.controls.addWidget(QLabel(self.tr("Goal")))
        self.goal_tab.controls.addWidget(self.goal_box, 1)
        for tab, title in ((self.channel_tab, self.tr("Channels")),
                           (self.trend_tab, self.tr("Over time")),
                           (self.time_tab, self.tr("Time of day")),
                           (self.words_tab, self.tr("Words")),
                           (self.content_tab, self.tr("Content")),
                           (self.influence_tab, self.tr("Influence")),
                           (self.goal_tab, self.tr("Goals"))):
            self.tabs.addTab(tab, title)
        self.splitter = self.channel_tab.splitter

        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs, 1)

        self.period_box.currentIndexChanged.connect(self._on_period_box_changed)
        for widget in (self.start_edit, self.end_edit):
            widget.dateChanged.connect(self._on_filter_changed)
        for box in (self.campaign_box, self.channel_box, self.team_box, self.measure_box,
                    self.goal_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.min_uses_box.valueChanged.connect(self._on_filter_changed)
        self.tabs.currentChanged.connect(self._on_tabs_changed)
        self._update_actions()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    def _page_action(self, text: str, slot: object,
                     shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- state ------------------------------------------------------------------
    def set_context(self, context: TeamContext | None) -> None:
        self._context = context
        self._fill_filters(initial=True)
        self.refresh()

    def _fill_filters(self, *, initial: bool = False) -> None:
        """Fill the filter lists, keeping what is chosen (the period opens where data is)."""
        uow = self._context.uow if self._context else None
        span = analytics.result_span(uow) if uow else None
        today = date.today()
        latest = span[1] if span else today
        quarters = {quarter_of(today), quarter_of(latest)}
        if span:
            quarters.add(quarter_of(span[0]))
        chosen = self.period_box.currentData()
        self._refill(self.period_box, [(q, q) for q in sorted(quarters, reverse=True)]
                     + [(self.tr("Custom range"), CUSTOM)],
                     quarter_of(latest) if initial or chosen is None else chosen)
        campaigns = board.list_campaigns(uow) if uow else []
        self._refill(self.campaign_box, [(self.tr("All campaigns"), None)]
                     + [(c.name, c.id) for c in campaigns], self.campaign_box.currentData())
        channels = analytics.list_channels(uow) if uow else []
        self._refill(self.channel_box, [(self.tr("All channels"), None)]
                     + [(c, c) for c in channels], self.channel_box.currentData())
        self._apply_period()

    def _refill(self, box: QComboBox, items: list[tuple[str, object]], keep: object) -> None:
        box.blockSignals(True)
        box.clear()
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(0, box.findData(keep)))
        box.blockSignals(False)

    def _apply_period(self) -> None:
        quarter = self.period_box.currentData() or CUSTOM
        custom = quarter == CUSTOM
        self.start_edit.setEnabled(custom)
        self.end_edit.setEnabled(custom)
        if not custom:
            start, end = quarter_bounds(quarter)
            for edit, day in ((self.start_edit, start), (self.end_edit, end)):
                edit.blockSignals(True)
                edit.setDate(day)
                edit.blockSignals(False)

    def selection(self) -> Selection:
        campaign = self.campaign_box.currentData()
        channel = self.channel_box.currentData()
        return Selection(self.start_edit.date().toPython(), self.end_edit.date().toPython(),
                         (campaign,) if campaign is not None else None,
                         (channel,) if channel else None, self.team_box.currentData())

    def refresh(self) -> None:
        """Reload the lists and the figures on screen from the file, keeping the filters."""
        if self._context is not None:
            self._fill_filters()
            self._fill_goals()
        for index in range(self.tabs.count()):
            self.tabs.widget(index).stale = True
        self._draw_current()
        self._update_actions()

    def _fill_goals(self) -> None:
        quarter = quarter_of(self.start_edit.date().toPython())
        found = goals.list_goals(self._context.uow, quarter) if self._context else []
        self._refill(self.goal_box, [(g.title, g.id) for g in found], self.goal_box.currentData())

    def _on_period_box_changed(self) -> None:
        self._apply_period()
        if self._context is not None:
            self._fill_goals()
        self._on_filter_changed()

    def _on_filter_changed(self) -> None:
        for index in range(self.tabs.count()):
            self.tabs.widget(index).stale = True
        self._draw_current()

    def _on_tabs_changed(self) -> None:
        self._draw_current()
        self._update_actions()

    def current_tab(self) -> FigureTab:
        return self.tabs.currentWidget()

    def _draw_current(self) -> None:
        tab = self.current_tab()
        if not tab.stale:
            return
        tab.stale = False
        if self._context is None:
            if tab.table_model is not None:
                tab.table_model.set_rows([])
            return
        try:
            self._draw(tab, self._context.uow, self.selection())
        except DatabaseError as error:
            show_error(self, error)

    def _draw(self, tab: FigureTab, uow: UnitOfWork, s: Selection) -> None:
        scope = s.scope()
        if tab is self.channel_tab:
            rows = analytics.channel_performance(uow, s.start, s.end, **scope)
            tab.table_model.set_rows(rows)
            tab.show_figure(charts.channel_chart(rows))
            self._summarise(rows)
        elif tab is self.trend_tab:
            measure = self.measure_box.currentData()
            tab.show_figure(charts.trend_chart(
                analytics.channel_trend(uow, s.start, s.end, measure=measure, **scope), measure))
        elif tab is self.time_tab:
            tab.table_model.set_rows(analytics.best_hours(uow, s.start, s.end, **scope))
            tab.show_figure(charts.heatmap_chart(
                analytics.activity_heatmap(uow, s.start, s.end, **scope)))
        elif tab is self.words_tab:
            findings = analytics.word_lift(uow, s.start, s.end,
                                           min_uses=self.min_uses_box.value(), **scope)
            tab.table_model.set_rows(findings.words)
            tab.show_figure(charts.word_chart(findings))
        elif tab is self.content_tab:
            by_kind = analytics.content_by_kind(uow, s.start, s.end, **scope)
            by_tag = analytics.content_by_tag(uow, s.start, s.end, **scope)
            tab.table_model.set_rows(by_kind + by_tag)
            tab.show_figure(charts.content_chart(by_kind, by_tag, enum_label))
        elif tab is self.influence_tab:
            rows = analytics.influencers(uow, s.start, s.end, **scope)
            tab.table_model.set_rows(rows)
            tab.show_figure(charts.influence_chart(rows))
        elif tab is self.goal_tab:
            goal_id = self.goal_box.currentData()
            if goal_id is None:
                tab.show_figure(charts._empty(Figure(figsize=charts.SIZE),
                                              self.tr("No goals in this quarter")))
            else:
                tab.show_figure(charts.goal_progress_chart(
                    analytics.goal_progress(uow, goal_id)))

    def _summarise(self, rows: list[analytics.ChannelPerformance]) -> None:
        if not rows:
            self.status_label.setText(self.tr("No results in this period. Import the exports "
                                              "of your tools with Import results…"))
            return
        best = max(rows, key=lambda r: r.engagement)
        self.status_label.setText(self.tr(
            "{0} channels; {1} engages most ({2:.0%} of all engagement).").format(
            len(rows), best.channel, best.engagement_share))

    def _update_actions(self) -> None:
        editable = self._context is not None and not self._context.read_only
        self.import_action.setEnabled(editable and self._thread is None)
        has_table = self.current_tab().table_model is not None
        self.copy_action.setEnabled(has_table)
        self.export_action.setEnabled(has_table)

    # --- charts and tables ----------------------------------------------------------
    def save_chart(self, path: Path | None = None) -> None:
        figure = self.current_tab().figure
        if figure is None:
            return
        if not isinstance(path, Path):  # from a button: triggered(checked)
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"),
                                                    settings.last_folder(), CHART_FILTER)
            if not chosen:
                return
            path = Path(chosen)
            if not path.suffix:
                path = path.with_suffix(".png")
        try:
            charts.save_figure(figure, path)
        except (DatabaseError, OSError) as error:
            show_error(self, error)

    def copy_table(self) -> None:
        model = self.current_tab().table_model
        if model is not None:
            header, rows = model.table()
            QGuiApplication.clipboard().setText(csv_text(header, rows, delimiter="\t"))

    def export_table(self, path: Path | None = None) -> None:
        model = self.current_tab().table_model
        if model is None:
            return
        if not isinstance(path, Path):  # from a button: triggered(checked)
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"),
                                                    settings.last_folder(),
                                                    self.tr("CSV files (*.csv)"))
            if not chosen:
                return
            path = Path(chosen)
        header, rows = model.table()
        try:
            write_csv(path, header, rows)
        except OSError as error:
            show_error(self, error)

    # --- importing --------------------------------------------------------------------
    def import_results(self, path: Path | None = None) -> None:
        if self._context is None or self._context.read_only or self._thread is not None:
            return
        if not isinstance(path, Path):
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import results"),
                                                    settings.last_folder(), IMPORT_FILTER)
            if not chosen:
                return
            path = Path(chosen)
            settings.remember_folder(str(path.parent))
        uow = self._context.uow
        try:
            preview = importing.preview_file(uow, path)
        except DatabaseError as error:
            show_error(self, error, self.tr("Cannot import {0}").format(path.name))
            return
        dialog = ImportDialog(preview, analytics.list_channels(uow), self)
        dialog.profile_saver = lambda name, mapping: importing.save_profile(uow, name, mapping)
        if dialog.exec() == QDialog.Accepted:
            self.start_import(dialog.request())

    def start_import(self, request: importing.ImportRequest) -> None:
        """Import in the background; the progress dialog shows after a second."""
        assert self._context is not None
        self._progress = QProgressDialog(
            self.tr("Importing {0}…").format(Path(request.path).name), self.tr("Cancel"), 0,
            1000, self)
        self._progress.setWindowModality(Qt.WindowModal)
        self._progress.setMinimumDuration(1000)
        self._progress.setAutoClose(False)
        self._progress.setAutoReset(False)
        self._thread = QThread(self)
        self._worker = ImportWorker(self._context.uow, request)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_worker_progressed)
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)
        self._progress.canceled.connect(self._worker.cancel)
        self._update_actions()
        self._thread.start()

    def cancel_import(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _on_worker_progressed(self, fraction: float) -> None:
        if self._progress is not None:
            self._progress.setValue(int(fraction * 1000))

    def _finish_worker(self) -> importing.ImportRequest:
        request = self._worker.request
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._worker.deleteLater()
        self._thread = self._worker = None
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self._update_actions()
        return request

    def _on_worker_succeeded(self, result: importing.ImportResult) -> None:
        request = self._finish_worker()
        if result.duplicate_of is not None:
            self.status_label.setText(self.tr(
                "{0} was imported already on {1}; nothing was added.").format(
                result.file_name, f"{result.duplicate_of.imported_at:%Y-%m-%d}"))
        else:
            self._undo_stack.push(ImportResultsCommand(result, request, self._context.uow,
                                                       self.refresh, self._on_command_failed))
            self.refresh()
            self.status_label.setText(self._import_summary(result))
            self.status_label.setToolTip("\n".join(
                [self.tr("Titles that matched no board card:")]
                + [f"{text} ({count})" for text, count in result.unmatched[:30]])
                if result.unmatched else "")
        self.import_finished.emit(result)

    def _import_summary(self, result: importing.ImportResult) -> str:
        text = self.tr("Imported {0} figures from {1} rows of {2}.").format(
            f"{result.records:,}", f"{result.rows_imported:,}", result.file_name)
        if result.problem_count:
            text += " " + self.tr("{0} bad rows were left out.").format(result.problem_count)
        if result.unmatched:
            text += " " + self.tr("{0} rows matched a board card, {1} titles none "
                                  "(hover for the list).").format(result.matched_rows,
                                                                  len(result.unmatched))
        return text

    def _on_worker_failed(self, error: BaseException) -> None:
        request = self._finish_worker()
        if isinstance(error, importing.ImportProblemsError) and error.good_rows:
            lines = "\n".join(str(p) for p in error.problems[:15])
            more = "\n…" if error.count > 15 else ""
            question = self.tr(
                "{0} rows of {1} cannot be imported:\n\n{2}{3}\n\nImport the {4} good rows "
                "and leave these out? No imports nothing.").format(
                error.count, Path(request.path).name, lines, more, error.good_rows)
            if ask(self, self.tr("Bad rows"), question) == QMessageBox.Yes:
                self.start_import(replace(request, good_rows_only=True))
                return
            self.status_label.setText(self.tr("Nothing was imported."))
        elif isinstance(error, importing.ImportCancelled):
            self.status_label.setText(error.message)
        elif isinstance(error, DatabaseError):
            tell(self, self.tr("Cannot import {0}").format(Path(request.path).name),
                 error.message)
        else:
            show_error(self, error)
        self.import_finished.emit(error)

    def _on_command_failed(self, error: DatabaseError) -> None:
        show_error(self, error, self.tr("Could not undo or redo"))
