"""Reading cells (bundle/cells.py): what Excel and LibreOffice leave in a cell becomes the field
value the register keeps, normalised already (the reader does not normalise a second time)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bra_desktop.bundle.cells import (
    CellError, cell_reader, escape_text, read_bool, read_count, read_date, read_integer, read_version,
)
from bra_desktop.domain.content import normalise_value
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.validation import MAX_VERSION

SAMPLES = [None, "", "   ", "  Träff  ", "rad 1\r\nrad 2", "rad 1\rrad 2\r\n", "x\r", 5, 5.0, 180, "0180", "180",
           "unga; vald ;UNGA", "VALD,unga", " ; ", date(2026, 1, 5), datetime(2026, 1, 5, 0, 0),
           datetime(2026, 1, 5, 13, 30), 46027, "2026-01-05", "  2026-01-05  ", "12", "12,0", True]
FIELDS = [(kind.key, spec) for kind in KINDS.values() for spec in kind.fields]


@pytest.mark.parametrize(("kind", "spec"), FIELDS, ids=[f"{kind}.{spec.name}" for kind, spec in FIELDS])
def test_a_cell_read_is_a_normalised_value(kind, spec):
    read = cell_reader(spec)
    readable = 0
    for value in SAMPLES:
        try:
            field_value = read(value)
        except CellError:
            continue
        readable += 1
        assert normalise_value(spec, field_value) == field_value, (value, field_value)
    assert readable >= 3


@pytest.mark.parametrize(("kind", "field", "cell", "expected"), [
    ("activity", "title", "  Möte\r\nom unga\r ", "Möte\nom unga"),
    ("activity", "municipalities", "180; 0114,180", ("0114", "0180")),
    ("activity", "municipalities", "ab; 180", ("0180", "ab")),  # not a number: left for the check to name as typed
    ("activity", "description", "rad 1\rrad 2", "rad 1\nrad 2"),  # an old Mac's line end
    ("activity", "subject_areas", "vald; unga", ("UNGA", "VALD")),
    ("activity", "activity_type", " natverkstraff ", "NATVERKSTRAFF"),
    ("activity", "start_date", 46027, date(2026, 1, 5)),
    ("activity", "participants", "12,0", 12),
])
def test_what_spreadsheets_do_to_cells_is_undone(kind, field, cell, expected):
    assert cell_reader(KINDS[kind].field(field))(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    (date(2026, 3, 12), date(2026, 3, 12)),
    (datetime(2026, 3, 12), date(2026, 3, 12)),  # a date cell: midnight is no time
    (46093, date(2026, 3, 12)),
    (46093.0, date(2026, 3, 12)),
    (1, date(1900, 1, 1)),  # Excel's serials before its 29 February 1900 count from 1900-01-01 ...
    (59, date(1900, 2, 28)),
    (61, date(1900, 3, 1)),  # ... and after it one day less
    ("2026-03-12", date(2026, 3, 12)),
    ("  2026-03-12 ", date(2026, 3, 12)),
    ("0202-02-01", date(202, 2, 1)),  # written as text: before spreadsheets' first date
    ("", None),
    ("   ", None),
])
def test_a_date_cell_is_read_as_exactly_that_date(cell, expected):
    assert read_date(cell) == expected


@pytest.mark.parametrize(("cell", "message"), [
    ("2026-03-12 extra", "«2026-03-12 extra» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-03-12T10:00", "«2026-03-12T10:00» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-03-12 00:00:00", "«2026-03-12 00:00:00» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("20260312", "«20260312» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-W11-4", "«2026-W11-4» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-3-12", "«2026-3-12» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("٢٠٢٦-٠٣-١٢", "«٢٠٢٦-٠٣-١٢» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-02-29", "«2026-02-29» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-04-31", "«2026-04-31» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    (datetime(2026, 3, 12, 10, 0), "2026-03-12 10:00 är ett datum med klockslag; skriv bara datumet"),
    (46093.5, "46093.5 är inget datum"),
    (60.0, "60 är inget datum (den 29 februari 1900 finns inte)"),
    (0, "0 är inget datum"),
    (2_958_466, "2958466 är inget datum"),
    (float("nan"), "nan är inget datum"),
])
def test_anything_more_or_less_than_a_date_is_refused(cell, message):
    with pytest.raises(CellError) as refused:
        read_date(cell)
    assert str(refused.value) == message


@pytest.mark.parametrize(("read", "cell", "expected"), [
    (read_version, 1, 1), (read_version, "1 000 000 000", MAX_VERSION), (read_version, None, None),
    (read_count, 2**31 - 1, 2**31 - 1), (read_count, -5, -5),  # the rules refuse -5, with the field's name
])
def test_numbers_a_register_column_holds_are_read(read, cell, expected):
    assert read(cell) == expected


@pytest.mark.parametrize(("read", "cell", "message"), [
    (read_version, 0, "0 är ingen giltig version (ett heltal från 1 till 1 000 000 000)"),
    (read_version, -3, "-3 är ingen giltig version (ett heltal från 1 till 1 000 000 000)"),
    (read_version, float(2**63), "9223372036854775808 är ingen giltig version (ett heltal från 1 till 1 000 000 000)"),
    (read_count, 2**31, "2147483648 är utanför vad registret rymmer (±2 147 483 647)"),
    (read_count, "-9e18", "-9000000000000000000 är utanför vad registret rymmer (±2 147 483 647)"),
])
def test_numbers_no_register_column_holds_are_refused(read, cell, message):
    with pytest.raises(CellError) as refused:
        read(cell)
    assert str(refused.value) == message


def test_a_count_column_is_read_within_what_a_column_holds():
    with pytest.raises(CellError):
        cell_reader(KINDS["activity"].field("participants"))(2**63)


@pytest.mark.parametrize(("text", "stored"), [
    ("Träff", "Träff"),
    ("a\x00b\x07c\x1fd\ufffee\ud800", "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd"),
    ("tab\tny\nrad\r", "tab\tny\nrad\r"),  # what XML 1.0 carries stays
    ("ola_x0041_\x00", "ola_x005F_x0041_\ufffd"),
])
def test_escaped_text_is_storable_and_reads_back(text, stored):
    """A character XML 1.0 cannot carry becomes U+FFFD, visibly, instead of failing the workbook."""
    assert escape_text(text) == stored


@pytest.mark.parametrize(("cell", "expected"), [
    (True, True), (False, False), (1, True), (0, False), (1.0, True), (0.0, False),  # Excel's TRUE/FALSE, a typed 1
    (" Ja ", True), ("x", True), ("NEJ", False), ("", False), (None, False),
])
def test_a_yes_no_cell_reads_as_typed(cell, expected):
    assert read_bool(cell) is expected


@pytest.mark.parametrize("cell", [2, -1, 0.5, "kanske"])
def test_a_yes_no_cell_with_anything_else_is_refused(cell):
    with pytest.raises(CellError, match="varken ja eller nej"):
        read_bool(cell)


@pytest.mark.parametrize("cell", [True, False])
def test_a_yes_no_cell_is_no_number(cell):
    """True == 1 in Python: a yes/no cell in a number column would otherwise read as 1."""
    with pytest.raises(CellError, match=f"^{cell} är inget heltal$"):
        read_integer(cell)


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_an_empty_number_cell_is_none(cell):
    assert read_integer(cell) is None


@pytest.mark.parametrize(("cell", "expected"), [("1 200", 1200), ("1\u00a0200", 1200), (" 12 ", 12), ("12,0", 12)])
def test_a_number_typed_with_spaces_between_thousands_reads_whole(cell, expected):
    """Swedish writes 1 200, and Excel's Swedish number format puts a no-break space there."""
    assert read_integer(cell) == expected


def test_an_empty_list_is_an_empty_cell_not_empty_text():
    """Excel counts a cell of empty text (COUNTA, ISBLANK): a field with no municipalities or links
    must leave its cell empty, as a field without a value does."""
    from bra_desktop.bundle.cells import to_cell

    municipalities = KINDS["activity"].field("municipalities")
    assert to_cell(municipalities, ()) is None
    assert to_cell(municipalities, ("0180", "0114")) == "0180; 0114"
    assert to_cell(KINDS["activity"].field("title"), None) is None


def test_yes_and_no_are_written_as_the_bundle_format_says():
    """DESIGN §3: `ja`/`nej`, in lower case, as a person types them (the reader takes any case)."""
    from bra_desktop.bundle.cells import bool_to_cell

    assert (bool_to_cell(True), bool_to_cell(False)) == ("ja", "nej")


def test_a_date_in_a_text_cell_reads_as_the_date_typed():
    """A person types 2026-03-12 in a text column (a title, Info's created_at) and Excel stores a
    date: it reads back as typed, with the time only when there is one."""
    from bra_desktop.bundle.cells import read_text

    assert read_text(datetime(2026, 3, 12)) == "2026-03-12"
    assert read_text(datetime(2026, 3, 12, 10, 30)) == "2026-03-12T10:30:00"
    assert read_text(date(2026, 3, 12)) == "2026-03-12"


def test_a_code_column_reads_each_text_once_and_its_rows_share_the_value():
    read = cell_reader(KINDS["activity"].field("subject_areas"))
    first, second = read("vald; unga"), read("vald; unga")
    assert first == ("UNGA", "VALD") and second is first
    assert read("unga") == ("UNGA",)  # another text, read on its own


def test_a_code_column_takes_a_number_and_a_yes_for_what_each_is():
    """1.0 and True are equal as dict keys: only texts are read once for every row."""
    read = cell_reader(KINDS["activity"].field("activity_type"))
    assert (read(1.0), read(True), read("1")) == ("1", "TRUE", "1")
