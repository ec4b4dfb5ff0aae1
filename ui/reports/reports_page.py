"""The Reports page: choose what the business case covers, make it in the background,
look at its first pages, open it in the PDF viewer or save it where you like.

The PDF is made in a temporary folder the page owns; "Save as…" copies it out.
Making a report only reads the team file, so it works on read-only files too. The
quarters and campaigns on offer load in the background (``ui.shell.page``), as the
report itself is made: no query runs on the window's thread.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QSize,
    Qt,
    QTemporaryDir,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QFontMetrics,
    QImage,
    QPalette,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import analytics, board, goals
from desktop.errors import Cancelled, ValidationError
from desktop.numbers import counted
from desktop.quarters import next_quarter, previous_quarter, quarter_bounds, quarter_of
from desktop.report.request import (
    ALL_SECTIONS,
    SECTIONS,
    ReportRequest,
    quarter_period,
    range_period,
)
from desktop.team_file import UnitOfWork
from ui.reports.report_models import ChecklistModel, PagePreviewListModel
from ui.shell import settings
from ui.shell.job_progress import JobProgress
from ui.shell.labels import DATE_FORMAT, date_text
from ui.shell.messages import show_error, tell
from ui.shell.page import Page
from ui.shell.tasks import JobControl, Op

PREVIEW_PAGES = 4
PREVIEW_WIDTH = 300


def choose_save_path(parent: QWidget, title: str, start: str) -> str:
    """The native "Save as" dialog; the one seam tests replace."""
    kinds = QCoreApplication.translate("ReportsPage", "PDF documents (*.pdf)")
    path, _ = QFileDialog.getSaveFileName(parent, title, start, kinds)
    return path


def open_in_viewer(path: Path) -> bool:
    """Hand the PDF to the system's viewer; False when none would take it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def file_name_for(request: ReportRequest) -> str:
    """A file name people recognise: the title (or "Business case") and the period."""
    period = request.period
    when = period.quarter or f"{date_text(period.start)} to {date_text(period.end)}"
    stem = re.sub(r"[^\w\- ]+", " ", f"{request.title or 'Business case'} {when}")
    return " ".join(stem.split())[:120] + ".pdf"


@dataclass(frozen=True)
class MadeReport:
    path: Path
    pages: int
    previews: tuple[QImage, ...]


@dataclass(frozen=True)
class Choices:
    """What the form offers: the quarters (newest first) and the campaigns."""

    quarters: tuple[str, ...] = ()
    campaigns: tuple[tuple[int, str], ...] = ()


def load_choices(uow: UnitOfWork) -> Choices:
    """Off the GUI thread: the quarters with goals or results, this one and the last,
    and the campaigns."""
    current = quarter_of(date.today())
    known = set(goals.list_quarters(uow)) | {current, previous_quarter(current)}
    span = analytics.result_span(uow)
    if span is not None:  # every quarter with results can be reported on
        quarter = quarter_of(span[0])
        while quarter_bounds(quarter)[0] <= span[1]:
            known.add(quarter)
            quarter = next_quarter(quarter)
    return Choices(tuple(sorted(known, reverse=True)),
                   tuple((c.id, c.name) for c in board.list_campaigns(uow)))


def make_report(uow: UnitOfWork, control: JobControl, request: ReportRequest,
                target: Path) -> MadeReport:
    """Off the GUI thread; a cancelled report leaves no file."""
    from desktop.report.builder import build_report  # reportlab loads here
    from ui.reports.pdf_preview import page_images

    built = build_report(uow, request, target, progress=control.progress,
                         cancelled=control.cancelled)
    previews = tuple(page_images(built.path, PREVIEW_PAGES, PREVIEW_WIDTH))
    return MadeReport(built.path, built.pages, previews)


def _start_chart_processes(_uow: UnitOfWork) -> None:
    from desktop import chart_processes  # loaded here, on the reader thread

    chart_processes.start()


TITLE_BAR_BUTTONS = 120  # what a window manager puts beside a title: icon, three buttons


def title_width(dialog: QWidget) -> int:
    """Wide enough that the title bar shows the whole title ("Business case — Common
    Ground"), which a dialog sized for its text alone cuts to "Busine…round"."""
    title = dialog.windowTitle()
    if QApplication.applicationDisplayName():
        title += f" — {QApplication.applicationDisplayName()}"
    font = dialog.font()
    font.setBold(True)  # title bars are often bold
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_BAR_BUTTONS


class ReportsPage(Page):
    """Making a report changes nothing in the file: nothing to undo, nothing read-only."""

    report_made = Signal(object)  # a MadeReport, or the error that stopped it

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._made: MadeReport | None = None
        self._folder: QTemporaryDir | None = None  # made with the first report, not at start
        self._job: Op | None = None
        self._progress: JobProgress | None = None
        self._default_author = ""
        self._charts_started = False
        self.section_labels = {
            "summary": self.tr("Executive summary"), "goals": self.tr("Goal progress"),
            "lineage": self.tr("Campaign lineage"), "channels": self.tr("Channels"),
            "times": self.tr("Best times of day"), "messages": self.tr("Messages that worked"),
            "content": self.tr("Content customers want"),
            "influence": self.tr("Who has influence"), "stories": self.tr("Customer stories"),
            "media": self.tr("Media relations"),
            "collaboration": self.tr("Collaboration"), "pilots": self.tr("Pilots"),
            "listening": self.tr("Listening to pipeline"),
            "appendix": self.tr("Where the figures come from"),
        }

        self.generate_action = self.page_action(self.tr("&Make the report"), self.generate,
                                                "Ctrl+Return", edits=False)
        self.open_action = self.page_action(self.tr("&Open in PDF viewer"), self.open_report,
                                            edits=False)
        self.save_action = self.page_action(self.tr("&Save as…"), self.save_report,
                                            edits=False)
        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Report actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (self.generate_action, self.open_action, self.save_action):
            toolbar.addAction(action)

        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self._build_form())
        self.splitter.addWidget(self._build_preview())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])
        layout.addWidget(self.splitter, 1)
        self.update_actions()

    # --- building ---------------------------------------------------------------
    def _build_form(self) -> QWidget:
        self.quarter_radio = QRadioButton(self.tr("&Quarter"))
        self.range_radio = QRadioButton(self.tr("&Days"))
        self.quarter_radio.setChecked(True)
        self._period_group = QButtonGroup(self)
        self._period_group.addButton(self.quarter_radio)
        self._period_group.addButton(self.range_radio)
        self.quarter_box = QComboBox()
        self.quarter_box.setAccessibleName(self.tr("Quarter"))
        self.start_edit = self._date_edit(self.tr("First day"))
        self.end_edit = self._date_edit(self.tr("Last day"))
        period = QGroupBox(self.tr("Period"))
        period_layout = QFormLayout(period)
        period_layout.addRow(self.quarter_radio, self.quarter_box)
        days = QHBoxLayout()
        days.addWidget(self.start_edit)
        days.addWidget(QLabel(self.tr("to")))
        days.addWidget(self.end_edit)
        period_layout.addRow(self.range_radio, days)

        self.campaign_model = ChecklistModel(self)
        self.campaign_view = self._checklist(self.campaign_model, self.tr("Campaigns"))
        campaigns = QGroupBox(self.tr("Campaigns (none ticked: all the team's work)"))
        QVBoxLayout(campaigns).addWidget(self.campaign_view)

        self.section_model = ChecklistModel(self, checked_by_default=True)
        self.section_model.set_items([(key, self.section_labels[key]) for key in SECTIONS])
        self.section_view = self._checklist(self.section_model, self.tr("Sections"))
        sections = QGroupBox(self.tr("Sections"))
        QVBoxLayout(sections).addWidget(self.section_view)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("The business case"))
        self.author_edit = QLineEdit()
        self.author_edit.setAccessibleName(self.tr("Prepared by"))
        words = QFormLayout()
        words.addRow(self.tr("&Title"), self.title_edit)
        words.addRow(self.tr("&Prepared by"), self.author_edit)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.addWidget(period)
        form_layout.addWidget(campaigns, 1)
        form_layout.addWidget(sections, 1)
        form_layout.addLayout(words)
        self.quarter_box.currentIndexChanged.connect(lambda: self.quarter_radio.setChecked(True))
        self.start_edit.dateChanged.connect(lambda: self.range_radio.setChecked(True))
        self.end_edit.dateChanged.connect(lambda: self.range_radio.setChecked(True))
        return form

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setAccessibleName(name)
        return edit

    def _checklist(self, model: ChecklistModel, name: str) -> QListView:
        view = QListView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setUniformItemSizes(True)
        return view

    def _build_preview(self) -> QWidget:
        self.status_label = QLabel(self.tr("Choose what the report covers, then make it."))
        self.status_label.setAccessibleName(self.tr("Report status"))
        self.status_label.setWordWrap(True)
        self.preview_model = PagePreviewListModel(self)
        self.preview_view = QListView()
        self.preview_view.setAccessibleName(self.tr("Preview of the report's first pages"))
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setViewMode(QListView.IconMode)
        self.preview_view.setFlow(QListView.LeftToRight)
        self.preview_view.setWrapping(True)
        self.preview_view.setResizeMode(QListView.Adjust)
        self.preview_view.setMovement(QListView.Static)
        self.preview_view.setSpacing(12)
        self.preview_view.setIconSize(QSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * 1.42)))
        self.preview_view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.preview_view.activated.connect(self.open_report)
        palette = self.preview_view.palette()  # white pages on the desk, in any colour scheme
        palette.setColor(QPalette.Base, palette.color(QPalette.Mid))
        self.preview_view.setPalette(palette)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.status_label)
        holder_layout.addWidget(self.preview_view, 1)
        return holder

    # --- state ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """The chart processes start when the page is first shown, off the window's thread,
        so that the first report does not wait for them to import matplotlib."""
        super().showEvent(event)
        if not self._charts_started:  # with a file open: the read needs one
            self._charts_started = self.read(
                _start_chart_processes, lambda _started: None, key="charts",
                label=self.tr("Getting charts ready")) is not None

    def context_changed(self) -> None:
        """Another file or person: their name as the author (unless one was typed), and
        no report of the file before."""
        name = self.context.person.name if self.context else ""
        if self.author_edit.text() in ("", self._default_author):
            self.author_edit.setText(name)
        self._default_author = name
        self._made = None
        self.preview_model.set_images([])
        self._fill_dates()

    def refresh(self) -> None:
        """Reload the quarters and campaigns, keeping every choice and the typed title."""
        if self._made is not None:
            self.status_label.setText(self.tr(
                "{0}: the team file changed after this report was made; make it again to "
                "include the changes.").format(self._made.path.name))
        if self.context is None:
            self._show_choices(Choices())
            return
        self.read(load_choices, self._show_choices,
                  label=self.tr("Loading the quarters and campaigns"))

    def _show_choices(self, choices: Choices) -> None:
        self._fill_quarters(choices.quarters)
        self.campaign_model.set_items(choices.campaigns)
        self.update_actions()

    def _fill_quarters(self, quarters: tuple[str, ...]) -> None:
        """The quarters on offer; the chosen one stays chosen (this one at first)."""
        chosen = self.quarter_box.currentData() or quarter_of(date.today())
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for quarter in quarters:
            self.quarter_box.addItem(quarter, quarter)
        self.quarter_box.setCurrentIndex(max(0, self.quarter_box.findData(chosen)))
        self.quarter_box.blockSignals(False)

    def _fill_dates(self) -> None:
        start, end = quarter_bounds(quarter_of(date.today()))
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def update_actions(self) -> None:
        super().update_actions()
        busy = self._job is not None
        self.generate_action.setEnabled(self.context is not None and not busy)
        self.open_action.setEnabled(self._made is not None and not busy)
        self.save_action.setEnabled(self._made is not None and not busy)

    # --- the request ------------------------------------------------------------
    def request(self) -> ReportRequest:
        """What the form asks for; a ValidationError says what to change."""
        if self.quarter_radio.isChecked():
            period = quarter_period(self.quarter_box.currentData() or quarter_of(date.today()))
        else:
            period = range_period(self.start_edit.date().toPython(),
                                  self.end_edit.date().toPython())
        sections = frozenset(self.section_model.checked_keys()) & ALL_SECTIONS
        if not sections:
            raise ValidationError("Tick at least one section to put in the report.",
                                  field="sections")
        return ReportRequest(period, tuple(self.campaign_model.checked_keys()), sections,
                             self.title_edit.text().strip(), self.author_edit.text().strip())

    # --- actions ----------------------------------------------------------------
    def generate(self) -> None:
        if self.context is None or self._job is not None:
            return
        try:
            request = self.request()
        except ValidationError as error:
            tell(self, self.tr("Make the report"), error.message)
            return
        if self._folder is None:
            self._folder = QTemporaryDir()
            self.destroyed.connect(self._folder.remove)
        if not self._folder.isValid():
            tell(self, self.tr("Make the report"),
                 self.tr("There is no room for a temporary file; free some disk space."))
            return
        target = Path(self._folder.path()) / file_name_for(request)
        self._start_job(lambda uow, control: make_report(uow, control, request, target))

    def _start_job(self, work: Callable[[UnitOfWork, JobControl], MadeReport]) -> None:
        self._progress = JobProgress(self, self.tr("Business case"),
                                     self.tr("Making the report…"))
        self._progress.setMinimumWidth(title_width(self._progress))
        self._job = self.job(work, writes=False, done=self._on_job_succeeded,
                             failed=self._on_job_failed, progress=self._progress.progress,
                             label=self.tr("Making the report"))
        self._progress.follow(self._job)
        # A page closed mid-report (the window quits) stops its job.
        self._stop_on_close = self.destroyed.connect(self._job.cancel)
        self.status_label.setText(self.tr("Making the report…"))
        self.update_actions()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _finish_job(self) -> None:
        self.disconnect(self._stop_on_close)
        self._job = None
        if self._progress is not None:
            self._progress.finish()
            self._progress = None

    def _on_job_succeeded(self, made: MadeReport) -> None:
        self._finish_job()
        self._made = made
        self.preview_model.set_images(made.previews)
        shown = min(made.pages, len(made.previews))
        self.status_label.setText(self.tr(
            "{0}: {1} (the first {2} below). Open it in your PDF viewer or save it "
            "where you like.").format(made.path.name,
                                      counted(made.pages, self.tr("page"), self.tr("pages")),
                                      shown))
        self.update_actions()
        self.report_made.emit(made)

    def _on_job_failed(self, error: BaseException) -> None:
        self._finish_job()
        self.update_actions()
        if isinstance(error, Cancelled):
            self.status_label.setText(error.message)
        else:
            self.status_label.setText(self.tr("The report could not be made."))
            show_error(self, error, self.tr("Could not make the report"))
        self.report_made.emit(error)

    def open_report(self) -> None:
        if self._made is None:
            return
        if not open_in_viewer(self._made.path):
            tell(self, self.tr("Open the report"), self.tr(
                "No PDF viewer would open {0}. Save it with \"Save as…\" and open it from "
                "there.").format(self._made.path.name))

    def save_report(self) -> None:
        if self._made is None:
            return
        start = str(Path(settings.last_folder()) / self._made.path.name)
        chosen = choose_save_path(self, self.tr("Save the report"), start)
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self._made.path, target)
        except OSError as error:
            tell(self, self.tr("Save the report"), self.tr(
                "Could not save to {0}: {1}. Choose another folder.").format(
                target, error.strerror or error))
            return
        settings.remember_folder(str(target.parent))
        self.status_label.setText(self.tr("Saved to {0}.").format(target))
