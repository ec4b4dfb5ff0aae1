"""Speaking slots: industry events with their call for papers, and the talks submitted.

A talk's speakers are team members or customers; a customer goes on stage only under an
approved story request of the kind "event speaker" (the rep decides, as for any story:
``desktop.stories.covering_approval``), checked when the speaker is added and again when
the talk is submitted and confirmed, since an approval can end meanwhile. Deadlines and
talks are calendar dates of the team (``calendar_dates``), and a deadline within a week
is an action of the event's owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from db import models as m
from db.enums import StoryKind, SubmissionState
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError
from desktop.stories import covering_approval

S = SubmissionState
TALK_LENGTH = timedelta(minutes=45)
DEADLINE_NOTICE_DAYS = 7
TRANSITIONS: dict[SubmissionState, frozenset[SubmissionState]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.ACCEPTED, S.REJECTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.CONFIRMED, S.WITHDRAWN}),
    S.CONFIRMED: frozenset({S.DELIVERED, S.WITHDRAWN}),
    S.REJECTED: frozenset(),
    S.DELIVERED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
STATE_TEXT: dict[SubmissionState, str] = {
    S.DRAFT: "a draft", S.SUBMITTED: "submitted", S.ACCEPTED: "accepted",
    S.REJECTED: "rejected", S.CONFIRMED: "confirmed", S.DELIVERED: "delivered",
    S.WITHDRAWN: "withdrawn",
}
#: Steps at which a customer speaker's approval must still hold.
_CHECKED_AT = frozenset({S.SUBMITTED, S.CONFIRMED})
#: Talks that hold a slot on the event's programme (they are on the calendar).
ON_PROGRAMME = frozenset({S.ACCEPTED, S.CONFIRMED, S.DELIVERED})


@dataclass(frozen=True)
class EventInput:
    name: str
    starts_on: date
    ends_on: date
    place: str = ""
    audience: str = ""
    submission_deadline: date | None = None
    link: str = ""
    owner_id: int | None = None


@dataclass(frozen=True)
class IndustryEvent:
    id: int
    version: int
    name: str
    starts_on: date
    ends_on: date
    place: str
    audience: str
    submission_deadline: date | None
    link: str
    owner_id: int | None
    owner_name: str
    submissions: int = 0

    def as_input(self) -> EventInput:
        return EventInput(self.name, self.starts_on, self.ends_on, self.place, self.audience,
                          self.submission_deadline, self.link, self.owner_id)


@dataclass(frozen=True)
class SpeakerInput:
    """A team member (``person_id``) or someone of a customer (``customer_id`` and name)."""

    person_id: int | None = None
    customer_id: int | None = None
    name: str = ""


@dataclass(frozen=True)
class Speaker:
    person_id: int | None
    customer_id: int | None
    name: str
    customer_name: str = ""
    story_request_id: int | None = None

    @property
    def is_customer(self) -> bool:
        return self.customer_id is not None


@dataclass(frozen=True)
class SubmissionInput:
    event_id: int
    title: str
    abstract: str = ""
    speakers: tuple[SpeakerInput, ...] = ()
    owner_id: int | None = None
    talk_at: datetime | None = None


@dataclass(frozen=True)
class Submission:
    id: int
    version: int
    event_id: int
    event_name: str
    title: str
    abstract: str
    state: SubmissionState
    owner_id: int | None
    owner_name: str
    talk_at: datetime | None
    speakers: tuple[Speaker, ...] = field(default_factory=tuple)

    @property
    def next_states(self) -> frozenset[SubmissionState]:
        return TRANSITIONS[self.state]

    @property
    def customers_on_stage(self) -> int:
        return sum(1 for s in self.speakers if s.is_customer)

    def as_input(self) -> SubmissionInput:
        return SubmissionInput(self.event_id, self.title, self.abstract, tuple(
            SpeakerInput(s.person_id, s.customer_id, "" if s.person_id else s.name)
            for s in self.speakers), self.owner_id, self.talk_at)


@dataclass(frozen=True)
class StateChange:
    submission_id: int
    before: SubmissionState
    after: SubmissionState
    version: int


@dataclass(frozen=True)
class CalendarDate:
    """A call for papers' deadline or a talk, as the team calendar and the .ics show it."""

    uid: str
    version: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    notes: str
    is_deadline: bool


@dataclass(frozen=True)
class Deadline:
    """A submission deadline within a week, under My actions of the event's owner."""

    event_id: int
    event_name: str
    deadline: date
    drafts: int  # talks for it not submitted yet

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


# --------------------------------------------------------------------------- events


def _clean_event(data: EventInput) -> EventInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("An industry event needs a name.", field="name")
    if data.ends_on < data.starts_on:
        raise ValidationError("The event ends before it starts; check the dates.",
                              field="ends_on")
    if data.submission_deadline is not None and data.submission_deadline > data.starts_on:
        raise ValidationError("The call for papers closes after the event has begun; check "
                              "the deadline.", field="submission_deadline")
    link = data.link.strip()
    if link and not link.lower().startswith(("http://", "https://")):
        raise ValidationError("The link should start with http:// or https://.", field="link")
    return EventInput(name, data.starts_on, data.ends_on, data.place.strip(),
                      data.audience.strip(), data.submission_deadline, link, data.owner_id)


def _to_events(session, rows: list[m.IndustryEvent]) -> list[IndustryEvent]:  # noqa: ANN001
    people = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    counts = dict(session.execute(select(m.Submission.event_id, func.count())
                                  .group_by(m.Submission.event_id)).all())
    return [IndustryEvent(r.id, r.version, r.name, r.starts_on, r.ends_on, r.place, r.audience,
                          r.submission_deadline, r.link, r.owner_id, people.get(r.owner_id, ""),
                          counts.get(r.id, 0)) for r in rows]


def create_event(uow: UnitOfWork, data: EventInput) -> IndustryEvent:
    data = _clean_event(data)
    with uow.write() as session:
        row = m.IndustryEvent(**vars(data))
        session.add(row)
        session.flush()
        return _to_events(session, [row])[0]


def update_event(uow: UnitOfWork, event_id: int, seen_version: int,
                 data: EventInput) -> tuple[IndustryEvent, IndustryEvent]:
    data = _clean_event(data)
    with uow.write() as session:
        row = _live_event(session, event_id)
        before = _to_events(session, [row])[0]
        expect_version(row, "industry_events", event_id, seen_version, vars(data))
        for name, value in vars(data).items():
            setattr(row, name, value)
        session.flush()
        return before, _to_events(session, [row])[0]


def delete_event(uow: UnitOfWork, event_id: int) -> None:
    """Take back an event without talks (undo of its creation)."""
    with uow.write() as session:
        row = session.get(m.IndustryEvent, event_id)
        if row is None:
            return
        if session.scalar(select(func.count()).where(m.Submission.event_id == event_id)):
            raise ValidationError(f"Talks are submitted to {row.name}; withdraw them instead.")
        session.delete(row)


def _live_event(session, event_id: int) -> m.IndustryEvent:  # noqa: ANN001
    row = session.get(m.IndustryEvent, event_id)
    if row is None:
        raise NotFoundError("That industry event has been deleted.")
    return row


def list_events(uow: UnitOfWork) -> list[IndustryEvent]:
    """Industry events, soonest first."""
    with uow.read() as session:
        rows = list(session.scalars(select(m.IndustryEvent).order_by(
            m.IndustryEvent.starts_on, m.IndustryEvent.name)))
        return _to_events(session, rows)


# --------------------------------------------------------------------------- submissions


def _speaker_rows(session, event: m.IndustryEvent,  # noqa: ANN001
                  speakers: tuple[SpeakerInput, ...]) -> list[m.SubmissionSpeaker]:
    rows = []
    for speaker in speakers:
        if (speaker.person_id is None) == (speaker.customer_id is None):
            raise ValidationError("A speaker is a member of the team or someone of a customer.",
                                  field="speakers")
        if speaker.person_id is not None:
            person = session.get(m.Person, speaker.person_id)
            if person is None:
                raise ValidationError("A chosen speaker has left the team.", field="speakers")
            rows.append(m.SubmissionSpeaker(person_id=person.id, speaker_name=person.name))
            continue
        customer = session.get(m.Customer, speaker.customer_id)
        if customer is None:
            raise ValidationError("A chosen customer has been deleted.", field="speakers")
        request = _speaker_approval(session, customer.id, event)
        rows.append(m.SubmissionSpeaker(customer_id=customer.id,
                                        speaker_name=speaker.name.strip() or customer.name,
                                        story_request_id=request.id))
    return rows


def _speaker_approval(session, customer_id: int, event: m.IndustryEvent) -> m.StoryRequest:  # noqa: ANN001
    return covering_approval(session, customer_id, (StoryKind.EVENT_SPEAKER,), event.starts_on,
                             f"putting them on stage at {event.name}")


def _clean_submission(data: SubmissionInput) -> SubmissionInput:
    title = data.title.strip()
    if not title:
        raise ValidationError("A talk needs a title.", field="title")
    return SubmissionInput(data.event_id, title, data.abstract, tuple(data.speakers),
                           data.owner_id, data.talk_at)


def _to_submissions(session, rows: list[m.Submission]) -> list[Submission]:  # noqa: ANN001
    events = dict(session.execute(select(m.IndustryEvent.id, m.IndustryEvent.name)).all())
    people = dict(session.execute(select(m.Person.id, m.Person.name)).all())
    customers = dict(session.execute(select(m.Customer.id, m.Customer.name)).all())
    return [Submission(r.id, r.version, r.event_id, events.get(r.event_id, ""), r.title,
                       r.abstract, S(r.state), r.owner_id, people.get(r.owner_id, ""), r.talk_at,
                       tuple(Speaker(s.person_id, s.customer_id, s.speaker_name,
                                     customers.get(s.customer_id, "") if s.customer_id else "",
                                     s.story_request_id) for s in r.speakers))
            for r in rows]


def create_submission(uow: UnitOfWork, data: SubmissionInput) -> Submission:
    """A draft talk for an event; a customer speaker needs the rep's "event speaker" yes."""
    data = _clean_submission(data)
    with uow.write() as session:
        event = _live_event(session, data.event_id)
        row = m.Submission(event_id=event.id, title=data.title, abstract=data.abstract,
                           owner_id=data.owner_id if data.owner_id is not None else uow.person_id,
                           talk_at=data.talk_at, speakers=_speaker_rows(session, event,
                                                                        data.speakers))
        session.add(row)
        session.flush()
        return _to_submissions(session, [row])[0]


def update_submission(uow: UnitOfWork, submission_id: int, seen_version: int,
                      data: SubmissionInput) -> tuple[Submission, Submission]:
    data = _clean_submission(data)
    with uow.write() as session:
        row = _live_submission(session, submission_id)
        event = _live_event(session, data.event_id)
        before = _to_submissions(session, [row])[0]
        attempted = {"title": data.title, "abstract": data.abstract, "owner_id": data.owner_id,
                     "talk_at": data.talk_at, "event_id": data.event_id}
        expect_version(row, "submissions", submission_id, seen_version, attempted)
        for name, value in attempted.items():
            setattr(row, name, value)
        wanted = [(s.person_id, s.customer_id, s.name.strip() if s.customer_id else "")
                  for s in data.speakers]
        present = [(s.person_id, s.customer_id, s.speaker_name if s.customer_id else "")
                   for s in row.speakers]
        if wanted != present:
            row.speakers = _speaker_rows(session, event, data.speakers)
        session.flush()
        return before, _to_submissions(session, [row])[0]


def delete_submission(uow: UnitOfWork, submission_id: int) -> None:
    with uow.write() as session:
        row = session.get(m.Submission, submission_id)
        if row is not None:
            session.delete(row)


def _live_submission(session, submission_id: int) -> m.Submission:  # noqa: ANN001
    row = session.get(m.Submission, submission_id)
    if row is None:
        raise NotFoundError("That talk submission has been deleted.")
    return row


def move_submission(uow: UnitOfWork, submission_id: int, seen_version: int,
                    to: SubmissionState) -> StateChange:
    """One step of a talk (``TRANSITIONS``); submitting and confirming a talk with a
    customer on stage check that the rep's approval still holds."""
    to = S(to)
    with uow.write() as session:
        row = _live_submission(session, submission_id)
        before = S(row.state)
        if to not in TRANSITIONS[before]:
            allowed = [STATE_TEXT[s] for s in S if s in TRANSITIONS[before]]
            raise ValidationError(
                f"A talk that is {STATE_TEXT[before]} cannot become {STATE_TEXT[to]}"
                + (f"; next it can be {' or '.join(allowed)}." if allowed
                   else "; it goes no further."), field="state")
        if to in _CHECKED_AT:
            event = _live_event(session, row.event_id)
            for speaker in row.speakers:
                if speaker.customer_id is not None:
                    speaker.story_request_id = _speaker_approval(session, speaker.customer_id,
                                                                 event).id
        expect_version(row, "submissions", submission_id, seen_version, {"state": to.value})
        row.state = to
        _sync_placements(session, row)
        session.flush()
        return StateChange(row.id, before, to, row.version)


def set_submission_state(uow: UnitOfWork, submission_id: int, state: SubmissionState) -> None:
    """Put a state back as it was (undo and redo of a step)."""
    with uow.write() as session:
        row = _live_submission(session, submission_id)
        row.state = S(state)
        _sync_placements(session, row)


def _sync_placements(session, row: m.Submission) -> None:  # noqa: ANN001
    """A delivered talk with a customer on stage is a placement of that customer's story
    (the event, its day, its link), counted with the other placements; a talk that is no
    longer delivered takes its placements back."""
    event = _live_event(session, row.event_id)
    day = row.talk_at.date() if row.talk_at is not None else event.starts_on
    for speaker in row.speakers:
        if speaker.story_request_id is None:
            continue
        placed = session.scalars(select(m.Placement).where(
            m.Placement.request_id == speaker.story_request_id, m.Placement.outlet == event.name,
            m.Placement.placed_on == day)).all()
        if row.state == S.DELIVERED and not placed:
            session.add(m.Placement(request_id=speaker.story_request_id, outlet=event.name,
                                    placed_on=day, url=event.link))
        elif row.state != S.DELIVERED:
            for placement in placed:
                session.delete(placement)


def list_submissions(uow: UnitOfWork, event_id: int | None = None) -> list[Submission]:
    query = select(m.Submission).order_by(m.Submission.event_id, m.Submission.id)
    if event_id is not None:
        query = query.where(m.Submission.event_id == event_id)
    with uow.read() as session:
        return _to_submissions(session, list(session.scalars(query)))


# --------------------------------------------------------------------------- the calendar


def _deadline_uid(event_id: int) -> str:
    return f"cfp-deadline-{event_id}@commonground"


def _talk_uid(submission_id: int) -> str:
    return f"talk-{submission_id}@commonground"


def is_calendar_uid(uid: str) -> bool:
    """Whether an entry of a calendar file is one of these dates, exported by this app (a
    calendar import leaves them to this page)."""
    return uid.endswith("@commonground") and uid.startswith(("cfp-deadline-", "talk-"))


def calendar_dates(uow: UnitOfWork, start: date | None = None,
                   end: date | None = None) -> list[CalendarDate]:
    """Call-for-papers deadlines (whole days) and talks on a programme, from ``start`` to
    ``end`` (both included); a talk without a time takes the event's first day."""
    found: list[CalendarDate] = []
    with uow.read() as session:
        events = {e.id: e for e in session.scalars(select(m.IndustryEvent))}
        for event in events.values():
            day = event.submission_deadline
            if day is None:
                continue
            found.append(CalendarDate(
                _deadline_uid(event.id), event.version, f"Call for papers closes: {event.name}",
                datetime.combine(day, time()), datetime.combine(day + timedelta(days=1), time()),
                event.place, event.link, True))
        talks = session.scalars(select(m.Submission).where(m.Submission.state.in_(ON_PROGRAMME)))
        for talk in talks:
            event = events[talk.event_id]
            names = ", ".join(s.speaker_name for s in talk.speakers)
            if talk.talk_at is not None:
                starts, ends = talk.talk_at, talk.talk_at + TALK_LENGTH
            else:
                starts = datetime.combine(event.starts_on, time())
                ends = datetime.combine(event.starts_on + timedelta(days=1), time())
            found.append(CalendarDate(
                _talk_uid(talk.id), talk.version, f"Talk at {event.name}: {talk.title}", starts,
                ends, event.place, f"Speakers: {names}" if names else "", False))
    return sorted((d for d in found if (start is None or d.ends_at.date() >= start)
                   and (end is None or d.starts_at.date() <= end)),
                  key=lambda d: (d.starts_at, d.title))


def deadlines_ahead(uow: UnitOfWork, person_id: int, today: date | None = None,
                    within_days: int = DEADLINE_NOTICE_DAYS) -> list[Deadline]:
    """The person's events whose call for papers closes within ``within_days`` days."""
    today = today or date.today()
    drafts = (select(func.count()).where(m.Submission.event_id == m.IndustryEvent.id,
                                         m.Submission.state == S.DRAFT)
              .correlate(m.IndustryEvent).scalar_subquery())
    query = (select(m.IndustryEvent.id, m.IndustryEvent.name, m.IndustryEvent.submission_deadline,
                    drafts)
             .where(m.IndustryEvent.owner_id == person_id,
                    m.IndustryEvent.submission_deadline >= today,
                    m.IndustryEvent.submission_deadline <= today + timedelta(days=within_days))
             .order_by(m.IndustryEvent.submission_deadline))
    with uow.read() as session:
        return [Deadline(*row) for row in session.execute(query)]
