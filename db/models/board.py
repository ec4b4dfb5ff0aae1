from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import CardKind, CommonGroundTag, Stage, Team
from db.models.base import Base, Timestamped, Trashable, Versioned, enum_column


class Campaign(Versioned, Timestamped, Trashable, Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    launch_on: Mapped[date | None]

    def describe(self) -> str:
        return self.name


class Card(Versioned, Timestamped, Trashable, Base):
    """A piece of work on the repurposing board."""

    __tablename__ = "cards"
    __table_args__ = (Index("ix_cards_stage_position", "stage", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[CardKind] = mapped_column(enum_column(CardKind), default=CardKind.OTHER)
    stage: Mapped[Stage] = mapped_column(enum_column(Stage), default=Stage.IDEA)
    team: Mapped[Team] = mapped_column(enum_column(Team))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    due_on: Mapped[date | None]
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id"), index=True)
    channel: Mapped[str] = mapped_column(String(60), default="")
    derived_from_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"), index=True)
    published_url: Mapped[str] = mapped_column(String(2000), default="")
    pilot: Mapped[bool] = mapped_column(default=False)
    position: Mapped[float] = mapped_column(default=0.0)

    tags: Mapped[list[CardTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CardTag.tag"
    )

    def describe(self) -> str:
        return self.title


class CardTag(Base):
    """One common-ground tag on a card; changes are logged through the card."""

    __tablename__ = "card_tags"

    card_id: Mapped[int] = mapped_column(
        ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[CommonGroundTag] = mapped_column(enum_column(CommonGroundTag), primary_key=True)

    def __str__(self) -> str:  # how a change of tags reads in the change log
        return self.tag.value
