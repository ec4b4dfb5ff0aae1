"""Listening: signals raised from mentions, folded per account and intent within seven
days; every workflow rule (only the rep acknowledges, contacts and closes); undo; expiry; the
retention purge and "forget this author", which keep the counts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import func, insert, select

from db import models as m
from db.enums import Department, IdentifierKind, Intent, SignalStatus, Urgency
from db.models import utcnow
from desktop import stories
from desktop.errors import ValidationError
from desktop.listening import accounts, retention, rules, signals, workflow
from desktop.listening.rules import RuleInput
from desktop.people import PersonInput, create_person
from desktop.stories import CommunicationInput, CustomerInput

S = SignalStatus
_ids = count(1)
MONDAY = datetime(2026, 11, 2, 9)


@pytest.fixture
def rep(team):
    return team[Department.SALES]


@pytest.fixture
def acme(uow, rep):
    customer = stories.create_customer(uow, CustomerInput("Acme Robotics", rep.id, "Robotics"))
    accounts.add_identifier(uow, customer.id, IdentifierKind.DOMAIN, "acme-robotics.com")
    accounts.add_identifier(uow, customer.id, IdentifierKind.HANDLE, "@AcmeRobotics", "Twitter")
    accounts.add_identifier(uow, customer.id, IdentifierKind.ALIAS, "AcmeBot")
    return customer


@pytest.fixture
def rfp_rule(uow, team):
    return rules.create_rule(uow, RuleInput("RFP", ("rfp", "request for proposal"),
                                            Intent.BUYING, Urgency.HOT, 4.0, "proposal"))


def _mentions(uow, *rows: dict) -> list[int]:
    with uow.write() as session:
        batch = m.ImportBatch(file_name=f"mentions-{next(_ids)}.csv", file_sha256=f"{next(_ids)}")
        session.add(batch)
        session.flush()
        values = [{"import_id": batch.id, "fingerprint": str(next(_ids)), "occurred_at": MONDAY,
                   "author": "Someone", **row} for row in rows]
        session.execute(insert(m.Mention), values)
        return list(session.scalars(select(m.Mention.id).where(m.Mention.import_id == batch.id)))


def _contact(channel: str, summary: str) -> CommunicationInput:
    return CommunicationInput(None, date.today(), channel, summary)


def _routed(uow, acme, rfp_rule) -> signals.SignalView:
    signals.raise_signals_for(uow, _mentions(uow, {
        "link": "https://acme-robotics.com/blog/rfp", "excerpt": "Our RFP for robot arms is out."}))
    return signals.list_signals(uow)[0]


def test_an_exact_match_goes_straight_to_the_accounts_rep(uow, acme, rfp_rule, rep) -> None:
    view = _routed(uow, acme, rfp_rule)
    assert (view.status, view.rep_id, view.account_name) == (S.ROUTED, rep.id, "Acme Robotics")
    assert view.rule_name == "RFP" and view.quote == "Our RFP for robot arms is out."
    assert view.match_kind == "domain" and "the domain of Acme Robotics" in view.explanation
    assert [s.id for s in signals.my_signals(uow, rep.id)] == [view.id]


def test_an_alias_or_do_not_route_goes_to_triage(uow, acme, rfp_rule) -> None:
    signals.raise_signals_for(uow, _mentions(uow, {"excerpt": "AcmeBot folks: RFP is out"}))
    assert [s.status for s in signals.triage(uow)] == [S.TRIAGE]
    accounts.set_account(uow, acme.id, stories.get_customer(uow, acme.id).version,
                         kind="prospect", do_not_route=True)
    signals.raise_signals_for(uow, _mentions(uow, {
        "occurred_at": MONDAY + timedelta(days=8), "link": "https://acme-robotics.com/x",
        "excerpt": "RFP time"}))
    held = signals.triage(uow)
    assert any("do not route" in s.explanation for s in held)


def test_a_weak_intent_about_nobody_known_raises_nothing(uow, acme, team) -> None:
    rules.create_rule(uow, RuleInput("Love", ("love",), Intent.ADVOCACY, weight=1.0))
    result = signals.raise_signals_for(uow, _mentions(uow, {"excerpt": "I love Mondays"}))
    assert result.signals_new == 0 and signals.list_signals(uow) == []


def test_mentions_of_one_account_and_intent_in_a_week_fold_into_one_signal(uow, acme,
                                                                          rfp_rule) -> None:
    result = signals.raise_signals_for(uow, _mentions(
        uow,
        {"link": "https://acme-robotics.com/a", "excerpt": "RFP out"},
        {"occurred_at": MONDAY + timedelta(days=6), "platform": "x",
         "author_handle": "@acmerobotics", "excerpt": "Reminder: request for proposal closes"},
        {"occurred_at": MONDAY + timedelta(days=14), "link": "https://acme-robotics.com/b",
         "excerpt": "Another RFP"}))
    assert (result.signals_new, result.signals_folded) == (2, 1)
    first, later = sorted(signals.list_signals(uow), key=lambda s: s.first_seen_at)
    assert first.mention_count == 2 and later.mention_count == 1
    assert first.last_seen_at == MONDAY + timedelta(days=6)


def test_sunday_evening_and_monday_morning_mentions_are_one_signal(uow, acme,
                                                                  rfp_rule) -> None:
    sunday_evening = datetime(2026, 11, 8, 21, 30)
    result = signals.raise_signals_for(uow, _mentions(
        uow, {"occurred_at": sunday_evening, "link": "https://acme-robotics.com/a",
              "excerpt": "Our RFP goes out tomorrow"}))
    assert result.signals_new == 1
    result = signals.raise_signals_for(uow, _mentions(
        uow, {"occurred_at": sunday_evening + timedelta(hours=11),
              "link": "https://acme-robotics.com/b", "excerpt": "The RFP is out"}))
    assert (result.signals_new, result.signals_folded) == (0, 1)
    signal, = signals.list_signals(uow)
    assert signal.mention_count == 2


def test_only_the_rep_acknowledges_contacts_and_closes(uow, acme, rfp_rule, rep, team) -> None:
    view = _routed(uow, acme, rfp_rule)
    as_pr = uow.as_person(team[Department.PR].id)
    with pytest.raises(ValidationError, match="Only Олег Петров, the rep of Acme Robotics, can "
                                              "acknowledge"):
        workflow.acknowledge(as_pr, view.id, view.version)
    as_rep = uow.as_person(rep.id)
    step = workflow.acknowledge(as_rep, view.id, view.version)
    with pytest.raises(ValidationError, match="can log the contact"):
        workflow.log_contact(as_pr, view.id, step.version, _contact("call", "Hi"))
    step = workflow.log_contact(as_rep, view.id, step.version,
                                _contact("call", "Talked about the RFP"))
    contact = stories.list_communications(uow, customer_id=acme.id)[0]
    assert contact.rep_included and contact.summary == "Talked about the RFP"
    with pytest.raises(ValidationError, match="can close this signal"):
        workflow.close_with_opportunity(as_pr, view.id, step.version, reference="OPP-1",
                                        amount=5000)
    with pytest.raises(ValidationError, match="reference in the CRM"):
        workflow.close_with_opportunity(as_rep, view.id, step.version, reference="  ",
                                        amount=5000)
    workflow.close_with_opportunity(as_rep, view.id, step.version, reference="OPP-1",
                                    amount=5000)
    closed = signals.get_signal(uow, view.id)
    assert closed.status == S.OPPORTUNITY and closed.contacted_at is not None
    assert [(o.reference, o.signal_id) for o in accounts.list_opportunities(uow)] == [
        ("OPP-1", view.id)]


def test_steps_follow_the_table_and_say_what_comes_next(uow, acme, rfp_rule, rep) -> None:
    view = _routed(uow, acme, rfp_rule)
    with pytest.raises(ValidationError, match="cannot become contacted; next it can be "
                                              "acknowledged"):
        workflow.move_signal(uow.as_person(rep.id), view.id, view.version, S.CONTACTED)


def test_not_relevant_needs_a_reason_and_once_with_the_rep_only_the_rep_sets_it_aside(
        uow, acme, rfp_rule, rep, team) -> None:
    view = _routed(uow, acme, rfp_rule)
    as_rep = uow.as_person(rep.id)
    with pytest.raises(ValidationError, match="Say why"):
        workflow.move_signal(as_rep, view.id, view.version, S.NOT_RELEVANT)
    with pytest.raises(ValidationError, match="can set this signal aside"):
        workflow.move_signal(uow.as_person(team[Department.PR].id), view.id, view.version,
                             S.NOT_RELEVANT, reason="Spam")
    workflow.move_signal(as_rep, view.id, view.version, S.NOT_RELEVANT, reason="A student")
    assert signals.get_signal(uow, view.id).reason == "A student"


def test_triage_confirms_the_account_routes_it_and_learns_the_identifier(uow, acme, rfp_rule,
                                                                        team, rep) -> None:
    signals.raise_signals_for(uow, _mentions(uow, {"platform": "x", "author_handle": "@acme_eu",
                                                   "excerpt": "AcmeBot RFP in Europe"}))
    held = signals.triage(uow)[0]
    as_pr = uow.as_person(team[Department.PR].id)
    step = workflow.confirm_match(as_pr, held.id, held.version, acme.id,
                                  learn=(IdentifierKind.HANDLE, "x", "@acme_eu"))
    routed = signals.get_signal(uow, held.id)
    assert (routed.status, routed.rep_id) == (S.ROUTED, rep.id)
    signals.raise_signals_for(uow, _mentions(uow, {
        "occurred_at": MONDAY + timedelta(days=14), "platform": "x", "author_handle": "acme_eu",
        "excerpt": "Second RFP round"}))
    assert signals.my_signals(uow, rep.id)[0].match_strength == "exact"
    assert len(signals.my_signals(uow, rep.id)) == 2
    assert step.made[0][0] == "account_identifiers"


def test_undoing_a_confirmation_puts_it_back_in_triage_and_forgets_the_identifier(
        uow, acme, rfp_rule, team) -> None:
    signals.raise_signals_for(uow, _mentions(uow, {"excerpt": "AcmeBot RFP in Europe"}))
    held = signals.triage(uow)[0]
    as_pr = uow.as_person(team[Department.PR].id)
    step = workflow.confirm_match(as_pr, held.id, held.version, acme.id,
                                  learn=(IdentifierKind.DOMAIN, "", "acme-robotics.eu"))
    workflow.undo_step(as_pr, step, step.version)
    assert signals.get_signal(uow, held.id).status == S.TRIAGE
    assert "acme-robotics.eu" not in {i.value for a in accounts.list_accounts(uow)
                                      for i in a.identifiers}
    with pytest.raises(ValidationError, match="cannot be undone or redone"):
        workflow.undo_step(as_pr, step, step.version + 1)


def test_reassigning_needs_a_reason_and_a_sales_rep(uow, acme, rfp_rule, rep, team) -> None:
    view = _routed(uow, acme, rfp_rule)
    other = create_person(uow, PersonInput("Mette Sørensen", Department.SALES, "mette@example.org"))
    as_rep = uow.as_person(rep.id)
    with pytest.raises(ValidationError, match="Say why"):
        workflow.reassign(as_rep, view.id, view.version, other.id, " ")
    with pytest.raises(ValidationError, match="sales rep"):
        workflow.reassign(as_rep, view.id, view.version, team[Department.PR].id, "holiday")
    workflow.reassign(as_rep, view.id, view.version, other.id, "On holiday until Monday")
    moved = signals.get_signal(uow, view.id)
    assert moved.rep_id == other.id and "On holiday until Monday" in moved.notes
    assert signals.my_signals(uow, rep.id) == []


def test_undo_takes_a_contact_back_out_of_the_log(uow, acme, rfp_rule, rep) -> None:
    view = _routed(uow, acme, rfp_rule)
    as_rep = uow.as_person(rep.id)
    step = workflow.acknowledge(as_rep, view.id, view.version)
    contact = workflow.log_contact(as_rep, view.id, step.version, _contact("email", "Hi"))
    workflow.undo_step(as_rep, contact, contact.version)
    back = signals.get_signal(uow, view.id)
    assert back.status == S.ACKNOWLEDGED and back.contacted_at is None
    assert stories.list_communications(uow, customer_id=acme.id) == []


def test_a_routed_signal_not_acknowledged_in_14_days_expires(uow, acme, rfp_rule) -> None:
    view = _routed(uow, acme, rfp_rule)
    assert workflow.expire_overdue(uow, utcnow() + timedelta(days=13)) == 0
    assert workflow.expire_overdue(uow, utcnow() + timedelta(days=15)) == 1
    assert signals.get_signal(uow, view.id).status == S.EXPIRED


def test_overdue_signals_come_first_in_the_reps_queue(uow, acme, rfp_rule, rep) -> None:
    rules.create_rule(uow, RuleInput("Growth", ("expanding",), Intent.EXPANSION, Urgency.WARM))
    signals.raise_signals_for(uow, _mentions(
        uow, {"link": "https://acme-robotics.com/a", "excerpt": "We are expanding"}))
    first = signals.raise_signals_for(uow, [])  # nothing new
    assert first.signals_new == 0
    signals.raise_signals_for(uow, _mentions(uow, {"link": "https://acme-robotics.com/b",
                                                   "excerpt": "RFP out"}))
    now = utcnow()
    queue = signals.my_signals(uow, rep.id, now=now)
    assert [s.urgency for s in queue] == [Urgency.HOT, Urgency.WARM]
    later = signals.my_signals(uow, rep.id, now=now + timedelta(days=5))
    assert all(s.overdue for s in later)


def test_the_purge_empties_old_excerpts_and_keeps_the_counts(uow, acme, rfp_rule) -> None:
    _routed(uow, acme, rfp_rule)
    with uow.read() as session:
        before = session.scalar(select(func.count()).select_from(m.Mention))
    purged = retention.purge_excerpts(uow, months=1, today=date(2027, 1, 15))
    assert (purged.mentions, purged.signals) == (1, 1)
    with uow.read() as session:
        assert session.scalar(select(func.count()).select_from(m.Mention)) == before
        assert session.scalar(select(m.Mention.excerpt)) == ""
    assert signals.list_signals(uow)[0].quote == ""
    assert signals.list_signals(uow)[0].mention_count == 1


def test_forget_this_author_removes_their_words_and_keeps_the_counts(uow, acme, rfp_rule) -> None:
    signals.raise_signals_for(uow, _mentions(uow, {
        "platform": "x", "author": "Ines Ortega", "author_handle": "@AcmeRobotics",
        "link": "https://x.com/acmerobotics/1", "excerpt": "RFP out"}))
    forgotten = retention.forget_author(uow, "@acmerobotics")
    assert forgotten.mentions == 1
    with uow.read() as session:
        row = session.scalar(select(m.Mention))
        assert (row.author, row.author_handle, row.excerpt, row.link) == ("", "", "", "")
    view = signals.list_signals(uow)[0]
    assert (view.quote, view.link, view.mention_count) == ("", "", 1)


def test_forgetting_an_author_is_in_the_change_log_without_their_words(uow, acme,
                                                                     rfp_rule) -> None:
    signals.raise_signals_for(uow, _mentions(uow, {
        "platform": "x", "author": "Ines Ortega", "author_handle": "@AcmeRobotics",
        "link": "https://x.com/acmerobotics/1", "excerpt": "RFP out from Ines Ortega"}))
    with uow.read() as session:
        mention_id = session.scalar(select(m.Mention.id))
        signal_id = session.scalar(select(m.Signal.id))
        seen = session.scalar(select(func.max(m.ChangeLogEntry.id))) or 0
    retention.forget_author(uow, "Ines Ortega")
    with uow.read() as session:
        entries = list(session.scalars(select(m.ChangeLogEntry).where(
            m.ChangeLogEntry.id > seen)))
    touched = {(e.table_name, e.row_id): e for e in entries}
    assert ("mentions", mention_id) in touched and ("signals", signal_id) in touched
    assert "author" in touched["mentions", mention_id].changes
    assert "quote" in touched["signals", signal_id].changes
    logged = " ".join(f"{e.summary} {e.changes}" for e in entries)
    assert "Ines" not in logged and "RFP out" not in logged


def test_probable_mentions_of_one_account_fold_in_triage_too(uow, acme, rfp_rule) -> None:
    result = signals.raise_signals_for(uow, _mentions(
        uow, {"excerpt": "AcmeBot RFP is out"},
        {"occurred_at": MONDAY + timedelta(days=2), "excerpt": "The AcmeBot RFP closes soon"}))
    assert (result.signals_new, result.signals_folded) == (1, 1)
    held, = signals.triage(uow)
    assert held.mention_count == 2 and held.candidates == (acme.id,)


def test_strong_intent_on_one_unknown_site_folds_into_one_triage_signal(uow, acme,
                                                                       rfp_rule) -> None:
    result = signals.raise_signals_for(uow, _mentions(
        uow, {"link": "https://www.newco.example/a", "excerpt": "Our RFP is out"},
        {"link": "https://jobs.newco.example/b", "excerpt": "RFP questions due"},
        {"link": "https://x.com/someone/1", "excerpt": "RFP for us too"},
        {"link": "https://x.com/someone_else/2", "excerpt": "And an RFP here"}))
    assert (result.signals_new, result.signals_folded) == (3, 1)  # posts on X stay apart


def test_the_activity_feed_says_what_the_rep_did(uow, acme, rfp_rule, rep) -> None:
    from desktop import activity

    view = _routed(uow, acme, rfp_rule)
    workflow.acknowledge(uow.as_person(rep.id), view.id, view.version)
    sentences = [a.sentence for a in activity.list_activity(uow) if a.table == "signals"]
    assert sentences[0] == "Олег Петров marked the signal 'buying signal' acknowledged"


def test_a_step_on_an_older_version_merges_with_a_note_added_meanwhile(uow, acme, rfp_rule,
                                                                      rep, team) -> None:
    view = _routed(uow, acme, rfp_rule)
    workflow.add_note(uow.as_person(team[Department.PR].id), view.id, view.version,
                      "Their CFO spoke at our webinar.")
    workflow.acknowledge(uow.as_person(rep.id), view.id, view.version)  # seen before the note
    merged = signals.get_signal(uow, view.id)
    assert merged.status == S.ACKNOWLEDGED
    assert merged.notes == "José Álvarez: Their CFO spoke at our webinar."


def test_the_same_step_twice_is_refused_in_words(uow, acme, rfp_rule, rep) -> None:
    view = _routed(uow, acme, rfp_rule)
    as_rep = uow.as_person(rep.id)
    workflow.acknowledge(as_rep, view.id, view.version)
    with pytest.raises(ValidationError, match="already acknowledged"):
        workflow.acknowledge(as_rep, view.id, view.version)
