"""``commonground check``: is this file a healthy team database, and what does it hold?"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from db.database import inspect_file, open_read_only, row_counts
from db.schema import HEAD_REVISION, SchemaState
from db.share_kind import share_of
from desktop.errors import DatabaseError


@dataclass(frozen=True)
class CheckReport:
    path: Path
    ok: bool
    problems: tuple[str, ...] = ()
    revision: str | None = None
    integrity: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    folder: str = ""  # the kind of folder, and how many may edit there

    def text(self) -> str:
        lines = [f"File: {self.path}"]
        if self.folder:
            lines.append(f"Folder: {self.folder}")
        if self.revision is not None or self.integrity:
            lines.append(f"Schema version: {self.revision or 'none'} (this app: {HEAD_REVISION})")
            lines.append(f"Integrity check: {self.integrity}")
        if self.counts:
            lines.append("Rows:")
            width = max(len(name) for name in self.counts)
            lines += [f"  {name:<{width}}  {count:>9,}" for name, count in self.counts.items()]
        lines += [f"Problem: {problem}" for problem in self.problems]
        lines.append("Result: OK" if self.ok else "Result: NOT OK")
        return "\n".join(lines)


def run_check(path: Path) -> CheckReport:
    """Look at the file without changing it: a full integrity check and row counts."""
    try:
        report = inspect_file(path, integrity="full")
    except DatabaseError as error:
        return CheckReport(path, False, (error.message,))
    problems: list[str] = []
    if report.integrity != "ok":
        problems.append(f"the integrity check failed: {report.integrity}")
    if report.state is SchemaState.NEWER:
        problems.append(f"the schema {report.revision} is newer than this app's")
    elif report.state is SchemaState.EMPTY:
        problems.append("the file holds no Common Ground schema")
    counts: dict[str, int] = {}
    if not problems:
        database = open_read_only(path, reason="checking")
        try:
            counts = row_counts(database)
        finally:
            database.dispose()
        if report.state is SchemaState.OLDER:
            problems.append(f"the schema {report.revision} needs an upgrade to {HEAD_REVISION}")
    share = share_of(path)
    editors = ("several people edit at once (after the lock test on open)"
               if share.kind.trusts_file_locks else "one person edits at a time")
    return CheckReport(path, not problems, tuple(problems), report.revision,
                       report.integrity, counts, f"{share.describe()}: {editors}")

