"""Crafting bundle files at the byte level, for the tests that feed the reader broken or hostile files.

openpyxl refuses to write some of what an attacker or a broken program can put in a file (control
characters, DTDs, forged sizes), so these helpers copy a real bundle part by part and change the raw
XML or the zip directory on the way. Also: a register's fingerprint (its full dump), and the command line
run in-process with its output captured.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import sqlite3
import zipfile
from contextlib import closing
from collections.abc import Callable
from pathlib import Path

from bra_desktop import cli
from bra_desktop.bundle.safety import sheet_parts
from bra_desktop.bundle.schema import sheet_for_kind
from openpyxl.utils import get_column_letter

PartEdit = Callable[[bytes], bytes] | bytes


def rewrite_zip(
    source: Path, target: Path, *, edit: dict[str, PartEdit] | None = None, add: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (), declared_sizes: dict[str, int] | None = None,
) -> Path:
    """Copy `source` to `target` part by part: change (`edit`), add or drop parts.

    `declared_sizes` forges the uncompressed size the zip directory states for a part, the way a
    zip bomb announces itself (the part's real bytes stay small).
    """
    edit, add, declared_sizes = edit or {}, add or {}, declared_sizes or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        unknown = (set(edit) | set(drop)) - set(old.namelist())
        assert not unknown, f"no such parts: {unknown}"
        for item in old.infolist():
            if item.filename in drop:
                continue
            data = old.read(item.filename)
            change = edit.get(item.filename)
            if change is not None:
                data = change(data) if callable(change) else change
            new.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in add.items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        for info in new.filelist:
            if info.filename in declared_sizes:
                info.file_size = declared_sizes[info.filename]  # written to the central directory on close
    return target


def part_sha256(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return hashlib.sha256(archive.read(part)).hexdigest()


def edit_sheet(bundle: Path, target: Path, sheet_name: str, edit, *, forge_hash: bool, signer=None) -> Path:
    """Change a sheet's XML; with `forge_hash`, write the changed XML's hash into Info too, and sign
    Info again with the register `signer`'s key, as only a sender crafting the file would."""
    part = part_of(bundle, sheet_name)
    with zipfile.ZipFile(bundle) as archive:
        edited = edit(archive.read(part))
    edits = {part: edited}
    if forge_hash:
        from openpyxl import load_workbook

        from bra_desktop.bundle.signature import sign_info
        from bra_desktop.store.keys import own_private_key

        declared = part_sha256(bundle, part)
        forged = hashlib.sha256(edited).hexdigest()
        book = load_workbook(bundle, read_only=True)
        values = {row[0]: row[1] for row in book["Info"].iter_rows(values_only=True) if row and row[0] and len(row) > 1}
        book.close()
        values = {key: forged if value == declared else value for key, value in values.items()}
        with signer.session() as session:
            signature = sign_info(own_private_key(session), values)
        info = part_of(bundle, "Info")
        with zipfile.ZipFile(bundle) as archive:
            xml = archive.read(info).replace(declared.encode(), forged.encode())
        edits[info] = xml.replace(str(values["signature"]).encode(), signature.encode())
    return rewrite_zip(bundle, target, edit=edits)


def part_of(path: Path, sheet_name: str) -> str:
    """The worksheet part (e.g. xl/worksheets/sheet2.xml) that holds a sheet."""
    with zipfile.ZipFile(path) as archive:
        return sheet_parts(archive, path.name)[sheet_name]


def cell_ref(kind_key: str, field: str, row: int) -> str:
    """The A1 reference of a cell in a bundle as the app writes it: a business field's, or a system
    column's (`field` a `SystemField`)."""
    sheet = sheet_for_kind(kind_key)
    index = [c.key for c in sheet.columns].index(field) + 1
    return f"{get_column_letter(index)}{row}"


def replace_cell(xml: bytes, ref: str, cell_xml: str) -> bytes:
    """Replace the cell `ref` of a worksheet's XML by `cell_xml` (the whole `<c …>…</c>` element)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
    replaced, count = pattern.subn(cell_xml.encode("utf-8"), xml, count=1)
    assert count == 1, f"no cell {ref}"
    return replaced


def replace_text(old: str, new: str) -> Callable[[bytes], bytes]:
    """An edit that replaces one exact piece of text (already XML-escaped) in a part."""

    def edit(xml: bytes) -> bytes:
        assert old.encode() in xml, f"{old!r} is not in the part"
        return xml.replace(old.encode("utf-8"), new.encode("utf-8"), 1)

    return edit


def in_prolog(extra: bytes) -> Callable[[bytes], bytes]:
    """An edit that puts `extra` (a DTD, comments) between the XML declaration and the root element."""

    def edit(xml: bytes) -> bytes:
        end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:end] + extra + xml[end:]

    return edit


def fingerprint(database: Path) -> str:
    """SHA-256 of everything a closed register holds: its full SQL dump, schema and every row of
    every table (records, links, change log, receipts, sync bases, code lists …).

    A dump rather than the file's bytes: closing a register runs `PRAGMA optimize`, which may
    refresh the query planner's statistics (`sqlite_stat*`, SQLite's own tables, not register
    data) and so change the file when nothing in the register changed. Those statistics are left
    out; everything else must be identical.
    """
    with closing(sqlite3.connect(database)) as connection:
        lines = [line for line in connection.iterdump() if "sqlite_stat" not in line]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def run_cli(*args: str) -> tuple[int, str]:
    """Run `bra-desktop ARGS` in this process; the exit code and stdout and stderr together."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue() + err.getvalue()
