"""A record's history as a person reads it: who changed what, when, from where, in names."""

from __future__ import annotations

from datetime import date

import pytest

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.domain.fields import ACTIVITY
from bra_desktop.store.history import record_history
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import delete_record, load_record, update_record
from conftest import add

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]


def test_each_change_with_its_fields_in_names_newest_first(register):
    network = add(register, "network", name="Länsnätverket")
    activity = add(register, "activity", title="Träff", status="PLANERAD", start_date=date(2026, 3, 12))
    with register.session() as session:
        update_record(session, ACTIVITY, activity.id, {**activity.content, "title": "Länsträff", "status": "GENOMFORD",
                                                       "network_id": network.id, "municipalities": ("0184", "0180")},
                      user="anna", reference=load_reference(session))
        session.commit()
        delete_record(session, ACTIVITY, activity.id, user="bertil")
        session.commit()
        entries = record_history(session, ACTIVITY, activity.id)
    assert [(e.action, e.user, e.source) for e in entries] == [
        ("Borttagen", "bertil", "här"), ("Ändrad", "anna", "här"), ("Skapad", "testare", "här")]
    assert entries[0].changes == () and entries[0].content is None
    changed = {c.label: (c.before, c.after) for c in entries[1].changes}
    assert changed == {"Rubrik": ("Träff", "Länsträff"), "Status": ("Planerad", "Genomförd"),
                       "Nätverk": ("–", "Länsnätverket"), "Kommuner": ("–", "Stockholm, Solna")}
    assert entries[1].content["title"] == "Länsträff"
    created = {c.label: c.after for c in entries[2].changes}
    assert created["Rubrik"] == "Träff" and "Beskrivning" not in created  # empty fields are not listed


def test_a_change_from_a_bundle_names_the_sender_and_the_file(register, make_register, tmp_path):
    bra = make_register("BRA")
    activity = add(register, "activity", title="Träff")
    (tmp_path / "ut").mkdir()
    bundle = export_bundle(register, tmp_path / "ut", user="anna").path
    apply_plan(bra, prepare_import(bra, bundle), user="analytiker")
    with bra.session() as session:
        [entry] = record_history(session, ACTIVITY, activity.id)
        assert load_record(session, ACTIVITY, activity.id) is not None
    assert entry.source == f"paket från Stockholms län (01), {bundle.name}" and entry.user == "analytiker"
