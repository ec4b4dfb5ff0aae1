"""Waiting for the team file's write lock, seen from the application.

Re-exports ``db.engine.waiting_for_lock`` so the interface's worker thread can
report "saving… waiting" while depending on ``desktop`` alone.
"""

from __future__ import annotations

from db.engine import LockWaitListener, waiting_for_lock

#: How long a save from the window may wait for someone else's lock before it gives
#: up; the window stays usable meanwhile and says who it is waiting for.
WINDOW_LOCK_DEADLINE_S = 180.0

__all__ = ["WINDOW_LOCK_DEADLINE_S", "LockWaitListener", "waiting_for_lock"]
