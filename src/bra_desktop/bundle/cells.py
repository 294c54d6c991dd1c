"""Turning field values into bundle cell values and back: the one place that knows cell types.

Writing: dates stay dates, counts stay numbers, many-valued fields are joined with `; `.
Reading: what Excel and LibreOffice produce on re-save is accepted (dates as serials or ISO text,
numbers as text, stray whitespace, `ja/nej/x/true/false/1/0`), and anything else is a `CellError`
with a Swedish message for the import report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from bra_desktop.bundle.schema import LIST_SEPARATOR
from bra_desktop.domain.fields import FieldSpec, FieldType

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Text that a spreadsheet could take for a formula: always written as text (DESIGN §3)."""

_EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_FIRST_DATE = date(1900, 1, 1)
"""Spreadsheet dates begin here; an earlier date is written as ISO text."""
_TRUE = {"ja", "j", "x", "true", "sant", "1", "yes", "y"}
_FALSE = {"nej", "n", "false", "falskt", "0", "no", ""}


_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def escape_text(text: str) -> str:
    """Text as a workbook must store it to read back the same.

    Spreadsheet readers (Excel, LibreOffice, calamine) decode `_xHHHH_` in a cell's text as the
    character U+HHHH, so a literal `_x0041_` would come back as "A". The underscore that starts such
    a sequence is written escaped, as `_x005F_` (ECMA-376 ST_Xstring), and reads back as itself.
    """
    return _LITERAL_ESCAPE.sub("_x005F_", text) if "_x" in text else text


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is Swedish."""


def to_cell(spec: FieldSpec, value: Any) -> Any:
    """The cell value of a field value (None stays an empty cell)."""
    if spec.multi:
        return LIST_SEPARATOR.join(value) if value else None
    return value


def bool_to_cell(value: bool) -> str:
    return "ja" if value else "nej"


def read_text(value: Any) -> str | None:
    """Any cell as text: numbers lose a spurious `.0`, whitespace is trimmed, empty is None."""
    if value is None:
        return None
    if value.__class__ is str:  # most cells: the checks below are for numbers and dates
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def read_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:  # Excel's serial range: 1900-01-01 … 9999-12-31
            raise CellError(f"{value} är inget datum")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise CellError(f"«{text}» är inget datum (skriv ÅÅÅÅ-MM-DD)") from None


def read_integer(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(f"{value} är inget heltal")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise CellError(f"«{value}» är inget heltal") from None
    if not number.is_integer():
        raise CellError(f"{value} är inget heltal")
    return int(number)


def read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise CellError(f"{value} är varken ja eller nej")
    text = (str(value) if value is not None else "").strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"«{value}» är varken ja eller nej")


def read_list(value: Any) -> tuple[str, ...]:
    text = read_text(value)
    if text is None:
        return ()
    return tuple(sorted({part.strip() for part in text.replace(",", ";").split(";") if part.strip()}))


def cell_reader(spec: FieldSpec) -> Callable[[Any], Any]:
    """How a column's cells become field values (raising CellError): made once per column, and
    giving values normalised already (`content.normalise` would leave them as they are), since it
    runs for every cell of a national bundle."""
    tidy = _tidier(spec)
    if spec.multi:
        return lambda value: tuple(sorted({tidy(part) for part in read_list(value)}))
    if spec.type == FieldType.DATE:
        return read_date
    if spec.type == FieldType.INTEGER:
        return read_integer

    def read(value: Any) -> str | None:
        text = read_text(value)
        if text is None:
            return None
        if "\r" in text:  # line ends as the register keeps them
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return tidy(text)

    return read


def _tidier(spec: FieldSpec) -> Callable[[str], str]:
    """Undo what spreadsheets do to codes: 0180 saved as the number 180, `unga` typed for UNGA."""
    if spec.type in (FieldType.MUNICIPALITY, FieldType.MUNICIPALITIES):
        return lambda text: text.zfill(4) if text.isdigit() else text
    if spec.type in (FieldType.CODE, FieldType.CODES):
        return str.upper
    return str
