"""The Team events page: a month calendar with the days of events and meetings marked,
the month's entries beside it, and calendar files (.ics) in and out."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QFont, QKeySequence, QTextCharFormat, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
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
from desktop.errors import ConflictError, DatabaseError, ValidationError
from desktop.team_file import UnitOfWork
from ui import settings
from ui.conflict_dialog import resolve_conflict
from ui.context import TeamContext
from ui.event_commands import (
    CreateEventCommand,
    DeleteEventCommand,
    EditEventCommand,
    ImportCalendarCommand,
)
from ui.event_dialog import EventDialog
from ui.event_models import (
    EVENT_COLOR,
    MARK_TEXT_COLOR,
    MEETING_COLOR,
    CalendarEntryTableModel,
)
from ui.messages import ask, show_error
from ui.tasks import Op, task_manager

ICS_FILTER = "Calendar files (*.ics *.ical *.ifb *.icalendar);;All files (*)"


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


class EventsPage(QWidget):
    events_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._context: TeamContext | None = None
        self._marked: list[QDate] = []
        self._file_op: Op | None = None  # an import or export under way

        self.new_action = self._page_action(self.tr("&New event…"), self.new_event,
                                            QKeySequence.New)
        self.edit_action = self._page_action(self.tr("&Edit…"), self.edit_event)
        self.delete_action = self._page_action(self.tr("&Delete"), self.delete_event)
        self.import_action = self._page_action(self.tr("&Import .ics…"), self.import_file)
        self.import_action.setToolTip(self.tr(
            "Add the events of a calendar file from another calendar program"))
        self.export_action = self._page_action(self.tr("E&xport .ics…"), self.export_file)
        self.export_action.setToolTip(self.tr(
            "Save all team events and meetings as a calendar file; exporting again updates "
            "them in your calendar program instead of adding them twice"))
        self.today_action = self._page_action(self.tr("&Today"), self.show_today)

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
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.PlainText)  # it quotes titles people typed
        self.message_label.setAccessibleName(self.tr("Last action"))
        self.message_label.setWordWrap(True)
        self.message_label.hide()

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
        self._update_actions()

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
    @property
    def _editable(self) -> bool:
        return self._context is not None and not self._context.read_only

    def set_context(self, context: TeamContext | None) -> None:
        self._context = context
        self.refresh()

    def month(self) -> tuple[date, date]:
        return _month_bounds(self.calendar.yearShown(), self.calendar.monthShown())

    def refresh(self) -> None:
        """Reload the shown month from the file, keeping the selected entry selected."""
        selected = self.selected_entry()
        self._clear_marks()
        if self._context is None:
            self.entry_model.set_entries([])
            self._update_actions()
            return
        first, last = self.month()
        # the grid shows parts of the neighbouring months too: mark those days as well
        entries = events.calendar_entries(self._context.uow, first - timedelta(days=14),
                                          last + timedelta(days=14))
        self._mark_days(entries)
        in_month = [e for e in entries if any(first <= d <= last for d in e.days())]
        self.entry_model.set_entries(in_month)
        self.month_label.setText(self.tr("{0} — team events: {1}, meetings: {2}").format(
            first.strftime("%B %Y"), sum(1 for e in in_month if not e.is_meeting),
            sum(1 for e in in_month if e.is_meeting)))
        if selected is not None:
            self.select_entry(selected.id, selected.is_meeting)
        self._update_actions()

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
        return self.entry_model.entry_at(index.row())

    def selected_event_id(self) -> int | None:
        entry = self.selected_entry()
        return entry.id if entry is not None and not entry.is_meeting else None

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

    def _update_actions(self) -> None:
        editable = self._editable
        has_event = self.selected_event_id() is not None
        self.new_action.setEnabled(editable)
        idle = self._file_op is None
        self.import_action.setEnabled(editable and idle)
        self.export_action.setEnabled(self._context is not None and idle)
        self.edit_action.setEnabled(editable and has_event)
        self.delete_action.setEnabled(editable and has_event)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _on_calendar_page_changed(self, _year: int, _month: int) -> None:
        self.refresh()

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        row = self.entry_model.first_row_on(qdate.toPython())
        if row >= 0:
            self.list_view.selectionModel().setCurrentIndex(
                self.entry_model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        else:
            self.list_view.clearSelection()
        self._update_actions()

    def _on_calendar_activated(self, qdate: QDate) -> None:
        """Enter or a double click on a day: a new event on that day."""
        self.new_event(qdate.toPython())

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            entry = self.entry_model.entry_at(current.row())
            self.calendar.blockSignals(True)
            self.calendar.setSelectedDate(QDate(entry.starts_at.date()))
            self.calendar.blockSignals(False)
        self._update_actions()

    # --- actions ----------------------------------------------------------------
    def _push(self, command_class: type, *args: object) -> None:
        assert self._context is not None
        self._undo_stack.push(command_class(*args, self._context.uow, self.refresh,
                                            self._on_command_failed))
        self.events_changed.emit()

    def _on_command_failed(self, error: DatabaseError) -> None:
        show_error(self, error, self.tr("Could not undo or redo"))

    def _team(self) -> list[Attendee]:
        assert self._context is not None
        return [Attendee(p.id, p.name, p.department, p.email)
                for p in people.list_people(self._context.uow, active_only=True)]

    def new_event(self, day: date | None = None) -> None:
        if not self._editable:
            return
        assert self._context is not None
        day = day if isinstance(day, date) else self.calendar.selectedDate().toPython()
        dialog = EventDialog(self._team(), None, day, self)
        created: list[events.TeamEvent] = []
        dialog.saver = lambda data: created.append(events.create_event(self._context.uow, data))
        if dialog.exec() == QDialog.Accepted and created:
            event = created[0]
            self._push(CreateEventCommand, event)
            self.show_day(event.starts_at.date())
            self.refresh()
            self.select_entry(event.id)
            self._say(self.tr("Added '{0}' on {1}.").format(
                event.title, event.starts_at.strftime("%Y-%m-%d")))

    def edit_event(self) -> None:
        entry = self.selected_entry()
        if entry is None or self._context is None:
            return
        if entry.is_meeting:
            self._say(self.tr("'{0}' is a meeting: edit it on the Meetings page.")
                      .format(entry.title))
            return
        if not self._editable:
            return
        try:
            event = events.get_event(self._context.uow, entry.id)
        except DatabaseError as error:
            show_error(self, error)
            self.refresh()
            return
        dialog = EventDialog(self._team(), event, None, self)
        saved: list[tuple[events.TeamEvent, events.TeamEvent]] = []
        dialog.saver = lambda data: self._save_edit(event, data, saved)
        if dialog.exec() == QDialog.Accepted and saved:
            self._push(EditEventCommand, *saved[0])
        self.refresh()

    def _save_edit(self, event: events.TeamEvent, data: events.EventInput,
                   saved: list[tuple[events.TeamEvent, events.TeamEvent]]) -> None:
        """Save the event dialog; keeps (the event as it was before, as saved) for undo.

        Attendees merge with what others saved meanwhile. When someone else saved the
        same fields first, the person picks per field; "Back to editing" keeps the
        dialog open with their typing (a ValidationError).
        """
        assert self._context is not None
        uow = self._context.uow
        before, version = event, event.version
        while True:
            try:
                saved.append((before, events.update_event(uow, event.id, version, data,
                                                          seen=event)))
                return
            except ConflictError as conflict:
                if conflict.deleted:
                    show_error(self, conflict)
                    return
                chosen = resolve_conflict(self, conflict, data)
                if chosen is None:
                    raise ValidationError(self.tr(
                        "Someone else saved this event meanwhile. Save again to choose field "
                        "by field, or cancel to see their version.")) from conflict
                data, version = chosen, conflict.stored_version
                before = self._stored_event(event.id, before)  # undo brings theirs back
            except ValidationError:
                raise
            except DatabaseError as error:
                show_error(self, error)
                return

    def _stored_event(self, event_id: int, fallback: events.TeamEvent) -> events.TeamEvent:
        assert self._context is not None
        try:
            return events.get_event(self._context.uow, event_id)
        except DatabaseError:
            return fallback

    def delete_event(self) -> None:
        event_id = self.selected_event_id()
        if event_id is None or not self._editable:
            return
        assert self._context is not None
        entry = self.selected_entry()
        text = self.tr("Delete the event '{0}' on {1}? You can undo this.").format(
            entry.title, entry.starts_at.strftime("%Y-%m-%d"))
        if ask(self, self.tr("Delete event"), text) != QMessageBox.Yes:
            return
        try:
            current = events.get_event(self._context.uow, event_id)
            deleted = events.delete_event(self._context.uow, event_id, current.version)
        except DatabaseError as error:
            show_error(self, error)
            self.refresh()
            return
        self._push(DeleteEventCommand, deleted)
        self.refresh()

    # --- calendar files ---------------------------------------------------------
    # A big calendar takes seconds to read, so both run on the task manager's threads.
    def import_file(self) -> None:
        if not self._editable or self._file_op is not None:
            return
        assert self._context is not None
        title = self.tr("Import a calendar file")
        path, _ = QFileDialog.getOpenFileName(self, title, settings.last_folder(), ICS_FILTER)
        if not path:
            return
        source = Path(path)
        settings.remember_folder(str(source.parent))
        try:
            data = source.read_bytes()
        except OSError as error:
            show_error(self, ValidationError(self.tr("{0} cannot be read ({1}).").format(
                source.name, error.strerror or error)), title)
            return
        uow = self._context.uow
        self._say(self.tr("Importing {0}…").format(source.name))
        self._file_op = task_manager().write(
            lambda: calendar_ics.import_calendar(uow, data, source.name),
            on_success=lambda result: self._on_imported(result, data),
            on_failure=lambda error: self._on_file_failed(error, title),
            owner=self, label=self.tr("Importing {0}").format(source.name))
        self._update_actions()

    def _on_imported(self, result: calendar_ics.ImportResult, data: bytes) -> None:
        self._file_op = None
        if result.created or result.updated:
            self._push(ImportCalendarCommand, result, data)
        parts = [self.tr("From {0}: {1} new events, {2} updated, {3} unchanged.").format(
            result.source, len(result.created), result.updated, result.unchanged)]
        if result.duplicates:
            parts.append(self.tr("{0} listed twice were imported once.").format(
                result.duplicates))
        if result.skipped_meetings:
            parts.append(self.tr("{0} meetings of this team file were left out.").format(
                result.skipped_meetings))
        if result.cancelled:
            parts.append(self.tr("{0} cancelled ones were left out.").format(result.cancelled))
        if result.first_start is not None:
            self.show_day(result.first_start.date())
        self.refresh()
        self._say(" ".join(parts))

    def _on_file_failed(self, error: BaseException, title: str) -> None:
        self._file_op = None
        self._say("")
        self._update_actions()
        show_error(self, error, title)

    def export_file(self) -> None:
        if self._context is None or self._file_op is not None:
            return
        title = self.tr("Export a calendar file")
        suggested = str(Path(settings.last_folder()) / "team-calendar.ics")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, ICS_FILTER)
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".ics")
        settings.remember_folder(str(target.parent))
        uow = self._context.uow
        self._say(self.tr("Saving {0}…").format(target.name))
        self._file_op = task_manager().read(
            lambda: _export(uow, target), on_success=lambda summary: self._on_exported(
                summary, target), on_failure=lambda error: self._on_file_failed(error, title),
            owner=self, label=self.tr("Saving {0}").format(target.name))
        self._update_actions()

    def _on_exported(self, summary: calendar_ics.ExportSummary, target: Path) -> None:
        self._file_op = None
        self._update_actions()
        self._say(self.tr("Saved {0} team events and {1} meetings to {2}. Import it into your "
                          "calendar program; exporting again updates the same entries.")
                  .format(summary.events, summary.meetings, target.name))


def _export(uow: UnitOfWork, target: Path) -> calendar_ics.ExportSummary:
    """Write the file; a folder that refuses it is said in plain words (on a worker thread)."""
    try:
        return calendar_ics.export_calendar(uow, target)
    except OSError as error:
        raise ValidationError(f"{target.name} cannot be written "
                              f"({error.strerror or error}).") from None
