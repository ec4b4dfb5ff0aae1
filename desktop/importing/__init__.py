"""Bringing results in from the tools the team already uses (CSV, TSV, XLSX exports).

``preview_file(uow, path)`` reads the head of a file (encoding, delimiter,
header below any preamble) and proposes a profile and, for exports without a
date per row, a period. ``run_import(uow, ImportRequest(...))`` imports it in
one transaction, with provenance per record. Profiles: ``list_profiles``,
``save_profile``, ``find_profile``; the built-in ones are in ``builtin_profiles``. A
folder or zip of a tool's export of several files: ``bundle.import_bundle``.
"""

from desktop.importing.importer import (
    ImportProblemsError,
    ImportRequest,
    ImportResult,
    ImportSummary,
    Preview,
    RowProblem,
    delete_import,
    find_duplicate,
    list_imports,
    preview_file,
    run_import,
)
from desktop.importing.mapping import KNOWN_METRICS, ColumnMapping, Profile
from desktop.importing.period import Period, parse_period
from desktop.importing.profiles import (
    delete_profile,
    find_profile,
    guess_profile,
    list_profiles,
    save_profile,
)

__all__ = [
    "KNOWN_METRICS",
    "ColumnMapping",
    "ImportProblemsError",
    "ImportRequest",
    "ImportResult",
    "ImportSummary",
    "Period",
    "Preview",
    "Profile",
    "RowProblem",
    "delete_import",
    "delete_profile",
    "find_duplicate",
    "find_profile",
    "guess_profile",
    "list_imports",
    "list_profiles",
    "parse_period",
    "preview_file",
    "run_import",
    "save_profile",
]
