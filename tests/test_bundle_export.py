from datetime import date

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from bra_desktop.bundle.export import CHANGES, export_bundle
from bra_desktop.bundle.schema import DATA_SHEETS, SHEET_ORDER, SystemField, sheet_for_kind
from bra_desktop.domain.fields import FieldType

from conftest import add


pytestmark = pytest.mark.both_engines


def test_bundle_has_the_sheets_info_and_layout_a_person_needs(register, tmp_path):
    network = add(register, "network", name="Länsnätverket")
    org = add(register, "organisation", name="Polisen Syd", contact_email="kontakt@polisen.se")
    activity = add(register, "activity", title="=SUMMA(A1)", network_id=network.id, organisations=[org.id],
                   municipalities=["0180", "0114"], subject_areas=["UNGA", "VALD"], participants=12,
                   description="Två rader\nandra raden")
    result = export_bundle(register, tmp_path, user="anna")
    assert result.path.name.startswith("bra-paket_01_") and result.path.suffix == ".xlsx"
    book = load_workbook(result.path)
    assert book.sheetnames == list(SHEET_ORDER)
    info = {row[0]: row[1] for row in book["Info"].iter_rows(values_only=True) if row[0] and len(row) > 1}
    assert info["format"] == "bra-paket" and info["format_version"] == 3 and info["producer"] == "01"
    assert info["personal_data"] == "nej" and info["rader:Aktiviteter"] == 1 and len(info["sha256:Aktiviteter"]) == 64
    ws = book["Aktiviteter"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Rubrik", "Typ av aktivitet", "Status", "Startdatum"]
    assert header[-7:] == ["id", "ursprung", "version", "ändrad", "ändrad_av", "borttagen", "radkontroll"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    row = {label: cell for label, cell in zip(header, ws[2])}
    assert row["Rubrik"].value == "=SUMMA(A1)" and row["Rubrik"].data_type == "s"
    assert row["Startdatum"].value.date() == date(2026, 3, 12) and row["Startdatum"].number_format == "YYYY-MM-DD"
    assert row["Kommuner"].value == "0114; 0180" and row["Kommuner (namn)"].value == "Upplands Väsby; Stockholm"
    assert row["Nätverk (namn)"].value == "Länsnätverket" and row["Organisationer"].value == org.id
    assert row["Antal deltagare"].value == 12 and row["id"].value == activity.id
    assert row["id"].fill.fgColor.rgb.endswith("E7E6E6") and ws.cell(1, header.index("id") + 1).comment is not None
    assert row["Beskrivning"].alignment.wrap_text
    validations = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    type_column = ws.cell(2, header.index("Typ av aktivitet") + 1).column_letter
    assert validations[f"{type_column}2"].startswith("Kodlistor!$B$")
    organisations = {c.value: c for c in book["Organisationer"][1]}
    email_column = list(organisations).index("E-post") + 1
    assert book["Organisationer"].cell(2, email_column).value is None  # contacts left out by default


def test_every_row_has_its_own_values_and_each_column_its_style(register, tmp_path):
    """The writer puts each row's values in one cell per column: nothing may leak from the row
    before, empty business cells stay out, empty grey cells stay grey, text never turns formula."""
    network = add(register, "network", name="Nätverket")
    full = add(register, "activity", title="+46 är ett nummer", start_date=date(2026, 1, 2), end_date=date(2026, 1, 3),
               network_id=network.id, description="Lång text", participants=7, municipalities=["0180"])
    bare = add(register, "activity", title="Tom", start_date=date(2026, 2, 1), user="ola_x0041_")
    ws = load_workbook(export_bundle(register, tmp_path, user="anna").path)["Aktiviteter"]
    header = [c.value for c in ws[1]]
    rows = {row[header.index("id")].value: dict(zip(header, row)) for row in ws.iter_rows(min_row=2)}
    first, second = rows[full.id], rows[bare.id]
    assert first["Rubrik"].value == "+46 är ett nummer" and first["Rubrik"].data_type == "s"
    assert first["Slutdatum"].number_format == "YYYY-MM-DD" and first["Slutdatum"].value.date() == date(2026, 1, 3)
    assert first["Beskrivning"].value == "Lång text" and first["Beskrivning"].alignment.wrap_text
    assert first["Antal deltagare"].value == 7 and first["Antal deltagare"].data_type == "n"
    assert first["Nätverk (namn)"].value == "Nätverket" and first["Kommuner (namn)"].value == "Stockholm"
    for label in ("Slutdatum", "Beskrivning", "Antal deltagare", "Nätverk", "Kommuner"):
        assert second[label].value is None and not second[label].has_style, label
    for label in ("Nätverk (namn)", "Kommuner (namn)"):  # empty, and grey like the rest of its column
        assert second[label].value is None and second[label].fill.fgColor.rgb.endswith("E7E6E6"), label
    # stored escaped (openpyxl shows the stored text; spreadsheets and the reader decode it to ola_x0041_)
    assert second["ändrad_av"].value == "ola_x005F_x0041_" and second["ändrad_av"].font.color.rgb.endswith("595959")
    assert second["version"].value == 1 and second["version"].fill.fgColor.rgb.endswith("E7E6E6")
    assert first["Rubrik"].number_format == "@" and not first["Antal deltagare"].has_style  # text format: see below


def test_contact_details_only_when_asked(register, tmp_path):
    add(register, "organisation", name="Brottsofferjouren", contact_email="info@boj.se", contact_phone="08-123 45")
    result = export_bundle(register, tmp_path / "med.xlsx", user="anna", with_contacts=True)
    rows = CalamineWorkbook.from_path(str(result.path)).get_sheet_by_name("Organisationer").to_python()
    header = rows[0]
    assert rows[1][header.index("E-post")] == "info@boj.se"
    info = dict(r[:2] for r in CalamineWorkbook.from_path(str(result.path)).get_sheet_by_name("Info").to_python())
    assert info["personal_data"] == "ja"


def test_county_exports_only_its_own_records_and_changes_scope(register, tmp_path):
    first = add(register, "activity", title="Första")
    export_bundle(register, tmp_path / "full.xlsx", user="anna")
    second = add(register, "activity", title="Andra")
    changes = export_bundle(register, tmp_path / "changes.xlsx", user="anna", scope=CHANGES)
    assert changes.counts["Aktiviteter"] == 1
    rows = CalamineWorkbook.from_path(str(changes.path)).get_sheet_by_name("Aktiviteter").to_python()
    ids = {r[rows[0].index("id")] for r in rows[1:]}
    assert ids == {second.id} and first.id not in ids
    assert sheet_for_kind("activity").name == "Aktiviteter"


NOT_TEXT = {FieldType.DATE, FieldType.INTEGER}


def test_text_columns_are_in_excels_text_format(register, tmp_path):
    """A person editing a text cell in Excel keeps text (0180, 01, 556036-0793, =…), not a number or
    a formula: every text cell, and every text column for the cells typed below the rows, has
    Excel's text format `@`; dates and numbers do not. Info and Kodlistor too."""
    network = add(register, "network", name="=Nätverket", active_from=date(2025, 1, 1), active_to=date(2027, 1, 1))
    org = add(register, "organisation", name="0180", org_number="556036-0793", municipality_code="0180")
    activity = add(register, "activity", title="+46", network_id=network.id, organisations=[org.id], municipalities=["0180"],
                   subject_areas=["UNGA"], participants=12, end_date=date(2026, 3, 13), description="-3", target_group="UNGA")
    add(register, "commitment", title="@ansvar", network_id=network.id, responsible_org_id=org.id, due_date=date(2026, 6, 1),
        activities=[activity.id], progress_note="01")
    add(register, "problem_area", title="Bedrägerier", first_observed=date(2025, 5, 1), municipalities=["0180"],
        activities=[activity.id], description="text")
    add(register, "follow_up", municipality_code="0180", coordination_since=date(2024, 1, 1), coordination_share=50,
        situation_date=date(2025, 3, 1), plan_decided_on=date(2025, 6, 1), plan_valid_to=date(2027, 12, 31),
        police_agreement_valid_to=date(2027, 1, 1), citizen_promises_valid_to=date(2026, 12, 31),
        next_follow_up=date(2026, 10, 1), notes="0180")
    add(register, "county_report", case_number="101-1234-2026", assessment="=Bra år", resources="2 årsarbetskrafter")
    book = load_workbook(export_bundle(register, tmp_path, user="anna").path)
    for sheet in DATA_SHEETS:
        ws = book[sheet.name]
        header = [cell.value for cell in ws[1]]
        assert [column.label_sv for column in sheet.columns] == header
        [row] = ws.iter_rows(min_row=2)
        for column, cell in zip(sheet.columns, row):
            text = column.key != SystemField.VERSION and (column.field is None or column.field.type not in NOT_TEXT)
            whole = ws.column_dimensions[cell.column_letter].number_format
            if cell.value is not None:
                assert (cell.number_format == "@") == text, (sheet.name, column.label_sv, cell.number_format)
            assert (whole == "@") == text, (sheet.name, column.label_sv, whole)
            assert text or cell.value is not None, (sheet.name, column.label_sv)  # every date and number is tried
    info = {row[0].value: row[1] for row in book["Info"].iter_rows() if len(row) > 1 and row[0].value}
    assert info["format_version"].value == 3 and info["format_version"].number_format != "@"
    assert info["bundle_id"].number_format == "@" and info["producer"].value == "01" and info["producer"].number_format == "@"
    assert all(cell.number_format == "@" for row in book["Kodlistor"].iter_rows() for cell in row if cell.value is not None)


def test_code_list_text_that_looks_like_a_formula_stays_text(make_register, tmp_path):
    """Brå's code labels are typed by people: one beginning with = is written as text in Kodlistor,
    never as a formula that Excel would compute (DESIGN §3)."""
    from bra_desktop.store import codelists

    brå = make_register("BRA")
    codelists.add_code(brå, "aktivitetstyp", "FORMEL", "=1+1", "+46 8 123")
    book = load_workbook(export_bundle(brå, tmp_path, user="analytiker").path)
    (row,) = [row for row in book["Kodlistor"].iter_rows(min_row=2) if row[1].value == "FORMEL"]
    assert [(cell.value, cell.data_type) for cell in row[2:4]] == [("=1+1", "s"), ("+46 8 123", "s")]
