"""The forms of the Signals page: a reason, an opportunity, the account a signal is about."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from db.enums import IdentifierKind, Urgency
from desktop.listening.accounts import Account
from desktop.listening.rules import INTENT_TEXT, PreviewLine, Rule, RuleInput
from desktop.people import Person
from ui.shell.form_dialog import RowsForm


class ReasonDialog(RowsForm):
    """Why: a signal set aside, handed on, or a note for the others."""

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(label)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(70)
        self.form.addRow(label, self.reason_edit)
        self.resize(460, self.sizeHint().height())

    def value(self) -> str:
        return self.reason_edit.toPlainText()

    def restore(self, value: str) -> None:
        self.reason_edit.setPlainText(value)


@dataclass(frozen=True)
class OpportunityInput:
    reference: str
    amount: float
    stage: str


class OpportunityDialog(RowsForm):
    """The opportunity a signal led to: the CRM's reference, its amount, its stage."""

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Close with an opportunity"), parent)
        self.reference_edit = QLineEdit()
        self.reference_edit.setAccessibleName(self.tr("CRM reference"))
        self.amount_box = QDoubleSpinBox()
        self.amount_box.setAccessibleName(self.tr("Amount"))
        self.amount_box.setRange(0, 1e12)
        self.amount_box.setDecimals(0)
        self.amount_box.setGroupSeparatorShown(True)
        if currency:
            self.amount_box.setSuffix(f" {currency}")
        self.stage_edit = QLineEdit("open")
        self.stage_edit.setAccessibleName(self.tr("Stage"))
        self.form.addRow(self.tr("&Reference"), self.reference_edit)
        self.form.addRow(self.tr("&Amount"), self.amount_box)
        self.form.addRow(self.tr("&Stage"), self.stage_edit)
        self.resize(420, self.sizeHint().height())

    def value(self) -> OpportunityInput:
        return OpportunityInput(self.reference_edit.text(), self.amount_box.value(),
                                self.stage_edit.text())

    def restore(self, value: OpportunityInput) -> None:
        self.reference_edit.setText(value.reference)
        self.amount_box.setValue(value.amount)
        self.stage_edit.setText(value.stage)


@dataclass(frozen=True)
class MatchInput:
    customer_id: int | None
    learn: tuple[IdentifierKind, str, str] | None


class ConfirmMatchDialog(RowsForm):
    """PR says which account a signal in triage is about; ticking "remember" adds the
    identifier the mention used, so the next one goes straight to the rep."""

    def __init__(self, accounts: Sequence[Account], proposed: int | None,
                 identifier: tuple[IdentifierKind, str, str] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Confirm the account"), parent)
        self._identifier = identifier
        self.account_box = QComboBox()
        self.account_box.setAccessibleName(self.tr("Account"))
        for account in accounts:
            self.account_box.addItem(self.tr("{0} (rep: {1})").format(account.name,
                                                                      account.rep_name),
                                     account.id)
        if proposed is not None:
            self.account_box.setCurrentIndex(max(0, self.account_box.findData(proposed)))
        self.learn_check = QCheckBox()
        if identifier is not None:
            kind, platform, value = identifier
            shown = f"@{value} on {platform}" if kind == IdentifierKind.HANDLE else value
            self.learn_check.setText(self.tr("Remember {0} for this account").format(shown))
            self.learn_check.setChecked(True)
        else:
            self.learn_check.setText(self.tr("(the mention names no identifier to remember)"))
            self.learn_check.setEnabled(False)
        self.learn_check.setAccessibleName(self.learn_check.text())
        self.form.addRow(self.tr("&Account"), self.account_box)
        self.form.addRow("", self.learn_check)
        self.resize(460, self.sizeHint().height())

    def value(self) -> MatchInput:
        learn = self._identifier if self.learn_check.isChecked() else None
        return MatchInput(self.account_box.currentData(), learn)

    def restore(self, value: MatchInput) -> None:
        self.account_box.setCurrentIndex(max(0, self.account_box.findData(value.customer_id)))
        self.learn_check.setChecked(value.learn is not None)


@dataclass(frozen=True)
class IdentifierInput:
    kind: IdentifierKind
    platform: str
    value: str


IDENTIFIER_KINDS = ((IdentifierKind.DOMAIN, "Web domain"), (IdentifierKind.HANDLE, "Handle"),
                    (IdentifierKind.ALIAS, "Alias (a name it goes by)"),
                    (IdentifierKind.CONTACT, "A contact's email address"))


class IdentifierDialog(RowsForm):
    """A way mentions name the account: stored normalised (acme.com, @acme on x ...)."""

    def __init__(self, account_name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add an identifier of {0}").format(account_name), parent)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("Kind"))
        for kind, label in IDENTIFIER_KINDS:
            self.kind_box.addItem(self.tr(label), kind)
        self.platform_box = QComboBox()
        self.platform_box.setEditable(True)
        self.platform_box.setAccessibleName(self.tr("Platform"))
        self.platform_box.addItems(["X", "LinkedIn", "Instagram", "Facebook", "YouTube",
                                    "TikTok", "Reddit", "Bluesky"])
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName(self.tr("Identifier"))
        self.form.addRow(self.tr("&Kind"), self.kind_box)
        self.form.addRow(self.tr("&Platform"), self.platform_box)
        self.form.addRow(self.tr("&Identifier"), self.value_edit)
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        self.resize(440, self.sizeHint().height())

    def _on_kind_changed(self) -> None:
        self.platform_box.setEnabled(self.kind_box.currentData() == IdentifierKind.HANDLE)

    def value(self) -> IdentifierInput:
        kind = self.kind_box.currentData()
        platform = self.platform_box.currentText() if kind == IdentifierKind.HANDLE else ""
        return IdentifierInput(kind, platform, self.value_edit.text())

    def restore(self, value: IdentifierInput) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(value.kind)))
        self.platform_box.setCurrentText(value.platform)
        self.value_edit.setText(value.value)


class RuleDialog(RowsForm):
    """An intent rule: what to look for, near what, except what; and the preview of what it
    fires on in the last import, asked for with Preview (``preview(rule, show)`` reads it
    in the background and hands the lines, or why not, to ``show``)."""

    def __init__(self, preview: Callable[[RuleInput, Callable[[object], None]], None],
                 parent: QWidget | None = None,
                 rule: Rule | None = None) -> None:
        super().__init__(self.tr("Edit the rule") if rule else self.tr("New intent rule"),
                         parent)
        self._preview = preview
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.intent_box = QComboBox()
        self.intent_box.setAccessibleName(self.tr("Intent"))
        for intent, words in INTENT_TEXT.items():
            self.intent_box.addItem(words.capitalize(), intent)
        self.urgency_box = QComboBox()
        self.urgency_box.setAccessibleName(self.tr("Urgency"))
        for urgency in Urgency:
            self.urgency_box.addItem(urgency.value.capitalize(), urgency)
        self.weight_box = QDoubleSpinBox()
        self.weight_box.setAccessibleName(self.tr("Weight"))
        self.weight_box.setRange(0.1, 10)
        self.weight_box.setSingleStep(0.5)
        self.weight_box.setValue(1.0)
        self.stage_edit = QLineEdit()
        self.stage_edit.setAccessibleName(self.tr("Stage"))
        self.phrases_edit = self._lines(self.tr("Phrases, one a line"))
        self.near_edit = self._lines(self.tr("Near terms, one a line ({us}, {category}, "
                                             "{competitors} allowed)"))
        self.within_box = QSpinBox()
        self.within_box.setAccessibleName(self.tr("Within how many words"))
        self.within_box.setRange(0, 50)
        self.exclusions_edit = self._lines(self.tr("Exclusions, one a line"))
        self.active_check = QCheckBox(self.tr("Active"))
        self.active_check.setChecked(True)
        self.active_check.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)  # its words
        self.preview_button = QPushButton(self.tr("&Preview on the last import"))
        self.preview_button.clicked.connect(self._on_preview)
        self.preview_view = QPlainTextEdit()
        self.preview_view.setAccessibleName(self.tr("What the rule fires on"))
        self.preview_view.setReadOnly(True)
        self.preview_view.setFixedHeight(90)
        self.form.addRow(self.tr("&Name"), self.name_edit)
        self.form.addRow(self.tr("&Intent"), self.intent_box)
        self.form.addRow(self.tr("&Urgency"), self.urgency_box)
        self.form.addRow(self.tr("&Weight"), self.weight_box)
        self.form.addRow(self.tr("S&tage"), self.stage_edit)
        self.form.addRow(self.tr("&Phrases"), self.phrases_edit)
        self.form.addRow(self.tr("N&ear"), self.near_edit)
        self.form.addRow(self.tr("Wit&hin (words)"), self.within_box)
        self.form.addRow(self.tr("E&xclusions"), self.exclusions_edit)
        self.form.addRow("", self.active_check)
        self.form.addRow(self.preview_button)
        self.form.addRow(self.preview_view)
        if rule is not None:
            self.restore(rule.as_input())
        self.resize(520, self.sizeHint().height())

    @staticmethod
    def _lines(name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setAccessibleName(name)
        box.setPlaceholderText(name)
        box.setTabChangesFocus(True)
        box.setFixedHeight(54)
        return box

    def value(self) -> RuleInput:
        def lines(box: QPlainTextEdit) -> tuple[str, ...]:
            return tuple(box.toPlainText().splitlines())
        return RuleInput(self.name_edit.text(), lines(self.phrases_edit),
                         self.intent_box.currentData(), self.urgency_box.currentData(),
                         self.weight_box.value(), self.stage_edit.text(), lines(self.near_edit),
                         self.within_box.value(), lines(self.exclusions_edit),
                         self.active_check.isChecked())

    def restore(self, value: RuleInput) -> None:
        self.name_edit.setText(value.name)
        self.intent_box.setCurrentIndex(max(0, self.intent_box.findData(value.intent)))
        self.urgency_box.setCurrentIndex(max(0, self.urgency_box.findData(value.urgency)))
        self.weight_box.setValue(value.weight)
        self.stage_edit.setText(value.stage)
        self.phrases_edit.setPlainText("\n".join(value.phrases))
        self.near_edit.setPlainText("\n".join(value.near_terms))
        self.within_box.setValue(value.near_within)
        self.exclusions_edit.setPlainText("\n".join(value.exclusions))
        self.active_check.setChecked(value.active)

    def _on_preview(self) -> None:
        self.preview_view.setPlainText(self.tr("Looking through the last import…"))
        self._preview(self.value(), self.show_preview)

    def show_preview(self, lines: Sequence[PreviewLine] | str) -> None:
        """What the rule fires on, or why it cannot be previewed."""
        if isinstance(lines, str):
            self.preview_view.setPlainText(lines)
        elif not lines:
            self.preview_view.setPlainText(self.tr("It fires on no mention of the last "
                                                   "import."))
        else:
            self.preview_view.setPlainText("\n".join(
                [self.tr("It fires on {0} of the last import:").format(len(lines))]
                + [f"{line.author}: {line.quote}" for line in lines]))


@dataclass(frozen=True)
class HandOverInput:
    rep_id: int | None
    reason: str


class HandOverDialog(RowsForm):
    """A signal handed to another sales rep, with the reason, which is kept in its notes."""

    def __init__(self, reps: Sequence[Person], current: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hand the signal to another rep"), parent)
        self.rep_box = QComboBox()
        self.rep_box.setAccessibleName(self.tr("Sales rep"))
        for rep in reps:
            if rep.id != current:
                self.rep_box.addItem(rep.name, rep.id)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Why"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(60)
        self.form.addRow(self.tr("&Rep"), self.rep_box)
        self.form.addRow(self.tr("&Why"), self.reason_edit)
        self.resize(440, self.sizeHint().height())

    def value(self) -> HandOverInput:
        return HandOverInput(self.rep_box.currentData(), self.reason_edit.toPlainText())

    def restore(self, value: HandOverInput) -> None:
        self.rep_box.setCurrentIndex(max(0, self.rep_box.findData(value.rep_id)))
        self.reason_edit.setPlainText(value.reason)
