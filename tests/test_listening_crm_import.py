"""Listening: opportunities from a CRM's export (Salesforce, HubSpot), matched to accounts
by CRM reference or name, updating the opportunities reps opened from signals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db import models as m
from db.enums import Department
from desktop import stories
from desktop.importing import ImportProblemsError
from desktop.listening import accounts
from desktop.listening.crm_import import CrmColumns, import_opportunities, save_mapping
from desktop.stories import CustomerInput

FIXTURES = Path(__file__).parent / "fixtures" / "listening"


@pytest.fixture
def known(uow, team):
    rep = team[Department.SALES]
    acme = stories.create_customer(uow, CustomerInput("Acme Robotics", rep.id))
    bright = stories.create_customer(uow, CustomerInput("Brightwater Clinics", rep.id))
    accounts.set_account(uow, acme.id, stories.get_customer(uow, acme.id).version,
                         kind="customer", crm_ref="0015X00001")
    return acme, bright


def test_salesforce_rows_update_a_reps_opportunity_and_add_the_others(uow, known) -> None:
    acme, bright = known
    with uow.write() as session:
        session.add(m.Opportunity(customer_id=acme.id, reference="006Qy00000ABc01",
                                  amount=40_000, stage="proposal"))
    result = import_opportunities(uow, FIXTURES / "salesforce_opportunities.csv")
    assert (result.added, result.updated, result.won) == (1, 1, 1)
    by_ref = {o.reference: o for o in accounts.list_opportunities(uow)}
    won = by_ref["006Qy00000ABc01"]
    assert (won.amount, won.stage, won.won_on, won.won_amount) == (
        48_000, "Closed Won", date(2026, 11, 28), 48_000)
    open_one = by_ref["006Qy00000ABc02"]
    assert (open_one.customer_id, open_one.won_on) == (bright.id, None)


def test_an_unknown_account_is_reported_by_line_and_nothing_is_imported(uow, known) -> None:
    with pytest.raises(ImportProblemsError, match="line 3") as raised:
        import_opportunities(uow, FIXTURES / "hubspot_deals.csv")
    assert "Nobody Known GmbH" in str(raised.value)
    assert accounts.list_opportunities(uow) == []
    result = import_opportunities(uow, FIXTURES / "hubspot_deals.csv", good_rows_only=True)
    assert (result.added, result.won) == (1, 1)


def test_a_saved_mapping_reads_a_crm_that_names_columns_its_own_way(uow, known,
                                                                   tmp_path) -> None:
    export = tmp_path / "crm.csv"
    export.write_text("Ref;Kunde;Betrag;Phase;Abschluss\nK-1;Acme Robotics;9.500,00;Gewonnen (won);"
                      "03.11.2026\n", encoding="utf-8")
    with pytest.raises(Exception, match="not an export of opportunities"):
        import_opportunities(uow, export)
    save_mapping(uow, CrmColumns(reference="Ref", account_ref="", account_name="Kunde",
                                 amount="Betrag", stage="Phase", closed_on="Abschluss"))
    result = import_opportunities(uow, export)
    assert result.added == 1
    opportunity, = accounts.list_opportunities(uow)
    assert (opportunity.amount, opportunity.won_on) == (9_500, date(2026, 11, 3))


def test_a_won_row_without_a_close_date_counts_as_won_and_a_later_lost_undoes_it(
        uow, known, tmp_path) -> None:
    export = tmp_path / "deals.csv"
    export.write_text("Opportunity ID,Account Name,Amount,Stage\n"
                      "D-1,Acme Robotics,9000,Closed Won\n", encoding="utf-8")
    result = import_opportunities(uow, export, today=date(2026, 12, 3))
    opportunity, = accounts.list_opportunities(uow)
    assert result.won == 1
    assert (opportunity.won_on, opportunity.won_amount) == (date(2026, 12, 3), 9000)
    export.write_text("Opportunity ID,Account Name,Amount,Stage\n"
                      "D-1,Acme Robotics,9000,Closed Lost\n", encoding="utf-8")
    import_opportunities(uow, export, today=date(2026, 12, 4))
    opportunity, = accounts.list_opportunities(uow)
    assert (opportunity.stage, opportunity.won_on, opportunity.won_amount) == (
        "Closed Lost", None, None)
