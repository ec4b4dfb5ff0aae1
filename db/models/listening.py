"""Social listening: how a mention names an account, the mentions imported, the team's
intent rules, the signals they raise for the account's own rep, and the opportunities
that follow.

An account is a ``customers`` row (``db.models.stories``): the customer, or the
prospect, with the sales rep who owns it, so listening and customer stories share one
rep per account. Mentions are imported in bulk, as metric records are (no change-log
row each); everything a person edits is versioned and in the change log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Double, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import IdentifierKind, Intent, SignalStatus, Urgency
from db.models.base import Base, Timestamped, Versioned, enum_column


class AccountContact(Versioned, Timestamped, Base):
    """A known person at an account: a mention by them is about the account."""

    __tablename__ = "account_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")

    def describe(self) -> str:
        return self.name


class AccountIdentifier(Versioned, Timestamped, Base):
    """One way a mention names an account; ``value`` is normalised
    (``desktop.listening.identifiers``), so one value belongs to one account only."""

    __tablename__ = "account_identifiers"
    __table_args__ = (UniqueConstraint("kind", "platform", "value",
                                       name="uq_account_identifiers_kind_platform_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[IdentifierKind] = mapped_column(enum_column(IdentifierKind))
    platform: Mapped[str] = mapped_column(String(40), default="")
    value: Mapped[str] = mapped_column(String(300))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("account_contacts.id"))

    def describe(self) -> str:
        return f"{self.platform}:{self.value}" if self.platform else self.value


class Opportunity(Versioned, Timestamped, Base):
    """A sales opportunity at an account, typed in or from a CRM export, so a signal's
    outcome can be followed to the amount won."""

    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    signal_id: Mapped[int | None] = mapped_column(ForeignKey("signals.id"), index=True)
    reference: Mapped[str] = mapped_column(String(120), default="")
    amount: Mapped[float] = mapped_column(Double, default=0.0)
    stage: Mapped[str] = mapped_column(String(60), default="")
    opened_on: Mapped[date | None]
    won_on: Mapped[date | None]
    won_amount: Mapped[float | None] = mapped_column(Double)

    def describe(self) -> str:
        return self.reference or f"opportunity {self.id}"


class Mention(Base):
    """One post or article from a listening tool's export, with its provenance.

    Only an excerpt is kept (people's words on a network drive); a retention purge
    empties it after some months and keeps the row, so the counts stay.
    """

    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_fingerprint", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    source_row: Mapped[int] = mapped_column(Integer, default=0)
    tool: Mapped[str] = mapped_column(String(60), default="")
    fingerprint: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    link: Mapped[str] = mapped_column(String(2000), default="")
    domain: Mapped[str] = mapped_column(String(300), default="")
    platform: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    author: Mapped[str] = mapped_column(String(300), default="", index=True)
    author_handle: Mapped[str] = mapped_column(String(300), default="")
    query: Mapped[str] = mapped_column(String(300), default="")
    sentiment: Mapped[str] = mapped_column(String(20), default="")
    reach: Mapped[float | None] = mapped_column(Double)
    title: Mapped[str] = mapped_column(String(500), default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[str] = mapped_column(Text, default="")
    excerpt_purged: Mapped[bool] = mapped_column(default=False)

    def describe(self) -> str:
        return self.title or self.link or f"mention {self.id}"


class IntentRule(Versioned, Timestamped, Base):
    """A rule the team edits: which words in a mention mean an intent to buy (or leave).

    ``phrases``, ``near_terms`` and ``exclusions`` hold one phrase a line.
    """

    __tablename__ = "intent_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    phrases: Mapped[str] = mapped_column(Text)
    near_terms: Mapped[str] = mapped_column(Text, default="")
    near_within: Mapped[int] = mapped_column(Integer, default=0)
    exclusions: Mapped[str] = mapped_column(Text, default="")
    intent: Mapped[Intent] = mapped_column(enum_column(Intent))
    stage: Mapped[str] = mapped_column(String(60), default="")
    weight: Mapped[float] = mapped_column(Double, default=1.0)
    urgency: Mapped[Urgency] = mapped_column(enum_column(Urgency), default=Urgency.WARM)
    active: Mapped[bool] = mapped_column(default=True)

    def describe(self) -> str:
        return self.name


signal_mentions = Table(
    "signal_mentions", Base.metadata,
    Column("signal_id", ForeignKey("signals.id", ondelete="CASCADE"), primary_key=True),
    Column("mention_id", ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Signal(Versioned, Timestamped, Base):
    """What a rule found about an account in a week's mentions, for its rep to act on.

    The workflow (``desktop.listening.workflow``) moves ``status``; each step's time is
    kept on the row for the response times, and the change log holds who took it.
    """

    __tablename__ = "signals"
    __table_args__ = (Index("ix_signals_fold", "customer_id", "intent", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("intent_rules.id"), index=True)
    intent: Mapped[Intent] = mapped_column(enum_column(Intent))
    urgency: Mapped[Urgency] = mapped_column(enum_column(Urgency))
    status: Mapped[SignalStatus] = mapped_column(enum_column(SignalStatus),
                                                 default=SignalStatus.NEW)
    score: Mapped[float] = mapped_column(Double, default=0.0)
    week_start: Mapped[date]
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    quote: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(2000), default="")
    match_kind: Mapped[str] = mapped_column(String(20), default="")
    match_strength: Mapped[str] = mapped_column(String(20), default="")
    matched_identifier: Mapped[str] = mapped_column(String(300), default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    candidates: Mapped[str] = mapped_column(String(200), default="")
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    routed_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    contacted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("signals.id"))
    communication_id: Mapped[int | None] = mapped_column(ForeignKey("communications.id"))

    def describe(self) -> str:
        return f"{self.intent.value if hasattr(self.intent, 'value') else self.intent} signal"
