"""The period an export covers, read from where tools write it.

Exports without a date per row (a page report, a search-console tab) name their
period in the preamble (``# Start date: 20251015``), in a title line
(``27 January 2026 - 23 February 2026``), in the file name
(``..._20161201_20170101_en.csv``, ``...-1-Sep-202430-Sep-2024.csv``,
``Sep-01-2025_Sep-30-2025_....csv``) or in
``Reporting starts``/``Reporting ends`` columns. What is found is only proposed:
the person confirms it or types another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desktop.errors import ValidationError

_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)"), ("%Y-%m-%d",)),
    (re.compile(r"(?<!\d)(\d{8})(?!\d)"), ("%Y%m%d",)),
    (re.compile(r"(\d{1,2}-[A-Za-z]{3}-\d{4})"), ("%d-%b-%Y",)),
    (re.compile(r"(?<![A-Za-z])([A-Za-z]{3}-\d{1,2}-\d{4})"), ("%b-%d-%Y",)),
    (re.compile(r"(?<!\d)(\d{1,2} [A-Za-z]{3,9} \d{4})"), ("%d %B %Y", "%d %b %Y")),
    (re.compile(r"([A-Za-z]{3,9} \d{1,2}, \d{4})"), ("%B %d, %Y", "%b %d, %Y")),
    (re.compile(r"(?<!\d)(\d{1,2}/\d{1,2}/\d{4})(?!\d)"), ("%m/%d/%Y", "%d/%m/%Y")),
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _dates_in(text: str) -> list[tuple[int, date]]:
    found: list[tuple[int, date]] = []
    for pattern, formats in _PATTERNS:
        for match in pattern.finditer(text):
            for fmt in formats:
                try:
                    day = datetime.strptime(match.group(1), fmt).date()
                except ValueError:
                    continue
                if 1990 <= day.year <= 2100:
                    found.append((match.start(), day))
                break
    return sorted(found)


def period_in(texts: Iterable[str]) -> Period | None:
    """The first and last date written in ``texts`` (a single date: that day)."""
    days = [day for text in texts for _, day in _dates_in(text)]
    if not days:
        return None
    first, last = days[0], days[-1] if len(days) > 1 else days[0]
    return Period(min(first, last), max(first, last))


def propose_period(file_name: str, preamble: Iterable[str],
                   reporting_columns: Iterable[str] = ()) -> Period | None:
    """The period a file says it covers: preamble first, then columns, then its name."""
    return period_in(preamble) or period_in(reporting_columns) or period_in([file_name])


def parse_period(text: str) -> Period:
    """``2026-01-01..2026-03-31`` (the form of the command line)."""
    parts = text.replace(" ", "").split("..")
    try:
        if len(parts) != 2:
            raise ValueError
        start, end = (date.fromisoformat(p) for p in parts)
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a period; write it like 2026-01-01..2026-03-31.",
            field="period") from None
    if end < start:
        raise ValidationError(f"The period {text} ends before it starts.", field="period")
    return Period(start, end)
