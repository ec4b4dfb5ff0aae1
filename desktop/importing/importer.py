"""Importing one export: preview, then every row in one transaction, with provenance.

``run_import`` writes an ``import_batches`` row (file, profile, period, who) and
one ``metric_records`` row per figure, each with ``import_id`` and ``source_row``
(its line in the file). It all happens in one write transaction: a bad row
(unless ``good_rows_only``), a cancel or any error rolls everything back, so no
import is ever half there. A file whose SHA-256 was imported before adds nothing.
Records are inserted in batches with the driver's ``executemany``: the import
is bound by reading the file, not by the database.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import func, insert, select

from db import models as m
from db.unit_of_work import UnitOfWork
from desktop.errors import DatabaseError, NotFoundError, ValidationError
from desktop.importing.mapping import ColumnMapping, Profile, find_column
from desktop.importing.matching import CardMatcher
from desktop.importing.period import Period, propose_period
from desktop.importing.profiles import guess_profile, list_profiles
from desktop.importing.reading import Layout, inspect_export, is_summary_row, iter_rows
from desktop.importing.values import (
    CellError,
    DateReader,
    NumberReader,
    looks_decimal_comma,
    read_hour,
)
from desktop.team_settings import team_timezone

CHUNK = 20_000
MAX_LISTED_PROBLEMS = 500
CANCEL_CHECK_ROWS = 2048
REPORTING_COLUMNS = ("Reporting starts", "Reporting ends")


class ImportCancelled(DatabaseError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported.")


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportProblemsError(ValidationError):
    """Rows that cannot be imported; nothing was. ``good_rows`` could be, on request."""

    def __init__(self, file_name: str, problems: Sequence[RowProblem], count: int,
                 good_rows: int) -> None:
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (and {count - 3} more)" if count > 3 else ""
        super().__init__(
            f"{count} {'row' if count == 1 else 'rows'} of {file_name} cannot be imported: "
            f"{first}{more}. Nothing was imported: correct the file, or import the "
            f"{good_rows} good rows only.")
        self.problems = tuple(problems)
        self.count = count
        self.good_rows = good_rows


@dataclass(frozen=True)
class ImportSummary:
    """One earlier import, as the list of imports shows it."""

    id: int
    file_name: str
    profile_name: str
    imported_at: datetime
    imported_by: str
    row_count: int
    period: Period | None


@dataclass(frozen=True)
class Preview:
    layout: Layout
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    profiles: tuple[Profile, ...]
    profile: Profile | None
    proposed_period: Period | None
    duplicate_of: ImportSummary | None

    @property
    def columns(self) -> tuple[str, ...]:
        return self.layout.header

    def needs_period(self, mapping: ColumnMapping) -> bool:
        return not find_column(mapping.timestamp, self.columns)


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    mapping: ColumnMapping
    profile_name: str = ""
    period: Period | None = None
    good_rows_only: bool = False


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    profile_name: str
    batch_id: int | None = None
    rows_imported: int = 0
    records: int = 0
    period: Period | None = None
    skipped: tuple[RowProblem, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    problem_count: int = 0
    matched_rows: int = 0
    unmatched: tuple[tuple[str, int], ...] = ()
    duplicate_of: ImportSummary | None = None


Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


def _text(cell: object) -> str:
    return "" if cell is None else str(cell)


def _summary(row: m.ImportBatch, person: str | None) -> ImportSummary:
    period = Period(row.period_start, row.period_end) if row.period_start and row.period_end \
        else None
    return ImportSummary(row.id, row.file_name, row.profile_name, row.imported_at,
                         person or "", row.row_count, period)


def find_duplicate(uow: UnitOfWork, sha256: str) -> ImportSummary | None:
    with uow.read() as session:
        found = session.execute(
            select(m.ImportBatch, m.Person.name)
            .outerjoin(m.Person, m.Person.id == m.ImportBatch.imported_by_id)
            .where(m.ImportBatch.file_sha256 == sha256).order_by(m.ImportBatch.id)).first()
        return _summary(*found) if found else None


def list_imports(uow: UnitOfWork) -> list[ImportSummary]:
    """Every import, newest first."""
    with uow.read() as session:
        rows = session.execute(
            select(m.ImportBatch, m.Person.name)
            .outerjoin(m.Person, m.Person.id == m.ImportBatch.imported_by_id)
            .order_by(m.ImportBatch.imported_at.desc(), m.ImportBatch.id.desc()))
        return [_summary(batch, name) for batch, name in rows]


def delete_import(uow: UnitOfWork, batch_id: int) -> None:
    """Take an import back out: the batch and every record it brought."""
    with uow.write() as session:
        batch = session.get(m.ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError("That import has been removed already.")
        session.execute(m.MetricRecord.__table__.delete()
                        .where(m.MetricRecord.import_id == batch_id))
        session.delete(batch)


def preview_file(uow: UnitOfWork, path: Path) -> Preview:
    """The first rows, the profile that fits best, and the period the file names."""
    layout = inspect_export(Path(path))
    profiles = tuple(list_profiles(uow))
    reporting = [find_column(c, layout.header) for c in REPORTING_COLUMNS]
    indexes = [layout.header.index(c) for c in reporting if c]
    reporting_values = [_text(cells[i]) for _, cells in layout.sample for i in indexes
                        if i < len(cells)]
    rows = tuple((line, tuple(_text(c) for c in cells)) for line, cells in layout.sample)
    return Preview(layout, rows, profiles, guess_profile(profiles, layout.header),
                   propose_period(layout.path.name, layout.preamble, reporting_values),
                   find_duplicate(uow, layout.sha256))


def run_import(uow: UnitOfWork, request: ImportRequest, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ImportResult:
    """Import a file as ``request`` says; see the module docstring for the guarantees.

    Raises ``ImportProblemsError`` when rows are bad and ``good_rows_only`` is not
    set, ``ImportCancelled`` when ``cancelled()`` turns true, ``ValidationError``
    for a file or mapping that cannot be imported at all.
    """
    layout = inspect_export(Path(request.path))
    name = layout.path.name
    duplicate = find_duplicate(uow, layout.sha256)
    if duplicate is not None:
        return ImportResult(name, request.profile_name, duplicate_of=duplicate)
    mapping = request.mapping.resolve(layout.header)
    if not mapping.timestamp and request.period is None:
        raise ValidationError(
            f"{name} has no date on its rows: say which period it covers.", field="period")
    timezone = team_timezone(uow)
    with uow.write() as session:
        batch = m.ImportBatch(file_name=name[:500], file_sha256=layout.sha256,
                              profile_name=request.profile_name[:120],
                              imported_by_id=uow.person_id, row_count=0)
        session.add(batch)
        session.flush()
        run = _Run(layout, mapping, request, batch.id, CardMatcher(session), timezone)
        writer = _writer(session)
        chunk: list[tuple[object, ...]] = []
        collecting = gc.isenabled()
        gc.disable()  # millions of small tuples, no cycles: the collector only slows it
        try:
            for records in run.records(progress, cancelled):
                if run.problem_count and not request.good_rows_only:
                    continue  # nothing will be stored: read on only to report every bad row
                chunk.extend(records)
                if len(chunk) >= CHUNK:
                    writer(chunk)
                    chunk = []
        finally:
            if collecting:
                gc.enable()
        if run.problem_count and not request.good_rows_only:
            raise ImportProblemsError(name, run.problems, run.problem_count, run.good_rows)
        if not run.good_rows:
            raise ValidationError(f"{name} holds no rows with figures to import.")
        writer(chunk)
        period = run.period()
        batch.row_count = run.good_rows
        batch.period_start, batch.period_end = (period.start, period.end) if period else (None,
                                                                                          None)
        if progress is not None:
            progress(1.0)
        return ImportResult(
            name, request.profile_name, batch.id, run.good_rows, run.record_count, period,
            tuple(run.skipped), tuple(run.problems), run.problem_count, run.matched_rows,
            tuple(run.matcher.unmatched.most_common(100)))


_COLUMNS = ("occurred_at", "channel", "card_id", "content", "metric", "value", "import_id",
            "source_row", "outlet", "author", "timed")


def _writer(session) -> Callable[[list[tuple[object, ...]]], None]:  # noqa: ANN001
    """Bulk insert in this transaction: the driver's executemany on SQLite, Core elsewhere."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        sql = (f"INSERT INTO metric_records ({', '.join(_COLUMNS)}, version) "
               f"VALUES ({', '.join('?' for _ in _COLUMNS)}, 1)")

        def write_sqlite(rows: list[tuple[object, ...]]) -> None:
            if rows:
                connection.exec_driver_sql(
                    sql, [(r[0].isoformat(" ", "microseconds"), *r[1:]) for r in rows])
        return write_sqlite

    table = m.MetricRecord.__table__

    def write_core(rows: list[tuple[object, ...]]) -> None:
        if rows:
            connection.execute(insert(table), [dict(zip(_COLUMNS, r), version=1) for r in rows])
    return write_core


@dataclass
class _Run:
    """Turns the rows of one file into metric records, collecting what went wrong."""

    layout: Layout
    mapping: ColumnMapping
    request: ImportRequest
    import_id: int
    matcher: CardMatcher
    timezone: str
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    good_rows: int = 0
    record_count: int = 0
    matched_rows: int = 0
    first_day: date | None = None
    last_day: date | None = None

    def _index(self, column: str) -> int:
        return self.layout.header.index(column) if column else -1

    def _readers(self) -> tuple[DateReader | None, NumberReader]:
        sample = [cells for _, cells in self.layout.sample]
        metric_cells = [c[self._index(col)] for c in sample for col, _ in self.mapping.metrics
                        if self._index(col) < len(c)]
        decimal_comma = self.layout.delimiter == ";" and looks_decimal_comma(metric_cells)
        dates = None
        if self.mapping.timestamp:
            index = self._index(self.mapping.timestamp)
            dates = DateReader([c[index] for c in sample if index < len(c)],
                               day_first=decimal_comma or self.layout.delimiter == ";",
                               timezone=self.timezone)
        return dates, NumberReader(decimal_comma)

    def _problem(self, line: int, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(RowProblem(line, message))

    def period(self) -> Period | None:
        if self.request.period is not None and not self.mapping.timestamp:
            return self.request.period
        if self.first_day and self.last_day:
            return Period(self.first_day, self.last_day)
        return None

    def records(self, progress: Progress | None,
                cancelled: Cancelled | None) -> object:
        """Yields the records of each good row (a list of tuples in ``_COLUMNS`` order)."""
        mapping = self.mapping
        dates, numbers = self._readers()
        ts_i, hour_i = self._index(mapping.timestamp), self._index(mapping.hour)
        channel_i, content_i = self._index(mapping.channel), self._index(mapping.content)
        link_i = self._index(mapping.link)
        outlet_i, author_i = self._index(mapping.outlet), self._index(mapping.author)
        metrics = [(self._index(column), column, metric) for column, metric in mapping.metrics]
        fixed_channel = mapping.fixed_channel.strip().lower()[:60]
        period_start = (datetime.combine(self.request.period.start, time(0))
                        if self.request.period else None)
        match = self.matcher.match
        import_id = self.import_id
        row_metric = mapping.row_metric
        count = 0
        for line, cells in iter_rows(self.layout, progress):
            count += 1
            if cancelled is not None and count % CANCEL_CHECK_ROWS == 0 and cancelled():
                raise ImportCancelled()
            width = len(cells)
            if width > len(self.layout.header) and any(_text(c).strip()
                                                       for c in cells[len(self.layout.header):]):
                self._problem(line, f"it has {width} fields where the header has "
                                    f"{len(self.layout.header)}")
                continue
            if is_summary_row(cells):
                self.skipped.append(RowProblem(line, "a total or a note, not a result"))
                continue
            values: list[tuple[str, float]] = []
            bad = False
            for index, column, metric in metrics:
                cell = cells[index] if index < width else None
                try:
                    value = numbers(cell)
                except CellError as error:
                    self._problem(line, f"{column} is {error}")
                    bad = True
                    continue
                if value is None:
                    continue
                if value < 0:
                    self._problem(line, f"{column} is {value:g}; a result cannot be negative")
                    bad = True
                    continue
                values.append((metric, value))
            if row_metric and not bad:
                values.append((row_metric, 1.0))
            if bad:
                continue
            if not values:
                self.skipped.append(RowProblem(line, "no figures"))
                continue
            if dates is not None:
                try:
                    when, timed = dates(cells[ts_i] if ts_i < width else None)
                    if hour_i >= 0 and hour_i < width and _text(cells[hour_i]).strip():
                        hour, minute = read_hour(cells[hour_i])
                        when, timed = when.replace(hour=hour, minute=minute), True
                except CellError as error:
                    self._problem(line, f"{mapping.timestamp}: {error}")
                    continue
                day = when.date()
                if self.first_day is None or day < self.first_day:
                    self.first_day = day
                if self.last_day is None or day > self.last_day:
                    self.last_day = day
            else:
                when, timed = period_start, False
            if channel_i >= 0:
                channel = _text(cells[channel_i] if channel_i < width else "").strip().lower()[:60]
                if not channel:
                    self._problem(line, f"{mapping.channel} is empty: say which channel")
                    continue
            else:
                channel = fixed_channel
            content = _text(cells[content_i]).strip() if 0 <= content_i < width else ""
            link = _text(cells[link_i]).strip() if 0 <= link_i < width else ""
            content = (content or link)[:500]
            outlet = _text(cells[outlet_i]).strip()[:200] if 0 <= outlet_i < width else ""
            author = _text(cells[author_i]).strip()[:200] if 0 <= author_i < width else ""
            card_id = match(content, link)
            if card_id is not None:
                self.matched_rows += 1
            self.good_rows += 1
            self.record_count += len(values)
            yield [(when, channel, card_id, content, metric, value, import_id, line, outlet,
                    author, timed) for metric, value in values]
