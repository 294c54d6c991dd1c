"""A year's figures, checked against small hand-built registers whose answers are known."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest

from bra_desktop.domain.fields import KINDS
from bra_desktop.reports.figures import (
    NO_NETWORK,
    NO_SUBJECT_AREA,
    WHOLE_COUNTRY,
    Count,
    activities_by_month,
    available_years,
    county_overview,
    year_figures,
)
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record

import postgres
from conftest import add, tombstone

pytestmark = pytest.mark.both_engines


TODAY = date(2026, 6, 30)
STOCKHOLM_MUNICIPALITIES = 26
UPPSALA_MUNICIPALITIES = 8


def create(register, kind, origin, **content):
    """A record of another producer, as a bundle import would bring it."""
    defaults = {
        "activity": {"title": "Aktivitet", "activity_type": "NATVERKSTRAFF", "status": "GENOMFORD",
                     "start_date": date(2026, 3, 12)},
        "commitment": {"title": "Åtagande", "status": "PAGAR"},
        "problem_area": {"title": "Problem", "category": "NYTT_FENOMEN", "trend": "EJ_KANT", "status": "BEVAKAS"},
        "organisation": {"name": "Organisation", "org_type": "ANNAN"},
    }[kind]
    with register.session() as session:
        record = create_record(session, KINDS[kind], {**defaults, **content}, user="testare", origin=origin,
                               reference=load_reference(session))
        session.commit()
    return record


def figures(register, year=2026, county="01", today=TODAY):
    with register.session() as session:
        return year_figures(session, year, county, today=today)


def by_key(counts):
    return {item.key: item.value for item in counts}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_engine(request):
    """The engine of the registers this module builds once: `reports/figures.py` holds hand-written
    SQL, so every figure is checked on both (the PostgreSQL leg skipped as `database_engine` does)."""
    if request.param == "postgresql" and (reason := postgres.unavailable()):
        if postgres.REQUIRED:
            pytest.fail(f"PostgreSQL krävs men saknas: {reason}")
        pytest.skip(f"PostgreSQL-delen hoppas över: {reason}")
    return request.param


@contextmanager
def opened(tmp_path_factory, producer, engine):
    """A register of its own for a module's tests: they only read it, so it is built once."""
    from bra_desktop.store.register import open_register

    folder = tmp_path_factory.mktemp(f"register-{producer}")
    url = postgres.new_database() if engine == "postgresql" else f"sqlite:///{folder / 'register.sqlite'}"
    made = open_register(url, folder / "backups")
    made.set_producer(producer)
    try:
        yield made
    finally:
        made.close()
        if engine == "postgresql":
            postgres.drop_database(url)


@pytest.fixture(scope="module")
def stockholm(tmp_path_factory, module_engine):
    with opened(tmp_path_factory, "01", module_engine) as register:
        yield register, build_county(register)


@pytest.fixture
def county(stockholm):
    return stockholm[1]


@pytest.fixture
def register(stockholm):
    """The built register (the tests of an empty register use `empty`)."""
    return stockholm[0]


def build_county(register):
    """Stockholms län's register: activities of 2025 and 2026 with known counts (see each comment)."""
    made = {
        "alfa": add(register, "network", name="Alfanätverket"),
        "beta": add(register, "network", name="Betanätverket"),
        "police": add(register, "organisation", name="Polisen Syd", org_type="POLIS"),
        "city": add(register, "organisation", name="Solna stad", org_type="KOMMUN"),
        "gone": add(register, "organisation", name="Nedlagd förening", org_type="CIVILSAMHALLE"),
    }
    alfa, beta = made["alfa"].id, made["beta"].id
    police, city, gone = made["police"].id, made["city"].id, made["gone"].id
    made.update(
        # 2026: four activities count
        meeting=add(register, "activity", start_date=date(2026, 3, 12), network_id=alfa,
                    subject_areas=["UNGA", "VALD"], municipalities=["0180", "0184"], organisations=[police, city],
                    participants=20),
        training=add(register, "activity", activity_type="UTBILDNING", start_date=date(2026, 3, 20),
                     network_id=beta, subject_areas=["UNGA"], municipalities=["0180"], organisations=[city, gone],
                     participants=15),
        planned=add(register, "activity", activity_type="KONFERENS", status="PLANERAD",
                    start_date=date(2026, 11, 5), municipalities=["0114"]),
        # 2025 and 2026: counts in December 2025 and in January 2026
        new_year=add(register, "activity", activity_type="KONFERENS", start_date=date(2025, 12, 20),
                     end_date=date(2026, 1, 10), network_id=alfa, subject_areas=["TRYGGHET"],
                     municipalities=["0181"], participants=30),
        # left out: cancelled, tombstoned
        cancelled=add(register, "activity", status="INSTALLD", start_date=date(2026, 5, 5), network_id=alfa,
                      subject_areas=["VALD"], municipalities=["0186"], organisations=[police]),
        deleted=add(register, "activity", start_date=date(2026, 6, 1), network_id=beta,
                    subject_areas=["EKO"], municipalities=["0187"], organisations=[police], participants=99),
        # 2025 only
        visit=add(register, "activity", activity_type="DIALOG", start_date=date(2025, 4, 1),
                  municipalities=["0180"], participants=5),
        # commitments: two overdue on 2026-06-30, one tombstoned
        due_march=add(register, "commitment", title="Lägesbild för länet", due_date=date(2026, 3, 31),
                      status="PAGAR", responsible_org_id=police),
        done=add(register, "commitment", title="Utbildningsplan", due_date=date(2026, 5, 31), status="KLART"),
        later=add(register, "commitment", title="Handlingsplan", due_date=date(2026, 12, 31), status="EJ_PABORJAT"),
        delayed=add(register, "commitment", title="Kartläggning av bedrägerier", due_date=date(2026, 1, 15),
                    status="FORSENAT"),
        stopped=add(register, "commitment", title="Avbruten satsning", due_date=date(2025, 1, 1), status="AVBRUTET"),
        removed=add(register, "commitment", title="Borttaget åtagande", due_date=date(2025, 2, 1), status="PAGAR"),
        # problem areas: one new phenomenon of 2026
        sextortion=add(register, "problem_area", title="Sextortion mot unga", trend="OKANDE",
                       first_observed=date(2026, 2, 1), status="BEVAKAS"),
        fraud=add(register, "problem_area", title="Bedrägerier mot äldre", trend="OFORANDRAD",
                  first_observed=date(2025, 5, 1), status="ATGARDAS"),
        square=add(register, "problem_area", title="Otrygghet på torget", category="GEOGRAFISKT",
                   trend="MINSKANDE", first_observed=date(2026, 3, 1), status="ATGARDAS"),
        erased=add(register, "problem_area", title="Borttaget fenomen", trend="OKANDE",
                   first_observed=date(2026, 4, 1), status="BEVAKAS"),
    )
    for kind, key in (("activity", "deleted"), ("commitment", "removed"), ("problem_area", "erased"),
                      ("organisation", "gone")):
        tombstone(register, kind, made[key].id)
    # Another county's activity (brought by a bundle): not in Stockholms län's figures.
    made["uppsala"] = create(register, "activity", "03", municipalities=["0380"], participants=100)
    return made


def test_activities_and_participants_of_the_year(register, county):
    year = figures(register)
    assert year.year == 2026 and year.county == "01" and year.scope_name == "Stockholms län"
    assert year.activities == 4  # meeting, training, planned and the one over the new year
    assert year.participants == 20 + 15 + 30
    assert year.activities_previous_year == 2  # the one over the new year and the visit
    assert year.participants_previous_year == 30 + 5


def test_by_month_an_activity_begun_the_year_before_counts_in_january(register, county):
    assert figures(register).by_month == (1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0)
    assert figures(register, 2025).by_month == (0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1)


@pytest.mark.parametrize("scope", ["01", "03", None])
def test_a_years_months_alone_are_those_of_its_figures(register, county, scope):
    """The month chart's year before is read alone (`activities_by_month`), and must be what the
    year's figures would have said."""
    with register.session() as session:
        for year in (2025, 2026):
            assert activities_by_month(session, year, scope) == year_figures(session, year, scope, today=TODAY).by_month
        assert activities_by_month(session, 2026, "01") == (1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0)


def test_by_type_lists_every_active_type_in_code_list_order(register, county):
    types = figures(register).by_type
    assert [item.key for item in types][:3] == ["NATVERKSTRAFF", "KONFERENS", "UTBILDNING"]
    assert types[0] == Count("NATVERKSTRAFF", "Nätverksträff", 1)
    assert by_key(types) == {**{item.key: 0 for item in types}, "NATVERKSTRAFF": 1, "KONFERENS": 2, "UTBILDNING": 1}
    assert len(types) == 13


def test_by_network_most_first_and_none_last(register, county):
    assert figures(register).by_network == (
        Count(county["alfa"].id, "Alfanätverket", 2),
        Count(county["beta"].id, "Betanätverket", 1),
        Count("", NO_NETWORK, 1),
    )


def test_by_subject_area_counts_each_area_of_an_activity(register, county):
    subjects = figures(register).by_subject_area
    assert {item.key: item.value for item in subjects if item.value} == {"UNGA": 2, "VALD": 1, "TRYGGHET": 1, "": 1}
    assert subjects[-1] == Count("", NO_SUBJECT_AREA, 1)
    assert next(item for item in subjects if item.key == "UNGA").label == "Unga lagöverträdare"
    assert by_key(subjects)["EKO"] == 0  # only the tombstoned activity had it


def test_organisations_are_distinct_and_tombstoned_ones_left_out(register, county):
    organisations = by_key(figures(register).organisations_by_type)
    assert organisations["POLIS"] == 1 and organisations["KOMMUN"] == 1
    assert organisations["CIVILSAMHALLE"] == 0  # the tombstoned association


def test_municipalities_reached_and_not_reached(register, county):
    year = figures(register)
    assert year.municipalities_total == STOCKHOLM_MUNICIPALITIES
    assert year.municipalities_reached == (
        Count("0180", "Stockholm", 2),
        Count("0184", "Solna", 1),
        Count("0181", "Södertälje", 1),
        Count("0114", "Upplands Väsby", 1),
    )
    not_reached = year.municipalities_not_reached
    assert len(not_reached) == STOCKHOLM_MUNICIPALITIES - 4
    assert {"0186", "0187"} <= {item.key for item in not_reached}  # cancelled and tombstoned activities
    assert all(item.value == 0 for item in not_reached)
    names = [item.label for item in not_reached]
    assert names[0] == "Botkyrka" and names[-1] == "Österåker"  # Swedish order: Ö last


def test_commitments_by_status_and_overdue_ones_named(register, county):
    year = figures(register)
    assert by_key(year.commitments_by_status) == {
        "EJ_PABORJAT": 1, "PAGAR": 1, "KLART": 1, "FORSENAT": 1, "AVBRUTET": 1,
    }
    assert [item.label for item in year.commitments_by_status][:2] == ["Ej påbörjat", "Pågår"]
    assert [(item.title, item.detail) for item in year.overdue_commitments] == [
        ("Kartläggning av bedrägerier", "klart senast 2026-01-15 · Försenat"),
        ("Lägesbild för länet", "klart senast 2026-03-31 · Pågår · Polisen Syd"),
    ]
    assert year.overdue_commitments[1].id == county["due_march"].id
    # Before the first due date nothing is overdue; the commitments stay as they are.
    earlier = figures(register, today=date(2026, 1, 1))
    assert earlier.overdue_commitments == ()
    assert earlier.commitments_by_status == year.commitments_by_status


def test_problem_areas_by_trend_and_status_and_new_phenomena(register, county):
    year = figures(register)
    assert by_key(year.problem_areas_by_trend) == {"OKANDE": 1, "OFORANDRAD": 1, "MINSKANDE": 1, "EJ_KANT": 0}
    assert by_key(year.problem_areas_by_status) == {"BEVAKAS": 1, "ATGARDAS": 2, "AVSLUTAT": 0}
    assert [(item.title, item.detail) for item in year.new_phenomena] == [
        ("Sextortion mot unga", "Ökande · först observerat 2026-02-01"),
    ]
    assert [item.title for item in figures(register, 2025).new_phenomena] == ["Bedrägerier mot äldre"]


@pytest.fixture
def empty(make_register):
    return make_register("01")


def test_a_new_phenomenon_without_a_date_counts_in_the_year_it_was_registered(empty):
    register = empty
    add(register, "problem_area", title="Nätbedrägerier via QR-koder", trend="OKANDE")
    this_year = date.today().year
    found = figures(register, this_year).new_phenomena
    assert [item.title for item in found] == ["Nätbedrägerier via QR-koder"]
    assert found[0].detail.startswith(f"Ökande · registrerat {this_year}-")
    assert figures(register, this_year - 1).new_phenomena == ()


def test_an_empty_year_gives_zeros_and_no_municipality_reached(register, county):
    year = figures(register, 2030)
    assert (year.activities, year.participants, year.activities_previous_year, year.participants_previous_year) \
        == (0, 0, 0, 0)
    assert year.by_month == (0,) * 12
    assert all(item.value == 0 for item in year.by_type + year.by_subject_area + year.organisations_by_type)
    assert year.by_network == ()
    assert year.municipalities_reached == ()
    assert len(year.municipalities_not_reached) == STOCKHOLM_MUNICIPALITIES
    assert year.new_phenomena == ()


def test_an_empty_register(empty):
    register = empty
    year = figures(register)
    assert year.activities == 0 and year.by_month == (0,) * 12
    assert all(item.value == 0 for item in year.commitments_by_status + year.problem_areas_by_trend)
    with register.session() as session:
        assert available_years(session) == [date.today().year]


def test_comparison_with_the_year_before(register, county):
    year_2025 = figures(register, 2025)
    assert (year_2025.activities, year_2025.participants) == (2, 35)
    assert (year_2025.activities_previous_year, year_2025.participants_previous_year) == (0, 0)
    assert figures(register, 2027).activities_previous_year == figures(register).activities


def test_whole_register_includes_other_origins(register, county):
    everything = figures(register, county=None)
    assert everything.county is None and everything.scope_name == WHOLE_COUNTRY
    assert everything.activities == 5 and everything.participants == 165
    assert everything.municipalities_total == 290
    assert "0380" in {item.key for item in everything.municipalities_reached}


def test_available_years_newest_first_with_every_year_an_activity_touches(empty):
    register = empty
    add(register, "activity", start_date=date(2025, 12, 20), end_date=date(2026, 1, 10))
    add(register, "activity", start_date=date(2021, 12, 30), end_date=date(2023, 1, 2))
    tombstone(register, "activity", add(register, "activity", start_date=date(2019, 5, 1)).id)
    with register.session() as session:
        years = available_years(session)
    assert years == sorted({2021, 2022, 2023, 2025, 2026, date.today().year}, reverse=True)  # not 2019


@pytest.fixture(scope="module")
def national(tmp_path_factory, module_engine):
    """Brå's register: Stockholms län, Uppsala län, Norrbotten and national records."""
    with opened(tmp_path_factory, "BRA", module_engine) as bra:
        _national_records(bra)
        yield bra


def _national_records(bra):
    """Stockholms län, Uppsala län, Norrbotten and national records."""
    create(bra, "activity", "01", municipalities=["0180"], participants=10, subject_areas=["UNGA"])
    create(bra, "activity", "01", start_date=date(2026, 9, 1), municipalities=["0180", "0181"], participants=5)
    create(bra, "activity", "01", start_date=date(2025, 9, 1), municipalities=["0114"], participants=7)
    create(bra, "activity", "03", municipalities=["0380"], participants=20, subject_areas=["UNGA", "EKO"])
    create(bra, "activity", "BRA", activity_type="KONFERENS", start_date=date(2026, 10, 1), participants=200)
    create(bra, "commitment", "01", due_date=date(2026, 2, 1), status="FORSENAT")
    create(bra, "commitment", "BRA", due_date=date(2026, 3, 1))
    create(bra, "problem_area", "03", first_observed=date(2026, 4, 1))
    create(bra, "problem_area", "25", first_observed=date(2020, 1, 1))  # Norrbotten: nothing else


def test_national_figures_sum_every_origin(national):
    whole = figures(national, county=None)
    assert whole.scope_name == WHOLE_COUNTRY
    assert (whole.activities, whole.participants) == (4, 10 + 5 + 20 + 200)
    assert (whole.activities_previous_year, whole.participants_previous_year) == (1, 7)
    assert by_key(whole.by_subject_area)["UNGA"] == 2
    assert whole.municipalities_total == 290 and len(whole.municipalities_reached) == 3
    assert len(whole.overdue_commitments) == 2 and len(whole.new_phenomena) == 1
    stockholm = figures(national, county="01")
    assert (stockholm.activities, stockholm.participants, stockholm.activities_previous_year) == (2, 15, 1)
    assert len(stockholm.overdue_commitments) == 1


def test_county_overview_has_a_row_per_county_with_data(national):
    with national.session() as session:
        overview = county_overview(session, 2026, today=TODAY)
    assert [(item.county, item.scope_name) for item in overview] == [
        ("01", "Stockholms län"), ("03", "Uppsala län"), ("25", "Norrbottens län"),
    ]
    stockholm, uppsala, norrbotten = overview
    # The same figures as asked for one county at a time.
    for item in overview:
        assert item == figures(national, county=item.county)
    assert (stockholm.activities, stockholm.participants, stockholm.municipalities_total) == (2, 15, 26)
    assert [item.key for item in stockholm.municipalities_reached] == ["0180", "0181"]
    assert (uppsala.activities, uppsala.municipalities_total, len(uppsala.new_phenomena)) == (1, 8, 1)
    assert norrbotten.activities == 0 and norrbotten.problem_areas == 1
    # Counties add up to the whole country less Brå's own records.
    whole = figures(national, county=None)
    assert sum(item.activities for item in overview) == whole.activities - 1


def test_a_year_that_has_ended_counts_commitments_and_problem_areas_as_they_stood_at_its_end(empty):
    """From the change log: a commitment begun in 2025 and done in February 2026 stood open (and
    overdue) when 2025 ended and was completed in 2026; a problem area deleted in 2026 still counts
    for 2025; one registered in 2026 does not."""
    from datetime import datetime, timezone

    from sqlalchemy import update

    from bra_desktop.domain.models import ChangeLog
    from bra_desktop.store.repository import update_record
    from bra_desktop.store.repository import delete_record

    register = empty
    commitment = add(register, "commitment", title="Lägesbild", status="PAGAR", due_date=date(2025, 6, 30))
    gone = add(register, "problem_area", title="Skadegörelse", trend="OKANDE", status="BEVAKAS")
    later = add(register, "problem_area", title="Nytt i år", trend="MINSKANDE", status="BEVAKAS")
    with register.session() as session:
        update_record(session, KINDS["commitment"], commitment.id, {**commitment.content, "status": "KLART"},
                      user="anna", reference=load_reference(session))
        delete_record(session, KINDS["problem_area"], gone.id, user="anna")
        session.commit()
    when = {  # (record, action) → when this register logged it
        (commitment.id, "create"): datetime(2025, 3, 1, tzinfo=timezone.utc),
        (commitment.id, "update"): datetime(2026, 2, 1, tzinfo=timezone.utc),
        (gone.id, "create"): datetime(2025, 4, 1, tzinfo=timezone.utc),
        (gone.id, "delete"): datetime(2026, 3, 1, tzinfo=timezone.utc),
        (later.id, "create"): datetime(2026, 1, 10, tzinfo=timezone.utc),
    }
    with register.session() as session:
        for (record_id, action), at in when.items():
            session.execute(update(ChangeLog).where(ChangeLog.record_id == record_id, ChangeLog.action == action)
                            .values(at=at))
        session.commit()
    today = date(2026, 6, 1)
    ended = figures(register, 2025, today=today)
    assert ended.year_ended and by_key(ended.commitments_by_status)["PAGAR"] == 1 and ended.commitments == 1
    assert [r.title for r in ended.overdue_commitments] == ["Lägesbild"] and not ended.completed_commitments
    assert by_key(ended.problem_areas_by_trend) == {"OKANDE": 1, "OFORANDRAD": 0, "MINSKANDE": 0, "EJ_KANT": 0}
    now = figures(register, 2026, today=today)
    assert not now.year_ended and by_key(now.commitments_by_status)["KLART"] == 1
    assert [r.title for r in now.completed_commitments] == ["Lägesbild"] and not now.overdue_commitments
    assert by_key(now.problem_areas_by_trend)["MINSKANDE"] == 1 and now.problem_areas == 1


def test_the_whole_countrys_lists_say_whose_each_record_is(make_register):
    """The same phenomenon registered by two counties, and their overdue commitments: in the whole
    country's lists each line says its county, so they do not read as duplicates; a county's own
    lists do not repeat its name."""
    bra = make_register("BRA")
    for origin in ("01", "12"):
        create(bra, "problem_area", origin, title="Bedrägerier via QR-koder", first_observed=date(2026, 2, 1))
        create(bra, "commitment", origin, title="Lägesbild", due_date=date(2026, 3, 31))
    country = figures(bra, 2026, county=None)
    assert sorted(r.detail.split(" · ")[0] for r in country.new_phenomena) == ["Skåne län", "Stockholms län"]
    assert sorted(r.detail.split(" · ")[0] for r in country.overdue_commitments) == ["Skåne län", "Stockholms län"]
    skane = figures(bra, 2026, county="12")
    assert [r.detail for r in skane.new_phenomena] == ["Ej känd · först observerat 2026-02-01"]
    assert skane.overdue_commitments[0].detail.startswith("klart senast 2026-03-31")
