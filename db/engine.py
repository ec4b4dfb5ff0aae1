"""Engines with the settings a database file on a network folder needs.

The rollback journal (never WAL: it needs shared memory that network file
systems do not provide), synchronous FULL, foreign keys on, a busy timeout,
and write transactions that take the write lock at BEGIN, retried with backoff.

Waiting for the write lock is visible: the thread that waits can install a
listener (``waiting_for_lock``) that is told, while it waits, how long it has
waited, so an interface can say "saving… waiting for <who>" instead of freezing.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from db.errors import (
    BusyError,
    Fault,
    ShareRefusedError,
    fault_of,
    share_error_words,
    sqlite_error_name,
)

BUSY_TIMEOUT_S = 5.0
LOCK_RETRY_DEADLINE_S = 30.0
#: How long a share that fails file operations for a moment (``TRANSIENT_SHARE_ERRORS``)
#: is retried before the save says so.
SHARE_RETRY_DEADLINE_S = 10.0
#: While waiting for the write lock, SQLite sleeps at most this long per attempt,
#: so the waiting thread can report (and give up) in small steps.
LOCK_ATTEMPT_TIMEOUT_S = 0.2

LockWaitListener = Callable[[float], None]
_waiting = threading.local()


@contextmanager
def waiting_for_lock(listener: LockWaitListener | None = None, *,
                     deadline_s: float | None = None) -> Iterator[None]:
    """For writes on this thread: call ``listener(seconds_waited)`` while the lock is held
    elsewhere, and wait up to ``deadline_s`` before giving up with ``BusyError``."""
    previous = (getattr(_waiting, "listener", None), getattr(_waiting, "deadline", None))
    _waiting.listener, _waiting.deadline = listener, deadline_s
    try:
        yield
    finally:
        _waiting.listener, _waiting.deadline = previous


def _lock_deadline() -> float:
    deadline = getattr(_waiting, "deadline", None)
    return LOCK_RETRY_DEADLINE_S if deadline is None else deadline


def _notify_waiting(seconds: float) -> None:
    listener = getattr(_waiting, "listener", None)
    if listener is not None:
        listener(seconds)
APPLICATION_ID = 0x43475244  # "CGRD": marks a file as a Common Ground database


def is_url(target: str | Path) -> bool:
    return "://" in str(target)


def sqlite_url(path: Path, *, read_only: bool = False, create: bool = False) -> URL:
    """Read-only, read-write, or (``create``) creating the file: an open engine never
    creates one, so a network folder that vanished does not get a new, empty team file
    in its mount point; the save fails and says so instead."""
    mode = "ro" if read_only else ("rwc" if create else "rw")
    return make_url(f"sqlite:///file:{path.resolve().as_posix()}?mode={mode}&uri=true")


#: Journal modes: DELETE removes the journal at each commit; TRUNCATE empties it instead,
#: for shares (SMB) that refuse to delete a file for a moment after it was closed.
JOURNAL_DELETE, JOURNAL_TRUNCATE = "delete", "truncate"


def create_sqlite_engine(path: Path, *, read_only: bool = False, create: bool = False,
                         journal: str = JOURNAL_DELETE) -> Engine:
    """An engine for one team file. No pooling: a file on a share is not kept open."""
    engine = create_engine(
        sqlite_url(path, read_only=read_only, create=create),
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
    )
    event.listen(engine, "connect", _make_sqlite_connect(read_only, journal))
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def create_server_engine(url: str | URL) -> Engine:
    return create_engine(url, pool_pre_ping=True)


def _make_sqlite_connect(read_only: bool, journal: str):  # noqa: ANN202 - event hook
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA synchronous = FULL")
        if not read_only:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != journal:
                cursor.execute(f"PRAGMA journal_mode = {journal.upper()}")
        cursor.close()

    return on_connect


def _begin_sqlite(connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    """BEGIN IMMEDIATE for writes (``sqlite_begin`` option), DEFERRED for reads.

    Taking the write lock up front means a write never fails halfway for a
    lock; waiting for it is retried with backoff past the busy timeout, in
    short attempts so that the wait can be reported while it lasts.
    """
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    if mode != "IMMEDIATE":
        connection.exec_driver_sql(f"BEGIN {mode}")
        return
    started = time.monotonic()
    deadline = started + _lock_deadline()
    delay = 0.02
    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(LOCK_ATTEMPT_TIMEOUT_S * 1000)}")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except Exception as error:  # sqlalchemy.exc.OperationalError wraps sqlite3's
                fault = fault_of(error)
                if fault not in (Fault.SHARE_HICCUP, Fault.BUSY):
                    raise
                transient = fault is Fault.SHARE_HICCUP
                now = time.monotonic()
                _notify_waiting(now - started)
                if transient and now >= started + SHARE_RETRY_DEADLINE_S:
                    raise ShareRefusedError(
                        f"The change was not saved: {share_error_words(sqlite_error_name(error))}"
                        ", and kept doing so. Nothing in the file changed; save again in a "
                        "moment.") from error
                if now >= deadline:
                    raise BusyError(
                        "The team file is busy: someone else is saving and has held the "
                        "lock for a long time. Try again in a moment."
                    ) from error
                time.sleep(min(delay * (1 + random.random()), max(0.0, deadline - now)))
                delay = min(delay * 2, 0.05)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
