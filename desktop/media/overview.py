"""What the Media relations page shows, read in one go on the reader thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import models as m
from db.enums import CardKind
from db.unit_of_work import UnitOfWork
from desktop import people, stories
from desktop.media import contacts, coverage, materials, pitches, speaking
from desktop.numbers import counted


@dataclass(frozen=True)
class CardChoice:
    id: int
    title: str
    kind: CardKind


@dataclass(frozen=True)
class MediaAction:
    """A follow-up or a call for papers' deadline of the person, said as one line."""

    text: str
    overdue: bool


@dataclass(frozen=True)
class MediaOverview:
    contacts: list[contacts.Contact]
    outlets: list[contacts.Outlet]
    pitches: list[pitches.PitchRow]
    tallies: dict[int, pitches.PitchTally]
    links: list[coverage.CoverageLink]
    suggestions: list[coverage.Suggestion]
    materials: list[materials.Material]
    events: list[speaking.IndustryEvent]
    submissions: list[speaking.Submission]
    cards: list[CardChoice]
    customers: list[stories.Customer]
    people: list[people.Person]
    recent: dict[int, pitches.RecentPitch]
    actions: list[MediaAction]
    recent_days: int


def _cards(uow: UnitOfWork) -> list[CardChoice]:
    with uow.read() as session:
        rows = session.execute(select(m.Card.id, m.Card.title, m.Card.kind)
                               .where(m.Card.deleted_at.is_(None)).order_by(m.Card.title))
        return [CardChoice(card_id, title, CardKind(kind)) for card_id, title, kind in rows]


def load(uow: UnitOfWork, person_id: int | None, today: date | None = None) -> MediaOverview:
    today = today or date.today()
    return MediaOverview(
        contacts.list_contacts(uow), contacts.list_outlets(uow),
        pitches.list_pitches(uow, today), pitches.card_tallies(uow), coverage.list_links(uow),
        coverage.suggest_links(uow), materials.list_materials(uow, today),
        speaking.list_events(uow), speaking.list_submissions(uow), _cards(uow),
        stories.list_customers(uow, today), people.list_people(uow, active_only=True),
        pitches.recent_by_contact(uow, today),
        media_actions(uow, person_id, today) if person_id is not None else [],
        pitches.recent_days(uow))



def media_actions(uow: UnitOfWork, person_id: int, today: date | None = None
                  ) -> list[MediaAction]:
    """What "My actions" shows of media relations: pitches to follow up (within a week or
    overdue) and calls for papers that close within a week, soonest first."""
    today = today or date.today()
    return _actions(pitches.follow_ups(uow, person_id, today),
                    speaking.deadlines_ahead(uow, person_id, today), today)


def _actions(follow_ups: list[pitches.FollowUp], deadlines: list[speaking.Deadline],
             today: date) -> list[MediaAction]:
    found = [(item.follow_up_on, MediaAction(
        f"Follow up '{item.subject}' by {item.follow_up_on.isoformat()}: no answer yet from "
        f"{', '.join(item.waiting)}", item.overdue(today))) for item in follow_ups]
    found += [(item.deadline, MediaAction(
        f"Call for papers of {item.event_name} closes on {item.deadline.isoformat()} "
        f"({counted(item.days_left(today), 'day')} left"
        + (f", {counted(item.drafts, 'talk')} still a draft)" if item.drafts else ")"), False))
              for item in deadlines]
    return [action for _day, action in sorted(found, key=lambda pair: pair[0])]
