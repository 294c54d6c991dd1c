"""Building the import plan from a read bundle and the register (see `plan.py` for the rules).

Planning reads the register and writes nothing. It checks that the bundle may be imported here at
all (who sent it, whose records it carries), validates every row against the register's rules with
the bundle's own records counting as existing, and decides each record three-way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from itertools import chain

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from bra_desktop.bundle.authority import judge
from bra_desktop.bundle.snapshot import Held, Snapshot, load_records
from bra_desktop.bundle.merge import merge, three_way
from bra_desktop.bundle.plan import Action, CodeChange, ImportPlan, PlannedRecord, RecordState, RowState
from bra_desktop.bundle.problems import BundleError, ImportProblem
from bra_desktop.bundle.reader import BundleContents
from bra_desktop.bundle.rows import HeldRow, IncomingRow, RejectedRow, derived_id, incoming_values, system_values
from bra_desktop.bundle.schema import LIST_SEPARATOR, DataSheet, sheet_for_kind
from bra_desktop.bundle.trust import Sender, check_sender
from bra_desktop.collector import paused_collection
from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS, FieldType, RecordKind
from bra_desktop.domain.identity import identity_id, identity_names, identity_values
from bra_desktop.domain.models import BundleReceipt, CodeItem, SyncBase
from bra_desktop.domain.producer import NATIONAL, owner_name
from bra_desktop.domain.signing import encode_key
from bra_desktop.domain.validation import Problem, Reference, validate
from bra_desktop.store.changelog import change_marker
from bra_desktop.store.reference import load_reference
from bra_desktop.store.register import Register
from bra_desktop.store.syncbase import FETCH, load_bases

CHUNK = 500
Progress = Callable[[int, int], None]


@paused_collection()
def build_plan(register: Register, contents: BundleContents, progress: Progress | None = None,
               snapshot: Snapshot | None = None) -> ImportPlan:
    """The plan for `contents`; `snapshot` has what was read of the register while the bundle was
    read (without it, each kind's records are read here)."""
    receiver = register.producer
    if receiver is None:
        raise BundleError("Registret har ingen ägare ännu. Välj län eller Brå först.", "The register has no owner yet.")
    snapshot = snapshot or Snapshot(register)
    snapshot.wait()
    with register.session() as session:
        sender = check_sender(session, receiver, contents)
        marker = change_marker(session)  # first: a later edit makes the plan stale; or what was read ahead
        if snapshot.marker is not None:
            marker = min(marker, snapshot.marker)
        exchange = last_exchange(session)
        receipt = session.scalar(
            select(BundleReceipt).where(
                BundleReceipt.direction == "import", BundleReceipt.undone.is_(False),
                BundleReceipt.file_sha256 == contents.file_sha256,
            )
        )
        code_changes = _code_changes(session, contents)
        absence_deletes = _absence_deletes(receiver, contents)
        existing = _existing_ids(session)
        reference = _reference(session, code_changes, existing)
        rejected = list(contents.rejected)
        records: list[PlannedRecord] = []
        total = sum(len(rows) for rows in contents.rows.values()) or 1
        done = 0
        for kind_key in DEPENDENCY_ORDER:
            kind = KINDS[kind_key]
            rows = contents.rows.get(kind_key, [])
            for row in rows:
                if not row.id_given:  # a row a person added: a new record of this register's
                    row.id = (identity_id(kind, row.content, sender.producer) if kind.identity else None) or derived_id(
                        contents.info.bundle_id, row.sheet, row.row, receiver)
            if kind.identity:
                rows = _one_row_per_identity(kind, contents, rows, rejected)
            held = snapshot.held(session, kind, [row.id for row in rows])
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                records.extend(_plan_chunk(session, kind, chunk, held, contents, reference, existing, receiver, sender, rejected))
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            present = _rows_present(contents, kind_key, rows, rejected)
            if absence_deletes and present is not None:
                records.extend(_plan_missing(session, kind, contents, present, sender))
        live_records = _live_records(session, records, sender)
    return ImportPlan(
        contents=contents, records=records, rejected=rejected, warnings=list(contents.warnings),
        code_changes=code_changes, already_imported_at=receipt.processed_at if receipt else None,
        register_marker=marker, sender=sender, live_records=live_records, last_exchange=exchange,
    )


def last_exchange(session: Session) -> int:
    """The newest receipt's id (0 for none), an import's or an export's: a plan that judges records
    missing from the file by which bundles carried them is stale once a later one exists."""
    return session.scalar(select(func.max(BundleReceipt.id))) or 0


def _code_changes(session: Session, contents: BundleContents) -> list[CodeChange]:
    """Brå owns the code lists: only a national bundle changes them; codes are never removed."""
    if contents.info.producer != NATIONAL or not contents.code_items:
        return []
    current = {(c.list_name, c.code): c for c in session.scalars(select(CodeItem))}
    last: dict[str, int] = {}
    for code in current.values():
        last[code.list_name] = max(last.get(code.list_name, -1), code.sort_order)
    changes = []
    for item in contents.code_items:
        existing = current.get((item["list_name"], item["code"]))
        if existing is None:
            # Last in its list here, as Brå adds it last in its own: the reader's sort_order is the row in
            # the Kodlistor sheet, which counts every list before it and does not compare with this register's.
            last[item["list_name"]] = position = last.get(item["list_name"], -1) + 1
            changes.append(CodeChange(item["list_name"], item["code"], None, {**item, "sort_order": position}))
            continue
        before = {"label_sv": existing.label_sv, "label_en": existing.label_en, "active": existing.active}
        after = {key: item[key] for key in before}
        if before != after:
            changes.append(CodeChange(item["list_name"], item["code"], before, {**item, **after}))
    return changes


def _existing_ids(session: Session) -> dict[str, set[str]]:
    """Ids of every record that can be referred to; planning adds each valid incoming record.

    Read a part at a time: a set made from the whole query in one call holds the GIL until the last
    id, which at national scale blocks the window while a plan is made on the worker (`make bench`'s
    goal "UI thread blocked during import")."""
    found: dict[str, set[str]] = {}
    for key, kind in KINDS.items():
        ids = found[key] = set()
        for part in session.connection().execute(select(kind.table.id).execution_options(yield_per=FETCH)).scalars().partitions():
            ids.update(part)
    return found


def _reference(session: Session, code_changes: list[CodeChange], existing: dict[str, set[str]]) -> Reference:
    """The register's reference data with the bundle's new codes and records counted in.

    References are checked against id sets held in memory, not one query per link: a national
    bundle carries hundreds of thousands of links.
    """
    reference = load_reference(session)
    for change in code_changes:
        reference.codes.setdefault(change.list_name, {})[change.code] = change.after["active"]
    reference.record_exists = lambda kind, record_id: record_id in existing[kind]
    return reference


def _plan_chunk(
    session: Session, kind: RecordKind, rows: list[IncomingRow], held: Held, contents: BundleContents,
    reference: Reference, existing: dict[str, set[str]], receiver: str, sender: Sender, rejected: list[RejectedRow],
) -> list[PlannedRecord]:
    planning: list[tuple[IncomingRow, RowState | None]] = []
    for row in rows:
        unchanged = held.unchanged(row)  # most of a re-sent national bundle
        if unchanged is None:
            refused = row.read_content()  # a row of an untouched sheet is read now, and checked as any other
            if refused is not None:
                rejected.append(refused)
                continue
        planning.append((row, unchanged))
    locals_ = held.locals(session, [row for row, unchanged in planning if unchanged is None])
    bases = held.bases(session, [row for row, _ in planning])
    sheet = sheet_for_kind(kind.key)
    not_carried = contents.info.not_carried(kind)
    planned = []
    for row, unchanged in planning:
        local = unchanged if unchanged is not None else locals_.get(row.id)
        if unchanged is not None or (local is not None and held.untouched_copy(row, local)):  # held: in `existing`
            planned.append(PlannedRecord(kind.key, row.id, Action.UNCHANGED, row, local, bases.get(row.id)))
            continue
        owner = held.owner(row.id) if local is not None else (row.origin or sender.producer)
        if row.origin is not None and row.origin != owner:
            rejected.append(_refused(sheet, row, f"ursprung {row.origin} stämmer inte: posten tillhör {owner_name(owner)}"))
            continue
        verdict = judge(receiver=receiver, sender=sender.producer, owner=owner, stored=local is not None,
                        hand_edited=row.hand_edited, new_row=not row.id_given,
                        older=local is not None and row.version < local.version)
        if verdict.keep_local:
            planned.append(PlannedRecord(kind.key, row.id, Action.KEEP_LOCAL, row, local, bases.get(row.id),
                                         notes=[verdict.reason], stale=True))
            continue
        problems = validate(kind, row.content, reference, previous=local.content if local else None, owner=owner)
        if kind.identity and row.id_given and identity_id(kind, row.content, owner) != row.id and not problems:
            problems = [_identity_changed(kind)]
        if row.deleted:  # a tombstone need not meet the rules, but its links are written too: they must lead somewhere
            problems = [p for p in problems if kind.field(p.field).type in (FieldType.REF, FieldType.REFS)]
        if problems:  # the cells first: they say what to fix where
            problems = [_dangling(kind, p, row, reference, rejected) for p in problems]
            rejected.append(RejectedRow(sheet, row.row, incoming_values(row), [_located(sheet, row.row, p) for p in problems], row.id))
            continue
        if not verdict.allowed:
            rejected.append(_refused(sheet, row, verdict.reason))
            continue
        existing[kind.key].add(row.id)
        row.origin = owner
        record = merge(kind, row, local, bases.get(row.id), not_carried)
        if local is None and owner != sender.producer and sender.producer != NATIONAL:
            record.notes.append(f"{owner_name(owner)}s post, som saknades här: en kopia ur {owner_name(sender.producer)}s paket")
        planned.append(record)
    return planned


def _one_row_per_identity(kind: RecordKind, contents: BundleContents, rows: list[IncomingRow],
                          rejected: list[RejectedRow]) -> list[IncomingRow]:
    """The rows but those that name the same record as another row of the file (a row added in Excel
    for a municipality and year the file already has): all of those are rejected, since which one
    is meant is for a person to say. Returns the rows left; the held rows are left in `contents`."""
    held = contents.held_rows.get(kind.key, [])
    by_id: dict[str, list[IncomingRow | HeldRow]] = {}
    for row in chain(rows, held):
        by_id.setdefault(row.id, []).append(row)
    twice = {record_id: group for record_id, group in by_id.items() if len(group) > 1}
    if not twice:
        return rows
    sheet = sheet_for_kind(kind.key)
    names = identity_names(kind)
    column = sheet.column(kind.identity[0]).label_sv
    for record_id, group in twice.items():
        named = next(row for row in group if isinstance(row, IncomingRow))  # ids given twice the reader refused
        values = identity_values(kind, named.content)
        for row in group:
            others = ", ".join(str(other.row) for other in group if other is not row)
            cells = (incoming_values(row) if isinstance(row, IncomingRow)
                     else system_values(row.id, row.origin, row.version, row.deleted))
            problem = ImportProblem(sheet.name, row.row, column, f"samma {names} ({values}) finns också på rad {others}")
            rejected.append(RejectedRow(sheet, row.row, cells, [problem], record_id))
    if held:
        contents.held_rows[kind.key] = [row for row in held if row.id not in twice]
    return [row for row in rows if row.id not in twice]


def _identity_changed(kind: RecordKind) -> Problem:
    """A row of a kind with an identity whose values are not those its id was derived from: someone
    changed them in Excel, which would make it another record under this one's id."""
    return Problem(kind.identity[0], f"{identity_names(kind).capitalize()} stämmer inte med radens id: de kan inte ändras. Lägg till en ny rad "
                   "utan id för en annan", f"the {' and '.join(kind.identity)} do not match the row's id")


def _refused(sheet: DataSheet, row: IncomingRow, reason: str) -> RejectedRow:
    """A row the ownership rules do not let this bundle write (`authority.judge`)."""
    return RejectedRow(sheet, row.row, incoming_values(row), [ImportProblem(sheet.name, row.row, None, reason)], row.id)


def _dangling(kind: RecordKind, problem: Problem, row: IncomingRow, reference: Reference,
              rejected: list[RejectedRow]) -> Problem:
    """A link to a record neither the register nor the file has, said so that a person can act:
    a record rejected further up the file is named with its row (fix that row first); one that is
    nowhere must come from the bundle that has it. Other problems are as the rules said them."""
    spec = kind.field(problem.field)
    # no mutate: a link field always names its kind (`or` is for the type checker, `and` the same)
    if spec.type not in (FieldType.REF, FieldType.REFS) or spec.ref_kind is None:  # pragma: no mutate
        return problem
    target = KINDS[spec.ref_kind]
    values = row.content.get(spec.name)
    linked = [v for v in (values if spec.multi else (values,)) if v]
    missing = [v for v in linked if not reference.record_exists(target.key, v)]
    refused = {r.record_id: r for r in rejected if r.sheet.kind is target}
    title = target.field(target.title_field).label_sv
    named = _named_links(row, spec.name, linked)
    parts = [f"{target.label_sv.lower()} «{refused[v].values.get(title) or v}» på rad {refused[v].row} i fliken "
             f"{refused[v].sheet.name}, som inte kunde läsas in: rätta den raden först" if v in refused else
             f"{target.label_sv.lower()} {f'«{named[v]}» (id {v})' if v in named else f'med id {v}'}, som varken "
             "finns i registret eller i filen: läs först in paketet som har den" for v in missing]
    # no mutate: the English message is kept as it was; an import's problems are said in Swedish
    return Problem(problem.field, f"{spec.label_sv}: hänvisar till " + "; ".join(parts) + ".", problem.message_en)  # pragma: no mutate


def _named_links(row: IncomingRow, field: str, linked: list[str]) -> dict[str, str]:
    """Linked id → the name the row's "(namn)" column gives it, where that column still names each
    link in turn (a person may have edited one column and not the other)."""
    text = dict(row.link_names or ()).get(field)
    names = text.split(LIST_SEPARATOR) if text else []
    return dict(zip(linked, names)) if len(names) == len(linked) else {}


def _located(sheet: DataSheet, row: int, problem: Problem) -> ImportProblem:
    """A rule's problem at its cell; the column already says which field, so the message need not."""
    column = sheet.column(problem.field).label_sv
    return ImportProblem(sheet.name, row, column, problem.message_sv.removeprefix(f"{column}: ").removesuffix("."))


def _absence_deletes(receiver: str, contents: BundleContents) -> bool:
    """Whether a record missing from this file may have been deleted in Excel (see `_plan_missing`):
    only in a full bundle of this register's own producer, sent back after editing, since edits in
    Excel are taken for the register's own records only (`authority.judge`)."""
    return contents.info.scope == "full" and contents.info.producer == receiver


def _rows_present(contents: BundleContents, kind_key: str, rows: list[IncomingRow],
                  rejected_rows: list[RejectedRow]) -> set[str] | None:
    """The ids a sheet has rows for, rejected rows included: a row that cannot be read is still
    there, and must not be taken for a row deleted in Excel. None when a rejected row's id cannot be
    read either: that row could be any record, so no record can be said to be missing."""
    if kind_key in contents.absent_kinds:
        return None
    rejected = [r.record_id for r in rejected_rows if r.sheet.kind.key == kind_key]
    for record_id in rejected:
        try:
            uuid.UUID(record_id or "")
        except ValueError:
            return None
    return {row.id for row in chain(rows, contents.held_rows.get(kind_key, ()))} | set(rejected)


def _plan_missing(session: Session, kind: RecordKind, contents: BundleContents, present: set[str],
                  sender: Sender) -> list[PlannedRecord]:
    """Rows deleted in Excel: in a full bundle, a record its producer owns and that the same sender
    (the same key) sent before, in a bundle it made no later than this one, but not now.

    A full bundle has a row for every record its producer had when it was made; a record that came
    later, or from another install of the same county (another key), is not missing from it. Which
    records a key sent, and when, the register knows from its own receipts: the bundle that last
    moved each record's base, and the time its signer put on it (both signed by the same key, so
    no date of this register's, or of another sender's, is set against a file's). An undone import
    moved no base: undo puts the ones before it back.
    """
    table = kind.table
    sent_before = (select(BundleReceipt.bundle_id)
                   .where(BundleReceipt.signer == encode_key(sender.key), BundleReceipt.created_at <= contents.info.created_at))
    # the producer's own records first (by the origin index), then their base: as a join, SQLite
    # went through every base of a national register first
    candidates = session.scalars(
        select(table.id)
        .where(table.origin == contents.info.producer, table.deleted.is_(False))
        .where(exists().where(SyncBase.table_name == kind.table_name, SyncBase.record_id == table.id,
                              SyncBase.bundle_id.in_(sent_before)))
    ).all()
    missing = [record_id for record_id in candidates if record_id not in present]
    planned = []
    for start in range(0, len(missing), CHUNK):
        ids = missing[start : start + CHUNK]
        locals_ = load_records(session, kind, ids)  # pragma: no mutate (None reads them all: the same, slower)
        bases = load_bases(session, kind, ids)
        for record_id in ids:
            local, base = locals_[record_id], bases[record_id]
            # no mutate: three_way reads no version, and a missing record moves no base
            # (`apply._moves_base`), so nothing reads the version of either state or whether the base is set
            base_state = RecordState(base.content, base.deleted,
                                     base.version)  # pragma: no mutate
            gone = RecordState(base.content, True,
                               base.version)  # pragma: no mutate
            fields = [spec.name for spec in kind.fields]
            action, diffs = three_way(fields, gone, local, base_state)
            record = PlannedRecord(kind.key, record_id, action, None, local,
                                   base_state,  # pragma: no mutate
                                   diffs,
                                   ["raden saknas i filen, fast samma avsändare har skickat posten förut: raden togs "
                                    "bort ur filen (välj Behåll min för att behålla posten)"], missing=True)
            planned.append(record)
    return planned


def _live_records(session: Session, records: list[PlannedRecord], sender: Sender) -> dict[tuple[str, str], int]:
    """(kind, owner) → the owner's live records of that kind, for each that the plan deletes some
    of: what `ImportPlan.mass_delete` compares the deletes with."""
    live = {}
    for kind_key, owner in {(r.kind_key, r.owner(sender.producer)) for r in records if r.action == Action.DELETE}:
        table = KINDS[kind_key].table
        live[kind_key, owner] = session.scalar(select(func.count()).select_from(table)
                                               .where(table.deleted.is_(False), table.origin == owner)) or 0
    return live
