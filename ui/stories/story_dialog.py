"""The forms of the Customer stories page: a request, the rep's decision, a contact with a
customer, a placement, a customer.

Each is a ``ui.shell.form_dialog.FormDialog``: Save hands what was typed to its saver, and
a refusal is shown inside the form, which stays open with everything still typed in it.
``restore()`` puts typing back into a new form, for a save refused after its form had
closed (``ui.shell.form_save``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from db.enums import StoryKind
from desktop.people import Person
from desktop.stories import (
    APPROVED_ONWARDS,
    WEAR_OUT_FROM,
    CommunicationInput,
    Customer,
    CustomerInput,
    PlacementInput,
    RequestInput,
    StoryRequest,
)
from ui.shell.enum_choice import chosen
from ui.shell.form_dialog import RowsForm
from ui.shell.labels import DATE_FORMAT, date_text
from ui.shell.palette import Tone, style_label
from ui.stories.story_labels import CHANNELS, STORY_KIND_LABELS


def plain_label(text: str = "") -> QLabel:
    """A label for people's own words: never read as rich text, so markup shows as typed."""
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    return label


def _text_box(accessible_name: str, height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _date_box(accessible_name: str, day: date | None = None) -> QDateEdit:
    box = QDateEdit(QDate(day) if day else QDate.currentDate())
    box.setCalendarPopup(True)
    box.setDisplayFormat(DATE_FORMAT)
    box.setAccessibleName(accessible_name)
    return box


class RequestDialog(RowsForm):
    """PR's request: what PR wants to do, and how it serves the customer and the company."""

    def __init__(self, customers: Sequence[Customer], request: StoryRequest | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit story request") if request else
                         self.tr("New story request"), parent)
        self._request = request
        self._customers = {c.id: c for c in customers}
        self.customer_box = QComboBox()
        self.customer_box.setAccessibleName(self.tr("Customer"))
        for customer in customers:
            self.customer_box.addItem(
                self.tr("{0} (rep: {1})").format(customer.name, customer.rep_name), customer.id)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("Kind"))
        for kind in StoryKind:
            self.kind_box.addItem(STORY_KIND_LABELS[kind], kind)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.what_edit = _text_box(self.tr("What PR wants to do"), 80)
        self.what_edit.setPlaceholderText(self.tr("Exactly what you will ask the customer for, "
                                                  "and where it will appear"))
        self.customer_benefit_edit = _text_box(self.tr("How the customer benefits"))
        self.company_benefit_edit = _text_box(self.tr("How the company benefits"))
        self.warning_label = plain_label()
        self.warning_label.setAccessibleName(self.tr("Warning"))
        style_label(self.warning_label, Tone.WARNING)
        self.warning_label.hide()
        self.form.addRow(self.tr("&Customer"), self.customer_box)
        self.form.addRow("", self.warning_label)
        self.form.addRow(self.tr("&Kind"), self.kind_box)
        self.form.addRow(self.tr("&Title"), self.title_edit)
        self.form.addRow(self.tr("&What PR wants"), self.what_edit)
        self.form.addRow(self.tr("Benefit to the c&ustomer"), self.customer_benefit_edit)
        self.form.addRow(self.tr("Benefit to the c&ompany"), self.company_benefit_edit)
        self.customer_box.currentIndexChanged.connect(self._on_customer_box_changed)
        if request:
            self._load(request)
        self._on_customer_box_changed()
        self.resize(560, self.sizeHint().height())

    def _load(self, request: StoryRequest) -> None:
        self.customer_box.setCurrentIndex(max(0, self.customer_box.findData(request.customer_id)))
        self.kind_box.setCurrentIndex(self.kind_box.findData(request.kind))
        self.title_edit.setText(request.title)
        self.what_edit.setPlainText(request.what_pr_wants)
        self.customer_benefit_edit.setPlainText(request.benefit_to_customer)
        self.company_benefit_edit.setPlainText(request.benefit_to_company)

    def select_customer(self, customer_id: int) -> None:
        self.customer_box.setCurrentIndex(max(0, self.customer_box.findData(customer_id)))

    def restore(self, value: RequestInput) -> None:
        if value.customer_id is not None:
            self.select_customer(value.customer_id)
        self.kind_box.setCurrentIndex(self.kind_box.findData(value.kind))
        self.title_edit.setText(value.title)
        self.what_edit.setPlainText(value.what_pr_wants)
        self.customer_benefit_edit.setPlainText(value.benefit_to_customer)
        self.company_benefit_edit.setPlainText(value.benefit_to_company)

    def _on_customer_box_changed(self) -> None:
        """Warn from the fifth request in twelve months: asking too often wears it out."""
        customer = self._customers.get(self.customer_box.currentData())
        if customer is None:
            self.warning_label.hide()
            return
        already_counted = self._request is not None and self._request.customer_id == customer.id
        number = customer.recent_requests + (0 if already_counted else 1)
        self.warning_label.setText(self.tr(
            "This is request number {0} for {1} in twelve months. Asking a customer too often "
            "wears the relationship out; talk to {2} first.").format(
            number, customer.name, customer.rep_name))
        self.warning_label.setVisible(number >= WEAR_OUT_FROM)

    def value(self) -> RequestInput:
        return RequestInput(
            self.customer_box.currentData(), chosen(self.kind_box, StoryKind),
            self.title_edit.text(), self.what_edit.toPlainText(),
            self.customer_benefit_edit.toPlainText(), self.company_benefit_edit.toPlainText(),
            self._request.card_id if self._request else None)


class DecisionDialog(RowsForm):
    """The rep's decision: approve (optionally for some uses and until a date) or decline."""

    def __init__(self, request: StoryRequest, approving: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Approve the request") if approving else
                         self.tr("Decline the request"), parent)
        self.approving = approving
        self.form.addRow(self.tr("Request"), plain_label(request.title))
        self.form.addRow(self.tr("Customer"), plain_label(request.customer_name))
        self.form.addRow(self.tr("What PR wants"), plain_label(request.what_pr_wants))
        self.use_checks: dict[StoryKind, QCheckBox] = {}
        self.ends_check = QCheckBox(self.tr("ends on"))
        self.ends_check.setAccessibleName(self.tr("The approval ends"))
        self.ends_edit = _date_box(self.tr("End of the approval"), request.approval_ends_on
                                   or date.today() + timedelta(days=365))
        self.ends_edit.setMinimumDate(QDate.currentDate())
        if approving:
            self._add_limits(request)
        self.note_edit = _text_box(self.tr("Note to PR"))
        self.note_edit.setPlaceholderText(
            self.tr("Conditions, or who to talk to at the customer") if approving
            else self.tr("Why not, and when PR may ask again"))
        self.form.addRow(self.tr("&Note") if approving else self.tr("&Why not"), self.note_edit)
        self.note_edit.setPlainText(request.decision_note if approving else "")

    def _add_limits(self, request: StoryRequest) -> None:
        uses = QWidget()
        row = QHBoxLayout(uses)
        row.setContentsMargins(0, 0, 0, 0)
        chosen = request.allowed_uses or {request.kind}
        for kind in StoryKind:
            check = QCheckBox(STORY_KIND_LABELS[kind])
            check.setAccessibleName(self.tr("May be used as {0}").format(STORY_KIND_LABELS[kind]))
            check.setChecked(kind in chosen)
            self.use_checks[kind] = check
            row.addWidget(check)
        self.form.addRow(self.tr("May be used as"), uses)
        ends = QWidget()
        ends_row = QHBoxLayout(ends)
        ends_row.setContentsMargins(0, 0, 0, 0)
        ends_row.addWidget(self.ends_check)
        ends_row.addWidget(self.ends_edit)
        ends_row.addStretch(1)
        self.ends_check.setChecked(request.approval_ends_on is not None)
        self.ends_edit.setEnabled(self.ends_check.isChecked())
        self.ends_check.toggled.connect(self.ends_edit.setEnabled)
        self.form.addRow(self.tr("Approval"), ends)

    def value(self) -> tuple[str, frozenset[StoryKind], date | None]:
        uses = frozenset(kind for kind, check in self.use_checks.items() if check.isChecked())
        ends_on = (self.ends_edit.date().toPython()
                   if self.approving and self.ends_check.isChecked() else None)
        return self.note_edit.toPlainText(), uses, ends_on

    def restore(self, value: tuple[str, frozenset[StoryKind], date | None]) -> None:
        note, uses, ends_on = value
        self.note_edit.setPlainText(note)
        for kind, check in self.use_checks.items():
            check.setChecked(kind in uses)
        if self.approving:
            self.ends_check.setChecked(ends_on is not None)
            if ends_on is not None:
                self.ends_edit.setDate(QDate(ends_on))


class CommunicationDialog(RowsForm):
    """A contact with a customer; without the rep, the reason is asked for and kept."""

    def __init__(self, customers: Sequence[Customer], requests: Sequence[StoryRequest],
                 customer_id: int | None = None, request_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Log a contact with a customer"), parent)
        self._customers = {c.id: c for c in customers}
        self._requests = [r for r in requests if r.status in APPROVED_ONWARDS]
        self.customer_box = QComboBox()
        self.customer_box.setAccessibleName(self.tr("Customer"))
        for customer in customers:
            self.customer_box.addItem(customer.name, customer.id)
        self.request_box = QComboBox()
        self.request_box.setAccessibleName(self.tr("About the request"))
        self.date_edit = _date_box(self.tr("Date"))
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.channel_box = QComboBox()
        self.channel_box.setEditable(True)
        self.channel_box.setAccessibleName(self.tr("Channel"))
        self.channel_box.addItems(list(CHANNELS))
        self.summary_edit = _text_box(self.tr("Summary"), 80)
        self.rep_check = QCheckBox()
        self.rep_check.setChecked(True)
        self.reason_edit = _text_box(self.tr("Why the rep was not included"), 50)
        self.reason_edit.setPlaceholderText(self.tr("Why the rep was not included (kept with "
                                                    "the log)"))
        self.form.addRow(self.tr("&Customer"), self.customer_box)
        self.form.addRow(self.tr("&About"), self.request_box)
        self.form.addRow(self.tr("&Date"), self.date_edit)
        self.form.addRow(self.tr("C&hannel"), self.channel_box)
        self.form.addRow(self.tr("&Summary"), self.summary_edit)
        self.form.addRow("", self.rep_check)
        self.form.addRow(self.tr("&Reason"), self.reason_edit)
        self.customer_box.currentIndexChanged.connect(self._on_customer_box_changed)
        self.rep_check.toggled.connect(self._on_rep_check_toggled)
        if customer_id is not None:
            self.customer_box.setCurrentIndex(max(0, self.customer_box.findData(customer_id)))
        self._on_customer_box_changed()
        if request_id is not None:
            self.request_box.setCurrentIndex(max(0, self.request_box.findData(request_id)))
        self._on_rep_check_toggled(True)
        self.resize(520, self.sizeHint().height())

    def _on_customer_box_changed(self) -> None:
        customer = self._customers.get(self.customer_box.currentData())
        rep = customer.rep_name if customer else self.tr("the rep")
        self.rep_check.setText(self.tr("{0} (the rep) was included").format(rep))
        self.rep_check.setAccessibleName(self.rep_check.text())
        self.request_box.clear()
        self.request_box.addItem(self.tr("(no particular request)"), None)
        for request in self._requests:
            if customer is not None and request.customer_id == customer.id:
                self.request_box.addItem(request.title, request.id)

    def _on_rep_check_toggled(self, included: bool) -> None:
        self.reason_edit.setEnabled(not included)

    def value(self) -> CommunicationInput:
        return CommunicationInput(
            self.customer_box.currentData(), self.date_edit.date().toPython(),
            self.channel_box.currentText(), self.summary_edit.toPlainText(),
            self.rep_check.isChecked(), self.reason_edit.toPlainText(),
            self.request_box.currentData())

    def restore(self, value: CommunicationInput) -> None:
        self.customer_box.setCurrentIndex(max(0, self.customer_box.findData(value.customer_id)))
        self.request_box.setCurrentIndex(max(0, self.request_box.findData(value.request_id)))
        if value.occurred_on is not None:
            self.date_edit.setDate(QDate(value.occurred_on))
        self.channel_box.setCurrentText(value.channel)
        self.summary_edit.setPlainText(value.summary)
        self.rep_check.setChecked(value.rep_included)
        self.reason_edit.setPlainText(value.without_rep_reason)


class PlacementDialog(RowsForm):
    """Where a story appeared; it counts in the results."""

    def __init__(self, request: StoryRequest, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record a placement"), parent)
        self.outlet_edit = QLineEdit()
        self.outlet_edit.setAccessibleName(self.tr("Outlet or event"))
        self.outlet_edit.setPlaceholderText(self.tr("e.g. a trade magazine, a conference"))
        self.date_edit = _date_box(self.tr("Date"))
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("Link"))
        self.url_edit.setPlaceholderText("https://")
        self.form.addRow(self.tr("Request"), plain_label(request.title))
        if request.approval_ends_on:
            self.form.addRow(self.tr("Approved until"),
                             plain_label(date_text(request.approval_ends_on)))
        self.form.addRow(self.tr("&Outlet or event"), self.outlet_edit)
        self.form.addRow(self.tr("&Date"), self.date_edit)
        self.form.addRow(self.tr("&Link"), self.url_edit)
        self.resize(480, self.sizeHint().height())

    def value(self) -> PlacementInput:
        return PlacementInput(self.outlet_edit.text(), self.date_edit.date().toPython(),
                              self.url_edit.text())

    def restore(self, value: PlacementInput) -> None:
        self.outlet_edit.setText(value.outlet)
        if value.placed_on is not None:
            self.date_edit.setDate(QDate(value.placed_on))
        self.url_edit.setText(value.url)


class CustomerDialog(RowsForm):
    def __init__(self, reps: Sequence[Person], customer: Customer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit customer") if customer else self.tr("New customer"), parent)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.industry_edit = QLineEdit()
        self.industry_edit.setAccessibleName(self.tr("Industry"))
        self.rep_box = QComboBox()
        self.rep_box.setAccessibleName(self.tr("Owning rep"))
        self.rep_box.addItem(self.tr("(choose the rep)"), None)
        for rep in reps:
            self.rep_box.addItem(rep.name, rep.id)
        self.notes_edit = _text_box(self.tr("Notes"))
        self.form.addRow(self.tr("&Name"), self.name_edit)
        self.form.addRow(self.tr("&Industry"), self.industry_edit)
        self.form.addRow(self.tr("Owning &rep"), self.rep_box)
        self.form.addRow(self.tr("N&otes"), self.notes_edit)
        if customer:
            self.name_edit.setText(customer.name)
            self.industry_edit.setText(customer.industry)
            index = self.rep_box.findData(customer.rep_id)
            if index < 0:  # a former rep still owns it until someone hands it over
                self.rep_box.addItem(customer.rep_name, customer.rep_id)
                index = self.rep_box.count() - 1
            self.rep_box.setCurrentIndex(index)
            self.notes_edit.setPlainText(customer.notes)
        self.resize(440, self.sizeHint().height())

    def value(self) -> CustomerInput:
        return CustomerInput(self.name_edit.text(), self.rep_box.currentData(),
                             self.industry_edit.text(), self.notes_edit.toPlainText())

    def restore(self, value: CustomerInput) -> None:
        self.name_edit.setText(value.name)
        self.industry_edit.setText(value.industry)
        self.rep_box.setCurrentIndex(max(0, self.rep_box.findData(value.rep_id)))
        self.notes_edit.setPlainText(value.notes)
