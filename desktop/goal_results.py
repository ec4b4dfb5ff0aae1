"""Goal measurements calculated from imported results.

A goal's metric is mapped to a sum of one metric over channels and a period;
the measurement is stored as *calculated*, its note saying what was summed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from db import models as m
from db.enums import MeasurementSource
from db.unit_of_work import UnitOfWork
from desktop import goals
from desktop.errors import ValidationError


def sum_of_results(uow: UnitOfWork, metric: str, start: date, end: date,
                   channels: Sequence[str] | None = None) -> float:
    r = m.MetricRecord
    query = select(func.coalesce(func.sum(r.value), 0.0)).where(
        r.metric == metric, r.occurred_at >= datetime.combine(start, time(0)),
        r.occurred_at < datetime.combine(end + timedelta(days=1), time(0)))
    if channels:
        query = query.where(r.channel.in_(list(channels)))
    with uow.read() as session:
        return float(session.scalar(query))


def measure_from_results(uow: UnitOfWork, goal_id: int, metric: str, start: date, end: date,
                         channels: Sequence[str] | None = None,
                         measured_on: date | None = None) -> goals.Measurement:
    """Record the sum as a calculated measurement of the goal, dated the period's end."""
    if end < start:
        raise ValidationError("The period ends before it starts.", field="period")
    total = sum_of_results(uow, metric, start, end, channels)
    where = ", ".join(channels) if channels else "all channels"
    note = (f"Calculated: sum of {metric} on {where}, {start.isoformat()} to "
            f"{end.isoformat()}, from imported results")
    return goals.record_measurement(uow, goal_id, measured_on or min(end, date.today()), total,
                                    note, MeasurementSource.CALCULATED)
