"""Opportunities from a CRM's export, so a signal's outcome can be followed to the deal.

The file is read as every export is (``desktop.importing.reading``); its columns are
found by name, normalised for case and punctuation, from the names Salesforce and
HubSpot write (``CRM_COLUMNS``) or from the mapping the team saved (the team setting
``listening_crm_mapping``, JSON of role to column). A row's account is the account
with that CRM reference, or else that name. A reference already stored (an
opportunity a rep opened by closing a signal) is brought up to date: amount, stage,
and when its stage says won, the day and amount won (the day of the import when the
export has no close date), or, when it says lost, no longer won; any other row adds an
opportunity. A row that names no known account, or a figure that is not one, is
reported with its line, and nothing is imported unless the good rows alone are asked
for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db import models as m
from db.unit_of_work import UnitOfWork
from desktop.errors import ValidationError
from desktop.importing.importer import ImportProblemsError, RowProblem
from desktop.importing.mapping import find_column
from desktop.importing.reading import inspect_export, is_summary_row, iter_rows
from desktop.importing.values import CellError, DateReader, NumberReader, looks_decimal_comma
from desktop.team_settings import get_setting, set_setting, team_timezone

MAPPING_KEY = "listening_crm_mapping"


@dataclass(frozen=True)
class CrmColumns:
    """Which column holds each part of an opportunity; ``a|b`` takes the first there."""

    reference: str = "Opportunity ID|Opportunity Id|Deal ID|Record ID|Opportunity Name|Deal Name"
    account_ref: str = "Account ID|Account Id|Company ID|Associated Company ID"
    account_name: str = "Account Name|Account|Company|Company Name|Associated Company"
    amount: str = "Amount|Deal Amount|Opportunity Amount|Value"
    stage: str = "Stage|Deal Stage|Opportunity Stage|Status"
    closed_on: str = "Close Date|Closed Date|Won On|Closed Won Date"
    won_amount: str = "Won Amount|Closed Won Amount"


CRM_COLUMNS = CrmColumns()


@dataclass(frozen=True)
class CrmImportResult:
    file_name: str
    added: int
    updated: int
    won: int
    skipped: tuple[RowProblem, ...] = ()


def saved_mapping(uow: UnitOfWork) -> CrmColumns:
    """The team's saved columns, over the names the CRMs write."""
    text = get_setting(uow, MAPPING_KEY)
    if not text:
        return CRM_COLUMNS
    known = {f.name for f in fields(CrmColumns)}
    saved = {k: str(v) for k, v in json.loads(text).items() if k in known and v}
    return replace(CRM_COLUMNS, **saved)


def save_mapping(uow: UnitOfWork, columns: CrmColumns) -> None:
    set_setting(uow, MAPPING_KEY, json.dumps({f.name: getattr(columns, f.name)
                                              for f in fields(CrmColumns)}))


def _is_won(stage: str) -> bool:
    words = stage.casefold()
    return "won" in words and "lost" not in words


def is_lost(stage: str) -> bool:
    """Whether a CRM stage says the deal was lost ("Closed Lost"), so it is no pipeline."""
    return "lost" in stage.casefold()


def import_opportunities(uow: UnitOfWork, path: Path, *, good_rows_only: bool = False,
                         columns: CrmColumns | None = None,
                         today: date | None = None) -> CrmImportResult:
    layout = inspect_export(Path(path))
    name = layout.path.name
    columns = columns or saved_mapping(uow)
    index = {f.name: (layout.header.index(found) if (found := find_column(
        getattr(columns, f.name), layout.header)) else -1) for f in fields(CrmColumns)}
    if index["reference"] < 0 or (index["account_ref"] < 0 and index["account_name"] < 0):
        raise ValidationError(f"{name} is not an export of opportunities: it needs a column "
                              "for the opportunity's reference and one for its account.")
    closed = index["closed_on"]
    dates = DateReader([cells[closed] for _, cells in layout.sample if 0 <= closed < len(cells)],
                       timezone=team_timezone(uow))
    figures = [cells[i] for _, cells in layout.sample for i in (index["amount"],
                                                                index["won_amount"])
               if 0 <= i < len(cells)]
    numbers = NumberReader(looks_decimal_comma(figures))  # 9.500,00 in a German export
    today = today or datetime.now(ZoneInfo(team_timezone(uow))).date()
    problems: list[RowProblem] = []
    skipped: list[RowProblem] = []
    with uow.write() as session:
        by_ref = {c.crm_ref.casefold(): c for c in session.scalars(select(m.Customer))
                  if c.crm_ref}
        by_name = {c.name.casefold(): c for c in session.scalars(select(m.Customer))}
        stored = {o.reference.casefold(): o for o in session.scalars(select(m.Opportunity))
                  if o.reference}
        added = updated = won = 0

        def cell(cells, role: str) -> str:  # noqa: ANN001 - a row's cells
            at = index[role]
            return " ".join(str(cells[at]).split()) if 0 <= at < len(cells) and \
                cells[at] is not None else ""

        for line, cells in iter_rows(layout):
            if is_summary_row(cells):
                skipped.append(RowProblem(line, "a total or a note, not an opportunity"))
                continue
            reference = cell(cells, "reference")
            account = by_ref.get(cell(cells, "account_ref").casefold()) or by_name.get(
                cell(cells, "account_name").casefold())
            if not reference:
                problems.append(RowProblem(line, "it has no opportunity reference"))
                continue
            if account is None:
                problems.append(RowProblem(line, (
                    f"no account has the CRM reference '{cell(cells, 'account_ref')}' or the "
                    f"name '{cell(cells, 'account_name')}'")))
                continue
            try:
                amount = numbers(cell(cells, "amount")) or 0.0
                won_text = cell(cells, "won_amount")
                won_amount = numbers(won_text) if won_text else None
                when = dates(cell(cells, "closed_on"))[0].date() if cell(cells, "closed_on") \
                    else None
            except CellError as error:
                problems.append(RowProblem(line, str(error)))
                continue
            stage = cell(cells, "stage")[:60]
            is_won = _is_won(stage)
            row = stored.get(reference.casefold())
            if row is None:
                row = m.Opportunity(customer_id=account.id, reference=reference[:120])
                session.add(row)
                stored[reference.casefold()] = row
                added += 1
            else:
                updated += 1
            row.amount, row.stage = amount, stage or row.stage
            if is_won:  # without a close date, won on the day of the import, as the page says
                row.won_on = when or row.won_on or today
                row.won_amount = won_amount or amount
                won += 1
            elif is_lost(stage):
                row.won_on = row.won_amount = None
        if problems and not good_rows_only:
            raise ImportProblemsError(name, problems, len(problems), added + updated)
        if not (added or updated):
            raise ValidationError(f"{name} holds no opportunities to import.")
        session.flush()
        return CrmImportResult(name, added, updated, won, tuple(skipped))

