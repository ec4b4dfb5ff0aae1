"""The table of signals: urgency, account, intent, step, when it is due; a breach in red."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.listening.accounts import Account
from desktop.listening.rules import INTENT_TEXT, Rule
from desktop.listening.signals import SignalView
from ui.shell.labels import date_time_text
from ui.shell.palette import Tone, tone
from ui.shell.table_model import RowsTableModel

URGENCY_LABELS = {"hot": "Hot", "warm": "Warm", "cool": "Cool"}


def _due(view: SignalView) -> str:
    """The next deadline of the step the signal waits for, in this computer's time."""
    from datetime import UTC

    moment = view.acknowledge_by if view.acknowledged_at is None else (
        view.contact_by if view.contacted_at is None else None)
    if moment is None or view.status.value not in ("routed", "acknowledged"):
        return ""
    return date_time_text(moment.replace(tzinfo=UTC).astimezone())


class SignalTableModel(RowsTableModel):
    COLUMNS = ("Urgency", "Account", "Intent", "Step", "Due", "Seen")

    def cell(self, row: SignalView, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            return (URGENCY_LABELS[row.urgency.value],
                    row.account_name or self.tr("(no account yet)"),
                    row.intent_text.capitalize(),
                    row.status_text.capitalize() + (self.tr(" · overdue") if row.overdue
                                                    and row.status.value in
                                                    ("routed", "acknowledged") else ""),
                    _due(row), row.last_seen_at.strftime("%Y-%m-%d"))[column]
        if role == Qt.ForegroundRole and row.overdue and column in (3, 4):
            return tone(Tone.ERROR)
        if role == Qt.ForegroundRole and column == 0 and row.urgency.value == "hot":
            return tone(Tone.WARNING)
        if role == Qt.ToolTipRole:
            return f"{row.rule_name}\n{row.explanation}" if column in (1, 2) else None
        return None

    def index_of(self, signal_id: int) -> int:
        return self.find_row(lambda view: view.id == signal_id)


class AccountTableModel(RowsTableModel):
    """The accounts as listening recognises them: their kind, rep and identifiers."""

    COLUMNS = ("Account", "Kind", "Rep", "Identifiers")

    def cell(self, row: Account, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            kind = row.kind.value + (", not routed" if row.do_not_route else "")
            return (row.name, kind, row.rep_name,
                    ", ".join(i.text for i in row.identifiers) or "–")[column]
        if role == Qt.ToolTipRole and column == 3:
            return "\n".join(i.text for i in row.identifiers)
        return None

    def index_of(self, customer_id: int) -> int:
        return self.find_row(lambda account: account.id == customer_id)


class RuleTableModel(RowsTableModel):
    """The team's intent rules."""

    COLUMNS = ("Rule", "Intent", "Urgency", "Weight", "Phrases")

    def cell(self, row: Rule, column: int, role: int) -> object:
        if role == Qt.DisplayRole:
            name = row.name if row.active else self.tr("{0} (off)").format(row.name)
            return (name, INTENT_TEXT[row.intent].capitalize(), row.urgency.value.capitalize(),
                    f"{row.weight:g}", ", ".join(row.phrases))[column]
        return None

    def index_of(self, rule_id: int) -> int:
        return self.find_row(lambda rule: rule.id == rule_id)
