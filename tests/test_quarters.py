from datetime import date

import pytest

from desktop.errors import ValidationError
from desktop.quarters import next_quarter, previous_quarter, quarter_bounds, quarter_of


def test_quarter_arithmetic_crosses_years() -> None:
    assert next_quarter("2026-Q4") == "2027-Q1"
    assert previous_quarter("2026-Q1") == "2025-Q4"
    assert quarter_of(date(2026, 11, 22)) == "2026-Q4"


def test_quarter_bounds() -> None:
    assert quarter_bounds("2026-Q3") == (date(2026, 7, 1), date(2026, 9, 30))
    assert quarter_bounds("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize("text", ["2026-Q5", "Q3 2026", "2026Q3", ""])
def test_bad_quarters_are_explained(text: str) -> None:
    with pytest.raises(ValidationError, match="write it like 2026-Q3"):
        next_quarter(text)
