"""What can be wrong with a bundle, said in Swedish with sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass

from bra_desktop.store.errors import RegisterError


@dataclass(frozen=True)
class ImportProblem:
    sheet: str | None
    row: int | None
    """The spreadsheet row number a person sees (header = 1)."""
    column: str | None
    message: str
    warning: bool = False

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"fliken {self.sheet}")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column:
            parts.append(f"kolumn {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where[0].upper()}{where[1:]}: {self.message}" if where else self.message


class BundleError(RegisterError):
    """The file cannot be imported at all; nothing in the register was changed."""

    def __init__(self, message_sv: str, message_en: str | None = None, problems: list[ImportProblem] | None = None):
        super().__init__(message_sv, message_en)
        self.problems = problems or []
