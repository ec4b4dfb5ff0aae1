"""The Analytics page: what the imported results say, and importing more of them.

Every query runs on the task manager's reader thread (``ui.shell.tasks``): a tab's figures
are computed there and drawn by a chart process (``ui.results.analytics_figures``), and
the GUI thread only shows the image (``ui.results.chart_view``), so a file of a million
records never freezes the window.
Only the tab on screen is computed (the others when they are shown), "Computing…"
shows meanwhile, and a result of a selection the person has changed since is dropped:
each tab's figures are a read of their own key (``ui.shell.page``), which a newer one
replaces. Imports run as writing jobs behind a progress dialog with Cancel, which says
for whom an import waits when someone else holds the file's lock; their undo and redo,
and saving a mapping as a profile (through ``FormSave``), run on the writer thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
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
from desktop import analytics, importing
from desktop.charts import Chart
from desktop.csv_export import csv_text, write_csv
from desktop.errors import Cancelled, ExplainedError
from desktop.media import contacts as media_contacts
from desktop.numbers import counted
from desktop.quarters import quarter_bounds, quarter_of, shift_quarter
from desktop.team_file import UnitOfWork
from ui.media.media_commands import LinkNameCommand
from ui.media.media_dialogs import LinkNameDialog
from ui.results.analytics_figures import (
    Computed,
    Filters,
    Request,
    Selection,
    compute,
    load_filters,
    save_chart_file,
)
from ui.results.analytics_models import (
    BestHoursTableModel,
    ChannelTableModel,
    ContentTableModel,
    FigureTableModel,
    InfluenceTableModel,
    WordTableModel,
)
from ui.results.chart_view import ChartView
from ui.results.import_dialog import ImportDialog, ProfileInput
from ui.results.results_commands import ImportResultsCommand
from ui.shell import settings
from ui.shell.enum_choice import chosen
from ui.shell.form_save import FormSave
from ui.shell.job_progress import JobProgress
from ui.shell.labels import DATE_FORMAT, TEAM_LABELS, enum_label
from ui.shell.messages import ask, show_error, tell
from ui.shell.page import Page
from ui.shell.tasks import Op

IMPORT_FILTER = "Exports (*.csv *.tsv *.txt *.xlsx);;All files (*)"
CHART_FILTER = "PNG image (*.png);;SVG image (*.svg)"
CUSTOM = "custom"  # the period box's entry for a date range of one's own
BUSY_DELAY_MS = 150  # a figure quicker than this shows no "Computing…"
PAINT_WAIT_S = 0.1  # how long a computation waits for the tab to be painted first


# --- widgets ------------------------------------------------------------------------------


class FigureTab(QWidget):
    """A chart above an optional table; ``controls`` sit above both.

    ``stale``: what it shows is not of the current selection. ``computing``: its figures
    for the current selection are being computed; a result that comes back once the
    selection changed (``invalidate``) is dropped.
    """

    def __init__(self, key: str, name: str, table_model: FigureTableModel | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.table_model = table_model
        self.stale = True
        self.computing = False
        self.controls = QHBoxLayout()
        self.splitter = QSplitter(Qt.Vertical)
        self.chart_holder = QWidget()
        self.chart_holder.setAccessibleName(name)
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.view = ChartView(name)
        self.chart_layout.addWidget(self.view)
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

    @property
    def chart(self) -> Chart | None:
        return self.view.chart

    def invalidate(self) -> None:
        self.stale = True
        self.computing = False  # what is on its way is of the selection before

    def show_computed(self, computed: Computed) -> None:
        self.stale = self.computing = False
        if self.table_model is not None:
            self.table_model.set_rows(computed.rows)
        self.view.show_chart(computed.chart, computed.image)
        self.view.set_outdated(False)

    def clear(self) -> None:
        self.stale = False
        if self.table_model is not None:
            self.table_model.set_rows([])
        self.view.show_chart(None, None)
        self.view.set_outdated(False)


class AnalyticsPage(Page):
    import_finished = Signal(object)  # an ImportResult, or the error that stopped it

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._job: Op | None = None
        self._importing: importing.ImportRequest | None = None
        self._progress: JobProgress | None = None
        self._filters_pending = False
        self._opening = True  # the first filters of a file: the period opens where data is
        self._message_held = False  # an import's message stays until the selection changes
        self._asking = False  # an import's file is being read, or its dialog is open

        self.period_box = QComboBox()
        self.period_box.setAccessibleName(self.tr("Period"))
        # Filled after the first show: as wide as its entries then, and a narrow window's
        # toolbar moves widgets into its overflow menu instead of cutting this to "Custom r".
        self.period_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.period_box.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.start_edit = self._date_edit(self.tr("From"))
        self.end_edit = self._date_edit(self.tr("To"))
        self.campaign_box = QComboBox()
        self.campaign_box.setAccessibleName(self.tr("Campaign"))
        self.campaign_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.campaign_box.setMinimumContentsLength(16)
        self.channel_box = QComboBox()
        self.channel_box.setAccessibleName(self.tr("Channel"))
        # Filled once the channels have loaded: sized for its longest name from the start.
        self.channel_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.channel_box.setMinimumContentsLength(12)
        self.team_box = QComboBox()
        self.team_box.setAccessibleName(self.tr("Owning team"))
        self.team_box.addItem(self.tr("All teams"), None)
        for team in Team:
            self.team_box.addItem(TEAM_LABELS[team], team)

        self.import_action = self.page_action(self.tr("&Import results…"), self.import_results,
                                              "Ctrl+I")
        self.save_chart_action = self.page_action(self.tr("&Save chart…"), self.save_chart,
                                                  edits=False)
        self.copy_action = self.page_action(self.tr("&Copy table"), self.copy_table,
                                            QKeySequence.Copy, edits=False)
        self.export_action = self.page_action(self.tr("&Export CSV…"), self.export_table,
                                              edits=False)

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
        self.computing_label = QLabel(self.tr("Computing the figures…"))
        self.computing_label.setAccessibleName(self.tr("Computing the figures"))
        self.computing_label.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self.computing_label.show)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.computing_label)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Analytics"))
        self.channel_tab = FigureTab("channels", self.tr("Channel performance"),
                                     ChannelTableModel(self))
        self.trend_tab = FigureTab("trend", self.tr("Channels over time"), None)
        self.measure_box = QComboBox()
        self.measure_box.setAccessibleName(self.tr("Measure"))
        for measure in analytics.TREND_MEASURES:
            self.measure_box.addItem(enum_label(measure), measure)
        self.trend_tab.controls.addWidget(QLabel(self.tr("Measure")))
        self.trend_tab.controls.addWidget(self.measure_box)
        self.trend_tab.controls.addStretch(1)
        self.time_tab = FigureTab("time", self.tr("When the audience is active"),
                                  BestHoursTableModel(self))
        self.words_tab = FigureTab("words", self.tr("Words that drive behaviour"),
                                   WordTableModel(self))
        self.min_uses_box = QSpinBox()
        self.min_uses_box.setRange(1, 100)
        self.min_uses_box.setValue(3)
        self.min_uses_box.setAccessibleName(self.tr("Minimum uses"))
        self.words_tab.controls.addWidget(QLabel(self.tr("Used at least")))
        self.words_tab.controls.addWidget(self.min_uses_box)
        self.words_tab.controls.addWidget(QLabel(self.tr("times")))
        self.words_tab.controls.addStretch(1)
        self.content_tab = FigureTab("content", self.tr("What content customers want"),
                                     ContentTableModel(self))
        self.influence_tab = FigureTab("influence", self.tr("Who has influence"),
                                       InfluenceTableModel(self))
        self.goal_tab = FigureTab("goals", self.tr("Goal progress"), None)
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
        layout.addLayout(status_row)
        layout.addWidget(self.tabs, 1)

        self.period_box.currentIndexChanged.connect(self._on_period_box_changed)
        for widget in (self.start_edit, self.end_edit):
            widget.dateChanged.connect(self._on_filter_changed)
        for box in (self.campaign_box, self.channel_box, self.team_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.measure_box.currentIndexChanged.connect(lambda: self._redraw(self.trend_tab))
        self.min_uses_box.valueChanged.connect(lambda: self._redraw(self.words_tab))
        self.goal_box.currentIndexChanged.connect(lambda: self._redraw(self.goal_tab))
        self.tabs.currentChanged.connect(self._on_tabs_changed)
        self.influence_tab.table_view.activated.connect(self.open_influencer)
        self.influence_tab.table_view.setToolTip(self.tr(
            "Double-click a name to open the contact on the Media relations page"))
        for tab in self._tabs():
            if tab.table_view is not None:  # Ctrl+C there copies the table, as "Copy table" says
                tab.table_view.installEventFilter(self)
        self.update_actions()

    def open_influencer(self, index: object) -> None:
        """From "who has influence" to the person on the media list and their history."""
        row = self.influence_tab.table_model.row_at(index.row())
        self.read(lambda uow: media_contacts.contact_for_name(uow, row.name, row.role),
                  lambda contact: self._show_influencer(row.name, contact), key="influencer")

    def _show_influencer(self, name: str, contact: media_contacts.Contact | None) -> None:
        if contact is not None:
            self._open_contact(contact.id)
            return
        self.read(media_contacts.list_contacts,
                  lambda listed: self._link_influencer(name, listed), key="influencer")

    def _link_influencer(self, name: str, listed: list[media_contacts.Contact]) -> None:
        """A name nobody on the media list has: the person says who it is, once."""
        if not listed or not self.editable:
            tell(self, self.tr("Who has influence"), self.tr(
                "{0} is not on the media list yet. Add them on the Media relations page "
                "(Contacts, New contact) or import your media list.").format(name))
            return
        uow = self.uow

        def linked(result: tuple[int, int]) -> None:
            link_id, contact_id = result
            self.push(LinkNameCommand(link_id, name, contact_id, self.uow, self))
            self._open_contact(contact_id)

        FormSave(self, lambda: LinkNameDialog(name, listed, self),
                 lambda contact_id: lambda: (media_contacts.link_name(uow, name, contact_id),
                                             contact_id), linked,
                 label=self.tr("Linking the name")).open()

    def _open_contact(self, contact_id: int) -> None:
        window = self.window()
        if callable(getattr(window, "page", None)):
            window.show_page("media")
            window.page("media").open_contact(contact_id)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setAccessibleName(name)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A table view would copy its current cell on Ctrl+C (it takes the key before the
        page's shortcut can): copy the whole table instead, as the Copy table action does."""
        if (event.type() == QEvent.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.Copy) and isinstance(watched, QTableView)):
            self.copy_action.trigger()
            return True
        return super().eventFilter(watched, event)

    # --- state ------------------------------------------------------------------
    def context_changed(self) -> None:
        self._opening = True

    def refresh(self) -> None:
        """Reload the lists and the figures on screen from the file, keeping the filters;
        the figures follow once the lists are in."""
        for tab in self._tabs():
            tab.invalidate()
        if self.context is None:
            self._filters_pending = False
            self._show_filters(Filters(None, (), ()))
            return
        self._filters_pending = True
        self.read(load_filters, self._show_filters, key="filters",
                  label=self.tr("Loading the analytics filters"), failed=self._on_filters_failed)
        self._update_busy()
        self.update_actions()

    def _tabs(self) -> list[FigureTab]:
        return [self.tabs.widget(index) for index in range(self.tabs.count())]

    def _on_filters_failed(self, error: BaseException) -> None:
        self._filters_pending = False
        self._update_busy()
        show_error(self, error)

    def _show_filters(self, filters: Filters) -> None:
        """Fill the filter lists, keeping what is chosen (the period opens where data is)."""
        self._filters_pending = False
        latest = filters.span[1] if filters.span else date.today()
        chosen = self.period_box.currentData()
        opening, self._opening = self._opening, False
        self._refill(self.period_box, [(q, q) for q in self._quarters(filters.span)]
                     + [(self.tr("Custom range"), CUSTOM)],
                     quarter_of(latest) if opening or chosen is None else chosen)
        self._refill(self.campaign_box, [(self.tr("All campaigns"), None)]
                     + list(filters.campaigns), self.campaign_box.currentData())
        self._refill(self.channel_box, [(self.tr("All channels"), None)]
                     + [(c, c) for c in filters.channels], self.channel_box.currentData())
        self._apply_period()
        if self.context is None:
            for tab in self._tabs():
                tab.clear()
            self._refill(self.goal_box, [], None)
            self.status_label.clear()
        self._draw_current()
        self.update_actions()

    @staticmethod
    def _quarters(span: tuple[date, date] | None) -> list[str]:
        """Every quarter from the first results to today (or the last results), newest first."""
        today = quarter_of(date.today())
        if span is None:
            return [today]
        first, last = quarter_of(span[0]), max(quarter_of(span[1]), today)
        quarters = [last]
        while quarters[-1] > first:
            quarters.append(shift_quarter(quarters[-1], -1))
        return quarters

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
                         (channel,) if channel else None, chosen(self.team_box, Team))

    def _on_period_box_changed(self) -> None:
        self._apply_period()
        self._on_filter_changed()

    def _on_filter_changed(self) -> None:
        self._message_held = False
        for tab in self._tabs():
            tab.invalidate()
        self._draw_current()

    def _redraw(self, tab: FigureTab) -> None:
        """A control of one tab changed: only that tab's figures are out of date."""
        tab.invalidate()
        self._draw_current()

    def _on_tabs_changed(self) -> None:
        self._draw_current()
        self.update_actions()

    def current_tab(self) -> FigureTab:
        return self.tabs.currentWidget()

    # --- computing the figures ------------------------------------------------------
    def _request(self, tab: FigureTab) -> Request:
        return Request(tab.key, self.selection(), self.measure_box.currentData(),
                       self.min_uses_box.value(), self.goal_box.currentData(),
                       self.tr("No goals in this quarter"), tab.view.render_size(),
                       tab.view.devicePixelRatioF())

    def _draw_current(self) -> None:
        """Compute the figures of the tab on screen in the background, if out of date.

        They are a read of the tab's own key: a newer one replaces it, and one replaced
        while it runs stops before drawing."""
        tab = self.current_tab()
        if self.context is not None and not self._filters_pending and tab.stale \
                and not tab.computing:
            tab.computing = True
            request, painted = self._request(tab), tab.view.next_paint()
            asked: list[Op] = []  # this read, once given

            def work(uow: UnitOfWork) -> Computed | None:
                # The tab is painted (a table's every cell is a call into Python) before
                # the computation starts to share the interpreter with the GUI thread.
                painted.wait(PAINT_WAIT_S)
                return compute(uow, request, lambda: not (asked and asked[0].superseded))

            asked.append(self.read(work, lambda computed: self._show_computed(tab, computed),
                                   key=("figures", tab.key),
                                   label=self.tr("Computing the figures"),
                                   failed=lambda error: self._on_compute_failed(tab, error)))
        self._update_busy()

    def _show_computed(self, tab: FigureTab, computed: Computed | None) -> None:
        if computed is None or not tab.computing:
            return  # the selection changed meanwhile: the tab is computed again when shown
        tab.show_computed(computed)
        if computed.summary is not None:
            self._summarise(computed.summary)
            self._say_left_out(computed.left_out)
        if tab is self.goal_tab:
            self._refill(self.goal_box, [(g.title, g.id) for g in computed.goals],
                         computed.goal_id)
        self._update_busy()

    def _on_compute_failed(self, tab: FigureTab, error: BaseException) -> None:
        if not tab.computing:
            return  # of a selection the person has left
        tab.computing = False  # asked again when the person comes back or changes the selection
        self._update_busy()
        show_error(self, error)

    @property
    def computing(self) -> bool:
        """Whether figures the person waits for are being computed."""
        return self.context is not None and (self._filters_pending
                                             or self.current_tab().computing)

    def _update_busy(self) -> None:
        """Say "Computing…" (after a moment) and pale the charts that are out of date."""
        for tab in self._tabs():
            tab.view.set_outdated(tab.stale and tab.chart is not None)
        if not self.computing:
            self._busy_timer.stop()
            self.computing_label.hide()
        elif self.computing_label.isHidden() and not self._busy_timer.isActive():
            self._busy_timer.start()

    def _say_left_out(self, left_out: tuple[str, ...]) -> None:
        """After the summary: the imports that cover more than the period, not counted in it."""
        if left_out and not self._message_held:
            self.status_label.setText(self.status_label.text() + " " + self.tr(
                "Not counted here: {0}.").format("; ".join(left_out)))

    def _summarise(self, rows: tuple[analytics.ChannelPerformance, ...]) -> None:
        if self._message_held:
            return
        if not rows:
            self.status_label.setText(self.tr("No results in this period. Import the exports "
                                              "of your tools with Import results…"))
            return
        best = max(rows, key=lambda r: r.engagement)
        self.status_label.setText(self.tr(
            "{0}; {1} engages most ({2:.0%} of all engagement).").format(
            counted(len(rows), self.tr("channel"), self.tr("channels")), best.channel,
            best.engagement_share))

    def _show_message(self, text: str, details: str = "") -> None:
        """An import's outcome, kept in place of the summary until the selection changes."""
        self._message_held = True
        self.status_label.setText(text)
        self.status_label.setToolTip(details)

    def update_actions(self) -> None:
        super().update_actions()
        self.import_action.setEnabled(self.editable and self._job is None and not self._asking)
        has_table = self.current_tab().table_model is not None
        self.copy_action.setEnabled(has_table)
        self.export_action.setEnabled(has_table)

    # --- charts and tables ----------------------------------------------------------
    def save_chart(self, path: Path | None = None) -> None:
        """Save the chart on screen; drawn on the reader thread, like every chart here."""
        chart = self.current_tab().chart
        if chart is None:
            return
        if not isinstance(path, Path):  # from a button: triggered(checked)
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"),
                                                    settings.last_folder(), CHART_FILTER)
            if not chosen:
                return
            path = Path(chosen)
            if not path.suffix:
                path = path.with_suffix(".png")
        target = path
        self.read(lambda _uow: save_chart_file(chart, target), lambda _saved: None,
                  key=("chart file", target), label=self.tr("Saving the chart"),
                  failed=lambda error: show_error(self, error))

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
        """Read the file's first rows (and the team's profiles) in the background, then ask."""
        if not self.editable or self._job is not None or self._asking:
            return
        if not isinstance(path, Path):
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import results"),
                                                    settings.last_folder(), IMPORT_FILTER)
            if not chosen:
                return
            path = Path(chosen)
            settings.remember_folder(str(path.parent))
        target = path
        self._asking = True  # one import dialog at a time
        self.update_actions()

        def failed(error: BaseException) -> None:
            self._asking = False
            self.update_actions()
            show_error(self, error, self.tr("Cannot import {0}").format(target.name))

        self.read(lambda uow: (importing.preview_file(uow, target), analytics.list_channels(uow)),
                  lambda found: self._ask_how_to_import(*found), key="import file",
                  label=self.tr("Reading {0}").format(target.name), failed=failed)

    def _ask_how_to_import(self, preview: importing.Preview, channels: list[str]) -> None:
        """The import dialog; its Import starts the import."""
        opened: list[ImportDialog] = []
        try:
            if self.editable:
                self._import_form(preview, channels, opened).open()
        finally:
            for dialog in opened:
                dialog.deleteLater()
            self._asking = False
            self.update_actions()

    def _import_form(self, preview: importing.Preview, channels: list[str],
                     opened: list[ImportDialog]) -> FormSave:
        """The import dialog, whose mapping saved as a profile is saved on the writer thread
        and then offered in it; ``opened`` gets the dialog once made."""
        uow = self.uow

        def make_dialog() -> ImportDialog:
            dialog = ImportDialog(preview, channels, self)
            dialog.accepted.connect(lambda: self.start_import(dialog.request()))
            opened.append(dialog)
            return dialog

        def save(typed: ProfileInput) -> Callable[[], importing.Profile]:
            name, mapping = typed
            return lambda: importing.save_profile(uow, name, mapping)

        def saved(profile: importing.Profile) -> None:
            if opened and shiboken6.isValid(opened[-1]):
                opened[-1].add_saved_profile(profile)

        return FormSave(self, make_dialog, save, saved,
                        label=self.tr("Saving the import profile"))

    def start_import(self, request: importing.ImportRequest) -> None:
        """Import on the writer lane (ordered with saves and undo, waited for at close)."""
        self._importing = request
        self._progress = JobProgress(self, self.tr("Import results"),
                                     self._importing_text(request))
        self._job = self.job(
            lambda uow, control: importing.run_import(uow, request, progress=control.progress,
                                                      cancelled=control.cancelled),
            writes=True, done=self._on_job_succeeded, failed=self._on_job_failed,
            progress=self._progress.progress, label=self.tr("Importing results"))
        self._progress.follow(self._job)
        self.update_actions()

    def cancel_import(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _importing_text(self, request: importing.ImportRequest) -> str:
        return self.tr("Importing {0}…").format(Path(request.path).name)

    def _finish_job(self) -> importing.ImportRequest:
        request = self._importing
        self._job = self._importing = None
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
        self.update_actions()
        return request

    def _on_job_succeeded(self, result: importing.ImportResult) -> None:
        request = self._finish_job()
        if result.duplicate_of is not None:
            self._show_message(self.tr(
                "{0} was imported already on {1}; nothing was added.").format(
                result.file_name, f"{result.duplicate_of.imported_at:%Y-%m-%d}"))
        elif result.batch_id is None:  # every figure of it was stored before, from any file
            self._show_message(self.tr(
                "The {0} figures of {1} were stored already; nothing was added.").format(
                f"{result.already_stored:,}", result.file_name))
        else:
            self.push(ImportResultsCommand(result, request, self.uow, self))
            self._show_message(self._import_summary(result) + self._already_stored(result),
                               "\n".join(
                [self.tr("Titles that matched no board card:")]
                + [f"{text} ({count})" for text, count in result.unmatched[:30]])
                if result.unmatched else "")
        self.import_finished.emit(result)

    def _already_stored(self, result: importing.ImportResult) -> str:
        if not result.already_stored:
            return ""
        return " " + self.tr("{0} figures were stored already and were not added again.").format(
            f"{result.already_stored:,}")

    def _import_summary(self, result: importing.ImportResult) -> str:
        text = self.tr("Imported {0} from {1} of {2}.").format(
            counted(result.records, self.tr("figure"), self.tr("figures")),
            counted(result.rows_imported, self.tr("row"), self.tr("rows")), result.file_name)
        if result.problem_count:
            text += " " + self.tr("Left out {0}.").format(
                counted(result.problem_count, self.tr("bad row"), self.tr("bad rows")))
        if result.unmatched:
            text += " " + self.tr("{0} matched a board card; {1} matched none (hover for the "
                                  "list).").format(
                counted(result.matched_rows, self.tr("row"), self.tr("rows")),
                counted(len(result.unmatched), self.tr("title"), self.tr("titles")))
        return text

    def _on_job_failed(self, error: BaseException) -> None:
        request = self._finish_job()
        if isinstance(error, importing.ImportProblemsError) and error.good_rows:
            lines = "\n".join(str(p) for p in error.problems[:15])
            more = "\n…" if error.count > 15 else ""
            question = self.tr(
                "{0} of {1} cannot be imported:\n\n{2}{3}\n\nImport the {4} and leave "
                "these out? No imports nothing.").format(
                counted(error.count, self.tr("row"), self.tr("rows")), Path(request.path).name,
                lines, more, counted(error.good_rows, self.tr("good row"), self.tr("good rows")))
            if ask(self, self.tr("Bad rows"), question) == QMessageBox.Yes:
                self.start_import(replace(request, good_rows_only=True))
                return
            self._show_message(self.tr("Nothing was imported."))
        elif isinstance(error, Cancelled):
            self._show_message(error.message)
        elif isinstance(error, ExplainedError):
            tell(self, self.tr("Cannot import {0}").format(Path(request.path).name),
                 error.message)
        else:
            show_error(self, error)
        self.import_finished.emit(error)

