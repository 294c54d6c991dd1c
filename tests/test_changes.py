"""What a change touched (`changes.Changes`): what jobs return and the views read again by."""

from __future__ import annotations

from datetime import date

import pytest

from bra_desktop import changes as changes_module
from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.undo import import_changes, import_history
from bra_desktop.changes import Changes

from conftest import accept_edits, add

pytestmark = pytest.mark.both_engines


def test_changes_combine_and_say_what_to_read_again(monkeypatch):
    edited = Changes.of("activity", ["a"]) | Changes.of("activity", ["b"]) | Changes.of("network", ["n"])
    assert edited.ids("activity") == {"a", "b"} and edited.touches(["network"]) and not edited.touches(["commitment"])
    assert not edited.rereads("activity") and not edited.labels
    monkeypatch.setattr(changes_module, "FEW", 1)
    assert edited.rereads("activity") and not edited.rereads("network")  # more than a few: the kind is read again
    assert Changes(code_lists=True).rereads("network") and Changes(whole_register=True).labels
    assert (Changes.of("activity", ["a"]) | Changes(code_lists=True)).code_lists
    assert not Changes() and not Changes.of("activity", []) and Changes(whole_register=True)


def test_an_import_says_what_it_wrote_and_its_undo_changes_the_same(register, make_register, tmp_path):
    network = add(register, "network", name="Länsnätverket")
    kept = add(register, "activity", title="Träff", start_date=date(2026, 1, 2), network_id=network.id)
    other = make_register("01", "colleague")
    apply_plan(other, accept_edits(prepare_import(other, export_bundle(register, tmp_path / "a.xlsx", user="anna").path)),
               user="bo")
    changed = add(register, "activity", title="Ny träff", start_date=date(2026, 2, 3))
    plan = accept_edits(prepare_import(other, export_bundle(register, tmp_path / "b.xlsx", user="anna").path))
    result = apply_plan(other, plan, user="bo")
    assert result.changes.ids("activity") == {changed.id}  # the unchanged activity and network were not written
    assert not result.changes.touches(["network", "commitment"]) and not result.changes.code_lists
    with other.session() as session:
        assert import_changes(session, import_history(other)[0].id) == result.changes
    assert kept.id not in result.changes.ids("activity")
