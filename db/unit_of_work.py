"""A unit of work: one short transaction per action, committed or rolled back whole.

Services take one and open ``read()`` or ``write()`` around each action; no
transaction outlives the call, so nothing is held open while a person types.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from db.changelog import TeamSession
from db.database import Database
from db.errors import (
    BusyError,
    ConflictError,
    DatabaseError,
    DiskFullError,
    Fault,
    ReadOnlyError,
    ShareRefusedError,
    fault_of,
    share_error_words,
    sqlite_error_name,
)
from db.versioning import name_last_saver


class UnitOfWork:
    def __init__(self, database: Database, person_id: int | None = None) -> None:
        self.database = database
        self.person_id = person_id

    def as_person(self, person_id: int | None) -> UnitOfWork:
        return UnitOfWork(self.database, person_id)

    @contextmanager
    def read(self) -> Iterator[TeamSession]:
        # Closing (not rolling back) ends the read transaction but keeps the loaded rows usable.
        if self.database.reads_under_someone_elses_saves:
            with self._read_beside_saves() as session:
                yield session
            return
        with self.database.read_session() as session:
            try:
                yield session
            except OperationalError as error:
                raise _plain_operational_error(error) from error

    @contextmanager
    def _read_beside_saves(self) -> Iterator[TeamSession]:
        """A read on a share while another computer edits: no lock keeps its saves apart,
        so a read that met one (SQLite finds pages that do not fit together, or the file's
        change counter moved meanwhile) is refused as busy, never taken as damage."""
        database = self.database
        try:
            before = database.change_counter()
        except OSError as error:
            raise _plain_operational_error(OperationalError("", None, error)) from error
        with database.read_session() as session:
            try:
                yield session
            except OperationalError as error:
                if fault_of(error) in (Fault.BUSY, Fault.SHARE_HICCUP, Fault.UNREACHABLE):
                    raise _plain_operational_error(error) from error
                # "attempt to write a readonly database": their journal looks hot from here
                raise database.saving_elsewhere_error() from error
            except SADatabaseError as error:  # "database disk image is malformed", mid-save
                raise database.saving_elsewhere_error() from error
        try:
            moved = database.change_counter() != before
        except OSError:
            moved = True
        if moved:
            raise database.saving_elsewhere_error()

    @contextmanager
    def write(self) -> Iterator[TeamSession]:
        """Hold the write lock for the body only; commit if it returns, roll back if it raises."""
        if self.database.read_only:
            raise ReadOnlyError(self.database.read_only_reason)
        session = self.database.write_session()
        session.info["person_id"] = self.person_id
        try:
            with session.begin():
                yield session
        except ConflictError as conflict:
            self._name_last_saver(conflict)
            raise
        except StaleDataError as error:
            raise ConflictError("record", 0, 0) from error
        except IntegrityError as error:
            raise DatabaseError(
                "That change refers to something that no longer exists or already exists: "
                f"{error.orig}"
            ) from error
        except OperationalError as error:
            plain = _plain_operational_error(error)
            if not isinstance(plain, (BusyError, ReadOnlyError)) or isinstance(
                    plain, ShareRefusedError):
                session.close()
                self.database.roll_back_failed_save()
            raise plain from error
        finally:
            session.close()


    def _name_last_saver(self, conflict: ConflictError) -> None:
        """After the rollback, in a read of its own: the person choosing sees who saved."""
        if not conflict.row_id:
            return
        try:
            with self.read() as session:
                name_last_saver(session, conflict)
        except (DatabaseError, OperationalError):
            pass  # the conflict is still told, without the name


def _plain_operational_error(error: OperationalError) -> Exception:
    """The failures a person can act on, in their words; anything else as it was."""
    fault = fault_of(error)
    if fault is Fault.SHARE_HICCUP:
        return ShareRefusedError(
            f"This change was not saved: {share_error_words(sqlite_error_name(error.orig))}. "
            "The file was left as it was before; save again.")
    if fault is Fault.BUSY:
        return BusyError(
            "The team file stayed busy: someone else kept it locked longer than this app "
            "waits (a large import or a backup over a slow network). Nothing was changed; "
            "try again in a moment.")
    if fault is Fault.FULL:
        return DiskFullError(
            "The disk that holds the team file is full, so this change was not saved (none "
            "of it). Free some space there, then save again.")
    if fault is Fault.READ_ONLY:
        return ReadOnlyError("The team file cannot be written to any more (it or its folder "
                             "became read-only); this change was not saved.")
    if fault is Fault.UNREACHABLE:
        return DatabaseError("The team file could not be reached to save this change (is the "
                             "network folder still connected?). Nothing was saved; try again.")
    return error
