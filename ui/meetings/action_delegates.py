"""Editors inside the action-item table: the owner from the team, a due date or none."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.attendees import Attendee
from ui.shell.labels import DATE_FORMAT, DEPARTMENT_LABELS

#: The date a due-date editor shows as "no date" (QDateEdit cannot be empty).
NO_DATE = QDate(2000, 1, 1)


class OwnerDelegate(QStyledItemDelegate):
    """A drop-down of the team; ``people`` is asked for each time an editor opens."""

    def __init__(self, people: Callable[[], list[Attendee]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people = people

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName(self.tr("Owner"))
        box.addItem(self.tr("(nobody)"), None)
        for person in self._people():
            box.addItem(f"{person.name} ({DEPARTMENT_LABELS[person.department]})",
                        person.person_id)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.EditRole)


class DueDateDelegate(QStyledItemDelegate):
    """A date editor whose lowest value reads "none", for an action without a due date."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setAccessibleName(self.tr("Due date"))
        editor.setCalendarPopup(True)
        editor.setDisplayFormat(DATE_FORMAT)
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText(self.tr("none"))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.EditRole)
        editor.setDate(value if isinstance(value, QDate) and value.isValid()
                       else QDate.currentDate())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = editor.date()
        model.setData(index, None if value == NO_DATE else value, Qt.EditRole)
