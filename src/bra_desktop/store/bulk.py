"""Writing many records in one go: demo data, and bundle imports of thousands of rows.

`repository.create_record` and `update_record` spend several statements and a read-back on every
record, and ORM objects would cost more still; for 200,000 activities either takes many minutes.
Here each table gets one executemany per chunk of records: new rows (records, their link rows and
change-log entries) go as tuples straight to the database driver's executemany (`insert_rows`), stored
ones through SQLAlchemy Core on the mapped tables (no ORM objects, no identity map). Core's own
executemany prepares every row's parameters in Python: at 200,000 activities (1.9 million rows)
that was a fifth of applying a national bundle.

What lands in the tables is what the repository writes for the same content: the system fields,
`search_text`, the link rows of many-valued fields and one change-log entry per record (create,
update, delete or restore, with the content before and after). Content is not validated here:
callers validate first (a bundle import while it plans, demo data by construction), so the rules
run once and not again per row. Versions and stamps are the caller's to give, because an import
copies them from the bundle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, delete, update
from sqlalchemy.orm import Session

from bra_desktop.domain.content import Content, canonical_json, json_hash, normalise, search_text
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.models import ChangeLog, utcnow

CHUNK_SIZE = 5_000
"""Records per executemany: large enough to amortise statement overhead, small enough that a
chunk's parameters (and a generator's rows) never pile up in memory."""

NewRecord = tuple[str, str, dict[str, Any]]
"""(id, origin, content) of one record to create."""


@dataclass(frozen=True, slots=True)
class RecordWrite:
    """The whole new state of one record, new or stored.

    `was_deleted` None means the record is new; otherwise it is the stored tombstone flag and
    `before` the stored content, which say what the change log records.
    """

    record_id: str
    origin: str | None
    """The producer that made the record; needed for a new record, ignored for a stored one (the
    producer of a record never changes)."""
    content: Content
    """Normalised (`content.normalise`): every caller has it so already, and at national scale
    normalising it again here cost a second per 20,000 records."""
    deleted: bool = False
    version: int = 1
    updated_at: datetime | None = None
    """None: now."""
    updated_by: str | None = None
    """None: the user who writes."""
    before: Content | None = None
    was_deleted: bool | None = None
    content_json: str | None = None
    """`content` as canonical text, where the caller made it already (None: made here)."""
    content_hash: str | None = None
    """The hash of that text, where the caller has it (None: computed here)."""

    @property
    def is_new(self) -> bool:
        return self.was_deleted is None


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
    writes = (RecordWrite(record_id, origin, normalise(kind, content), updated_at=stamp)
              for record_id, origin, content in rows)
    return write_records(session, kind, writes, user=user, source=source, logged_at=stamp)


def write_records(
    session: Session,
    kind: RecordKind,
    writes: Iterable[RecordWrite],
    *,
    user: str,
    source: str,
    logged_at: datetime | None = None,
) -> int:
    """Write every record of `writes` in the caller's transaction; return how many.

    New records are inserted, stored ones overwritten (business fields, links, version, stamps,
    tombstone flag). Each gets a change-log entry by `user` with `source`, at `logged_at` (now):
    "create" (after = content), "update" (before and after), "delete" (before = what it held) or
    "restore" (after = content). A new record that arrives as a tombstone is logged as a delete.
    """
    logged_at = logged_at or utcnow()
    written = 0
    for chunk in _chunks(writes, CHUNK_SIZE):
        _write_chunk(session, kind, chunk, user=user, source=source, logged_at=logged_at)
        written += len(chunk)
    return written


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write_chunk(
    session: Session, kind: RecordKind, chunk: list[RecordWrite], *, user: str, source: str, logged_at: datetime
) -> None:
    scalar_names = [spec.name for spec in kind.scalar_fields]
    links = {spec.name: (spec.link, []) for spec in kind.multi_fields}
    new_rows: list[dict[str, Any]] = []
    stored_rows: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for write in chunk:
        clean = write.content
        clean_json = write.content_json or canonical_json(kind, clean)
        row = {name: clean[name] for name in scalar_names}
        row.update(
            version=write.version,
            updated_at=write.updated_at or logged_at,
            updated_by=write.updated_by or user,
            deleted=write.deleted,
            search_text=search_text(kind, clean),
            content_hash=write.content_hash or json_hash(clean_json),
        )
        if write.is_new:
            row.update(id=write.record_id, origin=write.origin)
            new_rows.append(row)
        else:
            row["_record_id"] = write.record_id
            stored_rows.append(row)
        for name, (link, link_rows) in links.items():
            link_rows.extend({link.owner_column: write.record_id, link.value_column: value} for value in clean[name])
        action, before, after = _logged(write, clean)
        changes.append({
            "at": logged_at, "user": user, "table_name": kind.table_name, "record_id": write.record_id,
            "action": action, "source": source,
            "before": _as_json(kind, before, clean, clean_json),
            "after": _as_json(kind, after, clean, clean_json),
        })
    table = kind.table.__table__
    if new_rows:
        insert_rows(session, table, list(new_rows[0]), new_rows)
    if stored_rows:
        session.execute(update(table).where(table.c.id == bindparam("_record_id")), stored_rows)
    stored_ids = [row["_record_id"] for row in stored_rows]
    for link, link_rows in links.values():
        link_table = link.table.__table__
        owner = link_table.c[link.owner_column]
        for start in range(0, len(stored_ids), 1_000):
            session.execute(delete(link_table).where(owner.in_(stored_ids[start : start + 1_000])))
        insert_rows(session, link_table, [link.owner_column, link.value_column], link_rows)
    insert_rows(session, ChangeLog.__table__, _LOGGED, changes)


_LOGGED = ["at", "user", "table_name", "record_id", "action", "source", "before", "after"]
"""The columns of a change-log entry the writer fills (`id` is the database's)."""


def insert_rows(session: Session, table: Table, columns: list[str], rows: list[dict[str, Any]], *,
                replacing: tuple[list[str], list[str]] | None = None) -> None:
    """INSERT `rows` (dicts with the keys `columns`; none: nothing is done) into `table` as the
    driver's executemany. Each value passes its column type's own conversion where the type has
    one (dates and stamps on SQLite), as Core would convert it; nothing else is done per row. `replacing` (key columns,
    columns to update) makes a row whose key is taken update that row instead, in the syntax
    SQLite and PostgreSQL share."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    if replacing is not None:
        keys, updated = replacing
        sql += (f" ON CONFLICT ({', '.join(quote(name) for name in keys)}) DO UPDATE SET "
                + ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in updated))
    values = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    conversions = [(index, convert) for index, name in enumerate(columns)
                   if (convert := table.c[name].type.bind_processor(dialect)) is not None]
    if conversions:
        def converted(row: dict[str, Any]) -> tuple[Any, ...]:
            found = list(values(row))
            for index, convert in conversions:
                found[index] = convert(found[index])
            return tuple(found)

        parameters = [converted(row) for row in rows]
    else:
        parameters = [values(row) for row in rows]
    connection.exec_driver_sql(sql, parameters)


def _as_json(kind: RecordKind, content: Content | None, clean: Content, clean_json: str) -> str | None:
    """A change-log side as text; the record's new content is written as text once."""
    if content is None:
        return None
    return clean_json if content is clean else canonical_json(kind, content)


def _logged(write: RecordWrite, clean: Content) -> tuple[str, Content | None, Content | None]:
    """The change-log action and the contents before and after, as the repository logs them."""
    if write.is_new:
        return ("delete", clean, None) if write.deleted else ("create", None, clean)
    if write.deleted and not write.was_deleted:
        return "delete", write.before, None
    if write.was_deleted and not write.deleted:
        return "restore", None, clean
    return "update", write.before, clean
