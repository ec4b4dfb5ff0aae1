"""One export, one import: a tool's export of several files (a folder or a zip).

Search Console exports a zip of Chart, Queries, Pages, Countries, Devices, Search
appearance and Filters; YouTube Studio one of Table data, Chart data and Totals.
Each file is recognised for what it is. The tab with a date per row holds the
export's totals; the other tabs break those same totals down (by query, page,
country, device), so they are stored as breakdowns, never added to the totals
again, and take their period from the dated tab when nothing else gives one.
Files no profile fits (Filters.csv) are listed as left out.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.importing.importer import ImportRequest, ImportResult, preview_file, run_import
from desktop.importing.mapping import find_column
from desktop.importing.period import Period

_TEXT_EXPORTS = (".csv", ".tsv", ".txt", ".xlsx")


@dataclass(frozen=True)
class BundleResult:
    results: tuple[ImportResult, ...]
    left_out: tuple[str, ...]  # files recognised as no export of results, and why


def is_bundle(path: Path) -> bool:
    """A folder, or a zip that is not an Excel workbook."""
    path = Path(path)
    if path.is_dir():
        return True
    if path.suffix.lower() != ".zip" or not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return "[Content_Types].xml" not in archive.namelist()


def _members(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and p.suffix.lower() in _TEXT_EXPORTS and not p.name.startswith("."))


def import_bundle(uow: UnitOfWork, path: Path, period: Period | None = None) -> BundleResult:
    """Import every part of a multi-file export; see the module docstring."""
    path = Path(path)
    if path.is_dir():
        return _import_folder(uow, path, period)
    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                target = (Path(folder) / member.filename).resolve()
                if not target.is_relative_to(Path(folder).resolve()):
                    raise ValidationError(f"{path.name} holds a file outside its folder "
                                          f"({member.filename}); it is not imported.")
            archive.extractall(folder)
        return _import_folder(uow, Path(folder), period)


def _import_folder(uow: UnitOfWork, folder: Path, period: Period | None) -> BundleResult:
    previews, left_out = [], []
    for member in _members(folder):
        try:
            preview = preview_file(uow, member)
        except ValidationError as error:
            left_out.append(f"{member.name}: {error.message}")
            continue
        if preview.profile is None:
            left_out.append(f"{member.name}: not a table of results (no profile fits)")
            continue
        previews.append((member, preview))
    if not previews:
        raise ValidationError(f"{folder.name} holds no export of results that can be read.")
    dated = [(member, p) for member, p in previews
             if find_column(p.profile.mapping.timestamp, p.columns)]
    channels = {p.profile.mapping.fixed_channel for _, p in dated}
    results = []
    for member, preview in dated + [item for item in previews if item not in dated]:
        mapping = preview.profile.mapping
        if (member, preview) not in dated and mapping.fixed_channel in channels \
                and not mapping.breakdown:
            column = find_column(mapping.content or mapping.link, preview.columns)
            mapping = replace(mapping, breakdown=(column or member.stem).lower())
        needs = preview.needs_period(mapping)
        given = period or preview.proposed_period or (results[0].period if results else None)
        if needs and given is None:
            left_out.append(f"{member.name}: no date on its rows and no period given")
            continue
        results.append(run_import(uow, ImportRequest(member, mapping, preview.profile.name,
                                                     given if needs else None)))
    return BundleResult(tuple(results), tuple(left_out))
