"""Item models of the activity feed and of a record's history: change-log entries.

Each entry shows as its sentence ("Priya Nair moved 'Survey' to Review") and its
changed fields in words, both made by ``desktop.activity_words``.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject, Qt

from desktop.activity import Activity
from ui.shell.labels import date_text, date_time_text
from ui.shell.table_model import RowsTableModel

ActivityRole = Qt.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("activity", text)


AREA_LABELS: dict[str, str] = {
    "goals": _tr("Goals"), "board": _tr("Board"), "meetings": _tr("Meetings"),
    "events": _tr("Events"), "stories": _tr("Customer stories"), "results": _tr("Results"),
    "listening": _tr("Signals"),
    "media": _tr("Media relations"), "team": _tr("Team"), "other": _tr("Other"),
}


def local_time(moment: datetime) -> str:
    """A UTC timestamp of the log, shown in this computer's time."""
    return date_time_text(moment.replace(tzinfo=UTC).astimezone())


def compact_time(moment: datetime, now: datetime | None = None) -> str:
    """Today's changes by their time, older ones by their day: a narrow feed stays readable."""
    local = moment.replace(tzinfo=UTC).astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    return local.strftime("%H:%M") if local.date() == today else date_text(local)


def plain_tooltip(text: str) -> str:
    """Qt guesses whether a tooltip is rich text; people's text must never be taken as HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class ActivityTableModel(RowsTableModel):
    """Who did what, and when; newest first, as the service returns them. The sentence
    names the person, so views that show it may hide the Who column."""

    COLUMNS = ("When", "Who", "Area", "What", "Changes")
    WHEN, WHO, AREA, WHAT, CHANGES = range(5)

    def __init__(self, parent: QObject | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self._compact = compact

    def activity_at(self, row: int) -> Activity:
        return self.row_at(row)

    def cell(self, entry: Activity, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return self._display(entry, column)
        if role == ActivityRole:
            return entry
        if role == Qt.ToolTipRole:
            lines = [f"{local_time(entry.changed_at)} · {AREA_LABELS.get(entry.area, entry.area)}",
                     entry.sentence, *entry.details]
            return plain_tooltip("\n".join(lines))
        return None

    def _display(self, entry: Activity, column: int) -> str:
        if column == self.WHEN:
            return compact_time(entry.changed_at) if self._compact else local_time(entry.changed_at)
        if column == self.WHO:
            return entry.person_name or self.tr("(unknown)")
        if column == self.AREA:
            return AREA_LABELS.get(entry.area, entry.area)
        if column == self.WHAT:
            return entry.sentence
        return "; ".join(entry.details)
