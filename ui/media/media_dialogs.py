"""The forms of the Media relations page: a contact, the do-not-contact mark, a pitch (with
the pitched-recently warning and the do-not-contact override), a typed placement,
amplifying an article, a material, an industry event and a talk.

Each is a ``ui.shell.form_dialog.FormDialog`` (Save hands ``value()`` to the saver; a
refusal shows inside the form, which keeps everything typed). People's words are shown
as plain text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from db.enums import ContactKind, PitchState
from desktop.media.contacts import Contact, ContactInput, Outlet, OutletInput
from desktop.media.coverage import SOCIAL_CHANNELS, PlacementInput
from desktop.media.materials import Material, MaterialInput
from desktop.media.overview import CardChoice
from desktop.media.pitches import PitchInput, RecentPitch
from desktop.media.speaking import EventInput, IndustryEvent, SpeakerInput, SubmissionInput
from desktop.people import Person
from desktop.stories import Customer
from ui.media.media_labels import CONTACT_KIND_LABELS, PITCH_CHANNELS
from ui.media.media_models import CheckListModel
from ui.shell.enum_choice import chosen
from ui.shell.form_dialog import RowsForm
from ui.shell.labels import DATE_FORMAT, date_text
from ui.shell.palette import Tone, style_label
from ui.stories.story_dialog import plain_label


def _line(name: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def _text_box(name: str, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _date_box(name: str, day: date | None = None) -> QDateEdit:
    box = QDateEdit(QDate(day) if day else QDate.currentDate())
    box.setCalendarPopup(True)
    box.setDisplayFormat(DATE_FORMAT)
    box.setAccessibleName(name)
    return box


def _combo(name: str, entries: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for text, data in entries:
        box.addItem(text, data)
    return box


def _select(box: QComboBox, data: Any) -> None:
    box.setCurrentIndex(max(0, box.findData(data)))


class ContactDialog(RowsForm):
    """A person on the media list, and the outlet they write or speak for."""

    def __init__(self, outlets: list[Outlet], contact: Contact | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit contact") if contact else self.tr("New contact"), parent)
        self.name_edit = _line(self.tr("Name"))
        self.outlet_box = _combo(self.tr("Outlet"), [(self.tr("(none)"), None)]
                                 + [(o.name, o.id) for o in outlets])
        self.kind_box = _combo(self.tr("Kind"), [(CONTACT_KIND_LABELS[k], k) for k in ContactKind])
        self.beat_edit = _line(self.tr("Beat"))
        self.email_edit = _line(self.tr("Email"))
        self.x_edit = _line(self.tr("X handle"))
        self.linkedin_edit = _line(self.tr("LinkedIn"))
        self.channel_edit = _line(self.tr("Preferred channel"))
        self.notes_edit = _text_box(self.tr("Notes"))
        for label, widget in ((self.tr("&Name"), self.name_edit),
                              (self.tr("&Outlet"), self.outlet_box),
                              (self.tr("&Kind"), self.kind_box), (self.tr("&Beat"), self.beat_edit),
                              (self.tr("&Email"), self.email_edit),
                              (self.tr("&X handle"), self.x_edit),
                              (self.tr("&LinkedIn"), self.linkedin_edit),
                              (self.tr("&Preferred channel"), self.channel_edit),
                              (self.tr("No&tes"), self.notes_edit)):
            self.form.addRow(label, widget)
        if contact is not None:
            self.restore(contact.as_input())
        self.resize(480, self.sizeHint().height())

    def restore(self, value: ContactInput) -> None:
        self.name_edit.setText(value.name)
        _select(self.outlet_box, value.outlet_id)
        _select(self.kind_box, value.kind)
        self.beat_edit.setText(value.beat)
        self.email_edit.setText(value.email)
        self.x_edit.setText(value.x_handle)
        self.linkedin_edit.setText(value.linkedin)
        self.channel_edit.setText(value.preferred_channel)
        self.notes_edit.setPlainText(value.notes)

    def value(self) -> ContactInput:
        return ContactInput(self.name_edit.text(), self.outlet_box.currentData(),
                            chosen(self.kind_box, ContactKind), self.beat_edit.text(),
                            self.email_edit.text(), self.x_edit.text(),
                            self.linkedin_edit.text(), self.channel_edit.text(),
                            self.notes_edit.toPlainText())


class OutletDialog(RowsForm):
    def __init__(self, outlet: Outlet | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit outlet") if outlet else self.tr("New outlet"), parent)
        self.name_edit = _line(self.tr("Name"))
        self.tier_box = QSpinBox()
        self.tier_box.setRange(1, 3)
        self.tier_box.setValue(2)
        self.tier_box.setAccessibleName(self.tr("Tier"))
        self.audience_box = QSpinBox()
        self.audience_box.setRange(0, 2_000_000_000)
        self.audience_box.setSpecialValueText(self.tr("unknown"))
        self.audience_box.setAccessibleName(self.tr("Audience"))
        self.source_edit = _line(self.tr("Audience source"))
        self.topics_edit = _line(self.tr("Topics"))
        self.domain_edit = _line(self.tr("Web domain"))
        for label, widget in ((self.tr("&Name"), self.name_edit), (self.tr("&Tier"), self.tier_box),
                              (self.tr("&Audience"), self.audience_box),
                              (self.tr("Audience &source"), self.source_edit),
                              (self.tr("T&opics"), self.topics_edit),
                              (self.tr("&Web domain"), self.domain_edit)):
            self.form.addRow(label, widget)
        if outlet is not None:
            self.restore(outlet.as_input())

    def restore(self, value: OutletInput) -> None:
        self.name_edit.setText(value.name)
        self.tier_box.setValue(value.tier)
        self.audience_box.setValue(value.audience_size or 0)
        self.source_edit.setText(value.audience_source)
        self.topics_edit.setText(value.topics)
        self.domain_edit.setText(value.web_domain)

    def value(self) -> OutletInput:
        audience = self.audience_box.value() or None
        return OutletInput(self.name_edit.text(), self.tier_box.value(), audience,
                           self.source_edit.text(), self.topics_edit.text(),
                           self.domain_edit.text())


class DoNotContactDialog(RowsForm):
    """Why a contact is not to be contacted: kept with the mark, the day and who set it."""

    def __init__(self, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Do not contact"), parent)
        self.form.addRow(self.tr("Contact"), plain_label(contact.name))
        self.reason_edit = _text_box(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("Why, and whether it may change"))
        self.form.addRow(self.tr("&Reason"), self.reason_edit)

    def restore(self, value: str) -> None:
        self.reason_edit.setPlainText(value)

    def value(self) -> str:
        return self.reason_edit.toPlainText()


class PitchDialog(RowsForm):
    """A pitch of a board card to contacts. Ticking a contact pitched recently by anyone
    on the team shows who and when, with "Send to the others" and "Send to them anyway";
    a contact marked do-not-contact needs an override reason, which is kept."""

    def __init__(self, cards: list[CardChoice], contacts: list[Contact],
                 customers: list[Customer], recent: dict[int, RecentPitch], days: int,
                 materials: list[Material] = (), parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Log a pitch"), parent)
        self._recent = recent
        self._blocked = {c.id: c for c in contacts if c.do_not_contact}
        self._names = {c.id: c.name for c in contacts}
        self.days = days
        self.card_box = _combo(self.tr("Board card"), [(c.title, c.id) for c in cards])
        notes = {c.id: self.tr("do not contact: {0}").format(c.do_not_contact_reason)
                 for c in contacts if c.do_not_contact}
        for contact_id, pitch in recent.items():
            notes.setdefault(contact_id, self.tr("pitched by {0} on {1}").format(
                pitch.by or self.tr("someone"), date_text(pitch.pitched_on)))
        self.contact_model = CheckListModel(
            [(c.id, f"{c.name} · {c.outlet_name}" if c.outlet_name else c.name)
             for c in contacts], notes, self)
        self.contact_list = QListView()
        self.contact_list.setAccessibleName(self.tr("Contacts to pitch"))
        self.contact_list.setModel(self.contact_model)
        self.contact_list.setMinimumHeight(150)
        self.material_model = CheckListModel(
            [(item.id, item.title) for item in materials],
            {item.id: self.tr("ended on {0}").format(date_text(item.ends_on))
             for item in materials if item.flags and item.ends_on}, self)
        self.material_list = QListView()
        self.material_list.setAccessibleName(self.tr("Materials offered"))
        self.material_list.setModel(self.material_model)
        self.material_list.setFixedHeight(72)
        self.subject_edit = _line(self.tr("Subject"))
        self.date_edit = _date_box(self.tr("Pitch date"))
        self.channel_box = _combo(self.tr("Channel"), [(c, c) for c in PITCH_CHANNELS])
        self.channel_box.setEditable(True)
        self.follow_check = QCheckBox(self.tr("follow up on"))
        self.follow_check.setAccessibleName(self.tr("Follow up"))
        self.follow_edit = _date_box(self.tr("Follow-up date"))
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_check)
        follow_row.addWidget(self.follow_edit, 1)
        self.customer_box = _combo(self.tr("Names a customer"), [(self.tr("(no customer)"), None)]
                                   + [(c.name, c.id) for c in customers])
        self.draft_check = QCheckBox(self.tr("Keep as a draft (not sent yet)"))
        self.draft_check.setAccessibleName(self.tr("Keep as a draft"))
        self.warning_label = plain_label()
        self.warning_label.setAccessibleName(self.tr("Pitched recently"))
        style_label(self.warning_label, Tone.WARNING)
        self.others_button = QPushButton(self.tr("Send to the &others"))
        self.others_button.setAccessibleName(self.tr("Send to the others"))
        self.anyway_check = QCheckBox(self.tr("Send to them &anyway"))
        self.anyway_check.setAccessibleName(self.tr("Send to them anyway"))
        warned_row = QHBoxLayout()
        warned_row.addWidget(self.others_button)
        warned_row.addWidget(self.anyway_check, 1)
        self.override_edit = _line(self.tr("Reason to override do-not-contact"))
        self.override_edit.setPlaceholderText(self.tr("Why they may be contacted this time"))
        self.form.addRow(self.tr("&Card"), self.card_box)
        self.form.addRow(self.tr("C&ontacts"), self.contact_list)
        self.form.addRow("", self.warning_label)
        self.form.addRow("", warned_row)
        self.form.addRow(self.tr("Override &reason"), self.override_edit)
        self.form.addRow(self.tr("&Subject"), self.subject_edit)
        self.form.addRow(self.tr("&Date"), self.date_edit)
        self.form.addRow(self.tr("C&hannel"), self.channel_box)
        self.form.addRow(self.tr("&Follow-up"), follow_row)
        self.form.addRow(self.tr("C&ustomer"), self.customer_box)
        self.form.addRow(self.tr("&Materials"), self.material_list)
        self.form.addRow("", self.draft_check)
        self.contact_model.dataChanged.connect(self._on_ticks_changed)
        self.contact_model.modelReset.connect(self._on_ticks_changed)
        self.others_button.clicked.connect(self.send_to_the_others)
        self.follow_check.toggled.connect(self.follow_edit.setEnabled)
        self.follow_edit.setEnabled(False)
        self._on_ticks_changed()
        self.resize(620, self.sizeHint().height())

    def select_card(self, card_id: int | None) -> None:
        if card_id is not None:
            _select(self.card_box, card_id)

    def warned(self) -> list[int]:
        return [cid for cid in self.contact_model.ticked() if cid in self._recent]

    def _on_ticks_changed(self, *_args: object) -> None:
        warned = self.warned()
        text = " ".join(self._recent[cid].sentence() for cid in warned)
        if warned:
            text = self.tr("Pitched in the last {0} days: ").format(self.days) + text
        self.warning_label.setText(text)
        for widget in (self.warning_label, self.others_button, self.anyway_check):
            widget.setVisible(bool(warned))
        blocked = [cid for cid in self.contact_model.ticked() if cid in self._blocked]
        self.override_edit.setEnabled(bool(blocked))

    def send_to_the_others(self) -> None:
        """Untick the contacts pitched recently: the pitch goes to the others."""
        self.contact_model.set_ticked(set(self.contact_model.ticked()) - set(self.warned()))

    def restore(self, value: PitchInput) -> None:
        self.select_card(value.card_id)
        self.contact_model.set_ticked(value.contact_ids)
        self.subject_edit.setText(value.subject)
        self.date_edit.setDate(QDate(value.pitched_on))
        self.channel_box.setCurrentText(value.channel)
        self.follow_check.setChecked(value.follow_up_on is not None)
        if value.follow_up_on is not None:
            self.follow_edit.setDate(QDate(value.follow_up_on))
        _select(self.customer_box, value.customer_id)
        self.material_model.set_ticked(value.material_ids)
        self.draft_check.setChecked(value.state == PitchState.DRAFTED)
        self.anyway_check.setChecked(value.send_anyway)
        if value.overrides:
            self.override_edit.setText(value.overrides[0][1])

    def value(self) -> PitchInput:
        ticked = self.contact_model.ticked()
        reason = self.override_edit.text().strip()
        overrides = tuple((cid, reason) for cid in ticked if cid in self._blocked and reason)
        return PitchInput(
            self.card_box.currentData(), ticked, self.subject_edit.text(),
            self.date_edit.date().toPython(), self.channel_box.currentText(),
            PitchState.DRAFTED if self.draft_check.isChecked() else PitchState.SENT,
            self.follow_edit.date().toPython() if self.follow_check.isChecked() else None,
            self.customer_box.currentData(), self.material_model.ticked(), notes="",
            overrides=overrides,
            send_anyway=self.anyway_check.isChecked())


class PlacementDialog(RowsForm):
    """Coverage typed in for a pitch, where no import holds it."""

    def __init__(self, contact_name: str, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Link a placement"), parent)
        self.form.addRow(self.tr("Pitch"), plain_label(f"{subject} → {contact_name}"))
        self.outlet_edit = _line(self.tr("Outlet"))
        self.title_edit = _line(self.tr("Article title"))
        self.date_edit = _date_box(self.tr("Appeared on"))
        self.author_edit = _line(self.tr("Author"), contact_name)
        self.url_edit = _line(self.tr("Link"))
        for label, widget in ((self.tr("&Outlet"), self.outlet_edit),
                              (self.tr("&Title"), self.title_edit),
                              (self.tr("&Appeared on"), self.date_edit),
                              (self.tr("A&uthor"), self.author_edit),
                              (self.tr("&Link"), self.url_edit)):
            self.form.addRow(label, widget)

    def restore(self, value: PlacementInput) -> None:
        self.outlet_edit.setText(value.outlet)
        self.title_edit.setText(value.title)
        self.date_edit.setDate(QDate(value.published_on))
        self.author_edit.setText(value.author)
        self.url_edit.setText(value.url)

    def value(self) -> PlacementInput:
        return PlacementInput(self.outlet_edit.text(), self.title_edit.text(),
                              self.date_edit.date().toPython(), self.author_edit.text(),
                              self.url_edit.text())


class AmplifyDialog(RowsForm):
    """Marketing's usual pieces from an article, chosen in one step."""

    def __init__(self, article: str, marketers: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Amplify the coverage"), parent)
        self.form.addRow(self.tr("Article"), plain_label(article))
        self.channel_checks = {channel: QCheckBox(self.tr("{0} post").format(name))
                               for channel, name in SOCIAL_CHANNELS.items()}
        row = QHBoxLayout()
        for check in self.channel_checks.values():
            check.setChecked(True)
            row.addWidget(check)
        self.form.addRow(self.tr("Social"), row)
        self.newsletter_check = QCheckBox(self.tr("Newsletter item"))
        self.one_pager_check = QCheckBox(self.tr("Sales one-pager update"))
        self.paid_check = QCheckBox(self.tr("Paid boost"))
        for check in (self.newsletter_check, self.one_pager_check, self.paid_check):
            check.setChecked(True)
            check.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)  # a click beside it misses
            self.form.addRow("", check)
        self.owner_box = _combo(self.tr("Owner in marketing"),
                                [(p.name, p.id) for p in marketers])
        self.form.addRow(self.tr("&Owner"), self.owner_box)

    def restore(self, value: dict[str, Any]) -> None:
        for name, check in self.channel_checks.items():
            check.setChecked(name in value["channels"])
        self.newsletter_check.setChecked(value["newsletter"])
        self.one_pager_check.setChecked(value["one_pager"])
        self.paid_check.setChecked(value["paid_boost"])
        _select(self.owner_box, value["owner_id"])

    def value(self) -> dict[str, Any]:
        return {"channels": tuple(n for n, c in self.channel_checks.items() if c.isChecked()),
                "newsletter": self.newsletter_check.isChecked(),
                "one_pager": self.one_pager_check.isChecked(),
                "paid_boost": self.paid_check.isChecked(), "owner_id": self.owner_box.currentData()}


class MaterialDialog(RowsForm):
    def __init__(self, team: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New material"), parent)
        self.title_edit = _line(self.tr("Title"))
        self.location_edit = _line(self.tr("Link or path on the share"))
        self.owner_box = _combo(self.tr("Owner"), [(p.name, p.id) for p in team])
        self.uses_edit = _line(self.tr("Allowed uses"))
        self.ends_check = QCheckBox(self.tr("ends on"))
        self.ends_check.setAccessibleName(self.tr("The material ends"))
        self.ends_edit = _date_box(self.tr("End date"))
        row = QHBoxLayout()
        row.addWidget(self.ends_check)
        row.addWidget(self.ends_edit, 1)
        for label, widget in ((self.tr("&Title"), self.title_edit),
                              (self.tr("&Where"), self.location_edit),
                              (self.tr("&Owner"), self.owner_box),
                              (self.tr("Allowed &uses"), self.uses_edit)):
            self.form.addRow(label, widget)
        self.form.addRow(self.tr("&End"), row)

    def restore(self, value: MaterialInput) -> None:
        self.title_edit.setText(value.title)
        self.location_edit.setText(value.location)
        _select(self.owner_box, value.owner_id)
        self.uses_edit.setText(value.allowed_uses)
        self.ends_check.setChecked(value.ends_on is not None)
        if value.ends_on:
            self.ends_edit.setDate(QDate(value.ends_on))

    def value(self) -> MaterialInput:
        return MaterialInput(self.title_edit.text(), self.location_edit.text(),
                             self.owner_box.currentData(), self.uses_edit.text(),
                             self.ends_edit.date().toPython() if self.ends_check.isChecked()
                             else None)


class AttachDialog(RowsForm):
    """A material attached to a board card, where the card's people find it."""

    def __init__(self, material: Material, cards: list[CardChoice],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Attach to a card"), parent)
        self.form.addRow(self.tr("Material"), plain_label(material.title))
        if material.flags:
            warning = plain_label(" ".join(material.flags))
            style_label(warning, Tone.WARNING)
            self.form.addRow("", warning)
        self.card_box = _combo(self.tr("Board card"), [(c.title, c.id) for c in cards])
        self.form.addRow(self.tr("&Card"), self.card_box)

    def restore(self, value: int) -> None:
        _select(self.card_box, value)

    def value(self) -> int:
        return self.card_box.currentData()


class LinkNameDialog(RowsForm):
    """A name in the coverage records confirmed as a contact on the media list."""

    def __init__(self, name: str, contacts: list[Contact], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Link a name to a contact"), parent)
        self.form.addRow(self.tr("Name in the results"), plain_label(name))
        self.form.addRow("", plain_label(self.tr(
            "Nobody on the media list has this name or handle. If it is one of them, choose "
            "them: the results will open their record from now on.")))
        self.contact_box = _combo(self.tr("Contact"), [
            (f"{c.name} · {c.outlet_name}" if c.outlet_name else c.name, c.id) for c in contacts])
        self.form.addRow(self.tr("&Contact"), self.contact_box)

    def restore(self, value: int) -> None:
        _select(self.contact_box, value)

    def value(self) -> int:
        return self.contact_box.currentData()


class IndustryEventDialog(RowsForm):
    """An industry event and its call for papers."""

    def __init__(self, team: list[Person], event: IndustryEvent | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit industry event") if event else
                         self.tr("New industry event"), parent)
        self.name_edit = _line(self.tr("Name"))
        self.starts_edit = _date_box(self.tr("First day"))
        self.ends_edit = _date_box(self.tr("Last day"))
        self.place_edit = _line(self.tr("Place"))
        self.audience_edit = _line(self.tr("Audience"))
        self.deadline_check = QCheckBox(self.tr("closes on"))
        self.deadline_check.setAccessibleName(self.tr("Has a submission deadline"))
        self.deadline_check.setChecked(True)
        self.deadline_edit = _date_box(self.tr("Submission deadline"))
        row = QHBoxLayout()
        row.addWidget(self.deadline_check)
        row.addWidget(self.deadline_edit, 1)
        self.link_edit = _line(self.tr("Link"))
        self.owner_box = _combo(self.tr("Owner"), [(p.name, p.id) for p in team])
        for label, widget in ((self.tr("&Name"), self.name_edit),
                              (self.tr("&First day"), self.starts_edit),
                              (self.tr("&Last day"), self.ends_edit),
                              (self.tr("&Place"), self.place_edit),
                              (self.tr("&Audience"), self.audience_edit)):
            self.form.addRow(label, widget)
        self.form.addRow(self.tr("Call for &papers"), row)
        self.form.addRow(self.tr("Lin&k"), self.link_edit)
        self.form.addRow(self.tr("&Owner"), self.owner_box)
        if event is not None:
            self.restore(event.as_input())

    def restore(self, value: EventInput) -> None:
        self.name_edit.setText(value.name)
        self.starts_edit.setDate(QDate(value.starts_on))
        self.ends_edit.setDate(QDate(value.ends_on))
        self.place_edit.setText(value.place)
        self.audience_edit.setText(value.audience)
        self.deadline_check.setChecked(value.submission_deadline is not None)
        if value.submission_deadline:
            self.deadline_edit.setDate(QDate(value.submission_deadline))
        self.link_edit.setText(value.link)
        _select(self.owner_box, value.owner_id)

    def value(self) -> EventInput:
        return EventInput(self.name_edit.text(), self.starts_edit.date().toPython(),
                          self.ends_edit.date().toPython(), self.place_edit.text(),
                          self.audience_edit.text(),
                          self.deadline_edit.date().toPython()
                          if self.deadline_check.isChecked() else None,
                          self.link_edit.text(), self.owner_box.currentData())


class SubmissionDialog(RowsForm):
    """A talk for an event: a speaker of the team, and optionally someone of a customer
    (who needs the rep's approval as event speaker)."""

    def __init__(self, events: list[IndustryEvent], team: list[Person], customers: list[Customer],
                 talk: SubmissionInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit talk") if talk else self.tr("New talk"), parent)
        self._owner_id = talk.owner_id if talk else None
        self.event_box = _combo(self.tr("Event"), [(e.name, e.id) for e in events])
        self.title_edit = _line(self.tr("Talk title"))
        self.abstract_edit = _text_box(self.tr("Abstract"), 80)
        self.speaker_box = _combo(self.tr("Speaker of the team"), [(self.tr("(none)"), None)]
                                  + [(p.name, p.id) for p in team])
        self.customer_box = _combo(self.tr("Customer on stage"), [(self.tr("(none)"), None)]
                                   + [(c.name, c.id) for c in customers])
        self.customer_speaker_edit = _line(self.tr("Customer's speaker"))
        self.customer_speaker_edit.setPlaceholderText(self.tr("Name and role, e.g. the CIO"))
        self.time_check = QCheckBox(self.tr("talk at"))
        self.time_check.setAccessibleName(self.tr("The talk has a time"))
        self.time_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.time_edit.setDisplayFormat(DATE_FORMAT + " HH:mm")
        self.time_edit.setAccessibleName(self.tr("Time of the talk"))
        row = QHBoxLayout()
        row.addWidget(self.time_check)
        row.addWidget(self.time_edit, 1)
        for label, widget in ((self.tr("&Event"), self.event_box),
                              (self.tr("&Title"), self.title_edit),
                              (self.tr("A&bstract"), self.abstract_edit),
                              (self.tr("&Speaker"), self.speaker_box),
                              (self.tr("&Customer"), self.customer_box),
                              (self.tr("Customer's spea&ker"), self.customer_speaker_edit)):
            self.form.addRow(label, widget)
        self.form.addRow(self.tr("T&ime"), row)
        if talk is not None:
            self.restore(talk)

    def restore(self, value: SubmissionInput) -> None:
        _select(self.event_box, value.event_id)
        self.title_edit.setText(value.title)
        self.abstract_edit.setPlainText(value.abstract)
        for speaker in value.speakers:
            if speaker.person_id is not None:
                _select(self.speaker_box, speaker.person_id)
            else:
                _select(self.customer_box, speaker.customer_id)
                self.customer_speaker_edit.setText(speaker.name)
        self.time_check.setChecked(value.talk_at is not None)
        if value.talk_at is not None:
            self.time_edit.setDateTime(QDateTime(value.talk_at))

    def value(self) -> SubmissionInput:
        speakers = []
        if self.speaker_box.currentData() is not None:
            speakers.append(SpeakerInput(person_id=self.speaker_box.currentData()))
        if self.customer_box.currentData() is not None:
            speakers.append(SpeakerInput(customer_id=self.customer_box.currentData(),
                                         name=self.customer_speaker_edit.text()))
        talk_at = self.time_edit.dateTime().toPython().replace(second=0, microsecond=0) \
            if self.time_check.isChecked() else None
        return SubmissionInput(self.event_box.currentData(), self.title_edit.text(),
                               self.abstract_edit.toPlainText(), tuple(speakers),
                               self._owner_id, talk_at)

