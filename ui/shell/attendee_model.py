"""A checkable list of the team for choosing attendees, each with their department."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal

from desktop.attendees import Attendee
from ui.shell.labels import DEPARTMENT_LABELS


class AttendeeListModel(QAbstractListModel):
    """One row per person, ticked when they attend; ``checked_changed`` after every tick."""

    checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[Attendee] = []
        self._checked: set[int] = set()
        self._editable = True

    def set_people(self, people: Iterable[Attendee], checked: Iterable[int] = ()) -> None:
        """``people`` may repeat: the first entry of each person wins."""
        self.beginResetModel()
        unique: dict[int, Attendee] = {}
        for person in people:
            unique.setdefault(person.person_id, person)
        self._people = sorted(unique.values(), key=lambda a: (a.name.lower(), a.person_id))
        self._checked = set(checked) & set(unique)
        self.endResetModel()

    def set_checked_ids(self, ids: Iterable[int]) -> None:
        self._checked = set(ids) & {p.person_id for p in self._people}
        if self._people:
            self.dataChanged.emit(self.index(0), self.index(len(self._people) - 1),
                                  [Qt.CheckStateRole])
        self.checked_changed.emit()

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self._checked))

    def checked_people(self) -> list[Attendee]:
        return [p for p in self._people if p.person_id in self._checked]

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        if role == Qt.DisplayRole:
            return f"{person.name} · {DEPARTMENT_LABELS[person.department]}"
        if role == Qt.CheckStateRole:
            return Qt.Checked if person.person_id in self._checked else Qt.Unchecked
        if role == Qt.ToolTipRole:
            return person.email or person.name
        if role == Qt.AccessibleTextRole:
            attending = self.tr("attending") if person.person_id in self._checked \
                else self.tr("not attending")
            return f"{person.name}, {DEPARTMENT_LABELS[person.department]}, {attending}"
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return flags | Qt.ItemIsUserCheckable if self._editable else flags

    def setData(self, index: QModelIndex, value: object, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.CheckStateRole or not self._editable:
            return False
        person_id = self._people[index.row()].person_id
        if Qt.CheckState(value) == Qt.Checked:
            self._checked.add(person_id)
        else:
            self._checked.discard(person_id)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        self.checked_changed.emit()
        return True
