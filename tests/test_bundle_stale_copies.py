"""An older copy of a record read back: untouched it changes nothing, edited in Excel it is merged
when its base is the copy it was edited in, and otherwise every difference is for a person.

A coordinator's inbox holds older bundles of the register's own; reading one must not take back
what was done since (DESIGN §4: nothing older overwrites anything newer).
"""

from __future__ import annotations

import pytest

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import LOCAL, Action
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import SyncBase
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_record, update_record
from conftest import accept_edits, add
from workbook_edits import EditedBundle

pytestmark = pytest.mark.both_engines


def change(register, record_id: str, **content) -> None:
    with register.session() as session:
        stored = load_record(session, KINDS["activity"], record_id)
        update_record(session, KINDS["activity"], record_id, {**stored.content, **content}, user="anna",
                      reference=load_reference(session))
        session.commit()


def base_version(register, record_id: str) -> int:
    with register.session() as session:
        return session.get(SyncBase, ("activity", record_id)).version


def planned(register, path, record_id: str):
    plan = accept_edits(prepare_import(register, path))
    (record,) = [r for r in plan.records if r.record_id == record_id]
    return plan, record


def test_an_older_untouched_copy_keeps_the_register_as_it_is(register, tmp_path):
    activity = add(register, "activity", title="Före")
    old = export_bundle(register, tmp_path / "old.xlsx", user="anna").path
    change(register, activity.id, title="Efter")
    plan, record = planned(register, old, activity.id)
    assert (record.action, record.stale) == (Action.KEEP_LOCAL, True)
    assert record.notes == ["inaktuell kopia (version 1, registrets är 2)"]
    assert [(d.field, d.choice, d.conflict) for d in record.diffs] == [("title", LOCAL, False)]
    apply_plan(register, plan, user="anna")
    with register.session() as session:
        assert load_record(session, KINDS["activity"], activity.id).content["title"] == "Efter"
    assert base_version(register, activity.id) == 1  # a stale copy does not move the base


def test_an_older_copy_edited_in_excel_in_the_copy_its_base_is_merges_the_edit(register, tmp_path):
    activity = add(register, "activity", title="Före", participants=5)
    edited = EditedBundle(export_bundle(register, tmp_path / "old.xlsx", user="anna").path)
    change(register, activity.id, title="Efter")
    edited.set("Aktiviteter", activity.id, "Antal deltagare", 40)
    plan, record = planned(register, edited.save(tmp_path / "edited.xlsx"), activity.id)
    assert (record.action, record.stale, record.notes) == (Action.MERGE, False, ["ändrad i Excel"])
    apply_plan(register, plan, user="anna")
    with register.session() as session:
        content = load_record(session, KINDS["activity"], activity.id).content
    assert (content["title"], content["participants"]) == ("Efter", 40)


def test_an_older_copy_edited_in_excel_after_a_later_exchange_asks_about_every_difference(register, tmp_path):
    activity = add(register, "activity", title="Före", participants=5)
    edited = EditedBundle(export_bundle(register, tmp_path / "old.xlsx", user="anna").path)
    change(register, activity.id, title="Efter")
    export_bundle(register, tmp_path / "later.xlsx", user="anna")  # the base is now version 2
    edited.set("Aktiviteter", activity.id, "Antal deltagare", 40)
    plan, record = planned(register, edited.save(tmp_path / "edited.xlsx"), activity.id)
    assert (record.action, record.stale) == (Action.CONFLICT, True)
    assert record.notes == ["ändrad i Excel", "ändrad i Excel i en inaktuell kopia (version 1, registrets är 2)"]
    assert [(d.field, d.choice, d.conflict) for d in record.diffs] == [("title", None, True), ("participants", None, True)]
