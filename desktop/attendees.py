"""Who takes part in a meeting or an event, with their department.

Meetings and team events both keep their attendees as people of the team; the
department travels with each one so that a joint meeting is visibly joint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from db import models as m
from db.enums import Department
from db.models import utcnow
from desktop.errors import ValidationError

#: The departments whose meeting together makes it "joint" (leadership joins many).
WORKING_DEPARTMENTS = (Department.PR, Department.MARKETING, Department.SALES)


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    department: Department
    email: str = ""


def to_attendees(people: Iterable[m.Person]) -> tuple[Attendee, ...]:
    """Attendees sorted by name, so two loads of the same record compare equal."""
    return tuple(sorted((Attendee(p.id, p.name, Department(p.department), p.email)
                         for p in people), key=lambda a: (a.name.lower(), a.person_id)))


def departments_of(attendees: Iterable[Attendee]) -> tuple[Department, ...]:
    present = {a.department for a in attendees}
    return tuple(d for d in Department if d in present)


def is_joint(departments: Iterable[Department]) -> bool:
    """Two or more of PR, marketing and sales around one table."""
    return len(set(departments) & set(WORKING_DEPARTMENTS)) >= 2


def load_people(session, person_ids: Iterable[int]) -> list[m.Person]:  # noqa: ANN001
    """The people with these ids; refuses ids that are no longer in the team file."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return []
    found = list(session.scalars(select(m.Person).where(m.Person.id.in_(wanted))))
    if len(found) != len(wanted):
        raise ValidationError("One of the attendees is no longer in the team file; "
                              "untick them and save again.", field="attendees")
    return found


def merge_attendees(session, row, wanted: Iterable[int],  # noqa: ANN001
                    seen: Iterable[int] | None) -> bool:
    """Set ``row.attendees`` (a meeting's or an event's) to what the person chose.

    With ``seen`` (the attendee ids the person started from) only their own
    changes apply, on top of what is stored: (stored | added) - removed, so
    someone ticked in by a colleague meanwhile stays. Without it, ``wanted``
    replaces what is stored. Returns whether the attendees changed.
    """
    stored = {p.id for p in row.attendees}
    wanted = set(wanted)
    if seen is None:
        target = wanted
    else:
        seen = set(seen)
        target = (stored | (wanted - seen)) - (seen - wanted)
    if target == stored:
        return False
    row.attendees = load_people(session, target)
    row.updated_at = utcnow()  # a change of attendees alone moves the record's version too
    return True
