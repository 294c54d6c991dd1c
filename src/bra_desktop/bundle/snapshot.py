"""What the register holds for a bundle's records: the one place that says whether a row is a
record the register already has as it is.

A row as its producer wrote it whose hash is the stored record's is that record (`Held.as_row`),
unchanged when its tombstone is the same too (`Held.unchanged`), and an equal copy of it when its
content is (`Held.untouched_copy`). The reader is given, for each sheet, the rows that are the
stored record and its base exactly (`Snapshot.as_held`), and reads no further than their system
cells. The planner gets from here the local records and the bases it merges against
(`Held.locals`, `Held.bases`), each read only where a row does not already say what it is.

Planning compares every incoming row with the record stored under its id (its hash and system
fields) and with that record's sync base (hash, tombstone, version). For a national bundle that is
every record of a kind, read a table at a time: seconds of work at national scale.

That reading needs nothing from the bundle but its row counts, which Info gives before any data
sheet is loaded; and python-calamine lets go of the GIL while it loads a sheet, which for the
activities of a national bundle takes seconds in which the interpreter has nothing to do. So
`Snapshot` reads the tables of the kinds a bundle has many rows of on a thread of its own while
the bundle is read, and the planner finds them ready.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from datetime import datetime
from sys import intern
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from bra_desktop.bundle.plan import RecordState, RowState
from bra_desktop.bundle.schema import DATA_SHEETS, DataSheet
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.models import SyncBase
from bra_desktop.store.changelog import change_marker
from bra_desktop.store.register import Register
from bra_desktop.store.stream import stream_records
from bra_desktop.store.syncbase import FETCH, load_bases

if TYPE_CHECKING:
    from bra_desktop.bundle.reader import BundleInfo
    from bra_desktop.bundle.rows import AsHeld, HeldState, IncomingRow

LOOKUP_CHUNK = 500
WHOLE_TABLE_FROM = 5_000
"""Incoming records of one kind from which the register's are read a table at a time: for a few
rows they are looked up by id; for many, one pass over the table is quicker (about half the time
of lookups by id for a national table; `make bench`'s re-plan goal)."""


class Held:
    """What the register holds for one kind's incoming ids: each record's hash and system fields,
    and its base's hash, tombstone and version, read together (one row per record: a base belongs
    to a record, which is never removed but by undoing the import that made it, base and all)."""

    def __init__(self, kind: RecordKind, rows: dict[str, tuple[Any, ...]]) -> None:
        self.kind = kind
        self._rows = rows
        """id → (content hash, deleted, version, updated at, updated by, the base's content hash,
        deleted and version, or three Nones, and the record's owner)."""

    def record(self, record_id: str) -> tuple[str, bool, int, datetime | None, str] | None:
        """The stored record's (content hash, deleted, version, updated at, updated by)."""
        row = self._rows.get(record_id)
        return None if row is None else row[:5]

    def base(self, record_id: str) -> tuple[str, bool, int] | None:
        """The record's base's (content hash, deleted, version); None when it has none."""
        row = self._rows.get(record_id)
        return None if row is None or row[5] is None else row[5:8]

    def as_row(self, row: IncomingRow) -> RowState | None:
        """The stored record when its hash is that of a row as its producer wrote it: the row's
        content (read only if asked for) with the stored system fields. None for any other row."""
        stored = self.record(row.id)
        if stored is None or row.hand_edited or stored[0] != row.content_hash:
            return None
        return RowState(row, *stored[1:])

    def unchanged(self, row: IncomingRow) -> RowState | None:
        """The stored record a row as its producer wrote it is, unchanged (same hash and tombstone):
        nothing to compare, validate or write, and its content need not even be read."""
        state = self.as_row(row)
        return state if state is not None and state.deleted == row.deleted else None

    @staticmethod
    def untouched_copy(row: IncomingRow, local: RecordState) -> bool:
        """A row as its producer wrote it, equal to the record here: unchanged, whatever the base
        says (what the merge would find after comparing every field), and nothing to validate:
        nothing is written."""
        return not row.hand_edited and row.deleted == local.deleted and row.content == local.content

    def locals(self, session: Session, rows: list[IncomingRow]) -> dict[str, RecordState]:
        """The records the rows name, as held here.

        A row as its producer wrote it whose hash is the stored record's is that record: its state
        is the row's content with the stored system fields (`as_row`), and only the other records
        are loaded, with their links.
        """
        found: dict[str, RecordState] = {}
        others = []
        for row in rows:
            if self.record(row.id) is None:
                continue
            state = self.as_row(row)
            if state is not None:
                found[row.id] = state
            else:
                others.append(row.id)
        if others:
            found.update(load_records(session, self.kind, others))
        return found

    def bases(self, session: Session, rows: list[IncomingRow]) -> dict[str, RecordState]:
        """The bases of the rows' records. A base whose hash, version and tombstone equal the row's
        is the row's content, so only the other bases are read and parsed."""
        same = {row.id: RowState(row, row.deleted, row.version)
                for row in rows if self.base(row.id) == (row.content_hash, row.deleted, row.version)}
        other = [row.id for row in rows if row.id not in same and self.base(row.id) is not None]
        read = {i: RecordState(b.content, b.deleted, b.version) for i, b in load_bases(session, self.kind, other).items()}
        return {**read, **same}

    def owner(self, record_id: str) -> str | None:
        """Who owns the stored record (`origin`, fixed when the register first stored it)."""
        row = self._rows.get(record_id)
        return None if row is None else row[8]

    def as_is(self) -> dict[str, HeldState]:
        """Record id → the (content hash, deleted, version) of a row that is the stored record as it
        is and its base too: the base's, for each record with the base's hash and tombstone and a
        version no older. Records new to the exchange, or that differ from their base, are left out."""
        return {record_id: row[5:8] for record_id, row in self._rows.items()
                if row[5] == row[0] and row[6] == row[1] and row[7] <= row[2]}

    @classmethod
    def read(cls, session: Session, kind: RecordKind, ids: list[str]) -> Held:
        """Looked up by id for a few, read whole and kept for `ids` for many."""
        if len(ids) >= WHOLE_TABLE_FROM:
            return cls.whole(session, kind).only(ids)
        rows: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(ids), LOOKUP_CHUNK):
            query = _stored(kind).where(kind.table.id.in_(ids[start : start + LOOKUP_CHUNK]))
            rows.update(_by_id(session.execute(query)))
        return cls(kind, rows)

    @classmethod
    def whole(cls, session: Session, kind: RecordKind, stop: threading.Event | None = None) -> Held:
        """Every record of `kind` with its base; `stop` ends the reading early (nothing is kept then)."""
        result = session.connection().execute(_stored(kind).execution_options(yield_per=FETCH))  # in parts: see FETCH
        rows: dict[str, tuple[Any, ...]] = {}
        for part in result.partitions():
            if stop is not None and stop.is_set():
                result.close()
                return cls(kind, {})
            rows.update(_by_id(part))
        return cls(kind, rows)

    def only(self, ids: list[str]) -> Held:
        """The same for `ids`: for a bundle with a small part of a national table (a county's),
        without the rest of it through planning. Kept whole when `ids` are most of it: picking
        nearly all of a national table's records takes longer than keeping the few others."""
        rows = self._rows
        if 2 * len(ids) >= len(rows):
            return self
        return Held(self.kind, {i: rows[i] for i in ids if i in rows})


def load_records(session: Session, kind: RecordKind, ids: list[str]) -> dict[str, RecordState]:
    """The stored records of `ids`, content and links and all (those the register has)."""
    return {r.id: RecordState(r.content, r.deleted, r.version, r.updated_at, r.updated_by)
            for r in stream_records(session, kind, ids=ids)}


def _stored(kind: RecordKind) -> Select[Any]:
    table = kind.table
    return (select(table.id, table.content_hash, table.deleted, table.version, table.updated_at, table.updated_by,
                   SyncBase.content_hash, SyncBase.deleted, SyncBase.version, table.origin)
            .outerjoin(SyncBase, (SyncBase.table_name == kind.table_name) & (SyncBase.record_id == table.id)))


def _by_id(rows: Iterable[Row[Any]]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(id, the rest) of each row; the few names of who changed a record, and its owner, are kept
    once each, not once per record (a national table holds 200,000 of them)."""
    for row in rows:
        yield row[0], (row[1], row[2], row[3], row[4], intern(row[5]) if row[5] else row[5], row[6], row[7], row[8],
                       intern(row[9]))


class Snapshot:
    """What the register holds for one bundle's records. Made with the bundle's Info, it reads
    the `Held` of each kind the bundle declares many rows of on a thread of its own, while the
    reader loads the data sheets; without Info, nothing is read ahead. (The thread serves `make
    bench`'s goal "plan of unchanged re-import ≤ 1.5× raw read".)

    Use it as a context: leaving stops a reading still under way (a refused bundle does not wait
    for it). What was read ahead is taken once (`held`); a kind not read ahead is read then.
    """

    def __init__(self, register: Register, info: BundleInfo | None = None) -> None:
        self.register = register
        self.marker: int | None = None
        """`change_marker` before the first read ahead (None: nothing was read ahead)."""
        self.info = info
        self._whole: dict[str, Held] = {}
        self._as_is: dict[str, dict[str, HeldState]] = {}
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._done = False
        """Whether `wait` has seen the reading ahead end (it is asked once per sheet and kind)."""
        kinds = [] if info is None else [
            sheet.kind for sheet in DATA_SHEETS if info.declared_rows.get(sheet.name, 0) >= WHOLE_TABLE_FROM]
        if kinds:  # the kinds of the sheets with at least `WHOLE_TABLE_FROM` declared rows
            self._thread = threading.Thread(target=self._read, args=(kinds,), name="bra-read-ahead", daemon=True)
            self._thread.start()

    def _read(self, kinds: list[RecordKind]) -> None:
        try:
            with self.register.session() as session:
                self.marker = change_marker(session)
                for kind in kinds:
                    whole = Held.whole(session, kind, self._stop)
                    if self._stop.is_set():
                        return
                    self._whole[kind.key] = whole
                    self._as_is[kind.key] = whole.as_is()  # here, while python-calamine loads the sheets
        except BaseException as error:  # noqa: BLE001 (raised again where the plan asks for what was read)
            self._error = error

    def wait(self) -> None:
        """Until the reading ahead is done; raises what it raised."""
        if not self._done:
            if self._thread is not None:
                self._thread.join()
            self._done = True
        if self._error is not None:
            raise self._error

    def as_held(self, sheet: DataSheet) -> AsHeld | None:
        """The reader's `AsHeld` for `sheet` from what was read ahead: for a kind read whole, the
        state in which a row is the stored record as it is (hash and tombstone, a version no older)
        and its base too (`Held.as_is`); planning would take such a row as unchanged
        (`Held.unchanged`), applying would neither write it (`apply._catches_up`) nor save its base
        (`apply._base_is_row`). None for a kind not read ahead, and for a bundle whose rows lack
        fields the kind has (contact details, fields of a later format): the bases of those are made
        from the content.
        Re-reading a national bundle, that is nearly every row."""
        if self.info is None or self.info.not_carried(sheet.kind):
            return None
        self.wait()
        return self._as_is.get(sheet.kind.key)

    def held(self, session: Session, kind: RecordKind, ids: list[str]) -> Held:
        """What the register holds for `ids` of `kind`: from what was read ahead, or read now."""
        self.wait()
        whole = self._whole.pop(kind.key, None)
        return whole.only(ids) if whole is not None else Held.read(session, kind, ids)

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._whole.clear()
        self._as_is.clear()
