"""Exporting a register as a bundle: choose the records, stream them out, record the exchange.

A county sends its own records, and the others' records they refer to (`_carried`), so that the
bundle read into an empty register gives back every row; Brå's national bundle carries every
record but those a länsstyrelse keeps from the other counties (`withheld.py`), and the code lists.
The file is finished before the transaction that moves the sync bases forward and stores the
export receipt commits, so a failed or cancelled export changes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, not_, select
from sqlalchemy.orm import Session

from bra_desktop.bundle.digest import file_sha256
from bra_desktop.bundle.schema import DATA_SHEETS, DataSheet
from bra_desktop.bundle.withheld import withheld_from_counties
from bra_desktop.bundle.writer import BundleHeader, BundleWriter, Names
from bra_desktop.collector import paused_collection
from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS, FieldType
from bra_desktop.domain.models import BundleReceipt, CodeItem, Municipality, utcnow
from bra_desktop.domain.signing import encode_key
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.keys import own_private_key, own_public_key
from bra_desktop.store.register import Register
from bra_desktop.store.stream import stream_records
from bra_desktop.store.syncbase import FETCH, Base, BaseWriter

PARAMETERS = 500
"""Ids asked for in one statement: far below what SQLite and PostgreSQL take."""

FULL = "full"
CHANGES = "changes"
SCOPES = (FULL, CHANGES)
Progress = Callable[[int, int], None]


class Cancelled(RegisterError):
    def __init__(self) -> None:
        super().__init__("Avbrutet. Ingenting har ändrats.", "Cancelled. Nothing was changed.")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    counts: dict[str, int]
    scope: str
    personal_data: bool


def bundle_file_name(producer: str, created_at: datetime) -> str:
    return f"bra-paket_{producer}_{created_at.astimezone():%Y%m%d-%H%M}.xlsx"


def _names(session: Session) -> Names:
    records = {}
    for key in ("network", "organisation", "activity", "commitment"):
        kind = KINDS[key]
        title = getattr(kind.table, kind.title_field)
        query = select(kind.table.id, title).execution_options(yield_per=FETCH)  # in parts: see FETCH
        records[key] = {record_id: name for record_id, name in session.connection().execute(query)}
    municipalities = {row.code: row.name for row in session.execute(select(Municipality.code, Municipality.name))}
    return Names(municipalities=municipalities, records=records)


def last_export_time(session: Session) -> datetime | None:
    return session.scalar(
        select(func.max(BundleReceipt.created_at)).where(BundleReceipt.direction == "export")
    )


@paused_collection()
def export_bundle(
    register: Register,
    out: Path,
    *,
    user: str,
    scope: str = FULL,
    with_contacts: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write a bundle to `out` (a file, or a folder for the standard file name)."""
    producer = register.producer
    if producer is None:
        raise RegisterError(
            "Registret har ingen ägare ännu. Välj län eller Brå först (bra-desktop init).",
            "The register has no owner yet. Choose a county or Brå first (bra-desktop init).",
        )
    if scope not in SCOPES:
        raise RegisterError(f"Okänt omfång: {scope} (full eller changes).", f"Unknown scope: {scope}.")
    created_at = utcnow()
    path = out / bundle_file_name(producer, created_at) if out.is_dir() else out
    header = BundleHeader(str(uuid.uuid4()), producer, register.producer_name, created_at, scope, with_contacts)
    origins = None if register.is_national else {producer}
    with register.session() as session:
        changed_after = last_export_time(session) if scope == CHANGES else None
        writer = BundleWriter(path, header, _names(session), list(session.scalars(select(CodeItem))),
                              signing_key=own_private_key(session))
        carried = _carried(session, origins, changed_after) if origins is not None else {}
        withheld = withheld_from_counties(session) if origins is None else {}
        total = sum(_count(session, sheet, origins, changed_after) + len(carried.get(sheet.kind.key, ()))
                    - len(withheld.get(sheet.kind.key, ())) for sheet in DATA_SHEETS)
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if done % 250 == 0 or done == total:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(done, total)

        counts: dict[str, int] = {}
        try:
            for sheet in DATA_SHEETS:
                bases = BaseWriter(session, sheet.kind, header.bundle_id)

                def records(sheet: DataSheet = sheet, bases: BaseWriter = bases):
                    others = carried.get(sheet.kind.key)
                    kept_back = withheld.get(sheet.kind.key, frozenset())
                    for record in chain(stream_records(session, sheet.kind, origins=origins, changed_after=changed_after),
                                        stream_records(session, sheet.kind, ids=others) if others else ()):
                        if record.id in kept_back:
                            continue
                        bases.add(Base(record.id, record.content, record.deleted, record.version, record.content_hash))
                        yield record

                counts[sheet.name] = writer.write_records(sheet, records(), on_row=tick).rows
                bases.close()
            writer.finish()
        except BaseException:
            writer.abandon()
            session.rollback()
            raise
        session.add(BundleReceipt(
            bundle_id=header.bundle_id, direction="export", producer=producer,
            file_sha256=file_sha256(path), file_name=path.name, created_at=created_at, processed_by=user,
            counts=json.dumps(counts, ensure_ascii=False), signer=encode_key(own_public_key(session)),
        ))
        session.commit()
    return ExportResult(path, header.bundle_id, counts, scope, with_contacts)


def _carried(session: Session, origins: set[str], changed_after: datetime | None) -> dict[str, list[str]]:
    """Kind → ids of the records the bundle's own records refer to, directly or through each other
    (a commitment's activity's network), that it would not carry otherwise: other owners' records,
    and in a bundle of changes the unchanged own ones. DESIGN §4: bundles are self-contained.

    References point to kinds earlier in `DEPENDENCY_ORDER`, so one pass from the last kind to the
    first finds them all. A record carried is one its receiver may lack: a colleague's new install,
    or a Brå register made anew."""
    wanted: dict[str, set[str]] = {key: set() for key in KINDS}
    for key in reversed(DEPENDENCY_ORDER):
        kind = KINDS[key]
        table = kind.table
        own = _own(table, origins, changed_after)
        for spec in kind.fields:
            if spec.type not in (FieldType.REF, FieldType.REFS):
                continue
            target = wanted[spec.ref_kind or ""]
            if spec.link is None:
                column = getattr(table, spec.name)
                target.update(session.scalars(select(column).where(*own, column.is_not(None)).distinct()))
                target.update(_in_parts(session, select(column).where(column.is_not(None)).distinct(), table.id,
                                        wanted[key]))
            else:
                link = spec.link
                owner, value = getattr(link.table, link.owner_column), getattr(link.table, link.value_column)
                target.update(session.scalars(select(value).where(owner.in_(select(table.id).where(*own))).distinct()))
                target.update(_in_parts(session, select(value).distinct(), owner, wanted[key]))
    carried = {}
    for key, ids in wanted.items():
        table = KINDS[key].table
        others = set(_in_parts(session, select(table.id).where(not_(and_(*_own(table, origins, changed_after)))),
                               table.id, ids))
        if others:
            carried[key] = sorted(others)
    return carried


def _own(table: Any, origins: set[str] | None, changed_after: datetime | None) -> list[ColumnElement[bool]]:
    """What picks the bundle's own rows of `table`: the producer's records (every record in Brå's
    national bundle: `origins` None), changed since the last export in a bundle of changes."""
    return ([table.origin.in_(sorted(origins))] if origins is not None else []) + (
        [table.updated_at > changed_after] if changed_after is not None else [])


def _in_parts(session: Session, query: Select, column: ColumnElement[str], ids: set[str]) -> Iterator[str]:
    """The values of `query` where `column` is one of `ids`, asked a part of the ids at a time (a
    database takes only so many parameters in one statement)."""
    listed = sorted(ids)
    for start in range(0, len(listed), PARAMETERS):
        yield from session.scalars(query.where(column.in_(listed[start : start + PARAMETERS])))


def _count(session: Session, sheet: DataSheet, origins: set[str] | None, changed_after: datetime | None) -> int:
    table = sheet.kind.table
    return session.scalar(select(func.count()).select_from(table).where(*_own(table, origins, changed_after))) or 0

