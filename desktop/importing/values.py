"""Reading the cells of an export: numbers as tools write them, and dates.

Numbers: thousands separators (``31,193``; ``1.286,58`` in files with a decimal
comma), percent signs (``1.93%`` is read as the fraction 0.0193), currency signs,
accounting negatives ``(12.50)``, and the dashes tools write for "no figure"
(read as missing, not as zero). Dates: one format is chosen per column from its
first values (epoch milliseconds, 13 digits in UTC, are read whatever it is), so a
million rows are not each guessed at; a value the chosen
format does not fit is tried against the others before it is refused, but never
against the opposite day/month order: the whole column has one order (see
``DateReader``), and a date that could be either is read as the rest of the file
says, or else refused with the two days it could be.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

MISSING = frozenset({"", "-", "--", "–", "—", "n/a", "na", "null", "none"})
#: Currency signs and codes a figure may carry before or after it: nothing else.
_SIGNS = r"(?:[A-Z]{0,2}[$€£¥₹₩₽₺¢₱₪₫]|[A-Z]{3}|kr|zł|Fr\.?|CHF)"
_CURRENCY = re.compile(rf"^{_SIGNS}\s?|\s?{_SIGNS}$")
_FORMULA = re.compile(r"^[=@]|^[+\-][^\d.,(\s]")
#: Google Trends writes "<1" for an interest below one.
_BELOW_ONE = "<1"
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA_HINT = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+,\d+|\d+,\d{1,2})%?$")


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


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
        if not self.decimal_comma and "_" not in text:
            try:
                value = float(text)
            except ValueError:
                pass
            else:
                if math.isfinite(value):
                    return value
                raise CellError(f"'{_short(text)}', which is not a figure")
        return self._slow(text)

    def _slow(self, text: str) -> float | None:
        if text.lower() in MISSING:
            return None
        if _FORMULA.match(text):
            raise CellError(f"'{_short(text)}', a spreadsheet formula, not a figure")
        if text == _BELOW_ONE:
            return 0.0
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
        if not _PLAIN_NUMBER.match(cleaned):
            raise CellError(f"'{_short(text)}', which is not a number") from None
        value = float(cleaned)
        if not math.isfinite(value):
            raise CellError(f"'{_short(text)}', which is not a figure")
        value = -value if negative else value
        return value / 100 if percent else value


def looks_decimal_comma(cells: Iterable[object]) -> bool:
    """True when the sample writes decimals with a comma (``12,5`` or ``1.234,56``)."""
    return any(isinstance(c, str) and _DECIMAL_COMMA_HINT.match(c.strip()) for c in cells)


# Formats tried in order. The numeric ones come in two families, month first and day
# first, and a column is read in one of them only: never one row each way.
_ISO = "iso"
_MONTH_FIRST = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%m/%d/%y %H:%M",
                "%m/%d/%y")
_DAY_FIRST = (*(f.replace("%m/%d", "%d/%m") for f in _MONTH_FIRST),
              "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%y")  # nobody writes the month first with dots
_OTHER = ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y%m%d%H", "%Y%m%d", "%Y/%m/%d %H:%M",
          "%Y/%m/%d", "%Y-%m", "%b %d, %Y %I:%M %p", "%b %d, %Y %H:%M", "%b %d, %Y", "%B %d, %Y",
          "%d %b %Y %H:%M", "%d %b %Y", "%d %B %Y", "%d-%b-%Y %I:%M%p", "%d-%b-%Y %H:%M",
          "%d-%b-%Y", "%d-%b-%y", "%a, %d %b %Y %H:%M:%S %z", "%d %b, %Y")
_NEUTRAL = (_ISO, *_OTHER)

DAY_FIRST = "day first"
MONTH_FIRST = "month first"
_FAMILIES = {MONTH_FIRST: _MONTH_FIRST, DAY_FIRST: _DAY_FIRST}
_ORDER_OF = {**dict.fromkeys(_MONTH_FIRST, MONTH_FIRST), **dict.fromkeys(_DAY_FIRST, DAY_FIRST)}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
#: Milliseconds since 1970 (2001-09-09 to 2286): thirteen digits, never a date written out.
_EPOCH_MILLISECONDS = re.compile(r"^[1-9]\d{12}$")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.])")


def _other_way(order: str) -> str:
    return DAY_FIRST if order == MONTH_FIRST else MONTH_FIRST


def order_in(texts: Iterable[object]) -> str | None:
    """The day/month order that dates written in free text show (``13/03/2026``: day
    first), or None when none settles it or they disagree."""
    found = set()
    for text in texts:
        if not isinstance(text, str):
            continue
        for first, separator, second, year in _NUMERIC_DATE.findall(text):
            first_n, second_n = int(first), int(second)
            if separator == ".":
                if len(year) == 4 and 1 <= first_n <= 31 and 1 <= second_n <= 12:
                    found.add(DAY_FIRST)
            elif 12 < first_n <= 31 and 1 <= second_n <= 12:
                found.add(DAY_FIRST)
            elif 12 < second_n <= 31 and 1 <= first_n <= 12:
                found.add(MONTH_FIRST)
    return found.pop() if len(found) == 1 else None


def _has_time(fmt: str, value: datetime) -> bool:
    if fmt == _ISO:
        return value.time() != time(0) or value.tzinfo is not None
    return "%H" in fmt or "%I" in fmt


def _day(value: datetime) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]}"


class AmbiguousDateError(CellError):
    """A date that reads as two days (``03/04/2026``) where nothing says which is meant."""


class DateReader:
    """Reads one column's dates, in one day/month order for the whole column.

    The format is chosen from the first values; a value it does not fit is tried
    against the others, but never against the opposite day/month order. The order
    is settled by the column itself: the first date whose first part is over 12 is
    day first (``13/03/2026``), whose second part is, month first (``03/13/2026``);
    a date that then has the other order is refused. Until the column settles it, a
    date that reads both ways (``03/04/2026``) is read in ``day_first``'s order (what
    the rest of the file says: ``True``, ``False``, or ``None`` for nothing), or, when
    nothing says, refused as ambiguous. When a later date settles the order after
    such dates were refused or read the other way, ``needs_second_reading`` is true:
    read the column again with ``DateReader(sample, order=reader.order, ...)``.

    Times with an offset (``18:50 +0000``) are turned into the team's wall-clock
    time, the way every metric time is stored. Returns ``(when, has_time)``.
    """

    def __init__(self, sample: Iterable[object], *, day_first: bool | None = None,
                 order: str | None = None, evidence: str = "", timezone: str = "UTC") -> None:
        self._zone = ZoneInfo(timezone)
        self.hint = None if day_first is None else DAY_FIRST if day_first else MONTH_FIRST
        self.order = order  # settled for the whole column
        self.evidence = evidence  # the date that settled it
        self.unsure = 0  # dates refused as ambiguous while the order was open
        self._guessed: set[str] = set()  # orders dates were read in on the hint alone
        texts = [str(c).strip() for c in sample
                 if c is not None and not isinstance(c, (date, datetime)) and str(c).strip()]
        for text in texts:  # the first rows may settle the order before any row is read
            if self.order is None:
                fits = self._families(text)
                if len(fits) == 1:
                    self.order, self.evidence = next(iter(fits)), text
        self._format = next((f for f in self._formats() if all(self._fits(f, t) for t in texts)),
                            _ISO)

    @property
    def needs_second_reading(self) -> bool:
        """The order was settled only after some dates were refused or read the other way."""
        return self.order is not None and (
            self.unsure > 0 or any(order != self.order for order in self._guessed))

    def _formats(self) -> tuple[str, ...]:
        first = self.order or self.hint or MONTH_FIRST
        if self.order is not None:
            return (*_NEUTRAL, *_FAMILIES[first])
        return (*_NEUTRAL, *_FAMILIES[first], *_FAMILIES[_other_way(first)])

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

    @staticmethod
    def _first_fit(formats: tuple[str, ...], text: str) -> tuple[str, datetime] | None:
        for fmt in formats:
            try:
                return fmt, DateReader._parse(fmt, text)
            except ValueError:
                continue
        return None

    @staticmethod
    def _families(text: str) -> dict[str, tuple[str, datetime]]:
        """The numeric readings of a text, by order; none for a text another format reads."""
        if DateReader._first_fit(_NEUTRAL, text) is not None:
            return {}
        fits = {order: DateReader._first_fit(formats, text)
                for order, formats in _FAMILIES.items()}
        return {order: fit for order, fit in fits.items() if fit is not None}

    def __call__(self, cell: object) -> tuple[datetime, bool]:
        if isinstance(cell, datetime):
            return self._local(cell), cell.time() != time(0)
        if isinstance(cell, date):
            return datetime.combine(cell, time(0)), False
        text = "" if cell is None else str(cell).strip()
        if not text:
            raise CellError("the date is empty")
        fmt = self._format
        try:
            value = self._parse(fmt, text)
        except ValueError:
            return self._slow(text)
        order = _ORDER_OF.get(fmt)
        if order is None or order == self.order:
            return self._local(value), _has_time(fmt, value)
        return self._unsettled(text, fmt, value, order)

    def _slow(self, text: str) -> tuple[datetime, bool]:
        if _EPOCH_MILLISECONDS.match(text):  # Talkwalker's ``published``: UTC, in ms
            return self._local(datetime.fromtimestamp(int(text) / 1000, UTC)), True
        found = self._first_fit(_NEUTRAL, text)
        if found is not None:
            fmt, value = found
            return self._local(value), _has_time(fmt, value)
        fits = {order: fit for order, fit in
                ((order, self._first_fit(formats, text)) for order, formats in _FAMILIES.items())
                if fit is not None}
        if not fits:
            raise CellError(f"'{text}' is not a date that can be read; write it like 2026-03-31")
        if self.order is not None:
            if self.order not in fits:
                raise CellError(
                    f"'{text}' has the {_other_way(self.order)}, but the other dates in this "
                    f"column have the {self.order} (like '{self.evidence}')")
            fmt, value = fits[self.order]
            self._format = fmt
            return self._local(value), _has_time(fmt, value)
        if len(fits) == 1:
            order, (fmt, value) = next(iter(fits.items()))
        else:
            order = self.hint or MONTH_FIRST
            fmt, value = fits[order]
        return self._unsettled(text, fmt, value, order)

    def _unsettled(self, text: str, fmt: str, value: datetime,
                   order: str) -> tuple[datetime, bool]:
        """A numeric date read in ``order`` while the column has not settled the order."""
        if value.day > 12 or "." in fmt:
            self.order, self.evidence, self._format = order, text, fmt  # only one way to read it
        elif value.day != value.month:  # 03/04/2026: the 3rd of April, or the 4th of March
            if self.hint is None:
                self.unsure += 1
                swapped = value.replace(day=value.month, month=value.day)
                first, second = (value, swapped) if order == DAY_FIRST else (swapped, value)
                raise AmbiguousDateError(
                    f"the date {text} could be {_day(first)} or {_day(second)}; nothing in the "
                    "file says whether the day or the month comes first, so write the dates "
                    f"like {first:%Y-%m-%d} (or {second:%Y-%m-%d})")
            if order != self.hint:
                value = value.replace(day=value.month, month=value.day)
            self._guessed.add(self.hint)
        return self._local(value), _has_time(fmt, value)

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
