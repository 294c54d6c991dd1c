"""Scanning a workbook's sheet XML: formula cells that have no cached value, and each sheet's SHA-256.

python-calamine returns a formula's cached value, which is what a bundle needs; but a formula cell
that was never calculated (written by a script, or saved without recalculation) comes back as an
empty string, indistinguishable from an empty cell. Importing it as empty could silently wipe a
field, so the worksheet XML is scanned for such cells: only at the `<f>` tags, so a sheet without
formulas costs one substring search.

The same pass hashes the XML: a data sheet whose hash is the one the app wrote into Info is
untouched, and its rows need not be checked cell by cell (`reader`).

It also bounds the sheet before python-calamine loads it (`Extent`): python-calamine holds a sheet
as a dense grid from A1 to its last cell, so one cell at XFD1048576 makes it ask for terabytes and
abort the process, and a cell far out grows memory with the grid. A sheet with a cell beyond its
extent, or a cell without its place (`r`), which python-calamine would put after the row's others,
or with a DTD (`safety`), is refused before it is loaded. Merged cells are noted: a merged data row
is rejected (`reader`).

A sheet that a sender the register trusts signed, and that is still what was signed (its SHA-256
is the one in the signed Info), was written by that sender's copy of this app, which writes
within the extent and no formulas, DTDs or merged cells: it is only hashed (`SheetScan`, `signed`). That is the
common case, a bundle from Brå or a county read as it came, and it spares a national sheet's every
cell a regular expression before it may load.

The scan is mostly decompression and hashing, which let go of the GIL, and so does python-calamine
while it loads a sheet: `SheetScan` looks through a workbook's sheets on a thread of its own while
the reader reads their cells.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bra_desktop.bundle.digest import file_sha256
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.safety import SCAN_ERRORS, damaged, declares_dtd, dtd_refused

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*>")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_CELL_TAG_WINDOW = 512
"""A cell's opening tag stands right before its formula; this is ample room for its attributes."""
_PIECE = 4 << 20
_TAG_ROOM = 64
"""A tag that starts this close to the end of a piece may be cut; it is scanned with the next one."""
_LAST_ROW = 1_048_576
"""A spreadsheet's last row."""


_MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?\bref=\"[A-Z]+(\d+)(?::[A-Z]+(\d+))?\"")


@dataclass(frozen=True)
class Extent:
    """How far a sheet may reach: its last row and column (1-based) that may hold a cell."""

    rows: int
    columns: int

    def pattern(self) -> re.Pattern[bytes]:
        """A cell's or row's place (`r`) beyond the extent. It begins with the literal `r="`, which
        the regular-expression engine looks for at C speed: a national sheet is tens of megabytes.
        The row's letters and leading zeros are taken possessively (`*+`): a row beyond the extent
        starts with a digit other than 0, so giving them back never makes a match, and trying to
        was a quarter of the time the pattern took over millions of places within the extent."""
        # no mutate: a string mutant of the alphabet only adds X, a letter it has
        beyond_column = _above(_column_letters(self.columns), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # pragma: no mutate
        beyond_row = _above(str(self.rows), "0123456789")
        return re.compile(rb'r="(?:(?:' + beyond_column + rb')[0-9]+|[A-Z]*+0*+(?:' + beyond_row + rb'))"')


_UNPLACED = (re.compile(rb'<(?:c|row)(?! r=")(?=[\s/>])(?![^>]*\sr=")'),
             re.compile(rb':(?:c|row)(?=[\s/>])(?![^>]*\sr=")'))
"""A cell or row tag without its place (`r`), and one with a namespace prefix (`<x:c`): readers put
such a tag after the one before, so a run of them reaches past any extent (a row of 16,384 bare
`<c/>` reaches column XFD). The first pattern passes a tag that begins with its place, as the app,
Excel and LibreOffice write it, at once: a national sheet has hundreds of thousands of cells."""


def _beyond(xml: bytes, start: int, end: int, pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
    """The first place beyond the extent (`Extent.pattern`), or tag without a place, that starts in
    `xml[start:end]`; a tag's attributes may lie beyond `end`, in the part not scanned yet."""
    # no mutate: looking from the piece's start again, or at `end` now and again with the next piece,
    # finds the same first place
    for found in pattern.finditer(xml, start):  # pragma: no mutate
        if found.start() >= end:  # pragma: no mutate
            break  # pragma: no mutate (returning here leaves a tag without place to the place refused next)
        if xml[found.start() - 1 : found.start()].isspace():  # the attribute r, not one ending in r
            return found
    for unplaced in _UNPLACED:  # no mutate: from the start again, or at `end` now, finds the same
        found = unplaced.search(xml, start)  # pragma: no mutate
        if found is not None and found.start() < end:  # pragma: no mutate
            return found
    return None


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _above(limit: str, alphabet: str) -> bytes:
    """A pattern for the words over `alphabet` (its characters in order) that come after `limit`
    as numbers or column letters do: longer ones, and those of the same length that are greater
    at their first difference."""
    first = alphabet[1:] if alphabet[0] == "0" else alphabet  # a number has no leading zero
    longer = f"[{first}][{alphabet}]{{{len(limit)},}}"
    same_length = []
    for position, char in enumerate(limit):
        greater = alphabet[alphabet.index(char) + 1 :]  # pragma: no mutate (no letter twice: rindex is index)
        if greater:
            rest = len(limit) - position - 1
            same_length.append(f"{limit[:position]}[{greater}][{alphabet}]{{{rest}}}")
    return "|".join([longer, *same_length]).encode()


class SheetTooLarge(BundleError):
    """A sheet reaches beyond its extent: refused before it is loaded."""


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


@dataclass(frozen=True)
class ScannedPart:
    without_value: set[tuple[int, int]]
    """(row index, column index), 0-based, of formula cells with no cached value."""
    sha256: str
    """Of the part's XML, as stored in the file."""
    merged_rows: frozenset[int] = frozenset()
    """Row indexes, 0-based, that a merged range covers."""


class SheetScan:
    """Each sheet of a workbook scanned (`ScannedPart`) on a thread of its own, and the file hashed.

    `within` waits until a sheet may be loaded; `of` for one sheet's scan; `wait` for all, so that a
    damaged part is reported even where the reader did not need it. Each raises the file's "damaged"
    BundleError, or a BundleError for a sheet beyond its extent in `extents` or with a DTD (sheets
    without an extent are not loaded by the reader). `signed` holds the SHA-256 that a trusted
    sender signed for a sheet: such a sheet is only hashed, and is checked and scanned only when
    it is no longer what was signed.
    """

    def __init__(self, path: Path, parts: dict[str, str], extents: dict[str, Extent] | None = None,
                 signed: dict[str, str] | None = None) -> None:
        self._name = path.name
        # one worker keeps the scans in turn and one sheet's XML in memory at a time (no mutate: more
        # workers, or another name, give the same results)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bra-sheet-scan")  # pragma: no mutate
        extents, signed = extents or {}, signed or {}
        self._within: dict[str, Future[ScannedPart | None]] = {  # first, and quick: each sheet's loading waits for it
            name: self._executor.submit(_bound, path, parts[name], name, extent, signed.get(name))
            for name, extent in extents.items() if name in parts}
        self._found: dict[str, Future[ScannedPart]] = {  # in sheet order, after every `_within`: one worker, in turn
            name: self._executor.submit(self._scan, path, name, part, extents[name].rows if name in extents else _LAST_ROW)
            for name, part in parts.items()}
        self._file_sha256 = self._executor.submit(file_sha256, path)  # the receipts' hash, needed last

    @property
    def file_sha256(self) -> str:
        """The whole file's SHA-256 (`digest.file_sha256`), hashed on the scan's thread too."""
        return self._file_sha256.result()

    def within(self, sheet_name: str) -> None:
        """Wait until the sheet is known to lie within its extent, without a DTD: it may be loaded
        then. Raises `SheetTooLarge` if it does not, and the file's "damaged" BundleError."""
        self._result(self._within[sheet_name])

    def _scan(self, path: Path, name: str, part: str, last_row: int) -> ScannedPart:
        # done: submitted before, to the same single worker. (No mutate: without this shortcut a signed
        # sheet is scanned in full, with the same result, only slower.)
        bounded = self._within.get(name)  # pragma: no mutate
        as_signed = bounded.result() if bounded is not None and bounded.exception() is None else None  # pragma: no mutate
        if as_signed is not None:
            return as_signed
        return _scan_part(path, part, last_row)

    def of(self, sheet_name: str) -> ScannedPart | None:
        """The sheet's scan; None when the workbook has no such sheet."""
        found = self._found.get(sheet_name)
        return None if found is None else self._result(found)

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result()
        except SCAN_ERRORS as error:
            raise damaged(self._name, error) from error

    def wait(self) -> None:
        for name in self._within:
            self.within(name)
        for name in self._found:
            self.of(name)

    def close(self) -> None:
        """Stop scanning: what has not started is cancelled, what runs is waited for. (No mutate:
        not waiting leaves the thread to end on its own, with the same results.)"""
        self._executor.shutdown(wait=True, cancel_futures=True)  # pragma: no mutate


def _scan_part(path: Path, part: str, last_row: int) -> ScannedPart:
    with zipfile.ZipFile(path) as archive:
        return scan_part(archive, part, last_row)


def _bound(path: Path, part: str, sheet_name: str, extent: Extent, signed_sha256: str | None) -> ScannedPart | None:
    """Raise unless the sheet may be loaded; its scan when it is what a trusted sender signed
    (`SheetScan`), else None."""
    with zipfile.ZipFile(path) as archive:
        if signed_sha256 is not None and (sha256 := _part_sha256(archive, part)) == signed_sha256:
            return ScannedPart(set(), sha256)  # pragma: no mutate (None formulas read as none)
        check_extent(archive, part, sheet_name, extent, file_name=path.name)
    return None


def _part_sha256(archive: zipfile.ZipFile, part: str) -> str:
    digest = hashlib.sha256()
    for piece in _pieces(archive, part):
        digest.update(piece)
    return digest.hexdigest()


def _pieces(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's XML in pieces of `_PIECE` bytes, then b"": a national bundle's sheet is tens of
    megabytes of XML, which would otherwise sit in memory at once, and one regular-expression search
    over all of it holds the GIL long enough to freeze the window while the worker reads."""
    with archive.open(part) as stream:
        while piece := stream.read(_PIECE):  # pragma: no mutate (its size changes memory, not what is found)
            yield piece
    yield b""


def check_extent(archive: zipfile.ZipFile, part: str, sheet_name: str, extent: Extent, *, file_name: str) -> None:
    """Raise `SheetTooLarge` if a cell or row of the sheet lies beyond `extent`, or has no place,
    and BundleError if the sheet declares a DTD.

    Before python-calamine loads a sheet: it lays a sheet out as one table from A1 to its farthest
    cell, so one cell at XFD1048576 aborted the process. A pass of its own, so that the sheet's
    loading waits only for this, not for the whole scan."""
    beyond = extent.pattern()
    xml, start = b"", 0  # pragma: no mutate (a first byte skipped or put before: never part of a cell)
    for piece in _pieces(archive, part):
        xml += piece
        end = len(xml) if not piece else max(start, len(xml) - _TAG_ROOM)
        if declares_dtd(xml):  # from the kept end of the piece before: a declaration cut in two
            raise dtd_refused(file_name, part)
        if (outside := _beyond(xml, start, end, beyond)) is not None:
            raise _too_large(file_name, sheet_name, extent, outside.group())
        # and the byte before, which says whether an r is an attribute's name (no mutate: keeping a
        # byte more, or starting one later, looks at the same places)
        keep = max(0, end - 1)  # pragma: no mutate
        xml, start = xml[keep:], end - keep


def scan_part(archive: zipfile.ZipFile, part: str, last_row: int = _LAST_ROW) -> ScannedPart:
    """One worksheet's formula cells without a cached value, merged rows up to `last_row` (a merged
    range of a million rows is not a million numbers to keep) and the SHA-256 of its XML, scanned in
    pieces (`_pieces`)."""
    found: set[tuple[int, int]] = set()
    merged: set[int] = set()
    digest = hashlib.sha256()
    xml, start = b"", 0  # pragma: no mutate (a first byte skipped or put before: never part of a cell)
    for piece in _pieces(archive, part):
        digest.update(piece)
        xml += piece
        resume = _scan(xml, start, found, final=not piece)
        _merged_rows(xml, start, merged, last_row)
        # keep what is not scanned yet, with room before it for a cell's opening tag
        keep = max(0, resume - _CELL_TAG_WINDOW)
        xml, start = xml[keep:], resume - keep
    return ScannedPart(found, digest.hexdigest(), frozenset(merged))


def _merged_rows(xml: bytes, start: int, merged: set[int], last_row: int) -> None:
    """Add to `merged` the rows of the merged ranges whose tags are whole in `xml[start:]`. A tag cut
    at the end of a piece is found whole with the next piece; a range found in both adds the same
    rows again."""
    # a quick look before the regular expression (no mutate: its mutants look from elsewhere or
    # further, and find the same ranges)
    if xml.find(b"mergeCell", start) < 0:  # pragma: no mutate
        return
    for match in _MERGED.finditer(xml, start):
        first = int(match.group(1))
        merged.update(range(first - 1, min(int(match.group(2) or first), last_row)))


def _too_large(file_name: str, sheet_name: str, extent: Extent, found: bytes) -> SheetTooLarge:
    # the patterns match ASCII alone; no mutate: "ASCII" is the same codec, and no place ends in X
    place = found.decode("ascii").removeprefix('r="').rstrip('"')  # pragma: no mutate
    what = (f"har en cell eller rad utan angiven plats ({place})" if place.startswith(("<", ":"))
            else f"har en cell eller rad på {place}, utanför det tillåtna området "
                 f"(högst {extent.rows} rader och kolumn {_column_letters(extent.columns)})")
    return SheetTooLarge(
        f"Fliken {sheet_name} i {file_name} {what}. Filen läses inte in. Ta bort det som står utanför "
        "tabellen och spara filen igen.",
        f"The sheet {sheet_name} in {file_name} has a cell outside its table ({place}). The file is not read.",
    )


def _scan(xml: bytes, start: int, found: set[tuple[int, int]], *, final: bool) -> int:
    """Add the formulas without a value that start in `xml[start:]` to `found`; returns where the
    next piece must resume: at a formula whose cell ends beyond this piece, or near the end, where
    a tag may be cut."""
    limit = len(xml) if final else max(start, len(xml) - _TAG_ROOM)
    # Every formula tag has one of these; a plain search is many times quicker than the pattern over a
    # sheet's every tag. (No mutate: its mutants look from elsewhere, so the pattern runs in vain or
    # is left out where it would have found nothing.)
    if xml.find(b"<f", start) < 0 and xml.find(b":f", start) < 0:  # pragma: no mutate
        return limit
    # No mutate on the marked lines: scanning again from the start of the piece, or a formula at
    # `limit` now and again with the next piece, finds the same cells (a set); a cell never closed is
    # broken XML, which python-calamine refuses; a cell tag at the piece's first byte was scanned before.
    for formula in _FORMULA.finditer(xml, start):  # pragma: no mutate
        if formula.start() >= limit:  # pragma: no mutate
            break
        end = _CELL_END.search(xml, formula.end())
        if end is None:
            if final:
                continue  # pragma: no mutate
            return formula.start()
        window_start = max(0, formula.start() - _CELL_TAG_WINDOW)  # pragma: no mutate
        cells = list(_CELL_START.finditer(xml, window_start, formula.start()))
        if cells and not _VALUE.search(xml, formula.end(), end.start()):
            cell = cells[-1]
            found.add((int(cell.group(2)) - 1, _column_index(cell.group(1))))
    return limit
