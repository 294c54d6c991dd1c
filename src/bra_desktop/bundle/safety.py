"""Checks made before a bundle is parsed at all (DESIGN §4.1).

A bundle comes by e-mail and may be broken or hostile. Before any spreadsheet parser sees it, the
file must be a plain xlsx (a zip with the workbook parts, no macros) of sane size that does not
expand into a zip bomb, and no XML part may declare a DTD or entities (the "billion laughs" attack).
openpyxl, which reads nothing here but would parse XML if it did, must run with defusedxml.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

import openpyxl.xml
from defusedxml import DefusedXmlException, ElementTree

from bra_desktop.bundle.problems import BundleError

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_EXPANDED_BYTES = 2 * 1024 * 1024 * 1024
"""A national bundle of 200,000 activities is 61 MB and expands to 381 MB (DESIGN §4 said 50 and
500 MB, which refused Brå's own bundle): these leave room for years of growth and still stop a
bomb before anything is unpacked; the compression ratio check below catches the rest."""
MAX_RATIO = 200
"""Real xlsx parts compress up to ~20-50×; far beyond that is a bomb."""
MAX_ENTRIES = 2_000
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_BLOCK = 1 << 20
_OVERLAP = 64
_ZIP_MAGIC = b"PK\x03\x04"
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_PLAIN_SHEET_TARGET = re.compile(r"(?:/xl/)?[a-z]+/[A-Za-z0-9_.-]+\.xml")
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


def require_defusedxml() -> None:
    """Refuse to run if openpyxl would parse XML without defusedxml."""
    if not openpyxl.xml.DEFUSEDXML:
        raise BundleError(
            "Programmet saknar skyddet defusedxml och kan inte läsa paket säkert. Installera om programmet.",
            "The app lacks defusedxml and cannot read bundles safely. Reinstall the app.",
        )


def check_bundle_file(path: Path) -> dict[str, str]:
    """Raise BundleError, with a Swedish message, unless `path` is safe to hand to the reader.

    Returns the workbook's sheets (`sheet_parts`). Their XML is not looked through here but by the
    pass that comes before python-calamine loads each (`formulas.check_extent`), which looks for a
    DTD too: a national bundle's sheets are hundreds of megabytes, unpacked once, not twice."""
    name = path.name
    if not path.is_file():
        raise BundleError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    size = path.stat().st_size
    if size == 0:
        raise BundleError(f"Filen {name} är tom.", f"The file {name} is empty.")
    if size > MAX_FILE_BYTES:
        raise BundleError(
            f"Filen {name} är för stor ({size // 1_048_576} MB; högst {MAX_FILE_BYTES // 1_048_576} MB).",
            f"The file {name} is too large ({size // 1_048_576} MB; at most {MAX_FILE_BYTES // 1_048_576} MB).",
        )
    if not zipfile.is_zipfile(path):
        with path.open("rb") as handle:
            starts_like_a_zip = handle.read(4) == _ZIP_MAGIC
        if starts_like_a_zip:  # a zip whose end (with its directory) is missing: cut off on the way
            raise BundleError(
                f"Filen {name} är skadad eller ofullständig (slutet saknas). Be om filen igen.",
                f"The file {name} is damaged or incomplete (its end is missing). Ask for the file again.",
            )
        raise BundleError(
            f"Filen {name} är ingen Excel-fil (xlsx). Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
            f"The file {name} is not an Excel workbook (xlsx).",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_entries(name, entries)
            return _check_parts(name, archive)
    except SCAN_ERRORS as error:
        raise damaged(name, error) from error


DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError)
"""What reading the parts of a damaged zip raises: a bad checksum, a broken stream, a cut-off part."""
SCAN_ERRORS = (*DAMAGED_ZIP, KeyError, ParseError, DefusedXmlException)
"""What reading a damaged workbook's parts raises: a broken zip, a part it names that is missing,
broken XML."""


def damaged(name: str, error: BaseException) -> BundleError:
    return BundleError(f"Filen {name} är skadad ({error}). Be om filen igen.", f"The file {name} is damaged ({error}).")


def _check_entries(name: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise BundleError(f"Filen {name} innehåller för många delar ({len(entries)}).", f"The file {name} has too many parts.")
    expanded = sum(e.file_size for e in entries)
    if expanded > MAX_EXPANDED_BYTES:
        raise BundleError(
            f"Filen {name} packas upp till {expanded // 1_048_576} MB, mer än tillåtna {MAX_EXPANDED_BYTES // 1_048_576} MB (zip-bomb?).",
            f"The file {name} expands to {expanded // 1_048_576} MB (zip bomb?).",
        )
    for entry in entries:
        # no mutate: only a part that packs into 0 or 1 bytes tells 1 from 2 here, and no such part
        # expands past a megabyte
        packed = max(entry.compress_size, 1)  # pragma: no mutate
        if entry.file_size > 1_048_576 and entry.file_size > MAX_RATIO * packed:
            raise BundleError(
                f"Filen {name} har en del ({entry.filename}) som är orimligt hårt packad (zip-bomb?).",
                f"The file {name} has an implausibly compressed part ({entry.filename}; zip bomb?).",
            )


def _check_parts(name: str, archive: zipfile.ZipFile) -> dict[str, str]:
    names = set(archive.namelist())
    missing = [part for part in _REQUIRED_PARTS if part not in names]
    if missing:
        raise BundleError(
            f"Filen {name} är ingen Excel-arbetsbok (delen {missing[0]} saknas).",
            f"The file {name} is not an Excel workbook ({missing[0]} is missing).",
        )
    content_types = archive.read("[Content_Types].xml")
    if "xl/vbaProject.bin" in names or b"macroEnabled" in content_types:
        raise BundleError(
            f"Filen {name} innehåller makron och läses inte in. Spara den som vanlig Excel-arbetsbok (.xlsx).",
            f"The file {name} contains macros and is not read. Save it as a plain workbook (.xlsx).",
        )
    for part in (_WORKBOOK, _WORKBOOK_RELS):  # read to find the sheets: looked through first
        _check_no_dtd(name, archive, part)
    sheets = sheet_parts(archive, name)
    worksheets = set(sheets.values())
    for part in names:  # the workbook and its relationships again: two small parts
        if part.endswith((".xml", ".rels", ".vml")) and part not in worksheets:
            _check_no_dtd(name, archive, part)
    return sheets


def sheet_parts(archive: zipfile.ZipFile, file_name: str) -> dict[str, str]:
    """Sheet name → worksheet part path, from the workbook and its relationships.

    A sheet's part is checked here and loaded by python-calamine, which finds it on its own: a path
    two readers could resolve differently (`xl/worksheets/../x.xml`, `xl/worksheets/x.xml` relative
    to `xl/`) would have one part checked and another loaded, so only the plain forms that Excel,
    LibreOffice and openpyxl write are taken."""
    workbook = ElementTree.fromstring(archive.read(_WORKBOOK))
    rels = ElementTree.fromstring(archive.read(_WORKBOOK_RELS))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.findall("p:Relationship", _NS)}
    parts = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id")) or ""
        if not _PLAIN_SHEET_TARGET.fullmatch(target):
            raise BundleError(
                f"Filen {file_name} har en flik ({sheet.get('name')}) vars del anges på ett sätt som inte är tillåtet "
                f"({target[:80] or 'ingen del anges'}). Öppna filen i Excel och spara den igen.",
                f"The file {file_name} has a sheet ({sheet.get('name')}) whose part is named in a way that is not "
                f"allowed ({target[:80] or 'no part given'}).",
            )
        parts[sheet.get("name")] = posixpath.join("xl", target.removeprefix("/xl/"))
    return parts


def _check_no_dtd(name: str, archive: zipfile.ZipFile, part: str) -> None:
    with archive.open(part) as handle:
        if _declares_dtd(handle):
            raise dtd_refused(name, part)


def dtd_refused(name: str, part: str) -> BundleError:
    return BundleError(
        f"Filen {name} innehåller XML-deklarationer (DTD/entiteter) som inte är tillåtna ({part}).",
        f"The file {name} contains XML declarations (DTD/entities) that are not allowed ({part}).",
    )


def declares_dtd(xml: bytes) -> bool:
    """Whether a DTD or entity declaration is in `xml`, a part or a piece of one. A part read in
    pieces must keep the end of each piece for the next (`_OVERLAP`), where a declaration cut in
    two is whole again."""
    return _DTD.search(xml) is not None


def _declares_dtd(handle: IO[bytes]) -> bool:
    """Whether a part declares a DTD or entities anywhere.

    The whole part is read, in blocks: a DTD belongs before the root element, but comments or
    whitespace of any length may come first, so no fixed-size prolog is enough.
    """
    # pragma: no mutate below: a start that cannot end a declaration, another block size, or a longer
    # tail than the overlap change how much is held at once, never the verdict
    tail = b""  # pragma: no mutate
    while block := handle.read(_BLOCK):  # pragma: no mutate
        window = tail + block
        if declares_dtd(window):
            return True
        tail = window[-_OVERLAP:]  # pragma: no mutate
    return False
