"""The record forms, driven through their widgets as a coordinator would: type, pick, tick, save."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTabWidget, QWidget
from sqlalchemy import select

from bra_desktop.domain.fields import KINDS, FieldType
from bra_desktop.domain.identity import identity_id
from bra_desktop.domain.models import CodeItem, Municipality
from bra_desktop.store.changelog import history
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record, update_record
from bra_desktop.ui.forms import RecordFormDialog, confirm_and_delete, open_record_editor
from bra_desktop.ui.forms.choice_editors import ChecklistEditor, ComboEditor
from bra_desktop.ui.forms.form import with_mnemonic
from bra_desktop.ui.forms.history_dialog import HistoryDialog
from bra_desktop.ui.service import RegisterService

from conftest import add

SCREENSHOT = Path("/tmp/activity-form.png")


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch) -> list[str]:
    """Message boxes would block offscreen: record what they say; leaving a dirty form discards it."""
    said: list[str] = []

    def answer(answer_with):
        def show(parent, title, text, *args):
            said.append(text)
            return answer_with
        return show

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", answer(QMessageBox.StandardButton.Ok))
    return said


def open_dialog(qtbot, service, kind: str, record=None, stack=None) -> RecordFormDialog:
    dialog = RecordFormDialog(service, kind, record, undo_stack=stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_text(widget, text: str) -> None:
    """Type `text` key by key. (QTest.keyClicks asserts on å, ä and ö, so the events are made here.)"""
    for char in text:
        key = Qt.Key(ord(char.upper())) if ord(char) < 256 else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def tick(editor: ChecklistEditor, value: str, qtbot) -> None:
    """Tick the visible row of `value` with the keyboard (Space), as a user would."""
    model = editor.list_view.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    index = next(i for i in rows if i.data(Qt.ItemDataRole.UserRole) == value)
    editor.list_view.setCurrentIndex(index)
    qtbot.keyClick(editor.list_view, Qt.Key.Key_Space)


def retype(qtbot, line_edit, text: str) -> None:
    line_edit.selectAll()
    qtbot.keyClick(line_edit, Qt.Key.Key_Backspace)
    type_text(line_edit, text)


def wait_for_problem(qtbot, dialog: RecordFormDialog, field: str, expected: str) -> None:
    qtbot.waitUntil(lambda: dialog.form.problem_text(field) == expected, timeout=2000)


def combo_texts(editor: ComboEditor) -> list[str]:
    return [editor.combo.itemText(i) for i in range(1, editor.combo.count())]


def fill_activity(qtbot, dialog: RecordFormDialog, network_name: str, organisation_id: str) -> None:
    form = dialog.form
    type_text(form.editor("title").line_edit, "Nätverksträff om unga och rekrytering")
    type_text(form.editor("activity_type").combo, "Konf")
    type_text(form.editor("status").combo, "Genom")
    type_text(form.editor("start_date").line_edit, "2026-03-12")
    type_text(form.editor("end_date").line_edit, "2026-03-13")
    type_text(form.editor("participants").line_edit, "0")
    tick(form.editor("subject_areas"), "UNGA", qtbot)
    tick(form.editor("subject_areas"), "ORGBROTT", qtbot)
    type_text(form.editor("county_role").combo, "Arrangör")
    type_text(form.editor("target_group").combo, "Kommunala")
    tick(form.editor("other_target_groups"), "REGIONER", qtbot)
    type_text(form.editor("network_id").combo, network_name)
    type_text(form.editor("municipalities").filter_edit, "solna")
    tick(form.editor("municipalities"), "0184", qtbot)
    tick(form.editor("organisations"), organisation_id, qtbot)
    type_text(form.editor("description").text_edit, "Träff med kommunernas samordnare.")
    type_text(form.editor("outcome").text_edit, "Gemensam lägesbild.")


def test_activity_form_filled_through_its_widgets_saves_the_record(qtbot, service, register, stack):
    network = add(register, "network", name="Länsnätverket")
    police = add(register, "organisation", name="Polisen region Stockholm")
    dialog = open_dialog(qtbot, service, "activity", stack=stack)
    fill_activity(qtbot, dialog, "Länsnätverket", police.id)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=2000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = service.load("activity", dialog.saved_id)
    assert saved.content == {
        "title": "Nätverksträff om unga och rekrytering", "activity_type": "KONFERENS", "status": "GENOMFORD",
        "start_date": date(2026, 3, 12), "end_date": date(2026, 3, 13), "network_id": network.id,
        "subject_areas": ("ORGBROTT", "UNGA"), "municipalities": ("0184",), "organisations": (police.id,),
        "participants": 0, "county_role": "ARRANGOR", "target_group": "SAMORDNARE", "other_target_groups": ("REGIONER",),
        "description": "Träff med kommunernas samordnare.",
        "outcome": "Gemensam lägesbild.", "follow_up": None, "sharing": None,
    }
    assert (saved.origin, saved.updated_by) == ("01", "testare")
    with register.session() as session:
        [entry] = history(session, saved.id)
    assert (entry.action, entry.user, json.loads(entry.after)["participants"]) == ("create", "testare", 0)
    assert stack.undoText() == "Ny aktivitet «Nätverksträff om unga och rekrytering»"


def test_activity_form_screenshot(qtbot, service, register):
    """A picture of the filled-in form at a laptop's size, to look at (not compared)."""
    add(register, "network", name="Länsnätverket")
    police = add(register, "organisation", name="Polisen region Stockholm")
    dialog = open_dialog(qtbot, service, "activity")
    fill_activity(qtbot, dialog, "Länsnätverket", police.id)
    retype(qtbot, dialog.form.editor("end_date").line_edit, "2026-03-11")
    wait_for_problem(qtbot, dialog, "end_date", "Slutdatum får inte vara före startdatum.")
    dialog.resize(920, 660)
    assert dialog.grab().save(str(SCREENSHOT))
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_problems_are_shown_beside_their_field_and_block_saving(qtbot, service):
    dialog = open_dialog(qtbot, service, "activity")
    form = dialog.form
    assert not dialog.save_button.isEnabled()
    assert form.problem_text("title") == ""  # untouched: the * says it, no wall of red
    assert dialog.hint_label.text() == "Fält markerade med * måste fyllas i."

    title = form.editor("title").line_edit
    type_text(title, "x")
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    wait_for_problem(qtbot, dialog, "title", "Rubrik måste fyllas i.")

    type_text(form.editor("start_date").line_edit, "2026-03-12")
    type_text(form.editor("end_date").line_edit, "2026-03-11")
    wait_for_problem(qtbot, dialog, "end_date", "Slutdatum får inte vara före startdatum.")
    assert form.problem_text("start_date") == ""

    participants = form.editor("participants").line_edit
    type_text(participants, "2000000")
    wait_for_problem(qtbot, dialog, "participants", "Antal deltagare måste vara ett heltal från 0 till 1 000 000.")
    retype(qtbot, participants, "-")
    wait_for_problem(qtbot, dialog, "participants", "Skriv ett heltal.")
    assert not dialog.save_button.isEnabled()

    type_text(title, "Träff")
    retype(qtbot, form.editor("end_date").line_edit, "2026-03-12")
    retype(qtbot, participants, "12")
    type_text(form.editor("activity_type").combo, "Nät")
    type_text(form.editor("status").combo, "Plan")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=2000)
    assert all(form.problem_text(name) == "" for name in ("title", "end_date", "participants"))
    assert dialog.hint_label.text() == ""


def test_organisation_number_is_luhn_checked_beside_the_field(qtbot, service):
    dialog = open_dialog(qtbot, service, "organisation")
    form = dialog.form
    type_text(form.editor("name").line_edit, "Exempel AB")
    type_text(form.editor("org_type").combo, "Närings")
    type_text(form.editor("org_number").line_edit, "556036-0794")
    wait_for_problem(qtbot, dialog, "org_number", "Organisationsnummer: 556036-0794 är inget giltigt "
                     "organisationsnummer (NNNNNN-NNNN med rätt kontrollsiffra).")
    assert not dialog.save_button.isEnabled()
    retype(qtbot, form.editor("org_number").line_edit, "556036-0793")
    qtbot.waitUntil(lambda: form.problem_text("org_number") == "" and dialog.save_button.isEnabled(), timeout=2000)


def test_dates_are_typed_as_iso_or_picked_in_the_calendar(qtbot, service):
    dialog = open_dialog(qtbot, service, "activity")
    start = dialog.form.editor("start_date")
    type_text(start.line_edit, "12 mars")
    wait_for_problem(qtbot, dialog, "start_date", "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-12.")
    assert start.value() is None
    start.calendar.clicked.emit(QDate(2026, 5, 4))
    assert start.line_edit.text() == "2026-05-04" and start.value() == date(2026, 5, 4)
    retype(qtbot, start.line_edit, "20260601")
    qtbot.keyClick(start.line_edit, Qt.Key.Key_Return)  # editing finished: shown the ISO way
    assert start.line_edit.text() == "2026-06-01"
    end = dialog.form.editor("end_date")
    assert end.value() is None and end.input_problem() is None  # optional dates may stay empty


def test_codes_offered_are_the_code_lists_and_a_retired_code_stays_on_its_record(qtbot, service, register):
    kept = add(register, "activity", activity_type="ANNAT")
    with register.session() as session:
        labels = session.scalars(select(CodeItem.label_sv).where(CodeItem.list_name == "aktivitetstyp")
                                 .order_by(CodeItem.sort_order)).all()
        session.get(CodeItem, ("aktivitetstyp", "ANNAT")).active = False
        session.commit()
    fresh = open_dialog(qtbot, service, "activity").form.editor("activity_type")
    assert combo_texts(fresh) == [label for label in labels if label != "Annat"]
    editing = open_dialog(qtbot, service, "activity", kept)
    assert combo_texts(editing.form.editor("activity_type"))[-1] == "Annat (ur bruk)"
    assert editing.form.editor("activity_type").value() == "ANNAT"
    assert editing.form.is_valid() and editing.save_button.isEnabled()


def test_labels_and_codes_follow_the_ui_language(qtbot, register):
    english = RegisterService(register, "testare", language="en")
    dialog = open_dialog(qtbot, english, "activity")
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Title *", "Start date *", "Participants"} <= labels
    assert combo_texts(dialog.form.editor("status")) == ["Planned", "Completed", "Cancelled"]


def test_municipalities_of_the_own_county_come_first(qtbot, service, register):
    with register.session() as session:
        own = set(session.scalars(select(Municipality.code).where(Municipality.county_code == "01")))
    dialog = open_dialog(qtbot, service, "activity")
    model = dialog.form.editor("municipalities").list_view.model()
    values = [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]
    assert len(values) == 290 and set(values[: len(own)]) == own
    assert model.index(len(own), 0).data() == "Ale – Västra Götalands län"
    combo = open_dialog(qtbot, service, "organisation").form.editor("municipality_code").combo
    assert {combo.itemData(i) for i in range(1, len(own) + 1)} == own


def test_linked_records_can_be_searched_and_show_date_and_title(qtbot, service, register):
    add(register, "activity", title="Vårträff", start_date=date(2026, 4, 1))
    old = add(register, "activity", title="Höstträff", start_date=date(2025, 10, 1))
    gone = add(register, "activity", title="Inställd träff")
    service.delete("activity", gone.id)
    dialog = open_dialog(qtbot, service, "commitment")
    activities = dialog.form.editor("activities")
    model = activities.list_view.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "2026-04-01  Vårträff", "2025-10-01  Höstträff"]
    type_text(activities.filter_edit, "HÖST")
    assert model.rowCount() == 1
    tick(activities, old.id, qtbot)
    activities.filter_edit.clear()
    activities.checklist.only_checked.setChecked(True)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["2025-10-01  Höstträff"]
    assert activities.value() == (old.id,)


def test_a_link_to_a_deleted_record_stays_visible_and_can_be_removed(qtbot, service, register, stack):
    network = add(register, "network", name="Nedlagt nätverk")
    activity = add(register, "activity", network_id=network.id)
    service.delete("network", network.id)
    dialog = open_dialog(qtbot, service, "activity", service.load("activity", activity.id), stack)
    combo = dialog.form.editor("network_id").combo
    assert combo.currentText() == "Nedlagt nätverk (borttagen)"
    assert dialog.form.problem_text("network_id") == "" and dialog.save_button.isEnabled()
    combo.setCurrentIndex(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert service.load("activity", activity.id).content["network_id"] is None


def test_edit_undo_redo_through_the_editor(qtbot, service, register, stack, monkeypatch):
    record = add(register, "activity", participants=20)

    def edit_and_save(dialog):
        qtbot.addWidget(dialog)
        retype(qtbot, dialog.form.editor("participants").line_edit, "35")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", edit_and_save)
    assert open_record_editor(None, service, stack, "activity", record.id) == record.id
    assert service.load("activity", record.id).content["participants"] == 35
    assert stack.undoText() == "Ändra aktivitet «Nätverksträff»"
    stack.undo()
    assert service.load("activity", record.id).content["participants"] == 20
    stack.redo()
    assert service.load("activity", record.id).content["participants"] == 35
    with register.session() as session:
        assert [e.action for e in history(session, record.id)] == ["create", "update", "update", "update"]


def test_editor_returns_none_when_cancelled_or_unchanged(qtbot, service, register, stack, monkeypatch, message_boxes):
    record = add(register, "activity")
    monkeypatch.setattr(RecordFormDialog, "exec", lambda dialog: (qtbot.addWidget(dialog), dialog.save()))
    assert open_record_editor(None, service, stack, "activity", record.id) is None  # nothing changed
    monkeypatch.setattr(RecordFormDialog, "exec", lambda dialog: (qtbot.addWidget(dialog), dialog.reject()))
    assert open_record_editor(None, service, stack, "activity") is None
    assert stack.count() == 0 and service.load("activity", record.id).version == 1
    assert open_record_editor(None, service, stack, "activity", "no-such-id") is None
    assert message_boxes == ["Posten finns inte längre i registret."]


def test_leaving_a_changed_form_asks_first(qtbot, service, monkeypatch):
    dialog = open_dialog(qtbot, service, "network")
    type_text(dialog.form.editor("name").line_edit, "Nytt nätverk")
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_a_refused_save_shows_why_and_keeps_what_was_typed(qtbot, service, register, stack):
    record = add(register, "activity")
    dialog = open_dialog(qtbot, service, "activity", record, stack)
    service.update("activity", record.id, {**record.content, "participants": 9})  # a colleague saves first
    retype(qtbot, dialog.form.editor("title").line_edit, "Min rubrik")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=2000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved_id is None and stack.count() == 0
    assert "har ändrats av testare sedan du öppnade den" in dialog.save_error_label.text()
    assert dialog.save_error_label.isVisible()
    assert dialog.form.editor("title").line_edit.text() == "Min rubrik"
    type_text(dialog.form.editor("title").line_edit, "!")
    assert not dialog.save_error_label.isVisible()


def test_another_producers_record_is_read_only(qtbot, service, register):
    with register.session() as session:
        theirs = create_record(session, KINDS["activity"],
                               {"title": "<b>Uppsalas</b> träff", "activity_type": "DIALOG", "status": "PLANERAD",
                                "start_date": date(2026, 2, 1), "description": "Rad ett\nrad två"},
                               user="uppsala", origin="03", reference=load_reference(session))
        session.commit()
    dialog = open_dialog(qtbot, service, "activity", theirs)
    assert dialog.read_only and dialog.save_button is None
    assert dialog.note_label.text() == "Posten kommer från Uppsala län (03) och kan bara ändras där."
    assert dialog.note_label.isVisible()
    assert dialog.windowTitle() == "Aktivitet «<b>Uppsalas</b> träff»"
    assert dialog.form.editor("title").line_edit.isReadOnly()
    assert dialog.form.editor("description").text_edit.isReadOnly()
    assert not dialog.form.editor("status").combo.isEnabled()
    assert not dialog.form.editor("municipalities").checklist.model.checkable
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel))
    dialog.reject()
    assert not dialog.isVisible()


def test_a_deleted_record_opens_read_only(qtbot, service, register):
    record = add(register, "problem_area")
    deleted = service.delete("problem_area", record.id)
    dialog = open_dialog(qtbot, service, "problem_area", deleted)
    assert dialog.read_only and dialog.note_label.text().startswith("Posten är borttagen")


def required_filler(kind_key: str):
    """Values for the required fields of any kind, typed or picked through the widgets."""
    def fill(qtbot, dialog):
        for spec in KINDS[kind_key].fields:
            if not spec.required:
                continue
            editor = dialog.form.editor(spec.name)
            if spec.type == FieldType.TEXT:
                type_text(editor.line_edit, f"Test av {kind_key}")
            elif spec.type == FieldType.CODE:
                editor.combo.setCurrentIndex(1)
            elif spec.type == FieldType.DATE:
                type_text(editor.line_edit, "2026-01-15")
            elif spec.type == FieldType.INTEGER:  # a follow-up's year
                type_text(editor.line_edit, "2026")
            elif spec.type == FieldType.MUNICIPALITY:  # the register's own county's first
                editor.combo.setCurrentIndex(1)
            else:
                raise AssertionError(f"no filler for required {spec.type}")
    return fill


@pytest.mark.parametrize("kind_key", list(KINDS))
def test_every_form_kind_opens_and_saves(qtbot, service, register, stack, kind_key):
    dialog = open_dialog(qtbot, service, kind_key, stack=stack)
    assert dialog.windowTitle() == stack.undoText() or dialog.windowTitle().startswith("N")
    required_filler(kind_key)(qtbot, dialog)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=2000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = service.load(kind_key, dialog.saved_id)
    kind = KINDS[kind_key]
    if kind.identity:  # a follow-up of the county's first municipality, or the redovisning, of the year typed
        assert saved.content["year"] == 2026 and saved.id == identity_id(kind, saved.content, "01")
        assert saved.content.get("municipality_code", "01").startswith("01")
    else:
        assert saved.content[kind.title_field] == f"Test av {kind_key}"
    assert saved.content == dialog.content()
    stack.undo()
    assert service.load(kind_key, saved.id).deleted


def test_contact_details_are_under_a_personal_data_heading(qtbot, service):
    dialog = open_dialog(qtbot, service, "organisation")
    tabs = dialog.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Grunduppgifter", "Kontaktuppgifter"]
    texts = [label.text().replace("&", "") for label in tabs.widget(1).findChildren(QLabel)]
    assert "Personuppgifter" in texts
    assert any("skickas inte med i paket" in text for text in texts)
    assert {"Kontaktperson", "E-post", "Telefon"} <= set(texts)


def test_a_follow_up_has_the_year_at_a_glance_then_a_tab_for_each_requirement(qtbot, service):
    dialog = open_dialog(qtbot, service, "follow_up")
    tabs = dialog.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Grunduppgifter", "Samordningsfunktion", "Lägesbild och åtgärdsplan", "Polisen och metoder",
        "Stöd och anteckningar", "Kontaktuppgifter"]
    first = {label.text().replace("&", "") for label in tabs.widget(0).findChildren(QLabel)}
    assert {"Kommun *", "År *", "Samordningsfunktion *", "Lägesbild *", "Åtgärdsplan *", "Nästa uppföljning"} <= first
    assert "Kommunal samordnare" in {label.text().replace("&", "") for label in tabs.widget(5).findChildren(QLabel)}


def test_a_redovisning_has_its_texts_two_to_a_tab(qtbot, service):
    dialog = open_dialog(qtbot, service, "county_report")
    tabs = dialog.form.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Grunduppgifter", "Bedömning och prioriteringar", "Läget i länet", "Resurser och utveckling"]
    assert {"Regional lägesbild", "Samverkan med polisregionen"} <= {label.text().replace("&", "") for label in tabs.widget(2).findChildren(QLabel)}


def test_confirm_and_delete_then_undo_restores(qtbot, service, register, stack, monkeypatch):
    records = [add(register, "activity", title=f"Träff {n}") for n in range(2)]
    asked = []

    def answer(choice):
        def exec_(box):
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == choice).click()
            return 0
        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer("Avbryt"))
    assert not confirm_and_delete(None, service, stack, "activity", [records[0].id])
    assert not service.load("activity", records[0].id).deleted
    monkeypatch.setattr(QMessageBox, "exec", answer("Ta bort"))
    assert confirm_and_delete(None, service, stack, "activity", [r.id for r in records])
    assert asked == ["Vill du ta bort «Träff 0»?", "Vill du ta bort 2 aktiviteter?"]
    assert all(service.load("activity", r.id).deleted for r in records)
    assert stack.undoText() == "Ta bort 2 aktiviteter"
    stack.undo()
    assert not any(service.load("activity", r.id).deleted for r in records)


def test_another_producers_records_are_not_offered_for_deletion(qtbot, service, register, stack, message_boxes):
    with register.session() as session:
        theirs = create_record(session, KINDS["organisation"], {"name": "Region Uppsala", "org_type": "REGION"},
                               user="uppsala", origin="03", reference=load_reference(session))
        session.commit()
    assert not confirm_and_delete(None, service, stack, "organisation", [theirs.id])
    assert message_boxes == ["1 av posterna kommer från andra och kan bara tas bort där de skapades."]
    assert stack.count() == 0


def test_a_municipality_is_ticked_by_keyboard_alone(qtbot, service):
    """Search, Down into the list, Space to tick; Tab from the search reaches the list, not past it."""
    dialog = open_dialog(qtbot, service, "activity")
    editor = dialog.form.editor("municipalities")
    [tabs] = dialog.findChildren(QTabWidget)
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(editor)))
    checklist = editor.checklist
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    checklist.filter_edit.setFocus()
    type_text(checklist.filter_edit, "solna")
    qtbot.keyClick(checklist.filter_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is checklist.list_view
    qtbot.keyClick(checklist.list_view, Qt.Key.Key_Space)
    assert checklist.model.checked() == {"0184"}
    checklist.filter_edit.setFocus()
    qtbot.keyClick(checklist.filter_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is checklist.list_view
    qtbot.keyClick(checklist.list_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is checklist.only_checked


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_control_of_every_field_has_a_name_for_screen_readers(qtbot, service, kind):
    """The label names the field's wrapper; a screen reader announces the control a person lands on."""
    dialog = open_dialog(qtbot, service, kind)
    for spec in KINDS[kind].fields:
        editor = dialog.form.editor(spec.name)
        assert editor.focusProxy().accessibleName() == spec.label_sv, spec.name
        unnamed = [type(c).__name__ for c in editor.findChildren(QWidget)
                   if c.focusPolicy() != Qt.FocusPolicy.NoFocus and not c.accessibleName()]
        assert not unnamed, (spec.name, unnamed)
    if kind == "activity":
        assert dialog.form.editor("start_date").calendar_button.accessibleName() == "Startdatum: Välj i kalendern"


def test_a_new_form_takes_what_is_typed_in_its_first_field(qtbot, service):
    dialog = open_dialog(qtbot, service, "activity")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.form.editor("title").line_edit


def test_the_history_of_a_record_and_going_back_to_a_version(qtbot, service, register):
    activity = add(register, "activity", title="Träff")
    with register.session() as session:
        update_record(session, KINDS["activity"], activity.id, {**activity.content, "title": "Länsträff"},
                      user="anna", reference=load_reference(session))
        session.commit()
    dialog = open_dialog(qtbot, service, "activity", service.load("activity", activity.id))
    chosen = {}

    def look(history: HistoryDialog) -> int:
        rows = [history.changes_table.item(row, 1).text() for row in range(history.changes_table.rowCount())]
        assert rows == ["Ändrad", "Skapad"]
        assert not history.restore_button.isEnabled()  # the newest is the record as it is
        history.changes_table.selectRow(1)
        assert history.fields_table.item(0, 0).text() == "Rubrik" and history.fields_table.item(0, 2).text() == "Träff"
        history.restore_button.click()
        chosen["content"] = history.chosen
        return history.result()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(HistoryDialog, "exec", look)
        dialog.history_button.click()
    assert chosen["content"]["title"] == "Träff"
    assert dialog.form.editor("title").value() == "Träff" and dialog.is_dirty()
    assert dialog.save_button.isEnabled()  # saved as any edit: checked, logged, undoable


def test_return_in_the_calendar_picks_the_day(qtbot, service):
    dialog = open_dialog(qtbot, service, "activity")
    editor = dialog.form.editor("start_date")
    editor.calendar.setSelectedDate(QDate(2026, 4, 2))
    qtbot.keyClick(editor.calendar.findChild(QWidget, "qt_calendar_calendarview"), Qt.Key.Key_Return)
    assert editor.value() == date(2026, 4, 2)


def test_each_field_label_has_its_own_mnemonic_on_its_page():
    taken: set[str] = set()
    assert [with_mnemonic(text, taken) for text in ("Startdatum", "Slutdatum", "Typ av aktivitet", "Ämnesområden", "R&D")] == [
        "&Startdatum", "S&lutdatum", "&Typ av aktivitet", "&Ämnesområden", "&R&&D"]
    assert with_mnemonic("Antal deltagare", {"a"}) == "Antal &deltagare"  # a word's first letter before others
    assert with_mnemonic("St", {"s", "t"}) == "St"  # no letter free: no mnemonic


def test_a_fields_label_gives_it_a_mnemonic_of_its_own(qtbot, service):
    """Alt and the underlined letter go to the label's buddy, the field (Qt's QLabel does that)."""
    dialog = open_dialog(qtbot, service, "activity")
    label = next(lab for lab in dialog.findChildren(QLabel) if lab.buddy() is dialog.form.editor("start_date"))
    assert label.text() == "St&artdatum *"  # R, T and S went to Rubrik, Typ av aktivitet and Status
    assert QKeySequence.mnemonic(label.text()) == QKeySequence("Alt+A")
    assert label.buddy().focusProxy() is dialog.form.editor("start_date").line_edit
