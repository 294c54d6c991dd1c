"""Applying an import plan: backup first, then the whole plan in one transaction (DESIGN §4.5).

What is applied is exactly the plan the preview showed. If a record the plan decided on changed
after the plan was made, applying refuses rather than merge against a state nobody looked at
(`batch.apply_current` then plans the file again). A failure or a killed
process leaves the register as it was (one transaction, SQLite WAL). Each change is logged with the
bundle id as its source, the bases move to the incoming state, and a receipt records the import so
importing the same file again is a no-op and the import can be undone in one step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.bundle.plan import Action, ImportPlan, PlannedRecord, RowState
from bra_desktop.bundle.planner import last_exchange
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.report import plan_summary
from bra_desktop.bundle.undo import PriorRecord, keep_codes, keep_records
from bra_desktop.changes import Changes
from bra_desktop.collector import paused_collection
from bra_desktop.domain.content import canonical_json
from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS, RecordKind
from bra_desktop.domain.models import BundleReceipt, ChangeLog, CodeItem, utcnow
from bra_desktop.domain.producer import owner_name
from bra_desktop.domain.signing import encode_key
from bra_desktop.store.bulk import CHUNK_SIZE, RecordWrite, write_records
from bra_desktop.store.changelog import change_marker
from bra_desktop.store.keys import PINNED_FROM_BUNDLE, pin_key, trusted_key
from bra_desktop.store.register import Register
from bra_desktop.store.syncbase import Base, BaseWriter


STATISTICS_AFTER = 1_000
"""An import that changes this many records refreshes the query planner's statistics."""


@dataclass(frozen=True)
class ImportResult:
    bundle_id: str
    counts: dict[str, int]
    changed: int
    backup: Path | None
    already_imported: bool
    replanned: bool = False
    """The plan shown was stale, and the file was planned again and applied as planned then
    (`batch.apply_current`): its counts are the new plan's."""
    changes: Changes = field(default_factory=Changes)
    """The records and codes the import wrote, for the views to catch up."""


class StalePlan(BundleError):
    """The records a plan decided on changed after it was made (`_still_current`)."""

    def __init__(self) -> None:
        super().__init__(
            "Registret har ändrats sedan förhandsgranskningen. Läs in filen igen för en ny förhandsgranskning.",
            "The register changed after the preview. Read the file again for a new preview.",
        )


@paused_collection()
def apply_plan(register: Register, plan: ImportPlan, *, user: str) -> ImportResult:
    """Apply `plan` as the preview showed it, or refuse (`StalePlan`) if a record it decided on
    changed since it was made."""
    info = plan.contents.info
    counts = {action.value: n for action, n in plan.counts().items()}
    if plan.already_imported_at is not None:
        return ImportResult(info.bundle_id, counts, 0, None, already_imported=True)
    if plan.undecided:
        raise BundleError(
            f"{len(plan.undecided)} konflikter är inte avgjorda. Välj din version eller filens för varje konflikt.",
            f"{len(plan.undecided)} conflicts are undecided. Choose your version or the file's for each.",
        )
    if plan.needs_confirmation:
        asks = plan.needs_confirmation
        raise BundleError("Ingenting är inläst. " + " ".join(ask.sv for ask in asks),
                          "Nothing was imported. " + " ".join(ask.en for ask in asks))
    changes = plan.changes
    catching_up = [r for r in plan.records if _catches_up(r)]
    backup = register.backup(f"före import från {owner_name(info.producer)}") if (changes or catching_up or plan.code_changes) else None
    with register.session() as session:
        if not _still_current(session, plan):
            raise StalePlan()
        receipt = BundleReceipt(
            bundle_id=info.bundle_id, direction="import", producer=info.producer,
            file_sha256=plan.contents.file_sha256, file_name=plan.contents.path.name, created_at=info.created_at,
            processed_by=user, counts=json.dumps(counts), report=plan_summary(plan), backup_file=str(backup or ""),
            signer=encode_key(plan.sender.key), first_change_id=change_marker(session),
        )
        session.add(receipt)
        if plan.sender.first_contact:
            _trust(session, plan, user)
        session.flush()
        _apply_code_changes(session, plan, receipt.id)
        written_ids: dict[str, frozenset[str]] = {}
        for kind_key in DEPENDENCY_ORDER:
            kind = KINDS[kind_key]
            planned = sorted((r for r in plan.records if r.kind_key == kind_key), key=_record_id)
            bases = BaseWriter(session, kind, info.bundle_id)  # one for the kind: it reads the stored bases once
            written: list[str] = []
            for start in range(0, len(planned), CHUNK_SIZE):
                written += _apply_records(session, kind, planned[start:start + CHUNK_SIZE], receipt.id,
                                          info.not_carried(kind), bases, user=user, bundle_id=info.bundle_id)
            bases.close()
            written_ids[kind_key] = frozenset(written)
        receipt.last_change_id = change_marker(session)
        session.commit()
    if len(changes) >= STATISTICS_AFTER:
        register.refresh_statistics()
    return ImportResult(info.bundle_id, counts, len(changes), backup, already_imported=False,
                        changes=Changes(written_ids, code_lists=bool(plan.code_changes)))


def _apply_records(session: Session, kind: RecordKind, planned: list[PlannedRecord], receipt_id: int,
                   not_carried: frozenset[str], base_writer: BaseWriter, *, user: str, bundle_id: str) -> list[str]:
    """Apply a chunk of one kind's planned records: keep what they overwrite (for undo), write
    them, and move their bases; returns the ids of those written. A new record whose base becomes its row's content (every new
    record of a bundle that carries all its fields) has its canonical text made once, for both,
    and its hash is the one its row was read with: two of every three encodings saved."""
    written: list[PlannedRecord] = []
    writes: list[RecordWrite] = []
    bases: list[tuple[PlannedRecord, Base]] = []
    for record in planned:
        base = None
        if _moves_base(record) and not (not not_carried and _base_is_row(record)):
            base = _base(record, not_carried)
            base = None if _same_base(record, base) else base
        writes_it = _writes(record)
        shared = None  # a new record's canonical text and hash, which are its row's and its base's
        if writes_it and base is not None and record.action == Action.NEW and record.incoming is not None \
                and base.content is record.incoming.content:
            shared = (canonical_json(kind, base.content), record.incoming.content_hash)
            base = Base(base.record_id, base.content, base.deleted, base.version, shared[1], shared[0])
        if base is not None:
            bases.append((record, base))
        if writes_it:
            written.append(record)
            writes.append(_write(record, user, shared))
    keep_records(session, receipt_id, kind.table_name, [(r.record_id, _prior(r)) for r in written],
                 [(r.record_id, r.base is not None) for r, _ in bases])
    write_records(session, kind, writes, user=user, source=bundle_id)
    for _, base in bases:
        base_writer.add(base)
    return [record.record_id for record in written]


def _record_id(record: PlannedRecord) -> str:
    """The order a kind's records are written in: by id, the key of their rows, their link rows
    and their bases. Written in the file's order, each row went to a random place in every one of
    those indexes, and a national bundle's indexes are many times the page cache; in key order,
    the rows of an import go where the previous one went, or just after."""
    return record.record_id


def _writes(record: PlannedRecord) -> bool:
    """Whether applying writes the record: a change to the register, or a copy catching up."""
    return record.changes_register or _catches_up(record)


def _trust(session: Session, plan: ImportPlan, user: str) -> None:
    """Trust the new sender's key from now on: a person compared its fingerprint (`trust_confirmed`).
    Refused if another key was trusted for the producer meanwhile (another import, another analyst)."""
    sender = plan.sender
    pinned = trusted_key(session, sender.producer)
    if pinned is not None and pinned != sender.key:
        raise BundleError(
            f"Registret litar nu på en annan nyckel för {sender.name}. Läs in filen igen.",
            f"The register now trusts another key for {sender.name}. Read the file again.",
        )
    pin_key(session, sender.producer, sender.key, user=user, how=PINNED_FROM_BUNDLE)


def _still_current(session: Session, plan: ImportPlan) -> bool:
    """Whether every record the plan decided on is as the plan saw it. Changes to other records
    since (another file of the batch, a colleague's edit or import on a shared register) leave
    the plan as right as it was: each record is decided on its own. A plan that deletes records
    missing from the file is stale after any exchange since, which may have carried them."""
    if any(record.missing for record in plan.records) and last_exchange(session) != plan.last_exchange:
        return False
    if change_marker(session) == plan.register_marker:
        return True
    later = ChangeLog.id > plan.register_marker
    touched = {tuple(row) for row in session.execute(select(ChangeLog.table_name, ChangeLog.record_id).where(later))}
    held = ((KINDS[kind_key].table_name, row.id) for kind_key, rows in plan.contents.held_rows.items() for row in rows)
    planned = ((KINDS[r.kind_key].table_name, r.record_id) for r in plan.records)
    return not any(key in touched for key in chain(planned, held))


def _write(record: PlannedRecord, user: str, shared: tuple[str, str] | None = None) -> RecordWrite:
    """The row to write: an untouched incoming copy keeps its version and stamp; anything merged
    or edited in Excel is a new version by the person importing. `shared`: the content's canonical
    text and hash, where they are made already."""
    content, deleted = record.result()
    incoming = record.incoming
    local = record.local
    wholesale = incoming is not None and not incoming.hand_edited and record.action in (Action.NEW, Action.UPDATE, Action.DELETE)
    wholesale = wholesale or _catches_up(record)
    floor = local.version + 1 if local else 1
    if wholesale:
        version = max(incoming.version, floor)
        stamp, by = incoming.updated_at or utcnow(), incoming.updated_by or user
    else:
        version = max(incoming.version if incoming else 0, floor)
        stamp, by = utcnow(), user
    return RecordWrite(
        record_id=record.record_id, origin=incoming.origin if incoming else None, content=content, deleted=deleted,
        version=version, updated_at=stamp, updated_by=by, before=local.content if local else None,
        was_deleted=local.deleted if local else None, content_json=shared[0] if shared else None,
        content_hash=shared[1] if shared else None,
    )


def _catches_up(record: PlannedRecord) -> bool:
    """An unchanged record whose copy here is an older version of the same content (its owner
    deleted and restored it, say, in bundles this register skipped): it takes the incoming version
    and stamp, so that a copy of a version in between, read later, is known for the stale copy it is
    instead of being taken for news (a restored record deleted again)."""
    incoming, local = record.incoming, record.local
    return (record.action == Action.UNCHANGED and incoming is not None and local is not None
            and not incoming.hand_edited and incoming.version > local.version)


def _moves_base(record: PlannedRecord) -> bool:
    """Whether the row's state becomes the record's base: only a row as its producer wrote it.

    A stale copy must not move the base back. A row edited in Excel (or deleted there) is not what
    anyone holds: saved as the base under its version, it would pass for that version's content,
    and the next copy of that version would take the hand edit for a change of this side's and undo
    it. The base stays what it was.
    """
    return not record.stale and record.incoming is not None and not record.incoming.hand_edited


def _base(record: PlannedRecord, not_carried: frozenset[str]) -> Base:
    """The file's state becomes the base: it is what the other side now holds.

    Fields the bundle did not carry (contact details left out, fields added by a later format) keep
    the register's value, so a later bundle that does carry them is compared against what this
    side really has.
    """
    incoming = record.incoming
    assert incoming is not None
    if not not_carried:  # the row's content as it came, and the hash read with it
        return Base(record.record_id, incoming.content, incoming.deleted, incoming.version, incoming.content_hash)
    content = dict(incoming.content)
    result, _ = record.result()
    content.update((name, result[name]) for name in not_carried)
    return Base(record.record_id, content, incoming.deleted, incoming.version)


def _prior(record: PlannedRecord) -> PriorRecord | None:
    local = record.local
    if local is None:
        return None
    assert local.updated_at is not None
    return PriorRecord(local.content, local.deleted, local.version, local.updated_at, local.updated_by)


def _base_is_row(record: PlannedRecord) -> bool:
    """Whether the record's base already is its incoming row, known without reading the row's
    content: the planner found the base's hash, tombstone and version to be the row's (a re-sent,
    unchanged record; most of a national bundle). That is the base `_base` makes when the rows of
    the kind carry every field (no `not_carried` in `apply_plan`)."""
    held = record.base
    return isinstance(held, RowState) and held.row is record.incoming


def _same_base(record: PlannedRecord, base: Base) -> bool:
    """Whether the record's base already is `base` (a re-sent, unchanged record): nothing to save."""
    held = record.base
    return held is not None and (held.content, held.deleted, held.version) == (base.content, base.deleted, base.version)


def _apply_code_changes(session: Session, plan: ImportPlan, receipt_id: int) -> None:
    items = {(c.list_name, c.code): session.get(CodeItem, (c.list_name, c.code)) for c in plan.code_changes}
    keep_codes(session, receipt_id, [item or key for key, item in items.items()])
    for change in plan.code_changes:
        item = items[(change.list_name, change.code)]
        if item is None:
            session.add(CodeItem(list_name=change.list_name, code=change.code, label_sv=change.after["label_sv"],
                                 label_en=change.after["label_en"], active=change.after["active"],
                                 sort_order=change.after.get("sort_order", 0)))
        else:
            item.label_sv, item.label_en, item.active = change.after["label_sv"], change.after["label_en"], change.after["active"]
    session.flush()
