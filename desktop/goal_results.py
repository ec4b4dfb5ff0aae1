"""Goal measurements calculated from imported results.

A goal's metric is mapped to one metric over channels and a period, combined as
the metric catalogue says (clicks added up, followers the latest figure, reach
the largest ...); the measurement is stored as *calculated*, its note saying what
was combined and how.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from db.enums import MeasurementSource
from db.unit_of_work import UnitOfWork
from desktop import analytics, goals
from desktop.errors import ValidationError
from desktop.metric_catalogue import definition

_HOW = {"sum": "sum", "latest": "latest figure", "max": "largest figure",
        "weighted": "weighted average", "none": "figure"}


def sum_of_results(uow: UnitOfWork, metric: str, start: date, end: date,
                   channels: Sequence[str] | None = None) -> float:
    """The metric's figure for the period, combined by the catalogue (0 when there is none)."""
    total = analytics.metric_total(uow, metric, start, end, channels=channels)
    return 0.0 if total is None else total


def measure_from_results(uow: UnitOfWork, goal_id: int, metric: str, start: date, end: date,
                         channels: Sequence[str] | None = None,
                         measured_on: date | None = None) -> goals.Measurement:
    """Record the combined figure as a calculated measurement of the goal, dated the
    period's end."""
    if end < start:
        raise ValidationError("The period ends before it starts.", field="period")
    entry = definition(metric)
    if entry.across == "none":
        raise ValidationError(f"{entry.label} is an index: it cannot be added up into a goal's "
                              "measurement.", field="metric")
    total = sum_of_results(uow, metric, start, end, channels)
    where = ", ".join(channels) if channels else "all channels"
    note = (f"Calculated: {_HOW[entry.across]} of {metric} on {where}, {start.isoformat()} to "
            f"{end.isoformat()}, from imported results")
    return goals.record_measurement(uow, goal_id, measured_on or min(end, date.today()), total,
                                    note, MeasurementSource.CALCULATED)
