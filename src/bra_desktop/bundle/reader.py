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

import uuid
import zipfile
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import Any

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from bra_desktop.bundle.cells import CellError, read_bool, read_integer, read_text
from bra_desktop.bundle.digest import SheetDigest, code_lists_sha256
from bra_desktop.bundle.formulas import Extent, ScannedPart, SheetScan, check_extent
from bra_desktop.bundle.problems import BundleError, ImportProblem
from bra_desktop.bundle.rows import (
    AsHeld, HeldMatch, HeldRow, IncomingRow, RejectedRow, RowReader, incoming_values, system_values,
)
from bra_desktop.bundle.safety import SCAN_ERRORS, check_bundle_file, damaged, require_defusedxml
from bra_desktop.bundle.schema import (
    CODE_COLUMNS, CODE_LISTS_HASH_KEY, CODE_SHEET, CODE_SHEET_EN, DATA_SHEETS, FORMAT, FORMAT_VERSION, INFO_SHEET, Column, ColumnRole, DataSheet,
    InfoKey, SystemField, fields_not_carried, hash_key, part_hash_key, rows_key,
)
from bra_desktop.bundle.signature import info_verifies
from bra_desktop.domain.code_renames import renames_for
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.producer import NATIONAL, parse_owner
from bra_desktop.domain.signing import decode_key
from bra_desktop.domain.validation import forbidden_character
from bra_desktop.store.codelists import check_code_item
from bra_desktop.store.errors import RegisterError
from bra_desktop.heap import release_freed_memory

_REQUIRED_SYSTEM = (SystemField.ID, SystemField.ORIGIN, SystemField.VERSION, SystemField.DELETED, SystemField.ROW_HASH)
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
    format_version: int = 1
    declared_part_hashes: dict[str, str] = field(default_factory=dict)
    """Sheet name → the SHA-256 of its XML as the app wrote it (none in bundles of older versions)."""
    code_lists_sha256: str = ""
    signer_key: bytes | None = None
    """The public key the bundle says signed it (None: unsigned, or not a key)."""
    signature_valid: bool = False
    """Whether the signature is `signer_key`'s over Info. Says nothing of whose key it is: the
    planner checks that against the keys this register trusts (`bundle/trust.py`)."""

    def not_carried(self, kind: RecordKind) -> frozenset[str]:
        """The fields of `kind` the bundle's rows do not hold (`schema.fields_not_carried`)."""
        return fields_not_carried(kind, personal_data=self.personal_data, format_version=self.format_version)


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
    absent_kinds: set[str] = field(default_factory=set)
    """Kinds whose sheet the bundle's format predates (`DataSheet.since_format`): it says nothing of them."""
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
        return not self.code_lists_as_signed or any(sheet.name not in self.untouched_sheets for sheet in DATA_SHEETS
                                                    if sheet.kind.key not in self.absent_kinds)


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
                self._sheets.find_data(self.info.format_version)
        except SCAN_ERRORS as error:
            # a part the workbook names is missing, or its XML is broken
            raise damaged(path.name, error) from error
        except CalamineError as error:
            raise _unreadable(path.name, error) from error
        self._scan = SheetScan(path, parts, self._sheets.extents(self.info), self._sheets.signed(self.info, trusted_signers))
        self._loaded = _SheetsInTurn(self._book, self._scan, [name for name in self._sheets.data if name])
        self._contents = BundleContents(path, self.info)
        self._contents.absent_kinds = {sheet.kind.key for sheet, name in zip(DATA_SHEETS, self._sheets.data) if not name}
        self._total = sum(self.info.declared_rows.values()) or 1
        self._done = 0

    def read_sheet(self, sheet: DataSheet, as_held: AsHeld | None = None) -> None:
        """Read the next data sheet (`DATA_SHEETS` order). `as_held` is used only on a sheet as the
        app wrote it, where the rows it names in their state become `HeldRow`s."""
        name = self._sheets.data[DATA_SHEETS.index(sheet)]
        if not name:  # a sheet the bundle's format predates
            self._contents.rows[sheet.kind.key] = []
            return
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
        self.code_lists = self._one(CODE_SHEET, CODE_SHEET_EN, required=False)
        self.data: list[str] = []

    def find_data(self, format_version: int) -> None:
        """The data sheets (`data`, in `DATA_SHEETS` order): each required of a bundle whose format
        has it, and "" for one it predates."""
        self.data = [self._one(sheet.name, sheet.name_en, required=format_version >= sheet.since_format)
                     for sheet in DATA_SHEETS]

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
                   for sheet, name in zip(DATA_SHEETS, self.data) if name}
        if self.code_lists:
            extents[self.code_lists] = Extent(CODE_ROWS, len(CODE_COLUMNS) + COLUMN_MARGIN)
        return extents

    def signed(self, info: BundleInfo, trusted_signers: Collection[bytes]) -> dict[str, str]:
        """The SHA-256 of each data sheet as a sender the register trusts signed it; none when
        another key, or none, signed Info."""
        if not info.signature_valid or info.signer_key not in trusted_signers:
            return {}
        return {name: info.declared_part_hashes[sheet.name] for sheet, name in zip(DATA_SHEETS, self.data)
                if name and sheet.name in info.declared_part_hashes}


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
                      read_text(values.get(InfoKey.APP_VERSION)) or "", scope, personal, rows, hashes, version, part_hashes,
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
    format_version = contents.info.format_version
    required = [c for c in sheet.columns if c.key in _REQUIRED_SYSTEM
                or (c.role == ColumnRole.BUSINESS and c.field is not None and c.field.since_format <= format_version)]
    missing = [c.label_sv for c in required if c.key not in index]
    if missing:
        raise BundleError(
            f"Fliken {sheet.name} saknar kolumnerna {', '.join(missing)}.",
            f"The sheet {sheet.name} lacks the columns {', '.join(missing)}.",
        )
    reader = RowReader(sheet, index, no_value, bundle_id=contents.info.bundle_id,
                       not_carried=contents.info.not_carried(sheet.kind),
                       renames=renames_for(sheet.kind, contents.info.format_version))
    held_match = HeldMatch.of(sheet, index, held_states) if held_states is not None else None
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
        # a row that may hold retired codes is read whole: its content is not its cells
        parsed = reader.read(offset, cells, content_unread=untouched and not no_value and not reader.renames)
        if isinstance(parsed, RejectedRow):
            contents.rejected.append(parsed)
            continue
        valid.append(parsed)
        if digest is not None:
            digest.add(parsed.id, parsed.origin, parsed.version, parsed.deleted, parsed.written_hash or parsed.content_hash)
    contents.rows[sheet.kind.key] = valid
    if held:
        contents.held_rows[sheet.kind.key] = held
    if untouched or contents.info.declared_hashes.get(sheet.name) == digest.hexdigest():
        contents.untouched_sheets.add(sheet.name)
    return offset


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
                          else system_values(row.id, row.origin, row.version, row.deleted))
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
