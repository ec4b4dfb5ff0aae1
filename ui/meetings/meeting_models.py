"""Item models of the Meetings page: the meetings list, its search, the action items of
the open meeting (editable), and "My actions"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from db.enums import Department
from desktop.attendees import Attendee
from desktop.meetings import ActionInput, MeetingSummary, OpenAction
from desktop.numbers import counted
from ui.shell.labels import DEPARTMENT_LABELS, date_text, date_time_text
from ui.shell.palette import Tone, tone
from ui.shell.table_model import RowsTableModel

MeetingRole = Qt.UserRole + 1
SearchRole = Qt.UserRole + 2


def short_department(department: Department) -> str:
    """A department in a few letters, for narrow columns (the tooltip has the full names)."""
    return {Department.PR: QCoreApplication.translate("departments", "PR"),
            Department.MARKETING: QCoreApplication.translate("departments", "Mkt"),
            Department.SALES: QCoreApplication.translate("departments", "Sales"),
            Department.LEADERSHIP: QCoreApplication.translate("departments", "Lead")}[department]


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class MeetingTableModel(RowsTableModel):
    """Meetings, newest first, as the service lists them."""

    COLUMNS = ("Date", "Meeting", "Departments", "Open")
    DATE, TITLE, DEPARTMENTS, OPEN = range(4)

    def row_of(self, meeting_id: int) -> int:
        return self.find_row(lambda meeting: meeting.id == meeting_id)

    def cell(self, meeting: MeetingSummary, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return self._display(meeting, column)
        if role == MeetingRole:
            return meeting
        if role == SearchRole:
            return meeting.search_text
        if role == Qt.ToolTipRole and column == self.DEPARTMENTS:
            names = ", ".join(DEPARTMENT_LABELS[d] for d in meeting.departments)
            return (self.tr("A joint meeting: {0}") if meeting.joint else
                    self.tr("Not a joint meeting: {0}")).format(names or self.tr("nobody"))
        if role == Qt.ToolTipRole and column == self.OPEN:
            return self.tr("{0} of {1} open").format(
                meeting.open_actions,
                counted(meeting.action_count, self.tr("action item"), self.tr("action items")))
        if role == Qt.FontRole and column == self.DEPARTMENTS and meeting.joint:
            return _bold()
        if role == Qt.TextAlignmentRole and column == self.OPEN:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _display(self, meeting: MeetingSummary, column: int) -> str:
        if column == self.DATE:
            return date_time_text(meeting.starts_at)
        if column == self.TITLE:
            return meeting.title
        if column == self.DEPARTMENTS:
            return " · ".join(short_department(d) for d in meeting.departments)
        return str(meeting.open_actions) if meeting.action_count else ""


class MeetingFilterProxyModel(QSortFilterProxyModel):
    """Keeps the meetings whose text holds every word of the search, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        words = [w.casefold() for w in text.split()]
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        text = str(index.data(SearchRole) or "").casefold()
        return all(word in text for word in self._words)


class ActionItemsTableModel(RowsTableModel):
    """The open meeting's action items, edited in place; saved with the meeting."""

    COLUMNS = ("Action", "Owner", "Due", "Done")
    TEXT, OWNER, DUE, DONE = range(4)
    actions_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: dict[int, Attendee] = {}
        self._editable = True
        self._today = date.today()

    def set_actions(self, actions: list[ActionInput], people: list[Attendee]) -> None:
        """The meeting's action items, and the people who can own one."""
        self._people = {p.person_id: p for p in people}
        self._today = date.today()
        self.set_rows(actions)

    def actions(self) -> tuple[ActionInput, ...]:
        return tuple(self._rows)

    def people(self) -> list[Attendee]:
        return sorted(self._people.values(), key=lambda p: p.name.lower())

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def add_action(self, owner_id: int | None = None) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(ActionInput("", owner_id))
        self.endInsertRows()
        self.actions_changed.emit()
        return row

    def remove_action(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.actions_changed.emit()

    def _owner_name(self, owner_id: int | None) -> str:
        person = self._people.get(owner_id) if owner_id is not None else None
        return person.name if person else ""

    def cell(self, action: ActionInput, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            if column == self.TEXT:
                return action.text
            if column == self.OWNER:
                return self._owner_name(action.owner_id)
            if column == self.DUE:
                return date_text(action.due_on) if action.due_on else ""
            return None
        if role == Qt.EditRole:
            if column == self.TEXT:
                return action.text
            if column == self.OWNER:
                return action.owner_id
            if column == self.DUE:
                return QDate(action.due_on) if action.due_on else None
            return None
        if role == Qt.CheckStateRole and column == self.DONE:
            return Qt.Checked if action.done else Qt.Unchecked
        if role == Qt.ForegroundRole and column == self.DUE and self._overdue(action):
            return QBrush(tone(Tone.ERROR))
        if role == Qt.ToolTipRole and column == self.DUE and self._overdue(action):
            return self.tr("Overdue")
        if role == Qt.ToolTipRole and column == self.TEXT and action.card_id:
            return self.tr("Linked to a card on the board")
        return None

    def _overdue(self, action: ActionInput) -> bool:
        return not action.done and action.due_on is not None and action.due_on < self._today

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if not self._editable:
            return flags
        if index.column() == self.DONE:
            return flags | Qt.ItemIsUserCheckable
        return flags | Qt.ItemIsEditable

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or not self._editable:
            return False
        row, column = index.row(), index.column()
        action = self._rows[row]
        if role == Qt.CheckStateRole and column == self.DONE:
            action = replace(action, done=Qt.CheckState(value) == Qt.Checked)
        elif role == Qt.EditRole and column == self.TEXT:
            action = replace(action, text=str(value or ""))
        elif role == Qt.EditRole and column == self.OWNER:
            action = replace(action, owner_id=int(value) if value is not None else None)
        elif role == Qt.EditRole and column == self.DUE:
            action = replace(action, due_on=_to_date(value))
        else:
            return False
        if action == self._rows[row]:
            return True
        self._rows[row] = action
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.DONE))
        self.actions_changed.emit()
        return True


def _to_date(value: object) -> date | None:
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None
    if isinstance(value, date):
        return value
    return None


class MyActionsTableModel(RowsTableModel):
    """The current person's open action items; ticking one asks the page to save it.

    A tick shows at once and stays, not tickable again, while its save waits
    (``set_pending``); it is dropped once a reload shows the saved state.
    """

    COLUMNS = ("Done", "Action", "Due", "Meeting")
    DONE, TEXT, DUE, MEETING = range(4)
    done_requested = Signal(object, bool)  # (OpenAction, done)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()
        self._editable = True
        self._pending: dict[int, bool] = {}  # action item id -> the state being saved

    def set_actions(self, actions: list[OpenAction]) -> None:
        """The person's open actions; a pending tick the reload shows saved is dropped."""
        shown = {a.item.id: a.item.done for a in actions}
        self._pending = {item_id: done for item_id, done in self._pending.items()
                         if item_id in shown and shown[item_id] != done}
        self._today = date.today()
        self.set_rows(actions)

    def set_pending(self, item_id: int, done: bool | None) -> None:
        """Show ``done`` for the item while its save waits (None: the save is over)."""
        if done is None:
            self._pending.pop(item_id, None)
        else:
            self._pending[item_id] = done
        row = self.find_row(lambda action: action.item.id == item_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.MEETING))

    def is_pending(self, row: int) -> bool:
        return self._rows[row].item.id in self._pending

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def cell(self, action: OpenAction, column: int, role: int) -> object:
        item = action.item
        overdue = item.overdue(self._today)
        if role == Qt.DisplayRole:
            if column == self.TEXT:
                return item.text
            if column == self.DUE:
                return date_text(item.due_on) if item.due_on else ""
            if column == self.MEETING:
                return action.meeting_title
            return None
        if role == Qt.ToolTipRole and column == self.MEETING:
            return f"{action.meeting_starts_at:%Y-%m-%d %H:%M} {action.meeting_title}"
        if role == Qt.ToolTipRole and column == self.TEXT:
            return item.text
        if role == Qt.CheckStateRole and column == self.DONE:
            return Qt.Checked if self._pending.get(item.id, item.done) else Qt.Unchecked
        if role == Qt.ToolTipRole and column == self.DONE and item.id in self._pending:
            return self.tr("Saving…")
        if role == Qt.ForegroundRole and column == self.DUE and overdue:
            return QBrush(tone(Tone.ERROR))
        if role == Qt.FontRole and column == self.DUE and overdue:
            return _bold()
        if role == Qt.ToolTipRole and column == self.DUE and overdue:
            return self.tr("Overdue")
        if role == Qt.AccessibleTextRole and column == self.DONE:
            return self.tr("Done: {0}").format(item.text)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == self.DONE and self._editable and not self.is_pending(index.row()):
            flags |= Qt.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        """A tick is saved at once by the page (which then reloads this model)."""
        if not index.isValid() or role != Qt.CheckStateRole or index.column() != self.DONE \
                or not self._editable or self.is_pending(index.row()):
            return False
        self.done_requested.emit(self._rows[index.row()], Qt.CheckState(value) == Qt.Checked)
        return True
