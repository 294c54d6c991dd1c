"""The municipalities' follow-ups under Lag (2023:196): one per municipality and year, owned by the
county the municipality is in, and exchanged in bundles like every other kind.
"""

from __future__ import annotations

from datetime import date

import pytest

from openpyxl import load_workbook

from bra_desktop.bundle import export, writer
from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.schema import DATA_SHEETS, FORMAT_VERSION
from bra_desktop.domain.content import normalise
from bra_desktop.domain.fields import FOLLOW_UP
from bra_desktop.domain.identity import identity_id
from bra_desktop.domain.validation import Reference, validate
from bra_desktop.store.errors import ValidationFailed
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record, delete_record, load_record, update_record
from conftest import accept_edits, add
from workbook_edits import EditedBundle

pytestmark = pytest.mark.usefixtures("database_engine")

SHEET = "Kommunuppföljningar"
LAW = {"coordination_status": "FINNS", "situation_status": "KLAR", "plan_status": "BESLUTAD"}
REFERENCE = Reference(
    codes={"samordningsstatus": {"FINNS": True}, "lagesbildstatus": {"KLAR": True}, "atgardsplanstatus": {"BESLUTAD": True}},
    municipalities={"0180": "01", "1480": "14"},
)


def folder(tmp_path, name):
    (tmp_path / name).mkdir(exist_ok=True)
    return tmp_path / name


def follow_up(**content):
    return normalise(FOLLOW_UP, {"municipality_code": "0180", "year": 2026, **LAW, **content})


# --- the rules ----------------------------------------------------------------------------------


def test_a_follow_up_belongs_to_the_county_of_its_municipality():
    assert validate(FOLLOW_UP, follow_up(), REFERENCE, owner="01") == []
    [problem] = validate(FOLLOW_UP, follow_up(municipality_code="1480"), REFERENCE, owner="01")
    assert problem.field == "municipality_code" and "hör till län 14" in problem.message_sv
    assert "länsstyrelsen där" in problem.message_sv
    assert validate(FOLLOW_UP, follow_up(), REFERENCE, owner="BRA")  # Brå reads the counties' follow-ups, makes none


def test_the_year_is_one_the_law_applies_to():
    [problem] = validate(FOLLOW_UP, follow_up(year=2022), REFERENCE)
    assert problem.field == "year" and problem.message_sv == "År måste vara ett heltal från 2023 till 2100."
    assert validate(FOLLOW_UP, follow_up(year=2023), REFERENCE) == []
    [share] = validate(FOLLOW_UP, follow_up(coordination_share=2001), REFERENCE)
    assert share.field == "coordination_share"


def test_municipality_and_year_never_change_and_a_plan_is_not_valid_before_it_is_decided():
    [moved] = validate(FOLLOW_UP, follow_up(year=2027), REFERENCE, previous=follow_up())
    assert moved.field == "year" and "kan inte ändras" in moved.message_sv
    assert validate(FOLLOW_UP, follow_up(notes="ny"), REFERENCE, previous=follow_up()) == []
    [order] = validate(FOLLOW_UP, follow_up(plan_decided_on=date(2026, 5, 1), plan_valid_to=date(2026, 4, 30)), REFERENCE)
    assert order.field == "plan_valid_to"


def test_the_id_is_the_municipality_and_the_year():
    assert identity_id(FOLLOW_UP, follow_up()) == identity_id(FOLLOW_UP, follow_up(notes="annat"))
    assert identity_id(FOLLOW_UP, follow_up()) != identity_id(FOLLOW_UP, follow_up(year=2027))
    assert identity_id(FOLLOW_UP, follow_up()) != identity_id(FOLLOW_UP, follow_up(municipality_code="0181"))
    assert identity_id(FOLLOW_UP, follow_up(year=None)) is None


# --- the register --------------------------------------------------------------------------------


def test_one_follow_up_per_municipality_and_year(register):
    first = add(register, "follow_up", municipality_code="0180", year=2026)
    assert first.id == identity_id(FOLLOW_UP, first.content) and first.origin == "01"
    with pytest.raises(ValidationFailed) as refused:
        add(register, "follow_up", municipality_code="0180", year=2026, plan_status="UNDER_ARBETE")
    assert "Det finns redan en kommunuppföljning med samma kommun och år (0180, 2026)" in str(refused.value.problems[0].message_sv)
    assert add(register, "follow_up", municipality_code="0180", year=2027).id != first.id


def test_a_deleted_follow_up_made_again_is_the_same_record_brought_back(register):
    first = add(register, "follow_up", municipality_code="0180", year=2026)
    with register.session() as session:
        delete_record(session, FOLLOW_UP, first.id, user="anna", owner="01")
        again = create_record(session, FOLLOW_UP, {**first.content, "plan_status": "UNDER_ARBETE"}, user="anna",
                              origin="01", reference=load_reference(session))
        session.commit()
    assert again.id == first.id and not again.deleted and again.version == first.version + 2
    assert again.content["plan_status"] == "UNDER_ARBETE"


def test_a_county_cannot_follow_up_another_countys_municipality_and_no_one_can_move_one(register):
    with pytest.raises(ValidationFailed) as refused:
        add(register, "follow_up", municipality_code="1480")
    assert "hör till län 14" in refused.value.problems[0].message_sv
    saved = add(register, "follow_up", municipality_code="0180")
    with register.session() as session, pytest.raises(ValidationFailed):
        update_record(session, FOLLOW_UP, saved.id, {**saved.content, "year": 2025}, user="anna",
                      reference=load_reference(session), owner="01")


# --- bundles -------------------------------------------------------------------------------------


def test_a_countys_follow_ups_reach_bra_and_come_back_to_the_county_unchanged(register, make_register, tmp_path):
    saved = add(register, "follow_up", municipality_code="0180", methods=["EST", "SSPF"], coordination_share=50,
                coordinator_name="Kim Samordnare", plan_decided_on=date(2025, 11, 20), plan_decided_by="KF")
    bra = make_register("BRA")
    plan = prepare_import(bra, export_bundle(register, folder(tmp_path, "ut"), user="anna").path)
    assert [(r.kind_key, r.action) for r in plan.records] == [("follow_up", Action.NEW)]
    apply_plan(bra, plan, user="brå")
    with bra.session() as session:
        relayed = load_record(session, FOLLOW_UP, saved.id)
    assert relayed.origin == "01" and relayed.content["methods"] == ("EST", "SSPF")
    assert relayed.content["coordinator_name"] is None  # contact details stay local unless asked for
    back = prepare_import(register, export_bundle(bra, folder(tmp_path, "nat"), user="brå").path)
    assert [r.record_id for r in back.records] == [saved.id]
    assert back.records[0].action in (Action.UNCHANGED, Action.KEEP_LOCAL)  # the county's own, with its contact, stays


def test_a_row_added_in_excel_for_a_follow_up_that_exists_edits_it_instead_of_doubling_it(register, tmp_path):
    saved = add(register, "follow_up", municipality_code="0180", year=2026, plan_status="UNDER_ARBETE")
    exported = export_bundle(register, folder(tmp_path, "ut"), user="anna").path
    edited = EditedBundle(exported)
    edited.delete_row(SHEET, saved.id)
    edited.add_row(SHEET, {"Kommun": "0180", "År": 2026, "Samordningsfunktion": "FINNS", "Lägesbild": "KLAR",
                           "Åtgärdsplan": "BESLUTAD"})
    edited.add_row(SHEET, {"Kommun": "0181", "År": 2026, "Samordningsfunktion": "SAKNAS", "Lägesbild": "SAKNAS",
                           "Åtgärdsplan": "SAKNAS"})
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "edited.xlsx")))
    assert not plan.rejected and len(plan.records) == 2
    by_id = {r.record_id: r for r in plan.records}
    assert by_id[saved.id].action == Action.CONFLICT  # no base to tell which side changed: a person decides
    [new] = [r for r in plan.records if r.record_id != saved.id]
    assert new.action == Action.NEW and new.record_id == identity_id(FOLLOW_UP, new.incoming.content)


def test_two_rows_of_one_municipality_and_year_are_both_rejected(register, tmp_path):
    saved = add(register, "follow_up", municipality_code="0180", year=2026)
    edited = EditedBundle(export_bundle(register, folder(tmp_path, "ut"), user="anna").path)
    row = edited.add_row(SHEET, {"Kommun": "0180", "År": 2026, "Samordningsfunktion": "FINNS", "Lägesbild": "KLAR",
                                 "Åtgärdsplan": "BESLUTAD"})
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "edited.xlsx")))
    assert sorted(r.row for r in plan.rejected) == [2, row] and not plan.records
    assert all("samma kommun och år (0180, 2026) finns också på rad" in r.problems[0].message for r in plan.rejected)
    assert {r.record_id for r in plan.rejected} == {saved.id}


def test_a_row_whose_municipality_was_changed_in_excel_is_rejected(register, tmp_path):
    saved = add(register, "follow_up", municipality_code="0180")
    edited = EditedBundle(export_bundle(register, folder(tmp_path, "ut"), user="anna").path)
    edited.set(SHEET, saved.id, "Kommun", "0181")
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "edited.xlsx")))
    [rejected] = plan.rejected
    [problem] = rejected.problems
    assert (problem.sheet, problem.column) == (SHEET, "Kommun")
    assert "kommun kan inte ändras" in problem.message


def test_a_county_bundle_cannot_bring_a_follow_up_of_another_countys_municipality(register, make_register, tmp_path):
    other = make_register("14")
    edited = EditedBundle(export_bundle(other, folder(tmp_path, "ut"), user="eva").path)
    edited.add_row(SHEET, {"Kommun": "0180", "År": 2026, "Samordningsfunktion": "FINNS", "Lägesbild": "KLAR",
                           "Åtgärdsplan": "BESLUTAD"})
    bra = make_register("BRA")
    plan = accept_edits(prepare_import(bra, edited.save(tmp_path / "edited.xlsx")))
    [rejected] = plan.rejected
    assert "hör till län 01" in rejected.problems[0].message and not plan.records


def test_a_bundle_of_format_1_still_imports_and_deletes_no_follow_up(register, make_register, tmp_path, monkeypatch):
    kept = add(register, "follow_up", municipality_code="0180")
    activity = add(register, "activity", title="Nätverksträff")
    with monkeypatch.context() as as_before:  # the app as it was before format 2: no follow-up sheet
        as_before.setattr(writer, "FORMAT_VERSION", 1)
        as_before.setattr(export, "DATA_SHEETS", tuple(s for s in DATA_SHEETS if s.since_format == 1))
        old = export_bundle(register, folder(tmp_path, "ut"), user="anna").path
    assert SHEET not in load_workbook(old, read_only=True).sheetnames
    plan = prepare_import(register, old)
    assert not plan.contents.edited_after_signing
    assert plan.contents.absent_kinds == {"follow_up", "county_report"} and not plan.rejected
    assert {r.record_id for r in plan.records} == {activity.id}
    assert all(r.action == Action.UNCHANGED for r in plan.records)
    bra = make_register("BRA")
    into_bra = prepare_import(bra, old)
    assert [(r.kind_key, r.action) for r in into_bra.records] == [("activity", Action.NEW)]
    assert kept.id not in {r.record_id for r in into_bra.records}


def test_a_bundle_of_format_2_without_its_follow_up_sheet_is_refused(register, tmp_path):
    path = export_bundle(register, folder(tmp_path, "ut"), user="anna").path
    edited = EditedBundle(path)
    del edited.book[SHEET]
    with pytest.raises(BundleError) as refused:
        prepare_import(register, edited.save(tmp_path / "no-sheet.xlsx"))
    assert "Fliken Kommunuppföljningar saknas" in refused.value.message_sv


def test_a_bundle_of_a_later_format_asks_for_a_newer_app(register, tmp_path):
    edited = EditedBundle(export_bundle(register, folder(tmp_path, "ut"), user="anna").path)
    for row in edited.sheet("Info").iter_rows():
        if row[0].value == "format_version":
            row[1].value = FORMAT_VERSION + 1
    with pytest.raises(BundleError) as refused:
        prepare_import(register, edited.save(tmp_path / "newer.xlsx"))
    assert "Uppdatera programmet" in refused.value.message_sv
