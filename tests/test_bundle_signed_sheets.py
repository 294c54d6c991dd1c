"""Sheets a trusted sender signed (bundle/formulas.py, `SheetScan`): hashed, not scanned cell by cell.

A data sheet is bounded before python-calamine loads it (its extent, no DTD). A sheet that a sender
the register trusts signed, and that is still byte for byte what was signed, was written by that
sender's copy of the app: only its hash is taken before it loads. Any other sheet is bounded as
before: one edited after signing, however trusted its sender, and one signed by a key the register
does not trust, however well its hash was forged to match. And the part that is checked is the part
that is loaded: a sheet whose part two readers could find in different places is refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bra_desktop.bundle import formulas
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.problems import BundleError

from bundle_files import edit_sheet, part_of, replace_text, rewrite_zip
from conftest import add


@pytest.fixture
def bundle(register, tmp_path) -> Path:
    add(register, "activity", title="Trygghetsvandring i Solna", start_date=date(2026, 4, 2), municipalities=["0184"])
    return export_bundle(register, tmp_path / "paket.xlsx", user="anna").path


@pytest.fixture
def bounded(monkeypatch) -> list[str]:
    """The sheets bounded cell by cell before they load, in turn."""
    checked: list[str] = []
    real = formulas.check_extent

    def recording(archive, part, sheet_name, extent, *, file_name=""):
        checked.append(sheet_name)
        real(archive, part, sheet_name, extent, file_name=file_name)

    monkeypatch.setattr(formulas, "check_extent", recording)
    return checked


def _far_cell(xml: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b'<row r="900000"><c r="A900000" t="n"><v>1</v></c></row></sheetData>')


def test_a_trusted_senders_sheets_as_signed_are_only_hashed(register, bundle, bounded):
    plan = prepare_import(register, bundle)  # the register's own bundle: its own key

    assert bounded == ["Kodlistor"]  # no data sheet: Kodlistor's hash is not part of the signature
    assert {action for action, count in plan.counts().items() if count} == {Action.UNCHANGED}


def test_a_trusted_senders_sheet_edited_after_signing_is_bounded_before_it_loads(register, bundle, bounded, tmp_path):
    edited = edit_sheet(bundle, tmp_path / "ändrad.xlsx", "Aktiviteter", _far_cell, forge_hash=False)

    with pytest.raises(formulas.SheetTooLarge) as refused:
        prepare_import(register, edited)

    assert "Aktiviteter" in bounded
    assert "har en cell eller rad på 900000" in refused.value.message_sv


def test_a_strangers_signature_over_a_forged_hash_does_not_spare_the_bounds(register, bundle, make_register, tmp_path):
    stranger = make_register("01", "främling", introduced=False)
    forged = edit_sheet(bundle, tmp_path / "förfalskad.xlsx", "Aktiviteter", _far_cell, forge_hash=True, signer=stranger)

    with pytest.raises(formulas.SheetTooLarge):
        prepare_import(register, forged)


def test_a_dtd_in_a_sheet_is_refused_before_it_loads(register, bundle, tmp_path):
    part = part_of(bundle, "Aktiviteter")
    with_dtd = rewrite_zip(bundle, tmp_path / "dtd.xlsx", edit={
        part: lambda xml: xml.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY e "x">]><worksheet', 1)})

    with pytest.raises(BundleError) as refused:
        prepare_import(register, with_dtd)

    assert "DTD" in refused.value.message_sv and part in refused.value.message_sv


@pytest.mark.parametrize("target", ["worksheets/../worksheets/sheet2.xml", "xl/worksheets/sheet2.xml",
                                    "/xl/worksheets/./sheet2.xml", "worksheets\\sheet2.xml", "worksheets/sheet%202.xml", "",
                                    "worksheets/../" + "långt/" * 20 + "sheet2.xml"])
def test_a_sheet_part_named_in_a_way_readers_may_resolve_differently_is_refused(register, bundle, tmp_path, target):
    """python-calamine finds a sheet's part on its own: where it could load another part than the
    one the checks looked through, the file is refused."""
    rels = "xl/_rels/workbook.xml.rels"
    relative = part_of(bundle, "Aktiviteter").removeprefix("xl/")
    crafted = rewrite_zip(bundle, tmp_path / "omväg.xlsx", edit={rels: lambda xml: _retarget(xml, relative, target)})

    with pytest.raises(BundleError) as refused:
        prepare_import(register, crafted)

    assert refused.value.message_sv == (
        f"Filen omväg.xlsx har en flik (Aktiviteter) vars del anges på ett sätt som inte är tillåtet "
        f"({target[:80] or 'ingen del anges'}). Öppna filen i Excel och spara den igen.")  # a long one cut short
    assert refused.value.message_en == (
        f"The file omväg.xlsx has a sheet (Aktiviteter) whose part is named in a way that is not allowed "
        f"({target[:80] or 'no part given'}).")


def _retarget(xml: bytes, relative: str, target: str) -> bytes:
    for written in (f'Target="/xl/{relative}"', f'Target="{relative}"'):
        if written.encode() in xml:
            return replace_text(written, f'Target="{target}"')(xml)
    raise AssertionError(f"no relationship to {relative}")


@pytest.mark.parametrize("target", ["worksheets/sheet2.xml", "/xl/worksheets/sheet2.xml"])
def test_the_plain_forms_of_a_sheets_part_are_read(register, bundle, tmp_path, target):
    relative = part_of(bundle, "Aktiviteter").removeprefix("xl/")
    rels = "xl/_rels/workbook.xml.rels"
    assert relative == "worksheets/sheet2.xml"
    rewritten = rewrite_zip(bundle, tmp_path / "vanlig.xlsx", edit={rels: lambda xml: _retarget(xml, relative, target)})

    plan = prepare_import(register, rewritten)

    assert {action for action, count in plan.counts().items() if count} == {Action.UNCHANGED}
