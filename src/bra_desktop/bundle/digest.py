"""Hashes that let a reader tell an untouched bundle from an edited one.

A row's `radkontroll` is the SHA-256 of its canonical business content (`domain.content`), so a row
whose cells no longer give that hash was edited by a person. A sheet's digest in `Info` covers the id,
owner, version, tombstone flag and row hash of every row in order, so an untouched sheet is known once
its rows are read; the code lists' digest covers every code as written. Both are signed
(`signature.py`). (Info also has the hash of each sheet's XML as written, by which an untouched sheet
is known before: `writer._close_sheet`, `formulas.SheetScan`.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


class SheetDigest:
    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.rows = 0

    def add(self, record_id: str, origin: str | None, version: int, deleted: bool, row_hash: str) -> None:
        self._hash.update(f"{record_id}|{origin or ''}|{version}|{int(deleted)}|{row_hash}\n".encode())
        self.rows += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def code_lists_sha256(items: Iterable[tuple[str, str, str, str, bool]]) -> str:
    """The digest of a Kodlistor sheet: (list, code, Swedish label, English label, active) in order."""
    digest = hashlib.sha256()
    for list_name, code, label_sv, label_en, active in items:
        digest.update(f"{list_name}|{code}|{label_sv}|{label_en}|{int(active)}\n".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """A bundle file's SHA-256: receipts use it to recognise the same file imported twice."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
