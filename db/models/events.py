from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import EventKind
from db.models.base import Base, Timestamped, Versioned, enum_column
from db.models.people import Person

event_attendees = Table(
    "event_attendees",
    Base.metadata,
    Column("event_id", ForeignKey("team_events.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id"), primary_key=True),
)


def new_uid() -> str:
    return f"{uuid.uuid4()}@commonground"


class TeamEvent(Versioned, Timestamped, Base):
    __tablename__ = "team_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True, default=new_uid)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind), default=EventKind.OTHER)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    attendees: Mapped[list[Person]] = relationship(secondary=event_attendees, lazy="selectin")

    def describe(self) -> str:
        return self.title
