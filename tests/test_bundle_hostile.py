"""Hostile and broken bundle files (DESIGN §4.1–2).

Each file is built here from a real bundle: not a zip, truncated, damaged, empty, too large, a zip
bomb, an XML entity bomb, macros, missing sheets or columns, a wrong or newer format version, and
row-level faults (duplicate ids, unknown codes, bad dates, 40,000-character cells, control
characters, formulas without a value …). Every one is refused with a Swedish message that says what
is wrong and where (sheet, row and column where that applies), through `prepare_import` and through
`bra-desktop import`, and Brå's register holds exactly what it held (see `fingerprint`). A fault in one row rejects that
row only; a file whose every row is rejected changes nothing and the command exits non-zero.

The receiving register is Brå's, which has already imported the county's records once, so a
rejected row could wrongly change or delete a record it already holds. The files are made from a
second export of the same content (a new bundle id), which would import as all "unchanged".
"""

from __future__ import annotations

import random
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle import safety
from bra_desktop.bundle.safety import MAX_ENTRIES, MAX_FILE_BYTES, check_bundle_file
from bra_desktop.domain.fields import KINDS
from bra_desktop.store.register import Register, open_register
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_record, update_record

from bundle_files import (
    cell_ref, fingerprint, in_prolog, part_of, replace_cell, replace_text, rewrite_zip, run_cli,
)
from conftest import add, trust_each_other
from workbook_edits import EditedBundle

TITLE = "Trygghetsvandring i Solna"


@dataclass
class Setting:
    brå_folder: Path
    activity_id: str
    bundle: Path
    """A clean second export: importing it into Brå would change nothing."""
    tmp: Path
    county_folder: Path

    @property
    def database(self) -> Path:
        return self.brå_folder / "register.sqlite"

    def open_brå(self) -> Register:
        return open_register(f"sqlite:///{self.database}", self.brå_folder / "backups")

    def open_county(self) -> Register:
        return open_register(f"sqlite:///{self.county_folder / 'register.sqlite'}", self.county_folder / "backups")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Setting:
    """County 01 with one activity, sent once to Brå; then a second, clean export of the same.

    Made once for the module; each test gets its own copy of Brå's register file.
    """
    root = tmp_path_factory.mktemp("hostile")
    county = open_register(f"sqlite:///{root / 'county' / 'register.sqlite'}", root / "county" / "backups")
    county.set_producer("01")
    activity = add(county, "activity", title=TITLE, start_date=date(2026, 4, 2), municipalities=["0184"],
                   participants=25, description="Kvällsvandring med polis och fastighetsägare.")
    first = export_bundle(county, root / "first.xlsx", user="anna").path
    brå = open_register(f"sqlite:///{root / 'bra' / 'register.sqlite'}", root / "bra" / "backups")
    brå.set_producer("BRA")
    trust_each_other(county, brå)
    apply_plan(brå, prepare_import(brå, first), user="analytiker")
    brå.close()
    second = export_bundle(county, root / "bra-paket_01_20260402-1000.xlsx", user="anna").path
    county.close()
    return Setting(root / "bra", activity.id, second, root, root / "county")


@pytest.fixture
def setting(template, tmp_path) -> Setting:
    """A copy of the template's registers for one test."""
    for name, source in (("bra", template.brå_folder), ("county", template.county_folder)):
        (tmp_path / name).mkdir()
        shutil.copyfile(source / "register.sqlite", tmp_path / name / "register.sqlite")
        assert not (source / "register.sqlite-wal").exists()
    return Setting(tmp_path / "bra", template.activity_id, template.bundle, tmp_path, tmp_path / "county")


def refused_everywhere(setting: Setting, path: Path, *messages: str) -> None:
    """The command line and `prepare_import` refuse the file with `messages`; Brå's register stays as it was."""
    before = fingerprint(setting.database)
    code, output = run_cli("--data-dir", str(setting.brå_folder), "import", "--accept-edited", str(path))
    assert code == 1, output
    for message in messages:
        assert message in output
    assert "Oväntat fel" not in output
    assert fingerprint(setting.database) == before
    brå = setting.open_brå()
    try:
        with pytest.raises(BundleError) as raised:
            prepare_import(brå, path)
    finally:
        brå.close()
    for message in messages:
        assert message in raised.value.message_sv
    assert raised.value.message_en != raised.value.message_sv  # the English interface says it in English
    assert fingerprint(setting.database) == before


# --- files that cannot be imported at all -------------------------------------------------------


def test_a_file_that_is_not_a_zip(setting):
    path = setting.tmp / "lista.xlsx"
    path.write_text("rubrik;datum\nTräff;2026-04-02\n", encoding="utf-8")
    refused_everywhere(setting, path, "Filen lista.xlsx är ingen Excel-fil (xlsx)")


def test_an_empty_file(setting):
    path = setting.tmp / "tom.xlsx"
    path.write_bytes(b"")
    refused_everywhere(setting, path, "Filen tom.xlsx är tom.")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_a_truncated_file(setting, keep):
    data = setting.bundle.read_bytes()
    path = setting.tmp / "avkortad.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    refused_everywhere(setting, path, "Filen avkortad.xlsx är skadad eller ofullständig")


@pytest.mark.parametrize("offset", [8, 400])
def test_a_file_with_damaged_bytes_inside(setting, offset):
    """A part whose compressed bytes were damaged on the way: a broken stream or a bad checksum."""
    data = bytearray(setting.bundle.read_bytes())
    part = part_of(setting.bundle, "Aktiviteter")
    with zipfile.ZipFile(setting.bundle) as archive:
        info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + offset] ^= 0xFF
    path = setting.tmp / "skadad.xlsx"
    path.write_bytes(bytes(data))
    refused_everywhere(setting, path, "Filen skadad.xlsx är skadad")


def test_a_damaged_sheet_the_reader_does_not_need_is_still_a_damaged_file(setting):
    """A sheet a person added (notes, say) is not read, but it is scanned like every part: damaged
    bytes in it mean the file was damaged on the way, and nothing of it is read."""
    book = EditedBundle(setting.bundle)
    book.book.create_sheet("Anteckningar")["A1"] = "Att göra: " + "ring kommunerna. " * 200
    with_notes = book.save(setting.tmp / "anteckningar.xlsx")
    data = bytearray(with_notes.read_bytes())
    part = part_of(with_notes, "Anteckningar")
    with zipfile.ZipFile(with_notes) as archive:
        info = archive.getinfo(part)
    data[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 8] ^= 0xFF
    path = setting.tmp / "skadad.xlsx"
    path.write_bytes(bytes(data))
    refused_everywhere(setting, path, "Filen skadad.xlsx är skadad (")
    with pytest.raises(BundleError) as refused:
        brå = setting.open_brå()
        try:
            prepare_import(brå, path)
        finally:
            brå.close()
    assert "None" not in refused.value.message_sv  # what the zip reader found, to pass on


def test_a_file_that_is_not_there(setting):
    """A path typed wrong, or a file moved away between choosing and reading it."""
    path = setting.tmp / "saknas.xlsx"
    refused_everywhere(setting, path, f"Filen {path} finns inte.")
    with pytest.raises(BundleError) as refused:
        check_bundle_file(path)
    assert refused.value.message_en == f"The file {path} does not exist."


def test_a_file_over_the_size_limit(setting):
    path = setting.tmp / "stor.xlsx"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1_048_576)  # sparse: costs no disk
    refused_everywhere(setting, path, "Filen stor.xlsx är för stor (257 MB; högst 256 MB)")
    with pytest.raises(BundleError) as refused:
        check_bundle_file(path)
    assert refused.value.message_en == "The file stor.xlsx is too large (257 MB; at most 256 MB)."
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES)  # at the limit: read on, and found to be no workbook
    with pytest.raises(BundleError, match="Filen stor.xlsx är ingen Excel-fil"):
        check_bundle_file(path)


def test_a_zip_bomb_by_compression_ratio(setting):
    """A sheet part of 3 MB that packs into a few kilobytes (real sheets pack 5-50×)."""
    part = part_of(setting.bundle, "Aktiviteter")
    padding = b"<!--" + b" " * 3_000_000 + b"-->"
    path = rewrite_zip(setting.bundle, setting.tmp / "bomb.xlsx", edit={part: lambda xml: xml + padding})
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    assert path.stat().st_size < 100_000 and info.file_size / info.compress_size > 500
    refused_everywhere(setting, path, f"Filen bomb.xlsx har en del ({part}) som är orimligt hårt packad (zip-bomb?)")


def test_a_zip_bomb_by_declared_size(setting):
    """A tiny file whose zip directory says it expands to 3 GB (one part nearly all of it): refused
    before any unpacking, with the size in whole megabytes."""
    part = part_of(setting.bundle, "Aktiviteter")
    with zipfile.ZipFile(setting.bundle) as archive:
        others = sum(entry.file_size for entry in archive.infolist() if entry.filename != part)
    path = rewrite_zip(setting.bundle, setting.tmp / "bomb.xlsx", declared_sizes={part: 3072 * 1_048_576 - others})
    refused_everywhere(setting, path, "Filen bomb.xlsx packas upp till 3072 MB, mer än tillåtna 2048 MB (zip-bomb?)")
    with pytest.raises(BundleError) as refused:
        check_bundle_file(path)
    assert refused.value.message_en == "The file bomb.xlsx expands to 3072 MB (zip bomb?)."


@pytest.mark.parametrize("size, taken", [(1_048_576, True), (1_048_577, False)])
def test_a_part_up_to_a_megabyte_may_pack_as_hard_as_it_likes(setting, size, taken):
    """The compression-ratio check is for parts over a megabyte: a part of exactly one megabyte of
    blanks (Excel pads some) packs a thousandfold and is taken; one byte more is not."""
    blanks = b"<a>" + b" " * (size - 7) + b"</a>"
    path = rewrite_zip(setting.bundle, setting.tmp / "luft.xlsx", add={"xl/media/luft.xml": blanks})
    with zipfile.ZipFile(path) as archive:
        packed = archive.getinfo("xl/media/luft.xml")
    assert packed.file_size == size and packed.file_size > safety.MAX_RATIO * packed.compress_size
    _taken_or_refused_as_packed_too_hard(path, taken)


def test_a_part_that_packs_exactly_as_hard_as_allowed_is_taken(setting):
    """The ratio is a limit, not a ceiling already passed: a part whose zip directory says it
    expands to exactly `MAX_RATIO` times its packed size passes; one byte more is a bomb."""
    noise = random.Random(21).randbytes(8_000)  # packs to about its own size
    written = rewrite_zip(setting.bundle, setting.tmp / "brus.xlsx", add={"xl/media/brus.bin": noise})
    with zipfile.ZipFile(written) as archive:
        packed = archive.getinfo("xl/media/brus.bin").compress_size
    for extra, taken in ((0, True), (1, False)):
        declared = safety.MAX_RATIO * packed + extra
        path = rewrite_zip(setting.bundle, setting.tmp / f"brus{extra}.xlsx", add={"xl/media/brus.bin": noise},
                           declared_sizes={"xl/media/brus.bin": declared})
        assert declared > 1_048_576
        _taken_or_refused_as_packed_too_hard(path, taken)


def _taken_or_refused_as_packed_too_hard(path: Path, taken: bool) -> None:
    if taken:
        assert "Aktiviteter" in check_bundle_file(path)
    else:
        with pytest.raises(BundleError, match="orimligt hårt packad"):
            check_bundle_file(path)


def test_a_zip_bomb_spread_over_parts_each_under_the_limit(setting):
    """The limit is on what the whole file expands to: two parts of 1.5 GB each are 3 GB."""
    sheets = part_of(setting.bundle, "Aktiviteter"), part_of(setting.bundle, "Nätverk")
    path = rewrite_zip(setting.bundle, setting.tmp / "bomb.xlsx",
                       declared_sizes={part: 1536 * 1_048_576 for part in sheets})
    refused_everywhere(setting, path, "Filen bomb.xlsx packas upp till 30")


def test_a_zip_with_too_many_parts(setting):
    extra = {f"xl/media/bild{n}.xml": b"<a/>" for n in range(MAX_ENTRIES)}
    path = rewrite_zip(setting.bundle, setting.tmp / "delar.xlsx", add=extra)
    refused_everywhere(setting, path, "Filen delar.xlsx innehåller för många delar")


def test_no_bundle_is_read_without_defusedxml(setting, monkeypatch):
    """openpyxl parses XML safely only with defusedxml installed: an install without it reads no
    bundle at all, and says how to mend it."""
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    brå = setting.open_brå()
    try:
        with pytest.raises(BundleError) as refused:
            prepare_import(brå, setting.bundle)
    finally:
        brå.close()
    assert (refused.value.message_sv, refused.value.message_en) == (
        "Programmet saknar skyddet defusedxml och kan inte läsa paket säkert. Installera om programmet.",
        "The app lacks defusedxml and cannot read bundles safely. Reinstall the app.")


def test_a_file_at_each_limit_is_taken(setting, monkeypatch):
    """The limits are the most a file may have: a bundle with exactly as many parts, and expanding
    to exactly as many bytes, as allowed passes the checks; one part or one byte more does not."""
    with zipfile.ZipFile(setting.bundle) as archive:
        entries = archive.infolist()
    parts, expanded = len(entries), sum(entry.file_size for entry in entries)
    monkeypatch.setattr(safety, "MAX_ENTRIES", parts)
    monkeypatch.setattr(safety, "MAX_EXPANDED_BYTES", expanded)
    assert set(check_bundle_file(setting.bundle)) >= {"Info", "Aktiviteter"}
    monkeypatch.setattr(safety, "MAX_ENTRIES", parts - 1)
    with pytest.raises(BundleError, match=f"innehåller för många delar \\({parts}\\)"):
        check_bundle_file(setting.bundle)
    monkeypatch.setattr(safety, "MAX_ENTRIES", parts)
    monkeypatch.setattr(safety, "MAX_EXPANDED_BYTES", expanded - 1)
    with pytest.raises(BundleError, match="packas upp till"):
        check_bundle_file(setting.bundle)


def test_a_part_that_is_not_xml_is_not_read_as_xml(setting):
    """An image may hold any bytes, `<!DOCTYPE` among them: only XML parts are looked through for
    declarations, so a bundle with such a picture is read as any other."""
    picture = b"\x89PNG\r\n\x1a\n" + b'<!DOCTYPE x SYSTEM "y">' + bytes(64)
    path = rewrite_zip(setting.bundle, setting.tmp / "bild.xlsx", add={"xl/media/image1.png": picture})
    brå = setting.open_brå()
    try:
        plan = prepare_import(brå, path)
    finally:
        brå.close()
    assert plan.counts()[Action.UNCHANGED] == 1 and not plan.rejected


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode() for n in range(1, 10)
    )
    + b"]>"
)


@pytest.mark.parametrize("where", ["Aktiviteter", "xl/workbook.xml", "xl/styles.xml", "_rels/.rels",
                                   "xl/worksheets/_rels/sheet2.xml.rels", "xl/drawings/commentsDrawing1.vml"])
@pytest.mark.parametrize("padded", [False, True], ids=["in-prolog", "after-100kB-of-comment"])
def test_an_xml_entity_bomb(setting, where, padded):
    """Nested entities in a part's DTD ("billion laughs"), used in the sheet's title cell; a long
    comment before the DTD must not hide it from the check."""
    part = part_of(setting.bundle, where) if where == "Aktiviteter" else where
    prolog = (b"<!--" + b"x" * 100_000 + b"-->" if padded else b"") + BILLION_LAUGHS

    def edit(xml: bytes) -> bytes:
        xml = in_prolog(prolog)(xml)
        return replace_text(f"<t>{TITLE}</t>", "<t>&lol9;</t>")(xml) if where == "Aktiviteter" else xml

    path = rewrite_zip(setting.bundle, setting.tmp / "entiteter.xlsx", edit={part: edit})
    refused_everywhere(setting, path, f"Filen entiteter.xlsx innehåller XML-deklarationer (DTD/entiteter) som inte är tillåtna ({part})")


@pytest.mark.parametrize("split", [1, 5, 9])
def test_a_dtd_across_the_border_of_two_blocks_of_the_scan_is_found(setting, split):
    """The DTD scan of the parts other than sheets reads a part in blocks of a megabyte; `<!DOCTYPE`
    with its first `split` characters at the end of one block and the rest in the next is still
    found (an external DTD: nothing else in the part would give it away). The sheets are looked
    through in pieces before they load (test_formulas.py)."""
    part = "xl/styles.xml"
    with zipfile.ZipFile(setting.bundle) as archive:
        xml = archive.read(part)
    declaration = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    letters = random.Random(16).choices(b"abcdefghijklmnopqrstuvwxyz", k=(1 << 20) - declaration - split - 7)
    comment = b"<!--" + bytes(letters) + b"-->"  # letters at random, or the part looks like a zip bomb
    path = rewrite_zip(setting.bundle, setting.tmp / "gräns.xlsx",
                       edit={part: in_prolog(comment + b'<!DOCTYPE worksheet SYSTEM "http://example.invalid/x.dtd">')})
    with zipfile.ZipFile(path) as archive:
        assert archive.read(part).index(b"<!DOCTYPE") == (1 << 20) - split
    refused_everywhere(setting, path, f"Filen gräns.xlsx innehåller XML-deklarationer (DTD/entiteter) som inte är tillåtna ({part})")


def test_a_macro_enabled_file(setting):
    path = rewrite_zip(setting.bundle, setting.tmp / "makro.xlsx", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(508)})
    refused_everywhere(setting, path, "Filen makro.xlsx innehåller makron och läses inte in")


def test_a_file_declared_macro_enabled(setting):
    """An .xlsm saved under an .xlsx name: its content types say macroEnabled."""
    main = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    path = rewrite_zip(setting.bundle, setting.tmp / "makro.xlsx", edit={
        "[Content_Types].xml": lambda xml: xml.replace(main, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    })
    refused_everywhere(setting, path, "Filen makro.xlsx innehåller makron och läses inte in")


def test_a_zip_that_is_not_a_workbook(setting):
    """A Word document, or any other zip, renamed .xlsx."""
    path = setting.tmp / "dokument.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    refused_everywhere(setting, path, "Filen dokument.xlsx är ingen Excel-arbetsbok (delen xl/workbook.xml saknas)")


@pytest.mark.parametrize("part", ["xl/_rels/workbook.xml.rels", "Aktiviteter"])
def test_a_workbook_missing_a_part_it_refers_to(setting, part):
    part = part_of(setting.bundle, part) if part == "Aktiviteter" else part
    path = rewrite_zip(setting.bundle, setting.tmp / "halv.xlsx", drop=(part,))
    refused_everywhere(setting, path, "Filen halv.xlsx är skadad")


def test_a_workbook_with_broken_xml(setting):
    path = rewrite_zip(setting.bundle, setting.tmp / "trasig.xlsx", edit={"xl/workbook.xml": lambda xml: xml[: len(xml) // 2]})
    refused_everywhere(setting, path, "Filen trasig.xlsx är skadad")
    with pytest.raises(BundleError) as refused:
        check_bundle_file(path)
    assert refused.value.message_sv.startswith("Filen trasig.xlsx är skadad (") and "None" not in refused.value.message_sv
    assert refused.value.message_sv.endswith("). Be om filen igen.")  # with what the parser found, to pass on


def test_a_sheet_with_broken_xml(setting):
    part = part_of(setting.bundle, "Aktiviteter")
    path = rewrite_zip(setting.bundle, setting.tmp / "trasig.xlsx", edit={part: lambda xml: xml[: len(xml) // 2]})
    refused_everywhere(setting, path, "Filen trasig.xlsx kan inte läsas")


def edited(setting: Setting, change, name: str = "ändrad.xlsx") -> Path:
    book = EditedBundle(setting.bundle)
    change(book)
    return book.save(setting.tmp / name)


def info_row(book: EditedBundle, key: str) -> int:
    ws = book.sheet("Info")
    return next(row for row in range(1, ws.max_row + 1) if ws.cell(row, 1).value == key)


def set_info(key: str, value):
    def change(book: EditedBundle) -> None:
        book.sheet("Info").cell(info_row(book, key), 2).value = value

    return change


@pytest.mark.parametrize(("value", "message"), [
    (4, "Paketet ändrad.xlsx är gjort av en nyare version av programmet (format 4). Uppdatera programmet."),
    (0, "ändrad.xlsx är inget giltigt Brå-paket: okänd format_version 0."),
    ("ett", "ändrad.xlsx är inget giltigt Brå-paket: format_version saknas."),
    (None, "ändrad.xlsx är inget giltigt Brå-paket: format_version saknas."),
])
def test_a_wrong_or_newer_format_version(setting, value, message):
    refused_everywhere(setting, edited(setting, set_info("format_version", value)), message)


def test_a_workbook_that_is_not_a_bundle(setting):
    refused_everywhere(setting, edited(setting, set_info("format", "budget")),
                       "ändrad.xlsx är inget giltigt Brå-paket: fliken Info saknar format = bra-paket.")


def test_a_bundle_without_its_info_sheet(setting):
    def change(book: EditedBundle) -> None:
        del book.book["Info"]

    refused_everywhere(setting, edited(setting, change), "Fliken Info saknas")


@pytest.mark.parametrize("value", ["inget-id", None])
def test_a_bad_bundle_id(setting, value):
    refused_everywhere(setting, edited(setting, set_info("bundle_id", value)), "bundle_id är inget giltigt id")


def test_a_missing_sheet(setting):
    def change(book: EditedBundle) -> None:
        del book.book["Nätverk"]

    refused_everywhere(setting, edited(setting, change), "Fliken Nätverk saknas i ändrad.xlsx.")


@pytest.mark.parametrize("label", ["Rubrik", "Startdatum", "id", "radkontroll"])
def test_a_missing_column(setting, label):
    def change(book: EditedBundle) -> None:
        book.sheet("Aktiviteter").delete_cols(book.column("Aktiviteter", label))

    refused_everywhere(setting, edited(setting, change), f"Fliken Aktiviteter saknar kolumnerna {label}.")


def test_a_column_twice(setting):
    def change(book: EditedBundle) -> None:
        book.add_column("Aktiviteter", "Rubrik", "Annan rubrik")

    refused_everywhere(setting, edited(setting, change), "Fliken Aktiviteter: kolumnen Rubrik finns två gånger.")


# --- faults in rows: that row is rejected, the rest is read ---------------------------------------


def rejected_everywhere(setting: Setting, path: Path, column: str | None, message: str | tuple[str, ...],
                        rows: tuple[int, ...] = (2,)) -> None:
    """Every row of the file is rejected at `column` with `message` (or the row's own of `messages`):
    nothing is imported, the command exits non-zero and says where, and Brå's register holds
    exactly what it held (see `fingerprint`)."""
    messages = (message,) * len(rows) if isinstance(message, str) else message
    before = fingerprint(setting.database)
    code, output = run_cli("--data-dir", str(setting.brå_folder), "import", "--accept-edited", str(path))
    assert code == 1, output
    for row, said in zip(rows, messages, strict=True):
        where = f"Fliken Aktiviteter, rad {row}" + (f", kolumn {column}" if column else "")
        assert f"Avvisad: {where}: {said}" in output
    assert "Ingenting kunde läsas in." in output and "Oväntat fel" not in output
    assert fingerprint(setting.database) == before
    brå = setting.open_brå()
    try:
        plan = prepare_import(brå, path)
        problems = [(p.sheet, p.row, p.column) for r in plan.rejected for p in r.problems]
        assert problems == [("Aktiviteter", row, column) for row in rows]
        assert tuple(p.message for r in plan.rejected for p in r.problems) == messages
        assert plan.records == [] and not plan.has_effect
        with brå.session() as session:
            stored = load_record(session, KINDS["activity"], setting.activity_id)
        assert stored.content["title"] == TITLE and not stored.deleted
    finally:
        brå.close()
    assert fingerprint(setting.database) == before


def set_cell(setting: Setting, label: str, value):
    def change(book: EditedBundle) -> None:
        book.set("Aktiviteter", setting.activity_id, label, value)

    return change


@pytest.mark.parametrize(("label", "value", "message"), [
    ("Startdatum", "2026-13-45", "«2026-13-45» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("Startdatum", "2 april", "«2 april» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("Startdatum", "-3", "«-3» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("Slutdatum", "2026-02-30", "«2026-02-30» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("Typ av aktivitet", "FIKA", "okänd kod FIKA (finns inte i kodlistan aktivitetstyp)"),
    ("Status", "klar", "okänd kod KLAR (finns inte i kodlistan aktivitetsstatus)"),
    ("Kommuner", "0184; 9999", "okänd kommunkod 9999"),
    ("Antal deltagare", "många", "«många» är inget heltal"),
    ("Antal deltagare", 2.5, "2.5 är inget heltal"),
    ("Antal deltagare", -4, "Antal deltagare måste vara ett heltal från 0 till 1 000 000"),
    ("Rubrik", None, "Rubrik måste fyllas i"),
    ("Rubrik", "Två\nrader", "Rubrik ska vara en rad"),
    ("Nätverk", "8b0f3c1e-0000-4000-8000-000000000000",
     "hänvisar till nätverk med id 8b0f3c1e-0000-4000-8000-000000000000, som varken finns i registret eller i "
     "filen: läs först in paketet som har den"),
    ("id", "inte-ett-id", "«inte-ett-id» är inget giltigt id"),
    ("borttagen", "kanske", "«kanske» är varken ja eller nej"),
    ("version", "tre", "«tre» är inget heltal"),
    ("ändrad", "igår", "«igår» är ingen tidpunkt"),
])
def test_a_bad_cell_rejects_its_row(setting, label, value, message):
    rejected_everywhere(setting, edited(setting, set_cell(setting, label, value)), label, message)


def test_a_slutdatum_before_startdatum(setting):
    path = edited(setting, set_cell(setting, "Slutdatum", date(2026, 4, 1)))
    rejected_everywhere(setting, path, "Slutdatum", "Slutdatum får inte vara före startdatum")


def test_a_missing_origin_on_a_row_with_an_id(setting):
    rejected_everywhere(setting, edited(setting, set_cell(setting, "ursprung", None)), "ursprung", "ursprung saknas")


@pytest.mark.parametrize(("text", "length"), [("å" * 40_000, 40_000), ("x" * 32_768, 32_768)])
def test_a_cell_longer_than_excel_allows_rejects_its_row(setting, text, length):
    """Excel and openpyxl cut text at 32,767 characters, but another program may write more: the
    row is rejected rather than silently cut."""
    part = part_of(setting.bundle, "Aktiviteter")
    path = rewrite_zip(setting.bundle, setting.tmp / "lång.xlsx",
                       edit={part: replace_text(f"<t>{TITLE}</t>", f"<t>{text}</t>")})
    rejected_everywhere(setting, path, "Rubrik", f"texten är {length} tecken, högst 32767 ryms")


@pytest.mark.parametrize("text", ["Tr\x07ff", "Tr&#7;ff", "Tr_x0007_ff"], ids=["raw", "character-reference", "excel-escape"])
def test_a_control_character_rejects_its_row(setting, text):
    """U+0007 (bell) in a title, written as a raw byte, a character reference or Excel's _x0007_."""
    part = part_of(setting.bundle, "Aktiviteter")
    path = rewrite_zip(setting.bundle, setting.tmp / "styrtecken.xlsx",
                       edit={part: replace_text(f"<t>{TITLE}</t>", f"<t>{text}</t>")})
    rejected_everywhere(setting, path, "Rubrik", "Rubrik innehåller ett otillåtet styrtecken (U+0007)")


def test_a_formula_without_a_cached_value_rejects_its_row(setting):
    """`=1+1` typed by a script (openpyxl) in a business column is never calculated: its cell comes
    back empty from the file, and taking that as empty would wipe the field."""
    path = edited(setting, set_cell(setting, "Antal deltagare", "=1+1"))
    part = part_of(path, "Aktiviteter")
    with zipfile.ZipFile(path) as archive:
        assert b"<f>1+1</f>" in archive.read(part)
    rejected_everywhere(setting, path, "Antal deltagare",
                        "formeln har inget sparat värde; öppna filen i Excel, räkna om och spara")


def test_a_formula_without_a_value_is_found_in_a_sheet_named_in_english(setting):
    """Sheets may be named in English (Activities): the formulas are looked for in that sheet too."""
    part = part_of(setting.bundle, "Aktiviteter")
    ref = cell_ref("activity", "participants", 2)
    path = rewrite_zip(setting.bundle, setting.tmp / "english.xlsx", edit={
        "xl/workbook.xml": replace_text('name="Aktiviteter"', 'name="Activities"'),
        part: lambda xml: replace_cell(xml, ref, f'<c r="{ref}"><f>20+7</f></c>'),
    })
    rejected_everywhere(setting, path, "Antal deltagare",
                        "formeln har inget sparat värde; öppna filen i Excel, räkna om och spara")


def test_a_formula_without_a_value_is_found_after_an_inserted_empty_first_column(setting):
    """A person inserted an empty column before A: columns are found by label, and the formula's
    problem still names its own column (the reader puts the empty leading column back)."""
    def change(book: EditedBundle) -> None:
        set_cell(setting, "Antal deltagare", "=1+1")(book)
        book.sheet("Aktiviteter").insert_cols(1)

    path = edited(setting, change)
    brå = setting.open_brå()
    try:
        plan = prepare_import(brå, path)
    finally:
        brå.close()
    assert [(p.sheet, p.row, p.column, p.message) for r in plan.rejected for p in r.problems] == [
        ("Aktiviteter", 2, "Antal deltagare", "formeln har inget sparat värde; öppna filen i Excel, räkna om och spara"),
    ]


def test_a_formula_with_a_cached_value_is_read_as_its_value(setting):
    """What Excel saves: the formula and its last result; the result is what is read (here by the
    county the bundle came from: a register takes edits made in Excel to its own records only)."""
    part = part_of(setting.bundle, "Aktiviteter")
    ref = cell_ref("activity", "participants", 2)
    path = rewrite_zip(setting.bundle, setting.tmp / "formel.xlsx", edit={
        part: lambda xml: replace_cell(xml, ref, f'<c r="{ref}"><f>20+7</f><v>27</v></c>'),
    })
    county = setting.open_county()
    try:
        plan = prepare_import(county, path)
        (record,) = plan.records
        assert not plan.rejected and record.action == Action.UPDATE and record.notes == ["ändrad i Excel"]
        assert [(d.field, d.local, d.incoming) for d in record.diffs] == [("participants", 25, 27)]
    finally:
        county.close()


def test_a_duplicate_id_rejects_both_rows(setting):
    def change(book: EditedBundle) -> None:
        ws = book.sheet("Aktiviteter")
        ws.append([cell.value for cell in ws[2]])
        book.set("Aktiviteter", setting.activity_id, "Rubrik", "Första kopian")  # row 2 only

    message = f"samma id ({setting.activity_id}) finns också på rad"
    rejected_everywhere(setting, edited(setting, change), "id", (f"{message} 3", f"{message} 2"), rows=(2, 3))


# --- one bad row among good ones ------------------------------------------------------------------


def test_only_the_bad_rows_are_rejected_and_the_rest_is_imported(register, make_register, tmp_path):
    network = add(register, "network", name="Länsnätverket")
    activities = [add(register, "activity", title=f"Träff {n}", start_date=date(2026, 5, n + 1), network_id=network.id)
                  for n in range(5)]
    first = export_bundle(register, tmp_path / "first.xlsx", user="anna").path
    brå = make_register("BRA")
    apply_plan(brå, prepare_import(brå, first), user="analytiker")
    folder = brå.database_file.parent
    brå.close()

    new = add(register, "activity", title="Ny träff", start_date=date(2026, 6, 1))
    with register.session() as session:  # a change made in the county's app travels as usual
        update_record(session, KINDS["activity"], activities[3].id, {**activities[3].content, "participants": 12},
                      user="anna", reference=load_reference(session))
        session.commit()
    bundle = EditedBundle(export_bundle(register, tmp_path / "second.xlsx", user="anna").path)
    bundle.set("Aktiviteter", activities[0].id, "Startdatum", "2026-13-45")
    bundle.set("Aktiviteter", activities[1].id, "Typ av aktivitet", "FIKA")
    bundle.set("Aktiviteter", new.id, "Rubrik", "=1+1")  # a formula without a value in a new row
    bundle.set("Aktiviteter", activities[2].id, "Antal deltagare", 7)  # a valid edit, but not by the owner
    rows = {a.id: bundle.row_of("Aktiviteter", a.id) for a in (*activities, new)}
    path = bundle.save(tmp_path / "bra-paket_01_20260601-0900.xlsx")

    code, output = run_cli("--data-dir", str(folder), "import", "--accept-edited", "--rejected-out", str(tmp_path / "avvisade"), str(path))
    assert code == 0, output
    assert (f"Avvisad: Fliken Aktiviteter, rad {rows[activities[0].id]}, kolumn Startdatum: "
            "«2026-13-45» är inget datum (skriv ÅÅÅÅ-MM-DD)") in output
    assert (f"Avvisad: Fliken Aktiviteter, rad {rows[activities[1].id]}, kolumn Typ av aktivitet: "
            "okänd kod FIKA (finns inte i kodlistan aktivitetstyp)") in output
    assert f"Avvisad: Fliken Aktiviteter, rad {rows[new.id]}, kolumn Rubrik: formeln har inget sparat värde" in output
    assert (f"Avvisad: Fliken Aktiviteter, rad {rows[activities[2].id]}: posten tillhör Stockholms län (01) och kan "
            "bara ändras där; ändringen i Excel läses inte in") in output
    assert "uppdateras: 1" in output and "avvisade: 4" in output and "tas bort: 0" in output
    saved = tmp_path / "avvisade" / "avvisade_bra-paket_01_20260601-0900.xlsx"
    assert saved.exists()

    brå = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
    try:
        with brå.session() as session:
            stored = {a.id: load_record(session, KINDS["activity"], a.id) for a in (*activities, new)}
        assert stored[new.id] is None  # its only row was rejected
        for rejected in activities[:3]:  # rejected rows leave the records Brå had as they were
            assert stored[rejected.id].content == rejected.content and not stored[rejected.id].deleted
        assert stored[activities[3].id].content["participants"] == 12
        assert stored[activities[4].id].content == activities[4].content
    finally:
        brå.close()


@pytest.mark.parametrize(("label", "value"), [("Startdatum", "2026-13-45"), ("id", "inte-ett-id")])
def test_a_rejected_row_is_not_taken_for_a_row_deleted_in_excel(setting, label, value):
    """A full bundle without a record's row says it was deleted in Excel. A row that is there but
    cannot be read says nothing of the kind, and must not delete the record; nor may a row whose
    id cannot be read, since it could be any record's row."""
    path = edited(setting, set_cell(setting, label, value))
    brå = setting.open_brå()
    try:
        plan = prepare_import(brå, path)
        assert [(r.record_id, r.action) for r in plan.records] == [] and len(plan.rejected) == 1
    finally:
        brå.close()


def test_column_letters_used_by_the_helpers_match_the_written_bundle(setting):
    """cell_ref() must point where the writer puts a field (guards the XML-level tests above)."""
    book = EditedBundle(setting.bundle)
    column = book.column("Aktiviteter", "Antal deltagare")
    assert cell_ref("activity", "participants", 2) == f"{get_column_letter(column)}2"
    assert book.get("Aktiviteter", setting.activity_id, "Antal deltagare") == 25
