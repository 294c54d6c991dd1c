"""Import history, and undoing a whole import in one step (DESIGN §4.5).

While an import is applied, the state before it of everything it touches is kept in `import_undo`
(in the same transaction): each record it changed, each sync base it moved, each code it added or
changed. A record it creates needs no row of its own (a national bundle creates 200,000): the
import's change-log entries name it, between the receipt's `first_change_id` and `last_change_id`.
Undo writes those states back, and removes the records created, in one transaction. This works the
same on SQLite and on a PostgreSQL server (where there is no backup file to go back to), and only
while nothing has happened since the import: an edit, a change to the code lists, another import or
an export after it would be lost or contradicted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from bra_desktop.changes import Changes
from bra_desktop.collector import paused_collection
from bra_desktop.domain.content import from_jsonable, to_jsonable
from bra_desktop.domain.fields import ACTIVITY, DEPENDENCY_ORDER, KINDS, RecordKind
from bra_desktop.domain.models import BundleReceipt, ChangeLog, CodeItem, ImportUndo, SyncBase
from bra_desktop.store import tally
from bra_desktop.store.bulk import RecordWrite, insert_rows, write_records
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.register import Register
from bra_desktop.store.repository import StoredRecord
from bra_desktop.store.stream import stream_records

CODE_TABLE = CodeItem.__tablename__
UNDONE = "ångrad:"
"""The change log's source of the changes that undo an import: this, then the bundle id."""
_BASE_COLUMNS = ("content", "content_hash", "deleted", "version", "bundle_id")
_CHUNK = 500
_INSERTED = 5_000
"""Rows of `import_undo` inserted in one executemany."""


@dataclass(frozen=True)
class PriorRecord:
    """A record as it was before an import wrote it (None for one the import creates)."""

    content: dict[str, Any]
    deleted: bool
    version: int
    updated_at: datetime
    updated_by: str


# --- while importing -----------------------------------------------------------------------------


def keep_records(session: Session, receipt_id: int, table_name: str,
                 written: Iterable[tuple[str, PriorRecord | None]], moved_bases: Iterable[tuple[str, bool]]) -> None:
    """Keep what an import is about to overwrite in `table_name`: the records of `written` as they
    are (given by the caller, who read them to plan; None for a record it creates) and the current
    base rows of the records in `moved_bases` ((id, whether it has a base): a record new to the
    exchange has none to read).

    A row per record but those created without a base, which the import's change-log entries name
    (undo removes them and the bases they got), made and inserted `_INSERTED` records at a time, so
    that the rows of a national bundle's records, and the bases they keep, are never in memory
    together.
    """
    priors = dict(written)
    had_base = dict(moved_bases)
    ids = [record_id for record_id, prior in priors.items() if prior is not None or had_base.get(record_id)]
    ids += [record_id for record_id in had_base if record_id not in priors]
    for start in range(0, len(ids), _INSERTED):
        chunk = ids[start:start + _INSERTED]
        bases = _base_rows(session, table_name, [record_id for record_id in chunk if had_base.get(record_id)])
        rows = []
        for record_id in chunk:
            row = _row(receipt_id, table_name, record_id)
            if record_id in priors:
                prior = priors[record_id]
                row.update(record_written=True, record=None if prior is None else json.dumps(_prior_json(prior)))
            if record_id in had_base:
                row.update(base_moved=True, base=bases.get(record_id))
            rows.append(row)
        _insert(session, rows)


def keep_codes(session: Session, receipt_id: int, codes: Iterable[CodeItem | tuple[str, str]]) -> None:
    """Keep the codes an import is about to add (given as (list, code)) or change (the stored item)."""
    rows = []
    for code in codes:
        if isinstance(code, CodeItem):
            key, before = f"{code.list_name}/{code.code}", json.dumps(
                {"label_sv": code.label_sv, "label_en": code.label_en, "active": code.active,
                 "sort_order": code.sort_order})
        else:
            key, before = "/".join(code), None
        rows.append(_row(receipt_id, CODE_TABLE, key, record_written=True, record=before))
    _insert(session, rows)


_EMPTY_ROW = {"record_written": False, "record": None, "base_moved": False, "base": None}  # pragma: no mutate
"""Every column a row may leave out, so that one executemany takes all rows. (No mutate: these
are ImportUndo's own defaults, so a misspelt key changes nothing.)"""


_COLUMNS = ["receipt_id", "table_name", "record_id", *_EMPTY_ROW]


def _row(receipt_id: int, table_name: str, record_id: str, **values: Any) -> dict[str, Any]:
    return {"receipt_id": receipt_id, "table_name": table_name, "record_id": record_id, **_EMPTY_ROW, **values}


def _insert(session: Session, rows: list[dict[str, Any]]) -> None:
    """One executemany: `keep_records` hands over `_INSERTED` rows at most, and code lists are short."""
    insert_rows(session, ImportUndo.__table__, _COLUMNS, rows)


def _prior_json(prior: PriorRecord) -> dict[str, Any]:
    return {"content": to_jsonable(prior.content), "deleted": prior.deleted, "version": prior.version,
            "updated_at": prior.updated_at.isoformat(), "updated_by": prior.updated_by}


def _base_rows(session: Session, table_name: str, ids: list[str]) -> dict[str, str]:
    found = {}
    for chunk in _chunks(ids):
        query = (select(SyncBase.record_id, *(getattr(SyncBase, c) for c in _BASE_COLUMNS))
                 .where(SyncBase.table_name == table_name)
                 .where(SyncBase.record_id.in_(chunk)))  # pragma: no mutate (other ids found are never asked for)
        for record_id, *values in session.execute(query):
            found[record_id] = json.dumps(dict(zip(_BASE_COLUMNS, values)))
    return found


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    # no mutate: a step of one gives overlapping chunks, the same ids again, only slower
    for start in range(0, len(ids), _CHUNK):  # pragma: no mutate
        yield ids[start:start + _CHUNK]


# --- history and undo ----------------------------------------------------------------------------


def import_history(register: Register) -> list[BundleReceipt]:
    """Imported bundles, newest first."""
    with register.session() as session:
        query = select(BundleReceipt).where(BundleReceipt.direction == "import").order_by(BundleReceipt.id.desc())
        return list(session.scalars(query))


def import_changes(session: Session, receipt_id: int) -> Changes:
    """What an import wrote (the records and codes its undo would put back): what undoing it
    changes, for the views to catch up."""
    kept = session.execute(select(ImportUndo.table_name, ImportUndo.record_id, ImportUndo.record_written)
                           .where(ImportUndo.receipt_id == receipt_id)).all()
    created = _created_unkept(session, session.get(BundleReceipt, receipt_id), kept)
    rows = [(table_name, record_id) for table_name, record_id, written in kept if written]
    rows += [(table_name, record_id) for table_name, ids in created.items() for record_id in ids]
    kinds = {kind.table_name: key for key, kind in KINDS.items()}
    records: dict[str, set[str]] = {}
    for table_name, record_id in rows:
        if table_name in kinds:
            records.setdefault(kinds[table_name], set()).add(record_id)
    return Changes({kind: frozenset(ids) for kind, ids in records.items()},
                   code_lists=any(table_name == CODE_TABLE for table_name, _ in rows))


def _created_unkept(session: Session, receipt: BundleReceipt | None, kept: Iterable[Any]) -> dict[str, list[str]]:
    """Table → the records the import created without a row in `import_undo` (`keep_records`): those
    its change-log entries name that `kept` (its rows, with `table_name` and `record_id`) does not."""
    if receipt is None or receipt.first_change_id is None:  # an import from before: a row for every record
        return {}
    named = {(row.table_name, row.record_id) for row in kept}
    logged = (select(ChangeLog.table_name, ChangeLog.record_id)
              .where(ChangeLog.source == receipt.bundle_id, ChangeLog.id > receipt.first_change_id,
                     ChangeLog.id <= receipt.last_change_id).distinct())
    created: dict[str, list[str]] = {}
    for table_name, record_id in session.execute(logged):
        if (table_name, record_id) not in named:
            created.setdefault(table_name, []).append(record_id)
    return created


def can_undo(register: Register, receipt_id: int) -> str | None:
    """None if the import can be undone now, else the reason why not (Swedish)."""
    with register.session() as session:
        return _why_not(session, receipt_id)


def _why_not(session: Session, receipt_id: int) -> str | None:
    receipt = session.get(BundleReceipt, receipt_id)
    if receipt is None or receipt.direction != "import":
        return "Importen finns inte i historiken."
    if receipt.undone:
        return "Importen är redan ångrad."
    later = session.scalars(select(BundleReceipt).where(BundleReceipt.id > receipt.id)).all()
    if any(not (r.direction == "import" and r.undone) for r in later):
        return "Ett annat paket har lästs in eller skrivits efter importen; den kan inte längre ångras i ett steg."
    # Later imports that were undone since leave the register as this import left it: their own
    # changes and those of their undoing may stand between, nothing else.
    passed = {source for r in later for source in (r.bundle_id, f"{UNDONE}{r.bundle_id}")}
    since = select(ChangeLog.table_name, ChangeLog.source).where(ChangeLog.id > receipt.last_change_id).distinct()
    changed = {(table, source) for table, source in session.execute(since) if source not in passed}
    if any(table == CODE_TABLE for table, _ in changed):
        return "Kodlistorna har ändrats efter importen; den kan inte längre ångras i ett steg."
    if changed:
        return "Registret har ändrats efter importen; den kan inte längre ångras i ett steg."
    return None


@paused_collection()
def undo_import(register: Register, receipt_id: int, *, user: str) -> int:
    """Undo an import in one transaction; return how many records it put back.

    Records the import created are removed; records it changed get their earlier content, version
    and stamp back (logged as changes by `user` with the source `ångrad:<bundle id>`); bases and
    codes are as they were. The receipt stays in the history, marked undone. Imports are undone
    newest first: an earlier one can be undone once every later one is.
    """
    with register.session() as session:
        reason = _why_not(session, receipt_id)
        if reason is not None:
            raise RegisterError(reason, "The import cannot be undone.")
        receipt = session.get(BundleReceipt, receipt_id)
        kept = session.scalars(select(ImportUndo).where(ImportUndo.receipt_id == receipt_id)).all()
        by_table: dict[str, list[ImportUndo]] = {}
        for row in kept:
            by_table.setdefault(row.table_name, []).append(row)
        created = _created_unkept(session, receipt, kept)
        restored = 0
        for kind_key in reversed(DEPENDENCY_ORDER):  # links point to earlier kinds: remove those first
            table_name = KINDS[kind_key].table_name
            restored += _undo_records(session, kind_key, by_table.get(table_name, []), created.get(table_name, []),
                                      user=user, source=f"{UNDONE}{receipt.bundle_id}")
        _undo_codes(session, by_table.get(CODE_TABLE, []))
        receipt.undone = True
        session.commit()
    if restored:
        register.refresh_statistics()
    return restored


def _undo_records(session: Session, kind_key: str, rows: list[ImportUndo], created_unkept: list[str], *,
                  user: str, source: str) -> int:
    """Remove the records the import created (their link rows go with them: the links' foreign keys
    cascade; those of `created_unkept`, which had no base, with the bases they got), write back the
    ones it changed, and put back the sync bases it moved."""
    kind = KINDS[kind_key]
    table = kind.table.__table__
    written = [row for row in rows if row.record_written]
    created = [row.record_id for row in written if row.record is None] + created_unkept
    changed = [row for row in written if row.record is not None]
    removed: tally.Spans = {}
    for chunk in _chunks(created):
        if kind is ACTIVITY:  # the change log will not show these removals: the tally is told here
            removed = tally.widest(removed, tally.periods(session, chunk))
        session.execute(delete(table).where(table.c.id.in_(chunk)))
    for chunk in _chunks(created_unkept):
        session.execute(delete(SyncBase).where(SyncBase.table_name == kind.table_name, SyncBase.record_id.in_(chunk)))
    if removed:
        tally.recount(session, removed)
    current: dict[str, StoredRecord] = {}
    for chunk in _chunks([row.record_id for row in changed]):  # without `ids`, all are read, to the same end:
        current.update((r.id, r) for r in stream_records(session, kind, ids=chunk))  # pragma: no mutate
    write_records(session, kind, [_write_back(kind, row, current[row.record_id]) for row in changed],
                  user=user, source=source)
    for row in (row for row in rows if row.base_moved):
        key = (SyncBase.table_name == kind.table_name) & (SyncBase.record_id == row.record_id)
        session.execute(delete(SyncBase).where(key))
        if row.base is not None:
            session.execute(insert(SyncBase).values(table_name=kind.table_name, record_id=row.record_id,
                                                    **json.loads(row.base)))
    return len(written) + len(created_unkept)


def _write_back(kind: RecordKind, row: ImportUndo, now: StoredRecord) -> RecordWrite:
    """The record as it was before the import, over `now`, as it is (which the change log keeps)."""
    prior = json.loads(row.record)
    return RecordWrite(
        record_id=row.record_id, origin=None, content=from_jsonable(kind, prior["content"]),
        deleted=prior["deleted"], version=prior["version"], updated_at=datetime.fromisoformat(prior["updated_at"]),
        updated_by=prior["updated_by"], before=now.content, was_deleted=now.deleted,
    )


def _undo_codes(session: Session, rows: list[ImportUndo]) -> None:
    for row in rows:
        list_name, code = row.record_id.split("/", 1)  # pragma: no mutate (neither a list nor a code has a /)
        key = (CodeItem.list_name == list_name) & (CodeItem.code == code)
        if row.record is None:
            session.execute(delete(CodeItem).where(key))
        else:
            session.execute(update(CodeItem).where(key).values(**json.loads(row.record)))
