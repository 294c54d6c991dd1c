"""The record tables' listing and queries: search and filters (in memory), sort (in SQL), tombstones
and display values."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, text

from bra_desktop.domain.fields import KINDS
from bra_desktop.store import listing, queries
from bra_desktop.store.listing import RecordListing

from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record, load_record, update_record
from conftest import add, tombstone


pytestmark = pytest.mark.both_engines


def ids(register, kind="activity", *, search="", filters=None, sort="title", descending=False, deleted=False):
    """What a table of a fresh listing shows."""
    return RecordListing(register, kind).ids(search=search, filters=filters or {}, sort_field=sort,
                                             descending=descending, include_deleted=deleted)


def rows(register, kind, record_ids, language="sv"):
    with register.session() as session:
        return queries.fetch_rows(session, kind, record_ids, language)


def add_network(register, name, kind, **content):
    """A network of the given kind (a short hand for the tests below)."""
    return add(register, "network", name=name, kind=kind, **content)


@pytest.fixture
def activities(register):
    """Four activities that differ in every filtered and sorted field."""
    network_a = add(register, "network", name="Ärendenätverket")
    network_b = add(register, "network", name="Alfanätverket")
    made = {
        "planning": add(register, "activity", title="Planering av ÅTGÄRDSPLAN för Örebro", status="PLANERAD",
                        start_date=date(2024, 5, 2), network_id=network_a.id, subject_areas=["UNGA"],
                        municipalities=["0180", "0114"], participants=12, activity_type="ATGARDSPLAN"),
        "meeting": add(register, "activity", title="nätverksträff om trygghet", status="GENOMFORD",
                       start_date=date(2025, 1, 20), network_id=network_b.id, subject_areas=["TRYGGHET", "UNGA"],
                       municipalities=["0181"], participants=40, description="100% närvaro_ok"),
        "cancelled": add(register, "activity", title="Ölandsdagen", status="INSTALLD",
                         start_date=date(2025, 12, 31), subject_areas=["VALD"]),
        "conference": add(register, "activity", title="Årskonferens", status="GENOMFORD",
                          start_date=date(2026, 1, 1), network_id=network_a.id, municipalities=["0114"],
                          participants=None, activity_type="KONFERENS"),
    }
    return {name: record.id for name, record in made.items()} | {"net_a": network_a.id, "net_b": network_b.id}


def test_search_is_case_insensitive_for_swedish_letters(register, activities):
    a = activities
    assert ids(register, search="åtgärdsplan") == [a["planning"]]
    assert ids(register, search="ÖREBRO") == [a["planning"]]
    assert ids(register, search="NÄTVERKSTRÄFF") == [a["meeting"]]
    assert ids(register, search="öl") == [a["cancelled"]]
    assert ids(register, search="  ") == ids(register)
    # every word must occur, in any order and any field that is searched
    assert ids(register, search="trygghet närvaro") == [a["meeting"]]
    assert ids(register, search="trygghet örebro") == []


def test_search_treats_like_wildcards_literally(register, activities):
    assert ids(register, search="100%") == [activities["meeting"]]
    assert ids(register, search="närvaro_ok") == [activities["meeting"]]
    assert ids(register, search="%") == [activities["meeting"]]
    assert ids(register, search="o_k") == []
    assert ids(register, search="1_0") == []
    slashed = add(register, "activity", title="Före/efter \\ 50% av_alla").id
    assert ids(register, search="före/efter") == [slashed]
    assert ids(register, search="\\ 50%") == [slashed]
    assert ids(register, search="av_alla") == [slashed]
    assert ids(register, search="e/e") == [slashed] and ids(register, search="//") == []


def test_filters_by_year_network_subject_area_municipality_and_status(register, activities):
    a = activities
    assert set(ids(register, filters={"year": 2025})) == {a["meeting"], a["cancelled"]}
    assert ids(register, filters={"year": 2026}) == [a["conference"]]
    assert set(ids(register, filters={"network_id": a["net_a"]})) == {a["planning"], a["conference"]}
    assert set(ids(register, filters={"subject_areas": "UNGA"})) == {a["planning"], a["meeting"]}
    assert set(ids(register, filters={"municipalities": "0114"})) == {a["planning"], a["conference"]}
    assert ids(register, filters={"status": "INSTALLD"}) == [a["cancelled"]]
    assert ids(register, filters={"year": 2025, "subject_areas": "UNGA", "status": "GENOMFORD"}) == [a["meeting"]]
    assert ids(register, filters={"year": 2025, "municipalities": "0114"}) == []
    # an empty choice is no filter at all
    assert len(ids(register, filters={"year": None, "status": ""})) == 4
    assert ids(register, search="årskonferens", filters={"network_id": a["net_a"]}) == [a["conference"]]


def test_filters_of_the_other_kinds(register):
    network = add_network(register, "Kärnan", "KARN", subject_area="VALD")
    add_network(register, "Lokalt", "LOKALT")
    assert ids(register, "network", filters={"kind": "KARN"}, sort="name") == [network.id]
    assert ids(register, "network", filters={"subject_area": "VALD"}, sort="name") == [network.id]

    org = add(register, "organisation", name="Solna stad", org_type="KOMMUN", municipality_code="0184")
    add(register, "organisation", name="Polisen", org_type="POLIS")
    assert ids(register, "organisation", filters={"municipality_code": "0184"}, sort="name") == [org.id]
    assert ids(register, "organisation", filters={"org_type": "KOMMUN"}, sort="name") == [org.id]

    due = add(register, "commitment", title="Klart i år", due_date=date(2025, 6, 30), network_id=network.id,
              status="KLART")
    open_ended = add(register, "commitment", title="Utan datum")
    assert ids(register, "commitment", filters={"year": 2025}) == [due.id]
    assert ids(register, "commitment", filters={"network_id": network.id}) == [due.id]
    assert ids(register, "commitment", filters={"status": "PAGAR"}) == [open_ended.id]

    area = add(register, "problem_area", title="Stölder", category="GEOGRAFISKT", municipalities=["0184"])
    add(register, "problem_area", title="Bedrägerier", status="AVSLUTAT")
    assert ids(register, "problem_area", filters={"municipalities": "0184"}) == [area.id]
    assert ids(register, "problem_area", filters={"category": "GEOGRAFISKT"}) == [area.id]
    assert ids(register, "problem_area", filters={"status": "BEVAKAS"}) == [area.id]


def test_sort_both_ways_on_every_column(register, activities):
    a = activities
    by_date = [a["planning"], a["meeting"], a["cancelled"], a["conference"]]
    assert ids(register, sort="start_date") == by_date
    assert ids(register, sort="start_date", descending=True) == by_date[::-1]
    # Swedish order, case-insensitive: … n, p, … z, å, ä, ö
    assert ids(register, sort="title") == [a["meeting"], a["planning"], a["conference"], a["cancelled"]]
    assert ids(register, sort="title", descending=True) == [a["cancelled"], a["conference"], a["planning"], a["meeting"]]
    # codes in code-list order (planerad, genomförd, inställd), ties by id
    by_status = ids(register, sort="status")
    assert by_status[0] == a["planning"] and by_status[-1] == a["cancelled"]
    # networks by name; records without one last in both directions
    assert ids(register, sort="network_id")[:1] == [a["meeting"]]
    assert ids(register, sort="network_id")[-1] == a["cancelled"]
    assert ids(register, sort="network_id", descending=True)[-1] == a["cancelled"]
    # municipalities by the first name in Swedish order (Stockholm < Södertälje < Upplands Väsby)
    assert ids(register, sort="municipalities")[:3] == [a["planning"], a["meeting"], a["conference"]]
    assert ids(register, sort="participants")[:2] == [a["planning"], a["meeting"]]
    assert ids(register, sort="participants", descending=True)[:2] == [a["meeting"], a["planning"]]
    for column in queries.columns("activity"):
        forward = ids(register, sort=column.key)
        assert sorted(forward) == sorted(ids(register, sort=column.key, descending=True))


def test_every_kind_sorts_on_every_column(register):
    network = add(register, "network", name="Nät")
    org = add(register, "organisation", name="Org", municipality_code="0180", org_number="212000-0142")
    add(register, "commitment", title="Åtagande", network_id=network.id, responsible_org_id=org.id)
    add(register, "problem_area", title="Problem", municipalities=["0180"])
    add(register, "follow_up", municipality_code="0180")
    add(register, "county_report", case_number="101-1234-2026")
    add(register, "activity", network_id=network.id, municipalities=["0180"])
    for kind in queries.DEFAULT_SORT:
        for column in queries.columns(kind):
            for descending in (False, True):
                assert len(ids(register, kind, sort=column.key, descending=descending)) == 1


@pytest.fixture
def database_sorts(monkeypatch):
    """The sorts listings ask the database for from now on, and the database's own order."""
    asked: list[dict] = []
    database_order = queries.list_ids

    def ask_database(session, kind, **ask):
        asked.append(ask)
        return database_order(session, kind, **ask)

    monkeypatch.setattr(queries, "list_ids", ask_database)
    return asked, database_order


def test_a_listing_that_holds_what_its_records_sort_by_sorts_them_as_the_database_does(register, activities, database_sorts):
    """Once a listing has read ahead what its records sort by, a click on a column header is sorted
    from what it holds, not by the database reading and sorting every record again (SQLite orders
    text as Python does; PostgreSQL by its collation, so there the database sorts). Every
    order must be the database's: equal keys by id in the sort's direction, empty ones where SQL
    puts them, tombstones only when asked for, on every column of every kind."""
    a = activities
    add(register, "activity", title="ölandsdagen", status="INSTALLD", start_date=date(2025, 12, 31),
        network_id=a["net_b"], participants=12)  # the same keys as others: ties go by id
    add(register, "activity", title="Årskonferens", status="GENOMFORD", start_date=date(2026, 1, 1), participants=40)
    tombstone(register, "activity", a["meeting"])
    org = add(register, "organisation", name="Älvdalens kommun", org_type="KOMMUN", municipality_code="2039")
    add(register, "organisation", name="Polisen", org_type="POLIS")
    add(register, "commitment", title="Åtgärdsplan", network_id=a["net_a"], responsible_org_id=org.id,
        due_date=date(2026, 6, 30))
    add(register, "commitment", title="Lägesbild")
    add(register, "problem_area", title="Bedrägerier", municipalities=["0180", "2039"], first_observed=date(2024, 1, 1))
    add(register, "follow_up", municipality_code="0180", year=2025)
    add(register, "county_report", year=2025, case_number="101-1-2025")
    in_sqlite = register.engine.dialect.name == "sqlite"
    asked, database_order = database_sorts
    for kind in queries.DEFAULT_SORT:
        listing = RecordListing(register, kind)
        listing.prepare_sorts()  # what a large table does ahead
        for column in queries.columns(kind):
            for descending in (False, True):
                for deleted in (False, True):
                    ask = dict(sort_field=column.key, descending=descending, include_deleted=deleted)
                    asked.clear()
                    found = listing.ids(search="", filters={}, **ask)
                    # the database sorts in PostgreSQL, and where an index holds the records in order;
                    # but the other way is the order just asked for backwards, where no key sorts last both ways
                    by_database = ((not in_sqlite or queries.index_serves(kind, column.key, deleted))
                                   and not (descending and not queries.sort_nullable(kind, column.key)))
                    assert bool(asked) is by_database, (kind, ask)
                    with register.session() as session:
                        assert found == database_order(session, kind, **ask), (kind, ask)


def test_a_sort_in_memory_has_the_records_changed_since_it_was_read(register, activities, database_sorts):
    """Records added, edited or deleted after the listing read what it sorts by are sorted where
    they now belong, still without asking the database."""
    asked, database_order = database_sorts
    listing = RecordListing(register, "activity")
    listing.prepare_sorts()
    added = add(register, "activity", title="Aaa först", participants=7)
    tombstone(register, "activity", activities["meeting"])
    listing.forget([added.id, activities["meeting"]])
    asked.clear()
    assert queries.index_serves("activity", "start_date", include_deleted=False)  # the activities' default order
    for field in ("title", "participants"):
        for descending in (False, True):
            for deleted in (False, True):
                ask = dict(sort_field=field, descending=descending, include_deleted=deleted)
                found = listing.ids(search="", filters={}, **ask)
                with register.session() as session:
                    assert found == database_order(session, "activity", **ask), ask
    assert (asked == []) is (register.engine.dialect.name == "sqlite")

    with register.session() as session:  # gone from the register, as an undone import's records go
        session.execute(text("DELETE FROM activity WHERE id = :id"), {"id": added.id})
        session.commit()
    listing.forget([added.id])
    ask = dict(sort_field="title", descending=False, include_deleted=True)
    assert added.id not in listing.ids(search="", filters={}, **ask)
    with register.session() as session:
        assert listing.ids(search="", filters={}, **ask) == database_order(session, "activity", **ask)


def _edit(register, kind, record_id, **changes):
    with register.session() as session:
        stored = load_record(session, KINDS[kind], record_id)
        update_record(session, KINDS[kind], record_id, {**stored.content, **changes}, user="testare",
                      reference=load_reference(session))
        session.commit()


def test_a_kept_order_has_a_few_changed_records_moved_where_they_now_belong(register, activities, database_sorts):
    """After an edit (or a few records imported) a large table moves the changed records in the
    orders it keeps, and in their facts lined up for search and filters, rather than sorting every
    record again: each answer must still be the database's, and a fresh listing's, in every column,
    both ways, with and without tombstones, for every kind of change."""
    a = activities
    asked, database_order = database_sorts
    in_sqlite = register.engine.dialect.name == "sqlite"
    doomed = add(register, "activity", title="Att ta bort", participants=3).id

    def edited(record_id: str, **changes) -> list[str]:
        _edit(register, "activity", record_id, **changes)
        return [record_id]

    def deleted(record_id: str) -> list[str]:
        tombstone(register, "activity", record_id)
        return [record_id]

    def gone(record_id: str) -> list[str]:  # as an undone import's records go
        with register.session() as session:
            session.execute(text("DELETE FROM activity WHERE id = :id"), {"id": record_id})
            session.commit()
        return [record_id]

    changes = [
        lambda: edited(a["conference"], title="Aaa först", participants=1, start_date=date(2020, 1, 1)),
        lambda: [add(register, "activity", title="Trygghetsvandring", network_id=a["net_b"], status="PLANERAD",
                     participants=40, activity_type="ATGARDSPLAN", municipalities=["0114"]).id],
        lambda: deleted(a["planning"]),
        lambda: edited(a["meeting"], network_id=None, status="INSTALLD", activity_type="KONFERENS", participants=None),
        lambda: gone(doomed),
        lambda: (edited(a["cancelled"], network_id=a["net_a"], title="ölandsdagen")
                 + edited(a["meeting"], title="Årskonferens", participants=12)),
    ]
    searched = dict(search="konferens trygg", filters={})
    filtered = dict(search="", filters={"status": "GENOMFORD"})
    for step, (column, descending, deleted_too) in enumerate(
            (column, descending, deleted_too) for column in queries.columns("activity")
            for descending in (False, True) for deleted_too in (False, True)):
        ask = dict(sort_field=column.key, descending=descending, include_deleted=deleted_too)
        listing = RecordListing(register, "activity")
        listing.prepare_sorts()
        listing.ids(search="", filters={}, **ask)
        listing.prepare()  # facts lined up with the kept order
        listing.forget(changes[step % len(changes)]())
        asked.clear()
        if in_sqlite:  # neither the database nor the listing sorts every record again
            listing._sorted_in_memory = lambda key: pytest.fail(f"sorted again: {key}")
        found = listing.ids(search="", filters={}, **ask)
        assert asked == [] or not in_sqlite, ask
        with register.session() as session:
            assert found == database_order(session, "activity", **ask), (ask, step)
        for other in (searched, filtered):
            assert listing.ids(**other, **ask) == RecordListing(register, "activity").ids(**other, **ask), (ask, step)


def test_a_sort_the_other_way_is_the_kept_one_backwards_where_no_key_is_empty_both_ways(register, activities,
                                                                                       database_sorts):
    """A second click on a column header reads the kept order backwards, facts and all, rather
    than sorting again: the database's order, on every column, with and without tombstones; where
    a column's empty keys sort last both ways, it is sorted again."""
    a = activities
    add(register, "activity", title="ölandsdagen", status="INSTALLD", start_date=date(2025, 12, 31), participants=12)
    tombstone(register, "activity", a["meeting"])
    asked, database_order = database_sorts
    for column in queries.columns("activity"):
        for deleted in (False, True):
            listing = RecordListing(register, "activity")
            first = dict(sort_field=column.key, descending=False, include_deleted=deleted)
            listing.ids(search="", filters={}, **first)
            listing.prepare()
            asked.clear()
            backwards = first | {"descending": True}
            found = listing.ids(search="", filters={}, **backwards)
            assert (asked == []) is not queries.sort_nullable("activity", column.key), column.key
            with register.session() as session:
                assert found == database_order(session, "activity", **backwards), backwards
            searched = dict(search="konferens", filters={"status": "GENOMFORD"})
            assert listing.ids(**searched, **backwards) == RecordListing(register, "activity").ids(
                **searched, **backwards), backwards


def test_a_kept_order_is_sorted_again_when_the_names_it_sorts_by_change(register, activities):
    """A network renamed along with a changed activity: the activities of the network move too."""
    a = activities
    listing = RecordListing(register, "activity")
    listing.prepare_sorts()
    ask = dict(search="", filters={}, sort_field="network_id", descending=False, include_deleted=False)
    same_network = sorted([a["planning"], a["conference"]])
    assert listing.ids(**ask) == [a["meeting"], *same_network, a["cancelled"]]  # Alfa < Ärende
    _edit(register, "network", a["net_b"], name="Östra nätverket")
    _edit(register, "activity", a["cancelled"], title="Ölandsdagen igen")
    listing.forget([a["cancelled"]], names_changed=True)
    assert listing.ids(**ask) == [*same_network, a["meeting"], a["cancelled"]]  # Ärende < Östra


def test_a_sort_in_memory_follows_a_renamed_network(register, activities):
    """A network's name is what its activities sort by: renamed, the next sort has the new name."""
    listing = RecordListing(register, "activity")
    listing.prepare_sorts()
    ask = dict(search="", filters={}, sort_field="network_id", descending=False, include_deleted=False)
    a = activities
    same_network = sorted([a["planning"], a["conference"]])  # ties go by id
    assert listing.ids(**ask) == [a["meeting"], *same_network, a["cancelled"]]  # Alfa < Ärende
    with register.session() as session:
        stored = load_record(session, KINDS["network"], a["net_b"])
        update_record(session, KINDS["network"], stored.id, {**stored.content, "name": "Östra nätverket"},
                      user="testare", reference=load_reference(session))
        session.commit()
    listing.forget([])  # what a table does when names it shows change
    assert listing.ids(**ask) == [*same_network, a["meeting"], a["cancelled"]]  # Ärende < Östra


def test_tombstones_are_hidden_unless_asked_for(register, activities):
    tombstone(register, "activity", activities["meeting"])
    assert activities["meeting"] not in ids(register)
    assert activities["meeting"] not in ids(register, search="nätverksträff")
    assert ids(register, search="nätverksträff", deleted=True) == [activities["meeting"]]
    assert len(ids(register, deleted=True)) == 4
    assert rows(register, "activity", [activities["meeting"]])[activities["meeting"]].deleted is True


def test_display_values_in_both_languages(register, activities):
    a = activities
    shown = rows(register, "activity", [a["planning"], a["cancelled"], "no-such-id"])
    assert set(shown) == {a["planning"], a["cancelled"]}
    labels = [c.label("sv") for c in queries.columns("activity")]
    assert labels == ["Rubrik", "Startdatum", "Typ av aktivitet", "Status", "Nätverk", "Kommuner",
                      "Antal deltagare", "Ursprung"]
    assert shown[a["planning"]] == queries.DisplayRow(
        ("Planering av ÅTGÄRDSPLAN för Örebro", "2024-05-02", "Stöd till åtgärdsplan", "Planerad",
         "Ärendenätverket", "Stockholm, Upplands Väsby", "12", "Stockholms län"),
        False,
    )
    assert shown[a["cancelled"]].values[4:7] == ("", "", "")
    english = rows(register, "activity", [a["planning"]], "en")[a["planning"]].values
    assert english[2:4] == ("Support for an action plan", "Planned")
    assert [c.label("en") for c in queries.columns("activity")][:2] == ["Title", "Start date"]


def test_records_of_the_whole_country_show_and_filter_by_their_origin(make_register):
    """Brå's register (and a county's after a national bundle) holds records of many producers."""
    from bra_desktop.store.bulk import insert_records

    brå = make_register("BRA")
    base = {"activity_type": "NATVERKSTRAFF", "status": "GENOMFORD", "start_date": date(2026, 1, 1)}
    with brå.session() as session:
        insert_records(session, KINDS["activity"], [
            ("a-12", "12", {**base, "title": "Skånsk träff"}),
            ("a-01", "01", {**base, "title": "Stockholmsträff"}),
            ("a-bra", "BRA", {**base, "title": "Nationell träff"}),
        ], user="test", source="test")
        session.commit()
        assert queries.filter_options(session, "activity", "sv")[queries.ORIGIN] == [
            ("BRA", "Brå"), ("01", "Stockholms län"), ("12", "Skåne län")]
    assert ids(brå, filters={queries.ORIGIN: "12"}) == ["a-12"]
    assert ids(brå, filters={queries.ORIGIN: None}, sort=queries.ORIGIN) == ["a-01", "a-12", "a-bra"]
    shown = rows(brå, "activity", ["a-12", "a-bra"])
    assert [shown[i].values[-1] for i in ("a-12", "a-bra")] == ["Skåne län", "Brå"]
    assert [f.label("sv") for f in queries.filters("activity")][-1] == "Ursprung"


def test_display_values_of_references_and_municipality(register):
    org = add(register, "organisation", name="Solna stad", org_type="KOMMUN", municipality_code="0184")
    network = add_network(register, "Nät", "KARN", subject_area="VALD", active_from=date(2024, 1, 1),
                          convener_org_id=org.id, meeting_cadence="KVARTALSVIS")
    commitment = add(register, "commitment", title="Åtagande", network_id=network.id, responsible_org_id=org.id,
                     due_date=date(2026, 6, 30), status="FORSENAT")
    assert rows(register, "commitment", [commitment.id])[commitment.id].values == (
        "Åtagande", "Nät", "Solna stad", "2026-06-30", "Försenat", "Stockholms län")
    assert rows(register, "organisation", [org.id])[org.id].values == ("Solna stad", "Kommun", "", "Solna", "Stockholms län")
    assert rows(register, "network", [network.id])[network.id].values == (
        "Nät", "Kärnnätverk", "Våldsförebyggande arbete", "Solna stad", "Varje kvartal", "2024-01-01", "", "Stockholms län")


def test_filter_options(register, activities):
    tombstone(register, "network", activities["net_b"])
    tombstone(register, "activity", add(register, "activity", title="Borttagen", start_date=date(2019, 3, 3)).id)
    with register.session() as session:
        options = queries.filter_options(session, "activity", "sv")
        english = queries.filter_options(session, "activity", "en")
        organisation = queries.filter_options(session, "organisation", "sv")
    assert list(options) == [f.key for f in queries.filters("activity")]
    assert options["year"] == [(2026, "2026"), (2025, "2025"), (2024, "2024")]
    assert options["network_id"] == [(activities["net_a"], "Ärendenätverket")]
    assert options["status"] == [("PLANERAD", "Planerad"), ("GENOMFORD", "Genomförd"), ("INSTALLD", "Inställd")]
    assert english["status"][0] == ("PLANERAD", "Planned")
    assert len(options["subject_areas"]) == 9
    municipalities = options["municipalities"]
    assert len(municipalities) == 290
    own = [name for code, name in municipalities[:26]]
    assert all(code.startswith("01") for code, _name in municipalities[:26])
    assert own[:3] == ["Botkyrka", "Danderyd", "Ekerö"] and own[-2:] == ["Värmdö", "Österåker"]
    assert not municipalities[26][0].startswith("01")
    assert organisation["municipality_code"] == municipalities
    assert [f.label("sv") for f in queries.filters("activity")] == [
        "År", "Nätverk", "Ämnesområden", "Kommuner", "Status", "Typ av aktivitet", "Målgrupp", "Organisationer",
        "Ursprung"]


def test_the_target_group_filter_finds_the_main_target_group_and_the_further_ones(register):
    main = add(register, "activity", title="Utbildning för regionen", target_group="REGIONER")
    further = add(register, "activity", title="Träff", target_group="SAMORDNARE", other_target_groups=["REGIONER"])
    add(register, "activity", title="Annan träff", target_group="SAMORDNARE")
    [target] = [f for f in queries.filters("activity") if f.key == "target_group"]
    with register.session() as session:
        assert queries.link_owners(session, target, "REGIONER") == {main.id, further.id}


def test_the_organisation_filter_names_other_counties_organisations_with_their_county(register, make_register):
    bra = make_register("BRA")
    own = add(bra, "organisation", name="Polisregion Stockholm", org_type="POLIS")
    with bra.session() as session:
        other = create_record(session, KINDS["organisation"], {"name": "Polisregion Stockholm", "org_type": "POLIS"},
                              user="testare", origin="09", reference=load_reference(session))
        session.commit()
        options = dict(queries.filter_options(session, "activity", "sv")["organisations"])
    assert options[own.id] == "Polisregion Stockholm" and options[other.id] == "Polisregion Stockholm – Gotlands län"
    assert list(options).index(own.id) < list(options).index(other.id)  # the register's own first


def test_counties_in_code_order(register):
    with register.session() as session:
        found = queries.counties(session)
    assert len(found) == 21 and found[0] == ("01", "Stockholms län") and found[-1][0] == "25"


def test_swedish_sort_key():
    names = ["Östra", "ärende", "Åre", "zebra", "Alfa", "örn"]
    assert sorted(names, key=queries.swedish_sort_key) == ["Alfa", "zebra", "Åre", "ärende", "örn", "Östra"]


def test_a_table_query_is_a_handful_of_statements(register, activities):
    """Tables must stay fast on 200,000 rows: no statement per row, whatever the filters and sort."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(register.engine, "before_cursor_execute", record)
    try:
        found = ids(register, sort="network_id", filters={"subject_areas": "UNGA", "year": 2025}, search="trygghet")
        rows(register, "activity", found)
    finally:
        event.remove(register.engine, "before_cursor_execute", record)
    assert found == [activities["meeting"]]
    assert len(statements) <= 6  # ids in order; facts; owners of the subject area; code labels, origin names, rows


ASKS = [
    dict(search=search, filters=filters, sort_field=sort, descending=descending, include_deleted=deleted)
    for search in ("", "åtgärdsplan", "ÖREBRO", "nätverksträff trygghet", "100%", "_ok", "ö", "ör", "saknas")
    for filters, sort, descending, deleted in (
        ({}, "title", False, False),
        ({"year": 2025}, "start_date", True, False),
        ({"subject_areas": "UNGA"}, "network_id", False, True),
        ({"status": "GENOMFORD", "municipalities": "0114"}, "title", False, True),
        ({"year": "2024", "network_id": "—"}, "title", False, False),
    )
]
"""Asks of a table in an order that takes every shortcut a listing has: a kept order, the last
filtered records, a search typed on from the one before, and back."""


def test_what_a_listing_keeps_gives_what_a_fresh_one_gives(register, activities):
    """The listing keeps orders, filtered records and the last search to answer the next ask
    quickly; every answer must be what a listing that kept nothing gives."""
    tombstone(register, "activity", activities["cancelled"])
    kept = RecordListing(register, "activity")
    for ask in [*ASKS, *reversed(ASKS)]:
        assert kept.ids(**ask) == RecordListing(register, "activity").ids(**ask), ask
    assert kept.ids(**ASKS[0]) == ids(register)


def test_the_listing_forgets_changed_records(register, activities):
    listing = RecordListing(register, "activity")
    ask = dict(filters={}, sort_field="title", descending=False, include_deleted=False)
    assert listing.ids(search="konferens", **ask) == [activities["conference"]]
    renamed = add(register, "activity", title="Höstkonferens")
    listing.forget([renamed.id])
    assert listing.ids(search="konferens", **ask) == [renamed.id, activities["conference"]]
    tombstone(register, "activity", renamed.id)
    listing.forget([renamed.id])
    assert listing.ids(search="konferens", **ask) == [activities["conference"]]

    filtered = ask | {"filters": {"year": 2026, "status": "GENOMFORD"}}
    assert listing.ids(search="", **filtered) == [activities["conference"]]
    with register.session() as session:
        stored = load_record(session, KINDS["activity"], activities["conference"])
        update_record(session, KINDS["activity"], stored.id, {**stored.content, "status": "INSTALLD",
                      "start_date": date(2025, 5, 5)}, user="testare", reference=load_reference(session))
        session.commit()
    listing.forget([activities["conference"]])
    assert listing.ids(search="", **filtered) == []
    assert listing.ids(search="", **ask | {"filters": {"year": 2025, "status": "INSTALLD"}}) == [
        activities["conference"], activities["cancelled"]]  # Å before Ö


def test_a_listing_read_ahead_searches_what_the_register_holds(register, activities):
    """The facts read ahead on a thread line up with the kept orders, unless records changed while
    they were read: then an order asked for meanwhile must not be filtered or searched with the old ones."""
    listing = RecordListing(register, "activity")
    ask = dict(filters={}, sort_field="title", descending=False, include_deleted=False)
    listing.ids(search="", **ask)
    listing.prepare()
    assert listing.ids(search="konferens", **ask) == [activities["conference"]]

    listing = RecordListing(register, "activity")
    read = listing.facts
    added = []

    def read_while_a_record_is_added() -> dict:
        facts = dict(read())  # what a read gives that a change overtakes: not kept, but returned
        added.append(add(register, "activity", title="Höstkonferens", status="INSTALLD"))
        listing.forget([added[0].id])
        listing.ids(search="", **ask)  # the table asks again, before the read-ahead lines up its facts
        return facts

    listing.facts = read_while_a_record_is_added
    listing.prepare()
    listing.facts = read
    assert listing.ids(search="konferens", **ask) == [added[0].id, activities["conference"]]
    assert listing.ids(search="", **ask | {"filters": {"status": "INSTALLD"}}) == [added[0].id,
                                                                                   activities["cancelled"]]


def test_search_texts_lined_up_in_pieces_stay_with_their_ids():
    """Texts are copied together a piece at a time (for memory order); each id keeps its own text,
    across pieces, for ids without a text, and where a text holds the copying's separator."""

    ids = [f"id-{n}" for n in range(2 * listing._PACK + 7)]
    facts = {record_id: (f"text {n}", n) for n, record_id in enumerate(ids) if n != 3}
    facts[ids[listing._PACK + 1]] = (f"odd{listing._SEPARATOR}text", -1)
    ordered = listing._Ordered(list(reversed(ids)))
    ordered.align(facts, ("", None))
    assert ordered.texts == [facts.get(record_id, ("",))[0] for record_id in reversed(ids)]
    assert ordered.column(1) == [facts.get(record_id, ("", None))[1] for record_id in reversed(ids)]


def test_what_a_listing_sorts_by_is_read_a_part_at_a_time_with_a_pause_after_each(register, activities,
                                                                                   database_sorts, monkeypatch):
    """A large table reads what it sorts by on a thread of its own, and waits between the parts
    while a person asks it for something (`table_model._Quiet`); the sorts are the same."""
    monkeypatch.setattr(listing, "READ_PART", 2)
    asked, database_order = database_sorts
    in_sqlite = register.engine.dialect.name == "sqlite"
    paused: list[int] = []
    held = RecordListing(register, "activity")
    held.prepare_sorts(pause=lambda: paused.append(len(paused)))
    assert len(paused) == (2 if in_sqlite else 0)  # four activities, two a part; PostgreSQL sorts them itself
    for field in ("title", "participants", "municipalities"):
        for descending in (False, True):
            ask = dict(sort_field=field, descending=descending, include_deleted=True)
            asked.clear()
            found = held.ids(search="", filters={}, **ask)
            backwards = descending and not queries.sort_nullable("activity", field)  # the ascending order read backwards
            assert (asked == []) is (in_sqlite or backwards), ask
            with register.session() as session:
                assert found == database_order(session, "activity", **ask), ask
