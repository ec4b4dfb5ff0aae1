"""The list beside the month calendar: team events and meetings, in time order."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.events import CalendarEntry
from ui.shell.labels import date_time_text, enum_label
from ui.shell.table_model import RowsTableModel

EntryRole = Qt.UserRole + 1
#: Day colours in the month calendar, and the kind column beside it.
EVENT_COLOR = QColor("#ffe0b2")
MEETING_COLOR = QColor("#d6e6fa")
MARK_TEXT_COLOR = QColor("#202020")  # text on those pastel marks, in a light or dark palette


class CalendarEntryTableModel(RowsTableModel):
    COLUMNS = ("Day", "Time", "What", "Kind", "Place", "Attendees")
    DAY, TIME, TITLE, KIND, PLACE, ATTENDEES = range(6)

    def first_row_on(self, day: date) -> int:
        return self.find_row(lambda entry: day in entry.days())

    def row_of(self, entry_id: int, is_meeting: bool) -> int:
        return self.find_row(lambda entry: entry.id == entry_id and entry.is_meeting == is_meeting)

    def cell(self, entry: CalendarEntry, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return self._display(entry, column)
        if role == EntryRole:
            return entry
        if role == Qt.BackgroundRole and column == self.KIND:
            return QBrush(MEETING_COLOR if entry.is_meeting else EVENT_COLOR)
        if role == Qt.ForegroundRole and column == self.KIND:
            return QBrush(MARK_TEXT_COLOR)
        if role == Qt.ToolTipRole and column == self.ATTENDEES and entry.attendees:
            return "\n".join(a.name for a in entry.attendees)
        if role == Qt.ToolTipRole and entry.is_meeting:
            return self.tr("Meetings are edited on the Meetings page")
        if role == Qt.ToolTipRole and entry.speaking:
            return self.tr("Speaking slots are edited on the Media relations page")
        return None

    def _display(self, entry: CalendarEntry, column: int) -> str:
        if column == self.DAY:
            return entry.starts_at.strftime("%a %Y-%m-%d")
        if column == self.TIME:
            if entry.all_day:
                days = len(entry.days())
                return self.tr("all day") if days == 1 else self.tr("{0} days").format(days)
            end = entry.ends_at.strftime("%H:%M") if entry.ends_at.date() == \
                entry.starts_at.date() else date_time_text(entry.ends_at)
            return f"{entry.starts_at:%H:%M}–{end}"
        if column == self.TITLE:
            return entry.title
        if column == self.KIND:
            if entry.speaking:
                return self.tr("Speaking slot")
            return self.tr("Meeting") if entry.is_meeting else enum_label(entry.kind)
        if column == self.PLACE:
            return entry.place
        return str(len(entry.attendees)) if entry.attendees else ""
