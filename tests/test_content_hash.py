"""Every record keeps the hash of its content (`content_hash`), and imports trust it only as far as
it goes: a row equal to the record by hash is not loaded; a record whose hash is unknown or stale
is loaded and compared in full."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.undo import import_history, undo_import
from bra_desktop.domain.content import normalised_hash
from bra_desktop.domain.fields import KINDS
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import delete_record, load_record, update_record
from bra_desktop.store.stream import stream_records
from conftest import add

pytestmark = pytest.mark.both_engines


def hashes_match(register) -> int:
    """Assert that each record's stored hash is the hash of what it holds; return how many there are."""
    count = 0
    with register.session() as session:
        for kind in KINDS.values():
            stored = dict(session.execute(select(kind.table.id, kind.table.content_hash)).all())
            for record in stream_records(session, kind):
                assert stored[record.id] == normalised_hash(kind, record.content), (kind.key, record.id)
                count += 1
    return count


def test_every_way_of_writing_a_record_keeps_its_hash(register, make_register, tmp_path):
    network = add(register, "network", name="Länsnätverket")
    activity = add(register, "activity", title="Träff", network_id=network.id, municipalities=["0180"])
    kind = KINDS["activity"]
    with register.session() as session:
        reference = load_reference(session)
        edited = update_record(session, kind, activity.id, {**activity.content, "title": "Träff i Solna",
                                                            "municipalities": ("0180", "0184")},
                               user="bo", reference=reference)
        delete_record(session, kind, activity.id, user="bo")
        update_record(session, kind, activity.id, edited.content, user="bo", reference=reference)  # restored
        session.commit()
    assert hashes_match(register) == 2

    brå = make_register("BRA")
    apply_plan(brå, prepare_import(brå, export_bundle(register, tmp_path / "län.xlsx", user="bo").path), user="ana")
    assert hashes_match(brå) == 2
    with register.session() as session:
        update_record(session, kind, activity.id, {**edited.content, "participants": 40}, user="bo", reference=reference)
        session.commit()
    apply_plan(brå, prepare_import(brå, export_bundle(register, tmp_path / "län2.xlsx", user="bo").path), user="ana")
    assert hashes_match(brå) == 2
    undo_import(brå, import_history(brå)[0].id, user="ana")
    assert hashes_match(brå) == 2
    with brå.session() as session:
        assert load_record(session, kind, activity.id).content["participants"] is None


@pytest.mark.parametrize("held", [None, "0" * 64], ids=["unknown", "stale"])
def test_a_record_whose_hash_is_unknown_or_stale_is_compared_in_full(register, make_register, tmp_path, held):
    for n in range(3):
        add(register, "activity", title=f"Träff {n}", start_date=date(2026, 1, n + 1))
    brå = make_register("BRA")
    apply_plan(brå, prepare_import(brå, export_bundle(register, tmp_path / "första.xlsx", user="bo").path), user="ana")
    table = KINDS["activity"].table
    with brå.session() as session:
        session.execute(update(table).values(content_hash=held))
        session.commit()
    plan = prepare_import(brå, export_bundle(register, tmp_path / "andra.xlsx", user="bo").path)
    assert [r.action for r in plan.records if r.kind_key == "activity"] == [Action.UNCHANGED] * 3
    assert all(r.local is not None and r.local.content == r.incoming.content for r in plan.records)
