"""Every row of the three-way table (DESIGN §4.3), tombstones included, on the pure decision."""

import pytest

from bra_desktop.bundle.plan import DELETED_FIELD, INCOMING, LOCAL, Action
from bra_desktop.bundle.merge import three_way
from bra_desktop.bundle.plan import RecordState

pytestmark = pytest.mark.both_engines


FIELDS = ["title", "participants"]


def state(title="Träff", participants=10, deleted=False, version=1):
    return RecordState({"title": title, "participants": participants}, deleted, version)


def decide(incoming, local, base):
    action, diffs = three_way(FIELDS, incoming, local, base)
    return action, {d.field: d.choice for d in diffs}


def test_equal_is_unchanged():
    assert decide(state(), state(), state(title="Gammal")) == (Action.UNCHANGED, {})


def test_no_local_edit_takes_incoming():
    assert decide(state(title="Ny"), state(), state()) == (Action.UPDATE, {"title": INCOMING})


def test_stale_incoming_keeps_local():
    assert decide(state(), state(title="Min"), state()) == (Action.KEEP_LOCAL, {"title": LOCAL})


def test_each_difference_carries_all_three_values():
    """The preview shows the register's value, the file's and the one last exchanged for every field
    that differs, whichever side is taken."""
    _, diffs = three_way(FIELDS, state(title="Deras", participants=10), state(title="Träff", participants=12),
                         state(title="Träff", participants=10))
    assert [(d.field, d.local, d.incoming, d.base, d.conflict, d.choice) for d in diffs] == [
        ("title", "Träff", "Deras", "Träff", False, INCOMING), ("participants", 12, 10, 10, False, LOCAL)]


def test_different_fields_on_each_side_merge():
    action, choices = decide(state(title="Deras"), state(participants=12), state())
    assert action == Action.MERGE and choices == {"title": INCOMING, "participants": LOCAL}


def test_same_field_changed_differently_is_a_conflict():
    action, diffs = three_way(FIELDS, state(title="Deras"), state(title="Min"), state())
    assert action == Action.CONFLICT
    (diff,) = diffs
    assert (diff.field, diff.local, diff.incoming, diff.base, diff.choice) == ("title", "Min", "Deras", "Träff", None)


def test_same_change_on_both_sides_is_unchanged():
    assert decide(state(title="Samma"), state(title="Samma"), state())[0] == Action.UNCHANGED


def test_incoming_tombstone_deletes_an_unedited_record():
    assert decide(state(deleted=True), state(), state()) == (Action.DELETE, {DELETED_FIELD: INCOMING})


def test_incoming_tombstone_against_local_edits_is_a_conflict():
    action, diffs = three_way(FIELDS, state(deleted=True), state(title="Min"), state())
    tombstone = next(d for d in diffs if d.field == DELETED_FIELD)
    assert action == Action.CONFLICT and (tombstone.conflict, tombstone.choice) == (True, None)


def test_local_delete_against_incoming_edits_is_a_conflict():
    action, choices = decide(state(title="Deras"), state(deleted=True), state())
    assert action == Action.CONFLICT and choices[DELETED_FIELD] is None


def test_local_delete_against_stale_copy_keeps_the_delete():
    assert decide(state(), state(deleted=True), state()) == (Action.KEEP_LOCAL, {DELETED_FIELD: LOCAL})


def test_incoming_restore_of_a_record_deleted_on_both_before():
    action, choices = decide(state(), state(deleted=True), state(deleted=True))
    assert action == Action.UPDATE and choices == {DELETED_FIELD: INCOMING}


def test_without_a_base_every_difference_is_a_conflict():
    action, choices = decide(state(title="Deras"), state(title="Min"), None)
    assert action == Action.CONFLICT and choices == {"title": None}


@pytest.mark.parametrize(("incoming", "local"), [(None, "Min"), ("Deras", None)], ids=["cleared-there", "cleared-here"])
def test_without_a_base_a_field_cleared_on_one_side_is_a_conflict(incoming, local):
    """An empty value is not "as it was" when nothing says how it was: neither side wins silently."""
    action, choices = decide(state(title=incoming), state(title=local), None)
    assert action == Action.CONFLICT and choices == {"title": None}


@pytest.mark.parametrize(("choice", "expected"), [(LOCAL, "Min"), (INCOMING, "Deras")])
def test_conflicts_resolve_both_ways(choice, expected):
    from bra_desktop.bundle.plan import PlannedRecord

    action, diffs = three_way(FIELDS, state(title="Deras", participants=3), state(title="Min"), state())
    record = PlannedRecord("activity", "id-1", action, None, state(title="Min"), state(), diffs)
    assert record.undecided
    record.decide(choice, "title")
    assert not record.undecided
    content, deleted = record.result()
    assert content == {"title": expected, "participants": 3} and deleted is False
