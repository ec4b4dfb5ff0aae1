"""Shared goals: corporate goals with the department goals aligned under them."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from db import models as m
from db.enums import Department, GoalLevel, GoalStatus, MeasurementSource
from db.models import utcnow
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError
from desktop.quarters import next_quarter, parse_quarter


@dataclass(frozen=True)
class GoalInput:
    level: GoalLevel
    quarter: str
    title: str
    metric: str
    target: float
    unit: str = ""
    baseline: float = 0.0
    department: Department | None = None
    parent_id: int | None = None
    owner_id: int | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    notes: str = ""


@dataclass(frozen=True)
class Measurement:
    id: int
    version: int
    goal_id: int
    measured_on: date
    value: float
    source: MeasurementSource
    note: str


@dataclass(frozen=True)
class Goal:
    id: int
    version: int
    level: GoalLevel
    department: Department | None
    parent_id: int | None
    quarter: str
    title: str
    metric: str
    unit: str
    baseline: float
    target: float
    owner_id: int | None
    owner_name: str
    status: GoalStatus
    notes: str
    carried_from_id: int | None
    actual: float | None
    measured_on: date | None
    measurement_count: int

    @property
    def progress(self) -> float:
        """Share of the way from baseline to target (0 with no measurement; may pass 1)."""
        if self.actual is None:
            return 0.0
        span = self.target - self.baseline
        if span == 0:
            return 1.0 if self.actual == self.target else 0.0
        return max(0.0, (self.actual - self.baseline) / span)

    @property
    def met(self) -> bool:
        return self.actual is not None and self.progress >= 1.0

    @property
    def achieved(self) -> bool:
        """Met by its measurements, or marked met by its owner: how a goal counts as met."""
        return self.met or self.status == GoalStatus.MET

    def as_input(self) -> GoalInput:
        return GoalInput(self.level, self.quarter, self.title, self.metric, self.target,
                         self.unit, self.baseline, self.department, self.parent_id,
                         self.owner_id, self.status, self.notes)


@dataclass(frozen=True)
class GoalNode:
    goal: Goal
    children: tuple[GoalNode, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CarryOver:
    """What a carry-over did, so that it can be undone."""

    from_quarter: str
    to_quarter: str
    created_ids: tuple[int, ...]
    source_ids: tuple[int, ...]


def _goal_values(data: GoalInput) -> dict[str, object]:
    return {
        "level": data.level, "quarter": data.quarter, "title": data.title,
        "metric": data.metric, "unit": data.unit, "baseline": data.baseline,
        "target": data.target, "department": data.department, "parent_id": data.parent_id,
        "owner_id": data.owner_id, "status": data.status, "notes": data.notes,
    }


def validate_goal(session, data: GoalInput, goal_id: int | None = None) -> GoalInput:  # noqa: ANN001
    title = data.title.strip()
    if not title:
        raise ValidationError("A goal needs a title.", field="title")
    metric = data.metric.strip()
    if not metric:
        raise ValidationError(
            "A goal needs a metric: what will you count to know it was met?", field="metric")
    quarter = data.quarter.strip()
    parse_quarter(quarter)
    for name, number in (("target", data.target), ("baseline", data.baseline)):
        if not math.isfinite(float(number)):
            raise ValidationError(f"The {name} must be a number.", field=name)
    if float(data.target) == float(data.baseline):
        raise ValidationError(
            "The target equals the baseline, which leaves nothing to achieve.", field="target")
    level = GoalLevel(data.level)
    department = Department(data.department) if data.department else None
    if level is GoalLevel.CORPORATE:
        if data.parent_id is not None:
            raise ValidationError("A corporate goal has no parent goal.", field="parent_id")
        department = None
    elif department is None:
        raise ValidationError("A department goal needs its department.", field="department")
    if data.parent_id is not None:
        parent = session.get(m.Goal, data.parent_id)
        if parent is None or parent.deleted_at is not None:
            raise ValidationError("The parent goal no longer exists.", field="parent_id")
        if parent.id == goal_id:
            raise ValidationError("A goal cannot be its own parent.", field="parent_id")
        if parent.level != GoalLevel.CORPORATE:
            raise ValidationError(
                f"'{parent.title}' is a department goal; align under a corporate goal.",
                field="parent_id")
        if parent.quarter != quarter:
            raise ValidationError(
                f"The parent goal '{parent.title}' belongs to {parent.quarter}, this goal to "
                f"{quarter}. Choose a parent from the same quarter.", field="parent_id")
    if data.owner_id is not None and session.get(m.Person, data.owner_id) is None:
        raise ValidationError("The owner is no longer in the team.", field="owner_id")
    return GoalInput(level, quarter, title, metric, float(data.target), data.unit.strip(),
                     float(data.baseline), department, data.parent_id, data.owner_id,
                     GoalStatus(data.status), data.notes)


def _latest_measurements(session, goal_ids: list[int]) -> dict[int, list[m.GoalMeasurement]]:  # noqa: ANN001
    found: dict[int, list[m.GoalMeasurement]] = defaultdict(list)
    if not goal_ids:
        return found
    query = (select(m.GoalMeasurement)
             .where(m.GoalMeasurement.goal_id.in_(goal_ids))
             .order_by(m.GoalMeasurement.measured_on, m.GoalMeasurement.id))
    for row in session.scalars(query):
        found[row.goal_id].append(row)
    return found


def _to_goals(session, rows: list[m.Goal]) -> list[Goal]:  # noqa: ANN001
    measurements = _latest_measurements(session, [row.id for row in rows])
    owner_ids = {row.owner_id for row in rows if row.owner_id}
    owners = {p.id: p.name for p in session.scalars(
        select(m.Person).where(m.Person.id.in_(owner_ids)))} if owner_ids else {}
    goals = []
    for row in rows:
        history = measurements.get(row.id, [])
        latest = history[-1] if history else None
        goals.append(Goal(
            row.id, row.version, GoalLevel(row.level),
            Department(row.department) if row.department else None, row.parent_id,
            row.quarter, row.title, row.metric, row.unit, row.baseline, row.target,
            row.owner_id, owners.get(row.owner_id, "") if row.owner_id else "",
            GoalStatus(row.status), row.notes, row.carried_from_id,
            latest.value if latest else None, latest.measured_on if latest else None,
            len(history)))
    return goals


def _live_goal(session, goal_id: int) -> m.Goal:  # noqa: ANN001
    row = session.get(m.Goal, goal_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("That goal has been deleted.")
    return row


def list_quarters(uow: UnitOfWork) -> list[str]:
    with uow.read() as session:
        query = select(m.Goal.quarter).where(m.Goal.deleted_at.is_(None)).distinct()
        return sorted(session.scalars(query))


def list_goals(uow: UnitOfWork, quarter: str, department: Department | None = None) -> list[Goal]:
    """The quarter's goals, corporate ones first; a department keeps the corporate goals above its own."""
    with uow.read() as session:
        query = (select(m.Goal)
                 .where(m.Goal.quarter == quarter, m.Goal.deleted_at.is_(None))
                 .order_by(m.Goal.level, m.Goal.title, m.Goal.id))
        rows = list(session.scalars(query))
        if department is not None:
            own = [r for r in rows if r.department == department]
            parents = {r.parent_id for r in own}
            rows = [r for r in rows if r.id in parents] + own
        return _to_goals(session, rows)


def goal_tree(goals: list[Goal]) -> list[GoalNode]:
    """Corporate goals with their department goals; goals without a listed parent stand alone."""
    ids = {g.id for g in goals}
    children: dict[int, list[Goal]] = defaultdict(list)
    roots: list[Goal] = []
    for goal in goals:
        if goal.parent_id is not None and goal.parent_id in ids:
            children[goal.parent_id].append(goal)
        else:
            roots.append(goal)
    roots.sort(key=lambda g: (g.level != GoalLevel.CORPORATE, g.title.lower()))
    order = list(Department)

    def child_key(goal: Goal) -> tuple[int, str]:
        return (order.index(goal.department) if goal.department else -1, goal.title.lower())

    return [GoalNode(root, tuple(GoalNode(c) for c in sorted(children[root.id], key=child_key)))
            for root in roots]


def get_goal(uow: UnitOfWork, goal_id: int) -> Goal:
    with uow.read() as session:
        return _to_goals(session, [_live_goal(session, goal_id)])[0]


def create_goal(uow: UnitOfWork, data: GoalInput) -> Goal:
    with uow.write() as session:
        data = validate_goal(session, data)
        row = m.Goal(**_goal_values(data))
        session.add(row)
        session.flush()
        return _to_goals(session, [row])[0]


def update_goal(uow: UnitOfWork, goal_id: int, seen_version: int, data: GoalInput) -> Goal:
    """Save an edit made on version ``seen_version``; a newer stored version is a conflict."""
    return edit_goal(uow, goal_id, seen_version, data)[1]


def edit_goal(uow: UnitOfWork, goal_id: int, seen_version: int,
              data: GoalInput) -> tuple[Goal, Goal]:
    """``update_goal``, with the goal as it was just before: what undo brings back, read in
    the same transaction, so no one else's save can slip in between."""
    with uow.write() as session:
        row = session.get(m.Goal, goal_id)
        expect_version(row, "goals", goal_id, seen_version, _plain_values(data))
        before = _to_goals(session, [row])[0]
        data = validate_goal(session, data, goal_id)
        if _has_children(session, goal_id):
            if data.level is GoalLevel.DEPARTMENT:
                raise ValidationError(
                    "Other goals are aligned under this one; it has to stay a corporate goal.",
                    field="level")
            if data.quarter != row.quarter:
                raise ValidationError(
                    f"Goals of {row.quarter} are aligned under this one, so it stays in "
                    f"{row.quarter}. To continue it next quarter, carry it over.",
                    field="quarter")
        for name, value in _goal_values(data).items():
            setattr(row, name, value)
        session.flush()
        return before, _to_goals(session, [row])[0]


def _plain_values(data: GoalInput) -> dict[str, object]:
    return {k: (v.value if hasattr(v, "value") else v) for k, v in _goal_values(data).items()}


def _has_children(session, goal_id: int) -> bool:  # noqa: ANN001
    query = select(m.Goal.id).where(m.Goal.parent_id == goal_id, m.Goal.deleted_at.is_(None))
    return session.scalars(query).first() is not None


def delete_goal(uow: UnitOfWork, goal_id: int, seen_version: int) -> tuple[int, ...]:
    """Move a goal and the goals aligned under it to the trash; returns what was trashed."""
    with uow.write() as session:
        row = session.get(m.Goal, goal_id)
        expect_version(row, "goals", goal_id, seen_version, {"deleted": True})
        now = utcnow()
        children = list(session.scalars(select(m.Goal).where(
            m.Goal.parent_id == goal_id, m.Goal.deleted_at.is_(None))))
        for goal in [row, *children]:
            goal.deleted_at = now
        return (row.id, *(c.id for c in children))


def restore_goals(uow: UnitOfWork, goal_ids: tuple[int, ...]) -> None:
    with uow.write() as session:
        for goal_id in goal_ids:
            row = session.get(m.Goal, goal_id)
            if row is not None:
                row.deleted_at = None


def list_measurements(uow: UnitOfWork, goal_id: int) -> list[Measurement]:
    with uow.read() as session:
        return [_to_measurement(r) for r in _latest_measurements(session, [goal_id])[goal_id]]


def _to_measurement(row: m.GoalMeasurement) -> Measurement:
    return Measurement(row.id, row.version, row.goal_id, row.measured_on, row.value,
                       MeasurementSource(row.source), row.note)


def record_measurement(uow: UnitOfWork, goal_id: int, measured_on: date, value: float,
                       note: str = "",
                       source: MeasurementSource = MeasurementSource.MANUAL) -> Measurement:
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError("A measurement must be a number.", field="value")
    if measured_on > date.today():
        raise ValidationError("A measurement cannot be dated in the future.", field="measured_on")
    with uow.write() as session:
        _live_goal(session, goal_id)
        row = m.GoalMeasurement(goal_id=goal_id, measured_on=measured_on, value=float(value),
                                source=source, note=note.strip())
        session.add(row)
        session.flush()
        return _to_measurement(row)


def delete_measurement(uow: UnitOfWork, measurement_id: int) -> None:
    with uow.write() as session:
        row = session.get(m.GoalMeasurement, measurement_id)
        if row is not None:
            session.delete(row)


def carry_over(uow: UnitOfWork, quarter: str) -> CarryOver:
    """Copy the quarter's active goals into the next quarter, starting from where they stand.

    The copies keep their alignment; each source goal is marked carried over.
    A goal already carried is skipped, so running it twice changes nothing.
    """
    target_quarter = next_quarter(quarter)
    with uow.write() as session:
        sources = list(session.scalars(select(m.Goal).where(
            m.Goal.quarter == quarter, m.Goal.deleted_at.is_(None),
            m.Goal.status == GoalStatus.ACTIVE).order_by(m.Goal.level, m.Goal.id)))
        goals = {g.id: g for g in _to_goals(session, sources)}
        copies: dict[int, m.Goal] = {}
        for source in sources:  # corporate goals sort first, so parents exist before children
            goal = goals[source.id]
            parent_copy = copies.get(source.parent_id) if source.parent_id else None
            copy = m.Goal(
                level=source.level, department=source.department,
                parent_id=parent_copy.id if parent_copy else None, quarter=target_quarter,
                title=source.title, metric=source.metric, unit=source.unit,
                baseline=goal.actual if goal.actual is not None else source.baseline,
                target=source.target, owner_id=source.owner_id, status=GoalStatus.ACTIVE,
                notes=source.notes, carried_from_id=source.id)
            if not _same_direction(copy.baseline, copy.target, source.baseline, source.target):
                # Already past its target: start again from the old baseline rather than
                # turn "more is better" into "less is better".
                copy.baseline = source.baseline
            session.add(copy)
            session.flush()
            copies[source.id] = copy
            source.status = GoalStatus.CARRIED_OVER
        return CarryOver(quarter, target_quarter, tuple(c.id for c in copies.values()),
                         tuple(copies))


def _same_direction(baseline: float, target: float, old_baseline: float,
                    old_target: float) -> bool:
    span, old_span = target - baseline, old_target - old_baseline
    return span != 0 and (span > 0) == (old_span > 0)


def undo_carry_over(uow: UnitOfWork, done: CarryOver) -> None:
    with uow.write() as session:
        for goal_id in done.created_ids:
            row = session.get(m.Goal, goal_id)
            if row is not None:
                row.deleted_at = utcnow()
        for goal_id in done.source_ids:
            row = session.get(m.Goal, goal_id)
            if row is not None and row.status == GoalStatus.CARRIED_OVER:
                row.status = GoalStatus.ACTIVE
