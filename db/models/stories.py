from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import AccountKind, StoryKind, StoryStatus
from db.models.base import Base, Timestamped, Versioned, enum_column


class Customer(Versioned, Timestamped, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str] = mapped_column(String(120), default="")
    rep_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Listening's account fields (``db.models.listening``): customer or prospect, the
    #: account's reference in the CRM, and whether its signals may be routed at all.
    kind: Mapped[AccountKind] = mapped_column(enum_column(AccountKind),
                                              default=AccountKind.CUSTOMER)
    crm_ref: Mapped[str] = mapped_column(String(120), default="")
    do_not_route: Mapped[bool] = mapped_column(default=False)

    def describe(self) -> str:
        return self.name


class StoryRequest(Versioned, Timestamped, Base):
    """PR's request to involve a customer, which only the owning rep may approve."""

    __tablename__ = "story_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[StoryKind] = mapped_column(enum_column(StoryKind))
    title: Mapped[str] = mapped_column(String(200))
    what_pr_wants: Mapped[str] = mapped_column(Text)
    benefit_to_customer: Mapped[str] = mapped_column(Text)
    benefit_to_company: Mapped[str] = mapped_column(Text)
    status: Mapped[StoryStatus] = mapped_column(enum_column(StoryStatus), default=StoryStatus.DRAFT)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")
    allowed_uses: Mapped[str] = mapped_column(Text, default="")
    approval_ends_on: Mapped[date | None]
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))

    placements: Mapped[list[Placement]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="Placement.placed_on"
    )

    def describe(self) -> str:
        return self.title


class Communication(Versioned, Timestamped, Base):
    __tablename__ = "communications"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("story_requests.id"))
    occurred_on: Mapped[date]
    channel: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(Text)
    rep_included: Mapped[bool] = mapped_column(default=True)
    without_rep_reason: Mapped[str] = mapped_column(Text, default="")
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    def describe(self) -> str:
        return f"{self.channel} on {self.occurred_on.isoformat()}"


class Placement(Versioned, Timestamped, Base):
    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("story_requests.id", ondelete="CASCADE"), index=True
    )
    outlet: Mapped[str] = mapped_column(String(200))
    placed_on: Mapped[date]
    url: Mapped[str] = mapped_column(String(2000), default="")

    request: Mapped[StoryRequest] = relationship(back_populates="placements")

    def describe(self) -> str:
        return self.outlet
