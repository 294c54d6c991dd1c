"""The streaming bundle writer (openpyxl write-only mode): a workbook a person can read and edit.

Rows are appended as they come from the register, so memory stays flat at national scale. The file
is written under a temporary name and renamed at the end: a crash or a cancel never leaves half a
bundle that looks whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bra_desktop import __version__
from bra_desktop.bundle.cells import EXCEL_FIRST_DATE, FORMULA_PREFIXES, bool_to_cell, escape_text, to_cell
from bra_desktop.bundle.digest import SheetDigest
from bra_desktop.bundle.schema import (
    CODE_COLUMNS, CODE_SHEET, FORMAT, FORMAT_VERSION, INFO_SHEET, INFO_TEXT, LIST_SEPARATOR, ColumnRole,
    DataSheet, InfoKey, SystemField, hash_key, rows_key,
)
from bra_desktop.domain.content import normalised_hash
from bra_desktop.domain.fields import FieldType
from bra_desktop.domain.models import CodeItem
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


class BundleWriter:
    def __init__(self, path: Path, header: BundleHeader, names: Names, code_items: list[CodeItem]) -> None:
        self.path = path
        self.header = header
        self.names = names
        self._partial = path.with_name(f".{path.name}.partial")
        self._book = Workbook(write_only=True)
        self._info = self._book.create_sheet(INFO_SHEET)
        self._summaries: dict[DataSheet, SheetSummary] = {}
        self._codes = sorted(code_items, key=lambda i: (i.list_name, i.sort_order, i.code))
        self._code_ranges = self._code_list_ranges()
        self._grey_style = _style(self._info, fill=_GREY, font=_GREY_TEXT)
        self._date_style = _style(self._info, number_format=_DATE_FORMAT, alignment=_TOP)
        self._wrap_style = _style(self._info, alignment=_WRAP)

    # --- data sheets ---

    def write_records(
        self, sheet: DataSheet, records: Iterable[StoredRecord], on_row: Callable[[], None] | None = None
    ) -> SheetSummary:
        ws = self._book.create_sheet(sheet.name)
        self._layout(ws, sheet.columns)
        ws.append([self._header_cell(ws, c.label_sv, c.role) for c in sheet.columns])
        digest = SheetDigest()
        strip_personal = not self.header.personal_data and any(spec.personal for spec in sheet.kind.fields)
        for record in records:
            if strip_personal:
                content = {k: (None if sheet.kind.field(k).personal else v) for k, v in record.content.items()}
                row_hash = normalised_hash(content)
            else:
                content, row_hash = record.content, record.content_hash
            digest.add(record.id, record.version, record.deleted, row_hash)
            ws.append([self._cell(ws, column, record, content, row_hash) for column in sheet.columns])
            if on_row is not None:
                on_row()
        last_row = digest.rows + 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{last_row}"
        self._drop_downs(ws, sheet)
        summary = SheetSummary(digest.rows, digest.hexdigest())
        self._summaries[sheet] = summary
        return summary

    def _layout(self, ws: Any, columns: Iterable[Any]) -> None:
        ws.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width

    def _header_cell(self, ws: Any, label: str, role: ColumnRole) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = _BOLD
        if role != ColumnRole.BUSINESS:
            cell.fill = _GREY
            cell.comment = Comment(_SYSTEM_NOTE if role == ColumnRole.SYSTEM else _READABLE_NOTE, "bra-desktop")
        return cell

    def _cell(self, ws: Any, column: Any, record: StoredRecord, content: dict[str, Any], row_hash: str) -> Any:
        if column.role == ColumnRole.SYSTEM:
            return self._grey(ws, self._system_value(column.key, record, row_hash))
        spec = column.field
        value = content[spec.name]
        if column.role == ColumnRole.READABLE:
            values = value if spec.multi else ((value,) if value else ())
            return self._grey(ws, self.names.readable(spec.ref_kind, values))
        value = to_cell(spec, value)
        if value is None:
            return None
        if spec.type == FieldType.DATE:
            if value < EXCEL_FIRST_DATE:  # a spreadsheet cannot hold it as a date; the reader takes ISO text
                return self._text(ws, value.isoformat())
            return Cell(ws, row=1, column=1, value=value, style_array=self._date_style)
        if isinstance(value, str):
            return self._text(ws, value, wrap=spec.type == FieldType.LONG_TEXT)
        return value

    def _system_value(self, key: str, record: StoredRecord, row_hash: str) -> Any:
        match SystemField(key):
            case SystemField.ID:
                return record.id
            case SystemField.ORIGIN:
                return record.origin
            case SystemField.VERSION:
                return record.version
            case SystemField.UPDATED_AT:
                return record.updated_at.isoformat(timespec="seconds")
            case SystemField.UPDATED_BY:
                return record.updated_by
            case SystemField.DELETED:
                return bool_to_cell(record.deleted)
            case SystemField.ROW_HASH:
                return row_hash

    def _text(self, ws: Any, value: str, wrap: bool = False) -> Any:
        """Text as a text cell: a leading `=` would otherwise become a formula in openpyxl."""
        value = escape_text(value)
        if not wrap and not value.startswith(FORMULA_PREFIXES):
            return value
        cell = Cell(ws, row=1, column=1, value=value, style_array=self._wrap_style if wrap else None)
        cell.data_type = "s"
        return cell

    def _grey(self, ws: Any, value: Any) -> Cell:
        if isinstance(value, str):
            value = escape_text(value)
        cell = Cell(ws, row=1, column=1, value=value, style_array=self._grey_style)
        if isinstance(value, str):
            cell.data_type = "s"
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
            ws.append([self._text(ws, item.list_name), self._text(ws, item.code), self._text(ws, item.label_sv), self._text(ws, item.label_en),
                       bool_to_cell(item.active)])
        ws.auto_filter.ref = f"A1:E{len(self._codes) + 1}"

    def _write_info(self) -> None:
        ws = self._info
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 70
        for line in INFO_TEXT:
            ws.append([self._text(ws, line)])
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
        for key, value in pairs:
            ws.append([self._header_cell(ws, str(key), ColumnRole.BUSINESS), self._text(ws, value) if isinstance(value, str) else value])

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
            if writer is not None and not ws.closed:
                ws.close()
                writer.cleanup()
        self._partial.unlink(missing_ok=True)

