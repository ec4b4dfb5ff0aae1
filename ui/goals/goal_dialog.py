"""Editing a goal, and recording a measurement of one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.enums import Department, GoalLevel, GoalStatus
from desktop.goals import Goal, GoalInput
from desktop.people import Person
from ui.shell.enum_choice import chosen
from ui.shell.form_dialog import FormDialog
from ui.shell.labels import DATE_FORMAT, DEPARTMENT_LABELS, GOAL_LEVEL_LABELS, GOAL_STATUS_LABELS


def _number_box(accessible_name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-1e12, 1e12)
    box.setDecimals(2)
    box.setGroupSeparatorShown(True)
    box.setAccessibleName(accessible_name)
    return box


class GoalDialog(FormDialog):
    """The form; the page saves what ``goal_input()`` returns and shows any refusal here."""

    def __init__(self, quarter: str, people: list[Person], corporate_goals: list[Goal],
                 goal: Goal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit goal") if goal else self.tr("New goal"), parent)
        self._quarter = goal.quarter if goal else quarter
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.level_box = QComboBox()
        self.level_box.setAccessibleName(self.tr("Level"))
        for level in GoalLevel:
            self.level_box.addItem(GOAL_LEVEL_LABELS[level], level)
        self.department_box = QComboBox()
        self.department_box.setAccessibleName(self.tr("Department"))
        for department in Department:
            self.department_box.addItem(DEPARTMENT_LABELS[department], department)
        self.parent_box = QComboBox()
        self.parent_box.setAccessibleName(self.tr("Aligned under"))
        self.parent_box.addItem(self.tr("(none)"), None)
        for corporate in corporate_goals:
            if goal is None or corporate.id != goal.id:
                self.parent_box.addItem(corporate.title, corporate.id)
        self.metric_edit = QLineEdit()
        self.metric_edit.setAccessibleName(self.tr("Metric"))
        self.metric_edit.setPlaceholderText(self.tr("e.g. qualified leads"))
        self.unit_edit = QLineEdit()
        self.unit_edit.setAccessibleName(self.tr("Unit"))
        self.unit_edit.setPlaceholderText(self.tr("e.g. leads, %, EUR"))
        self.baseline_box = _number_box(self.tr("Baseline"))
        self.target_box = _number_box(self.tr("Target"))
        self.owner_box = QComboBox()
        self.owner_box.setAccessibleName(self.tr("Owner"))
        self.owner_box.addItem(self.tr("(nobody)"), None)
        for person in people:
            self.owner_box.addItem(f"{person.name} ({DEPARTMENT_LABELS[person.department]})",
                                   person.id)
        self.status_box = QComboBox()
        self.status_box.setAccessibleName(self.tr("Status"))
        for status in GoalStatus:
            self.status_box.addItem(GOAL_STATUS_LABELS[status], status)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), QLabel(self._quarter))
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Level"), self.level_box)
        form.addRow(self.tr("&Department"), self.department_box)
        form.addRow(self.tr("&Aligned under"), self.parent_box)
        form.addRow(self.tr("&Metric"), self.metric_edit)
        form.addRow(self.tr("&Unit"), self.unit_edit)
        form.addRow(self.tr("&Baseline"), self.baseline_box)
        form.addRow(self.tr("Tar&get"), self.target_box)
        form.addRow(self.tr("&Owner"), self.owner_box)
        form.addRow(self.tr("&Status"), self.status_box)
        form.addRow(self.tr("&Notes"), self.notes_edit)
        self.set_body(form)
        self.level_box.currentIndexChanged.connect(self._on_level_box_changed)
        self.resize(480, self.sizeHint().height())
        if goal:
            self._load(goal)
        else:
            self.level_box.setCurrentIndex(self.level_box.findData(GoalLevel.DEPARTMENT))
        self._on_level_box_changed()

    def _load(self, goal: Goal) -> None:
        self.title_edit.setText(goal.title)
        self.level_box.setCurrentIndex(self.level_box.findData(goal.level))
        if goal.department:
            self.department_box.setCurrentIndex(self.department_box.findData(goal.department))
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(goal.parent_id)))
        self.metric_edit.setText(goal.metric)
        self.unit_edit.setText(goal.unit)
        self.baseline_box.setValue(goal.baseline)
        self.target_box.setValue(goal.target)
        self.owner_box.setCurrentIndex(max(0, self.owner_box.findData(goal.owner_id)))
        self.status_box.setCurrentIndex(self.status_box.findData(goal.status))
        self.notes_edit.setPlainText(goal.notes)

    def _on_level_box_changed(self) -> None:
        department_level = self.level_box.currentData() == GoalLevel.DEPARTMENT
        self.department_box.setEnabled(department_level)
        self.parent_box.setEnabled(department_level)

    def goal_input(self) -> GoalInput:
        department_level = self.level_box.currentData() == GoalLevel.DEPARTMENT
        return GoalInput(
            level=chosen(self.level_box, GoalLevel), quarter=self._quarter,
            title=self.title_edit.text(), metric=self.metric_edit.text(),
            target=self.target_box.value(), unit=self.unit_edit.text(),
            baseline=self.baseline_box.value(),
            department=chosen(self.department_box, Department) if department_level else None,
            parent_id=self.parent_box.currentData() if department_level else None,
            owner_id=self.owner_box.currentData(), status=chosen(self.status_box, GoalStatus),
            notes=self.notes_edit.toPlainText())

    def restore(self, typed: GoalInput) -> None:
        """Put what the person typed back into a reopened dialog, so nothing is lost."""
        self.title_edit.setText(typed.title)
        self.level_box.setCurrentIndex(self.level_box.findData(typed.level))
        if typed.department is not None:
            self.department_box.setCurrentIndex(self.department_box.findData(typed.department))
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(typed.parent_id)))
        self.metric_edit.setText(typed.metric)
        self.unit_edit.setText(typed.unit)
        self.baseline_box.setValue(typed.baseline)
        self.target_box.setValue(typed.target)
        self.owner_box.setCurrentIndex(max(0, self.owner_box.findData(typed.owner_id)))
        self.status_box.setCurrentIndex(self.status_box.findData(typed.status))
        self.notes_edit.setPlainText(typed.notes)

    def submit(self) -> None:
        self.saver(self.goal_input())


class MeasurementDialog(QDialog):
    def __init__(self, goal: Goal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a measurement"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.value_box = _number_box(self.tr("Value"))
        if goal.actual is not None:
            self.value_box.setValue(goal.actual)
        self.value_box.setSuffix(f" {goal.unit}" if goal.unit else "")
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Where the figure comes from"))
        form = QFormLayout()
        form.addRow(self.tr("Goal"), QLabel(goal.title))
        form.addRow(self.tr("Metric"), QLabel(goal.metric))
        form.addRow(self.tr("&Date"), self.date_edit)
        form.addRow(self.tr("&Value"), self.value_box)
        form.addRow(self.tr("&Note"), self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.value_box.setFocus()

    def values(self) -> tuple[date, float, str]:
        return (self.date_edit.date().toPython(), self.value_box.value(), self.note_edit.text())
