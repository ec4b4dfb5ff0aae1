"""Every table round-trips through a real file: what is written is what is read back."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import inspect, select

from db import models as m
from db.enums import (
    AccountKind,
    CardKind,
    CommonGroundTag,
    ContactKind,
    Department,
    EventKind,
    GoalLevel,
    GoalStatus,
    IdentifierKind,
    Intent,
    MeasurementSource,
    PitchState,
    SignalStatus,
    Stage,
    StoryKind,
    StoryStatus,
    SubmissionState,
    Team,
    Urgency,
)
from db.unit_of_work import UnitOfWork


def _columns(row: object) -> dict[str, object]:
    return {attr.key: getattr(row, attr.key) for attr in inspect(row).mapper.column_attrs}


def _media_rows(session, ana: m.Person, card: m.Card, customer: m.Customer,
                request: m.StoryRequest) -> None:
    outlet = m.Outlet(name="Health IT Weekly", tier=1, audience_size=120_000,
                      audience_source="media kit 2026", topics="health IT", web_domain="hitw.example")
    session.add(outlet)
    session.flush()
    contact = m.MediaContact(name="Noor Haddad", outlet_id=outlet.id, kind=ContactKind.EDITOR,
                             beat="hospitals", email="noor@hitw.example", x_handle="@noorh",
                             linkedin="https://linkedin.example/noorh", preferred_channel="email",
                             do_not_contact=True, do_not_contact_reason="asked us to stop",
                             do_not_contact_on=date(2026, 9, 2), do_not_contact_by_id=ana.id)
    material = m.Material(title="Survey charts", location="https://share.example/charts",
                          owner_id=ana.id, allowed_uses="press", ends_on=date(2027, 1, 1),
                          story_request_id=request.id)
    event = m.IndustryEvent(name="HealthTech Summit", starts_on=date(2026, 11, 3),
                            ends_on=date(2026, 11, 4), place="Lyon", audience="CIOs",
                            submission_deadline=date(2026, 9, 20), link="https://ht.example",
                            owner_id=ana.id)
    session.add_all([contact, material, event])
    session.flush()
    pitch = m.Pitch(card_id=card.id, pitched_on=date(2026, 9, 5), channel="email",
                    subject="Survey: 62% of CIOs", owner_id=ana.id, follow_up_on=date(2026, 9, 9),
                    customer_id=customer.id, story_request_id=request.id, materials=[material])
    pitch.recipients = [m.PitchRecipient(contact_id=contact.id, state=PitchState.COVERED,
                                         override_reason="she asked for this one")]
    session.add(pitch)
    session.flush()
    session.execute(m.card_materials.insert().values(card_id=card.id, material_id=material.id))
    submission = m.Submission(event_id=event.id, title="What CIOs want", abstract="Data",
                              state=SubmissionState.ACCEPTED, owner_id=ana.id,
                              talk_at=datetime(2026, 11, 3, 14))
    submission.speakers = [m.SubmissionSpeaker(customer_id=customer.id, speaker_name="Dr. Lee",
                                               story_request_id=request.id)]
    session.add_all([
        submission,
        m.CoverageLink(recipient_id=pitch.recipients[0].id, outlet="Health IT Weekly",
                       author="Noor Haddad", title="CIOs want data", url="https://hitw.example/a",
                       published_on=date(2026, 9, 12), card_id=card.id, confirmed_by_id=ana.id,
                       confirmed_at=datetime(2026, 9, 13, 8)),
        m.MediaNameLink(name="N. Haddad", contact_id=contact.id, confirmed_by_id=ana.id),
    ])


def test_every_model_round_trips(uow: UnitOfWork) -> None:
    with uow.write() as session:
        ana = m.Person(name="Ana Łukasiewicz", department=Department.PR, email="ana@example.org")
        ravi = m.Person(name="Ravi Shah", department=Department.SALES, active=False)
        session.add_all([ana, ravi])
        session.flush()
        corporate = m.Goal(level=GoalLevel.CORPORATE, quarter="2026-Q3", title="400 leads",
                           metric="qualified leads", unit="leads", baseline=120, target=400,
                           owner_id=ana.id, status=GoalStatus.ACTIVE, notes="from healthcare")
        session.add(corporate)
        session.flush()
        campaign = m.Campaign(name="Survey 2026", description="Industry survey",
                              launch_on=date(2026, 9, 1))
        session.add(campaign)
        session.flush()
        card = m.Card(campaign_id=campaign.id, title="Survey data", notes="n=1,204",
                      kind=CardKind.SURVEY_DATA, stage=Stage.PUBLISHED, team=Team.PR,
                      owner_id=ana.id, due_on=date(2026, 9, 1), goal_id=corporate.id,
                      channel="research", published_url="https://example.org/survey",
                      pilot=True, position=3.5,
                      tags=[m.CardTag(tag=CommonGroundTag.MESSAGING)])
        session.add(card)
        session.flush()
        meeting = m.Meeting(starts_at=datetime(2026, 9, 2, 10), title="Joint planning",
                            agenda="1. Survey", notes="Good numbers", decisions="Go",
                            attendees=[ana, ravi])
        meeting.action_items = [m.ActionItem(text="Draft release", owner_id=ana.id,
                                             due_on=date(2026, 9, 5), card_id=card.id)]
        customer = m.Customer(name="St. Mary's Hospital", industry="healthcare", rep_id=ravi.id)
        session.add_all([meeting, customer])
        session.flush()
        request = m.StoryRequest(customer_id=customer.id, kind=StoryKind.CASE_STUDY,
                                 title="Case study", what_pr_wants="Interview the CIO",
                                 benefit_to_customer="Visibility", benefit_to_company="Proof",
                                 status=StoryStatus.APPROVED, requested_by_id=ana.id,
                                 decided_by_id=ravi.id, decided_at=datetime(2026, 9, 3, 9),
                                 allowed_uses="web only", approval_ends_on=date(2027, 1, 1))
        session.add(request)
        session.flush()
        batch = m.ImportBatch(file_name="ga4.csv", file_sha256="ab" * 32, profile_name="GA4",
                              period_start=date(2026, 9, 1), period_end=date(2026, 9, 30),
                              imported_by_id=ana.id, row_count=1)
        session.add_all([
            m.GoalMeasurement(goal_id=corporate.id, measured_on=date(2026, 9, 30), value=250,
                              source=MeasurementSource.IMPORTED, note="CRM"),
            m.TeamEvent(kind=EventKind.LUNCH, title="Team lunch", starts_at=datetime(2026, 9, 4, 12),
                        ends_at=datetime(2026, 9, 4, 13), place="Café Zoë", attendees=[ana]),
            m.Communication(customer_id=customer.id, request_id=request.id,
                            occurred_on=date(2026, 9, 3), channel="email", summary="Asked",
                            rep_included=False, without_rep_reason="Rep on leave",
                            logged_by_id=ana.id),
            m.Placement(request_id=request.id, outlet="Health IT Weekly",
                        placed_on=date(2026, 10, 1), url="https://example.org/story"),
            m.ImportProfile(name="GA4 pages", mapping={"date": "Date", "metrics": ["Views"]}),
            batch, m.TeamSetting(key="team_name", value="Marcom"),
            m.RunningInstance(person_id=ana.id, host="laptop-7", pid=4242),
            m.MetricType(name="donations", label="Donations", unit="currency"),
        ])
        session.flush()
        session.add(m.MetricRecord(occurred_at=datetime(2026, 9, 10, 9, 30), channel="web",
                                   card_id=card.id, content="Survey data", metric="reach",
                                   value=1234.5, import_id=batch.id, source_row=7))
        _listening_rows(session, customer, ravi, batch)
        _media_rows(session, ana, card, customer, request)
    written: dict[str, list[dict[str, object]]] = {}
    with uow.read() as session:
        for mapper in m.Base.registry.mappers:
            model = mapper.class_
            written[model.__tablename__] = [_columns(row) for row in session.scalars(select(model))]
    reopened = UnitOfWork(uow.database.__class__(uow.database.target, uow.database.engine,
                                                 path=uow.database.path))
    with reopened.read() as session:
        for mapper in m.Base.registry.mappers:
            model = mapper.class_
            rows = [_columns(row) for row in session.scalars(select(model))]
            assert rows == written[model.__tablename__], model.__tablename__
            assert rows, f"{model.__tablename__} wrote nothing"
        card = session.scalars(select(m.Card)).one()
        assert card.kind is CardKind.SURVEY_DATA and card.due_on == date(2026, 9, 1)
        assert [t.tag for t in card.tags] == [CommonGroundTag.MESSAGING]
        meeting = session.scalars(select(m.Meeting)).one()
        assert {p.name for p in meeting.attendees} == {"Ana Łukasiewicz", "Ravi Shah"}
        profile = session.scalars(select(m.ImportProfile)).one()
        assert profile.mapping == {"date": "Date", "metrics": ["Views"]}


def _listening_rows(session, customer: m.Customer, rep: m.Person,
                    batch: m.ImportBatch) -> None:
    """An account with a contact and identifiers, a mention, a rule, a signal, an opportunity."""
    customer.kind, customer.crm_ref, customer.do_not_route = AccountKind.PROSPECT, "0015X00", True
    contact = m.AccountContact(customer_id=customer.id, name="Dr. Inés Ortega", role="CIO",
                               email="ines@stmarys.example")
    session.add(contact)
    session.flush()
    session.add_all([
        m.AccountIdentifier(customer_id=customer.id, kind=IdentifierKind.DOMAIN,
                            value="stmarys.example"),
        m.AccountIdentifier(customer_id=customer.id, kind=IdentifierKind.HANDLE, platform="x",
                            value="ines_ortega", contact_id=contact.id)])
    mention = m.Mention(import_id=batch.id, source_row=4, tool="Talkwalker", fingerprint="f" * 64,
                        occurred_at=datetime(2026, 9, 11, 8), link="https://x.com/ines/1",
                        domain="x.com", platform="x", source="X", author="Inés Ortega",
                        author_handle="ines_ortega", query="Brand", sentiment="positive",
                        reach=950.0, title="", excerpt="We are evaluating vendors",
                        links="https://stmarys.example/rfp")
    rule = m.IntentRule(name="Evaluating vendors", phrases="evaluating vendors",
                        intent=Intent.EVALUATING, stage="discovery", weight=2.5,
                        urgency=Urgency.HOT, near_terms="crm\nanalytics", near_within=8,
                        exclusions="we're hiring")
    session.add_all([mention, rule])
    session.flush()
    signal = m.Signal(customer_id=customer.id, rule_id=rule.id, intent=Intent.EVALUATING,
                      urgency=Urgency.HOT, status=SignalStatus.ACKNOWLEDGED, score=0.8,
                      week_start=date(2026, 9, 7), first_seen_at=datetime(2026, 9, 11, 8),
                      last_seen_at=datetime(2026, 9, 11, 8), quote="evaluating vendors",
                      link=mention.link, match_kind="handle", match_strength="exact",
                      matched_identifier="x:ines_ortega", explanation="handle of a contact",
                      rep_id=rep.id, routed_at=datetime(2026, 9, 11, 9),
                      acknowledged_at=datetime(2026, 9, 11, 10), notes="PR: big one")
    session.add(signal)
    session.flush()
    session.execute(m.signal_mentions.insert().values(signal_id=signal.id, mention_id=mention.id))
    session.add(m.Opportunity(customer_id=customer.id, signal_id=signal.id, reference="OPP-7",
                              amount=48000.0, stage="won", opened_on=date(2026, 9, 14),
                              won_on=date(2026, 10, 30), won_amount=45000.0))
