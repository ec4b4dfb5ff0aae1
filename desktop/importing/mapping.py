"""Column mappings: which column of an export is the time, the channel, the content,
and which columns are figures, under which metric name.

A column is named as the tool writes it; ``"Impr.|Impressions"`` accepts either
(tools rename columns between versions), and ``"Amount spent (*)"`` any currency.
Matching ignores case, spacing, underscores and punctuation (``Unique_Opens`` is
``Unique Opens``); a pattern with ``*`` is matched against the name as written too,
and as a figure column it takes every column it fits (Google Trends' one column per
search term, ``"*: (*)"``). Metric columns that a file lacks
are left out; a file that lacks the named channel column, or both the content and link
columns, does not fit.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from db.models.metrics import BUILTIN_METRICS
from desktop.errors import ValidationError

#: The figures the analytics know; a mapping may use any other name too.
KNOWN_METRICS = tuple(d.name for d in BUILTIN_METRICS)

_PUNCTUATION = re.compile(r"[\W_]+")


def _norm(name: str) -> str:
    """A column name as compared: lower case, punctuation and underscores as spaces."""
    return " ".join(_PUNCTUATION.sub(" ", name.casefold()).split())


def _pattern(alternative: str) -> str:
    return "*".join(_norm(part) for part in alternative.split("*"))


def find_columns(spec: str, columns: Sequence[str], taken: Sequence[str] = ()) -> list[str]:
    """The file's columns that ``spec`` names: the first alternative that is there, or
    for a pattern every column it fits (but those ``taken`` by another role)."""
    if not spec:
        return []
    normalised = {_norm(c): c for c in columns}
    for alternative in spec.split("|"):
        wanted = _norm(alternative)
        if "*" not in alternative:
            if wanted in normalised:
                return [normalised[wanted]]
            continue
        written = " ".join(alternative.casefold().split())
        pattern = _pattern(alternative)  # without its punctuation, unless that is all it has
        found = [c for c in columns if c not in taken and c.strip() and (
            fnmatch.fnmatchcase(" ".join(c.casefold().split()), written)
            or (pattern.strip("* ") and fnmatch.fnmatchcase(_norm(c), pattern)))]
        if found:
            return found
    return []


def find_column(spec: str, columns: Sequence[str]) -> str:
    """The file's column that ``spec`` names, or "" when there is none."""
    found = find_columns(spec, columns)
    return found[0] if found else ""


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
    until: str = ""  # the last day each row covers (Meta's "Reporting ends")
    corrections: bool = False  # the tool writes negative figures to net out removals
    content_from_header: bool = False  # each figure column is a piece (a Trends search term)
    scales: tuple[tuple[str, float], ...] = ()  # (metric, factor): hours to seconds ...
    breakdown: str = ""  # the rows break a total down ("country"): never added to it again

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["metrics"] = [list(pair) for pair in self.metrics]
        data["scales"] = [list(pair) for pair in self.scales]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and k not in ("metrics", "scales")}
        metrics = tuple((str(c), str(n)) for c, n in data.get("metrics", []))
        scales = tuple((str(n), float(f)) for n, f in data.get("scales", []))
        return cls(**values, metrics=metrics, scales=scales)

    @property
    def columns(self) -> tuple[str, ...]:
        named = (self.timestamp, self.hour, self.channel, self.content, self.link,
                 self.outlet, self.author, self.until)
        return tuple(c for c in named if c) + tuple(c for c, _ in self.metrics)

    def resolve(self, columns: Sequence[str]) -> ColumnMapping:
        """This mapping with each spec replaced by the file's own column name.

        Raises ``ValidationError`` naming what the file lacks.
        """
        resolved: dict[str, str] = {}
        for name in ("timestamp", "hour", "channel", "content", "link", "outlet", "author",
                     "until"):
            spec = getattr(self, name)
            column = find_column(spec, columns)
            if spec and not column and name == "channel":
                raise ValidationError(
                    f"The file has no column '{spec.split('|')[0]}' for the {name}.", field=name)
            resolved[name] = column
        taken = [c for c in resolved.values() if c]
        metrics = tuple(dict.fromkeys((found, metric) for spec, metric in self.metrics
                                      for found in find_columns(spec, columns, taken)))
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
        named = sum(1 for spec in (self.timestamp, self.hour, self.channel, self.content,
                                   self.link, self.outlet, self.author, self.until) if spec)
        named += len(self.metrics)
        found = len(resolved.columns) - max(0, len(resolved.metrics) - len(self.metrics))
        if found * 2 < named:  # a few common names (Date, Title) do not make a tool's export
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
