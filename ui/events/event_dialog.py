"""Adding or editing a team event: what, when, where, who."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QWidget,
)

from db.enums import EventKind
from desktop.attendees import Attendee
from desktop.events import EventInput, TeamEvent
from ui.shell.attendee_model import AttendeeListModel
from ui.shell.enum_choice import chosen
from ui.shell.form_dialog import FormDialog
from ui.shell.labels import DATE_TIME_FORMAT, enum_label

DEFAULT_START = time(12, 0)
DEFAULT_LENGTH = timedelta(hours=1, minutes=30)


def _date_time_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_TIME_FORMAT)
    return edit


class EventDialog(FormDialog):
    """The form; the page saves through ``saver``, and a refusal keeps the form open."""

    def __init__(self, people: list[Attendee], event: TeamEvent | None = None,
                 day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit event") if event else self.tr("New team event"), parent)
        self._last_start: datetime | None = None
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Quarterly team lunch"))
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("Kind"))
        for kind in EventKind:
            self.kind_box.addItem(enum_label(kind), kind)
        self.starts_edit = _date_time_edit(self.tr("Starts"))
        self.ends_edit = _date_time_edit(self.tr("Ends"))
        self.place_edit = QLineEdit()
        self.place_edit.setAccessibleName(self.tr("Place"))
        self.place_edit.setPlaceholderText(self.tr("e.g. Osteria on the corner"))
        self.attendee_model = AttendeeListModel(self)
        self.attendee_view = QListView()
        self.attendee_view.setAccessibleName(self.tr("Attendees"))
        self.attendee_view.setModel(self.attendee_model)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(70)
        self.notes_edit.setTabChangesFocus(True)
        self.error_label.setTextFormat(Qt.PlainText)  # a refusal may quote a typed title

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Kind"), self.kind_box)
        form.addRow(self.tr("&Starts"), self.starts_edit)
        form.addRow(self.tr("&Ends"), self.ends_edit)
        form.addRow(self.tr("&Place"), self.place_edit)
        form.addRow(self.tr("&Attendees"), self.attendee_view)
        form.addRow(self.tr("&Notes"), self.notes_edit)
        self.set_body(form)
        self.starts_edit.dateTimeChanged.connect(self._on_starts_edit_changed)
        self._load(people, event, day or date.today())
        self.resize(480, 560)

    def _load(self, people: list[Attendee], event: TeamEvent | None, day: date) -> None:
        if event is None:
            start = datetime.combine(day, DEFAULT_START)
            self.attendee_model.set_people(people)
            self.starts_edit.setDateTime(QDateTime(start))
            self.ends_edit.setDateTime(QDateTime(start + DEFAULT_LENGTH))
            return
        self.title_edit.setText(event.title)
        self.kind_box.setCurrentIndex(self.kind_box.findData(event.kind))
        self._last_start = event.starts_at
        self.starts_edit.setDateTime(QDateTime(event.starts_at))
        self.ends_edit.setDateTime(QDateTime(event.ends_at))
        self.place_edit.setText(event.place)
        self.attendee_model.set_people(list(people) + list(event.attendees),
                                       (a.person_id for a in event.attendees))
        self.notes_edit.setPlainText(event.notes)

    def restore(self, typed: EventInput) -> None:
        """Put back what the person typed, in a form reopened after a refused save."""
        self.title_edit.setText(typed.title)
        self.kind_box.setCurrentIndex(self.kind_box.findData(typed.kind))
        self.starts_edit.setDateTime(QDateTime(typed.starts_at))
        self.ends_edit.setDateTime(QDateTime(typed.ends_at))  # after the start, which moves it
        self.place_edit.setText(typed.place)
        self.attendee_model.set_checked_ids(typed.attendee_ids)
        self.notes_edit.setPlainText(typed.notes)

    def _on_starts_edit_changed(self, value: QDateTime) -> None:
        """Moving the start moves the end with it, keeping the length."""
        new_start = value.toPython()
        old_start = self._last_start
        if old_start is not None:
            end = self.ends_edit.dateTime().toPython()
            self.ends_edit.setDateTime(QDateTime(end + (new_start - old_start)))
        self._last_start = new_start

    def event_input(self) -> EventInput:
        return EventInput(
            title=self.title_edit.text(),
            starts_at=self.starts_edit.dateTime().toPython().replace(second=0, microsecond=0),
            ends_at=self.ends_edit.dateTime().toPython().replace(second=0, microsecond=0),
            kind=chosen(self.kind_box, EventKind), place=self.place_edit.text(),
            notes=self.notes_edit.toPlainText(),
            attendee_ids=self.attendee_model.checked_ids())

    def submit(self) -> None:
        self.saver(self.event_input())
