"""Reading many records at once, in batches, without ORM objects: for bundles and reports.

A national register holds about 200,000 activities; building an ORM object per row costs several
times the query itself, so this reads plain rows with SQLAlchemy Core and adds the many-valued
fields per batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import RecordKind
from bra_desktop.store.repository import StoredRecord, load_links

BATCH = 2_000


def stream_records(
    session: Session,
    kind: RecordKind,
    *,
    origins: set[str] | None = None,
    changed_after: datetime | None = None,
    ids: list[str] | None = None,
    batch: int = BATCH,
) -> Iterator[StoredRecord]:
    """Records of `kind` (tombstones included), optionally only some origins or ids.

    Activities come by start date, other kinds by title, so a bundle reads in a sensible order.
    """
    table = kind.table
    conditions: list[ColumnElement[bool]] = []
    if origins is not None:
        conditions.append(table.origin.in_(sorted(origins)))
    if changed_after is not None:
        conditions.append(table.updated_at > changed_after)
    if ids is not None:
        conditions.append(table.id.in_(ids))
    columns = [table.id, table.origin, table.version, table.updated_at, table.updated_by, table.deleted,
               table.content_hash]
    columns += [getattr(table, spec.name) for spec in kind.scalar_fields]
    order = table.start_date if kind.key == "activity" else getattr(table, kind.title_field)
    query = select(*columns).where(*conditions).order_by(order, table.id)
    scalar_names = [spec.name for spec in kind.scalar_fields]
    field_order = [spec.name for spec in kind.fields]
    result = session.execute(query.execution_options(yield_per=batch))
    for rows in result.partitions(batch):
        links = load_links(session, kind, [row[0] for row in rows])
        for row in rows:
            # Stored values were normalised when written; `load_links` gives every many-valued field.
            values = dict(zip(scalar_names, row[7:]), **links[row[0]])
            content = {name: values[name] for name in field_order}
            yield StoredRecord(kind, row[0], row[1], row[2], row[3], row[4], row[5], content, row[6])

