"""Reading a bundle into typed rows and problems (DESIGN §4.1–2), with python-calamine.

Reading never touches the register. Columns are found by their Swedish or English label in any order;
an unknown column is a warning; every cell that cannot be read becomes a problem that names sheet,
row and column, and its row is rejected. Rows without an id are new records whose id is derived from
the bundle id, sheet and row, so importing the same file twice creates them once.

A sheet whose XML is byte for byte as the app wrote it (its SHA-256 is in Info) has no edits: its
rows' business cells are read when their content is first needed (`IncomingRow`), which for a
re-sent national bundle is for the few records the register does not hold as they are.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from operator import call, itemgetter
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from bra_desktop.bundle.cells import (
    CellError, bool_to_cell, cell_reader, read_bool, read_count, read_date, read_integer, read_text, read_version, to_cell,
)
from bra_desktop.bundle.formulas import Extent, ScannedPart, SheetScan, check_extent
from bra_desktop.bundle.problems import BundleError, ImportProblem
from bra_desktop.bundle.safety import SCAN_ERRORS, check_bundle_file, damaged, require_defusedxml
from bra_desktop.bundle.schema import (
    CODE_COLUMNS, CODE_LISTS_HASH_KEY, CODE_SHEET, CODE_SHEET_EN, DATA_SHEETS, FORMAT, FORMAT_VERSION, INFO_SHEET, Column, ColumnRole, DataSheet,
    InfoKey, SystemField, hash_key, part_hash_key, rows_key,
)
from bra_desktop.bundle.digest import SheetDigest, code_lists_sha256
from bra_desktop.bundle.signature import info_verifies
from bra_desktop.domain.content import Content, normalise_value, normalised_hash
from bra_desktop.domain.fields import FieldType
from bra_desktop.domain.models import LONG_TEXT_MAX
from bra_desktop.domain.producer import NATIONAL, parse_owner
from bra_desktop.domain.signing import decode_key
from bra_desktop.domain.validation import forbidden_character
from bra_desktop.store.codelists import check_code_item
from bra_desktop.store.errors import RegisterError
from bra_desktop.heap import release_freed_memory

_REQUIRED_SYSTEM = (SystemField.ID, SystemField.ORIGIN, SystemField.VERSION, SystemField.DELETED, SystemField.ROW_HASH)
_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""An id as the app writes it, which needs no parsing to be known valid."""
_NEW_ROW_NAMESPACE = uuid.UUID("6f1c8a52-6a0e-4d5b-9a57-2b1d4c1e7f10")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BundleInfo:
    bundle_id: str
    producer: str
    producer_name: str
    created_at: datetime
    app_version: str
    scope: str
    personal_data: bool
    declared_rows: dict[str, int]
    declared_hashes: dict[str, str]
    declared_part_hashes: dict[str, str] = field(default_factory=dict)
    """Sheet name → the SHA-256 of its XML as the app wrote it (none in bundles of older versions)."""
    code_lists_sha256: str = ""
    signer_key: bytes | None = None
    """The public key the bundle says signed it (None: unsigned, or not a key)."""
    signature_valid: bool = False
    """Whether the signature is `signer_key`'s over Info. Says nothing of whose key it is: the
    planner checks that against the keys this register trusts (`bundle/trust.py`)."""


@dataclass(slots=True)
class IncomingRow:
    """A valid row of a data sheet: its record's system fields and content.

    A row of a sheet that is byte for byte as the app wrote it (`_read_data_sheet`) is read without
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
    link_names: tuple[tuple[str, str], ...] | None = None
    """(field, the text of its "(namn)" column) of each link to records the row names: what the
    file calls a linked record the register may not have, to say which one it is."""
    _content: Content | None = None
    _unread: tuple[_RowReader, int, tuple[Any, ...]] | None = None
    """The row's reader, offset and business cells (no more: a national bundle's rows are many)
    while its content is not read yet."""

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
        unread = self._unread
        if unread is None:
            return None
        reader, offset, business = unread
        problems: list[ImportProblem] = []
        content = reader.unread_content(offset, business, problems)
        digest = normalised_hash(content)
        self._content, self._unread = content, None
        self.row_hash_ok, self.content_hash = digest == self.content_hash, digest
        if not problems:
            return None
        cells = {label: value for (_, _, _, label), value in zip(reader.business, business)}
        system = _system_values(self.id if self.id_given else None, self.origin, self.version, self.deleted)
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


@dataclass
class BundleContents:
    path: Path
    info: BundleInfo
    rows: dict[str, list[IncomingRow]] = field(default_factory=dict)
    """Kind key → valid rows, but for those the register holds as they are (`held_rows`)."""
    held_rows: dict[str, list[HeldRow]] = field(default_factory=dict)
    """Kind key → the rows the register holds exactly as they are, record and base."""
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    code_items: list[dict[str, Any]] | None = None
    untouched_sheets: set[str] = field(default_factory=set)
    """Sheets whose content matches the digest in Info: nothing in them was edited by hand."""
    code_lists_as_signed: bool = True
    """Whether Kodlistor, if the file has it, holds the codes its digest in Info says."""
    file_sha256: str = ""
    """The file's SHA-256, by which receipts know a file imported before; hashed on the scan's
    thread while the sheets load, and set when the reading is done."""

    @property
    def edited_after_signing(self) -> bool:
        """Whether anything the signature covers differs from what was signed: a data sheet whose
        rows do not give their signed digest, or code lists that do not."""
        return not self.code_lists_as_signed or any(sheet.name not in self.untouched_sheets for sheet in DATA_SHEETS)


def derived_id(bundle_id: str, sheet: DataSheet, row: int, importer: str | None = None) -> str:
    """The id of a row a person added without one.

    The same for the same file, sheet, row and importing register, so importing a file twice
    creates the record once. The planner derives it with the importer: every county gets the same
    bundle from Brå, and two counties adding a row in the same place make two records, not one id
    for two. (The reader's id, without the importer, only names the row until then.)
    """
    key = f"{bundle_id}/{sheet.kind.key}/{row}" + (f"/{importer}" if importer else "")
    return str(uuid.uuid5(_NEW_ROW_NAMESPACE, key))


def read_bundle(path: Path, progress: Progress | None = None, trusted_signers: Collection[bytes] = ()) -> BundleContents:
    """Check and read a whole bundle file, every row as read (see `BundleReader`)."""
    with BundleReader(path, trusted_signers, progress) as bundle:
        for sheet in DATA_SHEETS:
            bundle.read_sheet(sheet)
        return bundle.finish()


class BundleReader:
    """One bundle file, read in the steps an import takes: opening it checks the file and reads
    Info (`info`); `read_sheet` reads each data sheet in `DATA_SHEETS` order; `finish` reads the
    code lists and gives the rows. Raises BundleError when the file cannot be imported at all.

    Reading never touches the register. Between Info and the data sheets the importer can learn
    from the register which records it holds as they are (`snapshot.Snapshot`) and give their states
    to `read_sheet`: those rows become `HeldRow`s, read no further.

    No sheet is loaded before its XML is scanned and found within its extent (`formulas.Extent`):
    Info within a small one, the data sheets within Info's row counts and their columns, plus room
    for what a person may add. A data sheet signed by one of `trusted_signers` (public keys: the
    register's own and those it trusts) is only hashed, while it is what was signed (`SheetScan`).
    Use it as a context: leaving waits for the scan of every part, so that a damaged part is
    reported as the file's fault, needed or not, and stops the threads that load and scan.
    """

    def __init__(self, path: Path, trusted_signers: Collection[bytes] = (), progress: Progress | None = None) -> None:
        require_defusedxml()
        self.path = path
        self._progress = progress
        parts = check_bundle_file(path)
        try:
            with zipfile.ZipFile(path) as archive:
                self._book = CalamineWorkbook.from_path(str(path))
                self._sheets = _BundleSheets(self._book, path.name)
                check_extent(archive, parts[self._sheets.info], INFO_SHEET, INFO_EXTENT, file_name=path.name)
                self.info = _read_info(list(_rows_of(self._book.get_sheet_by_name(self._sheets.info))), path.name)
        except SCAN_ERRORS as error:
            # a part the workbook names is missing, or its XML is broken
            raise damaged(path.name, error) from error
        except CalamineError as error:
            raise _unreadable(path.name, error) from error
        self._scan = SheetScan(path, parts, self._sheets.extents(self.info), self._sheets.signed(self.info, trusted_signers))
        self._loaded = _SheetsInTurn(self._book, self._scan, self._sheets.data)
        self._contents = BundleContents(path, self.info)
        self._total = sum(self.info.declared_rows.values()) or 1
        self._done = 0

    def read_sheet(self, sheet: DataSheet, as_held: AsHeld | None = None) -> None:
        """Read the next data sheet (`DATA_SHEETS` order). `as_held` is used only on a sheet as the
        app wrote it, where the rows it names in their state become `HeldRow`s."""
        name = self._sheets.data[DATA_SHEETS.index(sheet)]
        try:
            calamine_sheet = self._loaded.take()
            rows = _rows_of(calamine_sheet)
            scanned = self._scan.of(name)
            untouched = scanned is not None and self.info.declared_part_hashes.get(sheet.name) == scanned.sha256
            held = as_held if untouched and not scanned.without_value else None
            self._done += _read_data_sheet(self._contents, sheet, rows, scanned, untouched, held)
            del rows, calamine_sheet  # the sheet's cells as python-calamine holds them: freed here, and tidied away
            release_freed_memory()  # outside the GIL, not at some later allocation inside it
        except CalamineError as error:
            raise _unreadable(self.path.name, error) from error
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)

    def finish(self) -> BundleContents:
        """Read the code lists, wait for the scan, and give what was read."""
        contents, info, sheets = self._contents, self.info, self._sheets
        try:
            if sheets.code_lists:
                self._scan.within(sheets.code_lists)  # within its extent before it is loaded
                rows = list(_rows_of(self._book.get_sheet_by_name(sheets.code_lists)))
                contents.code_items = items = _read_code_lists(contents, rows)
                contents.code_lists_as_signed = info.code_lists_sha256 == code_lists_sha256(
                    (i["list_name"], i["code"], i["label_sv"], i["label_en"], i["active"]) for i in items)
            elif info.producer == NATIONAL:
                raise BundleError(f"Fliken {CODE_SHEET} saknas i Brås paket {self.path.name}.", f"The sheet {CODE_SHEET} is missing.")
        except CalamineError as error:
            raise _unreadable(self.path.name, error) from error
        self._scan.wait()  # a damaged part is a damaged file, needed or not
        contents.file_sha256 = self._scan.file_sha256
        _reject_duplicate_ids(contents)
        return contents

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            if isinstance(error, BundleError):
                self._scan.wait()  # a damaged part says more than what was made of it: raised instead
        finally:
            self._loaded.close()
            self._scan.close()


INFO_EXTENT = Extent(rows=200, columns=10)
"""Info holds a few explanations and some forty keys: this is room for any that come later."""
ROW_MARGIN = 10_000
"""Rows a person may add to a data sheet beyond those Info counts (its extent)."""
COLUMN_MARGIN = 40
"""Columns a person may add to a sheet beyond the schema's (its extent)."""
CODE_ROWS = 20_000
"""Rows Kodlistor may have: some hundred codes today."""


def _unreadable(file_name: str, error: CalamineError) -> BundleError:
    return BundleError(f"Filen {file_name} kan inte läsas ({error}).", f"The file {file_name} cannot be read ({error}).")


class _BundleSheets:
    """The workbook's own names of the sheets a bundle has: exactly one visible sheet for each.

    Names are compared trimmed and case-folded, in Swedish or English: a second sheet that a reader
    could take for one of them (`Aktiviteter ` beside `Aktiviteter`, say, or a hidden one) would
    decide which rows are read behind the back of the person who looked at the file, so the file
    is refused instead.
    """

    def __init__(self, book: CalamineWorkbook, file_name: str) -> None:
        self._file_name = file_name
        self._found: dict[str, list[Any]] = {}
        for sheet in book.sheets_metadata:
            self._found.setdefault(sheet.name.strip().casefold(), []).append(sheet)
        self.info = self._one(INFO_SHEET, None, required=True)
        self.data = [self._one(sheet.name, sheet.name_en, required=True) for sheet in DATA_SHEETS]
        self.code_lists = self._one(CODE_SHEET, CODE_SHEET_EN, required=False)

    def _one(self, name: str, name_en: str | None, *, required: bool) -> str:
        found = [*self._found.get(name.casefold(), []),
                 *(self._found.get(name_en.casefold(), []) if name_en and name_en.casefold() != name.casefold() else [])]
        file_name = self._file_name
        if not found:
            if required:
                raise BundleError(f"Fliken {name} saknas i {file_name}.", f"The sheet {name} is missing in {file_name}.")
            return ""
        if len(found) > 1:
            names = ", ".join(f"«{sheet.name}»" for sheet in found)
            raise BundleError(
                f"Filen {file_name} har flera flikar som kan vara {name} ({names}). Ta bort alla utom en och spara igen.",
                f"The file {file_name} has several sheets that could be {name} ({names}).",
            )
        sheet = found[0]
        if sheet.visible != SheetVisibleEnum.Visible or sheet.typ != SheetTypeEnum.WorkSheet:
            raise BundleError(
                f"Fliken {sheet.name} i {file_name} är dold eller inget vanligt kalkylblad. Visa den (eller ta bort den) "
                "och spara filen igen.",
                f"The sheet {sheet.name} in {file_name} is hidden or not a worksheet.",
            )
        return sheet.name

    def extents(self, info: BundleInfo) -> dict[str, Extent]:
        """How far each sheet the reader loads may reach (`BundleReader`)."""
        extents = {name: Extent(info.declared_rows.get(sheet.name, 0) + 1 + ROW_MARGIN, len(sheet.columns) + COLUMN_MARGIN)
                   for sheet, name in zip(DATA_SHEETS, self.data)}
        if self.code_lists:
            extents[self.code_lists] = Extent(CODE_ROWS, len(CODE_COLUMNS) + COLUMN_MARGIN)
        return extents

    def signed(self, info: BundleInfo, trusted_signers: Collection[bytes]) -> dict[str, str]:
        """The SHA-256 of each data sheet as a sender the register trusts signed it; none when
        another key, or none, signed Info."""
        if not info.signature_valid or info.signer_key not in trusted_signers:
            return {}
        return {name: info.declared_part_hashes[sheet.name] for sheet, name in zip(DATA_SHEETS, self.data)
                if sheet.name in info.declared_part_hashes}


def _rows_of(sheet: CalamineSheet) -> Iterator[list[Any]]:
    """The rows of a loaded sheet, one at a time, every column from A.

    Rows are iterated, never built as one list: python-calamine's `to_python` holds the GIL while
    it builds every row of the sheet (seconds of a frozen window for a national bundle read on the
    worker), and the list would hold every cell of the sheet at once. `iter_rows` yields rows
    from row 1 but leaves out empty leading columns, which are put back so column numbers stay
    the sheet's own.
    """
    leading = [""] * (sheet.start[1] if sheet.start else 0)
    return (leading + row for row in sheet.iter_rows()) if leading else sheet.iter_rows()


class _SheetsInTurn:
    """The sheets of `names` as python-calamine loads them, taken in that order (`take`), each
    loading on a thread while the reader goes through the rows of the one before, once the scan
    has found it within its extent.

    Serves `make bench`'s goal "plan of unchanged re-import ≤ 1.5× raw read": loading a sheet lets
    go of the GIL, so a national bundle's other sheets load while its activities are read. One sheet
    is loaded ahead, no more, so that at most two are held at once; and none is kept here once
    taken, so the reader frees each when it is done.
    """

    def __init__(self, book: CalamineWorkbook, scan: SheetScan, names: list[str]) -> None:
        self._book = book
        self._scan = scan
        self._waiting = list(names)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bra-sheet-load")
        self._loading = self._load_next()

    def take(self) -> CalamineSheet:
        """The next sheet of `names`."""
        loading, self._loading = self._loading, self._load_next()
        assert loading is not None, "every sheet was taken"
        return loading.result()

    def _load_next(self) -> Future[CalamineSheet] | None:
        return self._pool.submit(self._load, self._waiting.pop(0)) if self._waiting else None

    def _load(self, name: str) -> CalamineSheet:
        self._scan.within(name)  # raises for a sheet beyond its extent: it must not be loaded
        return self._book.get_sheet_by_name(name)

    def close(self) -> None:
        """Stop loading: a sheet not yet loading never is."""
        self._loading = None
        self._pool.shutdown(wait=True, cancel_futures=True)


# --- Info ------------------------------------------------------------------------------------------


def _read_info(rows: list[list[Any]], file_name: str) -> BundleInfo:
    values: dict[str, Any] = {}
    for row in rows:
        key = read_text(row[0]) if row else None
        if key and len(row) > 1:
            values[key] = row[1]

    def fail(message: str) -> BundleError:
        return BundleError(f"{file_name} är inget giltigt Brå-paket: {message}.", f"{file_name} is not a valid bundle: {message}.")

    if read_text(values.get(InfoKey.FORMAT)) != FORMAT:
        raise fail("fliken Info saknar format = bra-paket")
    try:
        version = read_integer(values.get(InfoKey.FORMAT_VERSION))
    except CellError:
        version = None
    if version is None:
        raise fail("format_version saknas")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"Paketet {file_name} är gjort av en nyare version av programmet (format {version}). Uppdatera programmet.",
            f"The bundle {file_name} was made by a newer version of the app (format {version}). Update the app.",
        )
    if version < 1:
        raise fail(f"okänd format_version {version}")
    bundle_id = read_text(values.get(InfoKey.BUNDLE_ID)) or ""
    try:
        uuid.UUID(bundle_id)
    except ValueError:
        raise fail("bundle_id är inget giltigt id") from None
    producer = parse_owner(read_text(values.get(InfoKey.PRODUCER)))
    if producer is None:
        raise fail(f"okänd avsändare «{read_text(values.get(InfoKey.PRODUCER)) or ''}» (ett län 01–25 eller BRA)")
    try:
        created_at = datetime.fromisoformat(read_text(values.get(InfoKey.CREATED_AT)) or "")
        personal = read_bool(values.get(InfoKey.PERSONAL_DATA, "nej"))
    except (ValueError, CellError) as error:
        raise fail(str(error)) from None
    scope = read_text(values.get(InfoKey.SCOPE)) or "full"
    if scope not in ("full", "changes"):
        raise fail(f"okänt omfång «{scope}»")
    rows, hashes, part_hashes = {}, {}, {}
    for sheet in DATA_SHEETS:
        try:
            count = read_integer(values.get(rows_key(sheet)))
        except CellError:
            count = None
        if count is not None:
            rows[sheet.name] = count
        for key, found in ((hash_key(sheet), hashes), (part_hash_key(sheet), part_hashes)):
            digest = read_text(values.get(key))
            if digest:
                found[sheet.name] = digest
    signer = decode_key(read_text(values.get(InfoKey.SIGNER_KEY)))
    signature = read_text(values.get(InfoKey.SIGNATURE))
    return BundleInfo(bundle_id, producer, read_text(values.get(InfoKey.PRODUCER_NAME)) or producer, created_at,
                      read_text(values.get(InfoKey.APP_VERSION)) or "", scope, personal, rows, hashes, part_hashes,
                      code_lists_sha256=read_text(values.get(CODE_LISTS_HASH_KEY)) or "", signer_key=signer,
                      signature_valid=signer is not None and info_verifies(signer, signature, values))


# --- data sheets -----------------------------------------------------------------------------------


def _match_columns(contents: BundleContents, sheet_name: str, header: list[Any], columns: tuple[Column, ...]) -> dict[str, int]:
    """Column key → index, by label in Swedish or English, in any order."""
    by_label = {label.casefold(): column for column in columns for label in column.labels}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = read_text(cell)
        if label is None:
            continue
        column = by_label.get(label.casefold())
        if column is None:
            contents.warnings.append(ImportProblem(sheet_name, 1, label, "okänd kolumn; den läses inte in", warning=True))
        elif column.key in found:
            raise BundleError(f"Fliken {sheet_name}: kolumnen {label} finns två gånger.", f"Sheet {sheet_name}: column {label} appears twice.")
        else:
            found[column.key] = index
    return found


def _read_data_sheet(contents: BundleContents, sheet: DataSheet, rows: Iterator[list[Any]], scanned: ScannedPart | None,
                     untouched: bool, held_states: AsHeld | None) -> int:
    """Read one data sheet's rows into `contents`; returns how many rows below the header it had.

    An `untouched` sheet's XML is the one the app wrote (its hash is in Info): every row is as the
    app wrote it, so its business cells are left for when the content is needed (`IncomingRow`),
    and a row in the state `held_states` gives for its record is a `HeldRow`. A row with merged
    cells is rejected: a merged range shows one value over several cells and leaves the others
    empty, which would quietly empty fields.
    """
    no_value = scanned.without_value if scanned is not None else set()
    merged = scanned.merged_rows if scanned is not None else frozenset()
    header = next(rows, [])
    index = _match_columns(contents, sheet.name, header, sheet.columns)
    required = [c for c in sheet.columns if c.role == ColumnRole.BUSINESS or c.key in _REQUIRED_SYSTEM]
    missing = [c.label_sv for c in required if c.key not in index]
    if missing:
        raise BundleError(
            f"Fliken {sheet.name} saknar kolumnerna {', '.join(missing)}.",
            f"The sheet {sheet.name} lacks the columns {', '.join(missing)}.",
        )
    reader = _RowReader(contents.info, sheet, index, no_value)
    held_match = _HeldMatch.of(sheet, index, held_states) if held_states is not None else None
    valid: list[IncomingRow] = []
    held: list[HeldRow] = []
    digest = None if untouched else SheetDigest()
    offset = 0
    for offset, cells in enumerate(rows, start=1):
        if held_match is not None:  # first: an empty row is never held
            as_held = held_match(offset, cells)
            if as_held is not None:
                held.append(as_held)
                continue
        if cells.count("") + cells.count(None) == len(cells):  # an empty row (counted in C)
            continue
        if merged and offset in merged:
            contents.rejected.append(reader.merged(offset, cells))
            continue
        parsed = reader.read(offset, cells, content_unread=untouched and not no_value)
        if isinstance(parsed, RejectedRow):
            contents.rejected.append(parsed)
            continue
        valid.append(parsed)
        if digest is not None:
            digest.add(parsed.id, parsed.origin, parsed.version, parsed.deleted, parsed.content_hash)
    contents.rows[sheet.kind.key] = valid
    if held:
        contents.held_rows[sheet.kind.key] = held
    if untouched or contents.info.declared_hashes.get(sheet.name) == digest.hexdigest():
        contents.untouched_sheets.add(sheet.name)
    return offset


class _HeldMatch:
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
    def of(cls, sheet: DataSheet, index: dict[str, int], states: AsHeld) -> _HeldMatch | None:
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


class _RowReader:
    """Turns one sheet's rows into records, or rejects them with every problem found in each.

    Everything that depends only on the sheet (where each column is, how its cells are read) is
    worked out once here: `read` runs for every row of a national bundle.
    """

    def __init__(self, info: BundleInfo, sheet: DataSheet, index: dict[str, int], no_value: set[tuple[int, int]]) -> None:
        self.info = info
        self.sheet = sheet
        self.no_value = no_value
        self.labels = {key: sheet.column(key).label_sv for key in index}
        self.positions = index
        self.business = [(column.key, index[column.key], cell_reader(column.field), self.labels[column.key])
                         for column in sheet.business_columns]
        self.system = [(key, index[key], read, self.labels[key]) for key, read in _SYSTEM_READERS if key in index]
        self.not_carried = {} if info.personal_data else {
            spec.name: normalise_value(spec, None) for spec in sheet.kind.fields if spec.personal}
        self.quick_business = None if no_value else _QuickRead(self.business)
        self.quick_system = None if no_value else _QuickRead(self.system)
        self.business_cells = _picker([position for _, position, _, _ in self.business])
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
        the app wrote it), the business cells are read only when the content is asked for."""
        sheet, info, labels, excel_row = self.sheet, self.info, self.labels, offset + 1
        system_problems: list[ImportProblem] = []
        system = self.quick_system(cells) if self.quick_system is not None else None
        if system is None:
            system = self._cells(self.system, cells, offset, system_problems)
        row_hash = system[SystemField.ROW_HASH]
        problems: list[ImportProblem] = []
        content = None if content_unread and row_hash else self.content(offset, cells, problems)
        problems += system_problems
        given_id = system[SystemField.ID]
        record_id = given_id or derived_id(info.bundle_id, sheet, excel_row)
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
            origin = owner
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
        digest = row_hash if content is None else normalised_hash(content)
        return IncomingRow(
            sheet=sheet, row=excel_row, id=record_id, id_given=given_id is not None, origin=origin,
            version=system[SystemField.VERSION] or 0, updated_at=updated_at,
            updated_by=updated_by or "", deleted=system[SystemField.DELETED] or False,
            content_hash=digest, row_hash_ok=row_hash == digest, link_names=self.names_of(cells) if self.link_names else None,
            _content=content, _unread=(self, offset, self.business_cells(cells)) if content is None else None,
        )


_ColumnReader = tuple[str, int, Callable[[Any], Any], str]
"""Key, position in the row, how its cells are read, and its label for problems."""


class _QuickRead:
    """Some columns of a row (its business or its system columns) read in one go, the loop over the
    cells run in C: a dict of their values, or None.

    Most rows of a national bundle are as the app wrote them, and `_RowReader._cells`, which looks
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
    values.update(_system_values(row.id if row.id_given else None, row.origin, row.version, row.deleted))
    return values


def _system_values(record_id: str | None, origin: str | None, version: int, deleted: bool) -> dict[str, Any]:
    """A row's system cells that a person's fixed row needs to be the same record again."""
    return {"id": record_id, "ursprung": origin, "version": version, "borttagen": bool_to_cell(deleted)}


def _reject_duplicate_ids(contents: BundleContents) -> None:
    """The same id twice in one file is an error for both rows, never a silent overwrite."""
    for kind_key in {*contents.rows, *contents.held_rows}:
        rows, held = contents.rows.get(kind_key, []), contents.held_rows.get(kind_key, [])
        first_row: dict[str, IncomingRow | HeldRow] = {}
        duplicates: dict[str, list[IncomingRow | HeldRow]] = {}
        for row in chain(rows, held):
            if row.id in first_row:
                duplicates.setdefault(row.id, [first_row[row.id]]).append(row)
            else:
                first_row[row.id] = row
        if not duplicates:
            continue
        bad = {id(row) for group in duplicates.values() for row in group}
        contents.rows[kind_key] = [row for row in rows if id(row) not in bad]
        if held:
            contents.held_rows[kind_key] = [row for row in held if id(row) not in bad]
            if not contents.held_rows[kind_key]:
                del contents.held_rows[kind_key]
        for record_id, group in duplicates.items():
            numbers = [row.row for row in group]
            for row in group:
                others = ", ".join(str(n) for n in numbers if n != row.row)
                problem = ImportProblem(row.sheet.name, row.row, "id", f"samma id ({record_id}) finns också på rad {others}")
                values = (incoming_values(row) if isinstance(row, IncomingRow)
                          else _system_values(row.id, row.origin, row.version, row.deleted))
                contents.rejected.append(RejectedRow(row.sheet, row.row, values, [problem], record_id))


# --- code lists ------------------------------------------------------------------------------------


def _read_code_lists(contents: BundleContents, rows: list[list[Any]]) -> list[dict[str, Any]]:
    index = _match_columns(contents, CODE_SHEET, rows[0] if rows else [], CODE_COLUMNS)
    missing = [c.label_sv for c in CODE_COLUMNS if c.key not in index]
    if missing:
        raise BundleError(f"Fliken {CODE_SHEET} saknar kolumnerna {', '.join(missing)}.",
                          f"The sheet {CODE_SHEET} lacks the columns {', '.join(missing)}.")
    items = []
    for order, cells in enumerate(rows[1:], start=2):
        values = {key: (cells[position] if position < len(cells) else None) for key, position in index.items()}
        if all(v in ("", None) for v in values.values()):
            continue
        try:
            item = {
                "list_name": read_text(values["list_name"]), "code": read_text(values["code"]),
                "label_sv": read_text(values["label_sv"]), "label_en": read_text(values["label_en"]),
                "active": read_bool(values["active"]), "sort_order": order,
            }
        except CellError as error:
            raise BundleError(f"Fliken {CODE_SHEET}, rad {order}: {error}.", f"Sheet {CODE_SHEET}, row {order}: {error}.") from error
        if not (item["list_name"] and item["code"] and item["label_sv"]):
            raise BundleError(f"Fliken {CODE_SHEET}, rad {order}: lista, kod och etikett_sv måste fyllas i.",
                              f"Sheet {CODE_SHEET}, row {order}: list, code and label_sv are required.")
        for column in CODE_COLUMNS:
            if (text := item[column.key]).__class__ is str and (bad := forbidden_character(text)):
                raise BundleError(
                    f"Fliken {CODE_SHEET}, rad {order}, kolumn {column.label_sv}: texten innehåller {bad[0]}.",
                    f"Sheet {CODE_SHEET}, row {order}, column {column.label_en}: the text contains {bad[1]}.")
        item["label_en"] = item["label_en"] or item["label_sv"]
        try:  # the rules of Brå's own edits: a code the register's columns cannot hold would fail the import
            check_code_item(item["list_name"], item["code"], item["label_sv"], item["label_en"])
        except RegisterError as error:
            raise BundleError(f"Fliken {CODE_SHEET}, rad {order}: {error.message_sv}",
                              f"Sheet {CODE_SHEET}, row {order}: {error.message_en}") from error
        items.append(item)
    return items
