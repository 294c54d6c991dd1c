"""Checks made before a bundle is parsed at all (DESIGN §4.1).

A bundle comes by e-mail and may be broken or hostile. Before any spreadsheet parser sees it, the
file must be a plain xlsx (a zip with the workbook parts, no macros) of sane size that does not
expand into a zip bomb, and no XML part may declare a DTD or entities (the "billion laughs" attack).
openpyxl, which reads nothing here but would parse XML if it did, must run with defusedxml.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

import openpyxl.xml

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


def require_defusedxml() -> None:
    """Refuse to run if openpyxl would parse XML without defusedxml."""
    if not openpyxl.xml.DEFUSEDXML:
        raise BundleError(
            "Programmet saknar skyddet defusedxml och kan inte läsa paket säkert. Installera om programmet.",
            "The app lacks defusedxml and cannot read bundles safely. Reinstall the app.",
        )


def check_bundle_file(path: Path) -> None:
    """Raise BundleError, with a Swedish message, unless `path` is safe to hand to the reader."""
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
            _check_parts(name, archive)
    except DAMAGED_ZIP as error:
        raise damaged(name, error) from error


DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError)
"""What reading the parts of a damaged zip raises: a bad checksum, a broken stream, a cut-off part."""


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
        if entry.file_size > 1_048_576 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise BundleError(
                f"Filen {name} har en del ({entry.filename}) som är orimligt hårt packad (zip-bomb?).",
                f"The file {name} has an implausibly compressed part ({entry.filename}; zip bomb?).",
            )


def _check_parts(name: str, archive: zipfile.ZipFile) -> None:
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
    for part in names:
        if part.endswith((".xml", ".rels", ".vml")):
            with archive.open(part) as handle:
                if _declares_dtd(handle):
                    raise BundleError(
                        f"Filen {name} innehåller XML-deklarationer (DTD/entiteter) som inte är tillåtna ({part}).",
                        f"The file {name} contains XML declarations (DTD/entities) that are not allowed ({part}).",
                    )


def _declares_dtd(handle: IO[bytes]) -> bool:
    """Whether a part declares a DTD or entities anywhere.

    The whole part is read, in blocks: a DTD belongs before the root element, but comments or
    whitespace of any length may come first, so no fixed-size prolog is enough.
    """
    tail = b""
    while block := handle.read(_BLOCK):
        window = tail + block
        if _DTD.search(window):
            return True
        tail = window[-_OVERLAP:]
    return False
