"""The networks of the redovisning: convener, members, cadence, the year's activities and commitments."""

from __future__ import annotations

from datetime import date

import pytest

from bra_desktop.domain import national_structure
from bra_desktop.reports.figures import year_figures
from bra_desktop.reports.year_document import Table, year_document
from conftest import add

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]

TODAY = date(2026, 6, 1)


@pytest.fixture
def county(register):
    register.start("01")
    return register


def names(count: int, register) -> list[str]:
    return [add(register, "organisation", name=f"Organisation {n}", org_type="KOMMUN").id for n in range(count)]


def lines(register, year=2026, county="01"):
    with register.session() as session:
        return year_figures(session, year, county, today=TODAY).networks


def test_a_countys_networks_with_convener_members_and_the_years_work(county):
    board = add(county, "organisation", name="Länsstyrelsen i Stockholms län", org_type="LANSSTYRELSE")
    police = add(county, "organisation", name="Polisregion Stockholm", org_type="POLIS")
    network = add(county, "network", name="Länsnätverket", convener_org_id=board.id,
                  members=[board.id, police.id], meeting_cadence="KVARTALSVIS", active_from=date(2020, 1, 1))
    add(county, "network", name="Nedlagt nätverk", active_to=date(2024, 12, 31))
    add(county, "activity", network_id=network.id, start_date=date(2026, 3, 12))
    add(county, "activity", network_id=national_structure.VIOLENCE, start_date=date(2026, 4, 2))
    add(county, "activity", network_id=network.id, start_date=date(2025, 3, 12))  # another year
    add(county, "commitment", network_id=network.id, status="PAGAR")
    add(county, "commitment", network_id=network.id, status="KLART")

    found = {line.name: line for line in lines(county)}
    assert list(found) == ["Operativt nätverk för våldsförebyggande arbete", "Länsnätverket"]  # Brå's first
    own = found["Länsnätverket"]
    assert (own.owner, own.convener, own.cadence) == ("Stockholms län", "Länsstyrelsen i Stockholms län", "Varje kvartal")
    assert own.members == ("Länsstyrelsen i Stockholms län", "Polisregion Stockholm")
    assert (own.activities, own.commitments, own.open_commitments) == (1, 2, 1)
    national = found["Operativt nätverk för våldsförebyggande arbete"]
    assert (national.owner, national.convener, national.activities) == ("Brå", "Brottsförebyggande rådet (Brå)", 1)


def test_the_whole_countrys_report_lists_bras_networks(county):
    assert {line.name for line in lines(county, county=None)} == {r.content["name"] for r in national_structure.NETWORKS}


def test_the_document_has_a_row_per_network_and_counts_large_memberships(county):
    network = add(county, "network", name="Samordnarnätverket", members=names(6, county))
    add(county, "activity", network_id=network.id, start_date=date(2026, 3, 12))
    with county.session() as session:
        document = year_document(year_figures(session, 2026, "01", today=TODAY), TODAY)
    [table] = [part for part in document.blocks if isinstance(part, Table) and part.header[0] == "Nätverk"
               and "Sammankallande" in part.header]
    assert ["Samordnarnätverket", "–", "6 organisationer", "–", "1", "0 (0)"] in table.rows
