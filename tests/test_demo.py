"""Demo data: realistic, valid, reproducible, in the right county, and made by `bra-desktop demo`."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from bra_desktop.cli import main
from bra_desktop.context import AppContext
from bra_desktop.demo import fill_demo_register, municipality_org_name, org_number
from bra_desktop.domain import national_structure
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import ChangeLog, Municipality
from bra_desktop.domain.orgnumber import normalise_org_number
from bra_desktop.domain.validation import validate
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_links

ACTIVITIES = 400


def new_register(tmp_path, name: str, producer: str):
    register = AppContext.create(str(tmp_path / name)).open_register()
    register.set_producer(producer)
    return register


STRUCTURE = frozenset(record.id for record in national_structure.RECORDS)
"""Brå's national structure: in every register from the start, not made by the demo."""


def records(register, kind_key: str) -> dict[str, tuple[str, dict]]:
    """id → (origin, content) of every record of a kind."""
    kind = KINDS[kind_key]
    with register.session() as session:
        rows = session.scalars(select(kind.table)).all()
        links = load_links(session, kind, [row.id for row in rows])
    return {row.id: (row.origin, {**{f.name: getattr(row, f.name) for f in kind.scalar_fields}, **links[row.id]})
            for row in rows}


def everything(register) -> dict[str, dict]:
    return {key: records(register, key) for key in KINDS}


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county register (Västmanlands län) filled once for the read-only tests of this module."""
    register = new_register(tmp_path_factory.mktemp("demo"), "county", "19")
    counts = fill_demo_register(register, activities=ACTIVITIES, seed=7, user="demo")
    yield register, counts, everything(register)
    register.close()


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    register = new_register(tmp_path_factory.mktemp("demo"), "national", "BRA")
    counts = fill_demo_register(register, activities=300, seed=7, user="demo")
    yield register, counts, everything(register)
    register.close()


def county_of(register) -> dict[str, str]:
    """municipality code → county code."""
    with register.session() as session:
        return {code: county for code, county in session.execute(select(Municipality.code, Municipality.county_code))}


def test_counts_are_returned_in_swedish_and_match_the_register(county):
    register, counts, data = county
    assert list(counts) == ["aktiviteter", "åtaganden", "problemområden", "nätverk", "organisationer", "kommunuppföljningar",
                            "redovisningar"]
    assert counts["aktiviteter"] == ACTIVITIES
    assert counts["åtaganden"] == ACTIVITIES // 20 and counts["problemområden"] == ACTIVITIES // 50
    assert counts["nätverk"] >= 4 + 2 and counts["organisationer"] >= 9 + 10 + 2
    plural = {key: kind.plural_sv.lower() for key, kind in KINDS.items()}
    assert {plural[key]: len(set(found) - STRUCTURE) for key, found in data.items()} == counts
    with register.session() as session:
        logged = session.scalars(select(ChangeLog.record_id).where(ChangeLog.source == "demo", ChangeLog.action == "create"))
        assert sorted(logged) == sorted(record_id for found in data.values() for record_id in set(found) - STRUCTURE)


def test_every_record_is_valid(county, national):
    for register, _counts, data in (county, national):
        with register.session() as session:
            reference = load_reference(session)
            for key, found in data.items():
                for record_id, (_origin, content) in found.items():
                    assert validate(KINDS[key], content, reference) == [], (key, record_id, content)


def test_records_belong_to_the_county_and_national_ones_to_bra(county):
    register, _counts, data = county
    counties = county_of(register)
    national_networks = {c["name"] for origin, c in data["network"].values() if origin == "BRA"}
    assert national_networks == {
        "Nationellt kärnnätverk för brottsförebyggande arbete", "Operativt nätverk för unga lagöverträdare",
        "Operativt nätverk för våldsförebyggande arbete", "Operativt nätverk mot ekonomisk brottslighet",
        "Operativt nätverk för lokalt näringsliv",
    }
    assert {origin for key in ("activity", "commitment", "problem_area") for origin, _ in data[key].values()} == {"19"}
    for key in ("activity", "problem_area"):
        for _origin, content in data[key].values():
            assert 1 <= len(content["municipalities"]) <= 3
            assert {counties[code] for code in content["municipalities"]} == {"19"}
    organisations = data["organisation"].values()
    assert {counties[c["municipality_code"]] for o, c in organisations if o == "19"} == {"19"}
    names = {c["name"] for _o, c in organisations}
    assert {"Västerås kommun", "Kungsörs kommun", "Polisregion Mitt", "Länsstyrelsen i Västmanlands län",
            "Region Västmanland", "Polismyndigheten", "Brottsförebyggande rådet (Brå)"} <= names
    assert any(c["name"] == "Länsnätverket för brottsförebyggande samordnare i Västmanlands län"
               for _o, c in data["network"].values())


def test_activities_spread_over_three_years_and_future_ones_are_planned(county):
    register, _counts, data = county
    today = date.today()
    activities = [content for _origin, content in data["activity"].values()]
    assert {a["start_date"].year for a in activities} == {today.year - 2, today.year - 1, today.year}
    for activity in activities:
        assert (activity["status"] == "PLANERAD") == (activity["start_date"] > today)
        assert activity["end_date"] is None or activity["end_date"] > activity["start_date"]
        assert 1 <= len(activity["organisations"]) <= 4 and activity["subject_areas"]
        if activity["status"] == "GENOMFORD":
            assert activity["participants"] > 0 and activity["outcome"]
    with register.session() as session:
        towns = set(session.scalars(select(Municipality.name).where(Municipality.county_code == "19")))
    assert sum(any(town in a["title"] for town in towns) for a in activities) > len(activities) / 5


def test_commitments_include_overdue_work_and_problem_areas_link_to_the_register(county):
    _register, _counts, data = county
    today = date.today()
    commitments = [content for _origin, content in data["commitment"].values()]
    assert {c["status"] for c in commitments} == {"EJ_PABORJAT", "PAGAR", "KLART", "FORSENAT", "AVBRUTET"}
    assert all(c["due_date"] < today for c in commitments if c["status"] == "FORSENAT")
    assert all(c["due_date"] >= today for c in commitments if c["status"] == "EJ_PABORJAT")
    assert all(c["responsible_org_id"] in data["organisation"] and c["network_id"] in data["network"]
               for c in commitments)
    assert all(set(c["activities"]) <= set(data["activity"]) for c in commitments)
    assert sum(bool(c["activities"]) for c in commitments) == len(commitments)
    for _origin, problem in data["problem_area"].values():
        assert problem["activities"] and set(problem["activities"]) <= set(data["activity"])
        assert set(problem["commitments"]) <= set(data["commitment"])


def test_the_same_seed_gives_the_same_register_and_another_seed_another(tmp_path, county):
    _register, _counts, data = county
    again = new_register(tmp_path, "again", "19")
    fill_demo_register(again, activities=ACTIVITIES, seed=7, user="someone else")
    other = new_register(tmp_path, "other", "19")
    fill_demo_register(other, activities=ACTIVITIES, seed=8, user="demo")
    try:
        assert everything(again) == data
        other_data = everything(other)
        for key in KINDS:
            if key in ("follow_up", "county_report"):  # one per municipality (county) and year, whatever the seed
                assert set(other_data[key]) == set(data[key]) and other_data[key] != data[key]
            else:
                assert not set(other_data[key]) & set(data[key]) - STRUCTURE
    finally:
        again.close()
        other.close()


def test_national_register_spreads_over_all_counties(national, county):
    register, counts, data = national
    counties = county_of(register)
    assert counts["aktiviteter"] == 300
    assert {origin for origin, _ in data["activity"].values()} == set(counties.values())
    assert len(set(counties.values())) == 21
    for key in ("activity", "problem_area"):
        for origin, content in data[key].values():
            assert {counties[code] for code in content["municipalities"]} == {origin}
    for origin, content in data["organisation"].values():
        assert origin == "BRA" or content["municipality_code"] is None or counties[content["municipality_code"]] == origin
    commitment_origins = {origin for origin, _ in data["commitment"].values()}
    assert "BRA" in commitment_origins and len(commitment_origins) > 2
    networks_by_id = data["network"]
    for origin, commitment in data["commitment"].values():
        if origin == "BRA":
            assert networks_by_id[commitment["network_id"]][0] == "BRA"
    # Brå's own records are the same as in a county's demo register made with the same seed
    _county_register, _county_counts, county_data = county
    for key in ("network", "organisation"):
        ours = {i: r for i, r in data[key].items() if r[0] == "BRA"}
        assert ours == {i: r for i, r in county_data[key].items() if r[0] == "BRA"} and ours


def test_demo_data_goes_into_an_empty_register_only(register):
    fill_demo_register(register, activities=0, seed=1, user="demo")
    with pytest.raises(RegisterError, match="tomt register"):
        fill_demo_register(register, activities=10, seed=2, user="demo")
    with pytest.raises(RegisterError, match="negativt"):
        fill_demo_register(register, activities=-1, seed=1, user="demo")


def test_names_and_organisation_numbers():
    assert [municipality_org_name(n) for n in ("Kungsör", "Ale", "Borås", "Falun", "Upplands Väsby")] == [
        "Kungsörs kommun", "Ale kommun", "Borås kommun", "Falu kommun", "Upplands Väsby kommun"]
    numbers = [org_number(f"5560{n:05d}") for n in range(0, 100_000, 997)]
    assert all(normalise_org_number(number) == number for number in numbers)


def test_cli_demo_fills_a_fresh_data_dir(tmp_path, capsys):
    data_dir = tmp_path / "fresh"
    assert main(["--data-dir", str(data_dir), "demo", "--county", "3", "--activities", "40", "--seed", "5"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Demodata skapad: 40 aktiviteter, 5 åtaganden, 3 problemområden,")
    register = AppContext.create(str(data_dir)).open_register()
    try:
        assert register.producer == "03"
        with register.session() as session:
            assert session.scalar(select(func.count()).select_from(KINDS["activity"].table)) == 40
    finally:
        register.close()
    assert main(["--data-dir", str(data_dir), "demo", "--activities", "40"]) == 1
    assert "tomt register" in capsys.readouterr().err


def test_every_municipality_is_followed_up_each_year_since_the_law_by_its_own_county(county, national):
    for register, _counts, data in (county, national):
        county_codes = county_of(register)
        follow_ups = data["follow_up"].values()
        years = range(max(date.today().year - 2, 2023), date.today().year + 1)
        in_scope = {code for code, owner in county_codes.items() if register.producer in ("BRA", owner)}
        assert sorted((c["municipality_code"], c["year"]) for _o, c in follow_ups) == sorted(
            (code, year) for code in in_scope for year in years)
        assert all(origin == county_codes[c["municipality_code"]] for origin, c in follow_ups)


def test_the_laws_requirements_are_uneven_and_move_over_the_years(national):
    _register, _counts, data = national
    follow_ups = [content for _origin, content in data["follow_up"].values()]
    latest = max(c["year"] for c in follow_ups)
    now = [c for c in follow_ups if c["year"] == latest]
    plans = [c["plan_status"] for c in now]
    assert 0 < plans.count("BESLUTAD") < len(now)  # some municipalities still lack a decided plan
    assert any(c["coordination_status"] == "SAKNAS" for c in now)  # a few have no coordinator yet
    assert {c["plan_decided_by"] for c in now if c["plan_status"] == "BESLUTAD"} >= {"KF", "KS"}
    first = {c["municipality_code"]: c for c in follow_ups if c["year"] == latest - 1}
    moved = [c for c in now if c["plan_status"] != first[c["municipality_code"]]["plan_status"]]
    assert moved and all(first[c["municipality_code"]]["plan_status"] != "BESLUTAD" for c in moved)  # forward only
    decided_share = {code: [] for code in {c["municipality_code"][:2] for c in now}}
    for c in now:
        decided_share[c["municipality_code"][:2]].append(c["plan_status"] == "BESLUTAD")
    shares = [sum(flags) / len(flags) for flags in decided_share.values()]
    assert max(shares) - min(shares) > 0.2  # counties differ


def test_each_countys_redovisning_is_written_for_the_years_that_ended(county, national):
    for register, _counts, data in (county, national):
        reports = sorted((origin, content["year"], bool(content["assessment"])) for origin, content in data["county_report"].values())
        years = range(max(date.today().year - 2, 2023), date.today().year + 1)
        owners = {"19"} if register.producer == "19" else {code for code in set(county_of(register).values())}
        assert reports == sorted((owner, year, year < date.today().year) for owner in owners for year in years)


def test_the_year_is_uneven_quiet_in_july_and_some_municipalities_get_no_support(county):
    """Västmanland's ten municipalities over three years, some 13 activities each a year on average."""
    register, _counts, data = county
    activities = [content for _origin, content in data["activity"].values()]
    by_month = [sum(a["start_date"].month == month for a in activities) for month in range(1, 13)]
    assert by_month[6] < min(by_month[1:5]) / 2  # July against February–May
    with register.session() as session:
        every = set(session.scalars(select(Municipality.code).where(Municipality.county_code == "19")))
    years = range(date.today().year - 2, date.today().year + 1)
    supported = {(code, a["start_date"].year) for a in activities for code in a["municipalities"]}
    unsupported = {(code, year) for code in every for year in years} - supported
    assert 0 < len(unsupported) < len(every) * len(years) / 3



def test_commitments_are_done_on_a_day_so_each_year_reports_those_done_in_it(county):
    from bra_desktop.reports.figures import year_figures

    register, _counts, data = county
    done = {record_id for record_id, (_origin, content) in data["commitment"].items() if content["status"] == "KLART"}
    assert done
    with register.session() as session:
        completed = [record.id for year in range(date.today().year - 2, date.today().year + 1)
                     for record in year_figures(session, year, "19").completed_commitments]
        first_versions = session.scalars(select(ChangeLog.after).where(ChangeLog.record_id.in_(done),
                                                                      ChangeLog.action == "create")).all()
    assert sorted(completed) == sorted(done)  # each in the one year it was done in
    assert all('"status":"PAGAR"' in first for first in first_versions)  # begun, then done
