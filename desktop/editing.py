"""One editor at a time: who edits, asking them to hand over, and handing over.

Where the folder cannot keep two editors apart (``db.lease``), one window holds the
edit lease and the others read. A reader may ask the editor to hand over; the
editor's window shows the request and either hands over (its lease is given back, it
turns read-only) or keeps editing (the asker is told). A reader that asked takes the
lease as soon as it is free, by opening the file again. All of it is file work on the
share beside the team file, run on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from db import lease as leases
from db.database import Database
from db.lease import EditRequest, LeaseInfo
from db.models.base import utcnow


@dataclass(frozen=True)
class Editing:
    """Who edits the file now, and who asks to: as seen by one window."""

    holder: LeaseInfo | None  # the lease as it is on the share; None when nobody holds it
    request: EditRequest | None  # the standing request to edit, anyone's
    i_edit: bool  # this window holds the lease

    @property
    def free(self) -> bool:
        """Nobody edits: the lease is gone, given back, or its holder's process ended."""
        holder = self.holder
        return holder is None or holder.released or holder.holder_is_gone()

    @property
    def asked_of_me(self) -> EditRequest | None:
        """A request this editor has still to answer."""
        request = self.request
        if self.i_edit and request is not None and not request.is_mine() and not request.declined:
            return request
        return None


#: A waiting asker renews its request this often, well before it would go stale.
ASK_RENEW_S = 60.0


def due_for_renewal(request: EditRequest) -> bool:
    return (utcnow() - request.asked_at).total_seconds() > ASK_RENEW_S


def one_editor_at_a_time(database: Database) -> bool:
    """The file is edited under the lease: this window holds it, or was refused it."""
    return database.path is not None and (
        database.lease is not None or database.lease_holder is not None)


def editing_of(database: Database) -> Editing | None:
    """The lease and the request as they are on the share now; None when the file is not
    edited one person at a time."""
    if not one_editor_at_a_time(database):
        return None
    assert database.path is not None
    return Editing(leases.read_lease(database.path), leases.read_request(database.path),
                   database.lease is not None)


def ask_to_edit(database: Database, person: str, token: str = "") -> EditRequest:
    """Ask the editor to hand over; asked again with the same ``token`` while waiting, so
    the request does not go stale."""
    assert database.path is not None
    return leases.ask_to_edit(database.path, person, token)


def stop_waiting(database: Database, request: EditRequest) -> None:
    assert database.path is not None
    leases.withdraw_request(database.path, request.token)


def keep_editing(database: Database, request: EditRequest) -> None:
    assert database.path is not None
    leases.decline_request(database.path, request)


def hand_over(database: Database, request: EditRequest) -> str:
    """Give the lease back for ``request``'s asker; the file is read-only for this window
    from now on. Run on the writer lane, so every save of this window is done first.
    Returns why the file is read-only now."""
    if database.lease is not None:
        database.lease.release()
    database.lease = None
    database.lease_holder = LeaseInfo(request.host, request.pid, request.person, utcnow())
    database.read_only_reason = (
        f"You handed editing over to {request.person}, so the file is read-only for you now; "
        "you see their changes as they save them. Ask to edit again when you need to.")
    return database.read_only_reason
