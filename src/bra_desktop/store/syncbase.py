"""Sync bases: each record as last exchanged in a bundle (DESIGN §4).

The merge planner compares incoming content with local content and this base; export and import
both move the base forward, in the same transaction as the exchange they record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bra_desktop.domain.content import Content, canonical_json, content_hash, from_jsonable
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.models import SyncBase

BATCH = 1_000


@dataclass(frozen=True)
class Base:
    record_id: str
    content: Content
    deleted: bool
    version: int


def save_bases(session: Session, kind: RecordKind, bases: Iterable[Base], bundle_id: str) -> None:
    """Upsert the bases of many records in batches."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    batch: list[dict[str, object]] = []

    def flush() -> None:
        statement = insert(SyncBase).values(batch)
        excluded = statement.excluded
        session.execute(statement.on_conflict_do_update(
            index_elements=["table_name", "record_id"],
            set_={"content": excluded.content, "content_hash": excluded.content_hash, "deleted": excluded.deleted,
                  "version": excluded.version, "bundle_id": excluded.bundle_id},
        ))
        batch.clear()

    for base in bases:
        batch.append({"table_name": kind.table_name, "record_id": base.record_id,
                      "content": canonical_json(base.content), "content_hash": content_hash(kind, base.content),
                      "deleted": base.deleted, "version": base.version, "bundle_id": bundle_id})
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()


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
