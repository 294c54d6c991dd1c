"""Brå's code lists: changed only in the national register, checked, never deleted; a retired code stays
valid where it is used and is no longer offered; and every change reaches a county through the
national bundle."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from bra_desktop.changes import Changes
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.batch import import_files
from bra_desktop.domain.content import normalise
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import CodeItem
from bra_desktop.domain.validation import validate
from bra_desktop.store import codelists
from bra_desktop.store.errors import RegisterError, ValidationFailed
from bra_desktop.store.reference import load_reference

from conftest import add


@pytest.fixture
def bra(make_register):
    return make_register("BRA")


def listed(register, list_name):
    with register.session() as session:
        return codelists.codes(session, list_name)


def code_of(register, list_name, code):
    return next(item for item in listed(register, list_name) if item.code == code)


# --- reading --------------------------------------------------------------------------------------


def test_the_lists_and_their_codes(bra):
    with bra.session() as session:
        lists = {item.name: item for item in codelists.code_lists(session)}
    assert len(lists) == 20
    assert lists["aktivitetstyp"].title_sv == "Typ av aktivitet" and lists["aktivitetstyp"].title("en") == "Type of activity"
    assert (lists["aktivitetstyp"].codes, lists["aktivitetstyp"].active) == (13, 13)
    types = listed(bra, "aktivitetstyp")
    assert [item.code for item in types][:3] == ["NATVERKSTRAFF", "KONFERENS", "UTBILDNING"]  # Brå's order
    assert types[0].label_sv == "Nätverksträff" and types[0].label("en") == "Network meeting" and types[0].active


# --- changing -------------------------------------------------------------------------------------


def test_bra_adds_a_code_last_in_its_list(bra):
    added = codelists.add_code(bra, "aktivitetstyp", " studiebesok ", " Studiebesök ", "Study visit")
    assert (added.code, added.label_sv, added.label_en, added.active) == ("STUDIEBESOK", "Studiebesök", "Study visit", True)
    types = listed(bra, "aktivitetstyp")
    assert types[-1] == added and len(types) == 14
    assert added.sort_order > max(item.sort_order for item in types[:-1])
    second = codelists.add_code(bra, "aktivitetstyp", "WEBBINARIUM", "Webbinarium", "Webinar")
    assert listed(bra, "aktivitetstyp")[-2:] == [added, second]


def test_bra_renames_retires_and_takes_a_code_into_use_again(bra):
    renamed = codelists.rename_code(bra, "aktivitetstyp", "KONFERENS", "Konferens", "Conference")
    assert (renamed.label_sv, renamed.label_en) == ("Konferens", "Conference")
    assert code_of(bra, "aktivitetstyp", "KONFERENS").label_sv == "Konferens"
    retired = codelists.retire_code(bra, "aktivitetstyp", "DIALOG")
    assert not retired.active and not code_of(bra, "aktivitetstyp", "DIALOG").active
    assert len(listed(bra, "aktivitetstyp")) == 13  # never deleted
    assert codelists.reactivate_code(bra, "aktivitetstyp", "DIALOG").active
    assert code_of(bra, "aktivitetstyp", "DIALOG").active


def test_a_county_register_cannot_change_the_code_lists(register):
    before = listed(register, "aktivitetstyp")
    for change in (
        lambda: codelists.add_code(register, "aktivitetstyp", "STUDIEBESOK", "Studiebesök", "Study visit"),
        lambda: codelists.rename_code(register, "aktivitetstyp", "KONFERENS", "Konferens", "Conference"),
        lambda: codelists.retire_code(register, "aktivitetstyp", "DIALOG"),
        lambda: codelists.reactivate_code(register, "aktivitetstyp", "DIALOG"),
    ):
        with pytest.raises(RegisterError) as refused:
            change()
        assert refused.value.message_sv.startswith("Kodlistorna ägs av Brå och kan bara ändras i Brås nationella register.")
        assert "code lists are owned by Brå" in refused.value.message("en")
    assert listed(register, "aktivitetstyp") == before


@pytest.mark.parametrize(("code", "label_sv", "label_en", "message"), [
    ("", "Studiebesök", "Study visit", "Skriv en kod."),
    ("   ", "Studiebesök", "Study visit", "Skriv en kod."),
    ("STUDIEBESÖK", "Studiebesök", "Study visit", "Koden STUDIEBESÖK går inte att använda. En kod skrivs med versaler"),
    ("STUDIE BESOK", "Studiebesök", "Study visit", "Koden STUDIE BESOK går inte att använda."),
    ("1BESOK", "Studiebesök", "Study visit", "Koden 1BESOK går inte att använda."),
    ("STUDIE-BESOK", "Studiebesök", "Study visit", "Koden STUDIE-BESOK går inte att använda."),
    ("A" * 41, "Studiebesök", "Study visit", "Koden är för lång (41 tecken, högst 40)."),
    ("KONFERENS", "Studiebesök", "Study visit", "Koden KONFERENS finns redan i listan Typ av aktivitet."),
    ("konferens", "Studiebesök", "Study visit", "Koden KONFERENS finns redan i listan Typ av aktivitet."),
    ("STUDIEBESOK", "", "Study visit", "Skriv en svensk etikett."),
    ("STUDIEBESOK", "Studiebesök", " ", "Skriv en engelsk etikett."),
    ("STUDIEBESOK", "S" * 101, "Study visit", "Den svenska etiketten är för lång (101 tecken, högst 100)."),
    ("STUDIEBESOK", "Studie\nbesök", "Study visit", "Den svenska etiketten ska vara en rad"),
    ("STUDIEBESOK", "Studiebesök", "Study\x07visit", "Den engelska etiketten ska vara en rad"),
    ("STUDIEBESOK", "Studie\u202ebesök", "Study visit", "Den svenska etiketten ska vara en rad, utan radbrytningar, "
     "styrtecken och osynliga tecken."),
    ("STUDIEBESOK", "nätverksträff", "Study visit", "Koden NATVERKSTRAFF i listan Typ av aktivitet heter redan «Nätverksträff»"),
    ("STUDIEBESOK", "Studiebesök", "Network meeting", "Koden NATVERKSTRAFF i listan Typ av aktivitet heter redan"),
])
def test_a_new_code_is_checked(bra, code, label_sv, label_en, message):
    with pytest.raises(RegisterError) as refused:
        codelists.add_code(bra, "aktivitetstyp", code, label_sv, label_en)
    assert refused.value.message_sv.startswith(message), refused.value.message_sv
    assert refused.value.message_en and refused.value.message_en != refused.value.message_sv
    assert len(listed(bra, "aktivitetstyp")) == 13


def test_changes_to_what_is_not_there_are_refused(bra):
    with pytest.raises(RegisterError, match="Kodlistan okand finns inte"):
        codelists.add_code(bra, "okand", "NY", "Ny", "New")
    with pytest.raises(RegisterError, match="Koden SAKNAS finns inte i listan Typ av aktivitet"):
        codelists.rename_code(bra, "aktivitetstyp", "SAKNAS", "Saknas", "Missing")
    with pytest.raises(RegisterError, match="Koden SAKNAS finns inte"):
        codelists.retire_code(bra, "aktivitetstyp", "SAKNAS")


def test_a_rename_is_checked_but_may_keep_its_own_label(bra):
    assert codelists.rename_code(bra, "aktivitetstyp", "KONFERENS", "KONFERENS/seminarium", "Conference/seminar")
    with pytest.raises(RegisterError, match="heter redan «Nätverksträff»"):
        codelists.rename_code(bra, "aktivitetstyp", "KONFERENS", "Nätverksträff", "Conference")
    with pytest.raises(RegisterError, match="Skriv en svensk etikett"):
        codelists.rename_code(bra, "aktivitetstyp", "KONFERENS", "", "Conference")
    assert code_of(bra, "aktivitetstyp", "KONFERENS").label_sv == "KONFERENS/seminarium"


def test_the_last_code_in_use_of_a_list_cannot_be_retired(bra):
    codelists.retire_code(bra, "aktivitetsstatus", "PLANERAD")
    codelists.retire_code(bra, "aktivitetsstatus", "INSTALLD")
    with pytest.raises(RegisterError, match="GENOMFORD är den enda koden i bruk i listan Status för aktivitet"):
        codelists.retire_code(bra, "aktivitetsstatus", "GENOMFORD")
    assert code_of(bra, "aktivitetsstatus", "GENOMFORD").active


# --- a retired code: valid where it is, not offered anew --------------------------------------------


def test_a_retired_code_stays_valid_on_records_that_have_it_and_is_refused_for_new_ones(bra):
    from bra_desktop.store.repository import create_record, update_record

    visit = add(bra, "activity", title="Kommunbesök", activity_type="DIALOG", subject_areas=["UNGA", "VALD"])
    codelists.retire_code(bra, "aktivitetstyp", "DIALOG")
    codelists.retire_code(bra, "amnesomrade", "VALD")
    kind = KINDS["activity"]
    with bra.session() as session:
        reference = load_reference(session)
        assert reference.code_state("aktivitetstyp", "DIALOG") is False
        stored = session.get(kind.table, visit.id)
        # The record keeps its retired codes when it is saved again …
        update_record(session, kind, visit.id, {**visit.content, "title": "Kommunbesök i Solna"}, user="bo",
                      reference=reference, owner="BRA")
        session.commit()
        assert stored is not None
        # … but a new record, or a record given the code anew, cannot have them.
        fresh = {"title": "Nytt besök", "activity_type": "DIALOG", "status": "GENOMFORD",
                 "start_date": date(2026, 5, 5), "subject_areas": ["VALD"]}
        problems = validate(kind, normalise(kind, fresh), reference)
        assert {problem.field for problem in problems} == {"activity_type", "subject_areas"}
        assert "koden DIALOG är ur bruk och kan inte väljas för nya uppgifter" in problems[0].message_sv
        with pytest.raises(ValidationFailed):
            create_record(session, kind, fresh, user="bo", origin="BRA", reference=reference)
        meeting = add(bra, "activity", title="Träff", activity_type="NATVERKSTRAFF")
        with pytest.raises(ValidationFailed):
            update_record(session, kind, meeting.id, {**meeting.content, "activity_type": "DIALOG"}, user="bo",
                          reference=load_reference(session), owner="BRA")
    # Taken into use again, it is accepted anew.
    codelists.reactivate_code(bra, "aktivitetstyp", "DIALOG")
    with bra.session() as session:
        assert validate(kind, normalise(kind, {**fresh, "subject_areas": []}), load_reference(session)) == []


def test_form_choices_leave_a_retired_code_out_unless_the_record_has_it(qtbot, bra):
    from bra_desktop.ui.forms.choices import code_choices
    from bra_desktop.ui.service import RegisterService

    service = RegisterService(bra, "bo")
    codelists.retire_code(bra, "aktivitetstyp", "DIALOG")
    codelists.add_code(bra, "aktivitetstyp", "STUDIEBESOK", "Studiebesök", "Study visit")
    codelists.rename_code(bra, "aktivitetstyp", "KONFERENS", "Konferens", "Conference")
    offered = code_choices(service, "aktivitetstyp")
    values = [choice.value for choice in offered]
    assert "DIALOG" not in values
    assert values[-1] == "STUDIEBESOK" and offered[-1].text == "Studiebesök"
    assert next(choice.text for choice in offered if choice.value == "KONFERENS") == "Konferens"
    kept = code_choices(service, "aktivitetstyp", keep=["DIALOG"])
    assert next(choice.text for choice in kept if choice.value == "DIALOG") == "Kommunbesök/dialog (ur bruk)"


# --- to the counties -------------------------------------------------------------------------------


def county_codes(register, list_name):
    with register.session() as session:
        return [(item.code, item.label_sv, item.label_en, item.active) for item in session.scalars(
            select(CodeItem).where(CodeItem.list_name == list_name).order_by(CodeItem.sort_order, CodeItem.code))]


def test_changes_made_by_bra_reach_a_county_through_the_national_bundle(bra, register, tmp_path):
    county = register  # Stockholms län
    visit = add(county, "activity", title="Kommunbesök", activity_type="DIALOG")
    codelists.add_code(bra, "aktivitetstyp", "STUDIEBESOK", "Studiebesök", "Study visit")
    codelists.add_code(bra, "atagandestatus", "PAUSAT", "Pausat", "Paused")
    codelists.add_code(bra, "problemstatus", "OVERLAMNAT", "Överlämnat", "Handed over")
    codelists.rename_code(bra, "aktivitetstyp", "KONFERENS", "Konferens", "Conference")
    codelists.retire_code(bra, "aktivitetstyp", "DIALOG")

    exported = export_bundle(bra, tmp_path / "out", user="bo")
    [outcome] = import_files(county, [exported.path], user="anna")
    assert outcome.imported, outcome.text
    assert outcome.plan is not None and len(outcome.plan.code_changes) == 5

    types = county_codes(county, "aktivitetstyp")
    assert types[-1] == ("STUDIEBESOK", "Studiebesök", "Study visit", True)  # last in its list, as at Brå
    assert ("KONFERENS", "Konferens", "Conference", True) in types
    assert ("DIALOG", "Kommunbesök/dialog", "Municipal visit/dialogue", False) in types
    # Every list keeps Brå's order, whatever its place in the workbook's Kodlistor sheet.
    for list_name in ("aktivitetstyp", "atagandestatus", "problemstatus"):
        assert [code for code, *_ in county_codes(county, list_name)] == \
            [item.code for item in listed(bra, list_name)], list_name

    # The county's record keeps its retired code; a new one cannot take it.
    with county.session() as session:
        reference = load_reference(session)
        kind = KINDS["activity"]
        assert validate(kind, normalise(kind, visit.content), reference, previous=visit.content) == []
        assert validate(kind, normalise(kind, {**visit.content, "activity_type": "STUDIEBESOK"}), reference) == []
        assert [p.field for p in validate(kind, normalise(kind, visit.content), reference)] == ["activity_type"]

    # Taken into use again at Brå, the next bundle takes it into use in the county too.
    codelists.reactivate_code(bra, "aktivitetstyp", "DIALOG")
    again = export_bundle(bra, tmp_path / "again", user="bo")
    [outcome] = import_files(county, [again.path], user="anna")
    assert outcome.imported, outcome.text
    assert ("DIALOG", "Kommunbesök/dialog", "Municipal visit/dialogue", True) in county_codes(county, "aktivitetstyp")


def test_a_county_bundle_changes_no_code_list(bra, register, tmp_path):
    """Only Brå's bundle carries code-list changes: a county's bundle read in at Brå changes none."""
    add(register, "activity", title="Träff")
    exported = export_bundle(register, tmp_path / "out", user="anna")
    before = county_codes(bra, "aktivitetstyp")
    [outcome] = import_files(bra, [exported.path], user="bo")
    assert outcome.imported and outcome.plan is not None and outcome.plan.code_changes == []
    assert county_codes(bra, "aktivitetstyp") == before


# --- the dialog -----------------------------------------------------------------------------------


@pytest.fixture
def bra_service(qtbot, bra):
    from bra_desktop.ui.service import RegisterService

    return RegisterService(bra, "bo")


@pytest.fixture
def dialog(qtbot, bra_service):
    from bra_desktop.ui.codelist_dialog import CodeListDialog

    made = CodeListDialog(bra_service)
    qtbot.addWidget(made)
    made.show()
    made.choose_list("aktivitetstyp")
    return made


def test_the_dialog_shows_the_lists_and_their_codes(dialog):
    titles = [dialog.list_picker.item(row).text() for row in range(dialog.list_picker.count())]
    assert len(titles) == 20 and "Samordningsfunktion" in titles and "Typ av aktivitet" in titles and "Status för åtagande" in titles
    assert dialog.current_list().name == "aktivitetstyp"
    assert dialog.texts()[0] == ["NATVERKSTRAFF", "Nätverksträff", "Network meeting", "Ja"]
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Kod", "Svensk etikett", "Engelsk etikett", "Aktiv"]
    assert dialog.add_button.isVisible() and dialog.add_button.isEnabled()
    assert not dialog.rename_button.isEnabled() and not dialog.toggle_button.isEnabled()  # nothing chosen
    assert dialog.note.text().startswith("Ändringar kommer till länen med nästa nationella paket.")


def test_adding_a_code_in_the_dialog(qtbot, dialog, bra_service):
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor is not None and editor.isVisible() and editor.windowTitle() == "Ny kod i Typ av aktivitet"
    qtbot.keyClicks(editor.code_edit, "studie besok")
    assert editor.code_edit.text() == "STUDIE BESOK"  # typed in capitals
    editor.sv_edit.setText("Studiebesök")
    editor.en_edit.setText("Study visit")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()  # refused: the message shows, nothing is added
    assert editor.error_label.text().startswith("Koden STUDIE BESOK går inte att använda.")
    assert len(dialog.texts()) == 13
    editor.code_edit.setText("STUDIEBESOK")
    with qtbot.waitSignal(editor.finished):
        qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.texts()[-1] == ["STUDIEBESOK", "Studiebesök", "Study visit", "Ja"]
    assert dialog.selected_code().code == "STUDIEBESOK"
    assert dialog.message.text() == "STUDIEBESOK är tillagd."
    with qtbot.waitSignal(bra_service.sig_changed) as told:  # the views read the labels again when the dialog closes
        dialog.reject()
    assert told.args == [Changes(code_lists=True)]


def test_retiring_and_taking_into_use_in_the_dialog(qtbot, dialog, bra):
    dialog.select_code("DIALOG")
    assert dialog.toggle_button.text() == "Ta ur bruk"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    row = dialog.texts()[[c.code for c in dialog.codes].index("DIALOG")]
    assert row[3] == "Nej, ur bruk" and not code_of(bra, "aktivitetstyp", "DIALOG").active
    assert dialog.toggle_button.text() == "Ta i bruk" and dialog.message.text() == "DIALOG är ur bruk."
    item = dialog.model.item([c.code for c in dialog.codes].index("DIALOG"), 1)
    assert item.foreground().color().name() == "#7a7a7a"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert code_of(bra, "aktivitetstyp", "DIALOG").active and dialog.toggle_button.text() == "Ta ur bruk"
    # The last code in use of a list is not retired: the dialog says why.
    dialog.choose_list("aktivitetsstatus")
    for code in ("PLANERAD", "INSTALLD", "GENOMFORD"):
        dialog.select_code(code)
        qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("GENOMFORD är den enda koden i bruk")
    assert code_of(bra, "aktivitetsstatus", "GENOMFORD").active


def test_renaming_in_the_dialog_and_in_the_table(qtbot, dialog, bra):
    dialog.select_code("KONFERENS")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor.code_edit.isReadOnly() and editor.sv_edit.text() == "Konferens/seminarium"
    editor.sv_edit.setText("Konferens")
    editor.en_edit.setText("Conference")
    with qtbot.waitSignal(editor.finished):
        qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert code_of(bra, "aktivitetstyp", "KONFERENS").label_sv == "Konferens"
    assert dialog.texts()[1] == ["KONFERENS", "Konferens", "Conference", "Ja"]
    # A label typed into the table is saved; a refused one is put back and the reason shown.
    dialog.model.item(1, 2).setText("Conference or seminar")
    qtbot.waitUntil(lambda: code_of(bra, "aktivitetstyp", "KONFERENS").label_en == "Conference or seminar")
    assert dialog.texts()[1][2] == "Conference or seminar"
    dialog.model.item(1, 1).setText("Nätverksträff")
    qtbot.waitUntil(lambda: "heter redan «Nätverksträff»" in dialog.message.text())
    assert dialog.texts()[1][1] == "Konferens" and code_of(bra, "aktivitetstyp", "KONFERENS").label_sv == "Konferens"


def test_the_dialog_is_read_only_in_a_county_register(qtbot, service):
    from bra_desktop.ui.codelist_dialog import CodeListDialog

    dialog = CodeListDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.note.text() == "Kodlistorna ägs av Brå och kommer med det nationella paketet."
    assert not any(button.isVisible() for button in (dialog.add_button, dialog.rename_button, dialog.toggle_button))
    assert dialog.texts()  # the codes are there to look at
    assert not dialog.model.item(0, 1).isEditable()
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers


def test_the_menu_opens_the_dialog(qtbot, monkeypatch, app_context, service):
    from bra_desktop.ui.codelist_dialog import CodeListDialog
    from bra_desktop.ui.main_window import MainWindow

    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    archive = window.menuBar().actions()[0].menu()
    assert "Kodlistor…" in [action.text() for action in archive.actions()]
    opened = []
    monkeypatch.setattr(CodeListDialog, "exec", lambda self: opened.append(self) or 0)
    window.code_lists_action.trigger()
    assert len(opened) == 1 and not opened[0].editable


def test_after_a_change_the_tables_and_filters_show_the_new_labels(qtbot, app_context, bra, bra_service):
    from bra_desktop.ui.codelist_dialog import CodeListDialog
    from bra_desktop.ui.main_window import SECTIONS, MainWindow

    meeting = add(bra, "activity", title="Länskonferens", activity_type="KONFERENS")
    window = MainWindow(app_context, bra_service)
    qtbot.addWidget(window)
    window.show_section([section.key for section in SECTIONS].index("activity"))
    activities = window.current_section()
    column = [c.key for c in activities.model.columns].index("activity_type")

    def shown() -> str:
        return activities.proxy.index(activities.proxy.index_of(meeting.id).row(), column).data()

    assert shown() == "Konferens/seminarium"
    dialog = CodeListDialog(bra_service, window)
    qtbot.addWidget(dialog)
    dialog.choose_list("aktivitetstyp")
    dialog.rename("KONFERENS", "Konferens", "Conference")
    dialog.choose_list("amnesomrade")
    dialog.add("IDROTT", "Idrott och föreningsliv", "Sports and associations")
    assert shown() == "Konferens/seminarium"  # the views reload once, when the dialog closes
    dialog.accept()
    assert shown() == "Konferens"
    combo = activities.filter_combos["subject_areas"]
    assert combo.itemText(combo.count() - 1) == "Idrott och föreningsliv"


def test_a_code_change_in_a_bundle_is_described_in_either_language():
    from bra_desktop.bundle.plan import CodeChange

    new = CodeChange("aktivitetstyp", "STUDIEBESOK", None, {"label_sv": "Studiebesök", "label_en": "Study visit", "active": True})
    retired = CodeChange("trend", "OKAND", {"active": True}, {"label_sv": "Okänd", "label_en": "Unknown", "active": False})
    assert (new.describe(), new.describe("en")) == ("ny kod aktivitetstyp/STUDIEBESOK «Studiebesök»",
                                                   "new code aktivitetstyp/STUDIEBESOK «Study visit»")
    assert (retired.describe(), retired.describe("en")) == ("koden trend/OKAND utgår", "the code trend/OKAND is retired")
