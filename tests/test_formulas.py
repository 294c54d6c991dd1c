"""Finding formula cells without a cached value, scanned in pieces (bundle/formulas.py).

A national bundle's sheet XML is scanned piece by piece; wherever a piece happens to end (inside a
tag, between a cell's opening tag and its formula, inside a long formula) the same cells are found,
and the same SHA-256 of the whole part.
"""

from __future__ import annotations

import hashlib
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from bra_desktop.bundle import formulas
from bra_desktop.bundle.problems import BundleError

PART = "xl/worksheets/sheet1.xml"


def _sheet_xml() -> bytes:
    cells = []
    for row in range(1, 41):
        cells.append(f'<row r="{row}">')
        cells.append(f'<c r="A{row}" t="str"><v>text {row}</v></c>')
        if row % 3 == 0:  # a formula that was calculated: it has its value
            cells.append(f'<c r="B{row}"><f>{row}+1</f><v>{row + 1}</v></c>')
        if row % 4 == 0:  # never calculated
            cells.append(f'<c r="C{row}" s="1"><f>SUM(A1:A{row})</f></c>')
        if row % 7 == 0:  # namespaced, self-closing value-less formula with a long text
            cells.append(f'<x:c r="AB{row}" t="str"><x:f>"{"x" * 300}"</x:f><x:v></x:v></x:c>')
        cells.append("</row>")
    merged = '<mergeCells count="2"><mergeCell ref="A5:C7"/><x:mergeCell ref="D12"/></mergeCells>'
    return ('<worksheet><sheetData>' + "".join(cells) + "</sheetData>" + merged + "</worksheet>").encode()


EXPECTED = {(row - 1, 2) for row in range(4, 41, 4)} | {(row - 1, 27) for row in range(7, 41, 7)}
MERGED = frozenset({4, 5, 6, 11})
"""Rows 5 to 7 and row 12, counted from 0 as the reader counts them."""


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(PART, _sheet_xml())
    with zipfile.ZipFile(path) as opened:
        yield opened


def test_formulas_without_a_value_are_found_in_one_piece(archive):
    scanned = formulas.scan_part(archive, PART)
    assert scanned.without_value == EXPECTED
    assert scanned.merged_rows == MERGED
    assert scanned.sha256 == hashlib.sha256(_sheet_xml()).hexdigest()


@pytest.mark.parametrize("piece", [1, 5, 13, 64, 100, 333, 1000, 1900, 2000])
def test_the_same_cells_and_hash_are_found_wherever_the_pieces_end(archive, monkeypatch, piece):
    monkeypatch.setattr(formulas, "_PIECE", piece)
    scanned = formulas.scan_part(archive, PART)
    assert scanned.without_value == EXPECTED
    assert scanned.merged_rows == MERGED
    assert scanned.sha256 == hashlib.sha256(_sheet_xml()).hexdigest()


def test_the_scan_hashes_the_whole_file_and_each_sheet(archive):
    """The receipts' file hash is taken on the scan's thread, on the same pass as the sheets'."""
    path = archive.filename
    with closing(formulas.SheetScan(Path(path), {"Blad1": PART})) as scan:
        assert scan.file_sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        assert scan.of("Blad1").without_value == EXPECTED
        assert scan.of("Blad2") is None


# --- how far a sheet may reach (issue 16) ----------------------------------------------------------

EXTENT = formulas.Extent(rows=30, columns=5)
"""Row 30 and column E at most."""


def _checked(rows: bytes, tmp_path: Path) -> None:
    path = tmp_path / "ark.zip"
    xml = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xml + b"</sheetData></worksheet>")
    with zipfile.ZipFile(path) as archive:
        formulas.check_extent(archive, "xl/worksheets/sheet1.xml", "Aktiviteter", EXTENT, file_name="paket.xlsx")


@pytest.mark.parametrize("rows", [
    b'<row r="1"><c r="A1"/><c r="E30" t="n"><v>1</v></c></row>',  # the far corner itself
    b'<row r="2"><c t="n" r="B2"><v>1</v></c></row>',  # its place not first
    b'<row\nr="3"><c\tr="C3"/></row>',  # other whitespace between name and place
    b'<row r="4" ar="XFD4"><c r="D4" xr="ZZ999"/></row>',  # attributes that only end in r
    b'<row r="5"><c r="A0005"/></row>',  # zeros before a row number make it no larger
])
def test_a_sheet_within_its_extent_may_be_loaded(rows, tmp_path):
    _checked(rows, tmp_path)  # raises if not


@pytest.mark.parametrize(("rows", "place"), [
    (b'<row r="1"><c r="F1"/></row>', "F1"),  # a column too far
    (b'<row r="31"><c r="A31"/></row>', "31"),  # a row too far
    (b'<row r="1"><c r="XFD1048576" t="n"><v>1</v></c></row>', "XFD1048576"),
    (b'<row r="1"><c t="n" r="AA1"><v>1</v></c></row>', "AA1"),  # its place not first
    (b'<row r="1"><c r="A31"/></row>', "A31"),  # a cell's row too far, in a row that says otherwise
    (b'<row r="1"><c r="B150"/></row>', "B150"),  # a longer row number that begins with 1
    (b'<row r="1"><c r="B0031"/></row>', "B0031"),  # zeros before a row number too far
])
def test_a_place_beyond_the_extent_is_refused_before_the_sheet_is_loaded(rows, place, tmp_path):
    with pytest.raises(formulas.SheetTooLarge) as refused:
        _checked(rows, tmp_path)
    assert f"har en cell eller rad på {place}" in refused.value.message_sv


@pytest.mark.parametrize("rows", [
    b'<row r="1">' + b"<c/>" * 16_384 + b"</row>",  # a run of bare cells reaches column XFD
    b"<row><c/></row>" * 3,  # bare rows: each after the one before
    b'<row r="1"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/></row>',
])
def test_a_cell_or_row_without_its_place_is_refused(rows, tmp_path):
    with pytest.raises(formulas.SheetTooLarge) as refused:
        _checked(rows, tmp_path)
    assert "har en cell eller rad utan angiven plats" in refused.value.message_sv


def test_a_refusal_says_where_the_cell_is_and_how_far_the_sheet_may_reach(tmp_path):
    with pytest.raises(formulas.SheetTooLarge) as refused:
        _checked(b'<row r="1"><c r="F1"/></row>', tmp_path)
    assert refused.value.message_sv == (
        "Fliken Aktiviteter i paket.xlsx har en cell eller rad på F1, utanför det tillåtna området (högst 30 rader och "
        "kolumn E). Filen läses inte in. Ta bort det som står utanför tabellen och spara filen igen.")
    assert refused.value.message_en == (
        "The sheet Aktiviteter in paket.xlsx has a cell outside its table (F1). The file is not read.")


def test_a_refusal_of_a_cell_without_its_place_shows_the_tag(tmp_path):
    with pytest.raises(formulas.SheetTooLarge) as refused:
        _checked(b"<row><c/></row>", tmp_path)
    assert refused.value.message_sv.startswith(
        "Fliken Aktiviteter i paket.xlsx har en cell eller rad utan angiven plats (<row). Filen läses inte in.")


@pytest.mark.parametrize("padding", range(0, 40))
def test_a_dtd_is_found_wherever_the_pieces_cut_it(tmp_path, monkeypatch, padding):
    """Pieces of 16 bytes: the declaration falls across their ends at every place in turn."""
    monkeypatch.setattr(formulas, "_PIECE", 16)
    xml = b"<!--" + b"x" * padding + b'--><!DOCTYPE w [<!ENTITY e "x">]><worksheet><sheetData/></worksheet>'
    path = tmp_path / "ark.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(PART, xml)
    with zipfile.ZipFile(path) as archive, pytest.raises(BundleError, match="DTD"):
        formulas.check_extent(archive, PART, "Aktiviteter", EXTENT, file_name="paket.xlsx")


def test_a_merged_range_counts_its_rows_only_as_far_as_the_sheet_may_reach(tmp_path):
    """A merged range's `ref` is no cell place, so the extent check lets it through: a range down to
    Excel's last row must still not become a million row numbers to keep (issue 16: no file makes
    the process grow without bound). Rows are counted up to the sheet's extent."""
    path = tmp_path / "ark.xlsx"
    xml = (b'<worksheet><sheetData><row r="2"><c r="A2"/></row></sheetData>'
           b'<mergeCells count="1"><mergeCell ref="A2:B1048576"/></mergeCells></worksheet>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(PART, xml)
    with closing(formulas.SheetScan(path, {"Aktiviteter": PART}, {"Aktiviteter": EXTENT})) as scan:
        scan.within("Aktiviteter")  # within its extent: only the merged range reaches further
        assert scan.of("Aktiviteter").merged_rows == frozenset(range(1, EXTENT.rows))


@pytest.mark.parametrize(("columns", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (40, "AN"), (702, "ZZ"),
                                                  (703, "AAA"), (16_384, "XFD")])
def test_column_numbers_are_named_as_spreadsheets_name_them(columns, letters):
    """A data sheet's extent reaches past column Z (the schema's columns and room for more): its
    refusal names the last column allowed as Excel does."""
    assert formulas._column_letters(columns) == letters
