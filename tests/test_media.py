"""Media relations and speaking slots, the rules: pitched recently, do-not-contact and its
override, customers named only with the rep's approval, coverage linked to the pitch that
earned it, amplification into marketing's cards, talks and their customer speakers, the
deadlines on the calendar and under My actions, and the materials past their end."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
import pytest

from db import models as m
from db.enums import CardKind, ContactKind, Department, PitchState, StoryKind, SubmissionState, Team
from desktop import board, calendar_ics, events, lineage, stories
from desktop.board import CardInput
from desktop.errors import ValidationError
from desktop.media import contacts, coverage, materials, pitches, speaking
from desktop.media.contacts import ContactInput, OutletInput
from desktop.media.pitches import PitchInput
from desktop.stories import CustomerInput, RequestInput

DAY = date(2026, 9, 1)


@pytest.fixture
def pr(uow, team):
    return uow.as_person(team[Department.PR].id)


@pytest.fixture
def marketing(uow, team):
    return uow.as_person(team[Department.MARKETING].id)


@pytest.fixture
def media(pr):
    """Two outlets and three contacts, one of them marked do-not-contact."""
    hitw = contacts.create_outlet(pr, OutletInput("Health IT Weekly", 1, 120_000, "media kit",
                                                  "hospitals", "https://www.hitw.example/"))
    mte = contacts.create_outlet(pr, OutletInput("MedTech Europe Today", 2, web_domain="mte.example"))
    maren = contacts.create_contact(pr, ContactInput("Maren Okafor", hitw.id, ContactKind.EDITOR,
                                                     "hospitals", "maren@hitw.example", "marenokafor"))
    tobias = contacts.create_contact(pr, ContactInput("Tobias Lindqvist", hitw.id))
    renee = contacts.create_contact(pr, ContactInput("Renée Duval", mte.id))
    before, renee = contacts.set_do_not_contact(pr, renee.id, renee.version, on=True,
                                                reason="Asked to be taken off all lists",
                                                today=DAY - timedelta(days=30))
    return {"hitw": hitw, "mte": mte, "maren": maren, "tobias": tobias, "renee": renee}


@pytest.fixture
def survey(pr, team):
    return board.create_card(pr, CardInput("Survey press release", Team.PR,
                                           CardKind.PRESS_RELEASE, owner_id=team[Department.PR].id))


def _pitch(card_id: int, *contact_ids: int, on: date = DAY, **changes: object) -> PitchInput:
    return PitchInput(card_id, contact_ids, "62% of hospital CIOs plan AI budgets", on,
                      **changes)


# --------------------------------------------------------------------------- the rules


def test_a_contact_pitched_by_a_teammate_last_week_is_warned_of_and_the_others_sent(
        pr, marketing, media, survey, team) -> None:
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id))
    with pytest.raises(pitches.PitchedRecently) as warned:
        pitches.log_pitch(marketing, _pitch(survey, media["maren"].id, media["tobias"].id,
                                            on=DAY + timedelta(days=6)))
    assert warned.value.message.startswith("Pitched in the last 14 days: Maren Okafor was "
                                           "pitched by José Álvarez on 2026-09-01")
    assert [r.contact_id for r in warned.value.recent] == [media["maren"].id]
    assert pitches.list_pitches(marketing, DAY) and len(pitches.list_pitches(marketing)) == 1

    pitches.log_pitch(marketing, _pitch(survey, media["tobias"].id, on=DAY + timedelta(days=6)))
    pitches.log_pitch(marketing, _pitch(survey, media["maren"].id, on=DAY + timedelta(days=6),
                                        send_anyway=True))
    assert sorted(p.contact_name for p in pitches.list_pitches(pr)) == [
        "Maren Okafor", "Maren Okafor", "Tobias Lindqvist"]


def test_the_window_is_a_team_setting_and_drafts_do_not_count(pr, media, survey) -> None:
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id, state=PitchState.DRAFTED))
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id, on=DAY + timedelta(days=1)))
    pitches.set_recent_days(pr, 3)
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id, on=DAY + timedelta(days=4)))
    with pytest.raises(pitches.PitchedRecently, match="last 3 days"):
        pitches.log_pitch(pr, _pitch(survey, media["maren"].id, on=DAY + timedelta(days=5)))


def test_a_do_not_contact_contact_is_refused_until_overridden_with_a_reason(
        pr, media, survey) -> None:
    renee = media["renee"]
    assert (renee.do_not_contact, renee.do_not_contact_reason, renee.do_not_contact_by) == (
        True, "Asked to be taken off all lists", "José Álvarez")
    with pytest.raises(pitches.DoNotContact, match=r"Renée Duval \(Asked to be taken off"):
        pitches.log_pitch(pr, _pitch(survey, renee.id, media["tobias"].id))
    with pytest.raises(pitches.DoNotContact):
        pitches.log_pitch(pr, _pitch(survey, renee.id, overrides=((renee.id, "  "),)))
    assert pitches.list_pitches(pr) == []

    pitches.log_pitch(pr, _pitch(survey, renee.id, overrides=(
        (renee.id, "She asked for the survey data at the conference"),)))
    [row] = pitches.list_pitches(pr)
    assert (row.contact_name, row.override_reason) == (
        "Renée Duval", "She asked for the survey data at the conference")


def test_a_draft_overriding_do_not_contact_is_sent_with_its_reason_and_undone_keeping_it(
        pr, media, survey) -> None:
    renee = media["renee"]
    logged = pitches.log_pitch(pr, _pitch(survey, renee.id, state=PitchState.DRAFTED,
                                          overrides=((renee.id, "She asked for the data"),)))
    sent = pitches.send_draft(pr, logged.pitch_id, DAY + timedelta(days=1))
    [row] = pitches.list_pitches(pr)
    assert (row.state, row.override_reason) == (PitchState.SENT, "She asked for the data")

    pitches.unsend(pr, sent)
    [row] = pitches.list_pitches(pr)
    assert (row.state, row.override_reason) == (PitchState.DRAFTED, "She asked for the data")
    pitches.send_draft(pr, logged.pitch_id, sent.on, overrides=sent.overrides)  # redo
    assert pitches.list_pitches(pr)[0].override_reason == "She asked for the data"


def test_marking_do_not_contact_needs_a_reason(pr, media) -> None:
    maren = media["maren"]
    with pytest.raises(ValidationError, match="Say why"):
        contacts.set_do_not_contact(pr, maren.id, maren.version, on=True, reason=" ")


@pytest.fixture
def customer(pr, team):
    return stories.create_customer(pr, CustomerInput("Fjordlund Hospital",
                                                      team[Department.SALES].id))


def _approved(pr, rep, customer, kind: StoryKind, **approval: object) -> stories.StoryRequest:
    request = stories.create_request(pr, RequestInput(
        customer.id, kind, f"{kind.value} for the survey", "Name them in the release",
        "Visibility as pioneers", "Proof"))
    change = stories.move_request(pr, request.id, request.version,
                                  stories.StoryStatus.AWAITING_REP)
    stories.approve(rep, request.id, change.version, today=DAY, **approval)
    return stories.get_request(pr, request.id)


def test_a_pitch_naming_a_customer_needs_the_reps_approval_of_the_use(
        uow, pr, team, media, survey, customer) -> None:
    rep = uow.as_person(team[Department.SALES].id)
    with pytest.raises(ValidationError, match="Fjordlund Hospital may be named only with "
                       "Олег Петров's approval"):
        pitches.log_pitch(pr, _pitch(survey, media["maren"].id, customer_id=customer.id))
    _approved(pr, rep, customer, StoryKind.CASE_STUDY)  # a case study is not a press use
    with pytest.raises(ValidationError, match="press reference and quote"):
        pitches.log_pitch(pr, _pitch(survey, media["maren"].id, customer_id=customer.id))
    assert pitches.list_pitches(pr) == []

    request = _approved(pr, rep, customer, StoryKind.PRESS_REFERENCE,
                        ends_on=DAY + timedelta(days=10))
    logged = pitches.log_pitch(pr, _pitch(survey, media["maren"].id, customer_id=customer.id))
    with uow.read() as session:
        assert session.get(m.Pitch, logged.pitch_id).story_request_id == request.id
    with pytest.raises(ValidationError, match="approval of 'press_reference for the survey' "
                       "ended on 2026-09-11"):
        pitches.log_pitch(pr, _pitch(survey, media["tobias"].id, customer_id=customer.id,
                                     on=DAY + timedelta(days=20)))


def test_pitching_the_card_of_a_customers_story_needs_their_approval_though_none_was_named(
        uow, pr, team, media, survey, customer) -> None:
    stories.create_request(pr, RequestInput(
        customer.id, StoryKind.PRESS_REFERENCE, "Fjordlund in the survey release",
        "Name them", "Visibility", "Proof", survey))
    with pytest.raises(ValidationError, match="Fjordlund Hospital may be named only with "
                       "Олег Петров's approval"):
        pitches.log_pitch(pr, _pitch(survey, media["maren"].id))
    assert pitches.list_pitches(pr) == []

    _approved(pr, uow.as_person(team[Department.SALES].id), customer, StoryKind.QUOTE)
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id))
    assert [p.customer_name for p in pitches.list_pitches(pr)] == ["Fjordlund Hospital"]


def test_recipient_states_follow_the_workflow(pr, media, survey) -> None:
    logged = pitches.log_pitch(pr, _pitch(survey, media["maren"].id))
    [row] = pitches.list_pitches(pr)
    with pytest.raises(ValidationError, match="sent cannot become covered; next it can be "
                       "replied or interested or declined or no reply"):
        pitches.move_recipient(pr, row.recipient_id, row.recipient_version, PitchState.COVERED)
    change = pitches.move_recipient(pr, logged.recipient_ids[0], row.recipient_version,
                                    PitchState.REPLIED)
    assert (change.before, change.after) == (PitchState.SENT, PitchState.REPLIED)


def test_follow_ups_of_unanswered_pitches_are_the_owners_actions(pr, media, survey, team) -> None:
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id, media["tobias"].id,
                                 follow_up_on=DAY + timedelta(days=4)))
    [row] = [r for r in pitches.list_pitches(pr) if r.contact_name == "Maren Okafor"]
    pitches.move_recipient(pr, row.recipient_id, row.recipient_version, PitchState.REPLIED)
    [action] = pitches.follow_ups(pr, team[Department.PR].id, today=DAY + timedelta(days=1))
    assert (action.follow_up_on, action.waiting) == (DAY + timedelta(days=4),
                                                     ("Tobias Lindqvist",))
    assert pitches.follow_ups(pr, team[Department.PR].id, today=DAY - timedelta(days=10)) == []
    assert pitches.follow_ups(pr, team[Department.MARKETING].id, today=DAY) == []


# --------------------------------------------------------------------------- coverage


def _coverage_record(uow, outlet: str, author: str, title: str, day: date, reach: float) -> int:
    with uow.write() as session:
        batch = m.ImportBatch(file_name="monitoring.csv", file_sha256="cd" * 32)
        session.add(batch)
        session.flush()
        rows = [m.MetricRecord(occurred_at=datetime.combine(day, datetime.min.time()),
                               channel="press", content=title, metric=metric, value=value,
                               import_id=batch.id, source_row=2, outlet=outlet, author=author,
                               timed=False)
                for metric, value in (("reach", reach), ("mentions", 1))]
        session.add_all(rows)
        session.flush()
        return rows[0].id


def test_coverage_is_suggested_by_author_outlet_and_date_and_linked_when_confirmed(
        pr, media, survey) -> None:
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id, media["tobias"].id))
    record = _coverage_record(pr, "Health IT Weekly", "Maren Okafor", "CIOs bet on AI",
                              DAY + timedelta(days=3), 40_000)
    _coverage_record(pr, "Health IT Weekly", "Someone Else", "Before the pitch",
                     DAY - timedelta(days=3), 5)

    suggestions = coverage.suggest_links(pr)
    assert [(s.contact_name, s.reasons) for s in suggestions] == [
        ("Maren Okafor", ("same author", "same outlet", "3 days after the pitch")),
        ("Tobias Lindqvist", ("same outlet", "3 days after the pitch"))]
    best = suggestions[0]
    assert best.piece.record_id == record

    linked = coverage.confirm_link(pr, best.recipient_id, record_id=record)
    assert [s.piece.title for s in coverage.suggest_links(pr)] == []
    _coverage_record(pr, "Health IT Weekly", "Tobias Lindqvist", "Security and AI",
                     DAY + timedelta(days=5), 900)
    assert [(s.piece.title, s.contact_name) for s in coverage.suggest_links(pr)] == [
        ("Security and AI", "Tobias Lindqvist"), ("Security and AI", "Maren Okafor")]
    rows = {r.contact_name: r for r in pitches.list_pitches(pr)}
    assert (rows["Maren Okafor"].state, rows["Maren Okafor"].coverage) == (PitchState.COVERED, 1)
    assert pitches.card_tallies(pr)[survey].text() == "pitched 2, replied 1, covered 1"
    maren = contacts.get_contact(pr, media["maren"].id)
    assert (maren.reply_rate, maren.coverage_rate) == (1.0, 1.0)
    assert contacts.get_contact(pr, media["tobias"].id).reply_rate == 0.0

    card = board.get_card(pr, linked.card_id)
    assert (card.kind, card.derived_from_id, card.title) == (
        CardKind.MEDIA_COVERAGE, survey, "Health IT Weekly: CIOs bet on AI")
    tree = lineage.lineage(pr, survey)
    assert (tree.total.reach, tree.total.coverage) == (40_000, 1)

    coverage.unlink(pr, linked)
    assert pitches.card_tallies(pr)[survey].covered == 0
    assert lineage.lineage(pr, survey).total.reach == 0
    assert ("CIOs bet on AI", "Maren Okafor") in [(s.piece.title, s.contact_name)
                                                   for s in coverage.suggest_links(pr)]


def test_a_typed_placement_links_too_and_not_before_the_pitch(pr, media, survey) -> None:
    logged = pitches.log_pitch(pr, _pitch(survey, media["tobias"].id))
    with pytest.raises(ValidationError, match="before the pitch"):
        coverage.confirm_link(pr, logged.recipient_ids[0], placement=coverage.PlacementInput(
            "Health IT Weekly", "Old news", DAY - timedelta(days=1)))
    coverage.confirm_link(pr, logged.recipient_ids[0], placement=coverage.PlacementInput(
        "Health IT Weekly", "Security and AI", DAY + timedelta(days=9), "Tobias Lindqvist",
        "https://hitw.example/security-ai"))
    [link] = coverage.list_links(pr)
    assert (link.contact_name, link.title, link.url, link.confirmed_by) == (
        "Tobias Lindqvist", "Security and AI", "https://hitw.example/security-ai", "José Álvarez")


def test_amplify_derives_marketings_pieces_from_the_coverage_card(pr, media, survey, team) -> None:
    logged = pitches.log_pitch(pr, _pitch(survey, media["maren"].id))
    linked = coverage.confirm_link(pr, logged.recipient_ids[0], placement=coverage.PlacementInput(
        "Health IT Weekly", "CIOs bet on AI", DAY + timedelta(days=2)))
    with pytest.raises(ValidationError, match="not media coverage"):
        coverage.amplify(pr, survey)

    done = coverage.amplify(pr, linked.card_id, channels=("linkedin", "x"), today=DAY)
    cards = [board.get_card(pr, card_id) for card_id in done.card_ids]
    assert [(c.kind, c.channel, c.due_on) for c in cards] == [
        (CardKind.SOCIAL_POST, "linkedin", DAY + timedelta(days=1)),
        (CardKind.SOCIAL_POST, "x", DAY + timedelta(days=1)),
        (CardKind.EMAIL, "email", DAY + timedelta(days=7)),
        (CardKind.OTHER, "sales", DAY + timedelta(days=10)),
        (CardKind.PAID_AD, "linkedin", DAY + timedelta(days=3))]
    assert {(c.team, c.owner_name, c.derived_from_id) for c in cards} == {
        (Team.MARKETING, "Priya Nair", linked.card_id)}
    assert [c.title for c in cards[:1]] + [cards[3].title] == [
        "LinkedIn post: Health IT Weekly: CIOs bet on AI",
        "Sales one-pager update: Health IT Weekly: CIOs bet on AI"]
    tree = lineage.lineage(pr, survey)
    assert tree.pieces == 6 and [c.card_id for c in tree.children[0].children] == list(
        done.card_ids)
    assert coverage.list_links(pr)[0].amplified == 5

    with pytest.raises(ValidationError, match="'Health IT Weekly: CIOs bet on AI' was "
                       "amplified already: 5 of marketing's pieces derive from it"):
        coverage.amplify(pr, linked.card_id, today=DAY)
    assert lineage.lineage(pr, survey).pieces == 6

    coverage.take_back_amplified(pr, done)
    assert lineage.lineage(pr, survey).pieces == 1
    coverage.restore_amplified(pr, done)
    assert lineage.lineage(pr, survey).pieces == 6


# --------------------------------------------------------------------------- materials


def test_a_material_past_its_end_is_flagged_where_it_is_attached(
        uow, pr, team, media, survey, customer) -> None:
    rep = uow.as_person(team[Department.SALES].id)
    quote = _approved(pr, rep, customer, StoryKind.QUOTE, ends_on=DAY + timedelta(days=30))
    item = materials.create_material(pr, materials.MaterialInput(
        "Approved quote of the CIO", "//share/pr/quotes/fjordlund.docx",
        team[Department.MARKETING].id, "press, web", DAY + timedelta(days=90), quote.id))
    assert item.ends_on == DAY + timedelta(days=30)  # the approval's end comes first
    charts = materials.create_material(pr, materials.MaterialInput("Survey charts",
                                                                   "https://share.example/c"))
    materials.attach_to_card(pr, item.id, survey)
    pitches.log_pitch(pr, _pitch(survey, media["maren"].id, material_ids=(item.id, charts.id)))

    later = DAY + timedelta(days=31)
    assert materials.card_material_flags(pr, survey, later) == (
        "'Approved quote of the CIO' may no longer be used: it ended on 2026-10-01.",)
    assert materials.card_material_flags(pr, survey, DAY) == ()
    assert pitches.list_pitches(pr, later)[0].material_flags == materials.card_material_flags(
        pr, survey, later)
    listed = {x.title: x for x in materials.list_materials(pr, later)}
    assert listed["Approved quote of the CIO"].attached_to == (
        "card 'Survey press release'", "pitch '62% of hospital CIOs plan AI budgets'")
    assert listed["Survey charts"].flags == ()


# --------------------------------------------------------------------------- speaking slots


@pytest.fixture
def summit(pr, team):
    return speaking.create_event(pr, speaking.EventInput(
        "HealthTech Summit", date(2026, 11, 3), date(2026, 11, 4), "Lyon", "Hospital CIOs",
        date(2026, 9, 20), "https://summit.example/cfp", team[Department.PR].id))


def test_a_customer_goes_on_stage_only_with_an_approved_event_speaker_request(
        uow, pr, team, summit, customer) -> None:
    rep = uow.as_person(team[Department.SALES].id)
    on_stage = speaking.SubmissionInput(summit.id, "What CIOs want from AI", speakers=(
        speaking.SpeakerInput(person_id=team[Department.PR].id),
        speaking.SpeakerInput(customer_id=customer.id, name="Dr. Ines Berg, CIO")))
    with pytest.raises(ValidationError, match="putting them on stage at HealthTech Summit "
                       "needs an approved story request for the use as event speaker"):
        speaking.create_submission(pr, on_stage)
    _approved(pr, rep, customer, StoryKind.PRESS_REFERENCE)
    with pytest.raises(ValidationError, match="event speaker"):
        speaking.create_submission(pr, on_stage)
    request = _approved(pr, rep, customer, StoryKind.EVENT_SPEAKER,
                        ends_on=date(2026, 11, 10))
    talk = speaking.create_submission(pr, on_stage)
    assert [(s.name, s.customer_name, s.story_request_id) for s in talk.speakers] == [
        ("José Álvarez", "", None), ("Dr. Ines Berg, CIO", "Fjordlund Hospital", request.id)]
    assert talk.customers_on_stage == 1


def test_submission_states_and_the_approval_checked_again_at_confirmation(
        uow, pr, team, summit, customer) -> None:
    rep = uow.as_person(team[Department.SALES].id)
    request = _approved(pr, rep, customer, StoryKind.EVENT_SPEAKER)
    talk = speaking.create_submission(pr, speaking.SubmissionInput(summit.id, "AI on the ward",
        speakers=(speaking.SpeakerInput(customer_id=customer.id, name="Dr. Ines Berg"),)))
    with pytest.raises(ValidationError, match="a draft cannot become accepted; next it can be "
                       "submitted or withdrawn"):
        speaking.move_submission(pr, talk.id, talk.version, SubmissionState.ACCEPTED)
    version = talk.version
    for state in (SubmissionState.SUBMITTED, SubmissionState.ACCEPTED):
        version = speaking.move_submission(pr, talk.id, version, state).version
    with uow.write() as session:  # the rep's approval ends meanwhile
        session.get(m.StoryRequest, request.id).approval_ends_on = date(2026, 10, 1)
    with pytest.raises(ValidationError, match="ended on 2026-10-01"):
        speaking.move_submission(pr, talk.id, version, SubmissionState.CONFIRMED)
    assert speaking.list_submissions(pr)[0].state == SubmissionState.ACCEPTED
    with pytest.raises(ValidationError, match="accepted cannot become delivered"):
        speaking.move_submission(pr, talk.id, version, SubmissionState.DELIVERED)
    speaking.move_submission(pr, talk.id, version, SubmissionState.WITHDRAWN)


def test_a_delivered_talk_with_a_customer_on_stage_is_a_placement_of_their_story(
        uow, pr, team, summit, customer) -> None:
    rep = uow.as_person(team[Department.SALES].id)
    request = _approved(pr, rep, customer, StoryKind.EVENT_SPEAKER)
    talk = speaking.create_submission(pr, speaking.SubmissionInput(summit.id, "AI on the ward",
        speakers=(speaking.SpeakerInput(customer_id=customer.id, name="Dr. Ines Berg"),)))
    version = talk.version
    for state in (SubmissionState.SUBMITTED, SubmissionState.ACCEPTED, SubmissionState.CONFIRMED):
        version = speaking.move_submission(pr, talk.id, version, state).version
    assert stories.list_placements(pr, request_id=request.id) == []
    speaking.move_submission(pr, talk.id, version, SubmissionState.DELIVERED)
    [placed] = stories.list_placements(pr, request_id=request.id)
    assert (placed.outlet, placed.placed_on, placed.url) == (
        "HealthTech Summit", date(2026, 11, 3), "https://summit.example/cfp")
    assert stories.count_placements(pr, date(2026, 11, 1), date(2026, 11, 30)) == 1
    speaking.set_submission_state(pr, talk.id, SubmissionState.CONFIRMED)  # undo
    assert stories.list_placements(pr, request_id=request.id) == []


def test_deadlines_and_talks_are_on_the_calendar_in_the_ics_and_under_my_actions(
        pr, team, summit) -> None:
    talk = speaking.create_submission(pr, speaking.SubmissionInput(
        summit.id, "Survey results live", talk_at=datetime(2026, 11, 3, 14, 30),
        speakers=(speaking.SpeakerInput(person_id=team[Department.PR].id),)))
    version = speaking.move_submission(pr, talk.id, talk.version, SubmissionState.SUBMITTED).version
    speaking.move_submission(pr, talk.id, version, SubmissionState.ACCEPTED)

    [deadline] = speaking.deadlines_ahead(pr, team[Department.PR].id, today=date(2026, 9, 14))
    assert (deadline.event_name, deadline.days_left(date(2026, 9, 14)), deadline.drafts) == (
        "HealthTech Summit", 6, 0)
    assert speaking.deadlines_ahead(pr, team[Department.PR].id, today=date(2026, 9, 12)) == []
    assert speaking.deadlines_ahead(pr, team[Department.MARKETING].id,
                                    today=date(2026, 9, 14)) == []

    shown = events.calendar_entries(pr, date(2026, 9, 1), date(2026, 11, 30))
    assert [(e.title, e.speaking, e.all_day) for e in shown] == [
        ("Call for papers closes: HealthTech Summit", True, True),
        ("Talk at HealthTech Summit: Survey results live", True, False)]

    data, summary = calendar_ics.build_calendar(pr)
    assert summary.speaking == 2
    found = {str(c["summary"]): c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    closes = found["Call for papers closes: HealthTech Summit"]
    assert closes.decoded("dtstart") == date(2026, 9, 20)
    assert str(closes["uid"]) == f"cfp-deadline-{summit.id}@commonground"
    talk_entry = found["Talk at HealthTech Summit: Survey results live"]
    assert talk_entry.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 11, 3, 14, 30)
    assert str(talk_entry["location"]) == "Lyon" and "José Álvarez" in str(
        talk_entry["description"])
    result = calendar_ics.import_calendar(pr, data)
    assert events.list_events(pr) == [] and result.skipped_speaking == 2


# --------------------------------------------------------------------------- who has influence


def test_who_has_influence_finds_the_contact_by_name_handle_domain_or_confirmed_link(
        pr, media) -> None:
    assert contacts.contact_for_name(pr, "maren okafor", "journalist").name == "Maren Okafor"
    assert contacts.contact_for_name(pr, "@MarenOkafor", "journalist").name == "Maren Okafor"
    assert contacts.contact_for_name(pr, "hitw.example", "outlet").outlet_name == \
        "Health IT Weekly"
    assert contacts.contact_for_name(pr, "M. Okafor", "journalist") is None
    contacts.link_name(pr, "M. Okafor", media["maren"].id)
    assert contacts.contact_for_name(pr, "M. Okafor", "journalist").id == media["maren"].id
