from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, text, true
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Timestamped, Versioned, utcnow

# --------------------------------------------------------------------------- the catalogue

#: Units a metric is measured in.
UNITS = ("count", "currency", "seconds", "percent", "index", "position")
#: How figures of one metric combine, over time (the records of one piece) and across
#: pieces: added up; the latest value (a stock, like followers); the largest; an average
#: weighted by another metric of the same row (CTR by impressions); or not at all (an index).
SUM, LATEST, MAX, WEIGHTED, NONE = "sum", "latest", "max", "weighted", "none"
RULES = (SUM, LATEST, MAX, WEIGHTED, NONE)


@dataclass(frozen=True)
class MetricDefinition:
    """What a metric is and how its figures combine (see ``desktop.metric_catalogue``)."""

    name: str
    unit: str = "count"
    over_time: str = SUM
    across: str = SUM
    weight_by: str = ""  # the metric a WEIGHTED average is weighted by
    label: str = ""
    builtin: bool = True


def _metric(name: str, unit: str = "count", over_time: str = SUM, across: str = SUM,
            weight_by: str = "", label: str = "") -> MetricDefinition:
    return MetricDefinition(name, unit, over_time, across, weight_by,
                            label or name.replace("_", " ").capitalize())


#: The metrics the app knows. Reach and users are people, not events: the same person
#: reached on two days is one, so a piece's reach over time is its largest figure (the
#: tools report it cumulatively); the pieces of a channel are added, as the tools do.
BUILTIN_METRICS: tuple[MetricDefinition, ...] = (
    _metric("impressions"), _metric("reach", over_time=MAX), _metric("clicks"),
    _metric("engagements"), _metric("opens"), _metric("leads"), _metric("conversions"),
    _metric("cost", "currency"), _metric("mentions"), _metric("views"), _metric("visits"),
    _metric("users", over_time=MAX, across=MAX), _metric("events"),
    _metric("unsubscribes"), _metric("followers", over_time=LATEST),
    _metric("time_on_page", "seconds", WEIGHTED, WEIGHTED, "views", "Time on page"),
    _metric("watch_time", "seconds", label="Watch time"),
    _metric("ctr", "percent", WEIGHTED, WEIGHTED, "impressions", "CTR"),
    _metric("engagement_rate", "percent", WEIGHTED, WEIGHTED, "impressions"),
    _metric("position", "position", WEIGHTED, WEIGHTED, "impressions", "Average position"),
    _metric("rank", "position", LATEST, NONE, label="Rank"),
    _metric("interest", "index", NONE, NONE, label="Interest (index 0-100)"),
)


class MetricType(Timestamped, Base):
    """A metric a team added to the catalogue, beside the built-in ones."""

    __tablename__ = "metric_types"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    unit: Mapped[str] = mapped_column(String(20), default="count")
    over_time: Mapped[str] = mapped_column(String(20), default=SUM)
    across: Mapped[str] = mapped_column(String(20), default=SUM)
    weight_by: Mapped[str] = mapped_column(String(60), default="")

    def describe(self) -> str:
        return self.label or self.name

    def definition(self) -> MetricDefinition:
        return MetricDefinition(self.name, self.unit, self.over_time, self.across,
                                self.weight_by, self.label or self.name, builtin=False)


class ImportProfile(Versioned, Timestamped, Base):
    """A saved column mapping, reused for the next export of the same tool."""

    __tablename__ = "import_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def describe(self) -> str:
        return self.name


class ImportBatch(Base):
    """One imported file: the provenance of the metric records it brought."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    profile_name: Mapped[str] = mapped_column(String(120), default="")
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    row_count: Mapped[int] = mapped_column(default=0)

    def describe(self) -> str:
        return self.file_name


#: The hour a record falls in, as SQLite stores its time ("2026-03-02 09"): what the
#: analytics' pass by hour groups by, and the first column of its index.
SQLITE_HOUR = "substr(occurred_at, 1, 13)"


class MetricRecord(Versioned, Base):
    """One measured figure: reach, clicks, leads, cost ... at a time, on a channel."""

    __tablename__ = "metric_records"
    __table_args__ = (
        # Covering for desktop.analytics' pass by piece, in its GROUP BY order, so SQLite
        # reads the groups off it instead of sorting a period's records; its first two
        # columns serve the look-ups of a card's results by metric.
        Index("ix_metric_records_pieces", "card_id", "metric", "channel", "import_id",
              "content", "outlet", "author", "occurred_at", "period_end", "breakdown", "value", "weight"),
        Index("ix_metric_records_occurred_at", "occurred_at"),
        # Covering for the pass by hour on SQLite, in its GROUP BY order: the period is a
        # range of it and the groups stream off it, where the table was read and sorted.
        # Only records with a time of day. SQLite 3.40 counts an index as covering only if
        # it holds every column the query names, the hour's own included. SQLAlchemy cannot
        # reflect it: a batch migration of this table must create it again.
        Index("ix_metric_records_hours", text(SQLITE_HOUR), "channel", "metric", "value",
              "card_id", "occurred_at", "timed",
              sqlite_where=text("timed = 1")).ddl_if(dialect="sqlite"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(60))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))
    content: Mapped[str] = mapped_column(String(500), default="")
    metric: Mapped[str] = mapped_column(String(60))
    value: Mapped[float]
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    source_row: Mapped[int | None]
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    outlet: Mapped[str] = mapped_column(String(200), default="", server_default="")
    author: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: False when the export gave a date or a period but no time of day.
    timed: Mapped[bool] = mapped_column(default=True, server_default=true())
    #: The last day a record covers, when it reports more than the day of ``occurred_at``
    #: (a week, a month, a whole export's period); None: that day (or moment) only.
    period_end: Mapped[date | None]
    #: What a weighted average (CTR, position) is weighted by: the row's figure of the
    #: catalogue's ``weight_by`` metric; 1 for every other metric.
    weight: Mapped[float] = mapped_column(default=1.0, server_default=text("1.0"))
    #: What a record breaks a total down by ("country", "device" ...), when the export gives
    #: the total on its own too: kept, but never added to the total again.
    breakdown: Mapped[str] = mapped_column(String(40), default="", server_default="")

    def describe(self) -> str:
        return f"{self.metric} {self.value:g} on {self.channel}"
