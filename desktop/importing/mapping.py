"""Column mappings: which column of an export is the time, the channel, the content,
and which columns are figures, under which metric name.

A column is named as the tool writes it; ``"Impr.|Impressions"`` accepts either
(tools rename columns between versions), and ``"Amount spent (*)"`` any currency.
Matching ignores case and surrounding spaces. Metric columns that a file lacks
are left out; a file that lacks the named channel column, or both the content and link
columns, does not fit.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from desktop.errors import ValidationError

#: The figures the analytics know; a mapping may use any other name too.
KNOWN_METRICS = ("impressions", "reach", "clicks", "engagements", "opens", "leads",
                 "conversions", "cost", "mentions", "views", "visits", "users", "events",
                 "time_on_page", "unsubscribes")


def _norm(name: str) -> str:
    return " ".join(name.strip().lower().split())


def find_column(spec: str, columns: Sequence[str]) -> str:
    """The file's column that ``spec`` names, or "" when there is none."""
    if not spec:
        return ""
    normalised = {_norm(c): c for c in columns}
    for alternative in spec.split("|"):
        wanted = _norm(alternative)
        if wanted in normalised:
            return normalised[wanted]
        if "*" in wanted:
            for key, column in normalised.items():
                if fnmatch.fnmatchcase(key, wanted):
                    return column
    return ""


@dataclass(frozen=True)
class ColumnMapping:
    """What each column means. Empty strings mean "not in this export"."""

    timestamp: str = ""  # a date, or date and time, per row
    hour: str = ""  # hour (or time) of day, beside a date-only timestamp
    channel: str = ""  # a column naming the channel of each row ...
    fixed_channel: str = ""  # ... or one channel for the whole file
    content: str = ""  # title, subject line, query or page
    link: str = ""  # a URL or page path, used to find the board card
    outlet: str = ""  # where coverage appeared
    author: str = ""  # journalist or creator
    metrics: tuple[tuple[str, str], ...] = ()  # (column, metric name)
    row_metric: str = ""  # a metric counted once per row, e.g. "mentions" for coverage

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["metrics"] = [list(pair) for pair in self.metrics]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and k != "metrics"}
        metrics = tuple((str(c), str(n)) for c, n in data.get("metrics", []))
        return cls(**values, metrics=metrics)

    @property
    def columns(self) -> tuple[str, ...]:
        named = (self.timestamp, self.hour, self.channel, self.content, self.link,
                 self.outlet, self.author)
        return tuple(c for c in named if c) + tuple(c for c, _ in self.metrics)

    def resolve(self, columns: Sequence[str]) -> ColumnMapping:
        """This mapping with each spec replaced by the file's own column name.

        Raises ``ValidationError`` naming what the file lacks.
        """
        resolved: dict[str, str] = {}
        for name in ("timestamp", "hour", "channel", "content", "link", "outlet", "author"):
            spec = getattr(self, name)
            column = find_column(spec, columns)
            if spec and not column and name == "channel":
                raise ValidationError(
                    f"The file has no column '{spec.split('|')[0]}' for the {name}.", field=name)
            resolved[name] = column
        metrics = tuple((found, metric) for spec, metric in self.metrics
                        if (found := find_column(spec, columns)))
        if not metrics and not self.row_metric:
            wanted = ", ".join(spec.split("|")[0] for spec, _ in self.metrics) or "none chosen"
            raise ValidationError(
                f"None of the figure columns is in the file (looked for: {wanted}). "
                "Choose at least one column of figures.", field="metrics")
        if not resolved["channel"] and not self.fixed_channel.strip():
            raise ValidationError("Say which channel these results are from.",
                                  field="fixed_channel")
        return replace(self, **resolved, metrics=metrics)

    def fit(self, columns: Sequence[str]) -> int:
        """How many of the named columns the file has; -1 when it does not fit at all."""
        try:
            resolved = self.resolve(columns)
        except ValidationError:
            return -1
        if (self.content or self.link) and not (resolved.content or resolved.link):
            return -1
        if self.metrics and not resolved.metrics:
            return -1
        return len(resolved.columns)


@dataclass(frozen=True)
class Profile:
    """A named mapping: built in for a known tool's export, or saved by the team."""

    name: str
    mapping: ColumnMapping
    builtin: bool = False
    id: int | None = None
    version: int | None = None
    note: str = field(default="", compare=False)
