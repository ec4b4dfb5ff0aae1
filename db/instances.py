"""Running instances: each copy of the app that has the file open beats a heartbeat.

Who else has the file open is read from these rows; an instance that stopped
beating for ``LIVE_WINDOW`` no longer counts (it crashed, or its laptop slept).
Heartbeats wait for the write lock only briefly: a missed beat is harmless,
a heartbeat that stalls behind someone's long save is not.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select, update

from db.engine import waiting_for_lock
from db.errors import DatabaseError
from db.models import Person, RunningInstance, utcnow

LIVE_WINDOW = timedelta(minutes=2)
HEARTBEAT_INTERVAL = timedelta(seconds=30)
FORGET_AFTER = timedelta(days=1)
HEARTBEAT_LOCK_WAIT_S = 1.0

if TYPE_CHECKING:
    from db.database import Database


@dataclass(frozen=True)
class Instance:
    id: int
    person_id: int | None
    person_name: str
    host: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime


def this_host() -> str:
    return socket.gethostname() or "unknown"


def live_instances(connection: Connection, *, now: datetime | None = None,
                   exclude_id: int | None = None) -> list[Instance]:
    """Instances whose last heartbeat is within ``LIVE_WINDOW``, longest-running first."""
    since = (now or utcnow()) - LIVE_WINDOW
    query = (select(RunningInstance.id, RunningInstance.person_id, Person.name,
                    RunningInstance.host, RunningInstance.pid, RunningInstance.started_at,
                    RunningInstance.heartbeat_at)
             .outerjoin(Person, Person.id == RunningInstance.person_id)
             .where(RunningInstance.heartbeat_at >= since)
             .order_by(RunningInstance.started_at, RunningInstance.id))
    return [Instance(id_, person_id, name or "", host, pid, started, beat)
            for id_, person_id, name, host, pid, started, beat in connection.execute(query)
            if id_ != exclude_id]


def _write(database: Database):  # noqa: ANN202 - a Connection context manager
    return database.engine.execution_options(sqlite_begin="IMMEDIATE").begin()


def register(database: Database, person_id: int | None, *, host: str | None = None,
             pid: int | None = None) -> int:
    """Announce this instance; also forgets instances silent for a day. Returns its id."""
    now = utcnow()
    with waiting_for_lock(deadline_s=10.0), _write(database) as connection:
        connection.execute(delete(RunningInstance).where(
            RunningInstance.heartbeat_at < now - FORGET_AFTER))
        return int(connection.execute(insert(RunningInstance).values(
            person_id=person_id, host=host or this_host(), pid=pid or os.getpid(),
            started_at=now, heartbeat_at=now)).inserted_primary_key[0])


def beat(database: Database, instance_id: int, person_id: int | None) -> int:
    """Renew the heartbeat; re-register if someone forgot this instance. Returns its id."""
    try:
        with waiting_for_lock(deadline_s=HEARTBEAT_LOCK_WAIT_S), _write(database) as connection:
            renewed = connection.execute(update(RunningInstance)
                                         .where(RunningInstance.id == instance_id)
                                         .values(heartbeat_at=utcnow(), person_id=person_id))
            if renewed.rowcount:
                return instance_id
    except DatabaseError:
        return instance_id  # the lock is busy: beat next time
    return register(database, person_id)


def unregister(database: Database, instance_id: int) -> None:
    try:
        with waiting_for_lock(deadline_s=HEARTBEAT_LOCK_WAIT_S), _write(database) as connection:
            connection.execute(delete(RunningInstance).where(RunningInstance.id == instance_id))
    except DatabaseError:
        pass  # it stops counting by itself after LIVE_WINDOW


def others(database: Database, instance_id: int | None) -> list[Instance]:
    with database.engine.connect() as connection:
        return live_instances(connection, exclude_id=instance_id)
