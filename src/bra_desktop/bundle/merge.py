"""The three-way merge: one incoming record against the register's copy and the base last exchanged.

Pure: it reads no register and writes nothing. The planner hands it a row that may be imported (the
ownership rules and the register's validation have passed it) with the local record and its base,
and gets back the record's action and, field by field, what differs and which side is taken. The
table it follows is in `plan.py` and DESIGN §4.3.
"""

from __future__ import annotations

from typing import Any

from bra_desktop.bundle.plan import DELETED_FIELD, INCOMING, LOCAL, Action, FieldDiff, PlannedRecord, RecordState
from bra_desktop.bundle.rows import IncomingRow
from bra_desktop.domain.fields import RecordKind


def merge(kind: RecordKind, row: IncomingRow, local: RecordState | None, base: RecordState | None,
          not_carried: frozenset[str]) -> PlannedRecord:
    """The planned record for `row`: new when the register lacks it, else decided three-way over the
    fields the bundle carries (not those `not_carried`: contact details left out, fields added
    by a later format than the bundle's), with an older
    copy's differences kept local, or left to a person where the copy was edited in Excel."""
    incoming = RecordState(row.content, row.deleted, row.version)  # pragma: no mutate (three_way reads no version)
    record = PlannedRecord(kind.key, row.id, Action.NEW, row, local, base)
    if row.hand_edited:
        record.notes.append("ny rad i Excel" if not row.id_given else "ändrad i Excel")
    if local is None:
        return record
    fields = [spec.name for spec in kind.fields if spec.name not in not_carried]
    record.action, record.diffs = three_way(fields, incoming, local, base)
    if record.action != Action.UNCHANGED and row.version < local.version:
        if row.hand_edited and base is not None and base.version == row.version:
            return record  # edited in Excel in the copy the base is: the three-way finds the edits
        record.stale = True
        if row.hand_edited:
            # edited in Excel, but in an older copy than the base: its other cells are old values,
            # not edits, and nothing tells them apart, so every difference is for a person to decide
            record.action = Action.CONFLICT
            for diff in record.diffs:
                diff.conflict, diff.choice = True, None
            record.notes.append(f"ändrad i Excel i en inaktuell kopia (version {row.version}, registrets är {local.version})")
        else:
            record.action = Action.KEEP_LOCAL
            for diff in record.diffs:
                diff.conflict, diff.choice = False, LOCAL
            record.notes.append(f"inaktuell kopia (version {row.version}, registrets är {local.version})")
    return record


def three_way(fields: list[str], incoming: RecordState, local: RecordState, base: RecordState | None) -> tuple[Action, list[FieldDiff]]:
    """Decide one record: the action and the fields that differ between local and incoming.

    A field changed on one side only (the other still equals the base) takes that side; changed on
    both sides, or with no base to tell, it is a conflict for a person."""
    diffs = []
    for name in [*fields, DELETED_FIELD]:
        mine, theirs = _value(local, name), _value(incoming, name)
        if mine == theirs:
            continue
        was = _value(base, name) if base is not None else None
        if base is not None and mine == was:
            diffs.append(FieldDiff(name, mine, theirs, was, conflict=False, choice=INCOMING))
        elif base is not None and theirs == was:
            diffs.append(FieldDiff(name, mine, theirs, was, conflict=False, choice=LOCAL))
        else:
            diffs.append(FieldDiff(name, mine, theirs, was, conflict=True, choice=None))
    if not diffs:
        return Action.UNCHANGED, diffs
    _delete_against_edits(diffs)
    choices = {d.choice for d in diffs}
    if None in choices:
        return Action.CONFLICT, diffs
    tombstone = next((d for d in diffs if d.field == DELETED_FIELD), None)
    if tombstone is not None and tombstone.choice == INCOMING and incoming.deleted:
        return Action.DELETE, diffs
    if choices == {INCOMING}:
        return Action.UPDATE, diffs
    if choices == {LOCAL}:
        return Action.KEEP_LOCAL, diffs
    return Action.MERGE, diffs


def _value(state: RecordState, field: str) -> Any:
    return state.deleted if field == DELETED_FIELD else state.content.get(field)


def _delete_against_edits(diffs: list[FieldDiff]) -> None:
    """A delete on one side against edits on the other is a conflict, never a silent loss."""
    tombstone = next((d for d in diffs if d.field == DELETED_FIELD), None)
    if tombstone is None or tombstone.conflict:
        return
    deleting_side = tombstone.choice  # the side whose delete (or restore) is taken
    edits_other_side = any(d.choice != deleting_side for d in diffs if d.field != DELETED_FIELD)
    if edits_other_side:
        tombstone.conflict, tombstone.choice = True, None
