"""The länsstyrelse's own words in its yearly redovisning to Brå: one per länsstyrelse and year,
made by the länsstyrelse only, carried to Brå in the bundle."""

from __future__ import annotations

import pytest

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.domain.fields import COUNTY_REPORT
from bra_desktop.domain.identity import identity_id
from bra_desktop.store.errors import ValidationFailed
from bra_desktop.store.repository import load_record
from conftest import accept_edits, add
from workbook_edits import EditedBundle

pytestmark = pytest.mark.usefixtures("database_engine")

SHEET = "Redovisningar"


def test_one_redovisning_per_lansstyrelse_and_year(register, make_register):
    first = add(register, "county_report", year=2026, assessment="Ett bra år.")
    assert first.id == identity_id(COUNTY_REPORT, first.content, "01")
    with pytest.raises(ValidationFailed) as refused:
        add(register, "county_report", year=2026)
    assert "Det finns redan en redovisning med samma år (2026)" in refused.value.problems[0].message_sv
    uppsala = add(make_register("03"), "county_report", year=2026)
    assert uppsala.id != first.id  # the same year, another länsstyrelse's


def test_bra_makes_no_redovisning(make_register):
    with pytest.raises(ValidationFailed) as refused:
        add(make_register("BRA"), "county_report", year=2026)
    assert refused.value.problems[0].message_sv == "En redovisning görs av en länsstyrelse, inte av Brå."


def test_the_redovisning_reaches_bra_and_an_excel_row_for_its_year_edits_it(register, make_register, tmp_path):
    saved = add(register, "county_report", year=2026, case_number="101-1234-2026", assessment="Första utkastet.")
    bra = make_register("BRA")
    plan = prepare_import(bra, export_bundle(register, tmp_path / "01.xlsx", user="anna").path)
    assert [(r.kind_key, r.action) for r in plan.records] == [("county_report", Action.NEW)]
    apply_plan(bra, plan, user="brå")
    with bra.session() as session:
        relayed = load_record(session, COUNTY_REPORT, saved.id)
    assert relayed.origin == "01" and relayed.content["assessment"] == "Första utkastet."
    edited = EditedBundle(export_bundle(register, tmp_path / "01-b.xlsx", user="anna").path)
    edited.delete_row(SHEET, saved.id)
    edited.add_row(SHEET, {"År": 2026, "Länsstyrelsens bedömning": "Skrivet i Excel."})
    again = accept_edits(prepare_import(register, edited.save(tmp_path / "e.xlsx")))
    assert [r.record_id for r in again.records] == [saved.id] and not again.rejected
