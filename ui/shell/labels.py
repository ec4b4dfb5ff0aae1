"""How the vocabularies of ``db.enums`` read on screen."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from db.enums import Department, GoalLevel, GoalStatus, Team
from desktop.numbers import compact_number, number

__all__ = ["compact_number", "number"]

#: One unambiguous way to write a date everywhere on screen (ISO 8601), whatever the
#: system's short format: "2026-12-01" reads the same in every team member's country.
DATE_FORMAT = "yyyy-MM-dd"  # for QDateEdit.setDisplayFormat
DATE_TIME_FORMAT = "yyyy-MM-dd HH:mm"  # for QDateTimeEdit.setDisplayFormat


def date_text(day: date | datetime) -> str:
    """A date (or a moment's day) as the date edits show it: 2026-12-01."""
    return day.strftime("%Y-%m-%d")


def date_time_text(moment: datetime) -> str:
    """A moment as the date-time edits show it: 2026-12-01 14:30."""
    return moment.strftime("%Y-%m-%d %H:%M")


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


DEPARTMENT_LABELS: dict[Department, str] = {
    Department.PR: _tr("PR"),
    Department.MARKETING: _tr("Marketing"),
    Department.SALES: _tr("Sales"),
    Department.LEADERSHIP: _tr("Leadership"),
}

TEAM_LABELS: dict[Team, str] = {
    Team.PR: _tr("PR"),
    Team.MARKETING: _tr("Marketing"),
    Team.SALES: _tr("Sales"),
}

GOAL_LEVEL_LABELS: dict[GoalLevel, str] = {
    GoalLevel.CORPORATE: _tr("Corporate"),
    GoalLevel.DEPARTMENT: _tr("Department"),
}

GOAL_STATUS_LABELS: dict[GoalStatus, str] = {
    GoalStatus.ACTIVE: _tr("Active"),
    GoalStatus.MET: _tr("Met"),
    GoalStatus.MISSED: _tr("Missed"),
    GoalStatus.CARRIED_OVER: _tr("Carried over"),
    GoalStatus.RETIRED: _tr("Retired"),
}


def enum_label(value: object) -> str:
    """A readable label for any enum member without its own table: ``in_progress`` -> "In progress"."""
    text = str(getattr(value, "value", value)).replace("_", " ")
    return text[:1].upper() + text[1:]

