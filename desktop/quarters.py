"""Quarters as the team names them: ``2026-Q3``."""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop.errors import ValidationError

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def parse_quarter(text: str) -> tuple[int, int]:
    match = _QUARTER.match(text.strip())
    if not match:
        raise ValidationError(
            f"'{text}' is not a quarter; write it like 2026-Q3.", field="quarter"
        )
    return int(match.group(1)), int(match.group(2))


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def shift_quarter(quarter: str, steps: int) -> str:
    year, number = parse_quarter(quarter)
    index = year * 4 + (number - 1) + steps
    return f"{index // 4}-Q{index % 4 + 1}"


def next_quarter(quarter: str) -> str:
    return shift_quarter(quarter, 1)


def previous_quarter(quarter: str) -> str:
    return shift_quarter(quarter, -1)


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of the quarter."""
    year, number = parse_quarter(quarter)
    start = date(year, 3 * (number - 1) + 1, 1)
    following = date(year + (number == 4), (3 * number) % 12 + 1, 1)
    return start, following - timedelta(days=1)
