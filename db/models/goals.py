from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import Department, GoalLevel, GoalStatus, MeasurementSource
from db.models.base import Base, Timestamped, Trashable, Versioned, enum_column


class Goal(Versioned, Timestamped, Trashable, Base):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[GoalLevel] = mapped_column(enum_column(GoalLevel))
    department: Mapped[Department | None] = mapped_column(enum_column(Department))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id"), index=True)
    quarter: Mapped[str] = mapped_column(String(7), index=True)
    title: Mapped[str] = mapped_column(String(200))
    metric: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[float] = mapped_column(default=0.0)
    target: Mapped[float]
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    status: Mapped[GoalStatus] = mapped_column(enum_column(GoalStatus), default=GoalStatus.ACTIVE)
    notes: Mapped[str] = mapped_column(Text, default="")
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id"))

    measurements: Mapped[list[GoalMeasurement]] = relationship(
        back_populates="goal", order_by="GoalMeasurement.measured_on"
    )

    def describe(self) -> str:
        return self.title


class GoalMeasurement(Versioned, Timestamped, Base):
    __tablename__ = "goal_measurements"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date]
    value: Mapped[float]
    source: Mapped[MeasurementSource] = mapped_column(
        enum_column(MeasurementSource), default=MeasurementSource.MANUAL
    )
    note: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[Goal] = relationship(back_populates="measurements")

    def describe(self) -> str:
        return f"{self.value:g} on {self.measured_on.isoformat()}"
