"""The Signals page: buying signals from social listening, in the queue of the account's rep.

A sales rep opens on "My signals", overdue and hot first; PR on the triage, where a
signal whose account is not certain waits for a person to confirm it. Each signal
shows its quote and link, the rule that fired, the identifier that matched and why,
and the account's context (open story requests, last contacts, asks in the last
twelve months). The step buttons follow the workflow's rules: only the signal's rep
acknowledges, logs the contact (in the contact log, with the rep included) and
closes. Everything is read and saved through the page base, in the background.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.enums import Department, SignalStatus
from desktop import people, stories
from desktop.importing import ImportProblemsError
from desktop.listening import accounts, retention, rules, signals, workflow
from desktop.listening.crm_import import CrmImportResult, import_opportunities
from desktop.listening.mention_import import MentionImportResult, import_mentions
from desktop.listening.rules import RuleInput
from desktop.listening.signals import CLOSED, SignalMention, SignalView
from desktop.numbers import counted
from desktop.team_file import UnitOfWork
from desktop.team_settings import team_currency
from ui.listening.signal_commands import (
    AddIdentifierCommand,
    CreateRuleCommand,
    EditRuleCommand,
    SignalStepCommand,
)
from ui.listening.signal_dialogs import (
    ConfirmMatchDialog,
    HandOverDialog,
    HandOverInput,
    IdentifierDialog,
    IdentifierInput,
    MatchInput,
    OpportunityDialog,
    OpportunityInput,
    ReasonDialog,
    RuleDialog,
)
from ui.listening.signal_models import AccountTableModel, RuleTableModel, SignalTableModel
from ui.shell import settings
from ui.shell.context import TeamContext
from ui.shell.form_save import EditSave, FormSave
from ui.shell.labels import date_time_text
from ui.shell.messages import ask, show_error, tell
from ui.shell.page import Page
from ui.shell.palette import Tone, tone_css
from ui.stories.story_commands import CreateRequestCommand
from ui.stories.story_dialog import CommunicationDialog

S = SignalStatus
MENTION_FILTER = "Exports (*.csv *.tsv *.txt *.xlsx);;All files (*)"
MINE, TRIAGE, OPEN, CLOSED_VIEW = "mine", "triage", "open", "closed"


@dataclass(frozen=True)
class Details:
    """What the right-hand side shows of one signal, loaded in the background."""

    signal: SignalView
    mentions: tuple[SignalMention, ...]
    context: signals.AccountContext | None


def _esc(text: object) -> str:
    return html.escape(str(text)).replace("\n", "<br>")


def _local(moment: datetime) -> str:
    """A naive UTC moment in this computer's time."""
    return date_time_text(moment.replace(tzinfo=UTC).astimezone())


def _load(uow: UnitOfWork, view: str, person_id: int) -> list[SignalView]:
    if view == MINE:
        return signals.my_signals(uow, person_id)
    if view == TRIAGE:
        return signals.triage(uow)
    if view == OPEN:
        return signals.list_signals(uow, (S.ROUTED, S.ACKNOWLEDGED, S.CONTACTED))
    return signals.list_signals(uow, CLOSED)


def _details(uow: UnitOfWork, signal_id: int) -> Details:
    view = signals.get_signal(uow, signal_id)
    context = signals.account_context(uow, view.customer_id) if view.customer_id else None
    return Details(view, tuple(signals.signal_mentions(uow, signal_id)), context)


class SignalsPage(Page):
    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(undo_stack, parent)
        self._shown: Details | None = None
        self._wanted: int | None = None
        self._build_actions()

        self.view_box = QComboBox()
        self.view_box.setAccessibleName(self.tr("Which signals"))
        for key, label in ((MINE, self.tr("My signals")), (TRIAGE, self.tr("Triage (PR)")),
                           (OPEN, self.tr("All open signals")),
                           (CLOSED_VIEW, self.tr("Closed signals"))):
            self.view_box.addItem(label, key)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Signals summary"))
        self.message_label = QLabel()
        self.message_label.setAccessibleName(self.tr("Last import"))
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.PlainText)

        self.model = SignalTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Signals"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(50)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)  # the account's name
        header.setStretchLastSection(False)
        for column, width in enumerate((60, 0, 125, 105, 115, 85)):
            if width:
                header.resizeSection(column, width)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Signal details"))
        self.details.setOpenLinks(False)  # links come from imported files: see open_link
        self.details.anchorClicked.connect(self.open_link)
        self.account_model = AccountTableModel(self)
        self.accounts_view = QTableView()
        self.accounts_view.setAccessibleName(self.tr("Accounts"))
        self.accounts_view.setModel(self.account_model)
        self.accounts_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.accounts_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.accounts_view.setWordWrap(False)
        self.accounts_view.verticalHeader().hide()
        accounts_header = self.accounts_view.horizontalHeader()
        accounts_header.setSectionResizeMode(QHeaderView.ResizeToContents)
        accounts_header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Signals or accounts"))
        self.tabs.addTab(self.table, self.tr("&Signals"))
        self.tabs.addTab(self.accounts_view, self.tr("A&ccounts"))
        self.rule_model = RuleTableModel(self)
        self.rules_view = QTableView()
        self.rules_view.setAccessibleName(self.tr("Intent rules"))
        self.rules_view.setModel(self.rule_model)
        self.rules_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rules_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.rules_view.setWordWrap(False)
        self.rules_view.verticalHeader().hide()
        rules_header = self.rules_view.horizontalHeader()
        rules_header.setSectionResizeMode(QHeaderView.ResizeToContents)
        rules_header.setSectionResizeMode(4, QHeaderView.Stretch)
        self.tabs.addTab(self.rules_view, self.tr("&Rules"))
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 420])

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.summary_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)
        self.message_label.hide()

        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.accounts_view.selectionModel().selectionChanged.connect(
            lambda *_args: self.update_actions())
        self.rules_view.selectionModel().selectionChanged.connect(
            lambda *_args: self.update_actions())
        self.rules_view.activated.connect(lambda _index: self.edit_rule())
        self.view_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.update_actions()

    # --- building ---------------------------------------------------------------
    def _build_actions(self) -> None:
        self.import_action = self.page_action(self.tr("&Import mentions…"), self.import_file)
        self.acknowledge_action = self.page_action(self.tr("&Acknowledge"), self.acknowledge)
        self.contact_action = self.page_action(self.tr("&Log contact…"), self.log_contact,
                                               "Ctrl+L")
        self.opportunity_action = self.page_action(self.tr("Close: &opportunity…"),
                                                   self.close_with_opportunity)
        self.no_opportunity_action = self.page_action(self.tr("Close: &no opportunity"),
                                                      self.close_without_opportunity)
        self.not_relevant_action = self.page_action(self.tr("No&t relevant…"),
                                                    self.not_relevant)
        self.confirm_action = self.page_action(self.tr("&Confirm account…"), self.confirm_match)
        self.note_action = self.page_action(self.tr("Add &note…"), self.add_note)
        self.story_action = self.page_action(self.tr("Story &request from this"),
                                             self.story_from_signal)
        self.forget_action = self.page_action(self.tr("&Forget an author…"), self.forget_author)
        self.purge_action = self.page_action(self.tr("&Purge old excerpts"), self.purge)
        self.identifier_action = self.page_action(self.tr("Add &identifier…"),
                                                  self.add_identifier)
        self.crm_action = self.page_action(self.tr("Import &opportunities…"),
                                           self.import_crm_file)
        self.hand_over_action = self.page_action(self.tr("&Hand to another rep…"),
                                                 self.hand_over)
        self.new_rule_action = self.page_action(self.tr("New r&ule…"), self.new_rule)
        self.edit_rule_action = self.page_action(self.tr("&Edit rule…"), self.edit_rule)

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setAccessibleName(self.tr("Signal actions"))
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        toolbar.addWidget(self.view_box)
        for action in (None, self.import_action, None, self.acknowledge_action,
                       self.contact_action, self.opportunity_action, self.no_opportunity_action,
                       None, self.confirm_action, self.not_relevant_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        more = QMenu(self.tr("More"), self)
        more.addActions([self.note_action, self.hand_over_action, self.story_action,
                         self.identifier_action,
                         self.crm_action, self.new_rule_action, self.edit_rule_action,
                         self.forget_action, self.purge_action])
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("&More"))
        self.more_button.setAccessibleName(self.tr("More signal actions"))
        self.more_button.setMenu(more)
        self.more_button.setPopupMode(QToolButton.InstantPopup)
        toolbar.addWidget(self.more_button)
        return toolbar

    # --- state ------------------------------------------------------------------
    @property
    def _person_id(self) -> int | None:
        return self.context.person.id if self.context else None

    def context_changed(self) -> None:
        """A rep starts on their queue, anyone else on the triage."""
        self._shown, self._wanted = None, None
        is_rep = self.context is not None and self.context.person.department == Department.SALES
        self.view_box.blockSignals(True)
        self.view_box.setCurrentIndex(self.view_box.findData(MINE if is_rep else TRIAGE))
        self.view_box.blockSignals(False)

    def set_context(self, context: TeamContext | None) -> None:
        """Another file or person; routed signals nobody acknowledged in 14 days expire."""
        super().set_context(context)
        if self.editable:
            self.write(lambda uow: workflow.expire_overdue(uow), label=self.tr(
                "Expiring signals nobody acknowledged"))

    def refresh(self) -> None:
        if self.context is None:
            self._show([])
            return
        view, person_id = self.view_box.currentData(), self.context.person.id
        self.read(lambda uow: _load(uow, view, person_id), self._show,
                  label=self.tr("Loading the signals"))
        self.read(accounts.list_accounts, self._show_accounts, key="accounts",
                  label=self.tr("Loading the accounts"))
        self.read(rules.list_rules, self._show_rules, key="rules",
                  label=self.tr("Loading the rules"))

    def _show_rules(self, found: list[rules.Rule]) -> None:
        chosen = self.selected_rule()
        self.rule_model.set_rows(found)
        row = self.rule_model.index_of(chosen.id) if chosen else -1
        if row >= 0:
            self.rules_view.selectionModel().setCurrentIndex(
                self.rule_model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.update_actions()

    def selected_rule(self) -> rules.Rule | None:
        index = self.rules_view.currentIndex()
        if not index.isValid() or not self.rules_view.selectionModel().hasSelection():
            return None
        return self.rule_model.row_at(index.row())

    def _show_accounts(self, found: list[accounts.Account]) -> None:
        chosen = self.selected_account()
        self.account_model.set_rows(found)
        row = self.account_model.index_of(chosen.id) if chosen else -1
        if row >= 0:
            self.accounts_view.selectionModel().setCurrentIndex(
                self.account_model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.update_actions()

    def selected_account(self) -> accounts.Account | None:
        index = self.accounts_view.currentIndex()
        if not index.isValid() or not self.accounts_view.selectionModel().hasSelection():
            return None
        return self.account_model.row_at(index.row())

    def _show(self, rows: list[SignalView]) -> None:
        selected = self.selected_signal()
        wanted = self._wanted or (selected.id if selected else None)
        self._wanted = None
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue and r.status not in CLOSED)
        text = counted(len(rows), self.tr("signal"), self.tr("signals"))
        if overdue:
            text += " · " + self.tr("{0} overdue").format(overdue)
        self.summary_label.setText(text)
        row = self.model.index_of(wanted) if wanted is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        else:
            self._shown = None
            self._show_details()
        self.update_actions()

    def selected_signal(self) -> SignalView | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(index.row())

    def _on_selection_changed(self, *_args: object) -> None:
        self.update_actions()
        chosen = self.selected_signal()
        if chosen is None:
            return
        self.read(lambda uow: _details(uow, chosen.id), self._on_details, key="details")

    def _on_details(self, details: Details) -> None:
        chosen = self.selected_signal()
        if chosen is not None and chosen.id == details.signal.id:
            self._shown = details
            self._show_details()

    def _show_details(self) -> None:
        details = self._shown
        if details is None:
            self.details.setHtml("")
            return
        s = details.signal
        red = tone_css(Tone.ERROR)
        parts = [f"<h3>{_esc(s.account_name or self.tr('No account yet'))}: "
                 f"{_esc(s.intent_text)}</h3>",
                 f"<p>{_esc(s.status_text.capitalize())} · {_esc(s.urgency.value)} · "
                 f"{self.tr('score')} {s.score:.2f}"
                 + (f" · {self.tr('rep')}: {_esc(s.rep_name)}" if s.rep_name else "") + "</p>"]
        if s.quote:
            parts.append(f"<blockquote>“{_esc(s.quote)}”</blockquote>")
        if s.link:
            parts.append(f'<p><a href="{html.escape(s.link, quote=True)}">{_esc(s.link)}</a></p>')
        if s.breaches:
            missed = ", ".join(self.tr("to acknowledge") if b == "acknowledge"
                               else self.tr("to contact") for b in s.breaches)
            parts.append(f'<p style="{red}">{self.tr("Past the response time")}: '
                         f"{_esc(missed)}</p>")
        due = [(self.tr("Acknowledge by"), s.acknowledge_by), (self.tr("Contact by"), s.contact_by)]
        parts.append("<p>" + "<br>".join(f"{label}: {_local(when)}" for label, when in due
                                          if when is not None) + "</p>")
        parts.append(f"<p><b>{self.tr('Why')}</b><br>{_esc(s.explanation)}</p>")
        if s.matched_identifier:
            parts.append(f"<p>{self.tr('Matched')}: {_esc(s.match_kind)} "
                         f"{_esc(s.matched_identifier)} ({_esc(s.match_strength)})</p>")
        if details.context is not None:
            c = details.context
            parts.append(f"<p><b>{self.tr('The account')}</b><br>"
                         f"{self.tr('Story requests asked in the last twelve months')}: "
                         f"{c.asks_last_year}<br>"
                         + "".join(f"{self.tr('Open request')}: {_esc(t)}<br>"
                                   for t in c.open_requests)
                         + "".join(f"{self.tr('Contact')}: {_esc(t)}<br>"
                                   for t in c.last_contacts) + "</p>")
        if s.notes:
            parts.append(f"<p><b>{self.tr('Notes')}</b><br>{_esc(s.notes)}</p>")
        heard = counted(len(details.mentions), self.tr("mention"), self.tr("mentions"))
        parts.append(f"<p><b>{heard}</b></p>")
        for mention in details.mentions[:10]:
            parts.append(f"<p>{mention.occurred_at:%Y-%m-%d %H:%M} {_esc(mention.author)} "
                         f"({_esc(mention.source or mention.tool)})<br>{_esc(mention.excerpt)}</p>")
        self.details.setHtml("".join(parts))

    def update_actions(self) -> None:
        super().update_actions()
        s = self.selected_signal()
        me = self._person_id
        mine = s is not None and s.rep_id is not None and s.rep_id == me
        nxt = workflow.TRANSITIONS[s.status] if s is not None else frozenset()
        editable = self.editable
        self.acknowledge_action.setEnabled(editable and mine and S.ACKNOWLEDGED in nxt)
        self.contact_action.setEnabled(editable and mine and S.CONTACTED in nxt)
        self.opportunity_action.setEnabled(editable and mine and S.OPPORTUNITY in nxt)
        self.no_opportunity_action.setEnabled(editable and mine and S.NO_OPPORTUNITY in nxt)
        with_rep = s is not None and s.status in signals.WITH_REP
        self.not_relevant_action.setEnabled(editable and S.NOT_RELEVANT in nxt
                                            and (mine or not with_rep))
        self.confirm_action.setEnabled(editable and s is not None
                                       and s.status in (S.NEW, S.TRIAGE))
        self.note_action.setEnabled(editable and s is not None)
        self.identifier_action.setEnabled(editable and self.selected_account() is not None)
        self.edit_rule_action.setEnabled(editable and self.selected_rule() is not None)
        lead = self.context is not None and \
            self.context.person.department == Department.LEADERSHIP
        self.hand_over_action.setEnabled(editable and with_rep and (mine or lead))
        self.story_action.setEnabled(editable and s is not None and s.intent.value == "advocacy"
                                     and s.customer_id is not None)

    # --- steps ------------------------------------------------------------------
    def _stepped(self, step: workflow.Step) -> None:
        chosen = self.selected_signal()
        self.push(SignalStepCommand(step, chosen.account_name if chosen else "", self.uow, self))
        self._wanted = step.signal_id

    def _refused(self, error: BaseException) -> None:
        show_error(self, error, self.tr("The signal stays as it is"))
        self.refresh()

    def acknowledge(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        self.write(lambda uow: workflow.acknowledge(uow, s.id, s.version), self._stepped,
                   label=self.tr("Acknowledging the signal"), failed=self._refused)

    def close_without_opportunity(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        self.write(lambda uow: workflow.close_without_opportunity(uow, s.id, s.version),
                   self._stepped, label=self.tr("Closing the signal"), failed=self._refused)

    def log_contact(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable or s.customer_id is None:
            return
        self.read(lambda uow: stories.list_customers(uow),
                  lambda customers: self._open_contact(s, customers), key="contact")

    def _open_contact(self, s: SignalView, customers: list[stories.Customer]) -> None:
        uow = self.uow
        account = [c for c in customers if c.id == s.customer_id]
        FormSave(self, lambda: CommunicationDialog(account, [], s.customer_id, None, self),
                 lambda data: lambda: workflow.log_contact(uow, s.id, s.version, data),
                 self._stepped, label=self.tr("Logging the contact"),
                 refused=self.refresh).open()

    def close_with_opportunity(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        uow = self.uow
        self.read(lambda work_uow: team_currency(work_uow),
                  lambda currency: FormSave(
                      self, lambda: OpportunityDialog(currency, self),
                      lambda data: lambda: self._opportunity(uow, s, data), self._stepped,
                      label=self.tr("Closing with an opportunity"),
                      refused=self.refresh).open(), key="currency")

    @staticmethod
    def _opportunity(uow: UnitOfWork, s: SignalView, data: OpportunityInput) -> workflow.Step:
        return workflow.close_with_opportunity(uow, s.id, s.version, reference=data.reference,
                                               amount=data.amount, stage=data.stage)

    def not_relevant(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        uow = self.uow
        FormSave(self, lambda: ReasonDialog(self.tr("Not relevant"), self.tr("&Why"), self),
                 lambda reason: lambda: workflow.move_signal(uow, s.id, s.version,
                                                             S.NOT_RELEVANT, reason=reason),
                 self._stepped, label=self.tr("Setting the signal aside"),
                 refused=self.refresh).open()

    def add_note(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        uow = self.uow
        FormSave(self, lambda: ReasonDialog(self.tr("Add a note"), self.tr("&Note"), self),
                 lambda text: lambda: workflow.add_note(uow, s.id, s.version, text),
                 self._stepped, label=self.tr("Adding the note"), refused=self.refresh).open()

    def confirm_match(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        self.read(lambda uow: (accounts.list_accounts(uow), signals.signal_mentions(uow, s.id)),
                  lambda loaded: self._open_confirm(s, *loaded), key="accounts")

    def _open_confirm(self, s: SignalView, found: list[accounts.Account],
                      mentions: list[SignalMention]) -> None:
        uow = self.uow
        proposed = s.candidates[0] if s.candidates else None
        learn = next((i for i in (x.identifier() for x in mentions) if i), None)

        def work(data: MatchInput):  # noqa: ANN202 - the work FormSave runs
            return lambda: workflow.confirm_match(uow, s.id, s.version, data.customer_id,
                                                  learn=data.learn)

        FormSave(self, lambda: ConfirmMatchDialog(found, proposed, learn, self), work,
                 self._stepped, label=self.tr("Routing the signal"),
                 refused=self.refresh).open()

    def hand_over(self) -> None:
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        self.read(lambda uow: [p for p in people.list_people(uow, active_only=True)
                               if p.department == Department.SALES],
                  lambda reps: self._open_hand_over(s, reps), key="reps")

    def _open_hand_over(self, s: SignalView, reps: list[people.Person]) -> None:
        uow = self.uow

        def work(data: HandOverInput):  # noqa: ANN202 - the work FormSave runs
            return lambda: workflow.reassign(uow, s.id, s.version, data.rep_id, data.reason)

        FormSave(self, lambda: HandOverDialog(reps, s.rep_id, self), work, self._stepped,
                 label=self.tr("Handing the signal over"), refused=self.refresh).open()

    def story_from_signal(self) -> None:
        """A customer praising us becomes a draft story request, which the rep approves."""
        s = self.selected_signal()
        if s is None or not self.editable:
            return
        self.write(lambda uow: stories.create_request(
            uow, workflow.story_from_advocacy(uow, s.id)), self._story_drafted,
            label=self.tr("Writing the story request"), failed=self._refused)

    def _story_drafted(self, request: stories.StoryRequest) -> None:
        self.push(CreateRequestCommand(request, self.uow, self))
        tell(self, self.tr("Story request"), self.tr(
            "The draft '{0}' is on the Customer stories page; send it to {1}, who decides "
            "before anyone asks the customer.").format(request.title, request.rep_name))

    def add_identifier(self) -> None:
        """A domain, handle, alias or contact email of the account chosen under Accounts."""
        account = self.selected_account()
        if account is None or not self.editable:
            return
        uow = self.uow

        def work(data: IdentifierInput):  # noqa: ANN202 - the work FormSave runs
            return lambda: accounts.add_identifier(uow, account.id, data.kind, data.value,
                                                   data.platform)

        FormSave(self, lambda: IdentifierDialog(account.name, self), work,
                 lambda added: self.push(AddIdentifierCommand(added, account.name, self.uow,
                                                              self)),
                 label=self.tr("Adding the identifier"), refused=self.refresh).open()

    # --- rules ------------------------------------------------------------------
    def _preview(self, data: RuleInput, show: Callable[[object], None]) -> None:
        """A rule as typed, against the last import, read in the background."""
        self.read(lambda uow: rules.preview_rule(uow, data), show, key="preview",
                  failed=lambda error: show(getattr(error, "message", str(error))))

    def _rule_dialog(self, rule: rules.Rule | None = None) -> RuleDialog:
        return RuleDialog(self._preview, self, rule)

    def new_rule(self) -> None:
        if not self.editable:
            return
        uow = self.uow
        FormSave(self, self._rule_dialog,
                 lambda data: lambda: rules.create_rule(uow, data),
                 lambda made: self.push(CreateRuleCommand(made, self.uow, self)),
                 label=self.tr("Saving the rule"), refused=self.refresh).open()

    def edit_rule(self) -> None:
        rule = self.selected_rule()
        if rule is None or not self.editable:
            return
        uow = self.uow

        def edit(version: int, data: RuleInput) -> tuple[rules.Rule, rules.Rule]:
            return rules.edit_rule(uow, rule.id, version, data)

        FormSave(self, lambda: self._rule_dialog(rule), EditSave(rule, edit),
                 lambda pair: self.push(EditRuleCommand(*pair, self.uow, self)),
                 label=self.tr("Saving the rule"), refused=self.refresh).open()

    def open_link(self, url: QUrl) -> None:
        """Open a signal's link in the browser, only when it is a web link: a link from an
        imported file could name a file or a share (file:, smb:) that must not open."""
        if url.scheme().lower() in ("http", "https"):
            QDesktopServices.openUrl(url)
            return
        self.message_label.setText(self.tr(
            "That link was not opened: only web links (http or https) open from here."))
        self.message_label.show()

    # --- privacy ----------------------------------------------------------------
    def forget_author(self) -> None:
        if not self.editable:
            return
        uow = self.uow
        FormSave(self, lambda: ReasonDialog(self.tr("Forget an author"),
                                            self.tr("&Name or handle"), self),
                 lambda author: lambda: retention.forget_author(uow, author), self._purged,
                 label=self.tr("Forgetting the author"), refused=self.refresh).open()

    def purge(self) -> None:
        if not self.editable:
            return
        self.read(lambda uow: retention.excerpts_to_purge(uow), self._confirm_purge,
                  key="purge", failed=lambda error: show_error(self, error))

    def _confirm_purge(self, due: int) -> None:
        """A purge cannot be undone, so the person is told how many excerpts go first."""
        title = self.tr("Purge old excerpts")
        if not due:
            tell(self, title, self.tr("No excerpt is older than the retention period."))
            return
        if ask(self, title, self.tr(
                "Empty {0} older than the retention period? The counts stay, but the "
                "words cannot be brought back.").format(
                counted(due, self.tr("excerpt"), self.tr("excerpts")))) != QMessageBox.Yes:
            return
        self.write(lambda uow: retention.purge_excerpts(uow), self._purged,
                   label=self.tr("Purging old excerpts"))

    def _purged(self, purged: retention.Purged) -> None:
        self.message_label.setText(self.tr(
            "{0} emptied, {1} quoting them; the counts stay.").format(
            counted(purged.mentions, self.tr("mention"), self.tr("mentions")),
            counted(purged.signals, self.tr("signal"), self.tr("signals"))))
        self.message_label.show()

    # --- importing --------------------------------------------------------------
    def import_file(self) -> None:
        if not self.editable:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import mentions"),
                                              settings.last_folder(), MENTION_FILTER)
        if not path:
            return
        source = Path(path)
        settings.remember_folder(str(source.parent))
        self.import_path(source)

    def import_path(self, source: Path) -> None:
        """Import ``source`` on the writer thread and say what it brought."""
        self._import_offering_good_rows(
            source, lambda uow, good_only: import_mentions(uow, source, good_rows_only=good_only),
            self._imported, self.tr("The mentions were not imported"))

    def import_crm_file(self) -> None:
        """A CRM's export of opportunities: deals opened from signals are brought up to date."""
        if not self.editable:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import opportunities"),
                                              settings.last_folder(), MENTION_FILTER)
        if not path:
            return
        source = Path(path)
        settings.remember_folder(str(source.parent))
        self.import_crm_path(source)

    def import_crm_path(self, source: Path) -> None:
        """Import the opportunities in ``source`` and say what it brought."""
        self._import_offering_good_rows(
            source, lambda uow, good_only: import_opportunities(uow, source,
                                                                good_rows_only=good_only),
            self._crm_imported, self.tr("The opportunities were not imported"))

    def _import_offering_good_rows(self, source: Path,
                                   run: Callable[[UnitOfWork, bool], object],
                                   done: Callable[[Any], None], title: str) -> None:
        """Import ``source``; when some rows are bad, say which lines and offer the good
        ones, as the media page does, rather than failing on one bad row."""

        def failed(error: BaseException) -> None:
            if not (isinstance(error, ImportProblemsError) and error.good_rows):
                show_error(self, error, title)
                return
            lines = "\n".join(str(p) for p in error.problems[:15])
            more = "\n…" if error.count > 15 else ""
            if ask(self, title, self.tr(
                    "{0} of {1} cannot be imported:\n\n{2}{3}\n\nImport the {4} and leave "
                    "these out?").format(
                    counted(error.count, self.tr("row"), self.tr("rows")), source.name, lines,
                    more, counted(error.good_rows, self.tr("good row"),
                                  self.tr("good rows")))) == QMessageBox.Yes:
                self.write(lambda uow: run(uow, True), done,
                           label=self.tr("Importing {0}").format(source.name),
                           failed=lambda again: show_error(self, again, title))

        self.write(lambda uow: run(uow, False), done,
                   label=self.tr("Importing {0}").format(source.name), failed=failed)

    def _crm_imported(self, result: CrmImportResult) -> None:
        self.message_label.setText(self.tr(
            "From {0}: {1} new, {2} brought up to date, {3} won.").format(
            result.file_name, result.added, result.updated, result.won))
        self.message_label.show()

    def _imported(self, result: MentionImportResult) -> None:
        self.message_label.setText(result.summary)
        self.message_label.show()
        if result.duplicate_of:
            tell(self, self.tr("Import mentions"), result.summary)

