"""The Signals page in the hands of a rep and of PR, each in their own window on the same
file: the rep acknowledges a signal, logs the contact in the contact log (with the rep
included) and closes it with an opportunity; PR cannot close, and confirms a signal in
triage, which routes it to the rep and teaches the app the identifier."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from person import (
    answer,
    answer_questions,
    click,
    click_dialog_button,
    click_row,
    page_in_window,
    pick,
    row_of,
    settle,
    texts,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import insert, select

from db import models as m
from db.enums import Department, IdentifierKind, Intent, SignalStatus, StoryStatus, Urgency
from desktop import stories
from desktop.listening import accounts, rules, signals, workflow
from desktop.listening.rules import RuleInput
from desktop.people import Person, PersonInput, create_person
from desktop.stories import CommunicationInput, CustomerInput
from ui.listening.signal_dialogs import (
    ConfirmMatchDialog,
    HandOverDialog,
    IdentifierDialog,
    OpportunityDialog,
    ReasonDialog,
    RuleDialog,
)
from ui.listening.signal_models import SignalTableModel
from ui.listening.signals_page import SignalsPage
from ui.stories.story_dialog import CommunicationDialog

pytestmark = pytest.mark.gui
S = SignalStatus
ACCOUNT = SignalTableModel.COLUMNS.index("Account")
STEP = SignalTableModel.COLUMNS.index("Step")


@pytest.fixture
def rep(team) -> Person:
    return team[Department.SALES]


@pytest.fixture
def pr(team) -> Person:
    return team[Department.PR]


@pytest.fixture
def acme(uow, rep):
    customer = stories.create_customer(uow, CustomerInput("Acme Robotics", rep.id))
    accounts.add_identifier(uow, customer.id, IdentifierKind.DOMAIN, "acme-robotics.com")
    accounts.add_identifier(uow, customer.id, IdentifierKind.ALIAS, "AcmeBot")
    rules.create_rule(uow, RuleInput("RFP", ("rfp",), Intent.BUYING, Urgency.HOT, 4.0))
    return customer


def _heard(uow, **mention: object) -> None:
    """A mention from an import, and the signals it raised."""
    with uow.write() as session:
        batch = m.ImportBatch(file_name="mentions.csv", file_sha256=str(id(mention)))
        session.add(batch)
        session.flush()
        session.execute(insert(m.Mention), [{"import_id": batch.id, "fingerprint": "f",
                                             "occurred_at": datetime(2026, 11, 2, 9),
                                             "author": "Ines", **mention}])
        ids = list(session.scalars(select(m.Mention.id)))
    signals.raise_signals_for(uow, ids)


@pytest.fixture
def window_of(qtbot, uow):
    def build(person: Person) -> SignalsPage:
        return page_in_window(qtbot, SignalsPage, uow.database, person)
    return build


def _contact(qtbot):
    def act(dialog: CommunicationDialog) -> None:
        assert dialog.rep_check.isChecked()
        type_into(qtbot, dialog.channel_box.lineEdit(), "Call")
        type_into(qtbot, dialog.summary_edit, "Talked through their RFP for robot arms.")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
    return act


def _opportunity(qtbot):
    def act(dialog: OpportunityDialog) -> None:
        type_into(qtbot, dialog.reference_edit, "OPP-2026-118")
        type_into(qtbot, dialog.amount_box.lineEdit(), "48000")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)
    return act


def test_the_rep_works_a_signal_from_quote_to_opportunity(qtbot, window_of, uow, rep, acme,
                                                        monkeypatch) -> None:
    _heard(uow, link="https://acme-robotics.com/news/rfp",
           excerpt="Our RFP for robot arms is out today.")
    page = window_of(rep)
    assert page.view_box.currentText() == "My signals"
    assert texts(page.table, ACCOUNT) == ["Acme Robotics"]
    click_row(qtbot, page.table, row_of(page.table, "Acme Robotics", ACCOUNT))
    settle(qtbot)
    shown = page.details.toPlainText()
    assert "Our RFP for robot arms is out today." in shown
    assert "https://acme-robotics.com/news/rfp" in shown and "Rule 'RFP'" in shown
    assert not page.contact_action.isEnabled() and not page.opportunity_action.isEnabled()

    page.acknowledge_action.trigger()
    settle(qtbot)
    assert texts(page.table, STEP) == ["Acknowledged"]
    answer(monkeypatch, CommunicationDialog, _contact(qtbot))
    qtbot.keyClick(page.table, Qt.Key_L, Qt.ControlModifier)
    settle(qtbot)
    assert texts(page.table, STEP) == ["Contacted"]
    logged, = stories.list_communications(uow, acme.id)
    assert (logged.channel, logged.rep_included, logged.logged_by_name) == (
        "Call", True, rep.name)

    answer(monkeypatch, OpportunityDialog, _opportunity(qtbot))
    page.opportunity_action.trigger()
    settle(qtbot)
    assert texts(page.table, ACCOUNT) == []  # closed: out of the rep's queue
    opportunity, = accounts.list_opportunities(uow)
    assert (opportunity.reference, opportunity.amount) == ("OPP-2026-118", 48000)
    assert signals.list_signals(uow)[0].status == S.OPPORTUNITY
    pick(qtbot, page.view_box, "Closed signals")
    settle(qtbot)
    assert texts(page.table, STEP) == ["An opportunity"]


def test_closing_with_an_opportunity_needs_its_crm_reference(qtbot, window_of, uow, rep,
                                                             acme, monkeypatch) -> None:
    _heard(uow, link="https://acme-robotics.com/news/rfp", excerpt="RFP out.")
    view, = signals.list_signals(uow)
    as_rep = uow.as_person(rep.id)
    step = workflow.acknowledge(as_rep, view.id, view.version)
    workflow.log_contact(as_rep, view.id, step.version, CommunicationInput(
        None, None, "call", "Hello"))
    page = window_of(rep)
    click_row(qtbot, page.table, row_of(page.table, "Acme Robotics", ACCOUNT))
    settle(qtbot)

    def without_reference(dialog: OpportunityDialog) -> None:
        type_into(qtbot, dialog.amount_box.lineEdit(), "48000")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    seen = answer(monkeypatch, OpportunityDialog, without_reference)
    page.opportunity_action.trigger()
    settle(qtbot)
    assert "reference in the CRM" in seen[0].error_label.text()
    assert accounts.list_opportunities(uow) == []
    assert signals.get_signal(uow, view.id).status == S.CONTACTED


def test_pr_cannot_take_the_reps_steps(qtbot, window_of, uow, pr, acme) -> None:
    _heard(uow, link="https://acme-robotics.com/news/rfp", excerpt="RFP out.")
    page = window_of(pr)
    pick(qtbot, page.view_box, "All open signals")
    settle(qtbot)
    click_row(qtbot, page.table, row_of(page.table, "Acme Robotics", ACCOUNT))
    settle(qtbot)
    for action in (page.acknowledge_action, page.contact_action, page.opportunity_action,
                   page.no_opportunity_action, page.not_relevant_action):
        assert not action.isEnabled(), action.text()
    assert page.note_action.isEnabled()


def test_pr_confirms_a_probable_match_and_it_reaches_the_rep(qtbot, window_of, uow, pr, rep,
                                                            acme, monkeypatch) -> None:
    _heard(uow, link="https://eu.acme-bots.example/rfp", domain="acme-bots.example",
           excerpt="The AcmeBot team has an RFP out.")
    page = window_of(pr)
    assert page.view_box.currentText() == "Triage (PR)"
    assert texts(page.table, ACCOUNT) == ["(no account yet)"]
    click_row(qtbot, page.table, page.model.index(0, ACCOUNT))
    settle(qtbot)
    assert "Alias: the text says 'acmebot'" in page.details.toPlainText()

    def confirm(dialog: ConfirmMatchDialog) -> None:
        pick(qtbot, dialog.account_box, f"Acme Robotics (rep: {rep.name})")
        assert dialog.learn_check.isChecked() and "acme-bots.example" in dialog.learn_check.text()
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, ConfirmMatchDialog, confirm)
    page.confirm_action.trigger()
    settle(qtbot)
    assert texts(page.table, ACCOUNT) == []
    rep_page = window_of(rep)
    assert texts(rep_page.table, ACCOUNT) == ["Acme Robotics"]
    learnt = {i.value for a in accounts.list_accounts(uow) for i in a.identifiers}
    assert "acme-bots.example" in learnt


def test_pr_sets_a_triage_signal_aside_only_with_a_reason(qtbot, window_of, uow, pr, acme,
                                                         monkeypatch) -> None:
    _heard(uow, excerpt="AcmeBot fans: my RFP for a school project")
    page = window_of(pr)
    click_row(qtbot, page.table, page.model.index(0, ACCOUNT))

    def without_reason(dialog: ReasonDialog) -> None:
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    def with_reason(dialog: ReasonDialog) -> None:
        type_into(qtbot, dialog.reason_edit, "A student's homework, not a buyer.")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    seen = answer(monkeypatch, ReasonDialog, without_reason, with_reason)
    page.not_relevant_action.trigger()
    settle(qtbot)
    assert "Say why" in seen[0].error_label.text()
    page.not_relevant_action.trigger()
    settle(qtbot)
    assert texts(page.table, ACCOUNT) == []
    assert signals.list_signals(uow)[0].reason == "A student's homework, not a buyer."


def test_pr_turns_praise_into_a_draft_story_request_for_the_rep(qtbot, window_of, uow, pr,
                                                                 rep, acme, monkeypatch) -> None:
    rules.create_rule(uow, RuleInput("Praise", ("thanks to",), Intent.ADVOCACY, weight=1.5))
    _heard(uow, link="https://acme-robotics.com/blog/thanks",
           excerpt="Thanks to Northwind our plants run smoother.")
    page = window_of(pr)
    pick(qtbot, page.view_box, "All open signals")
    settle(qtbot)
    click_row(qtbot, page.table, row_of(page.table, "Acme Robotics", ACCOUNT))
    told = answer_questions(monkeypatch, QMessageBox.Ok)
    assert page.story_action.isEnabled()
    page.story_action.trigger()
    settle(qtbot)
    draft, = stories.list_requests(uow)
    assert (draft.status, draft.customer_id, draft.requested_by_name) == (
        StoryStatus.DRAFT, acme.id, pr.name)
    assert "Thanks to Northwind our plants run smoother." in draft.what_pr_wants
    assert rep.name in told[0]


def test_forget_an_author_from_the_page_keeps_the_signal(qtbot, window_of, uow, pr, acme,
                                                         monkeypatch) -> None:
    _heard(uow, link="https://acme-robotics.com/news/rfp", author="Ines Ortega",
           excerpt="RFP out.")
    page = window_of(pr)

    def forget(dialog: ReasonDialog) -> None:
        type_into(qtbot, dialog.reason_edit, "Ines Ortega")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, ReasonDialog, forget)
    page.forget_action.trigger()
    settle(qtbot)
    assert "1 mention emptied, 1 signal quoting them" in page.message_label.text()
    kept, = signals.list_signals(uow)
    assert kept.quote == "" and kept.mention_count == 1


def test_pr_adds_an_identifier_to_an_account_and_a_taken_one_is_refused(
        qtbot, window_of, uow, pr, acme, monkeypatch) -> None:
    page = window_of(pr)
    page.tabs.setCurrentWidget(page.accounts_view)
    click_row(qtbot, page.accounts_view, row_of(page.accounts_view, "Acme Robotics"))

    def handle(dialog: IdentifierDialog) -> None:
        pick(qtbot, dialog.kind_box, "Handle")
        type_into(qtbot, dialog.platform_box.lineEdit(), "Twitter")
        type_into(qtbot, dialog.value_edit, "@Acme_EU")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    def taken(dialog: IdentifierDialog) -> None:
        type_into(qtbot, dialog.value_edit, "https://www.acme-robotics.com/about")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    seen = answer(monkeypatch, IdentifierDialog, handle, taken)
    page.identifier_action.trigger()
    settle(qtbot)
    shown = texts(page.accounts_view, 3)[0]
    assert "@acme_eu on x" in shown and "acme-robotics.com" in shown
    page.identifier_action.trigger()
    settle(qtbot)
    assert "already identifies Acme Robotics" in seen[1].error_label.text()


FIXTURES = Path(__file__).parent / "fixtures" / "listening"


def test_pr_imports_mentions_and_the_signal_reaches_the_reps_open_window(
        qtbot, window_of, uow, pr, rep, acme, monkeypatch) -> None:
    accounts.add_contact(uow, acme.id, "Inés Ortega", "CIO",
                         handles=(("linkedin", "ines-ortega"),))
    rules.create_rule(uow, RuleInput("Shortlist", ("shortlist",), Intent.EVALUATING,
                                     Urgency.HOT, 3.0))
    rep_page = window_of(rep)
    assert texts(rep_page.table, ACCOUNT) == []
    pr_page = window_of(pr)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kw: (str(FIXTURES / "plain_mentions.csv"), ""))
    pr_page.import_action.trigger()
    settle(qtbot)
    assert "2 mentions imported from plain_mentions.csv" in pr_page.message_label.text()
    qtbot.waitUntil(lambda: texts(rep_page.table, ACCOUNT) == ["Acme Robotics"], timeout=10_000)


def _click_link(qtbot, page: SignalsPage, shown: str) -> None:
    """Click the link ``shown`` in the signal's details, as a person would."""
    found = page.details.document().find(shown)
    assert not found.isNull(), shown
    at = QTextCursor(page.details.document())
    at.setPosition(found.selectionStart() + 2)
    spot = page.details.cursorRect(at).center()
    qtbot.mouseClick(page.details.viewport(), Qt.LeftButton, pos=spot)
    settle(qtbot)


@pytest.mark.parametrize(("link", "opens"), [("file://fileserver/share/plan.docx", False),
                                             ("smb://fileserver/share/x", False),
                                             ("https://acme-robotics.com/news/rfp", True)])
def test_only_web_links_in_a_signal_open(qtbot, window_of, uow, rep, acme, monkeypatch,
                                         link, opens) -> None:
    _heard(uow, link=link, domain="acme-robotics.com", excerpt="Our RFP for robot arms is out.")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    page = window_of(rep)
    click_row(qtbot, page.table, row_of(page.table, "Acme Robotics", ACCOUNT))
    settle(qtbot)
    _click_link(qtbot, page, link)
    assert opened == ([link] if opens else [])
    if not opens:
        assert "only web links" in page.message_label.text()


def test_a_mention_export_with_a_bad_line_offers_its_good_rows(
        qtbot, window_of, uow, pr, acme, monkeypatch, tmp_path) -> None:
    export = tmp_path / "mentions.csv"
    lines = (FIXTURES / "plain_mentions.csv").read_text(encoding="utf-8").splitlines()
    export.write_text("\n".join([*lines, "someday,X,https://x.com/a/1,A,a,RFP,neutral,1,q"])
                      + "\n", encoding="utf-8")
    page = window_of(pr)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(export), ""))
    told = answer_questions(monkeypatch, QMessageBox.Yes)
    page.import_action.trigger()
    settle(qtbot)
    assert "line 4" in told[0] and "Import the 2 good rows" in told[0]
    assert "2 mentions imported from mentions.csv" in page.message_label.text()


def test_purging_old_excerpts_asks_first_with_how_many_go(qtbot, window_of, uow, pr, acme,
                                                         monkeypatch) -> None:
    _heard(uow, link="https://acme-robotics.com/news/rfp", excerpt="RFP out.",
           occurred_at=datetime(2020, 1, 6, 9))
    page = window_of(pr)
    told = answer_questions(monkeypatch, QMessageBox.No, QMessageBox.Yes)
    page.purge_action.trigger()
    settle(qtbot)
    assert "Empty 1 excerpt" in told[0]
    assert signals.list_signals(uow)[0].quote == "RFP out."
    page.purge_action.trigger()
    settle(qtbot)
    assert "1 mention emptied" in page.message_label.text()
    assert signals.list_signals(uow)[0].quote == ""


def test_a_crm_export_brings_the_reps_opportunity_up_to_date(qtbot, window_of, uow, rep,
                                                             acme, monkeypatch,
                                                             tmp_path) -> None:
    _heard(uow, link="https://acme-robotics.com/news/rfp", excerpt="RFP out.")
    view, = signals.list_signals(uow)
    as_rep = uow.as_person(rep.id)
    step = workflow.acknowledge(as_rep, view.id, view.version)
    step = workflow.log_contact(as_rep, view.id, step.version, CommunicationInput(
        None, None, "call", "Hello"))
    workflow.close_with_opportunity(as_rep, view.id, step.version,
                                    reference="006Qy00000ABc01", amount=30_000)
    export = tmp_path / "opportunities.csv"
    export.write_text("Opportunity ID,Account Name,Amount,Stage,Close Date\n"
                      "006Qy00000ABc01,Acme Robotics,\"48,000.00\",Closed Won,11/28/2026\n"
                      "006Qy00000ABc09,Someone Else Ltd,\"1,000.00\",Prospecting,12/28/2026\n",
                      encoding="utf-8")
    page = window_of(rep)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(export), ""))
    told = answer_questions(monkeypatch, QMessageBox.No, QMessageBox.Yes)
    page.crm_action.trigger()
    settle(qtbot)
    assert "line 3" in told[0] and "Someone Else Ltd" in told[0]
    assert "Import the 1 good row" in told[0]
    assert accounts.list_opportunities(uow)[0].won_on is None  # nothing imported
    page.crm_action.trigger()
    settle(qtbot)
    assert "1 brought up to date, 1 won" in page.message_label.text()
    won, = accounts.list_opportunities(uow)
    assert (won.signal_id, won.won_amount) == (view.id, 48_000)


def test_pr_writes_a_rule_previews_it_on_the_last_import_and_edits_it(qtbot, window_of, uow,
                                                                     pr, acme,
                                                                     monkeypatch) -> None:
    _heard(uow, link="https://acme-robotics.com/news/1",
           excerpt="We need a shortlist of analytics vendors by Friday.")
    page = window_of(pr)
    page.tabs.setCurrentWidget(page.rules_view)

    def write(dialog: RuleDialog) -> None:
        type_into(qtbot, dialog.name_edit, "Shortlists")
        pick(qtbot, dialog.intent_box, "Evaluating")
        type_into(qtbot, dialog.phrases_edit, "shortlist")
        type_into(qtbot, dialog.near_edit, "analytics")
        type_into(qtbot, dialog.within_box.lineEdit(), "4")
        click(qtbot, dialog.preview_button)
        settle(qtbot)
        assert "It fires on 1 of the last import" in dialog.preview_view.toPlainText()
        assert "shortlist of analytics vendors" in dialog.preview_view.toPlainText()
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    def switch_off(dialog: RuleDialog) -> None:
        click(qtbot, dialog.active_check)
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, RuleDialog, write, switch_off)
    page.new_rule_action.trigger()
    settle(qtbot)
    assert "Shortlists" in texts(page.rules_view)
    click_row(qtbot, page.rules_view, row_of(page.rules_view, "Shortlists"))
    page.edit_rule_action.trigger()
    settle(qtbot)
    assert "Shortlists (off)" in texts(page.rules_view)
    stored = next(r for r in rules.list_rules(uow) if r.name == "Shortlists")
    assert (stored.near_terms, stored.near_within, stored.active) == (("analytics",), 4, False)


def test_the_rep_hands_a_signal_to_another_rep_with_a_reason(qtbot, window_of, uow, rep, acme,
                                                             monkeypatch) -> None:
    other = create_person(uow, PersonInput("Mette Sørensen", Department.SALES,
                                           "mette@example.org"))
    _heard(uow, link="https://acme-robotics.com/news/rfp", excerpt="RFP out.")
    page = window_of(rep)
    click_row(qtbot, page.table, row_of(page.table, "Acme Robotics", ACCOUNT))

    def hand(dialog: HandOverDialog) -> None:
        pick(qtbot, dialog.rep_box, "Mette Sørensen")
        type_into(qtbot, dialog.reason_edit, "On leave until the 14th.")
        click_dialog_button(qtbot, dialog.buttons, QDialogButtonBox.Save)

    answer(monkeypatch, HandOverDialog, hand)
    page.hand_over_action.trigger()
    settle(qtbot)
    assert texts(page.table, ACCOUNT) == []  # out of this rep's queue
    moved, = signals.list_signals(uow)
    assert moved.rep_id == other.id and "On leave until the 14th." in moved.notes
