"""Editing bundle files the way a person does in Excel, with openpyxl, for the import tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook


class EditedBundle:
    """Open a bundle, change it like a person would, save it under a new name."""

    def __init__(self, path: Path) -> None:
        self.book = load_workbook(path)

    def sheet(self, name: str):
        return self.book[name]

    def header(self, sheet: str) -> list[str]:
        return [cell.value for cell in self.sheet(sheet)[1]]

    def column(self, sheet: str, label: str) -> int:
        return self.header(sheet).index(label) + 1

    def row_of(self, sheet: str, record_id: str) -> int:
        id_column = self.column(sheet, "id")
        for row in range(2, self.sheet(sheet).max_row + 1):
            if self.sheet(sheet).cell(row, id_column).value == record_id:
                return row
        raise KeyError(record_id)

    def set(self, sheet: str, record_id: str, label: str, value: Any) -> None:
        self.sheet(sheet).cell(self.row_of(sheet, record_id), self.column(sheet, label)).value = value

    def get(self, sheet: str, record_id: str, label: str) -> Any:
        return self.sheet(sheet).cell(self.row_of(sheet, record_id), self.column(sheet, label)).value

    def add_row(self, sheet: str, values: dict[str, Any]) -> int:
        ws = self.sheet(sheet)
        row = ws.max_row + 1
        for label, value in values.items():
            ws.cell(row, self.column(sheet, label)).value = value
        return row

    def delete_row(self, sheet: str, record_id: str) -> None:
        self.sheet(sheet).delete_rows(self.row_of(sheet, record_id))

    def move_column_first(self, sheet: str, label: str) -> None:
        """Reorder columns: the named column becomes the first one."""
        ws = self.sheet(sheet)
        index = self.column(sheet, label)
        values = [ws.cell(row, index).value for row in range(1, ws.max_row + 1)]
        ws.delete_cols(index)
        ws.insert_cols(1)
        for row, value in enumerate(values, start=1):
            ws.cell(row, 1).value = value

    def add_column(self, sheet: str, label: str, value: Any = None) -> None:
        ws = self.sheet(sheet)
        column = ws.max_column + 1
        ws.cell(1, column).value = label
        for row in range(2, ws.max_row + 1):
            ws.cell(row, column).value = value

    def save(self, path: Path) -> Path:
        self.book.save(path)
        return path


def edit_both_sides(register, activity, bundle: Path, folder: Path) -> Path:
    """A conflict: the file and the register change the same activity's title, the file also its
    participants. Returns the edited file."""
    from bra_desktop.domain.fields import KINDS
    from bra_desktop.store.reference import load_reference
    from bra_desktop.store.repository import update_record

    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", activity.id, "Rubrik", "Brås rubrik")
    edited.set("Aktiviteter", activity.id, "Antal deltagare", 40)
    path = edited.save(folder / "from-bra.xlsx")
    with register.session() as session:
        update_record(session, KINDS["activity"], activity.id, {**activity.content, "title": "Min rubrik"},
                      user="anna", reference=load_reference(session))
        session.commit()
    return path
