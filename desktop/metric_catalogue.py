"""The metric catalogue: what each metric is, and the one way its figures combine.

Every figure the app shows that is made of several records goes through
``combine``: the records of one piece over time by the metric's ``over_time``
rule, pieces by its ``across`` rule. Clicks add up; followers (a stock) keep the
latest figure; reach and users keep the largest; CTR and position are averaged
weighted by impressions; a 0-100 index does not combine at all, and asking for
it raises ``NotCombinable`` instead of printing a sum that means nothing.
Metrics the catalogue does not know are counts that add up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from db import models as m
from db.models.metrics import (
    BUILTIN_METRICS,
    LATEST,
    MAX,
    NONE,
    RULES,
    SUM,
    UNITS,
    WEIGHTED,
    MetricDefinition,
)
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError

__all__ = ["BUILTIN", "LATEST", "MAX", "NONE", "SUM", "WEIGHTED", "NotCombinable", "Part",
           "Tally", "catalogue", "combine", "define_metric", "definition", "load_team_metrics"]

BUILTIN: dict[str, MetricDefinition] = {d.name: d for d in BUILTIN_METRICS}
_team: dict[str, MetricDefinition] = {}  # the team's own, as last read from its file


class NotCombinable(ValueError):
    """Figures of a metric that cannot be combined (an index), asked to be."""


@dataclass(frozen=True)
class Part:
    """One figure to combine: a value, its weight (for weighted averages) and when."""

    value: float
    weight: float = 1.0
    when: date | datetime | None = None


def definition(metric: str) -> MetricDefinition:
    """The catalogue's entry for ``metric``; an unknown name is a count that adds up."""
    found = BUILTIN.get(metric) or _team.get(metric)
    return found or MetricDefinition(metric, label=metric, builtin=False)


class Tally:
    """Figures of one metric combined as they come, by one of the catalogue's rules."""

    __slots__ = ("rule", "metric", "total", "weights", "best", "latest", "parts")

    def __init__(self, metric: str, rule: str) -> None:
        self.metric, self.rule = metric, rule
        self.total = 0.0  # of values (SUM) or of value x weight (WEIGHTED)
        self.weights = 0.0
        self.best: float | None = None
        self.latest: tuple[object, float] | None = None
        self.parts = 0

    def add(self, value: float, weight: float = 1.0, when: object = None) -> None:
        self.parts += 1
        if self.rule == WEIGHTED:
            self.total += value * weight
            self.weights += weight
        else:
            self.total += value
        if self.best is None or value > self.best:
            self.best = value
        if self.latest is None or (when is not None and (self.latest[0] is None
                                                         or when >= self.latest[0])):
            self.latest = (when, value)

    @property
    def weight(self) -> float:
        """What this combined figure weighs when it is averaged with others."""
        return self.weights if self.rule == WEIGHTED else 1.0

    @property
    def value(self) -> float | None:
        """The combined figure; None for no figures, or a weighted one without weights."""
        if not self.parts:
            return None
        if self.rule == SUM:
            return self.total
        if self.rule == MAX:
            return self.best
        if self.rule == LATEST:
            return self.latest[1] if self.latest else None
        if self.rule == WEIGHTED:
            return self.total / self.weights if self.weights else None
        if self.parts > 1:
            raise NotCombinable(
                f"{definition(self.metric).label} is an index: its figures cannot be added "
                "up or averaged; look at them one at a time.")
        return self.total


def combine(metric: str, parts: Iterable[Part | float], *, over_time: bool = False) -> float | None:
    """The figures of ``metric`` combined by the catalogue's rule: across pieces, or the
    records of one piece ``over_time``. Raises ``NotCombinable`` for an index."""
    entry = definition(metric)
    tally = Tally(metric, entry.over_time if over_time else entry.across)
    for part in parts:
        if isinstance(part, Part):
            tally.add(part.value, part.weight, part.when)
        else:
            tally.add(float(part))
    return tally.value


def load_team_metrics(uow: UnitOfWork) -> dict[str, MetricDefinition]:
    """The team's own metrics, read from its file (and kept for ``definition``)."""
    with uow.read() as session:
        found = {row.name: row.definition() for row in session.scalars(select(m.MetricType))}
    _team.clear()
    _team.update(found)
    return found


def catalogue(uow: UnitOfWork) -> list[MetricDefinition]:
    """Every metric: the built-in ones, then the team's own."""
    team = load_team_metrics(uow)
    return list(BUILTIN_METRICS) + [d for name, d in sorted(team.items()) if name not in BUILTIN]


def define_metric(uow: UnitOfWork, name: str, *, unit: str = "count", over_time: str = SUM,
                  across: str = SUM, weight_by: str = "", label: str = "") -> MetricDefinition:
    """Add a metric of the team's own to the catalogue (or change one it added)."""
    name = "_".join(name.strip().lower().split())
    if not name:
        raise ValidationError("A metric needs a name.", field="name")
    if name in BUILTIN:
        raise ValidationError(f"'{name}' is a built-in metric; choose another name.",
                              field="name")
    if unit not in UNITS:
        raise ValidationError(f"'{unit}' is not a unit; choose one of {', '.join(UNITS)}.",
                              field="unit")
    for rule in (over_time, across):
        if rule not in RULES:
            raise ValidationError(f"'{rule}' is not a way to combine figures; choose one of "
                                  f"{', '.join(RULES)}.", field="rule")
    if WEIGHTED in (over_time, across) and not weight_by:
        raise ValidationError("Say which metric the average is weighted by (impressions, "
                              "views ...).", field="weight_by")
    with uow.write() as session:
        row = session.get(m.MetricType, name) or m.MetricType(name=name)
        row.label, row.unit, row.over_time, row.across, row.weight_by = (
            label or name.replace("_", " ").capitalize(), unit, over_time, across, weight_by)
        session.add(row)
        session.flush()
        found = row.definition()
    _team[name] = found
    return found
