"""Brå's kärnnätverk and operative networks: in every register from the start, the same records
everywhere, Brå's to change."""

from __future__ import annotations

import pytest

from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.demo import fill_demo_register
from bra_desktop.domain import national_structure
from bra_desktop.domain.fields import KINDS, NETWORK
from bra_desktop.domain.producer import NATIONAL
from bra_desktop.store.changelog import history
from bra_desktop.store.errors import ReadOnlyRecord
from bra_desktop.store.stream import stream_records
from bra_desktop.store.reference import load_reference
from bra_desktop.store.register import open_register
from bra_desktop.store.repository import load_record, update_record

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]


@pytest.fixture
def county(register):
    """The test's county register, begun as `init` and the first start begin one."""
    register.start("01")
    return register


@pytest.fixture
def national(make_register):
    bra = make_register("BRA")
    bra.start(NATIONAL)
    return bra


def structure(register):
    with register.session() as session:
        return {r.id: load_record(session, KINDS[r.kind_key], r.id) for r in national_structure.RECORDS}


def test_a_new_register_holds_the_national_networks_with_their_fixed_ids(county):
    held = structure(county)
    assert all(record is not None for record in held.values())
    core = held[national_structure.CORE_NETWORK]
    assert core.content["name"] == "Nationellt kärnnätverk för brottsförebyggande arbete" and core.content["kind"] == "KARN"
    assert (core.origin, core.version, core.updated_by) == (NATIONAL, 1, "Brå")
    assert core.content["convener_org_id"] == national_structure.BRA
    assert set(core.content["members"]) == {national_structure.BRA, national_structure.POLICE, national_structure.SKR}
    operative = [r for r in held.values() if r.kind.key == "network" and r.content["kind"] == "OPERATIVT"]
    assert sorted(r.content["subject_area"] for r in operative) == ["EKO", "NARINGSLIV", "UNGA", "VALD"]
    with county.session() as session:
        assert history(session, national_structure.CORE_NETWORK)[0].source == "brå-struktur"


def test_a_county_links_to_them_but_cannot_change_them(county):
    with county.session() as session:
        core = load_record(session, NETWORK, national_structure.CORE_NETWORK)
        with pytest.raises(ReadOnlyRecord):
            update_record(session, NETWORK, core.id, {**core.content, "description": "Ändrad"}, user="anna",
                          reference=load_reference(session), owner="01")


def test_bras_edit_of_one_stays_when_the_register_opens_again(national, tmp_path):
    bra = national
    with bra.session() as session:
        core = load_record(session, NETWORK, national_structure.CORE_NETWORK)
        update_record(session, NETWORK, core.id, {**core.content, "meeting_cadence": "KVARTALSVIS"}, user="analytiker",
                      reference=load_reference(session), owner=NATIONAL)
        session.commit()
    again = open_register(bra.url, tmp_path / "backups")  # the same database, opened a second time
    try:
        kept = structure(again)[national_structure.CORE_NETWORK]
        assert (kept.version, kept.content["meeting_cadence"]) == (2, "KVARTALSVIS")
        with again.session() as session:
            assert len([n for n in stream_records(session, NETWORK) if n.content["kind"] == "KARN"]) == 1
    finally:
        again.close()


def test_county_and_bra_exchange_them_as_the_same_records(county, national, tmp_path):
    (tmp_path / "ut").mkdir()
    bundle = export_bundle(national, tmp_path / "ut", user="analytiker").path
    plan = prepare_import(county, bundle)
    structure_ids = {r.id for r in national_structure.RECORDS}
    planned = {r.record_id: r.action for r in plan.records if r.record_id in structure_ids}
    assert planned and set(planned.values()) == {Action.UNCHANGED}


def test_bras_edit_reaches_a_county_as_an_update_not_a_conflict(county, national, tmp_path):
    """Every register holds the first versions from its start: they are the base of the first exchange."""
    with national.session() as session:
        core = load_record(session, NETWORK, national_structure.CORE_NETWORK)
        update_record(session, NETWORK, core.id, {**core.content, "meeting_cadence": "HALVARSVIS"}, user="analytiker",
                      reference=load_reference(session), owner=NATIONAL)
        session.commit()
    (tmp_path / "ut").mkdir()
    plan = prepare_import(county, export_bundle(national, tmp_path / "ut", user="analytiker").path)
    [edited] = [r for r in plan.records if r.record_id == national_structure.CORE_NETWORK]
    assert edited.action == Action.UPDATE and [d.field for d in edited.diffs] == ["meeting_cadence"]


def test_demo_data_links_to_the_national_networks_and_makes_none_of_its_own(register):
    fill_demo_register(register, activities=200, user="demo")
    with register.session() as session:
        networks = list(stream_records(session, NETWORK))
        activities = list(stream_records(session, KINDS["activity"]))
    operative = [n for n in networks if n.content["kind"] in ("KARN", "OPERATIVT")]
    assert {n.id for n in operative} == {r.id for r in national_structure.NETWORKS}
    assert any(a.content["network_id"] in {r.id for r in national_structure.NETWORKS} for a in activities)
    regional = [n for n in networks if n.origin == "01"]
    assert regional and all(n.content["convener_org_id"] and n.content["members"] and n.content["meeting_cadence"]
                            for n in regional)
