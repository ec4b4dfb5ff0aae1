"""Finding the table in an export file: its encoding, delimiter, header and rows.

Real exports put titles, ``#`` comment lines and a date range above the header,
``Total:`` rows and notes like "No data available." below the data, and come
as UTF-8 (with or without a BOM), UTF-16 (spreadsheet programs' "Unicode text"),
Windows-1252, or Excel workbooks. ``inspect_export`` looks at the head of the
file once; ``iter_rows`` then streams the data rows with their line numbers
(the line a person sees in a text editor, or the spreadsheet row).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import ValidationError

HEAD_BYTES = 256 * 1024
SAMPLE_RECORDS = 60
DELIMITERS = (",", ";", "\t", "|")
ZIP_SIGNATURE = b"PK\x03\x04"
SUMMARY_PREFIXES = ("total", "totals", "grand total", "subtotal", "summe", "gesamt", "totaal")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

Cells = Sequence[object]


@dataclass(frozen=True)
class Layout:
    """Where the table is in a file, found by ``inspect_export``."""

    path: Path
    kind: str  # "text" or "xlsx"
    encoding: str
    delimiter: str
    sheet: str
    header: tuple[str, ...]
    header_index: int  # csv record index (text) or row number (xlsx) of the header
    header_line: int
    preamble: tuple[str, ...]
    sample: tuple[tuple[int, tuple[object, ...]], ...]
    size: int
    sha256: str

    @property
    def describe(self) -> str:
        if self.kind == "xlsx":
            return f"Excel workbook, sheet '{self.sheet}'"
        names = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
        return f"{self.encoding} text separated by {names.get(self.delimiter, self.delimiter)}"


def file_digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def detect_encoding(path: Path, head: bytes) -> str:
    """The encoding a tool wrote; refuses files that are not text."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and 0 not in sample[0::2]:
        return "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4 and 0 not in sample[1::2]:
        return "utf-16-be"
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if 0 in sample or controls > len(sample) // 100:
        raise ValidationError(
            f"{path.name} is not a text export (it holds binary data). Export the results "
            "from the tool again as CSV, or choose the .xlsx workbook itself.")
    if _is_utf8(path):
        return "utf-8"
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def _is_utf8(path: Path) -> bool:
    return _decodes(path, "utf-8")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most rows of one width (wider wins a tie)."""
    best = (",", (0, 0))
    for delimiter in DELIMITERS:
        widths = Counter(len(r) for r in _records(text, delimiter) if len(r) > 1)
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        if (count, width) > best[1]:
            best = (delimiter, (count, width))
    return best[0]


def _records(text: str, delimiter: str, limit: int = SAMPLE_RECORDS) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= limit:
                break
    except csv.Error:
        pass
    return records


def _is_header(cells: Sequence[object], width: int) -> bool:
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    if len(cells) < width or len(filled) < max(2, width // 2):
        return False
    wordy = [c for c in filled if not _NUMERIC.match(c)]
    return len(wordy) >= len(filled) * 0.6


_NUMERIC = re.compile(r"^[\s$€£%+\-.,()\d]+$")


def _find_header(rows: list[Sequence[object]]) -> int:
    widths = Counter(_width(r) for r in rows if _width(r) > 1)
    if not widths:
        return -1
    width = max(widths.items(), key=lambda item: (item[1], item[0]))[0]
    for index, row in enumerate(rows):
        # A header spans at least half the table: a "Report:,Mentions" pair of a metadata
        # block above it (Brandwatch) is not one.
        if _width(row) > max(1, width // 2 - 1) and _is_header(row, min(width, _width(row))):
            return index
    return -1


def _width(row: Sequence[object]) -> int:
    """Cells up to the last filled one (spreadsheets pad rows with empty cells)."""
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None and str(row[index]).strip():
            return index + 1
    return 0


def is_summary_row(cells: Sequence[object]) -> bool:
    """``Total: Account`` rows, and a lone note such as "No data available."."""
    if len(cells) > 1:  # the common case, decided without looking at every cell
        first, second = cells[0], cells[1]
        if (isinstance(first, str) and first and first[0] not in "TtGgSs " and second
                not in (None, "")):
            return False
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    if not filled:
        return True
    first = str(cells[0] if cells else "").strip().lower()
    if any(first == p or first.startswith(p + ":") or first.startswith(p + " ")
           for p in SUMMARY_PREFIXES):
        return True
    return len(filled) == 1 and not _NUMERIC.match(filled[0])


def inspect_export(path: Path, sheet: str = "") -> Layout:
    """Look at a file once: what it is and where its table starts (in a workbook, the
    sheet with the most rows of figures, or the ``sheet`` named)."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"There is no file at {path}.")
    sha256, size = file_digest(path)
    if size == 0:
        raise ValidationError(f"{path.name} is empty: there is nothing to import.")
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(ZIP_SIGNATURE):
        return _inspect_workbook(path, sha256, size, sheet)
    encoding = detect_encoding(path, head)
    text = head.decode(encoding, errors="ignore")
    if encoding.startswith("utf-16") or encoding == "utf-32":
        text = text.lstrip("\ufeff")
    delimiter = _sniff_delimiter(text)
    records = _records(text, delimiter)
    index = _find_header(records)
    if index < 0:
        raise ValidationError(
            f"{path.name} has no table that can be read: no line with column names followed "
            "by rows of figures was found.")
    lines = _record_lines(text, delimiter, index + 1 + 20)
    sample = tuple((lines[i], tuple(records[i])) for i in range(index + 1, len(records))
                   if i < len(lines) and records[i])
    preamble = tuple(delimiter.join(r).strip() for r in records[:index] if any(r))
    return Layout(path, "text", encoding, delimiter, "", tuple(c.strip() for c in records[index]),
                  index, lines[index], preamble, sample[:20], size, sha256)


def _record_lines(text: str, delimiter: str, limit: int) -> list[int]:
    """The first physical line of each csv record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts, previous = [], 0
    try:
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
            if len(starts) >= limit:
                break
    except csv.Error:
        pass
    return starts


def _open_workbook(path: Path):  # noqa: ANN202 - openpyxl Workbook
    try:
        from openpyxl import load_workbook

        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zip, xml and openpyxl errors alike
        raise ValidationError(
            f"{path.name} cannot be read as an Excel workbook ({error}). Open it in a "
            "spreadsheet program and save it again as .xlsx or CSV.") from None


def _inspect_workbook(path: Path, sha256: str, size: int, wanted: str = "") -> Layout:
    workbook = _open_workbook(path)
    try:
        found: list[tuple[int, str, int, list[tuple[object, ...]]]] = []
        for sheet in workbook.worksheets:
            rows = [tuple(r) for _, r in zip(range(SAMPLE_RECORDS), sheet.iter_rows(values_only=True))]
            index = _find_header(rows)
            if index >= 0:
                data = sum(1 for r in rows[index + 1:] if _width(r) > 1)
                found.append((data, sheet.title, index, rows))
        if not found:
            raise ValidationError(
                f"{path.name} has no sheet with a table: no row of column names followed by "
                "rows of figures was found.")
        if wanted:
            chosen = [item for item in found if item[1].casefold() == wanted.casefold()]
            if not chosen:
                names = ", ".join(f"'{item[1]}'" for item in found)
                raise ValidationError(f"{path.name} has no sheet '{wanted}' with a table; its "
                                      f"sheets with tables are {names}.")
            found = chosen
        _, title, index, rows = max(found, key=lambda item: item[0])
        width = _width(rows[index])
        header = tuple("" if c is None else str(c).strip() for c in rows[index][:width])
        sample = tuple((number + 1, tuple(r[:width])) for number, r in enumerate(rows)
                       if number > index and _width(r))[:20]
        preamble = tuple(" ".join(str(c) for c in r if c is not None) for r in rows[:index]
                         if _width(r))
        return Layout(path, "xlsx", "", "", title, header, index, index + 1, preamble, sample,
                      size, sha256)
    finally:
        workbook.close()


class _CountingReader(io.RawIOBase):
    """Counts the bytes read, for a progress bar over a text stream."""

    def __init__(self, raw: io.BufferedReader) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        read = self._raw.readinto(buffer)
        self.count += read or 0
        return read


Progress = Callable[[float], None]


def iter_rows(layout: Layout, progress: Progress | None = None) -> Iterator[tuple[int, Cells]]:
    """The rows below the header as ``(line number, cells)``; blank rows left out."""
    if layout.kind == "xlsx":
        yield from _iter_sheet(layout, progress)
        return
    with layout.path.open("rb") as raw:
        counter = _CountingReader(raw)
        stream = io.TextIOWrapper(io.BufferedReader(counter, 1 << 16), encoding=layout.encoding,
                                  errors="replace", newline="")
        reader = csv.reader(stream, delimiter=layout.delimiter)
        previous = 0
        size = max(1, layout.size)
        for index, record in enumerate(reader):
            start, previous = previous + 1, reader.line_num
            if index <= layout.header_index or not record:
                continue
            if progress is not None and index % 4096 == 0:
                progress(min(1.0, counter.count / size))
            yield start, record


def _iter_sheet(layout: Layout, progress: Progress | None) -> Iterator[tuple[int, Cells]]:
    workbook = _open_workbook(layout.path)
    try:
        sheet = workbook[layout.sheet]
        total = max(1, sheet.max_row or 1)
        width = len(layout.header)
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number <= layout.header_line:
                continue
            if progress is not None and number % 2048 == 0:
                progress(min(1.0, number / total))
            if _width(row):
                yield number, tuple(row[:width])
    finally:
        workbook.close()
