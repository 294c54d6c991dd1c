"""Brå's national overview: a row for every county, counted by the rules of the annual report, with the
last bundle each county sent and a flag for those that sent nothing in the year."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.batch import import_files
from bra_desktop.domain.models import BundleReceipt
from bra_desktop.reports.figures import county_overview, year_figures
from bra_desktop.reports.national import CountyStatus, national_overview

from conftest import add, tombstone
from test_report_figures import create

TODAY = date(2026, 6, 30)


def receipt(register, producer, created, processed=None, *, direction="import", undone=False):
    with register.session() as session:
        session.add(BundleReceipt(
            bundle_id=f"{producer}-{created.isoformat()}", direction=direction, producer=producer,
            file_sha256="0" * 64, created_at=created, processed_at=processed or created, undone=undone))
        session.commit()


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def overview(register, year=2026, today=TODAY) -> dict[str, CountyStatus]:
    with register.session() as session:
        return {row.code: row for row in national_overview(session, year, today=today)}


@pytest.fixture
def national(make_register):
    """Brå's register with records of Stockholm, Uppsala and Norrbotten, and Brå's own."""
    bra = make_register("BRA")
    create(bra, "activity", "01")
    create(bra, "activity", "01", start_date=date(2026, 9, 1))
    create(bra, "activity", "01", start_date=date(2025, 9, 1))  # the year before
    create(bra, "activity", "01", status="INSTALLD")  # cancelled: never counts
    gone = create(bra, "activity", "01", start_date=date(2026, 2, 2))
    tombstone(bra, "activity", gone.id)
    create(bra, "activity", "03")
    create(bra, "activity", "BRA", start_date=date(2026, 10, 1))  # Brå's own: in no county's row
    create(bra, "commitment", "01", due_date=date(2026, 2, 1), status="FORSENAT")  # open and overdue
    create(bra, "commitment", "01", due_date=date(2026, 12, 1))  # open, not yet due
    create(bra, "commitment", "01", due_date=date(2026, 1, 1), status="KLART")  # closed
    create(bra, "commitment", "01", due_date=date(2026, 1, 1), status="AVBRUTET")  # closed
    create(bra, "problem_area", "03", first_observed=date(2026, 4, 1))
    create(bra, "problem_area", "03", category="GEOGRAFISKT", first_observed=date(2026, 5, 1))
    create(bra, "problem_area", "03", first_observed=date(2025, 4, 1))  # an old one
    create(bra, "problem_area", "25", first_observed=date(2020, 1, 1))
    return bra


def test_every_county_has_a_row_in_code_order(national):
    rows = overview(national)
    assert len(rows) == 21
    assert list(rows) == sorted(rows)
    assert rows["01"].name == "Stockholms län" and rows["25"].name == "Norrbottens län"
    quiet = rows["14"]  # Västra Götaland: nothing at all
    assert (quiet.activities, quiet.open_commitments, quiet.overdue_commitments, quiet.new_problem_areas) == (0, 0, 0, 0)
    assert quiet.last_bundle_created_at is None and quiet.days_since_last_bundle is None
    assert not quiet.sent_this_year


def test_counts_follow_the_rules_of_the_annual_report(national):
    rows = overview(national)
    stockholm, uppsala, norrbotten = rows["01"], rows["03"], rows["25"]
    assert stockholm.activities == 2  # not the year before's, the cancelled or the deleted one
    assert (stockholm.open_commitments, stockholm.overdue_commitments) == (2, 1)
    assert uppsala.activities == 1
    assert uppsala.new_problem_areas == 2  # a new phenomenon and a new geographical problem area
    assert norrbotten.new_problem_areas == 0
    assert sum(row.activities for row in rows.values()) == 3  # Brå's own activity is in no county
    # The same numbers as the annual report's row per county.
    with national.session() as session:
        report = {item.county: item for item in county_overview(session, 2026, today=TODAY)}
        for code, item in report.items():
            assert rows[code].activities == item.activities
            assert rows[code].overdue_commitments == len(item.overdue_commitments)
        every = {item.county: item for item in county_overview(session, 2026, today=TODAY, every_county=True)}
        assert list(every) == list(rows)
        for code, item in every.items():
            assert item == year_figures(session, 2026, code, today=TODAY)
    # A year on, the 2025 problem area is old news and the 2026 ones are not new either.
    assert overview(national, 2025)["03"].new_problem_areas == 1
    assert overview(national, 2027)["03"].new_problem_areas == 0


def test_new_problem_areas_include_every_category_and_new_phenomena_only_theirs(national):
    with national.session() as session:
        uppsala = year_figures(session, 2026, "03", today=TODAY)
    assert [item.title for item in uppsala.new_problem_areas] == ["Problem", "Problem"]
    assert len(uppsala.new_phenomena) == 1
    assert uppsala.new_phenomena[0] == uppsala.new_problem_areas[0]  # first observed in April, before May


def test_open_commitments_are_those_not_done_or_stopped(national):
    with national.session() as session:
        stockholm = year_figures(session, 2026, "01", today=TODAY)
    assert stockholm.commitments == 4 and stockholm.open_commitments == 2


def test_the_last_bundle_and_its_age(national):
    receipt(national, "01", at(date(2026, 1, 15)))
    receipt(national, "01", at(date(2026, 5, 31)), at(date(2026, 6, 2)))  # the newest
    receipt(national, "01", at(date(2026, 3, 1)), at(date(2026, 6, 20)))  # an older one, read in later
    receipt(national, "03", at(date(2025, 11, 20)))  # last year only
    receipt(national, "25", at(date(2026, 6, 29)), undone=True)  # undone: as if never read in
    receipt(national, "12", at(date(2026, 4, 1)), direction="export")  # not from Skåne
    receipt(national, "BRA", at(date(2026, 4, 1)))
    rows = overview(national)
    stockholm = rows["01"]
    assert stockholm.last_bundle_created_at == at(date(2026, 5, 31))
    assert stockholm.last_bundle_received_at == at(date(2026, 6, 2))
    assert stockholm.days_since_last_bundle == 30 and stockholm.sent_this_year
    uppsala = rows["03"]
    assert uppsala.last_bundle_created_at == at(date(2025, 11, 20))
    assert uppsala.days_since_last_bundle == (TODAY - date(2025, 11, 20)).days
    assert not uppsala.sent_this_year
    assert overview(national, 2025)["03"].sent_this_year
    assert rows["25"].last_bundle_created_at is None and not rows["25"].sent_this_year
    assert rows["12"].last_bundle_created_at is None
    assert [code for code, row in rows.items() if row.sent_this_year] == ["01"]


def test_a_county_bundle_read_in_counts_as_sent(national, make_register, tmp_path):
    uppsala = make_register("03")
    add(uppsala, "activity", title="Uppsalas nätverksträff", start_date=date(2026, 2, 2))
    exported = export_bundle(uppsala, tmp_path / "out", user="ulla")
    [outcome] = import_files(national, [exported.path], user="bo")
    assert outcome.imported, outcome.text
    this_year = date.today().year
    row = overview(national, this_year, today=date.today())["03"]
    assert row.sent_this_year and row.days_since_last_bundle == 0
    assert row.last_bundle_created_at is not None and row.last_bundle_created_at.tzinfo is not None
    assert overview(national, 2026)["03"].activities == 2  # the bundle's activity and the one made here


def test_each_countys_row_says_how_its_municipalities_meet_the_law(national, make_register, tmp_path):
    uppsala = make_register("03")
    add(uppsala, "follow_up", municipality_code="0380", year=2026)  # Uppsala: everything in place
    add(uppsala, "follow_up", municipality_code="0381", year=2026, plan_status="UNDER_ARBETE")  # Enköping
    add(uppsala, "follow_up", municipality_code="0382", year=2025)  # Östhammar: last year only
    [outcome] = import_files(national, [export_bundle(uppsala, tmp_path / "out", user="ulla").path], user="bo")
    assert outcome.imported, outcome.text
    rows = overview(national, 2026)
    law = rows["03"].law
    assert (law.municipalities, law.followed_up, law.met["plan_status"], law.lacking("plan_status")) == (8, 2, 1, 1)
    assert rows["01"].law.municipalities == 26 and rows["01"].law.followed_up == 0
