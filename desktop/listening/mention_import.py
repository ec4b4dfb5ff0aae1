"""Importing the mention exports of listening tools, with the results' import machinery.

The file is read as every export is (``desktop.importing.reading``: encoding,
delimiter, a metadata block above the header such as Brandwatch writes); columns
are found by their names, normalised for case and punctuation
(``desktop.importing.mapping.find_column``); dates as the results read them, epoch
milliseconds included (``DateReader``). A profile is recognised by the columns that
make a tool's export what it is, never by the file's name. The import is an
``import_batches`` row (file, profile, who, period) and one ``mentions`` row per
post with its line in the file; the same file twice adds nothing, nor does a post
already stored from another file or tool (the same link, or the same author, time
and words). A bad row is reported with its line; then nothing is imported unless
the good rows alone are asked for. The signals are raised in the same transaction.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

from db import models as m
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.importing.importer import ImportProblemsError, RowProblem, find_duplicate
from desktop.importing.mapping import find_column
from desktop.importing.period import Period
from desktop.importing.reading import Layout, inspect_export, is_summary_row, iter_rows
from desktop.importing.values import CellError, DateReader, NumberReader, read_hour
from desktop.listening.identifiers import PLATFORM_DOMAINS, platform_name, registrable_domain
from desktop.listening.rules import to_rule, vocabulary
from desktop.listening.signals import RaiseResult, raise_signals
from desktop.listening.workflow import expire_in
from desktop.team_settings import team_timezone

EXCERPT_CHARS = 500
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)


@dataclass(frozen=True)
class MentionColumns:
    """Which column holds each part of a mention; ``a|b`` takes the first the file has."""

    timestamp: str
    link: str = ""
    hour: str = ""
    doc_id: str = ""
    domain: str = ""
    platform: str = ""
    source: str = ""
    author: str = ""
    author_handle: str = ""
    query: str = ""
    sentiment: str = ""
    reach: str = ""
    title: str = ""
    excerpt: str = ""
    full_text: str = ""
    links: str = ""


@dataclass(frozen=True)
class MentionProfile:
    name: str
    tool: str
    columns: MentionColumns
    signature: tuple[str, ...]  # columns only this tool's export has, all of them


MENTION_PROFILES: tuple[MentionProfile, ...] = (
    MentionProfile("Brandwatch: mentions", "Brandwatch", MentionColumns(
        timestamp="Date", link="Url", domain="Domain", platform="Page Type|Content Source",
        source="Domain", author="Full Name|Author", author_handle="Author",
        query="Query Name", sentiment="Sentiment", reach="Reach (new)|Reach|Impressions",
        title="Title", excerpt="Snippet", full_text="Full Text", links="Expanded URLs|Links",
        doc_id="Resource Id|Mention Id"),
        ("Query Name", "Page Type", "Snippet")),
    MentionProfile("Meltwater: mentions", "Meltwater", MentionColumns(
        timestamp="Date", hour="Time", doc_id="Document ID", link="URL",
        domain="Source Domain", platform="Source Type|Content Type|Source",
        source="Source Name", author="Author Name", author_handle="Author Handle",
        query="Input Name", sentiment="Sentiment", reach="Reach", title="Title",
        excerpt="Hit Sentence|Opening Text", full_text="Opening Text", links="Links"),
        ("Document ID", "Input Name", "Hit Sentence")),
    MentionProfile("Meltwater: mentions (older export)", "Meltwater", MentionColumns(
        timestamp="Date", hour="Time", link="URL", platform="Source", source="Source",
        author="Influencer", author_handle="Twitter Screen Name", query="Input Name",
        sentiment="Sentiment", reach="Reach", title="Headline",
        excerpt="Hit Sentence|Opening Text", full_text="Opening Text",
        doc_id="Tweet Id"),
        ("Headline", "Influencer", "Twitter Screen Name")),
    MentionProfile("Talkwalker: results", "Talkwalker", MentionColumns(
        timestamp="published", link="url", domain="domain_url|host_url",
        platform="source_type", source="extra_source_attributes.name",
        author="extra_author_attributes.name",
        author_handle="extra_author_attributes.short_name|extra_author_attributes.url",
        query="matched_profile|topic|project", sentiment="sentiment", reach="reach",
        title="title", excerpt="title_snippet|content_snippet", full_text="content"),
        ("published", "source_type", "extra_author_attributes.name")),
    MentionProfile("Mentions: plain CSV", "", MentionColumns(
        timestamp="Date|Published|Time|Created at|Datum", link="Link|URL|Permalink",
        platform="Platform|Network|Channel", source="Source|Outlet|Site",
        author="Author|Author name|Name|Autor", author_handle="Handle|Author handle|Username",
        query="Query|Topic|Brand|Search", sentiment="Sentiment|Tone", reach="Reach|Followers",
        title="Title|Headline", excerpt="Excerpt|Snippet|Text|Mention|Content|Message",
        links="Links"),
        ("Date|Published|Time|Created at|Datum", "Excerpt|Snippet|Text|Mention|Content|Message")),
)


def recognise(header: Sequence[str]) -> MentionProfile | None:
    """The profile whose signature columns the file has, the most specific first."""
    for profile in MENTION_PROFILES:
        if all(find_column(spec, header) for spec in profile.signature):
            return profile
    return None


@dataclass(frozen=True)
class MentionImportResult:
    file_name: str
    profile_name: str
    batch_id: int | None = None
    mentions: int = 0
    already_stored: int = 0
    skipped: tuple[RowProblem, ...] = ()
    period: Period | None = None
    signals: RaiseResult | None = None
    duplicate_of: str = ""
    expired: int = 0  # routed signals nobody acknowledged in 14 days, expired meanwhile

    @property
    def summary(self) -> str:
        if self.duplicate_of:
            return f"{self.file_name} was imported before ({self.duplicate_of}); nothing added."
        raised = self.signals
        made = (f"; {raised.signals_new} new signals ({raised.routed} routed to reps, "
                f"{raised.triage} for triage), {raised.signals_folded} mentions folded into "
                "open signals") if raised else ""
        again = f", {self.already_stored} already stored" if self.already_stored else ""
        gone = (f" {self.expired} signals nobody acknowledged in 14 days expired."
                if self.expired else "")
        return f"{self.mentions} mentions imported from {self.file_name}{again}{made}.{gone}"


def _text(cell: object) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def sentiment_word(cell: object) -> str:
    """``positive``/``negative``/``neutral`` from words or Talkwalker's -5..5 scale."""
    text = _text(cell).lower()
    if not text:
        return ""
    try:
        value = float(text)
    except ValueError:
        return next((w for w in ("positive", "negative", "neutral", "mixed") if w in text),
                    text[:20])
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


def _excerpt(snippet: str, full: str) -> str:
    text = snippet or full
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"


def fingerprint(link: str, author: str, when: datetime, text: str) -> str:
    """The same post from any file or tool: its link, else its author, minute and words."""
    key = re.sub(r"^https?://(www\.)?|[/?#]+$", "", link.strip().lower()) if link.strip() \
        else f"{author.lower()}|{when:%Y-%m-%d %H:%M}|{' '.join(text.lower().split())[:200]}"
    return hashlib.sha256(key.encode()).hexdigest()


class _Reader:
    """The good rows of one file as mention values, and the problems of the others."""

    def __init__(self, layout: Layout, profile: MentionProfile, timezone: str) -> None:
        self.layout, self.profile = layout, profile
        header = layout.header
        self.index = {f.name: self._find(getattr(profile.columns, f.name), header)
                      for f in fields(MentionColumns)}
        if self.index["timestamp"] < 0:
            raise ValidationError(f"{layout.path.name} has no column with the mentions' dates "
                                  f"(looked for {profile.columns.timestamp.replace('|', ', ')}).")
        ts = self.index["timestamp"]
        self.dates = DateReader([cells[ts] for _, cells in layout.sample if ts < len(cells)],
                                timezone=timezone)
        self.numbers = NumberReader()
        self.problems: list[RowProblem] = []
        self.skipped: list[RowProblem] = []

    @staticmethod
    def _find(spec: str, header: Sequence[str]) -> int:
        column = find_column(spec, header) if spec else ""
        return header.index(column) if column else -1

    def _cell(self, cells: Sequence[object], role: str) -> str:
        at = self.index[role]
        return _text(cells[at]) if 0 <= at < len(cells) else ""

    def rows(self) -> list[dict[str, object]]:
        found = []
        for line, cells in iter_rows(self.layout):
            if is_summary_row(cells):
                self.skipped.append(RowProblem(line, "a total or a note, not a mention"))
                continue
            try:
                found.append(self._values(line, cells))
            except CellError as error:
                self.problems.append(RowProblem(line, str(error)))
        return found

    def _values(self, line: int, cells: Sequence[object]) -> dict[str, object]:
        get = self._cell
        raw = cells[self.index["timestamp"]] if self.index["timestamp"] < len(cells) else None
        when, _timed = self.dates(raw)
        hour = get(cells, "hour")
        if hour:
            h, minute = read_hour(hour)
            when = when.replace(hour=h, minute=minute)
        link = get(cells, "link")
        snippet, full = get(cells, "excerpt"), get(cells, "full_text")
        if not (link or snippet or full or get(cells, "title")):
            raise CellError("it has neither a link nor any text")
        reach_text = get(cells, "reach")
        try:
            reach = self.numbers(reach_text) if reach_text else None
        except CellError as error:
            raise CellError(f"the reach is {error}") from None
        domain = registrable_domain(get(cells, "domain") or link)
        # The link's own platform first: tools write kinds ("SOCIAL", "news") as the type.
        platform = PLATFORM_DOMAINS.get(registrable_domain(link) or domain) or (
            platform_name(get(cells, "platform")) if get(cells, "platform") else "")
        links = " ".join(dict.fromkeys(_URL.findall(f"{get(cells, 'links')} {full}")))
        author = get(cells, "author")
        excerpt = _excerpt(snippet, full)
        return {"source_row": line, "tool": self.profile.tool, "occurred_at": when,
                "link": link[:2000], "domain": domain, "platform": platform[:40],
                "source": get(cells, "source")[:300], "author": author[:300],
                "author_handle": get(cells, "author_handle").lstrip("@")[:300],
                "query": get(cells, "query")[:300], "sentiment": sentiment_word(
                    get(cells, "sentiment")), "reach": reach,
                "title": get(cells, "title")[:500], "excerpt": excerpt, "links": links,
                "excerpt_purged": False,
                "fingerprint": fingerprint(link, author, when, snippet or full)}


def import_mentions(uow: UnitOfWork, path: Path, *, good_rows_only: bool = False,
                    now: datetime | None = None) -> MentionImportResult:
    """Import a listening tool's export of mentions and raise their signals, in one write."""
    layout = inspect_export(Path(path))
    name = layout.path.name
    profile = recognise(layout.header)
    if profile is None:
        raise ValidationError(
            f"{name} is not an export of mentions this app knows: it has no columns for the "
            "date and the text of each mention (Brandwatch, Meltwater, Talkwalker, or a CSV "
            "with Date, Link, Author and Text).")
    duplicate = find_duplicate(uow, layout.sha256)
    if duplicate is not None:
        return MentionImportResult(name, profile.name, duplicate_of=(
            f"on {duplicate.imported_at:%Y-%m-%d} by {duplicate.imported_by or 'someone'}"))
    reader = _Reader(layout, profile, team_timezone(uow))
    rows = reader.rows()
    if reader.problems and not good_rows_only:
        raise ImportProblemsError(name, reader.problems, len(reader.problems), len(rows))
    if not rows:
        raise ValidationError(f"{name} holds no mentions to import.")
    words = vocabulary(uow)
    with uow.write() as session:
        stored = _stored(session, {str(r["fingerprint"]) for r in rows})
        fresh, seen = [], set(stored)
        for row in rows:
            if row["fingerprint"] not in seen:
                seen.add(row["fingerprint"])
                fresh.append(row)
        days = [r["occurred_at"].date() for r in rows]  # type: ignore[union-attr]
        period = Period(min(days), max(days))
        batch = m.ImportBatch(file_name=name, file_sha256=layout.sha256,
                              profile_name=profile.name, period_start=period.start,
                              period_end=period.end, imported_by_id=uow.person_id,
                              row_count=len(fresh))
        session.add(batch)
        session.flush()
        if fresh:
            session.execute(insert(m.Mention), [{**r, "import_id": batch.id} for r in fresh])
        ids = list(session.scalars(select(m.Mention.id).where(m.Mention.import_id == batch.id)))
        rules = [to_rule(r) for r in session.scalars(
            select(m.IntentRule).where(m.IntentRule.active.is_(True)))]
        raised = raise_signals(session, ids, rules, words, now or utcnow())
        expired = expire_in(session, now or utcnow())
        return MentionImportResult(name, profile.name, batch.id, len(fresh),
                                   len(rows) - len(fresh), tuple(reader.skipped), period, raised,
                                   expired=expired)


def _stored(session, prints: set[str]) -> set[str]:  # noqa: ANN001
    found: set[str] = set()
    ordered = sorted(prints)
    for i in range(0, len(ordered), 500):
        found |= set(session.scalars(select(m.Mention.fingerprint).where(
            m.Mention.fingerprint.in_(ordered[i:i + 500]))))
    return found
