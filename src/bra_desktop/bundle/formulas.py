"""Scanning a workbook's sheet XML: formula cells that have no cached value, and each sheet's SHA-256.

python-calamine returns a formula's cached value, which is what a bundle needs; but a formula cell
that was never calculated (written by a script, or saved without recalculation) comes back as an
empty string, indistinguishable from an empty cell. Importing it as empty could silently wipe a
field, so the worksheet XML is scanned for such cells: only at the `<f>` tags, so a sheet without
formulas costs one substring search.

The same pass hashes the XML: a data sheet whose hash is the one the app wrote into Info is
untouched, and its rows need not be checked cell by cell (`reader`).

The scan is mostly decompression and hashing, which let go of the GIL, and so does python-calamine
while it loads a sheet: `SheetScan` looks through a workbook's sheets on a thread of its own while
the reader reads their cells.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from bra_desktop.bundle.digest import file_sha256
from bra_desktop.bundle.safety import DAMAGED_ZIP, damaged

SCAN_ERRORS = (*DAMAGED_ZIP, KeyError, ParseError, DefusedXmlException)
"""What reading a damaged workbook's parts raises: a broken zip, a part it names that is missing,
broken XML."""

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*>")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_CELL_TAG_WINDOW = 512
"""A cell's opening tag stands right before its formula; this is ample room for its attributes."""
_PIECE = 4 << 20
_TAG_ROOM = 64
"""A tag that starts this close to the end of a piece may be cut; it is scanned with the next one."""
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part path, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.findall("p:Relationship", _NS)}
    parts = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name")] = path
    return parts


@dataclass(frozen=True)
class ScannedPart:
    without_value: set[tuple[int, int]]
    """(row index, column index), 0-based, of formula cells with no cached value."""
    sha256: str
    """Of the part's XML, as stored in the file."""


class SheetScan:
    """Each sheet of a workbook scanned (`ScannedPart`) on a thread of its own, and the file hashed.

    `of` waits for one sheet's; `wait` for all, so that a damaged part is reported even where the
    reader did not need it. Either raises the file's "damaged" BundleError.
    """

    def __init__(self, path: Path, parts: dict[str, str]) -> None:
        self._name = path.name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bra-sheet-scan")
        self._file_sha256 = self._executor.submit(file_sha256, path)  # the receipts' hash: on the same pass, first
        self._found: dict[str, Future[ScannedPart]] = {
            name: self._executor.submit(_scan_part, path, part) for name, part in parts.items()}  # in sheet order

    @property
    def file_sha256(self) -> str:
        """The whole file's SHA-256 (`digest.file_sha256`), hashed on the scan's thread too."""
        return self._file_sha256.result()

    def of(self, sheet_name: str) -> ScannedPart | None:
        """The sheet's scan; None when the workbook has no such sheet."""
        found = self._found.get(sheet_name)
        if found is None:
            return None
        try:
            return found.result()
        except SCAN_ERRORS as error:
            raise damaged(self._name, error) from error

    def wait(self) -> None:
        for name in self._found:
            self.of(name)

    def __enter__(self) -> SheetScan:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _scan_part(path: Path, part: str) -> ScannedPart:
    with zipfile.ZipFile(path) as archive:
        return scan_part(archive, part)


def scan_part(archive: zipfile.ZipFile, part: str) -> ScannedPart:
    """One worksheet's formula cells without a cached value, and the SHA-256 of its XML.

    The part is scanned in pieces: a national bundle's sheet is a few hundred megabytes of XML,
    which would otherwise sit in memory at once, and one regular-expression search over all of it
    holds the GIL long enough to freeze the window while the worker reads.
    """
    found: set[tuple[int, int]] = set()
    digest = hashlib.sha256()
    xml, start = b"", 0
    with archive.open(part) as stream:
        while True:
            piece = stream.read(_PIECE)
            digest.update(piece)
            xml += piece
            resume = _scan(xml, start, found, final=not piece)
            if not piece:
                return ScannedPart(found, digest.hexdigest())
            # keep what is not scanned yet, with room before it for a cell's opening tag
            keep = max(0, resume - _CELL_TAG_WINDOW)
            xml, start = xml[keep:], resume - keep


def _scan(xml: bytes, start: int, found: set[tuple[int, int]], *, final: bool) -> int:
    """Add the formulas without a value that start in `xml[start:]` to `found`; returns where the
    next piece must resume: at a formula whose cell ends beyond this piece, or near the end, where
    a tag may be cut."""
    limit = len(xml) if final else max(start, len(xml) - _TAG_ROOM)
    if xml.find(b"<f", start) < 0 and xml.find(b":f", start) < 0:  # every formula tag has one of these:
        return limit  # a plain search is many times quicker than the pattern over a sheet's every tag
    for formula in _FORMULA.finditer(xml, start):
        if formula.start() >= limit:
            break
        end = _CELL_END.search(xml, formula.end())
        if end is None:
            if final:
                continue
            return formula.start()
        window_start = max(0, formula.start() - _CELL_TAG_WINDOW)
        cells = list(_CELL_START.finditer(xml, window_start, formula.start()))
        if cells and not _VALUE.search(xml, formula.end(), end.start()):
            cell = cells[-1]
            found.add((int(cell.group(2)) - 1, _column_index(cell.group(1))))
    return limit
