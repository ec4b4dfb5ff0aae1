"""Coverage a pitch earned, and its amplification.

Coverage is an imported media-monitoring record (its outlet, author, title and day) or a
placement typed in. Links are suggested by outlet, author and date and made only when a
person confirms one: the recipient's pitch becomes "covered", the article gets a coverage
card on the board derived from the pitched card (so the lineage sums it), and the
article's records without a card are put on it. "Amplify" then adds marketing's usual
pieces as cards derived from the coverage card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, update

from db import models as m
from db.enums import CardKind, CommonGroundTag, Department, PitchState, Stage, Team
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop import board
from desktop.errors import NotFoundError, ValidationError
from desktop.media.contacts import normal_domain, normal_name

#: How long after a pitch an article may still be what it earned.
COVERAGE_WINDOW = timedelta(days=60)
#: States in which a recipient may have written about it (not a draft, not a no).
_MAY_COVER = frozenset({PitchState.SENT, PitchState.REPLIED, PitchState.INTERESTED,
                        PitchState.NO_REPLY, PitchState.COVERED})


@dataclass(frozen=True)
class CoveragePiece:
    """One article in the imported records (a title at an outlet): what a link names."""

    record_id: int  # the first record of the article
    outlet: str
    author: str
    title: str
    published_on: date


@dataclass(frozen=True)
class Suggestion:
    piece: CoveragePiece
    recipient_id: int
    contact_name: str
    pitch_subject: str
    pitched_on: date
    reasons: tuple[str, ...]  # "same author", "same outlet", "3 days after the pitch"
    score: int


@dataclass(frozen=True)
class PlacementInput:
    """Coverage typed in, where no import holds it."""

    outlet: str
    title: str
    published_on: date
    author: str = ""
    url: str = ""


@dataclass(frozen=True)
class Linked:
    """What a confirmed link did, so undo can take it all back."""

    link_id: int
    recipient_id: int
    state_before: PitchState
    card_id: int
    card_created: bool
    records: tuple[int, ...]  # records put on the coverage card


@dataclass(frozen=True)
class CoverageLink:
    id: int
    recipient_id: int
    contact_name: str
    pitch_subject: str
    outlet: str
    author: str
    title: str
    url: str
    published_on: date
    card_id: int | None
    confirmed_by: str
    amplified: int  # cards derived from its coverage card


@dataclass(frozen=True)
class AmplifyPiece:
    kind: CardKind
    title: str
    channel: str
    days_after: int  # its due date, counted from the day of amplifying


#: The usual pieces marketing derives from an article; one social post per channel chosen.
NEWSLETTER = AmplifyPiece(CardKind.EMAIL, "Newsletter item", "email", 7)
ONE_PAGER = AmplifyPiece(CardKind.OTHER, "Sales one-pager update", "sales", 10)
PAID_BOOST = AmplifyPiece(CardKind.PAID_AD, "Paid boost", "linkedin", 3)
SOCIAL_DAYS = 1
#: The social channels a post is offered for, as the board names channels, and their names.
SOCIAL_CHANNELS: dict[str, str] = {"linkedin": "LinkedIn", "x": "X", "instagram": "Instagram"}


@dataclass(frozen=True)
class Amplified:
    source_card_id: int
    card_ids: tuple[int, ...]


# --------------------------------------------------------------------------- pieces


def _articles_query():  # noqa: ANN202 - a Select
    """One row per article (a title at an outlet) of the imported records: its first
    record, outlet, author and title, and its first day."""
    r = m.MetricRecord
    return (select(func.min(r.id), r.outlet, func.max(r.author), r.content,
                   func.min(r.occurred_at))
            .where(r.outlet != "", r.breakdown == "")
            .group_by(r.outlet, r.content))


def _linked_articles(session) -> set[tuple[str, str]]:  # noqa: ANN001
    """The (outlet, title) of every article a confirmed link names by its record."""
    return set(session.execute(
        select(m.MetricRecord.outlet, m.MetricRecord.content)
        .join(m.CoverageLink, m.CoverageLink.metric_record_id == m.MetricRecord.id)).all())


def unlinked_coverage(uow: UnitOfWork) -> list[CoveragePiece]:
    """The articles in imported records that no confirmed link names yet, newest first."""
    with uow.read() as session:
        linked = _linked_articles(session)
        rows = [row for row in session.execute(_articles_query())
                if (row[1], row[3]) not in linked]
    pieces = [CoveragePiece(rid, outlet, author, content, first.date())
              for rid, outlet, author, content, first in rows]
    return sorted(pieces, key=lambda p: (p.published_on, p.record_id), reverse=True)


def _candidates(session):  # noqa: ANN001, ANN202 - rows of recipients that may have covered
    r = m.PitchRecipient
    return session.execute(
        select(r.id, r.state, m.MediaContact.name, m.MediaContact.x_handle, m.Outlet.name,
               m.Outlet.web_domain, m.Pitch.subject, m.Pitch.pitched_on, r.contact_id)
        .join(m.Pitch, m.Pitch.id == r.pitch_id)
        .join(m.MediaContact, m.MediaContact.id == r.contact_id)
        .outerjoin(m.Outlet, m.Outlet.id == m.MediaContact.outlet_id)).all()


def _match(piece: CoveragePiece, row, aliases: dict[str, set[int]]) -> Suggestion | None:  # noqa: ANN001
    rid, state, name, handle, outlet, domain, subject, pitched_on, contact_id = row
    if PitchState(state) not in _MAY_COVER:
        return None
    if not pitched_on <= piece.published_on <= pitched_on + COVERAGE_WINDOW:
        return None
    reasons: list[str] = []
    score = 0
    author = normal_name(piece.author)
    if author and (author == normal_name(name) or contact_id in aliases.get(author, set())
                   or (handle and piece.author.strip().lower() == handle.lower())):
        reasons.append("same author")
        score += 2
    where = normal_name(piece.outlet)
    if outlet and (where == normal_name(outlet)
                   or (domain and normal_domain(piece.outlet) == domain)):
        reasons.append("same outlet")
        score += 1
    if not score:
        return None
    days = (piece.published_on - pitched_on).days
    reasons.append(f"{days} days after the pitch" if days != 1 else "1 day after the pitch")
    return Suggestion(piece, rid, name, subject, pitched_on, tuple(reasons), score)


def suggest_links(uow: UnitOfWork, pieces: list[CoveragePiece] | None = None
                  ) -> list[Suggestion]:
    """For each unlinked article, the pitches that may have earned it, best first: the
    same author counts most, then the same outlet, then the nearest pitch before it."""
    pieces = unlinked_coverage(uow) if pieces is None else pieces
    with uow.read() as session:
        rows = _candidates(session)
        aliases: dict[str, set[int]] = {}
        for link in session.scalars(select(m.MediaNameLink).where(
                m.MediaNameLink.contact_id.is_not(None))):
            aliases.setdefault(normal_name(link.name), set()).add(link.contact_id)
    found: list[Suggestion] = []
    for piece in pieces:
        matches = [s for s in (_match(piece, row, aliases) for row in rows) if s is not None]
        matches.sort(key=lambda s: (-s.score, s.piece.published_on - s.pitched_on))
        found.extend(matches)
    return found


# --------------------------------------------------------------------------- linking


def _coverage_card(session, pitch: m.Pitch, outlet: str, title: str, url: str,  # noqa: ANN001
                   published_on: date) -> m.Card:
    source = session.get(m.Card, pitch.card_id) if pitch.card_id else None
    source = source if source is not None and source.deleted_at is None else None
    return board.insert_card(session, board.CardInput(
        f"{outlet}: {title}"[:300] if title else f"Coverage in {outlet}"[:300], Team.PR,
        CardKind.MEDIA_COVERAGE, Stage.PUBLISHED,
        campaign_id=source.campaign_id if source else None, owner_id=pitch.owner_id,
        due_on=published_on, goal_id=source.goal_id if source else None, channel="press",
        derived_from_id=source.id if source else None,
        published_url=url if url.lower().startswith(("http://", "https://")) else "",
        tags=(CommonGroundTag.SOCIAL_MEDIA_RELATIONS,)))


def confirm_link(uow: UnitOfWork, recipient_id: int, *, record_id: int | None = None,
                 placement: PlacementInput | None = None,
                 card_id: int | None = None) -> Linked:
    """A person confirms that the pitch to one contact earned this article: an imported
    record (``record_id``) or a typed ``placement``. ``card_id``: the article's card on the
    board if it has one; otherwise one is made, derived from the pitched card."""
    if (record_id is None) == (placement is None):
        raise ValidationError("Choose the article: an imported one, or type the placement.")
    if placement is not None:
        placement = _clean_placement(placement)
    with uow.write() as session:
        recipient = session.get(m.PitchRecipient, recipient_id)
        if recipient is None:
            raise NotFoundError("That pitch has been deleted.")
        if PitchState(recipient.state) in (PitchState.DRAFTED, PitchState.DECLINED):
            raise ValidationError("Only a pitch that was sent, and not declined, can have "
                                  "earned coverage.")
        pitch = recipient.pitch
        if record_id is not None:
            record = session.get(m.MetricRecord, record_id)
            if record is None:
                raise NotFoundError("Those results were taken back with their import.")
            outlet, author, title = record.outlet, record.author, record.content
            published_on, url = record.occurred_at.date(), ""
        else:
            outlet, author, title = placement.outlet, placement.author, placement.title
            published_on, url = placement.published_on, placement.url
        if published_on < pitch.pitched_on:
            raise ValidationError(f"The article appeared on {published_on.isoformat()}, before "
                                  f"the pitch of {pitch.pitched_on.isoformat()}.")
        created = card_id is None
        card = _coverage_card(session, pitch, outlet, title, url, published_on) if created \
            else session.get(m.Card, card_id)
        if card is None or card.deleted_at is not None:
            raise ValidationError("The coverage card has been deleted.", field="card_id")
        records: tuple[int, ...] = ()
        if record_id is not None:
            r = m.MetricRecord
            same = (r.outlet == outlet, r.content == title, r.card_id.is_(None))
            records = tuple(session.scalars(select(r.id).where(*same)))
            session.execute(update(r).where(r.id.in_(records)).values(card_id=card.id)
                            .execution_options(synchronize_session=False))
        link = m.CoverageLink(recipient_id=recipient.id, metric_record_id=record_id,
                              outlet=outlet, author=author, title=title, url=url,
                              published_on=published_on, card_id=card.id,
                              confirmed_by_id=uow.person_id, confirmed_at=utcnow())
        session.add(link)
        before = PitchState(recipient.state)
        recipient.state = PitchState.COVERED
        session.flush()
        return Linked(link.id, recipient.id, before, card.id, created, records)


def _clean_placement(data: PlacementInput) -> PlacementInput:
    outlet, title = data.outlet.strip(), data.title.strip()
    if not outlet:
        raise ValidationError("Say where the article appeared.", field="outlet")
    if not title:
        raise ValidationError("Give the article's title.", field="title")
    url = data.url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValidationError("The link should start with http:// or https://.", field="url")
    return PlacementInput(outlet, title, data.published_on, data.author.strip(), url)


def unlink(uow: UnitOfWork, linked: Linked) -> None:
    """Take a confirmed link back (its undo): the state, the card and the records as before."""
    with uow.write() as session:
        link = session.get(m.CoverageLink, linked.link_id)
        if link is not None:
            session.delete(link)
        recipient = session.get(m.PitchRecipient, linked.recipient_id)
        if recipient is not None:
            recipient.state = linked.state_before
        if linked.records:
            session.execute(update(m.MetricRecord).where(m.MetricRecord.id.in_(linked.records))
                            .values(card_id=None).execution_options(synchronize_session=False))
        card = session.get(m.Card, linked.card_id)
        if linked.card_created and card is not None and card.deleted_at is None:
            board.trash_card_in(session, card.id, card.version)


def list_links(uow: UnitOfWork) -> list[CoverageLink]:
    """Every confirmed link, newest article first, with how far it was amplified."""
    r = m.PitchRecipient
    query = (select(m.CoverageLink, m.MediaContact.name, m.Pitch.subject, m.Person.name)
             .join(r, r.id == m.CoverageLink.recipient_id)
             .join(m.Pitch, m.Pitch.id == r.pitch_id)
             .join(m.MediaContact, m.MediaContact.id == r.contact_id)
             .outerjoin(m.Person, m.Person.id == m.CoverageLink.confirmed_by_id)
             .order_by(m.CoverageLink.published_on.desc(), m.CoverageLink.id.desc()))
    with uow.read() as session:
        children = board.children_map(session)
        return [CoverageLink(link.id, link.recipient_id, contact, subject, link.outlet,
                             link.author, link.title, link.url, link.published_on, link.card_id,
                             by or "", len(children.get(link.card_id, [])) if link.card_id
                             else 0)
                for link, contact, subject, by in session.execute(query)]


# --------------------------------------------------------------------------- amplifying


def _marketing_owner(session, owner_id: int | None) -> int | None:  # noqa: ANN001
    if owner_id is not None:
        return owner_id
    return session.scalar(select(m.Person.id).where(
        m.Person.department == Department.MARKETING, m.Person.active.is_(True))
        .order_by(m.Person.name))


def _amplified_count(session, card_id: int) -> int:  # noqa: ANN001
    """Marketing's live pieces that Amplify derived from the card, so it is not done twice."""
    return session.scalar(select(func.count()).select_from(m.Card).where(
        m.Card.derived_from_id == card_id, m.Card.deleted_at.is_(None),
        m.Card.team == Team.MARKETING,
        m.Card.tags.any(m.CardTag.tag == CommonGroundTag.SOCIAL_MEDIA_RELATIONS))) or 0


def amplify(uow: UnitOfWork, card_id: int, *, channels: tuple[str, ...] = tuple(SOCIAL_CHANNELS),
            newsletter: bool = True, one_pager: bool = True, paid_boost: bool = True,
            owner_id: int | None = None, today: date | None = None) -> Amplified:
    """Derive marketing's pieces from a coverage card in one step: a social post per
    channel, a newsletter item, a sales one-pager update and a paid boost, each owned by
    marketing (``owner_id``, or its first member) with a due date counted from today."""
    today = today or date.today()
    pieces = [AmplifyPiece(CardKind.SOCIAL_POST, f"{SOCIAL_CHANNELS.get(channel, channel)} post",
                           channel, SOCIAL_DAYS)
              for channel in dict.fromkeys(c.strip().lower() for c in channels if c.strip())]
    pieces += [p for p, wanted in ((NEWSLETTER, newsletter), (ONE_PAGER, one_pager),
                                   (PAID_BOOST, paid_boost)) if wanted]
    if not pieces:
        raise ValidationError("Choose at least one piece to derive from the coverage.")
    with uow.write() as session:
        source = session.get(m.Card, card_id)
        if source is None or source.deleted_at is not None:
            raise NotFoundError("That coverage card has been deleted.")
        if source.kind != CardKind.MEDIA_COVERAGE:
            raise ValidationError(f"'{source.title}' is not media coverage; amplify an article.")
        already = _amplified_count(session, source.id)
        if already:
            raise ValidationError(
                f"'{source.title}' was amplified already: {already} of marketing's pieces "
                "derive from it. Find them on the board under the coverage card; to start "
                "again, move them to the trash first.")
        owner = _marketing_owner(session, owner_id)
        made = [board.insert_card(session, board.CardInput(
            f"{piece.title}: {source.title}"[:300], Team.MARKETING, piece.kind, Stage.PLANNED,
            campaign_id=source.campaign_id, owner_id=owner,
            due_on=today + timedelta(days=piece.days_after), goal_id=source.goal_id,
            channel=piece.channel, derived_from_id=source.id,
            tags=(CommonGroundTag.SOCIAL_MEDIA_RELATIONS,))).id for piece in pieces]
        return Amplified(source.id, tuple(made))


def take_back_amplified(uow: UnitOfWork, amplified: Amplified) -> None:
    """Undo of amplify: its cards go to the trash."""
    with uow.write() as session:
        for card_id in amplified.card_ids:
            row = session.get(m.Card, card_id)
            if row is not None and row.deleted_at is None:
                board.trash_card_in(session, card_id, row.version)


def restore_amplified(uow: UnitOfWork, amplified: Amplified) -> None:
    """Redo of amplify: its cards come back from the trash."""
    with uow.write() as session:
        board.restore_cards_in(session, amplified.card_ids)
