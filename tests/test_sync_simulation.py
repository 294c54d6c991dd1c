"""Sync between Brå and the counties: cases where an import lost or broke data, kept as plain tests."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import CHANGES, FULL, export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import DELETED_FIELD, INCOMING, LOCAL, Action
from bra_desktop.bundle.reader import derived_id
from bra_desktop.bundle.schema import sheet_for_kind
from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS
from bra_desktop.store.reference import load_reference
from bra_desktop.store.register import NATIONAL, Register
from bra_desktop.store.repository import create_record, delete_record, load_record, update_record
from bra_desktop.store.stream import stream_records

from conftest import add
from register_data import RegisterFactory, code_lists, counties, municipalities
from workbook_edits import EditedBundle

"""Why a row may be rejected in the simulation; any other reason fails it."""

"""The fields edits write unique values to; a record's tombstone flag is tracked too."""


# --- the cases the simulation found, kept as plain tests ---------------------------------------------


@pytest.fixture
def factory(tmp_path):
    made = RegisterFactory(tmp_path)
    yield made
    made.close_all()


def imported(register: Register, path: Path, choice: str | None = None):
    """Plan and apply `path`; conflicts, if any, decided by `choice`."""
    plan = prepare_import(register, path)
    if choice is not None:
        plan.decide_all(choice)
    apply_plan(register, plan, user="test")
    return plan


def stored(register: Register, kind: str, record_id: str):
    with register.session() as session:
        return load_record(session, KINDS[kind], record_id)


def edit(register: Register, kind: str, record_id: str, **changes) -> None:
    with register.session() as session:
        current = load_record(session, KINDS[kind], record_id)
        update_record(session, KINDS[kind], record_id, {**current.content, **changes}, user="test",
                      reference=load_reference(session))
        session.commit()


def test_a_tombstone_linking_to_a_record_the_importer_lacks_is_rejected_not_a_crash(factory, tmp_path):
    """A deleted commitment still carries its links, and they are written: a link to an activity
    Brå has not received (it came in a bundle Brå has not read) broke the import with a foreign-key
    error. The row is rejected like any row with a dangling link; the rest is imported."""
    county, brå = factory.open("01", "county"), factory.open(NATIONAL, "bra")
    activity = add(county, "activity", title="Träff")
    commitment = add(county, "commitment", title="Lägesbild", activities=[activity.id])
    export_bundle(county, tmp_path / "first.xlsx", user="anna")  # never read by Brå
    with county.session() as session:
        delete_record(session, KINDS["commitment"], commitment.id, user="anna")
        session.commit()
    network = add(county, "network", name="Nytt nätverk")
    changes = export_bundle(county, tmp_path / "changes.xlsx", user="anna", scope=CHANGES).path
    plan = imported(brå, changes)
    assert [str(p) for r in plan.rejected for p in r.problems] == [
        f"Fliken Åtaganden, rad 2, kolumn Aktiviteter: hänvisar till en post som inte finns ({activity.id})"]
    assert stored(brå, "network", network.id) is not None and stored(brå, "commitment", commitment.id) is None


def test_a_hand_edit_of_another_producers_record_is_refused(factory, tmp_path):
    """A register changes only the records it owns. A county that took a person's edit of Brå's
    record (or of a row deleted) from Brå's bundle held a copy Brå never heard of, for good: later
    bundles with Brå's older version were stale against it. Brå likewise for a county's record."""
    county, brå = factory.open("01", "county"), factory.open(NATIONAL, "bra")
    first, second = add(brå, "network", name="Kärnnätverket", kind="KARN"), add(brå, "network", name="Operativt", kind="OPERATIVT")
    activity = add(county, "activity", title="Träff")
    imported(brå, export_bundle(county, tmp_path / "county.xlsx", user="anna").path)
    national = export_bundle(brå, tmp_path / "national.xlsx", user="analytiker").path
    imported(county, national)

    book = EditedBundle(export_bundle(brå, tmp_path / "national-2.xlsx", user="analytiker").path)
    book.set("Nätverk", first.id, "Namn", "Ändrat i länet")
    book.delete_row("Nätverk", second.id)
    book.set("Aktiviteter", activity.id, "Antal deltagare", 30)  # the county's own record: taken
    plan = imported(county, book.save(tmp_path / "national-edited.xlsx"))
    assert [str(p) for r in plan.rejected for p in r.problems] == [
        "Fliken Nätverk, rad 2: posten kommer från Brå och kan bara ändras där; ändringen i Excel läses inte in"]
    assert {r.record_id: r.action for r in plan.records if r.action != Action.UNCHANGED} == {activity.id: Action.UPDATE}
    assert stored(county, "network", first.id).content["name"] == "Kärnnätverket"
    assert not stored(county, "network", second.id).deleted
    assert stored(county, "activity", activity.id).content["participants"] == 30

    book = EditedBundle(export_bundle(county, tmp_path / "county-2.xlsx", user="anna").path)
    book.set("Aktiviteter", activity.id, "Rubrik", "Ändrad hos Brå")
    plan = prepare_import(brå, book.save(tmp_path / "county-edited.xlsx"))
    assert [str(p) for r in plan.rejected for p in r.problems] == [
        "Fliken Aktiviteter, rad 2: posten kommer från län 01 och kan bara ändras där; ändringen i Excel läses inte in"]
    book.delete_row("Aktiviteter", activity.id)
    plan = prepare_import(brå, book.save(tmp_path / "county-row-deleted.xlsx"))
    assert plan.records == [] and not plan.rejected  # a row deleted from another's bundle deletes nothing


def test_an_older_bundle_of_ones_own_does_not_delete_the_records_made_after_it(factory, tmp_path):
    """A full bundle lacks the records its producer made after it; a register reading an older
    bundle of its own (sent back after corrections) deleted them as "deleted in Excel"."""
    county = factory.open("01", "county")
    network = add(county, "network", name="Länsnätverket")
    older = export_bundle(county, tmp_path / "older.xlsx", user="anna").path
    activity = add(county, "activity", title="Träff efter det äldre paketet")
    export_bundle(county, tmp_path / "newer.xlsx", user="anna")
    book = EditedBundle(older)
    book.set("Nätverk", network.id, "Beskrivning", "Rättad av Brå")
    plan = imported(county, book.save(tmp_path / "older-edited.xlsx"))
    assert {r.record_id: r.action for r in plan.records} == {network.id: Action.UPDATE}
    assert not stored(county, "activity", activity.id).deleted


def test_a_hand_edit_in_an_older_copy_than_the_base_is_a_conflict_on_every_difference(factory, tmp_path):
    """An old bundle of the county's own, corrected in Excel and read back after the county changed
    the record and sent it again: the file's other cells are old values, not edits. Taken three-way
    against the newer base they undid the county's change without a word."""
    county = factory.open("01", "county")
    activity = add(county, "activity", title="Träff", participants=10)
    older = export_bundle(county, tmp_path / "older.xlsx", user="anna").path
    edit(county, "activity", activity.id, participants=25)
    export_bundle(county, tmp_path / "newer.xlsx", user="anna")
    book = EditedBundle(older)
    book.set("Aktiviteter", activity.id, "Rubrik", "Rättad rubrik")
    plan = prepare_import(county, book.save(tmp_path / "older-edited.xlsx"))
    (record,) = plan.records
    assert record.action == Action.CONFLICT and record.stale
    assert [(d.field, d.local, d.incoming, d.conflict) for d in record.diffs] == [
        ("title", "Träff", "Rättad rubrik", True), ("participants", 25, 10, True)]
    assert "ändrad i Excel i en inaktuell kopia (version 1, registrets är 2)" in record.notes


def test_a_hand_edit_does_not_become_the_base(factory, tmp_path):
    """Two copies of the same version, corrected in different cells and read one after the other:
    the first correction was saved as the base of that version, so the second copy's unchanged
    cell looked like a change of its own and undid the first correction."""
    county = factory.open("01", "county")
    activity = add(county, "activity", title="Träff", participants=10)
    one = export_bundle(county, tmp_path / "one.xlsx", user="anna").path
    two = export_bundle(county, tmp_path / "two.xlsx", user="anna").path
    book = EditedBundle(one)
    book.set("Aktiviteter", activity.id, "Beskrivning", "Rättad beskrivning")
    imported(county, book.save(tmp_path / "one-edited.xlsx"))
    book = EditedBundle(two)
    book.set("Aktiviteter", activity.id, "Antal deltagare", 12)
    plan = imported(county, book.save(tmp_path / "two-edited.xlsx"))
    assert [(r.action, [(d.field, d.choice) for d in r.diffs]) for r in plan.records] == [
        (Action.MERGE, [("participants", INCOMING), ("description", LOCAL)])]
    content = stored(county, "activity", activity.id).content
    assert (content["description"], content["participants"]) == ("Rättad beskrivning", 12)


def test_two_counties_adding_a_row_in_the_same_place_of_brås_bundle_make_two_records(factory, tmp_path):
    """A row added without an id got an id derived from the file, sheet and row alone. Every county
    gets the same bundle from Brå; two counties adding a network at the end of its sheet made two
    records with one id, and Brå took the second for an update of the first (keeping the first
    county as its owner). The id now depends on the importing register too."""
    brå, stockholm, skåne = factory.open(NATIONAL, "bra"), factory.open("01", "01"), factory.open("12", "12")
    add(brå, "network", name="Kärnnätverket", kind="KARN")
    national = export_bundle(brå, tmp_path / "national.xlsx", user="analytiker").path
    ids = {}
    for county, name in ((stockholm, "Stockholms lokala nätverk"), (skåne, "Skånes lokala nätverk")):
        book = EditedBundle(national)
        book.add_row("Nätverk", {"Namn": name, "Typ av nätverk": "LOKALT"})
        plan = imported(county, book.save(tmp_path / f"national-{county.producer}.xlsx"))
        (new,) = [r for r in plan.records if r.incoming is not None and not r.incoming.id_given]
        ids[county.producer] = new.record_id
        assert stored(county, "network", new.record_id).origin == county.producer
        imported(brå, export_bundle(county, tmp_path / f"county-{county.producer}.xlsx", user="anna").path)
    assert ids["01"] != ids["12"]
    assert stored(brå, "network", ids["01"]).content["name"] == "Stockholms lokala nätverk"
    assert stored(brå, "network", ids["12"]).content["name"] == "Skånes lokala nätverk"
    assert (stored(brå, "network", ids["01"]).origin, stored(brå, "network", ids["12"]).origin) == ("01", "12")


def test_a_copy_that_skipped_a_delete_and_restore_takes_the_new_version(factory, tmp_path):
    """Brå deletes a network and restores it; a county that skipped the bundle with the deletion
    reads the next one: same content, so "unchanged", but its copy kept the old version. Reading
    the skipped bundle afterwards (out of order) then looked like news, not a stale copy, and
    deleted the network Brå had restored."""
    brå, county = factory.open(NATIONAL, "bra"), factory.open("01", "county")
    network = add(brå, "network", name="Kärnnätverket", kind="KARN")
    imported(county, export_bundle(brå, tmp_path / "first.xlsx", user="analytiker").path)
    with brå.session() as session:
        delete_record(session, KINDS["network"], network.id, user="analytiker")
        session.commit()
    deleted = export_bundle(brå, tmp_path / "deleted.xlsx", user="analytiker").path
    edit(brå, "network", network.id)  # restores it, same content
    restored = export_bundle(brå, tmp_path / "restored.xlsx", user="analytiker").path
    plan = imported(county, restored)
    assert [r.action for r in plan.records] == [Action.UNCHANGED]
    assert stored(county, "network", network.id).version == stored(brå, "network", network.id).version == 3
    plan = imported(county, deleted)
    assert [(r.action, r.stale) for r in plan.records] == [(Action.KEEP_LOCAL, True)]
    assert not stored(county, "network", network.id).deleted


