"""Fields added to existing kinds by bundle format 3: what they hold, how they sync, and that records
which do not use them, and bundles of the format before, are as they were."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.schema import fields_not_carried
from bra_desktop.domain.content import canonical_json, content_hash, normalise
from bra_desktop.domain.fields import ACTIVITY, KINDS, NETWORK, PROBLEM_AREA
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_record, update_record
from conftest import add, write_as_format

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]

ADDED = {
    "network": {"convener_org_id", "members", "meeting_cadence"},
    "activity": {"county_role", "other_target_groups", "sharing"},
    "commitment": {"municipalities", "sharing"},
    "problem_area": {"theme", "sharing"},
}


def folder(tmp_path, name):
    (tmp_path / name).mkdir(exist_ok=True)
    return tmp_path / name


def test_the_fields_format_3_added_are_known_as_added():
    assert {key: set(kind.added_fields) for key, kind in KINDS.items() if kind.added_fields} == ADDED
    assert fields_not_carried(NETWORK, personal_data=True, format_version=2) == ADDED["network"]
    assert fields_not_carried(NETWORK, personal_data=True, format_version=3) == frozenset()


def test_an_added_field_left_empty_is_not_in_the_canonical_form_and_a_filled_one_is():
    plain = normalise(NETWORK, {"name": "Länsnätverket", "kind": "REGIONALT"})
    assert canonical_json(NETWORK, plain) == (
        '{"active_from":null,"active_to":null,"description":null,"kind":"REGIONALT","name":"Länsnätverket",'
        '"subject_area":null}'
    )
    with_cadence = {**plain, "meeting_cadence": "KVARTALSVIS"}
    assert '"meeting_cadence":"KVARTALSVIS"' in canonical_json(NETWORK, with_cadence)
    assert content_hash(NETWORK, with_cadence) != content_hash(NETWORK, plain)
    # an old field stays in the form empty: a field of the same name added to another kind does not
    # change the activities' form
    assert '"municipalities":[]' in canonical_json(ACTIVITY, normalise(ACTIVITY, {"title": "Träff"}))
    assert '"theme"' not in canonical_json(PROBLEM_AREA, normalise(PROBLEM_AREA, {"title": "Bedrägerier"}))


def test_a_network_with_members_and_convener_goes_to_bra_and_back(register, make_register, tmp_path):
    bra = make_register("BRA")
    police = add(register, "organisation", name="Polisregion Stockholm", org_type="POLIS")
    region = add(register, "organisation", name="Region Stockholm", org_type="REGION")
    network = add(register, "network", name="Länsnätverket", convener_org_id=police.id,
                  members=[police.id, region.id], meeting_cadence="KVARTALSVIS")
    commitment = add(register, "commitment", municipalities=["0180", "0184"], network_id=network.id)
    activity = add(register, "activity", county_role="MEDARRANGOR", target_group="SAMORDNARE",
                   other_target_groups=["REGIONER", "POLIS"])
    problem = add(register, "problem_area", theme="BEDRAGERI")
    plan = prepare_import(bra, export_bundle(register, folder(tmp_path, "ut"), user="anna").path)
    assert not plan.rejected and {r.action for r in plan.records} == {Action.NEW}
    apply_plan(bra, plan, user="analytiker")
    with bra.session() as session:
        for record in (network, commitment, activity, problem):
            assert load_record(session, KINDS[record.kind.key], record.id).content == record.content
    national = export_bundle(bra, folder(tmp_path, "nationellt"), user="analytiker").path
    assert all(r.action == Action.UNCHANGED for r in prepare_import(register, national).records)


def test_a_bundle_of_format_2_keeps_what_the_register_holds_in_the_added_fields(register, make_register, tmp_path,
                                                                               monkeypatch):
    bra = make_register("BRA")
    police = add(register, "organisation", name="Polisregion Stockholm", org_type="POLIS")
    network = add(register, "network", name="Länsnätverket", description="Fyra träffar om året.",
                  convener_org_id=police.id, members=[police.id], meeting_cadence="KVARTALSVIS")
    apply_plan(bra, prepare_import(bra, export_bundle(register, folder(tmp_path, "ut"), user="anna").path),
               user="analytiker")
    with register.session() as session:
        update_record(session, NETWORK, network.id, {**network.content, "description": "Sex träffar om året."},
                      user="anna", reference=load_reference(session))
        session.commit()
    with monkeypatch.context() as as_before:
        write_as_format(as_before, 2)
        old = export_bundle(register, folder(tmp_path, "gammalt"), user="anna").path
    assert "Medlemmar" not in [c.value for c in next(load_workbook(old, read_only=True)["Nätverk"].iter_rows(max_row=1))]

    plan = prepare_import(bra, old)
    assert not plan.rejected and not plan.contents.edited_after_signing
    [changed] = [r for r in plan.records if r.record_id == network.id]
    assert changed.action == Action.UPDATE and [d.field for d in changed.diffs] == ["description"]
    apply_plan(bra, plan, user="analytiker")
    with bra.session() as session:
        kept = load_record(session, NETWORK, network.id).content
    assert kept["description"] == "Sex träffar om året."
    assert (kept["convener_org_id"], kept["members"], kept["meeting_cadence"]) == (police.id, (police.id,), "KVARTALSVIS")
    # the base kept the register's values too: the next bundle of format 3 finds nothing changed
    current = export_bundle(register, folder(tmp_path, "nytt"), user="anna").path
    assert next(r for r in prepare_import(bra, current).records if r.record_id == network.id).action == Action.UNCHANGED
