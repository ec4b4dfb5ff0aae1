"""Saved column mappings (the ``import_profiles`` table) beside the built-in ones."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from db import models as m
from db.unit_of_work import UnitOfWork
from db.versioning import expect_version
from desktop.errors import NotFoundError, ValidationError
from desktop.importing.builtin_profiles import BUILTIN_PROFILES, guess_by_names
from desktop.importing.mapping import ColumnMapping, Profile

GUESSED_NAME = "Columns recognised by name"


def _to_profile(row: m.ImportProfile) -> Profile:
    return Profile(row.name, ColumnMapping.from_json(row.mapping or {}), False, row.id,
                   row.version)


def list_profiles(uow: UnitOfWork) -> list[Profile]:
    """The team's saved profiles (by name), then the built-in ones."""
    with uow.read() as session:
        saved = [_to_profile(r) for r in session.scalars(
            select(m.ImportProfile).order_by(m.ImportProfile.name))]
    return saved + list(BUILTIN_PROFILES)


def find_profile(uow: UnitOfWork, name: str) -> Profile:
    wanted = name.strip().casefold()
    profiles = list_profiles(uow)
    for profile in profiles:
        if profile.name.casefold() == wanted:
            return profile
    known = "; ".join(p.name for p in profiles)
    raise NotFoundError(f"There is no import profile named '{name}'. Known profiles: {known}.")


def save_profile(uow: UnitOfWork, name: str, mapping: ColumnMapping,
                 seen_version: int | None = None) -> Profile:
    """Save a mapping under ``name``; replacing a saved one needs the version seen."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A profile needs a name.", field="name")
    if any(p.name.casefold() == name.casefold() for p in BUILTIN_PROFILES):
        raise ValidationError(f"'{name}' is the name of a built-in profile; choose another.",
                              field="name")
    if not mapping.metrics and not mapping.row_metric:
        raise ValidationError("A profile needs at least one column of figures.",
                              field="metrics")
    with uow.write() as session:
        row = session.scalar(select(m.ImportProfile).where(m.ImportProfile.name == name))
        if row is None:
            row = m.ImportProfile(name=name, mapping=mapping.to_json())
            session.add(row)
        elif seen_version is None:
            raise ValidationError(f"A profile named '{name}' exists already; replace it or "
                                  "choose another name.", field="name")
        else:
            expect_version(row, "import_profiles", row.id, seen_version,
                           {"mapping": mapping.to_json()})
            row.mapping = mapping.to_json()
        session.flush()
        return _to_profile(row)


def delete_profile(uow: UnitOfWork, profile_id: int, seen_version: int) -> None:
    with uow.write() as session:
        row = session.get(m.ImportProfile, profile_id)
        expect_version(row, "import_profiles", profile_id, seen_version, {"deleted": True})
        session.delete(row)


def guess_profile(profiles: Sequence[Profile], columns: Sequence[str]) -> Profile | None:
    """The profile that names the most of the file's columns; else one read from the names."""
    scored = [(profile.mapping.fit(columns), -index, profile)
              for index, profile in enumerate(profiles)]
    best = max(scored, default=None, key=lambda item: item[:2])
    if best is not None and best[0] > 0:
        return best[2]
    guessed = guess_by_names(tuple(columns))
    return Profile(GUESSED_NAME, guessed) if guessed else None
