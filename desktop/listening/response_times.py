"""How long a rep has to act on a signal, in business days of the team's time zone.

A signal routed on Friday at 16:00 with one business day to acknowledge is due on
Monday at 16:00; one routed on a Saturday counts from Monday's start. Deadlines are
worked out on the team's wall clock and handed back in UTC, so a signal routed late
on Friday evening in UTC that is Saturday morning in the team's zone counts from
Monday too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from db.enums import Urgency
from desktop.errors import ValidationError

RESPONSE_KEY = "listening_response_days"
#: (days to acknowledge, days to contact) per tier; a cool signal has no deadline.
DEFAULT_TIERS: dict[Urgency, tuple[int, int]] = {Urgency.HOT: (1, 2), Urgency.WARM: (3, 5)}
EXPIRES_AFTER = timedelta(days=14)
type Tiers = dict[Urgency, tuple[int, int]]


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: datetime | None  # naive UTC
    contact_by: datetime | None


def parse_tiers(text: str) -> Tiers:
    """``hot=1/2, warm=3/5`` as the team setting writes it; "" is the defaults."""
    tiers = dict(DEFAULT_TIERS)
    for part in (p.strip() for p in text.split(",") if p.strip()):
        try:
            name, days = part.split("=")
            ack, contact = (int(d) for d in days.split("/"))
            tier = Urgency(name.strip().lower())
        except ValueError:
            raise ValidationError(f"'{part}' is not a response time; write it like hot=1/2 "
                                  "(days to acknowledge / to contact).") from None
        if ack < 0 or contact < ack:
            raise ValidationError(f"In '{part}' the contact cannot be due before the "
                                  "acknowledgement.")
        tiers[tier] = (ack, contact)
    return tiers


def add_business_days(start: datetime, days: int) -> datetime:
    """``start`` (wall clock) plus ``days`` working days, Monday to Friday."""
    if start.weekday() >= 5:  # a weekend counts from Monday's start
        start = datetime.combine(start.date() + timedelta(days=7 - start.weekday()), time())
    moment = start
    for _ in range(days):
        moment += timedelta(days=1)
        while moment.weekday() >= 5:
            moment += timedelta(days=1)
    return moment


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)


def _utc(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def deadlines(routed_at: datetime | None, urgency: Urgency, timezone: str,
              tiers: Tiers | None = None) -> Deadlines:
    """When the rep must acknowledge and contact, for a signal routed at ``routed_at`` (UTC)."""
    days = (tiers or DEFAULT_TIERS).get(Urgency(urgency))
    if routed_at is None or days is None:
        return Deadlines(None, None)
    zone = ZoneInfo(timezone)
    local = _local(routed_at, zone)
    return Deadlines(_utc(add_business_days(local, days[0]), zone),
                     _utc(add_business_days(local, days[1]), zone))


def breaches(routed_at: datetime | None, acknowledged_at: datetime | None,
             contacted_at: datetime | None, urgency: Urgency, timezone: str, now: datetime,
             tiers: Tiers | None = None) -> tuple[str, ...]:
    """The deadlines missed: acknowledged or contacted late, or not yet and overdue."""
    due = deadlines(routed_at, urgency, timezone, tiers)
    missed = []
    if due.acknowledge_by is not None and (acknowledged_at or now) > due.acknowledge_by:
        missed.append("acknowledge")
    if due.contact_by is not None and (contacted_at or now) > due.contact_by:
        missed.append("contact")
    return tuple(missed)
