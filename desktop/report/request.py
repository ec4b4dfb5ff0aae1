"""What a business case covers: a period, optionally some campaigns, the sections, a title.

The period is a quarter or any range of days. Its comparison period (for the
"change against the previous period" of the summary) is the previous quarter,
or the same number of days just before a range; a quarter still running is
compared with the same number of days of the previous quarter ("2026-Q3 to
the same day"), so half a quarter is never set against a whole one, and is
itself labelled "to date".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from db.unit_of_work import UnitOfWork
from desktop import board
from desktop.errors import ValidationError
from desktop.quarters import next_quarter, previous_quarter, quarter_bounds, quarter_of

#: The sections a report may hold, in report order, with their headings.
SECTIONS: dict[str, str] = {
    "summary": "Executive summary",
    "goals": "Goal progress",
    "lineage": "Campaign lineage",
    "channels": "Channels",
    "times": "Best times of day",
    "messages": "Messages that worked",
    "content": "Content customers want",
    "influence": "Who has influence",
    "stories": "Customer stories",
    "media": "Media relations",
    "collaboration": "Collaboration",
    "pilots": "Pilots",
    "listening": "Listening to pipeline",
    "appendix": "Where the figures come from",
}
ALL_SECTIONS: frozenset[str] = frozenset(SECTIONS)
#: Longest range a report covers; beyond it the charts stop saying anything.
MAX_DAYS = 3 * 366


def day_text(day: date) -> str:
    """``1 Oct 2026``: unambiguous in every country that reads the report."""
    return f"{day.day} {day:%b %Y}"


def span_text(start: date, end: date) -> str:
    """``1 Jul – 31 Aug 2026``, the year once when both days share it."""
    if start.year == end.year:
        return f"{start.day} {start:%b} – {day_text(end)}"
    return f"{day_text(start)} – {day_text(end)}"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    quarter: str | None = None
    #: The quarter whose first days these are (the comparison of a running quarter).
    first_days_of: str | None = None

    @property
    def label(self) -> str:
        span = span_text(self.start, self.end)
        if self.first_days_of:
            return f"{self.first_days_of} to the same day ({span})"
        return f"{self.quarter} ({span})" if self.quarter else span

    def label_on(self, today: date) -> str:
        """The label as of ``today``: a period still running says "to date" and up to when."""
        if not self.is_running(today):
            return self.label
        name = self.quarter or span_text(self.start, self.end)
        return f"{name} to date ({span_text(self.start, today)})"

    def is_running(self, today: date) -> bool:
        return self.start <= today < self.end

    def elapsed_days(self, today: date) -> int:
        """Days of the period that have happened, today included."""
        return (self.until(today) - self.start).days + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def quarters(self) -> tuple[str, ...]:
        """The quarters the period touches, in order."""
        found, quarter = [], quarter_of(self.start)
        while quarter_bounds(quarter)[0] <= self.end:
            found.append(quarter)
            quarter = next_quarter(quarter)
        return tuple(found)

    def until(self, today: date) -> date:
        """The last day that has happened: results, meetings and events after it are plans."""
        return max(self.start, min(self.end, today))

    def comparison(self, today: date) -> Period:
        """The period the summary compares with (see the module docstring)."""
        if self.quarter:
            before = previous_quarter(self.quarter)
            start, end = quarter_bounds(before)
            if self.is_running(today):
                return Period(start, min(end, start + (today - self.start)),
                              first_days_of=before)
            return Period(start, end, before)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def whole(self) -> Period:
        """The whole quarter of a comparison that covers only its first days."""
        if not self.first_days_of:
            return self
        return quarter_period(self.first_days_of)


def quarter_period(quarter: str) -> Period:
    quarter = quarter.strip().upper()
    start, end = quarter_bounds(quarter)
    return Period(start, end, quarter)


def range_period(start: date | None, end: date | None) -> Period:
    if start is None or end is None:
        raise ValidationError("Give both the first and the last day of the report.",
                              field="period")
    if end < start:
        raise ValidationError(
            f"The report ends ({end.isoformat()}) before it starts ({start.isoformat()}). "
            "Swap the two days.", field="period")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError("Choose at most three years for one report.", field="period")
    return Period(start, end)


@dataclass(frozen=True)
class ReportRequest:
    period: Period
    campaign_ids: tuple[int, ...] = ()
    sections: frozenset[str] = ALL_SECTIONS
    title: str = ""
    prepared_by: str = ""
    today: date = field(default_factory=date.today)

    def __post_init__(self) -> None:
        unknown = set(self.sections) - ALL_SECTIONS
        if unknown:
            raise ValidationError(f"Unknown report sections: {', '.join(sorted(unknown))}.",
                                  field="sections")

    def includes(self, section: str) -> bool:
        return section in self.sections

    @property
    def display_title(self) -> str:
        return self.title.strip() or "The business case"


def campaign_ids_named(uow: UnitOfWork, names: Sequence[str]) -> tuple[int, ...]:
    """The campaigns with these names (any case); a name that is no campaign is refused."""
    campaigns = board.list_campaigns(uow)
    by_name = {c.name.casefold(): c.id for c in campaigns}
    missing = [name for name in names if name.strip().casefold() not in by_name]
    if missing:
        known = ", ".join(c.name for c in campaigns) or "none yet"
        raise ValidationError(
            f"No campaign is called {', '.join(repr(n) for n in missing)}. "
            f"The campaigns are: {known}.", field="campaigns")
    return tuple(dict.fromkeys(by_name[name.strip().casefold()] for name in names))
