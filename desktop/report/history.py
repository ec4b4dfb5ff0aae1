"""What was true on a past day, read from the change log: a past period's report shows
the stories as they stood at its end, not as they stand today."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from db import models as m
from db.enums import StoryStatus
from db.unit_of_work import UnitOfWork


def request_statuses_on(uow: UnitOfWork, day: date) -> dict[int, StoryStatus]:
    """Each story request's status at the end of ``day``; requests written later are not in
    it. A request whose status the log never saw change has the one it has now."""
    log = m.ChangeLogEntry
    end = datetime.combine(day, time.max)
    query = (select(log.row_id, log.operation, log.changed_at, log.changes)
             .where(log.table_name == "story_requests").order_by(log.id))
    with uow.read() as session:
        current = dict(session.execute(select(m.StoryRequest.id, m.StoryRequest.status)).all())
        created = dict(session.execute(
            select(m.StoryRequest.id, m.StoryRequest.created_at)).all())
        entries = session.execute(query).all()
    logged: dict[int, list[tuple]] = {}
    for row_id, operation, changed_at, changes in entries:
        logged.setdefault(row_id, []).append((operation, changed_at, changes or {}))
    found: dict[int, StoryStatus] = {}
    for request_id, status in current.items():
        if created[request_id] > end:
            continue  # written after the day
        steps = [(at, changes["status"]) for _op, at, changes in logged.get(request_id, ())
                 if "status" in changes]
        before = [new for at, (_old, new) in steps if at <= end]
        if before:
            found[request_id] = StoryStatus(before[-1])
        else:  # still in the status it was written in (or, unlogged, the one it has)
            found[request_id] = StoryStatus(steps[0][1][0] if steps else status)
    return found
