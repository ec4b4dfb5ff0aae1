"""The item models of the Media relations page: rows of the services' dataclasses."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from desktop.media.contacts import Contact, Outlet
from desktop.media.coverage import CoverageLink, Suggestion
from desktop.media.materials import Material
from desktop.media.pitches import PitchRow
from desktop.media.speaking import IndustryEvent, Submission
from ui.media.media_labels import CONTACT_KIND_LABELS, PITCH_STATE_LABELS, SUBMISSION_STATE_LABELS
from ui.shell.labels import date_text
from ui.shell.palette import Tone, tone
from ui.shell.table_model import RowsTableModel


def rate_text(value: float | None) -> str:
    """A reply or coverage rate: 42%, or a dash when nobody was pitched."""
    return "–" if value is None else f"{value:.0%}"


def _day(value: object) -> str:
    return date_text(value) if value is not None else ""


class ContactTableModel(RowsTableModel):
    COLUMNS = ("Name", "Do not contact", "Outlet", "Tier", "Kind", "Beat", "Pitched",
               "Reply rate", "Coverage rate", "Last pitched")
    NAME, DO_NOT_CONTACT = 0, 1

    def cell(self, row: Contact, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (row.name, self.tr("Do not contact") if row.do_not_contact else "",
                    row.outlet_name, row.outlet_tier or "", CONTACT_KIND_LABELS[row.kind],
                    row.beat, row.pitched, rate_text(row.reply_rate),
                    rate_text(row.coverage_rate), _day(row.last_pitched_on))[column]
        if role == Qt.ForegroundRole and row.do_not_contact and column == self.DO_NOT_CONTACT:
            return tone(Tone.ERROR)
        if role == Qt.ToolTipRole and row.do_not_contact:
            # A tooltip that looks like HTML is shown as HTML: the reason is the person's text.
            return "<qt>" + html.escape(self.tr("{0} (set by {1} on {2})").format(
                row.do_not_contact_reason, row.do_not_contact_by or "–",
                _day(row.do_not_contact_on))) + "</qt>"
        return None


class OutletTableModel(RowsTableModel):
    COLUMNS = ("Outlet", "Tier", "Audience", "Source", "Topics", "Web domain", "Contacts")

    def cell(self, row: Outlet, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            audience = f"{row.audience_size:,}" if row.audience_size is not None else ""
            return (row.name, row.tier, audience, row.audience_source, row.topics,
                    row.web_domain, row.contact_count)[column]
        return None


class PitchTableModel(RowsTableModel):
    COLUMNS = ("Date", "Contact", "Outlet", "Card", "Subject", "State", "Follow-up", "By",
               "Notes")
    STATE, NOTES = 5, 8

    def cell(self, row: PitchRow, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            notes = "; ".join(part for part in (
                self.tr("override: {0}").format(row.override_reason) if row.override_reason
                else "", self.tr("names {0}").format(row.customer_name) if row.customer_name
                else "", *row.material_flags) if part)
            return (date_text(row.pitched_on), row.contact_name, row.outlet_name, row.card_title,
                    row.subject, PITCH_STATE_LABELS[row.state], _day(row.follow_up_on),
                    row.owner_name, notes)[column]
        if role == Qt.ForegroundRole and column == self.NOTES and row.material_flags:
            return tone(Tone.ERROR)
        return None


class SuggestionTableModel(RowsTableModel):
    COLUMNS = ("Article", "Outlet", "Author", "Appeared", "Pitch", "To", "Why")

    def cell(self, row: Suggestion, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (row.piece.title, row.piece.outlet, row.piece.author,
                    date_text(row.piece.published_on), row.pitch_subject, row.contact_name,
                    ", ".join(row.reasons))[column]
        return None


class LinkTableModel(RowsTableModel):
    COLUMNS = ("Article", "Outlet", "Appeared", "Pitch", "Contact", "Amplified", "Confirmed by")

    def cell(self, row: CoverageLink, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (row.title, row.outlet, date_text(row.published_on), row.pitch_subject,
                    row.contact_name, row.amplified, row.confirmed_by)[column]
        return None


class MaterialTableModel(RowsTableModel):
    COLUMNS = ("Material", "Where", "Owner", "Allowed uses", "Until", "Attached to", "Flag")
    FLAG = 6

    def cell(self, row: Material, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (row.title, row.location, row.owner_name, row.allowed_uses, _day(row.ends_on),
                    ", ".join(row.attached_to),
                    self.tr("Past its end date") if row.flags else "")[column]
        if role == Qt.ForegroundRole and column == self.FLAG and row.flags:
            return tone(Tone.ERROR)
        if role == Qt.ToolTipRole and row.flags:
            return "\n".join(row.flags)
        return None


class IndustryEventTableModel(RowsTableModel):
    COLUMNS = ("Event", "Dates", "Place", "Call for papers closes", "Owner", "Talks")

    def cell(self, row: IndustryEvent, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            dates = date_text(row.starts_on) if row.ends_on == row.starts_on else \
                f"{date_text(row.starts_on)} – {date_text(row.ends_on)}"
            return (row.name, dates, row.place, _day(row.submission_deadline), row.owner_name,
                    row.submissions)[column]
        return None


class SubmissionTableModel(RowsTableModel):
    COLUMNS = ("Talk", "Event", "Speakers", "State", "Owner")

    def cell(self, row: Submission, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            speakers = ", ".join(
                f"{s.name} ({s.customer_name})" if s.customer_name else s.name
                for s in row.speakers)
            return (row.title, row.event_name, speakers, SUBMISSION_STATE_LABELS[row.state],
                    row.owner_name)[column]
        return None


class CheckListModel(QAbstractListModel):
    """Records to tick (contacts to pitch, materials to offer), each with a warning where
    one applies (pitched recently, do not contact, past its end date)."""

    def __init__(self, items: list[tuple[int, str]], notes: dict[int, str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items = items
        self._notes = notes
        self._ticked: set[int] = set()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def row_of(self, item_id: int) -> int:
        return next((n for n, (i, _text) in enumerate(self._items) if i == item_id), -1)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item_id, text = self._items[index.row()]
        if role == Qt.DisplayRole:
            return f"{text} — {self._notes[item_id]}" if item_id in self._notes else text
        if role == Qt.CheckStateRole:
            return Qt.Checked if item_id in self._ticked else Qt.Unchecked
        if role == Qt.ForegroundRole and item_id in self._notes:
            return tone(Tone.WARNING)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return super().flags(index) | Qt.ItemIsUserCheckable

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or not index.isValid():
            return False
        item_id = self._items[index.row()][0]
        if Qt.CheckState(value) == Qt.Checked:
            self._ticked.add(item_id)
        else:
            self._ticked.discard(item_id)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True

    def ticked(self) -> tuple[int, ...]:
        return tuple(i for i, _text in self._items if i in self._ticked)

    def set_ticked(self, item_ids: set[int] | tuple[int, ...]) -> None:
        self.beginResetModel()
        self._ticked = set(item_ids)
        self.endResetModel()
