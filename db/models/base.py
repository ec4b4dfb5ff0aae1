"""Declarative base, naming convention and the mixins every table shares.

Times: ``*_at`` columns written by the app itself (change log, heartbeats,
decisions) are naive UTC; meeting, event and metric times are the team's wall
clock time, because "what time of day" means the team's day.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC now, the form every app-written timestamp is stored in."""
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(enum_class: type[enum.Enum]) -> Enum:
    """A portable enum column: a short VARCHAR holding the member's value.

    No CHECK constraint, so adding a member later needs no table rebuild; the
    type still refuses unknown values on the way in.
    """
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """An editable row: every update bumps ``version`` and checks the old one.

    SQLAlchemy issues ``UPDATE ... WHERE version = :seen``, so a write based on
    a stale read can never land silently, whatever the database backend.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - declared_attr
        return {"version_id_col": cls.version}


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Trashable:
    """Rows that go to a trash first; ``deleted_at`` set means "in the trash"."""

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
