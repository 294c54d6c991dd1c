"""One data row of a bundle as the reader makes it: a record (`IncomingRow`), a row the register
holds exactly as it is (`HeldRow`), or a row rejected with every problem found in it (`RejectedRow`).

`RowReader` works out once per sheet where each column is and how its cells are read, then reads
every row of it: a national bundle has 200,000. The sheets, Info and the code lists are
`reader.py`'s.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import call, itemgetter
from typing import Any, NamedTuple

from bra_desktop.bundle.cells import (
    REPEATING, CellError, bool_to_cell, cell_reader, read_bool, read_count, read_date, read_text, read_version, to_cell,
)
from bra_desktop.bundle.problems import ImportProblem
from bra_desktop.bundle.schema import ColumnRole, DataSheet, SystemField
from bra_desktop.domain.code_renames import with_new_codes
from bra_desktop.domain.content import Content, empty_values, normalised_hash
from bra_desktop.domain.fields import FieldType
from bra_desktop.domain.models import LONG_TEXT_MAX
from bra_desktop.domain.producer import parse_owner
from bra_desktop.domain.validation import forbidden_character

_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""An id as the app writes it, which needs no parsing to be known valid."""
_NEW_ROW_NAMESPACE = uuid.UUID("6f1c8a52-6a0e-4d5b-9a57-2b1d4c1e7f10")


@dataclass(slots=True)
class IncomingRow:
    """A valid row of a data sheet: its record's system fields and content.

    A row of a sheet that is byte for byte as the app wrote it (`reader.BundleReader`) is read without
    its business cells: its `content_hash` is its `radkontroll`, and its content is read from the
    cells, which the row keeps until then, when first asked for. (A row the register holds exactly
    as it is does not become an `IncomingRow` at all: see `HeldRow`.)
    """

    sheet: DataSheet
    row: int
    id: str
    id_given: bool
    origin: str | None
    """None for a row a person added: the importing register becomes its owner."""
    version: int
    updated_at: datetime | None
    updated_by: str
    deleted: bool
    content_hash: str
    row_hash_ok: bool
    written_hash: str | None = None
    """The hash of the row's cells as written, where the content differs from them: a row of an
    older format read with the codes that replaced retired ones (`domain/code_renames.py`)."""
    link_names: tuple[tuple[str, str], ...] | None = None
    """(field, the text of its "(namn)" column) of each link to records the row names: what the
    file calls a linked record the register may not have, to say which one it is."""
    _content: Content | None = None
    _reader: RowReader | None = None
    """The row's reader while its content is not read yet."""
    _unread: tuple[Any, ...] | None = None
    """The row's business cells (no more: a national bundle's rows are many) while its content is
    not read yet."""

    @property
    def hand_edited(self) -> bool:
        """Added or changed by a person in Excel: no id, or cells that no longer match `radkontroll`."""
        return not self.id_given or not self.row_hash_ok

    @property
    def content(self) -> Content:
        if self._unread is not None:
            self.read_content()
        assert self._content is not None
        return self._content

    @property
    def content_unread(self) -> bool:
        return self._unread is not None

    def read_content(self) -> RejectedRow | None:
        """Read the business cells of a row read without them, as the row would have been read with
        them: its hash is then the content's, and checked against `radkontroll`. Returns the row as
        rejected when a cell cannot be read (the row was then not as the app wrote it after all).
        """
        reader, business = self._reader, self._unread
        if reader is None or business is None:
            return None
        problems: list[ImportProblem] = []
        content = reader.unread_content(self.row - 1, business, problems)
        digest = normalised_hash(reader.sheet.kind, content)
        self._content, self._reader, self._unread = content, None, None
        self.row_hash_ok, self.content_hash = digest == self.content_hash, digest
        if not problems:
            return None
        cells = {label: value for (_, _, _, label), value in zip(reader.business, business)}
        system = system_values(self.id if self.id_given else None, self.origin, self.version, self.deleted)
        return RejectedRow(self.sheet, self.row, {**cells, **system}, problems, self.id)


@dataclass
class RejectedRow:
    sheet: DataSheet
    row: int
    values: dict[str, Any]
    """Header label → the cell as read, to write back beside the problems."""
    problems: list[ImportProblem]
    record_id: str | None = None


HeldState = tuple[str, bool, int]
"""A record's (content hash, tombstone, version)."""
AsHeld = Mapping[str, HeldState]
"""Of one data sheet: record id → the state in which a row of it is exactly what the register holds
for that record and for its sync base, so that importing the row has nothing to compare, show or
write (ids not in it: any other row); `snapshot.Snapshot.as_held` gives it."""


class HeldRow(NamedTuple):
    """A row of a sheet as the app wrote it that is exactly what the register holds for its record
    and the record's base (`AsHeld`): its system cells are read, and nothing else.

    Re-reading a national bundle, nearly every row is one; as an `IncomingRow` and a planned record
    each, they were most of the time and memory of planning. The plan counts them as unchanged."""

    sheet: DataSheet
    row: int
    id: str
    origin: str
    version: int
    deleted: bool

def derived_id(bundle_id: str, sheet: DataSheet, row: int, importer: str | None = None) -> str:
    """The id of a row a person added without one.

    The same for the same file, sheet, row and importing register, so importing a file twice
    creates the record once. The planner derives it with the importer: every county gets the same
    bundle from Brå, and two counties adding a row in the same place make two records, not one id
    for two. (The reader's id, without the importer, only names the row until then.)
    """
    key = f"{bundle_id}/{sheet.kind.key}/{row}" + (f"/{importer}" if importer else "")
    return str(uuid.uuid5(_NEW_ROW_NAMESPACE, key))


class HeldMatch:
    """A row's system cells against the state the register holds its record in (`AsHeld`): the row
    as a `HeldRow` when its cells are that state exactly as this app writes it, else None.

    None is never a verdict: such a row is read as any other, which finds whatever is wrong with it.
    So only what the reader would take for the same values matches: an id the register has (ids are
    stored canonical), a given origin, the version as a number, the tombstone as `ja`/`nej`, the
    row check as written, a valid time or none. One `itemgetter` picks the cells and one lookup
    compares the state, both in C: a national bundle has 200,000 such rows.
    """

    _KEYS = (SystemField.ID, SystemField.ORIGIN, SystemField.VERSION, SystemField.DELETED, SystemField.UPDATED_AT,
             SystemField.UPDATED_BY, SystemField.ROW_HASH)
    _TOMBSTONES = {bool_to_cell(False): False, bool_to_cell(True): True}

    def __init__(self, sheet: DataSheet, positions: list[int], states: AsHeld) -> None:
        self.sheet = sheet
        self.states = states
        self.pick = itemgetter(*positions)
        self.width = 1 + max(positions)

    @classmethod
    def of(cls, sheet: DataSheet, index: dict[str, int], states: AsHeld) -> HeldMatch | None:
        """None when the sheet lacks a system column (its rows are then read in full)."""
        if not all(key in index for key in cls._KEYS):
            return None
        return cls(sheet, [index[key] for key in cls._KEYS], states)

    def __call__(self, offset: int, cells: list[Any]) -> HeldRow | None:
        if len(cells) < self.width:
            return None
        record_id, origin, version, deleted, updated_at, updated_by, row_hash = self.pick(cells)
        state = self.states.get(record_id)
        if (state is None or state != (row_hash, self._TOMBSTONES.get(deleted), version)
                or version.__class__ is bool  # True == 1: a yes/no cell is no version
                or origin.__class__ is not str or (origin := parse_owner(origin)) is None
                or not (updated_by is None or updated_by.__class__ is str)):
            return None
        if updated_at is not None:
            try:
                datetime.fromisoformat(updated_at.strip())
            except (AttributeError, TypeError, ValueError):  # not text, or no time: read as any other row
                return None
        return HeldRow(self.sheet, offset + 1, record_id, origin, state[2], state[1])


class RowReader:
    """Turns one sheet's rows into records, or rejects them with every problem found in each.

    Everything that depends only on the sheet (where each column is, how its cells are read) is
    worked out once here: `read` runs for every row of a national bundle.
    """

    def __init__(self, sheet: DataSheet, index: dict[str, int], no_value: set[tuple[int, int]], *, bundle_id: str,
                 not_carried: frozenset[str], renames: dict[str, dict[str, str]]) -> None:
        self.bundle_id = bundle_id
        self.sheet = sheet
        self.no_value = no_value
        self.labels = {key: sheet.column(key).label_sv for key in index}
        self.positions = index
        self.business = [(column.key, index[column.key], cell_reader(column.field), self.labels[column.key])
                         for column in sheet.business_columns if column.key not in not_carried]
        self.system = [(key, index[key], read, self.labels[key]) for key, read in _SYSTEM_READERS if key in index]
        self.not_carried = empty_values(sheet.kind, not_carried)
        """Empty values of the fields the bundle does not carry: the merge keeps the register's."""
        self.renames = renames
        """Field → retired code → its replacement, for a bundle of a format that may hold retired codes."""
        self.quick_business = None if no_value else _QuickRead(self.business)
        self.quick_system = None if no_value else _QuickRead(self.system)
        self.business_cells = _picker([position for _, position, _, _ in self.business])
        self._repeating = [i for i, (key, _, _, _) in enumerate(self.business) if sheet.column(key).field.type in REPEATING]
        """Places in `business_cells` of the columns of `REPEATING` types."""
        self._dates_and_numbers = [i for i, (key, _, _, _) in enumerate(self.business)
                                   if sheet.column(key).field.type in (FieldType.DATE, FieldType.INTEGER)]
        """Places in `business_cells` of the columns of dates and counts (a few hundred days, a few
        dozen counts, on every row)."""
        self._texts: dict[str, str] = {}
        """Each text that rows share once: the cells of `REPEATING` columns (`kept_cells`), each
        owner and each name of who changed a record."""
        self._values: dict[tuple[type, Any], Any] = {}
        """Each date and number of `_dates_and_numbers` once, by type and value: 1.0 and True are
        equal but not the same cell."""
        self.unread_business = [(key, i, read, label) for i, (key, _, read, label) in enumerate(self.business)]
        """The business columns at their places in `business_cells` (where a row read without its
        business cells keeps them)."""
        self.quick_unread = _QuickRead(self.unread_business)
        self.link_names = [(column.field.name, index[column.key]) for column in sheet.columns
                           if column.role == ColumnRole.READABLE and column.key in index
                           and column.field.type in (FieldType.REF, FieldType.REFS)]
        """(field, position) of the "(namn)" columns of links to records."""
        self._names: dict[tuple[str, str], tuple[str, str]] = {}
        """Each (field, text) once: a national sheet names the same few networks on every row."""

    def kept_cells(self, cells: list[Any]) -> tuple[Any, ...]:
        """The business cells a row read without them keeps until its content is read, equal texts
        of `REPEATING` columns, and equal dates and counts, as one object: a national sheet's rows
        are held together, and a code, an id or a day on every one of them would otherwise be a copy
        on every one."""
        business = self.business_cells(cells)
        if not self._repeating and not self._dates_and_numbers:
            return business
        values, texts, shared = list(business), self._texts, self._values
        for place in self._repeating:
            value = values[place]
            if value.__class__ is str:
                values[place] = texts.setdefault(value, value)
        for place in self._dates_and_numbers:
            value = values[place]
            if value is not None:
                values[place] = shared.setdefault((value.__class__, value), value)
        return tuple(values)

    def names_of(self, cells: list[Any]) -> tuple[tuple[str, str], ...] | None:
        """`IncomingRow.link_names` of a row; None when it names none."""
        width = len(cells)
        found = tuple(self._names.setdefault((field, text), (field, text)) for field, position in self.link_names
                      if position < width and (text := cells[position]).__class__ is str and text)
        return found or None

    def _cells(self, columns: list[_ColumnReader], cells: list[Any] | tuple[Any, ...], offset: int,
               problems: list[ImportProblem]) -> dict[str, Any]:
        """The values of `columns` in one row; a cell that cannot be read is None and a problem."""
        values: dict[str, Any] = {}
        width, no_value = len(cells), self.no_value
        for key, position, read, label in columns:
            value = cells[position] if position < width else None
            if value is not None:
                if no_value and (offset, position) in no_value:
                    problems.append(self._problem(offset, label, "formeln har inget sparat värde; öppna filen i Excel, "
                                                                 "räkna om och spara"))
                    value = None
                elif value.__class__ is str and len(value) > LONG_TEXT_MAX:
                    problems.append(self._problem(offset, label, f"texten är {len(value)} tecken, högst {LONG_TEXT_MAX} ryms"))
                    value = None
            try:
                values[key] = read(value)
            except CellError as error:
                problems.append(self._problem(offset, label, str(error)))
                values[key] = None
        return values

    def _problem(self, offset: int, label: str, message: str) -> ImportProblem:
        return ImportProblem(self.sheet.name, offset + 1, label, message)

    def content(self, offset: int, cells: list[Any], problems: list[ImportProblem]) -> Content:
        """A row's business cells as content; a cell that cannot be read is None and a problem."""
        return self._read_business(cells, offset, problems, self.quick_business, self.business)

    def unread_content(self, offset: int, business: tuple[Any, ...], problems: list[ImportProblem]) -> Content:
        """`content` of a row read without it, from the business cells it kept (`business_cells`).
        (Only a sheet without formulas is read so: `no_value` has no place in them.)"""
        return self._read_business(business, offset, problems, self.quick_unread, self.unread_business)

    def _read_business(self, cells: list[Any] | tuple[Any, ...], offset: int, problems: list[ImportProblem],
                       quick: _QuickRead | None, columns: list[_ColumnReader]) -> Content:
        content = quick(cells) if quick is not None else None
        if content is None:  # cell by cell, with a problem for each cell that cannot be read
            content = self._cells(columns, cells, offset, problems)
        content.update(self.not_carried)  # normalised by the cell readers, in the kind's field order
        return content

    def _rejected(self, offset: int, cells: list[Any], problems: list[ImportProblem], record_id: str | None) -> RejectedRow:
        raw = {self.labels[key]: cells[position] if position < len(cells) else None for key, position in self.positions.items()}
        return RejectedRow(self.sheet, offset + 1, raw, problems, record_id)

    def merged(self, offset: int, cells: list[Any]) -> RejectedRow:
        problem = self._problem(offset, "", "raden har sammanfogade celler; dela upp dem så att varje värde står i sin kolumn")
        position = self.positions.get(SystemField.ID, len(cells))
        return self._rejected(offset, cells, [problem], read_text(cells[position]) if position < len(cells) else None)

    def read(self, offset: int, cells: list[Any], *, content_unread: bool = False) -> IncomingRow | RejectedRow:
        """The row's record, or the row rejected with its problems. With `content_unread` (a row as
        the app wrote it), the business cells are read only when the content is asked for.

        Equal texts of the system cells that rows share (an owner, who changed a record) are held
        once: a national sheet's rows are held together."""
        sheet, labels, excel_row = self.sheet, self.labels, offset + 1
        system_problems: list[ImportProblem] = []
        system = self.quick_system(cells) if self.quick_system is not None else None
        if system is None:
            system = self._cells(self.system, cells, offset, system_problems)
        row_hash = system[SystemField.ROW_HASH]
        problems: list[ImportProblem] = []
        content = None if content_unread and row_hash else self.content(offset, cells, problems)
        problems += system_problems
        given_id = system[SystemField.ID]
        record_id = given_id or derived_id(self.bundle_id, sheet, excel_row)
        if given_id is not None and not _CANONICAL_ID.fullmatch(given_id):
            try:
                record_id = str(uuid.UUID(given_id))
            except ValueError:
                problems.append(self._problem(offset, labels[SystemField.ID], f"«{given_id}» är inget giltigt id"))
        origin = system[SystemField.ORIGIN]
        if given_id is None:
            origin = None  # a row a person added belongs to the bundle's producer, whatever it says
        elif origin is None:
            problems.append(self._problem(offset, labels[SystemField.ORIGIN], "ursprung saknas"))
        elif (owner := parse_owner(origin)) is None:
            problems.append(self._problem(offset, labels[SystemField.ORIGIN],
                                          f"«{origin}» är inget ursprung (ett länsnummer 01–25 eller BRA)"))
        else:
            origin = self._texts.setdefault(owner, owner)
        updated_at = None
        if text := system.get(SystemField.UPDATED_AT):
            try:
                updated_at = datetime.fromisoformat(text)
            except ValueError:
                problems.append(self._problem(offset, labels[SystemField.UPDATED_AT], f"«{text}» är ingen tidpunkt"))
        updated_by = system.get(SystemField.UPDATED_BY)
        if updated_by and (bad := forbidden_character(updated_by)):  # not in the row check, and kept as it is
            problems.append(self._problem(offset, labels[SystemField.UPDATED_BY], f"innehåller {bad[0]}"))
        if problems:
            return self._rejected(offset, cells, problems, record_id)
        digest = row_hash if content is None else normalised_hash(sheet.kind, content)
        written = None
        if self.renames and content is not None and (renamed := with_new_codes(content, self.renames)) is not None:
            content, written, digest = renamed, digest, normalised_hash(sheet.kind, renamed)
        return IncomingRow(
            sheet=sheet, row=excel_row, id=record_id, id_given=given_id is not None, origin=origin,
            version=system[SystemField.VERSION] or 0, updated_at=updated_at,
            updated_by=self._texts.setdefault(updated_by, updated_by) if updated_by else "",
            deleted=system[SystemField.DELETED] or False,
            content_hash=digest, row_hash_ok=row_hash == (written or digest), written_hash=written, link_names=self.names_of(cells) if self.link_names else None,
            _content=content, _reader=None if content is not None else self,
            _unread=None if content is not None else self.kept_cells(cells),
        )


_ColumnReader = tuple[str, int, Callable[[Any], Any], str]
"""Key, position in the row, how its cells are read, and its label for problems."""


class _QuickRead:
    """Some columns of a row (its business or its system columns) read in one go, the loop over the
    cells run in C: a dict of their values, or None.

    Most rows of a national bundle are as the app wrote them, and `RowReader._cells`, which looks
    at each cell for what could be wrong with it, was a tenth of reading them (`make bench`'s import
    goals). This reads them without those checks, and gives up (None) where a check could matter:
    a cell its reader refuses, text cells that together could hold one over a cell's size, a row
    shorter than the sheet. The
    cells are then read one by one, which finds and names each problem. (A sheet with formulas
    without a value is always read cell by cell.)
    """

    def __init__(self, columns: list[_ColumnReader]) -> None:
        self.keys = [key for key, _, _, _ in columns]
        self.readers = [read for _, _, read, _ in columns]
        self.cells = _picker([position for _, position, _, _ in columns])
        self.text_cells = _picker([position for _, position, read, _ in columns if read not in _NOT_TEXT])
        self.width = 1 + max(position for _, position, _, _ in columns)

    def __call__(self, cells: list[Any]) -> dict[str, Any] | None:
        if len(cells) < self.width:
            return None
        try:
            if sum(map(len, self.text_cells(cells))) > LONG_TEXT_MAX:  # a number where text is expected: TypeError
                return None
            return dict(zip(self.keys, map(call, self.readers, self.cells(cells))))
        except (CellError, TypeError):
            return None


def _picker(positions: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The cells at `positions` of a row, as a tuple (itemgetter gives a lone cell bare)."""
    if len(positions) == 1:
        position = positions[0]
        return lambda cells: (cells[position],)
    return itemgetter(*positions)


_NOT_TEXT = (read_date, read_count, read_version, read_bool)
"""Cell readers that take numbers, dates or yes/no, not text."""
_SYSTEM_READERS = (
    (SystemField.ID, read_text), (SystemField.ORIGIN, read_text), (SystemField.VERSION, read_version),
    (SystemField.DELETED, read_bool), (SystemField.UPDATED_AT, read_text), (SystemField.UPDATED_BY, read_text),
    (SystemField.ROW_HASH, read_text),
)


def incoming_values(row: IncomingRow) -> dict[str, Any]:
    """A valid row's cells again (label → value), for a rejected-rows file a person can fix."""
    values = {c.label_sv: to_cell(c.field, row.content[c.key]) for c in row.sheet.business_columns}
    values.update(system_values(row.id if row.id_given else None, row.origin, row.version, row.deleted))
    return values


def system_values(record_id: str | None, origin: str | None, version: int, deleted: bool) -> dict[str, Any]:
    """A row's system cells that a person's fixed row needs to be the same record again."""
    return {"id": record_id, "ursprung": origin, "version": version, "borttagen": bool_to_cell(deleted)}
