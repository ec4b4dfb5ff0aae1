"""Customer stories: customers and reps, every workflow rule and each refusal, contacts,
placements, the twelve-month count and the pipeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from db import models as m
from db.enums import Department, StoryKind, StoryStatus
from desktop import stories
from desktop.errors import ConflictError, ValidationError
from desktop.people import PersonInput, create_person
from desktop.stories import (
    TRANSITIONS,
    CommunicationInput,
    CustomerInput,
    PlacementInput,
    RequestInput,
)

S = StoryStatus
TODAY = date.today()


@pytest.fixture
def as_rep(uow, rep):
    return uow.as_person(rep.id)


@pytest.fixture
def as_pr(uow, team):
    return uow.as_person(team[Department.PR].id)


def _request(customer: stories.Customer, **changes: object) -> RequestInput:
    data = RequestInput(customer.id, StoryKind.CASE_STUDY, "Case study: remote monitoring",
                        "A two-page case study with ward figures.",
                        "Their ward team presented as pioneers.",
                        "The launch's strongest proof point.")
    return replace(data, **changes)


def _at(uow, request: stories.StoryRequest, status: StoryStatus) -> stories.StoryRequest:
    """Put a request straight into ``status`` (test set-up, not a workflow step)."""
    with uow.write() as session:
        session.execute(update(m.StoryRequest).where(m.StoryRequest.id == request.id)
                        .values(status=status))
    return stories.get_request(uow, request.id)


def _approved(as_pr, as_rep, customer, **approval: object) -> stories.StoryRequest:
    request = stories.create_request(as_pr, _request(customer))
    change = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    stories.approve(as_rep, request.id, change.version, **approval)
    return stories.get_request(as_pr, request.id)


# --------------------------------------------------------------------------- customers


def test_customers_with_their_owning_rep(uow, customer, rep) -> None:
    listed = stories.list_customers(uow)
    assert [(c.name, c.rep_name, c.industry, c.recent_requests) for c in listed] == [
        ("Fjordlund Hospital", rep.name, "Hospital", 0)]


@pytest.mark.parametrize("changes,message", [
    ({"name": "  "}, "A customer needs a name."),
    ({"name": "fjordlund hospital"}, "There is already a customer called 'fjordlund hospital'."),
    ({"rep_id": None}, "Choose the sales rep who owns the relationship with this customer."),
    ({"rep_id": 999}, "That rep is no longer in the team; choose another."),
])
def test_invalid_customers_are_refused(uow, customer, changes, message) -> None:
    with pytest.raises(ValidationError) as refused:
        stories.create_customer(uow, replace(CustomerInput("Cedar Ridge", customer.rep_id),
                                             **changes))
    assert refused.value.message == message
    assert len(stories.list_customers(uow)) == 1


def test_a_customer_is_owned_by_a_sales_rep(uow, team) -> None:
    with pytest.raises(ValidationError, match="José Álvarez is not in sales; a customer is "
                                              "owned by a sales rep."):
        stories.create_customer(uow, CustomerInput("Cedar Ridge", team[Department.PR].id))


def test_only_the_rep_or_the_lead_hands_a_customer_over(uow, customer, as_pr, as_rep) -> None:
    other = create_person(uow, PersonInput("Camille Lefèvre", Department.SALES))
    handover = replace(customer.as_input(), rep_id=other.id)
    with pytest.raises(ValidationError, match="Only Олег Петров, who owns Fjordlund Hospital, or "
                                              "the team lead can hand this customer"):
        stories.update_customer(as_pr, customer.id, customer.version, handover)
    moved = stories.update_customer(as_rep, customer.id, customer.version, handover)
    assert moved.rep_name == "Camille Lefèvre"
    back = stories.update_customer(uow, moved.id, moved.version, customer.as_input())  # the lead
    assert back.rep_id == customer.rep_id
    renamed = stories.update_customer(as_pr, back.id, back.version,
                                      replace(back.as_input(), name="Fjordlund University Hospital"))
    assert renamed.name == "Fjordlund University Hospital"


def test_a_customer_edit_returns_the_customer_it_replaced_for_undo(uow, customer, as_pr) -> None:
    theirs = stories.update_customer(uow, customer.id, customer.version,  # the team lead
                                     replace(customer.as_input(), industry="University hospital"))
    before, after = stories.edit_customer(as_pr, customer.id, theirs.version,
                                          replace(theirs.as_input(), notes="Prefers email."))
    assert (before.industry, before.notes, before.version) == ("University hospital", "",
                                                               theirs.version)
    assert (after.industry, after.notes) == ("University hospital", "Prefers email.")
    assert stories.get_customer(as_pr, customer.id) == after


# --------------------------------------------------------------------------- requests


def test_a_new_request_is_a_draft_by_its_author(as_pr, customer, team) -> None:
    request = stories.create_request(as_pr, _request(customer))
    assert (request.status, request.requested_by_name, request.rep_name, request.customer_name) == (
        S.DRAFT, team[Department.PR].name, "Олег Петров", "Fjordlund Hospital")


@pytest.mark.parametrize("changes,message", [
    ({"customer_id": None}, "Choose the customer this request is for."),
    ({"title": " "}, "A request needs a title."),
    ({"what_pr_wants": ""}, "Say exactly what PR wants to do with the customer; the rep decides "
                            "on that."),
    ({"benefit_to_customer": "\n"}, "Say how the customer benefits; that is what the rep weighs "
                                    "first."),
    ({"benefit_to_company": ""}, "Say how the company benefits from this story."),
    ({"card_id": 4242}, "The board card this request belongs to has been deleted."),
])
def test_incomplete_requests_are_refused(as_pr, customer, changes, message) -> None:
    with pytest.raises(ValidationError) as refused:
        stories.create_request(as_pr, _request(customer, **changes))
    assert refused.value.message == message
    assert stories.list_requests(as_pr) == []


def test_the_whole_workflow_records_who_decided_and_when(as_pr, as_rep, customer, team) -> None:
    request = stories.create_request(as_pr, _request(customer))
    version = request.version
    before = datetime.utcnow() - timedelta(seconds=5)
    for status, actor in ((S.AWAITING_REP, as_pr), (S.APPROVED, as_rep),
                          (S.CUSTOMER_ASKED, as_pr), (S.CUSTOMER_AGREED, as_pr),
                          (S.IN_PRODUCTION, as_pr), (S.PUBLISHED, as_pr)):
        version = stories.move_request(actor, request.id, version, status, note="Go ahead").version
    done = stories.get_request(as_pr, request.id)
    assert done.status == S.PUBLISHED
    assert done.decided_by_name == "Олег Петров" and done.decision_note == "Go ahead"
    assert done.decided_at is not None and done.decided_at >= before
    history = stories.request_history(as_pr, request.id)
    pr, sales = team[Department.PR].name, "Олег Петров"
    assert [(h.status, h.person_name) for h in history] == [
        (S.DRAFT, pr), (S.AWAITING_REP, pr), (S.APPROVED, sales), (S.CUSTOMER_ASKED, pr),
        (S.CUSTOMER_AGREED, pr), (S.IN_PRODUCTION, pr), (S.PUBLISHED, pr)]
    assert history[2].note == "Go ahead" and all(h.changed_at >= before for h in history)


@pytest.mark.parametrize("actor", ["pr", "lead", "nobody"])
def test_only_the_owning_rep_approves_or_declines(uow, as_pr, customer, team, actor) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    who = {"pr": as_pr, "lead": uow, "nobody": uow.as_person(None)}[actor]
    expected = ("Say who you are first: only Олег Петров" if actor == "nobody"
                else "Only Олег Петров, who owns Fjordlund Hospital, can approve or decline this "
                     "request.")
    with pytest.raises(ValidationError, match=expected):
        stories.approve(who, request.id, waiting.version)
    with pytest.raises(ValidationError, match=expected):
        stories.decline(who, request.id, waiting.version, "Not now")
    stored = stories.get_request(uow, request.id)
    assert (stored.status, stored.decided_by_id, stored.decided_at) == (S.AWAITING_REP, None, None)


def test_a_decline_needs_the_reason_and_records_the_rep(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    with pytest.raises(ValidationError, match="Say why you decline, so PR knows what to change"):
        stories.decline(as_rep, request.id, waiting.version, "  ")
    stories.decline(as_rep, request.id, waiting.version, "Renewal under negotiation.")
    declined = stories.get_request(as_pr, request.id)
    assert (declined.status, declined.decided_by_name, declined.decision_note) == (
        S.DECLINED_BY_REP, "Олег Петров", "Renewal under negotiation.")
    assert declined.decided_at is not None


@pytest.mark.parametrize("status,message", [
    (S.DRAFT, "Nothing goes to Fjordlund Hospital before Олег Петров approves the request; it is "
              "still a draft."),
    (S.AWAITING_REP, "Nothing goes to Fjordlund Hospital before Олег Петров approves the "
                     "request; it is still awaiting the rep."),
    (S.DECLINED_BY_REP, "Олег Петров declined this request, so nothing goes to Fjordlund "
                        "Hospital."),
])
def test_nothing_reaches_the_customer_without_approval(as_pr, customer, status, message) -> None:
    request = _at(as_pr, stories.create_request(as_pr, _request(customer)), status)
    with pytest.raises(ValidationError) as refused:
        stories.move_request(as_pr, request.id, request.version, S.CUSTOMER_ASKED)
    assert refused.value.message == message
    assert stories.get_request(as_pr, request.id).status == status


def test_every_step_outside_the_table_is_refused(uow, as_rep, customer) -> None:
    """The whole transition table, both ways: each allowed step passes the table, no other does."""
    request = stories.create_request(as_rep, _request(customer))
    for current in StoryStatus:
        for target in StoryStatus:
            if target in TRANSITIONS[current]:
                continue
            placed = _at(uow, request, current)
            with pytest.raises(ValidationError):
                stories.move_request(as_rep, request.id, placed.version, target)
            assert stories.get_request(uow, request.id).status == current


@pytest.mark.parametrize("current,target,message", [
    (S.PUBLISHED, S.IN_PRODUCTION, "This request is published; it goes no further."),
    (S.CUSTOMER_DECLINED, S.CUSTOMER_AGREED, "This request is declined by the customer; it goes "
                                             "no further."),
    (S.DRAFT, S.APPROVED, "A request that is a draft cannot become approved; next it can be "
                          "awaiting the rep."),
    (S.CUSTOMER_ASKED, S.PUBLISHED, "A request that is with the customer cannot become "
                                    "published; next it can be agreed by the customer or "
                                    "declined by the customer."),
    (S.APPROVED, S.APPROVED, "This request is already approved."),
])
def test_refused_steps_say_what_can_come_next(uow, as_rep, customer, current, target,
                                              message) -> None:
    request = _at(uow, stories.create_request(as_rep, _request(customer)), current)
    with pytest.raises(ValidationError) as refused:
        stories.move_request(as_rep, request.id, request.version, target)
    assert refused.value.message == message


def test_back_to_draft_clears_the_old_decision(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    declined = stories.decline(as_rep, request.id, waiting.version, "Ask next quarter.")
    draft = stories.move_request(as_pr, request.id, declined.version, S.DRAFT)
    stored = stories.get_request(as_pr, request.id)
    assert (stored.status, stored.decided_by_id, stored.decision_note) == (S.DRAFT, None, "")
    assert draft.decision_before.decision_note == "Ask next quarter."


def test_a_step_based_on_what_someone_else_changed_is_refused(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    stories.approve(as_rep, request.id, waiting.version)
    with pytest.raises(ValidationError, match="A request that is approved cannot become a draft"):
        stories.move_request(as_pr, request.id, waiting.version, S.DRAFT)
    with pytest.raises(ValidationError) as refused:
        stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    assert refused.value.message == ("A request that is approved cannot become awaiting the rep; "
                                     "next it can be declined by the rep or with the customer.")


def test_a_stale_decision_is_a_conflict(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    approved = stories.approve(as_rep, request.id, waiting.version, note="Yes")
    stories.renew_approval(as_rep, request.id, approved.version, note="Yes, until June")
    with pytest.raises(ConflictError):
        stories.renew_approval(as_rep, request.id, approved.version, note="Yes, until May")
    assert stories.get_request(as_pr, request.id).decision_note == "Yes, until June"


def test_requests_can_be_rewritten_until_approved(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    edited = stories.update_request(as_pr, request.id, request.version,
                                    _request(customer, title="Case study: two wards"))
    assert edited.title == "Case study: two wards"
    approved = _approved(as_pr, as_rep, customer)
    with pytest.raises(ValidationError, match="This request is approved: the rep approved it as "
                                              "written, so it can no longer be changed."):
        stories.update_request(as_pr, approved.id, approved.version, _request(customer))


def test_an_edit_returns_the_request_it_replaced_for_undo(uow, as_pr, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    theirs = stories.update_request(uow, request.id, request.version,  # the team lead
                                    _request(customer, title="Their title"))
    before, after = stories.edit_request(as_pr, request.id, theirs.version,
                                         _request(customer, title="My title"))
    assert (before.title, before.version) == ("Their title", theirs.version)
    assert (after.title, after.version) == ("My title", theirs.version + 1)
    assert stories.get_request(as_pr, request.id) == after


def test_a_refused_edit_changes_nothing(as_pr, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    with pytest.raises(ValidationError, match="A request needs a title."):
        stories.edit_request(as_pr, request.id, request.version, _request(customer, title=" "))
    assert stories.get_request(as_pr, request.id) == request


def test_only_drafts_can_be_deleted(as_pr, as_rep, customer) -> None:
    draft = stories.create_request(as_pr, _request(customer))
    stories.delete_request(as_pr, draft.id, draft.version)
    approved = _approved(as_pr, as_rep, customer)
    with pytest.raises(ValidationError, match="Only a draft can be deleted; this request is "
                                              "approved and stays on record."):
        stories.delete_request(as_pr, approved.id, approved.version)
    assert [r.id for r in stories.list_requests(as_pr)] == [approved.id]


# --------------------------------------------------------------------------- approval limits


def test_an_approval_limited_to_other_uses_flags_the_request(as_pr, as_rep, customer) -> None:
    approved = _approved(as_pr, as_rep, customer, uses={StoryKind.QUOTE, StoryKind.PRESS_REFERENCE})
    assert approved.allowed_uses == {StoryKind.QUOTE, StoryKind.PRESS_REFERENCE}
    assert approved.flags == ("Олег Петров approved only the use as press reference and quote; "
                              "this request is for a case study.",)
    within = _approved(as_pr, as_rep, customer, uses={StoryKind.CASE_STUDY})
    assert within.flags == ()


def test_an_ended_approval_flags_and_stops_asking_the_customer(as_pr, as_rep, customer) -> None:
    ends = TODAY + timedelta(days=30)
    approved = _approved(as_pr, as_rep, customer, ends_on=ends)
    assert approved.approval_ends_on == ends and approved.flags == ()
    later = ends + timedelta(days=1)
    assert stories.get_request(as_pr, approved.id, today=later).flags == (
        f"The approval ended on {ends.isoformat()}; ask Олег Петров to extend it before going on.",)
    with pytest.raises(ValidationError, match=f"Олег Петров's approval ended on {ends.isoformat()}"):
        stories.move_request(as_pr, approved.id, approved.version, S.CUSTOMER_ASKED, today=later)
    with pytest.raises(ValidationError, match="Only Олег Петров"):
        stories.renew_approval(as_pr, approved.id, approved.version, ends_on=later + timedelta(30))
    renewed = stories.renew_approval(as_rep, approved.id, approved.version,
                                     ends_on=later + timedelta(days=30), today=later)
    asked = stories.move_request(as_pr, approved.id, renewed.version, S.CUSTOMER_ASKED, today=later)
    assert asked.after == S.CUSTOMER_ASKED


def test_an_approval_cannot_end_in_the_past(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    with pytest.raises(ValidationError, match="An approval cannot end in the past"):
        stories.approve(as_rep, request.id, waiting.version, ends_on=TODAY - timedelta(days=1))


def test_an_approval_by_a_former_rep_does_not_reach_the_customer(uow, as_pr, as_rep,
                                                                 customer) -> None:
    approved = _approved(as_pr, as_rep, customer)
    other = create_person(uow, PersonInput("Camille Lefèvre", Department.SALES))
    current = stories.get_customer(uow, customer.id)
    stories.update_customer(uow, customer.id, current.version,
                            replace(current.as_input(), rep_id=other.id))
    with pytest.raises(ValidationError, match="Fjordlund Hospital now belongs to Camille Lefèvre, "
                                              "who has not approved this request"):
        stories.move_request(as_pr, approved.id, approved.version, S.CUSTOMER_ASKED)


def test_placements_outside_the_approval_are_flagged(uow, as_pr, as_rep, customer) -> None:
    ends = TODAY + timedelta(days=10)
    approved = _at(uow, _approved(as_pr, as_rep, customer, ends_on=ends), S.IN_PRODUCTION)
    stories.add_placement(as_pr, approved.id, PlacementInput("Nordic Health Tech", TODAY))
    late = stories.add_placement(as_pr, approved.id,
                                 PlacementInput("HealthTech Forum", ends + timedelta(days=1)))
    assert late.flag == f"After the approval ended on {ends.isoformat()}"
    assert stories.get_request(as_pr, approved.id).flags == (
        f"Placed in HealthTech Forum on {(ends + timedelta(days=1)).isoformat()}, after the "
        f"approval ended on {ends.isoformat()}.",)


def test_uses_written_in_words_keep_the_kinds_they_name() -> None:
    kinds, other = stories.parse_uses("Case study, trade-press pitch, sales decks.")
    assert (kinds, other) == ({StoryKind.CASE_STUDY}, "trade-press pitch, sales decks.")
    assert stories.parse_uses("Interviews on the survey topic only.") == (
        frozenset(), "Interviews on the survey topic only.")
    assert stories.parse_uses(stories.uses_text([StoryKind.QUOTE, StoryKind.CASE_STUDY])) == (
        {StoryKind.QUOTE, StoryKind.CASE_STUDY}, "")


# --------------------------------------------------------------------------- undo


def test_undo_and_redo_of_an_approval_by_the_rep(as_pr, as_rep, customer) -> None:
    request = stories.create_request(as_pr, _request(customer))
    waiting = stories.move_request(as_pr, request.id, request.version, S.AWAITING_REP)
    change = stories.approve(as_rep, request.id, waiting.version, uses={StoryKind.CASE_STUDY})
    with pytest.raises(ValidationError, match="Only Олег Петров"):
        stories.undo_status_change(as_pr, change, change.version)
    undone = stories.undo_status_change(as_rep, change, change.version)
    stored = stories.get_request(as_pr, request.id)
    assert (stored.status, stored.decided_by_id, stored.allowed_uses) == (
        S.AWAITING_REP, None, frozenset())
    stories.redo_status_change(as_rep, undone, undone.version)
    stored = stories.get_request(as_pr, request.id)
    assert (stored.status, stored.decided_by_name, stored.allowed_uses) == (
        S.APPROVED, "Олег Петров", {StoryKind.CASE_STUDY})


def test_a_step_cannot_be_undone_once_the_request_moved_on(as_pr, as_rep, customer) -> None:
    approved = _approved(as_pr, as_rep, customer)
    asked = stories.move_request(as_pr, approved.id, approved.version, S.CUSTOMER_ASKED)
    stories.move_request(as_pr, approved.id, asked.version, S.CUSTOMER_AGREED)
    latest = stories.get_request(as_pr, approved.id)
    for version in (asked.version, latest.version):
        with pytest.raises(ValidationError, match="The request is agreed by the customer by now"):
            stories.undo_status_change(as_pr, asked, version)
    assert stories.get_request(as_pr, approved.id).status == S.CUSTOMER_AGREED


# --------------------------------------------------------------------------- asking too often


def test_requests_in_the_last_twelve_months_warn_from_the_fifth(uow, as_pr, customer) -> None:
    old = stories.create_request(as_pr, _request(customer, title="Last year's quote"))
    with uow.write() as session:  # written thirteen months ago
        session.execute(update(m.StoryRequest).where(m.StoryRequest.id == old.id)
                        .values(created_at=datetime.utcnow() - timedelta(days=400)))
    counts = []
    for number in range(1, 6):
        stories.create_request(as_pr, _request(customer, title=f"Request {number}"))
        current = stories.get_customer(as_pr, customer.id)
        counts.append((current.recent_requests, current.asked_too_often))
    assert counts == [(1, False), (2, False), (3, False), (4, False), (5, True)]
    assert stories.requests_in_last_year(as_pr, customer.id) == 5
    assert stories.list_requests(as_pr)[0].customer_recent_requests == 5


def test_a_year_ago_from_a_leap_day() -> None:
    assert stories.year_ago(date(2028, 2, 29)) == date(2027, 2, 28)
    assert stories.year_ago(date(2026, 11, 22)) == date(2025, 11, 22)


# --------------------------------------------------------------------------- communications


def _contact(customer: stories.Customer, **changes: object) -> CommunicationInput:
    return replace(CommunicationInput(customer.id, TODAY - timedelta(days=1), "email",
                                      "Sent the draft paragraph; Олег in copy."), **changes)


def test_a_communication_includes_the_rep(as_pr, customer, team) -> None:
    logged = stories.log_communication(as_pr, _contact(customer, without_rep_reason="ignored"))
    assert (logged.rep_included, logged.without_rep_reason, logged.logged_by_name) == (
        True, "", team[Department.PR].name)
    assert stories.get_customer(as_pr, customer.id).last_contact_on == TODAY - timedelta(days=1)


def test_without_the_rep_the_reason_is_asked_for_and_kept(as_pr, customer) -> None:
    with pytest.raises(ValidationError) as refused:
        stories.log_communication(as_pr, _contact(customer, rep_included=False))
    assert refused.value.message == ("Олег Петров was not included: say why. The reason is kept "
                                     "with the log.")
    assert refused.value.field == "without_rep_reason"
    reason = "The customer called PR directly; the summary went to Олег the same day."
    stories.log_communication(as_pr, _contact(customer, rep_included=False,
                                              without_rep_reason=reason))
    [kept] = stories.list_communications(as_pr, customer_id=customer.id)
    assert (kept.rep_included, kept.without_rep_reason) == (False, reason)


@pytest.mark.parametrize("changes,message", [
    ({"occurred_on": None}, "A communication needs the date it happened."),
    ({"occurred_on": TODAY + timedelta(days=1)}, "A communication cannot be dated in the future; "
                                                 "log it once it has happened."),
    ({"customer_id": None}, "Choose the customer you were in touch with."),
    ({"channel": " "}, "Say how you were in touch: email, call, meeting …"),
    ({"summary": ""}, "Write a short summary of what was said."),
])
def test_incomplete_communications_are_refused(as_pr, customer, changes, message) -> None:
    with pytest.raises(ValidationError) as refused:
        stories.log_communication(as_pr, _contact(customer, **changes))
    assert refused.value.message == message
    assert stories.list_communications(as_pr) == []


def test_no_contact_about_a_request_before_the_rep_approves(as_pr, as_rep, customer, rep) -> None:
    draft = stories.create_request(as_pr, _request(customer))
    with pytest.raises(ValidationError, match="Nothing goes to Fjordlund Hospital before Олег "
                                              "Петров approves 'Case study: remote monitoring'"):
        stories.log_communication(as_pr, _contact(customer, request_id=draft.id))
    other = stories.create_customer(as_pr, CustomerInput("Cedar Ridge", rep.id))
    approved = _approved(as_pr, as_rep, customer)
    with pytest.raises(ValidationError, match="That request is for another customer, not Cedar"):
        stories.log_communication(as_pr, _contact(other, request_id=approved.id))
    logged = stories.log_communication(as_pr, _contact(customer, request_id=approved.id))
    assert logged.request_title == "Case study: remote monitoring"
    assert [c.id for c in stories.list_communications(as_pr, request_id=approved.id)] == [
        logged.id]


# --------------------------------------------------------------------------- placements


def test_placements_are_recorded_per_request_and_counted(uow, as_pr, as_rep, customer) -> None:
    request = _at(uow, _approved(as_pr, as_rep, customer), S.PUBLISHED)
    first = stories.add_placement(as_pr, request.id, PlacementInput(
        "Nordic Health Tech", TODAY - timedelta(days=40), "https://example.org/story"))
    stories.add_placement(as_pr, request.id, PlacementInput("Our website", TODAY))
    assert [p.outlet for p in stories.list_placements(as_pr, request_id=request.id)] == [
        "Our website", "Nordic Health Tech"]
    assert stories.count_placements(as_pr, TODAY - timedelta(days=30), TODAY) == 1
    assert stories.count_placements(as_pr, TODAY - timedelta(days=60), TODAY) == 2
    assert stories.get_request(as_pr, request.id).placement_count == 2
    stories.delete_placement(as_pr, first.id, first.version)
    assert stories.count_placements(as_pr, TODAY - timedelta(days=60), TODAY) == 1


@pytest.mark.parametrize("data,message", [
    (PlacementInput(" ", TODAY), "Say where the story appeared: the outlet or the event."),
    (PlacementInput("Nordic Health Tech", None), "A placement needs the date it appeared."),
    (PlacementInput("Nordic Health Tech", TODAY, "javascript:alert(1)"),
     "A link must start with http:// or https://."),
])
def test_incomplete_placements_are_refused(uow, as_pr, as_rep, customer, data, message) -> None:
    request = _at(uow, _approved(as_pr, as_rep, customer), S.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        stories.add_placement(as_pr, request.id, data)
    assert refused.value.message == message


def test_only_a_story_the_customer_agreed_to_is_placed(as_pr, as_rep, customer) -> None:
    approved = _approved(as_pr, as_rep, customer)
    with pytest.raises(ValidationError, match="Only a story the customer agreed to can be placed; "
                                              "this request is approved."):
        stories.add_placement(as_pr, approved.id, PlacementInput("Nordic Health Tech", TODAY))
    assert stories.list_placements(as_pr) == []


# --------------------------------------------------------------------------- the pipeline


def test_the_pipeline_puts_what_waits_for_the_rep_first(uow, as_pr, as_rep, customer) -> None:
    other_rep = create_person(uow, PersonInput("Camille Lefèvre", Department.SALES))
    theirs = stories.create_customer(uow, CustomerInput("Cedar Ridge", other_rep.id))
    mine = stories.create_request(as_pr, _request(customer, title="Mine"))
    stories.move_request(as_pr, mine.id, mine.version, S.AWAITING_REP)
    other = stories.create_request(as_pr, _request(theirs, title="Theirs"))
    stories.move_request(as_pr, other.id, other.version, S.AWAITING_REP)
    stories.create_request(as_pr, _request(customer, title="Draft"))

    groups = stories.pipeline(as_rep, as_rep.person_id)
    assert groups[0].status is None and [r.title for r in groups[0].requests] == ["Mine"]
    assert [g.status for g in groups[1:]] == list(StoryStatus)
    by_status = {g.status: [r.title for r in g.requests] for g in groups[1:]}
    assert by_status[S.AWAITING_REP] == ["Theirs", "Mine"] and by_status[S.DRAFT] == ["Draft"]
    assert [g.status for g in stories.pipeline(as_pr, as_pr.person_id)] == list(StoryStatus)


# --------------------------------------------------------------------------- review fixes


def test_a_draft_with_contacts_on_record_is_not_deleted(as_pr, as_rep, customer) -> None:
    approved = _approved(as_pr, as_rep, customer)
    stories.log_communication(as_pr, _contact(customer, request_id=approved.id))
    declined = stories.decline(as_rep, approved.id, approved.version, "Not this quarter.")
    draft = stories.move_request(as_pr, approved.id, declined.version, S.DRAFT)
    with pytest.raises(ValidationError) as refused:
        stories.delete_request(as_pr, approved.id, draft.version)
    assert refused.value.message == (
        "'Case study: remote monitoring' has a logged contact with Fjordlund Hospital on "
        "record, so it stays; leave it as a draft instead of deleting it.")
    assert stories.get_request(as_pr, approved.id).status == S.DRAFT
    assert len(stories.list_communications(as_pr, customer_id=customer.id)) == 1


def test_anyone_may_undo_and_redo_asking_the_customer(as_pr, as_rep, customer) -> None:
    approved = _approved(as_pr, as_rep, customer)
    asked = stories.move_request(as_pr, approved.id, approved.version, S.CUSTOMER_ASKED)
    undone = stories.undo_status_change(as_pr, asked, asked.version)
    stored = stories.get_request(as_pr, approved.id)
    assert (stored.status, stored.decided_by_name) == (S.APPROVED, "Олег Петров")
    stories.redo_status_change(as_pr, undone, undone.version)
    assert stories.get_request(as_pr, approved.id).status == S.CUSTOMER_ASKED


def test_only_the_rep_undoes_a_decline_or_a_changed_approval(as_pr, as_rep, customer) -> None:
    approved = _approved(as_pr, as_rep, customer)
    renewed = stories.renew_approval(as_rep, approved.id, approved.version, note="Until June")
    with pytest.raises(ValidationError, match="Only Олег Петров"):
        stories.undo_status_change(as_pr, renewed, renewed.version)
    undone = stories.undo_status_change(as_rep, renewed, renewed.version)
    declined = stories.decline(as_rep, approved.id, undone.version, "Not this quarter.")
    with pytest.raises(ValidationError, match="Only Олег Петров"):
        stories.undo_status_change(as_pr, declined, declined.version)
    assert stories.get_request(as_pr, approved.id).status == S.DECLINED_BY_REP
