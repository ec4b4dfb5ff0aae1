"""Reading the cells of an export: numbers as tools write them, and dates.

Numbers: thousands separators (``31,193``; ``1.286,58`` in files with a decimal
comma), percent signs (``1.93%`` is read as the fraction 0.0193), currency signs,
accounting negatives ``(12.50)``, and the dashes tools write for "no figure"
(read as missing, not as zero). Dates: one format is chosen per column from its
first values, so a million rows are not each guessed at; a value the chosen
format does not fit is tried against the others before it is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

MISSING = frozenset({"", "-", "--", "–", "—", "n/a", "na", "null", "none", "nan"})
_CURRENCY = re.compile(r"^[^\d\-+(.,]+|[^\d).,%]+$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA_HINT = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+,\d+|\d+,\d{1,2})%?$")


class CellError(ValueError):
    """A cell that cannot be read; the message says what was found."""


class NumberReader:
    """Reads figures; ``decimal_comma`` for files that write ``1.234,5``."""

    def __init__(self, decimal_comma: bool = False) -> None:
        self.decimal_comma = decimal_comma

    def __call__(self, cell: object) -> float | None:
        if cell is None:
            return None
        if isinstance(cell, bool):
            return float(cell)
        if isinstance(cell, (int, float)):
            return float(cell)
        text = str(cell).strip()
        if not self.decimal_comma:
            try:
                return float(text)
            except ValueError:
                pass
        return self._slow(text)

    def _slow(self, text: str) -> float | None:
        if text.lower() in MISSING:
            return None
        cleaned = (text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
                   .replace("'", ""))
        negative = cleaned.startswith("(") and cleaned.endswith(")")
        if negative:
            cleaned = cleaned[1:-1]
        cleaned = _CURRENCY.sub("", cleaned)
        percent = cleaned.endswith("%")
        cleaned = cleaned.rstrip("%")
        if self.decimal_comma:
            cleaned = cleaned.replace(".", "").replace(",", ".")
        elif "," in cleaned:
            if "." in cleaned or _THOUSANDS_COMMA.match(cleaned):
                cleaned = cleaned.replace(",", "")
            else:
                cleaned = cleaned.replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            raise CellError(f"'{text}' is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(f"'{text}' is not a number")
        value = -value if negative else value
        return value / 100 if percent else value


def looks_decimal_comma(cells: Iterable[object]) -> bool:
    """True when the sample writes decimals with a comma (``12,5`` or ``1.234,56``)."""
    return any(isinstance(c, str) and _DECIMAL_COMMA_HINT.match(c.strip()) for c in cells)


# Formats tried in order; day-first files move the day-first ones to the front.
_ISO = "iso"
_MONTH_FIRST = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%m/%d/%y %H:%M",
                "%m/%d/%y")
_DAY_FIRST = ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y %H:%M", "%d.%m.%Y",
              "%d.%m.%y")
_OTHER = ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y%m%d%H", "%Y%m%d", "%Y/%m/%d %H:%M",
          "%Y/%m/%d", "%b %d, %Y %I:%M %p", "%b %d, %Y %H:%M", "%b %d, %Y", "%B %d, %Y",
          "%d %b %Y %H:%M", "%d %b %Y", "%d %B %Y", "%d-%b-%Y %I:%M%p", "%d-%b-%Y %H:%M",
          "%d-%b-%Y", "%d-%b-%y", "%a, %d %b %Y %H:%M:%S %z", "%d %b, %Y")


def _formats(day_first: bool) -> tuple[str, ...]:
    ordered = _DAY_FIRST + _MONTH_FIRST if day_first else _MONTH_FIRST + _DAY_FIRST
    return (_ISO, *_OTHER, *ordered)


def _has_time(fmt: str, value: datetime) -> bool:
    if fmt == _ISO:
        return value.time() != time(0) or value.tzinfo is not None
    return "%H" in fmt or "%I" in fmt


class DateReader:
    """Reads one column's dates in the format its first values show.

    Times with an offset (``18:50 +0000``) are turned into the team's wall-clock
    time, the way every metric time is stored. Returns ``(when, has_time)``.
    """

    def __init__(self, sample: Iterable[object], *, day_first: bool = False,
                 timezone: str = "UTC") -> None:
        self._formats = _formats(day_first)
        self._zone = ZoneInfo(timezone)
        texts = [str(c).strip() for c in sample
                 if c is not None and not isinstance(c, (date, datetime)) and str(c).strip()]
        self._format = next((f for f in self._formats if all(self._fits(f, t) for t in texts)),
                            _ISO)

    @staticmethod
    def _fits(fmt: str, text: str) -> bool:
        try:
            DateReader._parse(fmt, text)
        except ValueError:
            return False
        return True

    @staticmethod
    def _parse(fmt: str, text: str) -> datetime:
        if fmt == _ISO:
            if len(text) < 8 or not text[:4].isdigit():
                raise ValueError(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        return datetime.strptime(text, fmt)

    def __call__(self, cell: object) -> tuple[datetime, bool]:
        if isinstance(cell, datetime):
            return self._local(cell), cell.time() != time(0)
        if isinstance(cell, date):
            return datetime.combine(cell, time(0)), False
        text = "" if cell is None else str(cell).strip()
        if not text:
            raise CellError("the date is empty")
        for fmt in (self._format, *self._formats):
            try:
                value = self._parse(fmt, text)
            except ValueError:
                continue
            return self._local(value), _has_time(fmt, value)
        raise CellError(f"'{text}' is not a date that can be read; write it like 2026-03-31")

    def _local(self, value: datetime) -> datetime:
        if value.tzinfo is None:
            return value
        return value.astimezone(self._zone).replace(tzinfo=None)


def read_hour(cell: object) -> tuple[int, int]:
    """An hour column: ``9``, ``09``, ``9:30``, ``09:30 PM`` -> (hour, minute)."""
    if isinstance(cell, time):
        return cell.hour, cell.minute
    if isinstance(cell, datetime):
        return cell.hour, cell.minute
    if isinstance(cell, (int, float)) and 0 <= cell < 24:
        return int(cell), 0
    text = str(cell or "").strip().upper()
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(AM|PM)?", text)
    if not match:
        raise CellError(f"'{cell}' is not an hour of the day")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3) == "PM" and hour < 12:
        hour += 12
    elif match.group(3) == "AM" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise CellError(f"'{cell}' is not an hour of the day")
    return hour, minute
