"""Each municipality's standing under the law (reports/municipalities.py): what the Kommuner
section, Översikt and the annual report count."""

from __future__ import annotations

from datetime import date

import pytest

from bra_desktop.reports.municipalities import follow_up_years, municipality_records, standings, summary
from conftest import add, tombstone

pytestmark = pytest.mark.usefixtures("database_engine")

TODAY = date(2026, 6, 15)


def rows_of(register, year, county="01"):
    with register.session() as session:
        return {row.code: row for row in standings(session, year, county, today=TODAY)}


def test_every_municipality_of_the_county_is_a_row_followed_up_or_not(register):
    add(register, "follow_up", municipality_code="0180", year=2026, plan_status="UNDER_ARBETE",
        plan_decided_on=None, situation_date=date(2026, 3, 1))
    add(register, "follow_up", municipality_code="0184", year=2026)
    add(register, "follow_up", municipality_code="0127", year=2025)  # last year only
    rows = rows_of(register, 2026)
    assert len(rows) == 26 and all(row.county == "01" and row.county_name == "Stockholms län" for row in rows.values())
    assert list(rows)[:2] == ["0127", "0162"]  # Botkyrka, Danderyd: by name
    stockholm, solna, botkyrka = rows["0180"], rows["0184"], rows["0127"]
    assert stockholm.lacks("plan_status") and not stockholm.has("plan_status") and stockholm.has("situation_status")
    assert stockholm.situation_date == date(2026, 3, 1)
    assert stockholm.status_labels == {"coordination_status": "Finns", "situation_status": "Klar", "plan_status": "Under arbete"}
    assert set(botkyrka.status_labels.values()) == {"ej uppföljd"}
    assert solna.has("plan_status") and not solna.lacks("plan_status")
    assert not botkyrka.followed_up and not botkyrka.lacks("plan_status") and not botkyrka.has("plan_status")
    assert botkyrka.earlier_follow_up_id is not None and stockholm.earlier_follow_up_id is None
    counted = summary(list(rows.values()))
    assert (counted.municipalities, counted.followed_up, counted.met["plan_status"], counted.lacking("plan_status")) == (26, 2, 1, 1)


def test_a_deleted_follow_up_is_no_follow_up(register):
    record = add(register, "follow_up", municipality_code="0180", year=2026)
    tombstone(register, "follow_up", record.id)
    assert not rows_of(register, 2026)["0180"].followed_up


def test_support_is_the_years_activities_that_name_the_municipality(register):
    add(register, "activity", activity_type="PROCESSSTOD", start_date=date(2026, 2, 1), municipalities=["0180", "0184"])
    add(register, "activity", activity_type="PROCESSSTOD", start_date=date(2025, 12, 1), end_date=date(2026, 1, 20),
        municipalities=["0180"])  # overlaps the year
    add(register, "activity", activity_type="KONFERENS", start_date=date(2026, 9, 1), municipalities=["0180"])
    add(register, "activity", activity_type="KONFERENS", start_date=date(2026, 4, 1), status="INSTALLD",
        municipalities=["0180"])
    add(register, "activity", activity_type="DIALOG", start_date=date(2025, 5, 1), municipalities=["0180"])
    deleted = add(register, "activity", activity_type="DIALOG", start_date=date(2026, 5, 1), municipalities=["0180"])
    tombstone(register, "activity", deleted.id)
    rows = rows_of(register, 2026)
    assert rows["0180"].support == {"PROCESSSTOD": 2, "KONFERENS": 1} and rows["0180"].supported == 3
    assert rows["0180"].last_contact == date(2026, 2, 1)  # the September conference has not been yet
    assert rows["0184"].support == {"PROCESSSTOD": 1} and rows["0127"].support == {}
    assert summary(list(rows.values())).supported == 2


def test_the_last_contact_is_found_however_long_ago_and_not_in_another_county(register):
    add(register, "activity", start_date=date(2026, 5, 2), municipalities=["0180"])
    add(register, "activity", start_date=date(2023, 3, 1), municipalities=["0184", "0180"])  # years before
    add(register, "activity", start_date=date(2024, 1, 9), status="INSTALLD", municipalities=["0184"])
    late = add(register, "activity", start_date=date(2026, 6, 1), municipalities=["0184"])
    tombstone(register, "activity", late.id)
    add(register, "activity", start_date=date(2026, 1, 1), municipalities=["0380"])  # Uppsala
    rows = rows_of(register, 2026)
    assert rows["0180"].last_contact == date(2026, 5, 2) and rows["0184"].last_contact == date(2023, 3, 1)
    assert rows["0127"].last_contact is None and "0380" not in rows
    everywhere = rows_of(register, 2026, county=None)
    assert everywhere["0380"].last_contact == date(2026, 1, 1) and everywhere["0184"].last_contact == date(2023, 3, 1)


def test_the_whole_country_has_every_municipality_in_county_order(make_register):
    bra = make_register("BRA")
    rows = list(rows_of(bra, 2026, county=None).values())
    assert len(rows) == 290 and [row.county for row in rows] == sorted(row.county for row in rows)


def test_the_years_run_from_the_law_to_this_year_or_a_later_one_followed_up(register):
    with register.session() as session:
        assert follow_up_years(session, TODAY) == [2026, 2025, 2024, 2023]
    add(register, "follow_up", municipality_code="0180", year=2027)
    with register.session() as session:
        assert follow_up_years(session, TODAY) == [2027, 2026, 2025, 2024, 2023]


def test_a_municipalitys_records_are_its_activities_of_the_year_and_what_is_tied_to_it(register):
    org = add(register, "organisation", name="Solna stad", org_type="KOMMUN", municipality_code="0184")
    visit = add(register, "activity", title="Kommunbesök", start_date=date(2026, 3, 1), municipalities=["0184"])
    add(register, "activity", title="Förra året", start_date=date(2025, 3, 1), municipalities=["0184"])
    add(register, "activity", title="Annan kommun", start_date=date(2026, 3, 1), municipalities=["0180"])
    by_activity = add(register, "commitment", title="Via aktiviteten", activities=[visit.id])
    by_org = add(register, "commitment", title="Via organisationen", responsible_org_id=org.id)
    add(register, "commitment", title="Inte kopplat")
    problem = add(register, "problem_area", title="Bedrägerier", municipalities=["0184", "0180"])
    add(register, "problem_area", title="Annat", municipalities=["0180"])
    with register.session() as session:
        found = municipality_records(session, "0184", 2026)
    assert [r.title for r in found["activity"]] == ["Kommunbesök"] and found["activity"][0].id == visit.id
    assert {r.id for r in found["commitment"]} == {by_activity.id, by_org.id}
    assert [r.id for r in found["problem_area"]] == [problem.id]


def test_every_countys_report_names_every_municipality_of_it(make_register):
    """The redovisning of every county, and Brå's of the whole country, names each of its
    municipalities (none folded into "övriga"), with activities or without."""
    from bra_desktop.reports.figures import year_figures
    from bra_desktop.reports.year_document import Paragraph, Table, year_document
    from bra_desktop.domain.models import Municipality
    from sqlalchemy import select

    bra = make_register("BRA")
    with bra.session() as session:
        skane = session.scalars(select(Municipality.code).where(Municipality.county_code == "12")).all()
    add(bra, "activity", start_date=date(2026, 2, 1), municipalities=skane)  # more than a folded table would show
    with bra.session() as session:
        places = session.execute(select(Municipality.name, Municipality.county_code)).all()
        counties = sorted({county for _name, county in places})
        for county in [*counties, None]:
            document = year_document(year_figures(session, 2026, county, today=TODAY), TODAY)
            texts = [cell for block in document.blocks if isinstance(block, Table) for row in block.rows for cell in row]
            texts += [block.text for block in document.blocks if isinstance(block, Paragraph)]
            shown = " ".join(texts)
            missing = [name for name, code in places if (county is None or code == county) and name not in texts]
            assert not missing and "Övriga" not in shown, (county, missing)
