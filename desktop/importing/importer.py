"""Importing one export: preview, then every row in one transaction, with provenance.

``run_import`` writes an ``import_batches`` row (file, profile, period, who) and
one ``metric_records`` row per figure, each with ``import_id`` and ``source_row``
(its line in the file). The file is read, parsed, checked and matched to board
cards first, with no lock on the team file; the records wait in a spool (memory,
then a temporary file). Only then is the write lock taken, for one transaction
that checks again that the file was not imported meanwhile and inserts the
records in batches with the driver's ``executemany``. A bad row (unless
``good_rows_only``) or a cancel while reading writes nothing; a cancel or any
error while writing rolls everything back, so no import is ever half there. A
file whose SHA-256 was imported before adds nothing, even when two people import
it at once; nor does a record already stored by content (the same channel, period,
piece and metric, from whatever file: a CRLF re-save, a renamed copy): such records
are counted in ``ImportResult.already_stored`` and skipped.

Records cover a period: a row's own day, the month of a ``2025-03`` date, the span
of ``Reporting starts``/``Reporting ends``, or for a file without a date per row
the period the file states (preamble, title line, file name) or the one asked for.
No record is put on a day it does not report. A record of an average (CTR,
position) carries the row's figure of what the catalogue weights it by.
"""

from __future__ import annotations

import calendar
import html
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import insert, select, text

from db import models as m
from db.unit_of_work import UnitOfWork
from desktop.errors import Cancelled, NotFoundError, ValidationError
from desktop.importing.mapping import ColumnMapping, Profile, find_column
from desktop.importing.matching import CardMatcher
from desktop.importing.period import Period, propose_period
from desktop.importing.profiles import guess_profile, list_profiles
from desktop.importing.reading import Layout, inspect_export, is_summary_row, iter_rows
from desktop.importing.values import (
    DAY_FIRST,
    CellError,
    DateReader,
    NumberReader,
    looks_decimal_comma,
    order_in,
    read_hour,
)
from desktop.metric_catalogue import definition, load_team_metrics
from desktop.numbers import counted
from desktop.team_settings import team_timezone

CHUNK = 20_000
SPOOL_MEMORY = 64 * 1024 * 1024  # pickled records kept in memory; beyond, a temporary file
CACHE_LIMIT_KIB = 256 * 1024  # SQLite page cache while inserting, at most (see _cache_for)
RECORD_BYTES = 200  # what one record adds to the file, table and indexes, with room to spare
READ_SHARE = 0.9  # of the progress bar: reading the file; the rest is writing it
MAX_LISTED_PROBLEMS = 500
CANCEL_CHECK_ROWS = 2048
REPORTING_COLUMNS = ("Reporting starts", "Reporting ends")
IMPORT_CANCELLED = "The import was cancelled; nothing was imported."


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
            f"{counted(count, 'row')} of {file_name} cannot be imported: "
            f"{first}{more}. Nothing was imported: correct the file, or import the "
            f"{counted(good_rows, 'good row')} only.")
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
    sheet: str = ""  # of a workbook: "" for the one with the most rows of figures


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
    already_stored: int = 0  # records skipped: the same figures were stored before


Progress = Callable[[float], None]
CancelRequested = Callable[[], bool]


def _text(cell: object) -> str:
    return "" if cell is None else str(cell)


def _summary(row: m.ImportBatch, person: str | None) -> ImportSummary:
    period = Period(row.period_start, row.period_end) if row.period_start and row.period_end \
        else None
    return ImportSummary(row.id, row.file_name, row.profile_name, row.imported_at,
                         person or "", row.row_count, period)


def _duplicate_in(session, sha256: str) -> ImportSummary | None:  # noqa: ANN001 - a TeamSession
    found = session.execute(
        select(m.ImportBatch, m.Person.name)
        .outerjoin(m.Person, m.Person.id == m.ImportBatch.imported_by_id)
        .where(m.ImportBatch.file_sha256 == sha256).order_by(m.ImportBatch.id)).first()
    return _summary(*found) if found else None


def find_duplicate(uow: UnitOfWork, sha256: str) -> ImportSummary | None:
    with uow.read() as session:
        return _duplicate_in(session, sha256)


def list_imports(uow: UnitOfWork) -> list[ImportSummary]:
    """Every import, newest first."""
    with uow.read() as session:
        rows = session.execute(
            select(m.ImportBatch, m.Person.name)
            .outerjoin(m.Person, m.Person.id == m.ImportBatch.imported_by_id)
            .order_by(m.ImportBatch.imported_at.desc(), m.ImportBatch.id.desc()))
        return [_summary(batch, name) for batch, name in rows]


def delete_import(uow: UnitOfWork, batch_id: int) -> None:
    """Take an import back out: the batch and every record (or mention) it brought."""
    with uow.write() as session:
        batch = session.get(m.ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError("That import has been removed already.")
        session.execute(m.MetricRecord.__table__.delete()
                        .where(m.MetricRecord.import_id == batch_id))
        session.execute(m.Mention.__table__.delete().where(m.Mention.import_id == batch_id))
        session.delete(batch)


def _period_of_file(layout: Layout) -> Period | None:
    """The period the file says it covers, if it says one anywhere."""
    reporting = [find_column(c, layout.header) for c in REPORTING_COLUMNS]
    indexes = [layout.header.index(c) for c in reporting if c]
    reporting_values = [_text(cells[i]) for _, cells in layout.sample for i in indexes
                        if i < len(cells)]
    return propose_period(layout.path.name, layout.preamble, reporting_values)


def preview_file(uow: UnitOfWork, path: Path, sheet: str = "") -> Preview:
    """The first rows, the profile that fits best, and the period the file names."""
    layout = inspect_export(Path(path), sheet)
    profiles = tuple(list_profiles(uow))
    rows = tuple((line, tuple(_text(c) for c in cells)) for line, cells in layout.sample)
    return Preview(layout, rows, profiles, guess_profile(profiles, layout.header),
                   _period_of_file(layout), find_duplicate(uow, layout.sha256))


def run_import(uow: UnitOfWork, request: ImportRequest, *, progress: Progress | None = None,
               cancelled: CancelRequested | None = None) -> ImportResult:
    """Import a file as ``request`` says; see the module docstring for the guarantees.

    Raises ``ImportProblemsError`` when rows are bad and ``good_rows_only`` is not
    set, ``Cancelled`` when ``cancelled()`` turns true, ``ValidationError``
    for a file or mapping that cannot be imported at all.
    """
    layout = inspect_export(Path(request.path), request.sheet)
    name = layout.path.name
    duplicate = find_duplicate(uow, layout.sha256)
    if duplicate is not None:
        return ImportResult(name, request.profile_name, duplicate_of=duplicate)
    mapping = request.mapping.resolve(layout.header)
    if not mapping.timestamp and request.period is None:
        stated = _period_of_file(layout)
        if stated is None:
            raise ValidationError(
                f"{name} has no date on its rows and does not say which period it covers: "
                "say which period it covers.", field="period")
        request = replace(request, period=stated)
    timezone = team_timezone(uow)
    load_team_metrics(uow)  # what the team's own metrics are weighted by
    with uow.read() as session:
        matcher = CardMatcher(session)
    text_times = uow.database.engine.dialect.name == "sqlite"
    run = _read(layout, mapping, request, matcher, timezone, text_times,
                _scaled(progress, 0.0, READ_SHARE), cancelled)
    try:
        if run.problem_count and not request.good_rows_only:
            raise ImportProblemsError(name, run.problems, run.problem_count, run.good_rows)
        if not run.good_rows:
            raise ValidationError(f"{name} holds no rows with figures to import.")
        return _store(uow, run, request, _scaled(progress, READ_SHARE, 1.0), cancelled)
    finally:
        run.spool.close()


def _read(layout: Layout, mapping: ColumnMapping, request: ImportRequest, matcher: CardMatcher,
          timezone: str, text_times: bool, progress: Progress | None,
          cancelled: CancelRequested | None) -> _Run:
    """Every row turned into records, without any lock on the team file.

    When a later date settles the day/month order of a column whose earlier dates
    were ambiguous, the file is read a second time in that order.
    """
    run = _Run(layout, mapping, request, matcher, timezone, text_times)
    run.read(progress, cancelled)
    dates = run.dates
    if dates is not None and dates.needs_second_reading:
        run.spool.close()
        matcher.unmatched.clear()
        run = _Run(layout, mapping, request, matcher, timezone, text_times,
                   date_order=dates.order, date_evidence=dates.evidence)
        run.read(progress, cancelled)
    return run


def _store(uow: UnitOfWork, run: _Run, request: ImportRequest, progress: Progress | None,
           cancelled: CancelRequested | None) -> ImportResult:
    """The one write transaction: check for a duplicate again, then the bulk insert."""
    name, sha256 = run.layout.path.name, run.layout.sha256
    period = run.period()
    with uow.write() as session:
        if session.get_bind().dialect.name == "postgresql":  # SQLite's write lock does this
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": int(sha256[:15], 16)})
        duplicate = _duplicate_in(session, sha256)  # someone imported it meanwhile
        if duplicate is not None:
            return ImportResult(name, request.profile_name, duplicate_of=duplicate)
        batch = m.ImportBatch(file_name=name[:500], file_sha256=sha256,
                              profile_name=request.profile_name[:120],
                              imported_by_id=uow.person_id, row_count=run.good_rows,
                              period_start=period.start if period else None,
                              period_end=period.end if period else None)
        session.add(batch)
        session.flush()
        batch_id = batch.id
        write = _writer(session, batch_id)
        stored = _StoredKeys(session, run)
        with _cache_for(session, run.record_count):
            for done, chunk in enumerate(run.spool, start=1):
                if cancelled is not None and cancelled():
                    raise Cancelled(IMPORT_CANCELLED)
                write(stored.new_only(chunk))
                if progress is not None:
                    progress(done / run.spool.chunks)
        if stored.skipped == run.record_count:  # every figure was there already
            session.delete(batch)
            return ImportResult(name, request.profile_name, period=period,
                                skipped=tuple(run.skipped), already_stored=stored.skipped)
    if progress is not None:
        progress(1.0)
    return ImportResult(
        name, request.profile_name, batch_id, run.good_rows, run.record_count - stored.skipped,
        period, tuple(run.skipped), tuple(run.problems), run.problem_count, run.matched_rows,
        tuple(run.matcher.unmatched.most_common(100)), already_stored=stored.skipped)


class _StoredKeys:
    """What is stored already, by content: the channel (the tool), the period (start and
    end), the piece (content, outlet, author) and the metric, for the channels and times
    of the records being imported. A figure of one of those is not stored twice."""

    def __init__(self, session, run: _Run) -> None:  # noqa: ANN001 - a TeamSession
        self.skipped = 0
        self._keys: set[tuple] = set()
        if run.first_time is None or run.last_time is None:
            return
        r = m.MetricRecord
        query = (select(r.channel, r.occurred_at, r.period_end, r.content, r.outlet, r.author,
                        r.metric, r.breakdown)
                 .where(r.channel.in_(sorted(run.channels)), r.occurred_at >= run.first_time,
                        r.occurred_at <= run.last_time))
        text_times = run.text_times
        for channel, when, until, content, outlet, author, metric, breakdown in session.execute(
                query):
            stamp = when.isoformat(" ", "microseconds") if text_times else when
            self._keys.add((channel, stamp, _day_text(until), content, outlet, author, metric,
                            breakdown))

    def new_only(self, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        if not self._keys:
            return rows
        kept = [row for row in rows if _key(row) not in self._keys]
        self.skipped += len(rows) - len(kept)
        return kept


def _day_text(day: object) -> str | None:
    return None if day is None else str(day)[:10]


def _key(row: tuple[object, ...]) -> tuple:
    (when, channel, _card, content, metric, _value, _line, outlet, author, _timed, until,
     _weight, breakdown) = row
    return (channel, when, _day_text(until), content, outlet, author, metric, breakdown)


@contextmanager
def _cache_for(session, records: int) -> Iterator[None]:  # noqa: ANN001 - a TeamSession
    """Room in SQLite's page cache for the pages an insert of ``records`` dirties.

    When the cache (2 MB by default) fills up mid-transaction, SQLite spills pages
    into the file, which takes the exclusive lock: nobody else can even read until
    the commit. With room for them (up to ``CACHE_LIMIT_KIB``), readers are shut out
    only while the commit writes the pages. The old size is set back afterwards.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    old = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    page_kib = connection.exec_driver_sql("PRAGMA page_size").scalar() / 1024
    old_kib = -old if old < 0 else old * page_kib
    wanted_kib = min(CACHE_LIMIT_KIB, records * RECORD_BYTES // 1024 + 4096)
    if wanted_kib <= old_kib:
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = {-int(wanted_kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(old)}")


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * fraction)


class _Spool:
    """The records read, waiting for the write transaction: pickled chunks of ``CHUNK``,
    in memory up to ``SPOOL_MEMORY`` and in a temporary file beyond."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)
        self._pending: list[tuple[object, ...]] = []
        self.chunks = 0

    def extend(self, records: list[tuple[object, ...]]) -> None:
        self._pending.extend(records)
        if len(self._pending) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, pickle.HIGHEST_PROTOCOL)
            self._pending = []
            self.chunks += 1

    def __iter__(self) -> Iterator[list[tuple[object, ...]]]:
        self._flush()
        self._file.seek(0)
        for _chunk in range(self.chunks):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


_COLUMNS = ("occurred_at", "channel", "card_id", "content", "metric", "value", "source_row",
            "outlet", "author", "timed", "period_end", "weight", "breakdown")


def _writer(session, import_id: int) -> Callable[[list[tuple[object, ...]]], None]:  # noqa: ANN001
    """Bulk insert in this transaction: the driver's executemany on SQLite, Core elsewhere."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        sql = (f"INSERT INTO metric_records ({', '.join(_COLUMNS)}, import_id, version) "
               f"VALUES ({', '.join('?' for _ in _COLUMNS)}, {int(import_id)}, 1)")

        def write_sqlite(rows: list[tuple[object, ...]]) -> None:
            if rows:
                connection.exec_driver_sql(sql, rows)
        return write_sqlite

    table = m.MetricRecord.__table__

    def write_core(rows: list[tuple[object, ...]]) -> None:
        if rows:
            connection.execute(insert(table), [dict(zip(_COLUMNS, r), import_id=import_id,
                                                    version=1) for r in rows])
    return write_core


@dataclass
class _Run:
    """Turns the rows of one file into metric records, collecting what went wrong.

    The records (tuples in ``_COLUMNS`` order; on SQLite the time already as the
    text stored) go to ``spool``, unless a bad row means nothing will be stored.
    ``date_order`` reads the date column in an order settled by an earlier reading.
    """

    layout: Layout
    mapping: ColumnMapping
    request: ImportRequest
    matcher: CardMatcher
    timezone: str
    text_times: bool
    date_order: str | None = None
    date_evidence: str = ""
    spool: _Spool = field(default_factory=_Spool)
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    good_rows: int = 0
    record_count: int = 0
    matched_rows: int = 0
    first_day: date | None = None
    last_day: date | None = None
    first_time: datetime | None = None
    last_time: datetime | None = None
    channels: set[str] = field(default_factory=set)
    until_dates: DateReader | None = None

    def __post_init__(self) -> None:
        self.dates, self.numbers = self._readers()

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
                               day_first=self._day_first(index), order=self.date_order,
                               evidence=self.date_evidence, timezone=self.timezone)
        if self.mapping.until:
            index = self._index(self.mapping.until)
            self.until_dates = DateReader([c[index] for c in sample if index < len(c)],
                                          day_first=self._day_first(index),
                                          timezone=self.timezone)
        return dates, NumberReader(decimal_comma)

    def _day_first(self, date_index: int) -> bool | None:
        """What the rest of the file says about the order of day and month, if anything:
        dates in its title lines or its other columns, else its semicolons (the files of
        countries that write decimal commas, and the day first)."""
        others = [cell for _, cells in self.layout.sample
                  for index, cell in enumerate(cells) if index != date_index]
        order = order_in([*self.layout.preamble, *others])
        if order is not None:
            return order == DAY_FIRST
        return True if self.layout.delimiter == ";" else None

    def _describes(self, cells: Sequence[object], metrics: list[tuple[int, str, str]]) -> bool:
        """A first row that says what the columns are: words under every figure column."""
        found = [_text(cells[i]).strip() for i, _, _ in metrics if i < len(cells)]
        return bool(found) and all(len(cell.split()) >= 2 and not any(ch.isdigit() for ch in cell)
                                   for cell in found)

    def read(self, progress: Progress | None, cancelled: CancelRequested | None) -> None:
        for records in self.records(progress, cancelled):
            if self.problem_count and not self.request.good_rows_only:
                continue  # nothing will be stored: read on only to report every bad row
            self.spool.extend(records)

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
                cancelled: CancelRequested | None) -> object:
        """Yields the records of each good row (a list of tuples in ``_COLUMNS`` order)."""
        mapping = self.mapping
        dates, numbers = self.dates, self.numbers
        ts_i, hour_i = self._index(mapping.timestamp), self._index(mapping.hour)
        channel_i, content_i = self._index(mapping.channel), self._index(mapping.content)
        link_i = self._index(mapping.link)
        outlet_i, author_i = self._index(mapping.outlet), self._index(mapping.author)
        metrics = [(self._index(column), column, metric) for column, metric in mapping.metrics]
        fixed_channel = mapping.fixed_channel.strip().lower()[:60]
        period_start = (datetime.combine(self.request.period.start, time(0))
                        if self.request.period else None)
        period_end = (self.request.period.end if self.request.period
                      and self.request.period.end > self.request.period.start else None)
        until_i = self._index(mapping.until)
        scales = dict(mapping.scales)
        weight_by = {metric: definition(metric).weight_by for _, metric in mapping.metrics
                     if definition(metric).over_time == "weighted"}
        headers = {index: column for index, column, _ in metrics}
        by_header = mapping.content_from_header
        breakdown = mapping.breakdown.strip().lower()[:40]
        # A row with figures but neither a date nor a title nor a link is the export's total
        # (GA4 and others write it without a word); only where the mapping has such columns.
        labels = [i for i in (ts_i, content_i, link_i) if i >= 0] if (
            content_i >= 0 or link_i >= 0) else []
        match = self.matcher.match
        text_times = self.text_times
        row_metric = mapping.row_metric
        count = 0
        for line, cells in iter_rows(self.layout, progress):
            count += 1
            if cancelled is not None and count % CANCEL_CHECK_ROWS == 0 and cancelled():
                raise Cancelled(IMPORT_CANCELLED)
            width = len(cells)
            if width > len(self.layout.header) and any(_text(c).strip()
                                                       for c in cells[len(self.layout.header):]):
                self._problem(line, f"it has {width} fields where the header has "
                                    f"{len(self.layout.header)}")
                continue
            if is_summary_row(cells):
                self.skipped.append(RowProblem(line, "a total or a note, not a result"))
                continue
            if count == 1 and metrics and self._describes(cells, metrics):
                self.skipped.append(RowProblem(line, "a description of the columns"))
                continue
            if labels and not any(_text(cells[i]).strip() for i in labels if i < width):
                self.skipped.append(RowProblem(line, "a total without a label, not a result"))
                continue
            values: list[tuple[str, float, int]] = []
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
                if value < 0 and not mapping.corrections:
                    self._problem(line, f"{column} is {value:g}; a result cannot be negative")
                    bad = True
                    continue
                values.append((metric, value * scales.get(metric, 1.0), index))
            if row_metric and not bad:
                values.append((row_metric, 1.0, -1))
            if bad:
                continue
            if not values:
                self.skipped.append(RowProblem(line, "no figures"))
                continue
            until = None
            if dates is not None:
                raw = cells[ts_i] if ts_i < width else None
                try:
                    when, timed = dates(raw)
                    if hour_i >= 0 and hour_i < width and _text(cells[hour_i]).strip():
                        hour, minute = read_hour(cells[hour_i])
                        when, timed = when.replace(hour=hour, minute=minute), True
                    if until_i >= 0 and until_i < width and _text(cells[until_i]).strip():
                        last, _ = self.until_dates(cells[until_i])
                        if last.date() < when.date():
                            raise CellError(f"the period ends ({last:%Y-%m-%d}) before it "
                                            f"starts ({when:%Y-%m-%d})")
                        until = last.date() if last.date() > when.date() else None
                    elif isinstance(raw, str) and _MONTH_ONLY.match(raw.strip()):
                        until = when.date().replace(
                            day=calendar.monthrange(when.year, when.month)[1])
                except CellError as error:
                    self._problem(line, f"{mapping.timestamp}: {error}")
                    continue
                day = when.date()
                last_day = until or day
                if self.first_day is None or day < self.first_day:
                    self.first_day = day
                if self.last_day is None or last_day > self.last_day:
                    self.last_day = last_day
            else:
                when, timed, until = period_start, False, period_end
            if self.first_time is None or when < self.first_time:
                self.first_time = when
            if self.last_time is None or when > self.last_time:
                self.last_time = when
            if channel_i >= 0:
                channel = _text(cells[channel_i] if channel_i < width else "").strip().lower()[:60]
                if not channel:
                    self._problem(line, f"{mapping.channel} is empty: say which channel")
                    continue
            else:
                channel = fixed_channel
            content = _clean(cells[content_i]) if 0 <= content_i < width else ""
            link = _text(cells[link_i]).strip() if 0 <= link_i < width else ""
            content = (content or link)[:500]
            outlet = _text(cells[outlet_i]).strip()[:200] if 0 <= outlet_i < width else ""
            author = _text(cells[author_i]).strip()[:200] if 0 <= author_i < width else ""
            card_id = match(content, link)
            if card_id is not None:
                self.matched_rows += 1
            self.good_rows += 1
            self.record_count += len(values)
            self.channels.add(channel)
            stamp = when.isoformat(" ", "microseconds") if text_times else when
            until_text = until.isoformat() if until is not None and text_times else until
            figures = {metric: value for metric, value, _ in values}
            yield [(stamp, channel, card_id,
                    _clean(headers[index])[:500] if by_header and index >= 0 else content,
                    metric, value, line, outlet, author, timed, until_text,
                    figures.get(weight_by[metric], 1.0) if metric in weight_by else 1.0,
                    breakdown)
                   for metric, value, index in values]


_MONTH_ONLY = re.compile(r"^\d{4}-\d{1,2}$")


def _clean(cell: object) -> str:
    """A title as a person reads it: entities decoded (``&amp;``), lines joined."""
    text = _text(cell)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())
