"""People's words are kept only as long as the team needs them.

A mention keeps an excerpt, not the whole text; after the retention period (a team
setting, in months) the excerpt and the quotes of the signals it raised are
emptied, and the rows stay, so every count (mentions imported, matched, signals)
is the same afterwards. "Forget this author" empties everything that names an
author or quotes them, at once, also keeping the counts. Both go through the ORM, so
the change log records each emptied row (other windows refresh, the activity feed
shows it); the emptied columns are not loaded first, so the log does not keep the
words it removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, or_, select
from sqlalchemy.orm import load_only

from db import models as m
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.listening.identifiers import normalise_handle
from desktop.stories import year_ago
from desktop.team_settings import get_setting

RETENTION_KEY = "listening_retention_months"
DEFAULT_RETENTION_MONTHS = 12


@dataclass(frozen=True)
class Purged:
    mentions: int
    signals: int


def retention_months(uow: UnitOfWork) -> int:
    text = get_setting(uow, RETENTION_KEY)
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_RETENTION_MONTHS


def months_before(today: date, months: int) -> date:
    if months % 12 == 0:
        day = today
        for _ in range(months // 12):
            day = year_ago(day)
        return day
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, 28))


def _quotes_of(session, mention_ids: list[int], links: bool = False) -> int:  # noqa: ANN001
    """Empty the quotes (and with ``links`` the links) of the signals ``mention_ids`` raised."""
    if not mention_ids:
        return 0
    signal_ids = set()
    for chunk in (mention_ids[i:i + 500] for i in range(0, len(mention_ids), 500)):
        signal_ids |= set(session.scalars(select(m.signal_mentions.c.signal_id).where(
            m.signal_mentions.c.mention_id.in_(chunk))))
    touched = 0
    ids = sorted(signal_ids)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        # quote and link are not loaded, so the change log records that they were emptied
        # without keeping the words
        for row in session.scalars(select(m.Signal).options(
                load_only(m.Signal.id, m.Signal.version, m.Signal.intent))
                .where(m.Signal.id.in_(chunk))):
            row.quote = ""
            if links:
                row.link = ""
            touched += 1
        session.flush()
    return touched


def _empty_mentions(session, ids: list[int], **values: object) -> None:  # noqa: ANN001
    """Set ``values`` on the mentions ``ids`` through the ORM, in chunks, so the change log
    has an entry per row (and other windows refresh) without the emptied words."""
    kept = (m.Mention.id,) if "link" in values else (m.Mention.id, m.Mention.link)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for row in session.scalars(select(m.Mention).options(load_only(*kept))
                                   .where(m.Mention.id.in_(chunk))):
            for name, value in values.items():
                setattr(row, name, value)
        session.flush()


def _purge_before(uow: UnitOfWork, months: int | None, today: date | None) -> datetime:
    months = months if months is not None else retention_months(uow)
    if months <= 0:
        raise ValidationError("Keep excerpts for one month at least.", field="months")
    return datetime.combine(months_before(today or date.today(), months), time())


def _purgeable(before: datetime) -> tuple:
    return m.Mention.occurred_at < before, m.Mention.excerpt_purged.is_(False)


def excerpts_to_purge(uow: UnitOfWork, months: int | None = None,
                      today: date | None = None) -> int:
    """How many excerpts a purge would empty, so the person is asked with the number."""
    before = _purge_before(uow, months, today)
    with uow.read() as session:
        return session.scalar(select(func.count()).select_from(m.Mention)
                              .where(*_purgeable(before))) or 0


def purge_excerpts(uow: UnitOfWork, months: int | None = None,
                   today: date | None = None) -> Purged:
    """Empty the excerpts of mentions older than the retention period; counts stay."""
    before = _purge_before(uow, months, today)
    with uow.write() as session:
        ids = list(session.scalars(select(m.Mention.id).where(*_purgeable(before))))
        _empty_mentions(session, ids, excerpt="", title="", excerpt_purged=True)
        return Purged(len(ids), _quotes_of(session, ids))


def forget_author(uow: UnitOfWork, author: str) -> Purged:
    """Remove what names or quotes ``author`` (a name or a handle); the rows and counts stay."""
    name = author.strip()
    if not name:
        raise ValidationError("Say which author to forget.", field="author")
    handle = normalise_handle(name)
    with uow.write() as session:
        ids = list(session.scalars(select(m.Mention.id).where(or_(
            func.lower(m.Mention.author) == name.lower(),
            func.lower(m.Mention.author_handle) == handle,
            func.lower(m.Mention.author_handle) == "@" + handle))))
        signals = _quotes_of(session, ids, links=True)
        _empty_mentions(session, ids, author="", author_handle="", excerpt="", title="",
                        link="", links="", excerpt_purged=True)
        return Purged(len(ids), signals)
