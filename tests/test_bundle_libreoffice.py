"""A bundle opened and saved again by LibreOffice Calc imports with no changes (DESIGN §3: readers
accept what Excel and LibreOffice produce on re-save).

LibreOffice rewrites the whole workbook: shared strings instead of inline text, its own number and
date styles, its own zip. Importing the re-saved file into the register that exported it must plan
every record as unchanged, with no rejected rows, no warnings and no code-list changes. Runs when
`soffice` is installed (CI installs libreoffice-calc-nogui); skipped otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.demo import fill_demo_register
from bra_desktop.store.register import Register

from conftest import add

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def resave_with_libreoffice(files: list[Path], folder: Path) -> list[Path]:
    """Open each file in LibreOffice Calc (headless, a throw-away profile) and save it as xlsx."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = folder / "libreoffice"
    profile = folder / "lo-profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    resaved = [out / f.name for f in files]
    assert result.returncode == 0 and all(p.exists() for p in resaved), result.stdout + result.stderr
    for original, copy in zip(files, resaved):
        assert copy.read_bytes() != original.read_bytes()
    return resaved


def tricky_records(register: Register) -> None:
    """Values a spreadsheet likes to reinterpret, beside the demo data."""
    network = add(register, "network", name="=Nätverk", description="Två rader\nandra raden\n\ntredje",
                  active_from=date(1899, 12, 31), active_to=date(2040, 1, 1))
    org = add(register, "organisation", name="+46 Polisen", org_number="2021000076", municipality_code="0180",
              contact_email="a@b.se")
    add(register, "activity", title="-5", activity_type="KONFERENS", network_id=network.id, organisations=[org.id],
        municipalities=["0180", "0114"], subject_areas=["UNGA", "VALD"], participants=0,
        description="@kommun _x0041_ tab\there " + "långt " * 3_000, outcome="0180", follow_up="2026-01-01",
        start_date=date(1900, 1, 1), end_date=date(9999, 12, 31))
    add(register, "activity", title="TRUE", participants=1_000_000, description="ja", start_date=date(2026, 2, 28))


def plans_nothing(register: Register, path: Path) -> None:
    plan = prepare_import(register, path)
    assert not plan.rejected, [str(p) for r in plan.rejected for p in r.problems]
    assert not plan.warnings, [str(w) for w in plan.warnings]
    assert not plan.code_changes, [c.describe() for c in plan.code_changes]
    changed = [(r.kind_key, r.record_id, r.action, [(d.field, d.local, d.incoming) for d in r.diffs])
               for r in plan.records if r.action != Action.UNCHANGED]
    assert changed == []
    assert len(plan.records) > 50


def test_bundles_resaved_by_libreoffice_import_without_changes(register, make_register, tmp_path):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    fill_demo_register(register, activities=60, seed=3, user="anna")
    tricky_records(register)
    county = export_bundle(register, tmp_path / "bra-paket_01_20260301-0900.xlsx", user="anna", with_contacts=True).path
    brå = make_register("BRA")
    fill_demo_register(brå, activities=60, seed=4, user="analytiker")
    tricky_records(brå)
    national = export_bundle(brå, tmp_path / "bra-paket_BRA_20260301-1000.xlsx", user="analytiker").path

    county_copy, national_copy = resave_with_libreoffice([county, national], tmp_path)
    plans_nothing(register, county_copy)  # a county's bundle, contact details included
    plans_nothing(brå, national_copy)  # Brå's national bundle: every county's records and the code lists
