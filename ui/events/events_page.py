"""The Team events page: a month calendar with the days of events and meetings marked,
the month's entries beside it, and calendar files (.ics) in and out.

It reads and writes through its page base (``ui.shell.page``), so a slow share or
someone else's lock never freezes the window: the month loads in the background and
keeps the selection; the event dialog saves through ``FormSave``. A calendar file is
read and checked on the reader thread before its import queues for the writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QKeySequence, QTextCharFormat, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import calendar_ics, events, people
from desktop.attendees import Attendee
from desktop.errors import ValidationError
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from ui.events.event_commands import (
    CreateEventCommand,
    DeleteEventCommand,
    EditEventCommand,
    ImportCalendarCommand,
)
from ui.events.event_dialog import EventDialog
from ui.events.event_models import (
    EVENT_COLOR,
    MARK_TEXT_COLOR,
    MEETING_COLOR,
    CalendarEntryTableModel,
)
from ui.shell import settings
from ui.shell.form_save import EditSave, FormSave
from ui.shell.labels import date_text, enum_label
from ui.shell.message_line import message_line
from ui.shell.messages import ask, show_error
from ui.shell.page import Page

ICS_FILTER = "Calendar files (*.ics *.ical *.ifb *.icalendar);;All files (*)"


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


@dataclass(frozen=True)
class CalendarFile:
    """A calendar file read and checked on the reader thread, ready for the writer."""

    name: str
    data: bytes  # kept by the undo step, which imports the file again on redo
    parsed: calendar_ics.ParsedCalendar

    @property
    def events(self) -> int:
        """Occurrences found, before they are matched against the team file."""
        return len(self.parsed.occurrences)


def _read_calendar_file(uow: UnitOfWork, path: Path) -> CalendarFile:
    """Read and parse the file (reader thread): a bad file is refused before it queues."""
    data = path.read_bytes()  # an OSError is put in plain words on the GUI thread
    return CalendarFile(path.name, data, calendar_ics.parse_calendar(uow, data, path.name))


def _team(uow: UnitOfWork) -> list[Attendee]:
    """Who can attend (worker thread)."""
    return [Attendee(p.id, p.name, p.department, p.email)
            for p in people.list_people(uow, active_only=True)]


class EventsPage(Page):
    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._marked: list[QDate] = []
        self._team: list[Attendee] = []  # who the open dialog offers, for a conflict's names
        self._file_busy = False  # an import or export under way
        self._loading = False
        self._pending_selection: tuple[int, bool] | None = None  # (id, is_meeting)
        self._pending_day: date | None = None  # clicked while its month was loading

        self.new_action = self.page_action(self.tr("&New event…"), self.new_event,
                                           QKeySequence.New)
        self.edit_action = self.page_action(self.tr("&Edit…"), self.edit_event)
        self.delete_action = self.page_action(self.tr("&Delete"), self.delete_event)
        self.import_action = self.page_action(
            self.tr("&Import .ics…"), self.import_file,
            tip=self.tr("Add the events of a calendar file from another calendar program"))
        self.export_action = self.page_action(
            self.tr("E&xport .ics…"), self.export_file, edits=False,
            tip=self.tr("Save all team events and meetings as a calendar file; exporting "
                        "again updates them in your calendar program instead of adding "
                        "them twice"))
        self.today_action = self.page_action(self.tr("&Today"), self.show_today, edits=False)

        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Event actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (self.new_action, self.edit_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.today_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.export_action)
        self.message_label = message_line(self.tr("Last action"), wrap=True)

        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(self.tr("Month calendar"))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.Monday)
        self.calendar.setMinimumSize(360, 300)
        self.calendar.setMaximumHeight(420)
        self.legend = QLabel(self.tr(
            "<span style='background:{0}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> team event &nbsp; "
            "<span style='background:{1}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> meeting")
            .format(EVENT_COLOR.name(), MEETING_COLOR.name()))
        self.legend.setAccessibleName(self.tr("Legend: team events orange, meetings blue"))
        self.month_label = QLabel()
        self.month_label.setAccessibleName(self.tr("Month summary"))
        calendar_side = QWidget()
        side_layout = QVBoxLayout(calendar_side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.calendar, 1)
        side_layout.addWidget(self.legend)
        side_layout.addWidget(self.month_label)
        side_layout.addStretch(0)

        self.entry_model = CalendarEntryTableModel(self)
        self.list_view = QTableView()
        self.list_view.setAccessibleName(self.tr("Events and meetings of the month"))
        self.list_view.setModel(self.entry_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setWordWrap(False)
        self.list_view.setShowGrid(False)
        self.list_view.verticalHeader().hide()
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(CalendarEntryTableModel.TITLE, QHeaderView.Stretch)
        self.delete_action.setShortcut(QKeySequence.Delete)
        self.delete_action.setShortcutContext(Qt.WidgetShortcut)
        self.removeAction(self.delete_action)
        self.list_view.addAction(self.delete_action)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(calendar_side)
        self.splitter.addWidget(self.list_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([440, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(self.message_label)
        body = QHBoxLayout()
        body.addWidget(self.splitter)
        layout.addLayout(body, 1)

        self.calendar.currentPageChanged.connect(self._on_calendar_page_changed)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_activated)
        self.list_view.activated.connect(self.edit_event)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        # A click makes the row current before it selects it: the actions follow both.
        self.list_view.selectionModel().selectionChanged.connect(self.update_actions)
        self.update_actions()

    # --- state ------------------------------------------------------------------
    def month(self) -> tuple[date, date]:
        return _month_bounds(self.calendar.yearShown(), self.calendar.monthShown())

    def refresh(self) -> None:
        """Reload the shown month from the file in the background; the selection stays."""
        first, last = self.month()
        if self.context is None:
            self._show(first, last, [])
            return
        self._loading = True

        def load(uow: UnitOfWork) -> list[events.CalendarEntry]:
            # the grid shows parts of the neighbouring months too: mark those days as well
            return events.calendar_entries(uow, first - timedelta(days=14),
                                           last + timedelta(days=14))

        self.read(load, lambda entries: self._show(first, last, entries),
                  failed=self._on_load_failed, label=self.tr("Loading events"))

    def _show(self, first: date, last: date, entries: list[events.CalendarEntry]) -> None:
        self._loading = False
        selected = self.selected_entry()
        kept = (selected.id, selected.is_meeting) if selected is not None else None
        wanted, self._pending_selection = self._pending_selection, None
        day, self._pending_day = self._pending_day, None
        self._clear_marks()
        self._mark_days(entries)
        in_month = [e for e in entries if any(first <= d <= last for d in e.days())]
        self.entry_model.set_rows(in_month)
        self.month_label.setText(self.tr("{0} — team events: {1}, meetings: {2}").format(
            first.strftime("%B %Y"), sum(1 for e in in_month if not (e.is_meeting or e.speaking)),
            sum(1 for e in in_month if e.is_meeting)) if self.context is not None else "")
        if wanted is not None:
            self.select_entry(*wanted)
        elif day is not None:
            self._select_day(day)
        elif kept is not None:
            self.select_entry(*kept)
        self.update_actions()

    def _on_load_failed(self, error: BaseException) -> None:
        self._loading = False
        show_error(self, error)

    def _clear_marks(self) -> None:
        plain = QTextCharFormat()
        for day in self._marked:
            self.calendar.setDateTextFormat(day, plain)
        self._marked = []

    def _mark_days(self, entries: list[events.CalendarEntry]) -> None:
        """Bold days with anything on; orange for a team event, blue for meetings only."""
        kinds: dict[date, set[bool]] = {}
        for entry in entries:
            for day in entry.days():
                kinds.setdefault(day, set()).add(entry.is_meeting)
        for day, meeting_flags in kinds.items():
            text_format = QTextCharFormat()
            text_format.setFontWeight(QFont.Bold)
            color = EVENT_COLOR if False in meeting_flags else MEETING_COLOR
            text_format.setBackground(QBrush(color))
            text_format.setForeground(QBrush(MARK_TEXT_COLOR))
            qdate = QDate(day)
            self.calendar.setDateTextFormat(qdate, text_format)
            self._marked.append(qdate)

    def day_is_marked(self, day: date) -> bool:
        return QDate(day) in self._marked

    def selected_entry(self) -> events.CalendarEntry | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or not self.list_view.selectionModel().hasSelection():
            return None
        return self.entry_model.row_at(index.row())

    def selected_event_id(self) -> int | None:
        entry = self.selected_entry()
        return entry.id if entry is not None and not entry.is_meeting and not entry.speaking \
            else None

    def select_entry(self, entry_id: int, is_meeting: bool = False) -> None:
        row = self.entry_model.row_of(entry_id, is_meeting)
        if row >= 0:
            self.list_view.selectionModel().setCurrentIndex(
                self.entry_model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def show_day(self, day: date) -> None:
        """Turn the calendar to ``day`` and select it (the list follows the month)."""
        self.calendar.setSelectedDate(QDate(day))
        self.calendar.setCurrentPage(day.year, day.month)

    def show_today(self) -> None:
        self.show_day(date.today())

    def update_actions(self) -> None:
        super().update_actions()
        editable = self.editable
        has_event = self.selected_event_id() is not None
        idle = not self._file_busy
        self.import_action.setEnabled(editable and idle)
        self.export_action.setEnabled(self.context is not None and idle)
        self.edit_action.setEnabled(editable and has_event)
        self.delete_action.setEnabled(editable and has_event)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    def _on_calendar_page_changed(self, _year: int, _month: int) -> None:
        self.refresh()

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        if self._loading:
            self._pending_day = qdate.toPython()  # the month it is in is on its way
            return
        self._select_day(qdate.toPython())

    def _select_day(self, day: date) -> None:
        row = self.entry_model.first_row_on(day)
        if row >= 0:
            self.list_view.selectionModel().setCurrentIndex(
                self.entry_model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        else:
            self.list_view.clearSelection()
        self.update_actions()

    def _on_calendar_activated(self, qdate: QDate) -> None:
        """Enter or a double click on a day: a new event on that day."""
        self.new_event(qdate.toPython())

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            entry = self.entry_model.row_at(current.row())
            self.calendar.blockSignals(True)
            self.calendar.setSelectedDate(QDate(entry.starts_at.date()))
            self.calendar.blockSignals(False)
        self.update_actions()

    # --- new event ----------------------------------------------------------------
    def new_event(self, day: date | None = None) -> None:
        if not self.editable:
            return
        day = day if isinstance(day, date) else self.calendar.selectedDate().toPython()
        self.read(_team, lambda team: self._open_new(team, day), key="team",
                  label=self.tr("Loading the team"))

    def _open_new(self, team: list[Attendee], day: date) -> None:
        if not self.editable:
            return
        uow, self._team = self.uow, team
        FormSave(self, lambda: EventDialog(team, None, day, self),
                 lambda data: lambda: events.create_event(uow, data), self._created,
                 label=self.tr("Saving the event")).open()

    def _created(self, event: events.TeamEvent) -> None:
        self.push(CreateEventCommand(event, self.uow, self))
        self._pending_selection = (event.id, False)  # selected once the change feed reloads
        self.show_day(event.starts_at.date())
        self._say(self.tr("Added '{0}' on {1}.").format(
            event.title, date_text(event.starts_at)))

    # --- edit ---------------------------------------------------------------------
    def edit_event(self) -> None:
        entry = self.selected_entry()
        if entry is None or self.context is None:
            return
        if entry.is_meeting:
            self._say(self.tr("'{0}' is a meeting: edit it on the Meetings page.")
                      .format(entry.title))
            return
        if entry.speaking:
            self._say(self.tr("'{0}' is a speaking slot: edit it on the Media relations page.")
                      .format(entry.title))
            return
        if not self.editable:
            return
        self.read(lambda uow: (events.get_event(uow, entry.id), _team(uow)),
                  lambda loaded: self._open_edit(*loaded), key="team",
                  failed=self.write_failed, label=self.tr("Loading the event"))

    def _open_edit(self, event: events.TeamEvent, team: list[Attendee]) -> None:
        """The event dialog; attendees merge with what others saved meanwhile."""
        if not self.editable:
            return
        uow, self._team = self.uow, team

        def make_dialog() -> EventDialog:
            dialog = EventDialog(team, event, None, self)
            dialog.watch_record(uow, "team_events", event.id)
            return dialog

        def edit(version: int, data: events.EventInput) -> tuple[events.TeamEvent,
                                                                  events.TeamEvent]:
            return events.edit_event(uow, event.id, version, data, seen=event)

        FormSave(self, make_dialog, EditSave(event, edit),
                 lambda result: self.push(EditEventCommand(*result, self.uow, self)),
                 label=self.tr("Saving the event"), refused=self.refresh,
                 labels=self._field_labels(), render=self._render_value).open()

    def _field_labels(self) -> dict[str, str]:
        return {"title": self.tr("Title"), "kind": self.tr("Kind"),
                "starts_at": self.tr("Starts"), "ends_at": self.tr("Ends"),
                "place": self.tr("Place"), "notes": self.tr("Notes"),
                "attendee_ids": self.tr("Attendees")}

    def _render_value(self, name: str, value: object) -> str:
        """Names instead of ids, labels instead of codes, in the conflict dialog."""
        if value is None or value == "" or value == ():
            return self.tr("(none)")
        if name == "attendee_ids":
            names = {a.person_id: a.name for a in self._team}
            return ", ".join(names.get(i, str(i)) for i in value)
        if name == "kind":
            return enum_label(value)
        if name in ("starts_at", "ends_at"):
            return date_text(value)
        return str(value)

    # --- delete -------------------------------------------------------------------
    def delete_event(self) -> None:
        event_id = self.selected_event_id()
        if event_id is None or not self.editable:
            return
        entry = self.selected_entry()
        text = self.tr("Delete the event '{0}' on {1}? You can undo this.").format(
            entry.title, date_text(entry.starts_at))
        if ask(self, self.tr("Delete event"), text) != QMessageBox.Yes:
            return

        def delete(uow: UnitOfWork) -> events.TeamEvent:
            current = events.get_event(uow, event_id)
            return events.delete_event(uow, event_id, current.version)

        self.write(delete, lambda event: self.push(DeleteEventCommand(event, self.uow, self)),
                   label=self.tr("Deleting the event"))

    # --- calendar files -----------------------------------------------------------
    # A big calendar takes seconds to read: the file is read and checked on the reader
    # thread, imported on the writer thread; an export is built and written on the reader.
    def import_file(self) -> None:
        if not self.editable or self._file_busy:
            return
        title = self.tr("Import a calendar file")
        path, _ = QFileDialog.getOpenFileName(self, title, settings.last_folder(), ICS_FILTER)
        if not path:
            return
        source = Path(path)
        settings.remember_folder(str(source.parent))
        self._say(self.tr("Reading {0}…").format(source.name))
        self._file_busy = True
        self.read(lambda uow: _read_calendar_file(uow, source),
                  lambda file: self._import_checked(file, title), key="file",
                  failed=lambda error: self._on_file_failed(
                      self._file_problem(error, source.name, writing=False), title),
                  label=self.tr("Reading {0}").format(source.name))
        self.update_actions()

    def _import_checked(self, file: CalendarFile, title: str) -> None:
        """Hand the checked file to the writer, where it may wait for someone else's lock."""
        self._say(self.tr("Importing {0} of {1}…").format(
            counted(file.events, self.tr("event"), self.tr("events")), file.name))
        self.write(lambda uow: calendar_ics.import_parsed(uow, file.parsed),
                   lambda result: self._on_imported(result, file.data),
                   failed=lambda error: self._on_file_failed(error, title),
                   label=self.tr("Importing {0}").format(file.name))

    def _on_imported(self, result: calendar_ics.ImportResult, data: bytes) -> None:
        self._file_busy = False
        self.update_actions()
        if result.created or result.updated:
            self.push(ImportCalendarCommand(result, data, self.uow, self))
        parts = [self.tr("From {0}: {1}, {2} updated, {3} unchanged.").format(
            result.source, counted(len(result.created), self.tr("new event"),
                                   self.tr("new events")), result.updated, result.unchanged)]
        if result.duplicates:
            parts.append(self.tr("{0} listed twice were imported once.").format(
                result.duplicates))
        if result.skipped_meetings:
            parts.append(self.tr("Left out: {0} of this team file.").format(
                counted(result.skipped_meetings, self.tr("meeting"), self.tr("meetings"))))
        if result.skipped_speaking:
            parts.append(self.tr("Left out: {0} of the Media relations page.").format(
                counted(result.skipped_speaking, self.tr("speaking slot"),
                        self.tr("speaking slots"))))
        if result.cancelled:
            parts.append(self.tr("Left out: {0} cancelled.").format(result.cancelled))
        if result.first_start is not None:
            self.show_day(result.first_start.date())
        self._say(" ".join(parts))

    def _file_problem(self, error: BaseException, name: str, writing: bool) -> BaseException:
        """A folder or file that refuses us, said in plain words."""
        if not isinstance(error, OSError):
            return error
        text = self.tr("{0} cannot be written ({1}).") if writing else \
            self.tr("{0} cannot be read ({1}).")
        return ValidationError(text.format(name, error.strerror or error))

    def _on_file_failed(self, error: BaseException, title: str) -> None:
        self._file_busy = False
        self._say("")
        self.update_actions()
        show_error(self, error, title)

    def export_file(self) -> None:
        if self.context is None or self._file_busy:
            return
        title = self.tr("Export a calendar file")
        suggested = str(Path(settings.last_folder()) / "team-calendar.ics")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, ICS_FILTER)
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".ics")
        settings.remember_folder(str(target.parent))
        self._say(self.tr("Saving {0}…").format(target.name))
        self._file_busy = True
        self.read(lambda uow: calendar_ics.export_calendar(uow, target),
                  lambda summary: self._on_exported(summary, target), key="file",
                  failed=lambda error: self._on_file_failed(
                      self._file_problem(error, target.name, writing=True), title),
                  label=self.tr("Saving {0}").format(target.name))
        self.update_actions()

    def _on_exported(self, summary: calendar_ics.ExportSummary, target: Path) -> None:
        self._file_busy = False
        self.update_actions()
        self._say(self.tr("Saved {0} and {1} to {2}. Import it into your calendar program; "
                          "exporting again updates the same entries.")
                  .format(counted(summary.events, self.tr("team event"), self.tr("team events")),
                          counted(summary.meetings, self.tr("meeting"), self.tr("meetings")),
                          target.name))
