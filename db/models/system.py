from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import ChangeOperation
from db.models.base import Base, Versioned, enum_column, utcnow


class ChangeLogEntry(Base):
    """One change to one row: the history, the activity feed and the poll target.

    ``id`` is the sequence: an instance that has seen up to N asks for ``id > N``.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_table_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int]
    operation: Mapped[ChangeOperation] = mapped_column(enum_column(ChangeOperation))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RunningInstance(Base):
    """A copy of the app that has the file open, kept alive by its heartbeat."""

    __tablename__ = "running_instances"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class TeamSetting(Versioned, Base):
    """Team-wide settings that live in the file (team name, time zone)."""

    __tablename__ = "team_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")

    def describe(self) -> str:
        return self.key
