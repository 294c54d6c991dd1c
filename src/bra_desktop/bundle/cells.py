"""Turning field values into bundle cell values and back: the one place that knows cell types.

Writing: dates stay dates, counts stay numbers, many-valued fields are joined with `; `, and text is
stored as `escape_text` gives it, in cells that hold it as text (`text_cell`, `TEXT_FORMAT`).
Reading: what Excel and LibreOffice produce on re-save is accepted (dates as serials or ISO text,
numbers as text, stray whitespace, `ja/nej/x/true/false/1/0`), and anything else is a `CellError`
with a Swedish message for the import report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from openpyxl.cell import Cell

from bra_desktop.bundle.schema import LIST_SEPARATOR
from bra_desktop.domain.fields import FieldSpec, FieldType
from bra_desktop.domain.validation import MAX_VERSION, XML_ILLEGAL

TEXT_FORMAT = "@"
"""Excel's text number format. Text columns carry it, so that what a person types or edits there
stays text: a postcode, an organisation number, a county code such as 01, a text beginning with `=`
would otherwise become a number or a formula."""
REPLACEMENT = "\ufffd"
"""What a character XML 1.0 cannot carry is written as (`escape_text`)."""
INTEGER_COLUMN_MAX = 2**31 - 1
"""The largest number every register's integer columns hold: INTEGER is 32 bits on PostgreSQL."""

_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LEAP_DAY = 60
"""The serial of 29 February 1900, a day Excel counts (after Lotus 1-2-3) that never was."""
EXCEL_FIRST_DATE = date(1900, 1, 1)
"""Spreadsheet dates begin here; an earlier date is written as ISO text."""
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = {"ja", "j", "x", "true", "sant", "1", "yes", "y"}
_FALSE = {"nej", "n", "false", "falskt", "0", "no", ""}


_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def escape_text(text: str) -> str:
    """Text as a workbook must store it to read back the same, and to be stored at all.

    Spreadsheet readers (Excel, LibreOffice, calamine) decode `_xHHHH_` in a cell's text as the
    character U+HHHH, so a literal `_x0041_` would come back as "A". The underscore that starts such
    a sequence is written escaped, as `_x005F_` (ECMA-376 ST_Xstring), and reads back as itself.

    A character XML 1.0 cannot carry (a NUL, most control characters: entry refuses them, but a
    rejected cell of a stranger's file may hold one, and so may a problem that quotes it) becomes
    U+FFFD, the replacement character every program shows as such, rather than failing the whole
    workbook (openpyxl raises) or silently vanishing.
    """
    text = XML_ILLEGAL.sub(REPLACEMENT, text)  # the same object when there is nothing to replace
    return _LITERAL_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def text_cell(ws: Any, text: str) -> Cell:
    """`text` as a cell of `ws` that holds it as text, in Excel's text format: stored as
    `escape_text` gives it, and never taken for a formula (DESIGN §3). openpyxl takes text that
    begins with `=` for one; text that begins with `+`, `-`, `@`, a tab or CR, which a spreadsheet
    takes for one when a person edits the cell, stays text in the text format."""
    cell = Cell(ws, row=1, column=1)  # a place for its repr until it is appended
    cell._value, cell.data_type = escape_text(text), "s"
    cell.number_format = TEXT_FORMAT
    return cell


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
    """A date cell: exactly a date, never a date with something more or cut to fit.

    A date cell (a time of midnight is none), an Excel serial, or ISO text `YYYY-MM-DD` (written for
    dates before 1900, and what a person types). A time of day, trailing text, the other ISO forms
    (`20260312`, `2026-W11-4`) and dates that do not exist are refused. An empty cell is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellError(f"{value:%Y-%m-%d %H:%M} är ett datum med klockslag; skriv bara datumet")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial_date(value)
    text = str(value).strip()
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:  # a day that does not exist: 2026-02-30
            pass
    raise CellError(f"«{text}» är inget datum (skriv ÅÅÅÅ-MM-DD)")


def _serial_date(serial: float) -> date:
    """The date of an Excel serial (a number in a date column): whole days from 1900-01-01 (1) to
    9999-12-31, counted as Excel counts them, with its 29 February 1900 before 1 March."""
    if not (1 <= serial < 2_958_466 and float(serial).is_integer()):
        raise CellError(f"{read_text(serial)} är inget datum")
    if serial == _EXCEL_LEAP_DAY:
        raise CellError(f"{read_text(serial)} är inget datum (den 29 februari 1900 finns inte)")
    days = int(serial) + (1 if serial < _EXCEL_LEAP_DAY else 0)
    return _EXCEL_EPOCH + timedelta(days=days)


def read_integer(value: Any) -> int | None:
    if value is None:
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


def read_count(value: Any) -> int | None:
    """A count's cell (participants): an integer that the register's column holds.

    The rules bound a count further (`FieldSpec.maximum`, with their own message), but a
    tombstone need not meet them and its content is stored all the same: a number no column holds
    would pass the dry run and fail the import with the database's overflow."""
    number = read_integer(value)
    if number is not None and abs(number) > INTEGER_COLUMN_MAX:
        raise CellError(f"{number} är utanför vad registret rymmer (±{_spaced(INTEGER_COLUMN_MAX)})")
    return number


def read_version(value: Any) -> int | None:
    """A version cell: from 1 (a record's first version) to `MAX_VERSION`, below what the register's
    column holds with room for the versions that follow."""
    number = read_integer(value)
    if number is not None and not 1 <= number <= MAX_VERSION:
        raise CellError(f"{number} är ingen giltig version (ett heltal från 1 till {_spaced(MAX_VERSION)})")
    return number


def _spaced(number: int) -> str:
    """A number as Swedish writes it: 1 000 000."""
    return f"{number:,}".replace(",", " ")


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


REPEATING = frozenset({FieldType.CODE, FieldType.CODES, FieldType.MUNICIPALITY, FieldType.MUNICIPALITIES,
                       FieldType.REF, FieldType.REFS})
"""Field types whose values come from a short list (codes, municipalities, linked records): a
national sheet has the same few texts in such a column on hundreds of thousands of rows."""


def cell_reader(spec: FieldSpec) -> Callable[[Any], Any]:
    """How a column's cells become field values (raising CellError): made once per column, and
    giving values normalised already (`content.normalise` would leave them as they are), since it
    runs for every cell of a national bundle. A column of a `REPEATING` type reads each text once:
    the rows that have it share the value read, and the memory it takes."""
    read = _cell_reader(spec)
    return _remembering(read) if spec.type in REPEATING else read


_NOT_READ = object()
"""What `_remembering` finds for a text it has not read yet (None is a value read)."""


def _remembering(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    known: dict[str, Any] = {}

    def remembered(value: Any) -> Any:
        if value.__class__ is not str:  # a number or a date: as it comes (1.0 == True as a key)
            return read(value)
        found = known.get(value, _NOT_READ)
        if found is _NOT_READ:
            found = known[value] = read(value)  # a text that cannot be read raises, and is not kept
        return found

    return remembered


def _cell_reader(spec: FieldSpec) -> Callable[[Any], Any]:
    tidy = _tidier(spec)
    if spec.multi:
        return lambda value: tuple(sorted({tidy(part) for part in read_list(value)}))
    if spec.type == FieldType.DATE:
        return read_date
    if spec.type == FieldType.INTEGER:
        return read_count

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
