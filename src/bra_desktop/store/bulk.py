"""Writing many new records in one go: demo data, and bundle imports of thousands of rows.

`repository.create_record` spends several statements and a read-back on every record, and ORM
objects would cost more still; for 200,000 activities either takes many minutes. Here each table
gets one executemany per chunk of rows through SQLAlchemy Core on the mapped tables (no ORM
objects, no identity map), which runs at driver speed on SQLite and PostgreSQL alike.

What lands in the tables is what `create_record` writes for the same content: the system fields
of a first version, `search_text`, the link rows of many-valued fields and one "create" entry in
the change log. Content is not validated here: callers validate first (a bundle import while it
plans, demo data by construction), so the rules run once and not again per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bra_desktop.domain.content import canonical_json, normalise, search_text
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.models import ChangeLog, utcnow

CHUNK_SIZE = 5_000
"""Records per executemany: large enough to amortise statement overhead, small enough that a
chunk's parameters (and a generator's rows) never pile up in memory."""

NewRecord = tuple[str, str, dict[str, Any]]
"""(id, origin, content) of one record to create."""


def insert_records(
    session: Session,
    kind: RecordKind,
    rows: Iterable[NewRecord],
    *,
    user: str,
    source: str,
    updated_at: datetime | None = None,
) -> int:
    """Create every record of `rows` as version 1 in the caller's transaction; return how many.

    `rows` may be a generator, consumed chunk by chunk. `updated_at` (default: now) stamps both the
    records and their change-log entries, so a caller can make a reproducible register.
    """
    stamp = updated_at or utcnow()
    written = 0
    for chunk in _chunks(rows, CHUNK_SIZE):
        _insert_chunk(session, kind, chunk, user=user, source=source, stamp=stamp)
        written += len(chunk)
    return written


def _chunks(rows: Iterable[NewRecord], size: int) -> Iterator[list[NewRecord]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _insert_chunk(
    session: Session, kind: RecordKind, chunk: list[NewRecord], *, user: str, source: str, stamp: datetime
) -> None:
    scalar_names = [spec.name for spec in kind.scalar_fields]
    links = {spec.name: (spec.link, []) for spec in kind.multi_fields}
    records: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for record_id, origin, content in chunk:
        clean = normalise(kind, content)
        record = {name: clean[name] for name in scalar_names}
        record.update(
            id=record_id,
            origin=origin,
            version=1,
            updated_at=stamp,
            updated_by=user,
            deleted=False,
            search_text=search_text(kind, clean),
        )
        records.append(record)
        for name, (link, link_rows) in links.items():
            link_rows.extend({link.owner_column: record_id, link.value_column: value} for value in clean[name])
        changes.append({
            "at": stamp,
            "user": user,
            "table_name": kind.table_name,
            "record_id": record_id,
            "action": "create",
            "source": source,
            "before": None,
            "after": canonical_json(clean),
        })
    session.execute(insert(kind.table.__table__), records)
    for link, link_rows in links.values():
        if link_rows:
            session.execute(insert(link.table.__table__), link_rows)
    session.execute(insert(ChangeLog.__table__), changes)
