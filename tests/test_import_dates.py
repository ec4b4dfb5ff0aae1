"""Day and month in numeric dates: one order for the whole column, settled by the column
(a first part over 12 is a day), else by the rest of the file, else the rows are refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db import models as m
from desktop import importing
from desktop.importing import ColumnMapping, ImportRequest, Period
from desktop.importing.values import (
    DAY_FIRST,
    MONTH_FIRST,
    AmbiguousDateError,
    CellError,
    DateReader,
    order_in,
)

SIMPLE = ColumnMapping(timestamp="Date", channel="Channel", content="Title",
                       metrics=(("Impressions", "impressions"), ("Clicks", "clicks")))
HEADER = "Date,Channel,Title,Impressions,Clicks"


def _write(path: Path, dates: list[str], *, preamble: str = "", delimiter: str = ",") -> Path:
    header = HEADER.replace(",", delimiter)
    rows = [delimiter.join((d, "web", f"Post {i}", str(100 + i), "1"))
            for i, d in enumerate(dates)]
    path.write_text(preamble + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _days(uow) -> list[date]:
    with uow.read() as session:
        return [t.date() for t in session.scalars(
            select(m.MetricRecord.occurred_at).where(m.MetricRecord.metric == "clicks")
            .order_by(m.MetricRecord.source_row))]


UK_MARCH = [f"{day:02d}/03/2026" for day in range(1, 21) for _ in range(10)]  # 1-20 March
US_MARCH = [f"03/{day:02d}/2026" for day in range(1, 21) for _ in range(10)]
MARCH = [date(2026, 3, day) for day in range(1, 21) for _ in range(10)]


def test_a_uk_comma_file_whose_first_rows_are_ambiguous_is_read_day_first(uow, team,
                                                                           tmp_path) -> None:
    """The first 20 rows (1 and 2 March) read either way; 13/03/2026 settles it."""
    result = importing.run_import(uow, ImportRequest(_write(tmp_path / "uk.csv", UK_MARCH),
                                                     SIMPLE))
    assert result.problem_count == 0 and result.rows_imported == 200
    assert result.period == Period(date(2026, 3, 1), date(2026, 3, 20))
    assert _days(uow) == MARCH


def test_a_us_comma_file_is_read_month_first(uow, team, tmp_path) -> None:
    result = importing.run_import(uow, ImportRequest(_write(tmp_path / "us.csv", US_MARCH),
                                                     SIMPLE))
    assert result.period == Period(date(2026, 3, 1), date(2026, 3, 20))
    assert _days(uow) == MARCH


def test_a_column_that_reads_both_ways_is_refused_row_by_row(uow, team, tmp_path) -> None:
    path = _write(tmp_path / "ambiguous.csv", ["01/03/2026", "03/03/2026", "03/04/2026"])
    with pytest.raises(importing.ImportProblemsError) as caught:
        importing.run_import(uow, ImportRequest(path, SIMPLE))
    assert [str(p) for p in caught.value.problems] == [
        "line 2: Date: the date 01/03/2026 could be 1 March or 3 January; nothing in the file "
        "says whether the day or the month comes first, so write the dates like 2026-03-01 "
        "(or 2026-01-03)",
        "line 4: Date: the date 03/04/2026 could be 3 April or 4 March; nothing in the file "
        "says whether the day or the month comes first, so write the dates like 2026-04-03 "
        "(or 2026-03-04)"]
    assert caught.value.good_rows == 1  # 03/03/2026 is the 3rd of March either way
    result = importing.run_import(uow, ImportRequest(path, SIMPLE, good_rows_only=True))
    assert _days(uow) == [date(2026, 3, 3)] and [p.line for p in result.problems] == [2, 4]


def test_the_title_lines_of_the_file_settle_an_ambiguous_column(uow, team, tmp_path) -> None:
    path = _write(tmp_path / "titled.csv", ["01/03/2026", "03/04/2026"],
                  preamble="Results 01/03/2026 - 30/04/2026\n")
    importing.run_import(uow, ImportRequest(path, SIMPLE))
    assert _days(uow) == [date(2026, 3, 1), date(2026, 4, 3)]


def test_a_semicolon_file_reads_an_ambiguous_column_day_first(uow, team, tmp_path) -> None:
    path = _write(tmp_path / "de.csv", ["01/03/2026", "03/04/2026"], delimiter=";")
    importing.run_import(uow, ImportRequest(path, SIMPLE))
    assert _days(uow) == [date(2026, 3, 1), date(2026, 4, 3)]


def test_a_later_date_overrules_the_files_hint(uow, team, tmp_path) -> None:
    """Semicolons suggest day first, but 03/13/2026 can only be month first."""
    dates = ["03/01/2026"] * 30 + ["03/13/2026"]
    path = _write(tmp_path / "us_semicolons.csv", dates, delimiter=";")
    result = importing.run_import(uow, ImportRequest(path, SIMPLE))
    assert result.problem_count == 0
    assert _days(uow) == [date(2026, 3, 1)] * 30 + [date(2026, 3, 13)]


def test_a_date_in_the_other_order_is_refused_not_read_the_other_way(uow, team,
                                                                      tmp_path) -> None:
    path = _write(tmp_path / "mixed.csv", ["13/03/2026", "14/03/2026", "03/15/2026"])
    with pytest.raises(importing.ImportProblemsError) as caught:
        importing.run_import(uow, ImportRequest(path, SIMPLE))
    assert [str(p) for p in caught.value.problems] == [
        "line 4: Date: '03/15/2026' has the month first, but the other dates in this column "
        "have the day first (like '13/03/2026')"]


def test_the_reader_never_falls_back_to_the_other_order() -> None:
    reader = DateReader(["13/03/2026 09:00"])
    assert reader.order == DAY_FIRST
    assert reader("01/03/2026 10:30") == (datetime(2026, 3, 1, 10, 30), True)
    assert reader("02/03/2026") == (datetime(2026, 3, 2), False)  # another layout, same order
    assert reader("2026-03-04") == (datetime(2026, 3, 4), False)
    with pytest.raises(CellError, match="has the month first"):
        reader("03/14/2026")


def test_the_reader_settles_the_order_on_the_first_date_that_shows_it() -> None:
    reader = DateReader(["01/03/2026"])
    assert reader.order is None
    with pytest.raises(AmbiguousDateError, match="1 March or 3 January"):
        reader("01/03/2026")
    assert reader("05/05/2026")[0] == datetime(2026, 5, 5)  # the same day either way
    assert reader("03/20/2026")[0] == datetime(2026, 3, 20)
    assert reader.order == MONTH_FIRST and reader.needs_second_reading
    assert reader("01/03/2026")[0] == datetime(2026, 1, 3)
    with pytest.raises(CellError, match="has the day first"):
        reader("20/03/2026")


def test_the_files_hint_reads_ambiguous_dates_until_the_column_says_otherwise() -> None:
    reader = DateReader([], day_first=True)
    assert reader("01/03/2026")[0] == datetime(2026, 3, 1)
    assert not reader.needs_second_reading
    assert reader("25/03/2026")[0] == datetime(2026, 3, 25)
    assert not reader.needs_second_reading
    contradicted = DateReader([], day_first=True)
    contradicted("01/03/2026")
    assert contradicted("03/25/2026")[0] == datetime(2026, 3, 25)
    assert contradicted.order == MONTH_FIRST and contradicted.needs_second_reading
    second = DateReader([], order=contradicted.order, evidence=contradicted.evidence)
    assert second("01/03/2026")[0] == datetime(2026, 1, 3)


def test_dots_are_day_first() -> None:
    reader = DateReader(["03.02.2026 09:15"])
    assert reader.order == DAY_FIRST
    assert reader("04.02.2026 14:00")[0] == datetime(2026, 2, 4, 14, 0)


@pytest.mark.parametrize("texts,order", [
    (["Posts for the period 01/01/2026 - 03/31/2026"], MONTH_FIRST),
    (["Zeitraum 01.03.2026 - 31.03.2026"], DAY_FIRST),
    (["1 January 2026 - 31 January 2026", "version 1.2.3"], None),
    (["13/03/2026", "03/14/2026"], None),
    (["01/03/2026"], None),
])
def test_order_in_free_text(texts: list[str], order: str | None) -> None:
    assert order_in(texts) == order
