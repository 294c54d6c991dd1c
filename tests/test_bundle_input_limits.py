"""Smaller limits on what a stranger's bundle may hold (DESIGN §3–5): bounded numbers, exact dates,
no invisible characters that hide or reverse text, and reports that can be written whatever a
rejected cell held.

Each file is county 01's own export, edited as a person or a crafted file would, and read by Brå,
or by the county itself where an edit in Excel must be taken (only a record's owner takes those).
Every fault is found by the dry run (a rejected row that names sheet, row and column), so that
applying the plan that the preview showed can never fail half-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.problems import BundleError, ImportProblem
from bra_desktop.bundle.rows import RejectedRow
from bra_desktop.bundle.report import save_plan_report, save_rejected_rows
from bra_desktop.bundle.schema import sheet_for_kind
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.validation import MAX_VERSION
from bra_desktop.store.reference import load_reference
from bra_desktop.store.register import Register
from bra_desktop.store.repository import load_record, update_record

from bundle_files import run_cli
from conftest import accept_edits, add
from workbook_edits import EditedBundle

pytestmark = pytest.mark.both_engines

TITLE = "Trygghetsvandring i Solna"


@dataclass
class Sent:
    county: Register
    brå: Register
    activity_id: str
    bundle: Path
    folder: Path

    def edited(self, cells: dict[str, Any], name: str = "ändrad.xlsx", number_format: str | None = None) -> Path:
        """The county's bundle with cells of its activity's row changed (label → value), and their
        number format too if one is given."""
        book = EditedBundle(self.bundle)
        for label, value in cells.items():
            book.set("Aktiviteter", self.activity_id, label, value)
            if number_format is not None:
                row, column = book.row_of("Aktiviteter", self.activity_id), book.column("Aktiviteter", label)
                book.sheet("Aktiviteter").cell(row, column).number_format = number_format
        return book.save(self.folder / name)

    def plan(self, path: Path, register: Register | None = None):
        """The plan of reading `path` into Brå's register (or `register`), its edits accepted."""
        return accept_edits(prepare_import(register or self.brå, path))

    def stored(self, register: Register | None = None):
        with (register or self.brå).session() as session:
            return load_record(session, KINDS["activity"], self.activity_id)


@pytest.fixture
def sent(register, make_register, tmp_path) -> Sent:
    """County 01 with one activity that Brå has not read yet, and the county's bundle of it."""
    brå = make_register("BRA")
    activity = add(register, "activity", title=TITLE, start_date=date(2026, 4, 2), participants=25)
    bundle = export_bundle(register, tmp_path / "01.xlsx", user="anna").path
    return Sent(register, brå, activity.id, bundle, tmp_path)


def only_problem(plan) -> ImportProblem:
    """The one problem of a plan whose one row was rejected; nothing would be written."""
    assert plan.records == [] and not plan.has_effect
    assert [len(row.problems) for row in plan.rejected] == [1]
    return plan.rejected[0].problems[0]


# --- 1. numbers a register column holds ----------------------------------------------------------


@pytest.mark.parametrize("version", [2**63, 2**63 + 12_345, 2**31, MAX_VERSION + 1, 0, -1, -(2**63), "9223372036854775808"])
def test_a_version_out_of_range_rejects_its_row_in_the_dry_run(sent, version):
    """A version the register's INTEGER column cannot hold (or one no record ever has) failed the
    import after the dry run had passed, with an overflow from the database."""
    plan = sent.plan(sent.edited({"version": version}))
    problem = only_problem(plan)
    assert (problem.sheet, problem.row, problem.column) == ("Aktiviteter", 2, "version")
    assert "är ingen giltig version (ett heltal från 1 till 1 000 000 000)" in problem.message
    apply_plan(sent.brå, plan, user="analytiker")
    assert sent.stored() is None


def test_the_highest_version_is_read_and_leaves_room_for_edits(sent):
    """MAX_VERSION is read; the register's own edits count on from it without overflowing."""
    plan = sent.plan(sent.edited({"version": MAX_VERSION}))
    assert [record.action for record in plan.records] == [Action.NEW] and not plan.rejected
    apply_plan(sent.brå, plan, user="analytiker")
    record = sent.stored()
    assert record.version == MAX_VERSION
    with sent.brå.session() as session:
        update_record(session, KINDS["activity"], record.id, {**record.content, "participants": 30}, user="analytiker",
                      reference=load_reference(session))
        session.commit()
    assert sent.stored().version == MAX_VERSION + 1


@pytest.mark.parametrize("deleted", ["nej", "ja"], ids=["live", "tombstone"])
@pytest.mark.parametrize("participants", [2**63, 2**31, -(2**31) - 1])
def test_a_count_no_column_holds_rejects_its_row_even_in_a_tombstone(sent, participants, deleted):
    """The rules bound participants (0 to 1 000 000), but a tombstone need not meet the rules, and
    its content is stored too: a count beyond what a column holds is refused when the cell is read.
    (Read by the county itself, the only register that takes an edit in Excel of its record.)"""
    plan = sent.plan(sent.edited({"Antal deltagare": participants, "borttagen": deleted}), sent.county)
    problem = only_problem(plan)
    assert (problem.sheet, problem.row, problem.column) == ("Aktiviteter", 2, "Antal deltagare")
    assert problem.message == f"{participants} är utanför vad registret rymmer (±2 147 483 647)"
    apply_plan(sent.county, plan, user="anna")
    record = sent.stored(sent.county)
    assert record.content["participants"] == 25 and not record.deleted


# --- 2. reports of rejected rows, whatever the rows held -----------------------------------------


@pytest.mark.sqlite_only  # the command line opens the register in its data folder
def test_rejected_rows_with_a_nul_are_saved_by_the_command_line(sent):
    """A NUL (Excel's `_x0000_`) in a rejected cell crashed `import --rejected-out`: openpyxl
    refuses to write it. It is written as U+FFFD, and the rest of the row as it was."""
    path = sent.edited({"Rubrik": "Tr_x0000_ff", "Startdatum": "2026_x0000_"})
    out = sent.folder / "avvisade"
    code, output = run_cli("--data-dir", str(sent.brå.backup_dir.parent), "import", "--accept-edited",
                           "--rejected-out", str(out), str(path))
    assert code == 1 and "Oväntat fel" not in output, output
    [saved] = out.glob("*.xlsx")
    ws = load_workbook(saved)["Aktiviteter"]
    header = [cell.value for cell in ws[1]]
    row = {label: cell.value for label, cell in zip(header, ws[2])}
    assert row["Rubrik"] == "Tr\ufffdff" and row["Startdatum"] == "2026\ufffd"
    assert row["Problem"] == "Startdatum: «2026\ufffd» är inget datum (skriv ÅÅÅÅ-MM-DD)"


def test_the_plan_report_is_saved_whatever_a_rejected_cell_held(sent):
    path = sent.edited({"Startdatum": "_x0001_=2026_x0000_"})
    plan = sent.plan(path)
    saved = save_plan_report(plan, sent.folder / "rapport.xlsx")
    book = load_workbook(saved)
    [problem] = [row[3].value for row in book["Avvisade"].iter_rows(min_row=2)]
    assert problem == "«\ufffd=2026\ufffd» är inget datum (skriv ÅÅÅÅ-MM-DD)"
    assert any("\ufffd" in (row[0].value or "") for row in book["Sammanfattning"].iter_rows())


def test_a_register_holding_what_xml_cannot_carry_still_exports(register, tmp_path):
    """Entry refuses such characters in fields, but not in a login name (`ändrad_av`), nor did it in
    records stored before it did: the export writes them as U+FFFD instead of failing."""
    activity = add(register, "activity", title=TITLE, user="anna\x07")
    ws = load_workbook(export_bundle(register, tmp_path / "01.xlsx", user="anna").path)["Aktiviteter"]
    header = [cell.value for cell in ws[1]]
    row = dict(zip(header, (cell.value for cell in ws[2])))
    assert (row["id"], row["ändrad_av"]) == (activity.id, "anna\ufffd")


FORMULA_LIKE = ["=SUMMA(A1)", "+46 8 123", "-3", "@användare", "\tflik", "\rrad"]


def test_rejected_rows_keep_formula_like_text_as_text(tmp_path):
    """The rows are written to be fixed in Excel and sent again: text stays text, there too."""
    sheet = sheet_for_kind("activity")
    values = {label: text for label, text in zip(("Rubrik", "Beskrivning", "Startdatum", "Kommuner", "id", "ursprung"),
                                                  FORMULA_LIKE)}
    rejected = RejectedRow(sheet, 5, {**values, "version": 3},
                           [ImportProblem(sheet.name, 5, "Rubrik", "=ett problem\x00")])
    ws = load_workbook(save_rejected_rows([rejected], tmp_path / "avvisade.xlsx"))["Aktiviteter"]
    header = [cell.value for cell in ws[1]]
    row = dict(zip(header, ws[2]))
    for label, text in values.items():
        assert (row[label].value, row[label].data_type, row[label].number_format) == (text, "s", "@"), label
    assert row["Problem"].value == "Rubrik: =ett problem\ufffd" and row["Problem"].data_type == "s"
    assert row["version"].value == 3 and row["version"].data_type == "n"


# --- 3. dates, exactly ----------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "number_format", "message"), [
    ("2026-03-12 extra", None, "«2026-03-12 extra» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-03-12T10:00", None, "«2026-03-12T10:00» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("20260312", None, "«20260312» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    ("2026-02-29", None, "«2026-02-29» är inget datum (skriv ÅÅÅÅ-MM-DD)"),
    # Excel makes a date-and-time cell of `2026-03-12 10:00` typed in a date column: the time would be lost
    (datetime(2026, 3, 12, 10, 0), None, "2026-03-12 10:00 är ett datum med klockslag; skriv bara datumet"),
    (60, "General", "60 är inget datum (den 29 februari 1900 finns inte)"),
    (46093.25, "General", "46093.25 är inget datum"),
])
def test_a_date_with_more_or_other_than_a_date_rejects_its_row(sent, cell, number_format, message):
    problem = only_problem(sent.plan(sent.edited({"Startdatum": cell}, number_format=number_format)))
    assert (problem.sheet, problem.row, problem.column, problem.message) == ("Aktiviteter", 2, "Startdatum", message)


@pytest.mark.parametrize(("cell", "number_format", "expected"), [
    (" 2026-03-12 ", "@", date(2026, 3, 12)),
    (46093, "General", date(2026, 3, 12)),
    (59, "General", date(1900, 2, 28)),  # Excel's count, not one day earlier
    (datetime(2026, 3, 12), None, date(2026, 3, 12)),
])
def test_a_date_as_excel_or_a_person_writes_it_is_read(sent, cell, number_format, expected):
    """In the county's own register: an edit in Excel is taken only there."""
    plan = sent.plan(sent.edited({"Startdatum": cell}, number_format=number_format), sent.county)
    assert not plan.rejected and [record.action for record in plan.records] == [Action.UPDATE]
    assert plan.records[0].diffs[0].incoming == expected


# --- 4. characters that hide or reverse text ------------------------------------------------------


@pytest.mark.parametrize(("label", "text", "code"), [
    ("Rubrik", "Träff \u202eavsiktligt", "U+202E"),
    ("Rubrik", "Tr\u200bäff", "U+200B"),
    ("Beskrivning", "\ufeffBeskrivning", "U+FEFF"),
    ("Beskrivning", "Mötet \u2066hölls\u2069", "U+2066"),
    ("Rubrik", "Tr\u200däff", "U+200D"),
])
def test_an_invisible_character_rejects_its_row(sent, label, text, code):
    problem = only_problem(sent.plan(sent.edited({label: text})))
    assert (problem.sheet, problem.row, problem.column) == ("Aktiviteter", 2, label)
    assert problem.message == f"{label} innehåller ett osynligt tecken som kan dölja eller vända text ({code})"


def test_an_invisible_character_in_changed_by_rejects_its_row(sent):
    """`ändrad_av` is not in the row check, and an untouched copy keeps it in the register."""
    problem = only_problem(sent.plan(sent.edited({"ändrad_av": "anna\u202e"})))
    assert (problem.column, problem.message) == (
        "ändrad_av", "innehåller ett osynligt tecken som kan dölja eller vända text (U+202E)")


def test_a_control_character_in_changed_by_rejects_its_row(sent):
    problem = only_problem(sent.plan(sent.edited({"ändrad_av": "anna_x0007_"})))
    assert (problem.column, problem.message) == ("ändrad_av", "innehåller ett otillåtet styrtecken (U+0007)")


WORLD_TEXT = {
    "Rubrik": "Samråd i Árjepluovve – Sámediggi, čoahkkin 👩\u200d💻",
    "Beskrivning": ("اجتماع الشبكة الإقليمية\nمی\u200cخواهم بیایم\n"
                    "👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 👍🏽 ❤\ufe0f\u200d🔥 🇸🇪 Ödmjukt tack!"),
}


def test_swedish_sami_arabic_persian_and_emoji_text_is_read(sent):
    """In the county's own register: an edit in Excel is taken only there."""
    plan = sent.plan(sent.edited(WORLD_TEXT), sent.county)
    assert not plan.rejected and [record.action for record in plan.records] == [Action.UPDATE]
    apply_plan(sent.county, plan, user="anna")
    content = sent.stored(sent.county).content
    assert (content["title"], content["description"]) == (WORLD_TEXT["Rubrik"], WORLD_TEXT["Beskrivning"])


def test_an_invisible_character_in_the_code_lists_refuses_the_file(sent):
    """Brå's code lists label every picker: a label that shows in another order than it reads is refused."""
    book = EditedBundle(export_bundle(sent.brå, sent.folder / "bra.xlsx", user="analytiker").path)
    book.sheet("Kodlistor").cell(3, book.column("Kodlistor", "etikett_sv")).value = "Nätverks\u202eträff"
    path = book.save(sent.folder / "bra-ändrad.xlsx")
    with pytest.raises(BundleError) as refused:
        prepare_import(sent.county, path)
    assert refused.value.message_sv == ("Fliken Kodlistor, rad 3, kolumn etikett_sv: texten innehåller ett osynligt tecken "
                                        "som kan dölja eller vända text (U+202E).")


@pytest.mark.parametrize(("column", "value", "message"), [
    ("kod", "K" * 41, "Koden är för lång (41 tecken, högst 40)."),
    ("kod", "nätverksträff", "Koden nätverksträff går inte att använda."),
    ("lista", "l" * 41, "Listnamnet är för långt eller har otillåtna tecken (högst 40 tecken)."),
    ("etikett_sv", "E" * 101, "Den svenska etiketten är för lång (101 tecken, högst 100)."),
])
def test_a_code_the_register_could_not_hold_refuses_the_file_in_the_dry_run(sent, column, value, message):
    """Brå's code lists meet the rules of Brå's own edits: a 41-character code passed the dry run
    and failed the import on PostgreSQL, whose code column holds 40."""
    book = EditedBundle(export_bundle(sent.brå, sent.folder / "bra.xlsx", user="analytiker").path)
    book.sheet("Kodlistor").cell(3, book.column("Kodlistor", column)).value = value
    with pytest.raises(BundleError) as refused:
        prepare_import(sent.county, book.save(sent.folder / "bra-ändrad.xlsx"))
    assert refused.value.message_sv.startswith(f"Fliken Kodlistor, rad 3: {message}")
