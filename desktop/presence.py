"""Who else has the team file open, from the running instances' heartbeats."""

from __future__ import annotations

from db.database import Database
from db.instances import (
    HEARTBEAT_INTERVAL,
    LIVE_WINDOW,
    Instance,
    beat,
    others,
    register,
    unregister,
)

__all__ = ["HEARTBEAT_INTERVAL", "LIVE_WINDOW", "Instance", "beat", "join", "leave", "others",
           "names"]


def join(database: Database, person_id: int | None) -> int | None:
    """Announce this instance; None for a file this instance may not write to."""
    if database.read_only:
        return None
    return register(database, person_id)


def leave(database: Database, instance_id: int | None) -> None:
    if instance_id is not None and not database.read_only:
        unregister(database, instance_id)


def names(instances: list[Instance]) -> list[str]:
    """One name per person (a person with two windows open counts once)."""
    seen: list[str] = []
    for instance in instances:
        name = instance.person_name or f"someone on {instance.host}"
        if name not in seen:
            seen.append(name)
    return seen
