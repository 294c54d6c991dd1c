"""Finding formula cells without a cached value, scanned in pieces (bundle/formulas.py).

A national bundle's sheet XML is scanned piece by piece; wherever a piece happens to end (inside a
tag, between a cell's opening tag and its formula, inside a long formula) the same cells are found,
and the same SHA-256 of the whole part.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from bra_desktop.bundle import formulas

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
    return ('<worksheet><sheetData>' + "".join(cells) + "</sheetData></worksheet>").encode()


EXPECTED = {(row - 1, 2) for row in range(4, 41, 4)} | {(row - 1, 27) for row in range(7, 41, 7)}


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
    assert scanned.sha256 == hashlib.sha256(_sheet_xml()).hexdigest()


@pytest.mark.parametrize("piece", [1, 5, 13, 64, 100, 333, 1000])
def test_the_same_cells_and_hash_are_found_wherever_the_pieces_end(archive, monkeypatch, piece):
    monkeypatch.setattr(formulas, "_PIECE", piece)
    scanned = formulas.scan_part(archive, PART)
    assert scanned.without_value == EXPECTED
    assert scanned.sha256 == hashlib.sha256(_sheet_xml()).hexdigest()


def test_the_scan_hashes_the_whole_file_and_each_sheet(archive):
    """The receipts' file hash is taken on the scan's thread, on the same pass as the sheets'."""
    path = archive.filename
    with formulas.SheetScan(Path(path), {"Blad1": PART}) as scan:
        assert scan.file_sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        assert scan.of("Blad1").without_value == EXPECTED
        assert scan.of("Blad2") is None
