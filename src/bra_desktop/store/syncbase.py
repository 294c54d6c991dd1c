"""Sync bases: each record as last exchanged in a bundle (DESIGN §4).

The merge planner compares incoming content with local content and this base; export and import
both move the base forward, in the same transaction as the exchange they record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.content import Content, canonical_json, content_hash, from_jsonable
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.models import SyncBase
from bra_desktop.store.bulk import insert_rows

BATCH = 1_000
_KEY = ["table_name", "record_id"]
_REPLACED = ["content", "content_hash", "deleted", "version", "bundle_id"]
_COLUMNS = _KEY + _REPLACED
"""A base's columns: a record's base replaces the one it had, if any."""
FETCH = 5_000
"""Rows fetched at a time from a large query: the driver holds the GIL while it fetches, and a
job on a worker thread must leave the UI thread a turn every few milliseconds."""


@dataclass(frozen=True)
class Base:
    record_id: str
    content: Content
    deleted: bool
    version: int
    content_hash: str | None = None
    """The content's hash if the caller has it already (None: computed here)."""
    content_json: str | None = None
    """The content as canonical text if the caller made it already (None: made here)."""


def save_bases(session: Session, kind: RecordKind, bases: Iterable[Base], bundle_id: str) -> None:
    """Upsert the bases of many records in batches, leaving alone those already stored as they are."""
    writer = BaseWriter(session, kind, bundle_id)
    for base in bases:
        writer.add(base)
    writer.close()


class BaseWriter:
    """Bases saved as they come, a batch at a time: an export hands them over while it streams
    records, so that 200,000 of them never sit in memory at once.

    A national export or import passes every record, and most bases are unchanged since the last
    exchange: comparing hashes read in one query costs a fraction of rewriting 200,000 rows. They
    are read when the first base comes: an import that moves no base (a re-sent bundle) reads none
    (1.3 s for 200,000 activities).
    """

    def __init__(self, session: Session, kind: RecordKind, bundle_id: str) -> None:
        self.session, self.kind, self.bundle_id = session, kind, bundle_id
        self.stored: dict[str, tuple[str, bool, int]] | None = None
        self.batch: list[dict[str, object]] = []

    def add(self, base: Base) -> None:
        if self.stored is None:
            self.stored = load_base_digests(self.session, self.kind)
        digest = base.content_hash or content_hash(self.kind, base.content)
        if self.stored.get(base.record_id) == (digest, base.deleted, base.version):
            return
        self.batch.append({"table_name": self.kind.table_name, "record_id": base.record_id,
                           "content": base.content_json or canonical_json(self.kind, base.content), "content_hash": digest,
                           "deleted": base.deleted, "version": base.version, "bundle_id": self.bundle_id})
        if len(self.batch) >= BATCH:
            self._flush()

    def close(self) -> None:
        self._flush()
        self.stored = None

    def _flush(self) -> None:
        insert_rows(self.session, SyncBase.__table__, _COLUMNS, self.batch, replacing=(_KEY, _REPLACED))
        self.batch = []


def load_base_digests(session: Session, kind: RecordKind) -> dict[str, tuple[str, bool, int]]:
    """(content hash, deleted, version) of the base of every record of `kind`: enough to know a
    base equals a copy in hand without reading and parsing its content."""
    query = (select(SyncBase.record_id, SyncBase.content_hash, SyncBase.deleted, SyncBase.version)
             .where(SyncBase.table_name == kind.table_name).execution_options(yield_per=FETCH))
    rows = session.connection().execute(query)  # in parts: see FETCH
    return {record_id: (digest, deleted, version) for record_id, digest, deleted, version in rows}


def load_bases(session: Session, kind: RecordKind, ids: list[str]) -> dict[str, Base]:
    found: dict[str, Base] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(SyncBase.record_id, SyncBase.content, SyncBase.deleted, SyncBase.version)
            .where(SyncBase.table_name == kind.table_name, SyncBase.record_id.in_(chunk))
        )
        for record_id, content, deleted, version in rows:
            found[record_id] = Base(record_id, from_jsonable(kind, json.loads(content)), deleted, version)
    return found
