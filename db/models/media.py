"""Media relations and speaking slots: outlets and the people who write or speak for
them, pitches and the coverage they earned, the materials PR may use, industry events
with their calls for papers and the talks submitted to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import ContactKind, PitchState, SubmissionState
from db.models.base import Base, Timestamped, Versioned, enum_column
from db.models.board import Card

pitch_materials = Table(
    "pitch_materials",
    Base.metadata,
    Column("pitch_id", ForeignKey("pitches.id", ondelete="CASCADE"), primary_key=True),
    Column("material_id", ForeignKey("materials.id", ondelete="CASCADE"), primary_key=True),
)

card_materials = Table(
    "card_materials",
    Base.metadata,
    Column("card_id", ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True),
    Column("material_id", ForeignKey("materials.id", ondelete="CASCADE"), primary_key=True),
)


class Outlet(Versioned, Timestamped, Base):
    """A publication, podcast or channel; tier 1 is the most wanted."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[int] = mapped_column(default=2)
    audience_size: Mapped[int | None]
    audience_source: Mapped[str] = mapped_column(String(200), default="")
    topics: Mapped[str] = mapped_column(Text, default="")
    web_domain: Mapped[str] = mapped_column(String(200), default="", index=True)

    def describe(self) -> str:
        return self.name


class MediaContact(Versioned, Timestamped, Base):
    """A journalist, editor, podcaster or creator; ``do_not_contact`` keeps why and who."""

    __tablename__ = "media_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    kind: Mapped[ContactKind] = mapped_column(enum_column(ContactKind),
                                              default=ContactKind.JOURNALIST)
    beat: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    x_handle: Mapped[str] = mapped_column(String(100), default="")
    linkedin: Mapped[str] = mapped_column(String(300), default="")
    preferred_channel: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    do_not_contact: Mapped[bool] = mapped_column(default=False)
    do_not_contact_reason: Mapped[str] = mapped_column(Text, default="")
    do_not_contact_on: Mapped[date | None]
    do_not_contact_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    def describe(self) -> str:
        return self.name


class Material(Versioned, Timestamped, Base):
    """An item PR may use (a data sheet, an image, the survey's charts, an approved quote)."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(2000), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    allowed_uses: Mapped[str] = mapped_column(Text, default="")
    ends_on: Mapped[date | None]
    story_request_id: Mapped[int | None] = mapped_column(ForeignKey("story_requests.id"))

    #: The board cards it is attached to; a change of them is logged through the material.
    cards: Mapped[list[Card]] = relationship(secondary=card_materials)

    def describe(self) -> str:
        return self.title


class Pitch(Versioned, Timestamped, Base):
    """One pitch of a board card to one or more contacts, each with its own state."""

    __tablename__ = "pitches"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"), index=True)
    pitched_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(60), default="email")
    subject: Mapped[str] = mapped_column(String(300))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    follow_up_on: Mapped[date | None]
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    story_request_id: Mapped[int | None] = mapped_column(ForeignKey("story_requests.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    recipients: Mapped[list[PitchRecipient]] = relationship(
        back_populates="pitch", cascade="all, delete-orphan", order_by="PitchRecipient.id")
    materials: Mapped[list[Material]] = relationship(secondary=pitch_materials, lazy="selectin")

    def describe(self) -> str:
        return self.subject


class PitchRecipient(Versioned, Timestamped, Base):
    """A contact a pitch went to, where it stands with them, and any rule overridden."""

    __tablename__ = "pitch_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitches.id", ondelete="CASCADE"),
                                          index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("media_contacts.id"), index=True)
    state: Mapped[PitchState] = mapped_column(enum_column(PitchState), default=PitchState.DRAFTED)
    override_reason: Mapped[str] = mapped_column(Text, default="")

    pitch: Mapped[Pitch] = relationship(back_populates="recipients")

    def describe(self) -> str:
        return f"pitch {self.pitch_id} to contact {self.contact_id}"


class CoverageLink(Versioned, Timestamped, Base):
    """The coverage a pitch earned: an imported record or a typed placement, confirmed."""

    __tablename__ = "coverage_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("pitch_recipients.id", ondelete="CASCADE"), index=True)
    metric_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("metric_records.id", ondelete="SET NULL"), index=True)
    outlet: Mapped[str] = mapped_column(String(200), default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    url: Mapped[str] = mapped_column(String(2000), default="")
    published_on: Mapped[date]
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    confirmed_at: Mapped[datetime | None]

    def describe(self) -> str:
        return self.title or self.outlet


class MediaNameLink(Versioned, Timestamped, Base):
    """A name as coverage records spell it (an author, an outlet) tied to a contact or an
    outlet by a person, so "who has influence" opens the right record."""

    __tablename__ = "media_name_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_contacts.id", ondelete="CASCADE"))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    def describe(self) -> str:
        return self.name


class IndustryEvent(Versioned, Timestamped, Base):
    """A conference or meet-up with a call for papers."""

    __tablename__ = "industry_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    audience: Mapped[str] = mapped_column(Text, default="")
    submission_deadline: Mapped[date | None]
    link: Mapped[str] = mapped_column(String(2000), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    def describe(self) -> str:
        return self.name


class Submission(Versioned, Timestamped, Base):
    """A talk submitted to an industry event, with its speakers."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("industry_events.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    abstract: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[SubmissionState] = mapped_column(enum_column(SubmissionState),
                                                   default=SubmissionState.DRAFT)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    talk_at: Mapped[datetime | None]

    speakers: Mapped[list[SubmissionSpeaker]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SubmissionSpeaker.id")

    def describe(self) -> str:
        return self.title


class SubmissionSpeaker(Base):
    """A speaker of a talk: a team member, or a customer under an approved request."""

    __tablename__ = "submission_speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    speaker_name: Mapped[str] = mapped_column(String(200), default="")
    story_request_id: Mapped[int | None] = mapped_column(ForeignKey("story_requests.id"))

    def __str__(self) -> str:  # how a change of speakers reads in the change log
        return self.speaker_name
