"""The streaming bundle writer (openpyxl write-only mode): a workbook a person can read and edit.

Rows are appended as they come from the register, so memory stays flat at national scale. The file
is written under a temporary name and renamed at the end: a crash or a cancel never leaves half a
bundle that looks whole.

A national bundle has half a million cells per 20,000 activities, so how a data sheet's cells are
made is worked out once per sheet (`_ColumnWriter`), and its rows go through `_DataSheet`, which
puts each value in a cell made once per column with that column's style.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from bra_desktop import __version__
from bra_desktop.bundle.cells import EXCEL_FIRST_DATE, TEXT_FORMAT, bool_to_cell, escape_text, text_cell, to_cell
from bra_desktop.bundle.digest import SheetDigest, code_lists_sha256, file_sha256
from bra_desktop.bundle.schema import (
    CODE_COLUMNS, CODE_LISTS_HASH_KEY, CODE_SHEET, FORMAT, FORMAT_VERSION, INFO_SHEET, INFO_TEXT, LIST_SEPARATOR, Column, ColumnRole,
    DataSheet, InfoKey, SystemField, fields_not_carried, hash_key, part_hash_key, rows_key,
)
from bra_desktop.bundle.signature import sign_info
from bra_desktop.domain.content import Content, empty_values, normalised_hash
from bra_desktop.domain.fields import FieldType
from bra_desktop.domain.models import LONG_TEXT_MAX, CodeItem
from bra_desktop.domain.signing import encode_key, public_key_of
from bra_desktop.store.repository import StoredRecord

_GREY = PatternFill("solid", fgColor="E7E6E6")
_GREY_TEXT = Font(color="595959")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_DATE_FORMAT = "YYYY-MM-DD"
_SYSTEM_NOTE = "Ändra inte: fylls i av programmet och behövs för att läsa in paketet igen."
_READABLE_NOTE = "Bara för läsning: ändringar i den här kolumnen läses inte in."


def _style(ws: Any, **attributes: Any) -> Any:
    """A cell style registered once in the workbook, as the style indices each cell copies.

    Setting `cell.fill` or `cell.font` makes openpyxl hash the Fill and Font objects to find their
    index, on every cell: a third of a national bundle's export. A cell made with the indices of a
    styled prototype looks the same to Excel and costs nothing extra.
    """
    prototype = WriteOnlyCell(ws)
    for name, value in attributes.items():
        setattr(prototype, name, value)
    return prototype._style


RecordValue = Callable[[StoredRecord, Content, str], Any]
"""A column's cell value for a record, its (possibly reduced) content and its row hash."""


@dataclass(frozen=True, slots=True)
class _ColumnWriter:
    value: RecordValue
    style: Any = None
    """openpyxl's style indices for the column's cells (None: unstyled)."""
    keep_empty: bool = False
    """An empty cell is written too, with the style: grey columns stay grey where they are empty."""


class _ColumnCell(Cell):
    """A column's one cell: its style is looked up in the workbook once, not for every row."""

    __slots__ = ("style_id",)  # in place of openpyxl's property, which hashes the style each time


class _DataSheet(WriteOnlyWorksheet):
    """A write-only data sheet whose rows are plain values, styled by their column.

    Serves `make bench`'s goal "export ≤ 1.3× raw writer". openpyxl's own rows take a styled cell
    (grey system and name columns, dates, wrapped text: more than half of a bundle's cells) only
    after trying it as a plain value and failing, with an exception and the cell's repr, for every
    such cell of a national export. Here each column has one cell,
    made with the column's style, that a row's value is put in just before openpyxl writes it.
    Text is always stored as text, never taken for a formula (DESIGN §3), and as `escape_text`
    gives it, which every text cell of every sheet goes through here.

    Two things of openpyxl 3.1's write-only sheet are relied on (pinned in pyproject.toml): rows
    pass through `_values_to_row`, and each cell it yields is written before the next is asked
    for. The header row, openpyxl's own cells with comments, goes the usual way.
    tests/test_bundle_export.py reads back the styles and types of every kind of cell.
    """

    def __init__(self, parent: Workbook, title: str, columns: list[_ColumnWriter]) -> None:
        super().__init__(parent, title)
        self._cells = []
        for index, column in enumerate(columns, start=1):
            cell = _ColumnCell(self, row=1, column=index, style_array=column.style)
            cell.style_id = 0 if column.style is None else parent._cell_styles.add(cell._style)
            self._cells.append((cell, column.keep_empty))

    def _values_to_row(self, values: list[Any], row_idx: int) -> Iterator[Cell]:
        if row_idx == 1:
            yield from super()._values_to_row(values, row_idx)
            return
        for (cell, keep_empty), value in zip(self._cells, values):
            kind = value.__class__
            if kind is str:
                # escaped, it is storable: of openpyxl's `check_string`, only the cut to a cell's size is left
                cell._value = escape_text(value)[:LONG_TEXT_MAX]
                cell.data_type = "s"
            elif value is None:
                if not keep_empty:
                    continue
                cell._value, cell.data_type = None, "n"
            elif kind is date:
                cell._value, cell.data_type = value, "d"  # shown by the column's date format
            else:
                cell.value = value  # numbers: typed by openpyxl
            cell.row = row_idx
            yield cell


def _date_cell(value: date | None) -> date | str | None:
    if value is not None and value < EXCEL_FIRST_DATE:  # a spreadsheet cannot hold it as a date;
        return value.isoformat()  # the reader takes ISO text
    return value


_SYSTEM_VALUES: dict[SystemField, RecordValue] = {
    SystemField.ID: lambda record, content, row_hash: record.id,
    SystemField.ORIGIN: lambda record, content, row_hash: record.origin,
    SystemField.VERSION: lambda record, content, row_hash: record.version,
    SystemField.UPDATED_AT: lambda record, content, row_hash: record.updated_at.isoformat(timespec="seconds"),
    SystemField.UPDATED_BY: lambda record, content, row_hash: record.updated_by,
    SystemField.DELETED: lambda record, content, row_hash: bool_to_cell(record.deleted),
    SystemField.ROW_HASH: lambda record, content, row_hash: row_hash,
}


@dataclass(frozen=True)
class BundleHeader:
    bundle_id: str
    producer: str
    producer_name: str
    created_at: datetime
    scope: str
    personal_data: bool


@dataclass
class Names:
    """Readable names for codes and ids, for the greyed `(namn)` columns."""

    municipalities: dict[str, str] = field(default_factory=dict)
    records: dict[str, dict[str, str]] = field(default_factory=dict)
    """kind key → id → title."""

    def readable(self, ref_kind: str | None, values: Iterable[str]) -> str | None:
        lookup = self.records.get(ref_kind, {}) if ref_kind else self.municipalities
        names = [lookup.get(v, v) for v in values]
        return LIST_SEPARATOR.join(names) if names else None


@dataclass(frozen=True)
class SheetSummary:
    rows: int
    sha256: str
    part_sha256: str
    """The SHA-256 of the sheet's XML as it is stored in the file (see `_close_sheet`)."""


class BundleWriter:
    def __init__(self, path: Path, header: BundleHeader, names: Names, code_items: list[CodeItem], *,
                 signing_key: bytes) -> None:
        self.path = path
        self.header = header
        self._signing_key = signing_key
        self.names = names
        self._partial = path.with_name(f".{path.name}.partial")
        self._book = Workbook(write_only=True)
        self._info = self._book.create_sheet(INFO_SHEET)
        self._summaries: dict[DataSheet, SheetSummary] = {}
        self._codes = sorted(code_items, key=lambda i: (i.list_name, i.sort_order, i.code))
        self._code_ranges = self._code_list_ranges()
        self._grey_style = _style(self._info, fill=_GREY, font=_GREY_TEXT)
        self._grey_text_style = _style(self._info, fill=_GREY, font=_GREY_TEXT, number_format=TEXT_FORMAT)
        self._date_style = _style(self._info, number_format=_DATE_FORMAT, alignment=_TOP)
        self._text_style = _style(self._info, number_format=TEXT_FORMAT)
        self._wrap_style = _style(self._info, alignment=_WRAP, number_format=TEXT_FORMAT)

    # --- data sheets ---

    def write_records(
        self, sheet: DataSheet, records: Iterable[StoredRecord], on_row: Callable[[], None] | None = None
    ) -> SheetSummary:
        columns = [self._column_writer(column) for column in sheet.columns]
        ws = _DataSheet(self._book, sheet.name, columns)
        self._book._add_sheet(ws)  # what `create_sheet` does with the write-only sheet it makes
        self._layout(ws, sheet.columns)
        ws.append([self._header_cell(ws, c.label_sv, c.role) for c in sheet.columns])
        digest = SheetDigest()
        left_out = empty_values(sheet.kind, fields_not_carried(sheet.kind, personal_data=self.header.personal_data,
                                                               format_version=FORMAT_VERSION))
        values = [column.value for column in columns]
        for record in records:
            if left_out:
                content = {**record.content, **left_out}
                row_hash = normalised_hash(sheet.kind, content)
            else:
                content, row_hash = record.content, record.content_hash
            digest.add(record.id, record.origin, record.version, record.deleted, row_hash)
            ws.append([value(record, content, row_hash) for value in values])
            if on_row is not None:
                on_row()
        last_row = digest.rows + 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{last_row}"
        self._drop_downs(ws, sheet)
        summary = SheetSummary(digest.rows, digest.hexdigest(), _close_sheet(ws))
        self._summaries[sheet] = summary
        return summary

    def _column_writer(self, column: Column) -> _ColumnWriter:
        """How `column`'s cells are made: its value in a record, and its style (text columns in
        Excel's text format, `cells.TEXT_FORMAT`)."""
        if column.role == ColumnRole.SYSTEM:
            grey = self._grey_text_style if column.holds_text else self._grey_style
            return _ColumnWriter(_SYSTEM_VALUES[SystemField(column.key)], grey, keep_empty=True)
        spec = column.field
        name = spec.name
        if column.role == ColumnRole.READABLE:
            readable, ref_kind, multi = self.names.readable, spec.ref_kind, spec.multi

            def names(record: StoredRecord, content: Content, row_hash: str) -> str | None:
                value = content[name]
                return readable(ref_kind, value if multi else ((value,) if value else ()))

            return _ColumnWriter(names, self._grey_text_style, keep_empty=True)
        if spec.multi:
            return _ColumnWriter(lambda record, content, row_hash: to_cell(spec, content[name]), self._text_style)
        if spec.type == FieldType.DATE:
            return _ColumnWriter(lambda record, content, row_hash: _date_cell(content[name]), self._date_style)
        if spec.type == FieldType.INTEGER:
            return _ColumnWriter(lambda record, content, row_hash: content[name])
        if spec.type == FieldType.LONG_TEXT:
            return _ColumnWriter(lambda record, content, row_hash: content[name], self._wrap_style)
        return _ColumnWriter(lambda record, content, row_hash: content[name], self._text_style)

    def _layout(self, ws: Any, columns: Iterable[Column]) -> None:
        """Widths, the frozen header, and Excel's text format for the whole of each text column:
        a cell a person fills in below the rows, or in an empty place, keeps what is typed as text."""
        ws.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            dimension = ws.column_dimensions[get_column_letter(index)]
            dimension.width = column.width
            if column.holds_text:
                dimension.number_format = TEXT_FORMAT

    def _header_cell(self, ws: Any, label: str, role: ColumnRole) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = _BOLD
        cell.number_format = TEXT_FORMAT
        if role != ColumnRole.BUSINESS:
            cell.fill = _GREY
            cell.comment = Comment(_SYSTEM_NOTE if role == ColumnRole.SYSTEM else _READABLE_NOTE, "bra-desktop")
        return cell

    def _drop_downs(self, ws: Any, sheet: DataSheet) -> None:
        for index, column in enumerate(sheet.columns, start=1):
            spec = column.field
            if column.role != ColumnRole.BUSINESS or spec is None or spec.code_list not in self._code_ranges:
                continue
            single = spec.type == FieldType.CODE
            validation = DataValidation(
                type="list",
                formula1=self._code_ranges[spec.code_list],
                allow_blank=True,
                showErrorMessage=single,
                errorTitle="Okänd kod" if single else None,
                error="Välj en kod ur listan (fliken Kodlistor)." if single else None,
            )
            letter = get_column_letter(index)
            validation.add(f"{letter}2:{letter}1048576")
            ws.data_validations.append(validation)

    # --- code lists and info ---

    def _code_list_ranges(self) -> dict[str, str]:
        """Where each code list stands in `Kodlistor`: the data sheets' drop-downs point there."""
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for row, item in enumerate(self._codes, start=2):
            first.setdefault(item.list_name, row)
            last[item.list_name] = row
        return {name: f"{CODE_SHEET}!$B${first[name]}:$B${last[name]}" for name in first}

    def _write_code_sheet(self) -> None:
        ws = self._book.create_sheet(CODE_SHEET)
        self._layout(ws, CODE_COLUMNS)
        ws.append([self._header_cell(ws, c.label_sv, c.role) for c in CODE_COLUMNS])
        for item in self._codes:
            ws.append([text_cell(ws, text) for text in
                       (item.list_name, item.code, item.label_sv, item.label_en, bool_to_cell(item.active))])
        ws.auto_filter.ref = f"A1:E{len(self._codes) + 1}"

    def _write_info(self) -> None:
        ws = self._info
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 70
        for line in INFO_TEXT:
            ws.append([text_cell(ws, line)])
        ws.append([])
        header = self.header
        pairs: list[tuple[str, Any]] = [
            (InfoKey.FORMAT, FORMAT),
            (InfoKey.FORMAT_VERSION, FORMAT_VERSION),
            (InfoKey.BUNDLE_ID, header.bundle_id),
            (InfoKey.PRODUCER, header.producer),
            (InfoKey.PRODUCER_NAME, header.producer_name),
            (InfoKey.CREATED_AT, header.created_at.isoformat(timespec="microseconds")),
            (InfoKey.APP_VERSION, __version__),
            (InfoKey.SCOPE, header.scope),
            (InfoKey.PERSONAL_DATA, bool_to_cell(header.personal_data)),
        ]
        for sheet, summary in self._summaries.items():
            pairs.append((rows_key(sheet), summary.rows))
            pairs.append((hash_key(sheet), summary.sha256))
            pairs.append((part_hash_key(sheet), summary.part_sha256))
        pairs.append((CODE_LISTS_HASH_KEY, code_lists_sha256(
            (i.list_name, i.code, i.label_sv, i.label_en, i.active) for i in self._codes)))
        pairs.append((InfoKey.SIGNER_KEY, encode_key(public_key_of(self._signing_key))))
        pairs.append((InfoKey.SIGNATURE, sign_info(self._signing_key, {str(key): value for key, value in pairs})))
        for key, value in pairs:
            ws.append([self._header_cell(ws, str(key), ColumnRole.BUSINESS), text_cell(ws, value) if isinstance(value, str) else value])

    def finish(self) -> Path:
        """Write Kodlistor and Info, save under a temporary name and move it into place."""
        self._write_code_sheet()
        self._write_info()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._book.save(self._partial)
            os.replace(self._partial, self.path)
        finally:
            self._partial.unlink(missing_ok=True)
        return self.path

    def abandon(self) -> None:
        """Drop a bundle that will not be finished: the partial file, and openpyxl's temporary sheet
        files, which hold register data (contact details too) until they are removed."""
        for ws in self._book.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            if not ws.closed:
                ws.close()
            if os.path.exists(writer.out):  # a data sheet is closed (and its file kept) once written
                writer.cleanup()
        self._partial.unlink(missing_ok=True)


def _close_sheet(ws: WriteOnlyWorksheet) -> str:
    """Finish a data sheet's XML now and return its SHA-256.

    openpyxl writes a write-only sheet to a temporary file that it copies into the workbook as it is
    (and closes the sheet at saving only if it is still open), so these are the bytes a reader finds
    in the file. Info carries their hash: a reader whose sheet has exactly these bytes knows that no
    cell was edited without reading the cells one by one (`rows.RowReader`), which is most of the
    time of re-reading a national bundle.
    """
    ws.close()
    return file_sha256(Path(ws._writer.out))
