"""The activity feed, docked beside every page: who changed what, when, newest first.

Filterable by person and by area; double-clicking an entry opens the history of
that record. It reloads (in the background) when the main window's poll of the
change log finds something new, and only while it is visible.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import activity, people
from desktop.numbers import counted
from ui.shell.activity_models import AREA_LABELS, ActivityTableModel
from ui.shell.context import TeamContext
from ui.shell.history_dialog import show_history
from ui.shell.tasks import task_manager


class ActivityDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityDock")
        self.setWindowTitle(self.tr("Activity"))
        self._context: TeamContext | None = None
        self._generation = 0

        self.person_box = QComboBox()
        self.person_box.setAccessibleName(self.tr("Show changes by"))
        self.area_box = QComboBox()
        self.area_box.setAccessibleName(self.tr("Show changes in"))
        self.area_box.addItem(self.tr("All areas"), None)
        for area in (*activity.AREA_TABLES, activity.OTHER_AREA):
            self.area_box.addItem(AREA_LABELS[area], area)
        self.model = ActivityTableModel(self, compact=True)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Recent changes, newest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(ActivityTableModel.WHAT, QHeaderView.Stretch)
        self.table.setColumnHidden(ActivityTableModel.WHO, True)  # the sentence names them
        self.table.setColumnHidden(ActivityTableModel.AREA, True)  # in the tooltip
        self.table.setColumnHidden(ActivityTableModel.CHANGES, True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of changes shown"))

        filters = QHBoxLayout()
        filters.addWidget(self.person_box, 1)
        filters.addWidget(self.area_box, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setWidget(body)

        self.person_box.currentIndexChanged.connect(self.refresh)
        self.area_box.currentIndexChanged.connect(self.refresh)
        self.table.activated.connect(self._on_table_activated)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def set_context(self, context: TeamContext | None) -> None:
        self._context = context
        self.person_box.blockSignals(True)
        self.person_box.clear()
        self.person_box.addItem(self.tr("Everyone"), None)
        self.person_box.blockSignals(False)
        if context is not None:
            uow = context.uow
            task_manager().read(lambda: people.list_people(uow), on_success=self._fill_people,
                                owner=self)
        self.refresh()

    def _fill_people(self, team: list[people.Person]) -> None:
        chosen = self.person_box.currentData()
        self.person_box.blockSignals(True)
        while self.person_box.count() > 1:
            self.person_box.removeItem(1)
        for person in team:
            self.person_box.addItem(person.name, person.id)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(chosen)))
        self.person_box.blockSignals(False)

    def refresh(self) -> None:
        """Reload the feed in the background (only while it is shown)."""
        self._generation += 1
        if self._context is None:
            self.model.set_rows([])
            return
        if self.isHidden():
            return  # reloaded when shown again
        uow, generation = self._context.uow, self._generation
        person_id, area = self.person_box.currentData(), self.area_box.currentData()
        task_manager().read(
            lambda: activity.list_activity(uow, person_id=person_id, area=area),
            on_success=lambda entries: self._show(generation, entries), owner=self)

    def _show(self, generation: int, entries: list[activity.Activity]) -> None:
        if generation != self._generation:
            return
        selected = self.selected_activity()
        self.model.set_rows(entries)
        self.count_label.setText(counted(len(entries), self.tr("change"), self.tr("changes")))
        if selected is not None:
            row = self.model.find_row(lambda a: a.id == selected.id)
            if row >= 0:
                self.table.selectRow(row)

    def selected_activity(self) -> activity.Activity | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.activity_at(index.row())

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def _on_table_activated(self, index: QModelIndex) -> None:
        if self._context is None or not index.isValid():
            return
        entry = self.model.activity_at(index.row())
        show_history(self, self._context.uow, entry.table, entry.row_id, entry.title)


