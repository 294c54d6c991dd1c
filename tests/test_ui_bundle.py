"""The bundle dialogs driven as a user would: export, the import wizard (counts, diffs, conflicts,
problems, broken files, several files), the import history with undo, and the worker thread."""

from __future__ import annotations

import gc
import re
import tempfile
import threading
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, QSettings, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QLabel, QMessageBox
from sqlalchemy import func, select

from bra_desktop.bundle import importer
from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import Cancelled, export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.reader import read_bundle
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import BundleReceipt, SyncBase
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_record, update_record
from bra_desktop.ui.bundle import export_dialog
from bra_desktop.ui.bundle.export_dialog import ExportDialog
from bra_desktop.ui.bundle.history_dialog import HistoryDialog
from bra_desktop.ui.bundle.import_wizard import ImportWizard
from bra_desktop.ui.bundle.plan_model import (
    BASE_COLUMN, CHOICE_COLUMN, DECIDED, INCOMING_COLUMN, LOCAL_COLUMN, NOTES_COLUMN, UNDECIDED, PlanTreeModel,
)
from bra_desktop.ui.folders import IMPORT, Folders, documents_folder
from bra_desktop.ui.main_window import MainWindow
from bra_desktop.ui.service import RegisterService

from conftest import accept_edits, add
from test_bundle_import import snapshot
from ui_walk import cut_texts
from workbook_edits import EditedBundle
from workbook_edits import edit_both_sides as conflicting_edit

WAIT_MS = 20_000


@pytest.fixture
def service(register):
    return RegisterService(register, "anna")


@pytest.fixture
def county_data(register):
    network = add(register, "network", name="Länsnätverket")
    org = add(register, "organisation", name="Polisen Syd", contact_name="Eva Ek", contact_email="eva@example.se")
    activities = [
        add(register, "activity", title=f"Träff {n}", start_date=date(2026, 1, n + 1), network_id=network.id,
            organisations=[org.id], participants=n * 5)
        for n in range(3)
    ]
    add(register, "commitment", title="Lägesbild", responsible_org_id=org.id)
    return {"network": network, "org": org, "activities": activities}


def finish(qtbot, operation) -> None:
    """Let the UI thread run until the operation on the worker has reported back."""
    with qtbot.waitSignal(operation.sig_finished, timeout=WAIT_MS):
        pass


def export_dialog_for(qtbot, service) -> ExportDialog:
    dialog = ExportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def wizard_for(qtbot, service, *paths: Path) -> ImportWizard:
    wizard = ImportWizard(service)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.add_files(list(paths))
    return wizard


def read_files(qtbot, wizard: ImportWizard) -> None:
    """Click Läs in and wait for the first file to be checked and planned."""
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    finish(qtbot, wizard.operation)


def accept_edited_file(wizard: ImportWizard) -> None:
    """Tick the box that reads a file edited after signing, which the import waits for (the tests edit
    the bundles as Excel would)."""
    assert wizard.reason.text().startswith("Bekräfta först: Filen är ändrad efter signering")
    box = wizard.preview.findChild(QCheckBox, "accept_edited")
    assert box.isVisible() and not box.isChecked()
    box.click()


def click_import(qtbot, wizard: ImportWizard) -> None:
    assert wizard.next_button.text() == "Importera" and wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    finish(qtbot, wizard.operation)


def tree_rows(model: PlanTreeModel, parent: QModelIndex = QModelIndex()) -> list[QModelIndex]:
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def find_row(model: PlanTreeModel, *path: str) -> QModelIndex:
    """The tree row reached by the texts of its first column: group, record, field."""
    index = QModelIndex()
    for text in path:
        (index,) = [i for i in tree_rows(model, index) if i.data() == text]
    return index


def cells(index: QModelIndex) -> list[str]:
    return [index.siblingAtColumn(c).data() or "" for c in range(index.model().columnCount())]


def count_of(wizard: ImportWizard, action: Action) -> str:
    return wizard.preview.findChild(QLabel, f"count_{action.value}").text()


def when_modal(kind: type, act) -> None:
    """Act on the next modal dialog of `kind` once its event loop runs (as a user would click)."""

    def poll(left: int = 500) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def receipts(register, direction: str) -> int:
    with register.session() as session:
        return session.scalar(select(func.count()).select_from(BundleReceipt).where(BundleReceipt.direction == direction))


# --- export ---


def test_export_offers_the_standard_name_in_the_documents_folder(qtbot, service, county_data):
    dialog = export_dialog_for(qtbot, service)
    target = dialog.target()
    assert target.parent == documents_folder()
    assert re.fullmatch(r"bra-paket_01_\d{8}-\d{4}\.xlsx", target.name)
    assert dialog.full_button.isChecked() and not dialog.contacts_box.isChecked()
    assert not dialog.changes_button.isEnabled()  # nothing exported yet: "changes" would be everything
    assert "personuppgifter" in " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_export_through_the_dialog_writes_a_readable_bundle(qtbot, service, county_data, tmp_path, monkeypatch):
    folders = Folders(QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat))
    dialog = ExportDialog(service, folders=folders)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target().parent == documents_folder()  # nothing exported yet
    dialog.path_edit.setText(str(tmp_path))  # a folder: the standard name goes inside it
    assert re.fullmatch(r"bra-paket_01_\d{8}-\d{4}\.xlsx", dialog.target().name)
    dialog.path_edit.setText(str(tmp_path / "till-bra"))  # the .xlsx is added
    dialog.contacts_box.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and not dialog.export_button.isEnabled()
    assert cut_texts(dialog) == []  # the dialog grew for the progress bar; the personal-data note is whole
    finish(qtbot, dialog.operation)
    assert cut_texts(dialog) == []

    path = tmp_path / "till-bra.xlsx"
    contents = read_bundle(path)
    assert contents.info.producer == "01" and contents.info.personal_data and contents.info.scope == "full"
    assert len(contents.rows["activity"]) == 3 and not contents.rejected
    org = next(row for row in contents.rows["organisation"])
    assert org.content["contact_email"] == "eva@example.se"
    assert str(path) in dialog.outcome.text() and "6 poster" in dialog.outcome.text()
    assert "Kontaktuppgifter ingår." in dialog.outcome.text()
    assert receipts(service.register, "export") == 1

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]

    again = ExportDialog(service, folders=folders)
    qtbot.addWidget(again)
    assert again.changes_button.isEnabled()  # now there is an export to count changes from
    assert again.target().parent == tmp_path  # where the last bundle went


def test_the_import_wizard_opens_where_bundles_were_last_chosen(qtbot, service, bundle, tmp_path, monkeypatch):
    folders = Folders(QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat))
    started_in: list[str] = []

    def choose(_parent, _title, folder, _filter):
        started_in.append(folder)
        return [str(bundle)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    for _ in range(2):
        wizard = ImportWizard(service, folders=folders)
        qtbot.addWidget(wizard)
        wizard.choose_files()
        assert wizard.files == [bundle]
    assert started_in == [str(documents_folder()), str(bundle.parent)]
    bundle.parent.rename(tmp_path.parent / "flyttad")
    assert folders.folder(IMPORT) == documents_folder()  # a folder gone since is not offered


def collect_abandoned_sheets() -> None:
    """Collect a cancelled export's write-only sheets now, in the test that made them: collected
    later, inside pytest's own parsing, Python 3.11.7 fails with "AST constructor recursion depth
    mismatch"."""
    gc.collect()


def gated(monkeypatch, module, name: str, gate_argument: str):
    """Wrap `module.name` so the job, on the worker, waits at its first `gate_argument` call.

    Returns (started, proceed, threads): set when the job reached the gate, set by the test to let it
    go on, and the threads the job ran on.
    """
    started, proceed, threads = threading.Event(), threading.Event(), []
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        threads.append(threading.current_thread())
        passed = kwargs[gate_argument]

        def gate(*gate_args):
            started.set()
            assert proceed.wait(WAIT_MS / 1000)
            return passed(*gate_args) if passed is not None else None

        return real(*args, **{**kwargs, gate_argument: gate})

    monkeypatch.setattr(module, name, wrapper)
    return started, proceed, threads


def test_cancelling_an_export_leaves_no_file_and_no_receipt(qtbot, service, county_data, tmp_path, monkeypatch):
    started, proceed, _ = gated(monkeypatch, export_dialog, "export_in_process", "cancelled")
    dialog = export_dialog_for(qtbot, service)
    dialog.path_edit.setText(str(tmp_path / "avbruten.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.label.text() == "Avbryter…"
    proceed.set()
    with qtbot.waitSignal(dialog.operation.sig_cancelled, timeout=WAIT_MS):
        pass

    assert list(tmp_path.glob("*.xlsx*")) == [] and not list(tmp_path.glob(".*"))
    assert receipts(service.register, "export") == 0
    with service.register.session() as session:
        assert session.scalars(select(SyncBase)).first() is None
    assert "avbröts" in dialog.outcome.text()
    assert dialog.export_button.isEnabled() and dialog.path_edit.isEnabled()
    collect_abandoned_sheets()


def test_a_cancelled_export_leaves_no_temporary_files(register, county_data, tmp_path, monkeypatch):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    with pytest.raises(Cancelled):
        export_bundle(register, tmp_path / "x.xlsx", user="anna", with_contacts=True, cancelled=lambda: True)
    collect_abandoned_sheets()
    assert list(temporary.iterdir()) == []


def test_closing_the_export_dialog_while_it_runs_cancels_and_then_closes(qtbot, service, county_data, tmp_path, monkeypatch):
    started, proceed, _ = gated(monkeypatch, export_dialog, "export_in_process", "cancelled")
    dialog = export_dialog_for(qtbot, service)
    dialog.path_edit.setText(str(tmp_path / "stängd.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    dialog.close()
    assert dialog.isVisible()  # still there until the export has stopped
    proceed.set()
    finish(qtbot, dialog.operation)
    assert not dialog.isVisible() and not (tmp_path / "stängd.xlsx").exists()
    collect_abandoned_sheets()


def test_export_asks_before_replacing_a_file(qtbot, service, county_data, tmp_path):
    existing = tmp_path / "finns.xlsx"
    existing.write_bytes(b"old")
    dialog = export_dialog_for(qtbot, service)
    dialog.path_edit.setText(str(existing))
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.operation is None and existing.read_bytes() == b"old"


# --- import ---


@pytest.fixture
def bundle(register, county_data, tmp_path) -> Path:
    return export_bundle(register, tmp_path / "bra-paket_01.xlsx", user="anna").path


def test_the_wizard_shows_counts_and_the_diff_of_a_changed_field(qtbot, qtmodeltester, service, county_data, bundle, tmp_path):
    first, second, third = county_data["activities"]
    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", first.id, "Antal deltagare", 99)
    edited.delete_row("Aktiviteter", third.id)
    edited.add_row("Aktiviteter", {"Rubrik": "Ny träff från Brå", "Typ av aktivitet": "KONFERENS",
                                   "Status": "PLANERAD", "Startdatum": "2026-09-01",
                                   "Nätverk": county_data["network"].id})
    path = edited.save(tmp_path / "edited.xlsx")

    wizard = wizard_for(qtbot, service, path)
    read_files(qtbot, wizard)
    assert wizard.pages.currentWidget() is wizard.preview
    counts = {action: count_of(wizard, action) for action in Action}
    assert counts == {Action.NEW: "1", Action.UNCHANGED: "4", Action.UPDATE: "1", Action.KEEP_LOCAL: "0",
                      Action.MERGE: "0", Action.CONFLICT: "0", Action.DELETE: "1", Action.REJECTED: "0"}
    model = wizard.preview.model
    qtmodeltester.check(model)
    assert [i.data() for i in tree_rows(model)] == ["Uppdateras (1)", "Tas bort (1)", "Nya (1)"]
    record = find_row(model, "Uppdateras (1)", "Aktivitet «Träff 0»")
    assert record.siblingAtColumn(NOTES_COLUMN).data() == "ändrad i Excel"
    field = find_row(model, "Uppdateras (1)", "Aktivitet «Träff 0»", "Antal deltagare")
    assert cells(field)[:CHOICE_COLUMN + 1] == ["Antal deltagare", "0", "99", "0", "Filens version"]
    assert wizard.preview.tree.isExpanded(record)  # a small plan opens with its diffs showing
    deleted = find_row(model, "Tas bort (1)", "Aktivitet «Träff 2»", "Borttagen")
    assert cells(deleted)[LOCAL_COLUMN:BASE_COLUMN + 1] == ["nej", "ja", "nej"]
    new_title = find_row(model, "Nya (1)", "Aktivitet «Ny träff från Brå»", "Rubrik")
    assert cells(new_title)[LOCAL_COLUMN:BASE_COLUMN + 1] == ["", "Ny träff från Brå", ""]
    new_type = find_row(model, "Nya (1)", "Aktivitet «Ny träff från Brå»", "Typ av aktivitet")
    assert cells(new_type)[INCOMING_COLUMN] == "Konferens/seminarium"  # a code by its label, as in the tables
    new_network = find_row(model, "Nya (1)", "Aktivitet «Ny träff från Brå»", "Nätverk")
    assert cells(new_network)[INCOMING_COLUMN] == "Länsnätverket"  # a link by the name of the record it leads to
    assert not wizard.next_button.isEnabled()
    accept_edited_file(wizard)
    assert wizard.reason.text() == "" and wizard.next_button.isEnabled()
    assert wizard.preview.decisions.isVisible()  # no conflicts, but a record cut from the file may be kept

    with qtbot.waitSignal(service.sig_changed, timeout=WAIT_MS) as told:
        click_import(qtbot, wizard)
    (changes,) = told.args
    assert first.id in changes.ids("activity") and third.id in changes.ids("activity")  # what the import wrote
    assert not changes.code_lists and not changes.ids("network")  # nothing else was written
    with service.register.session() as session:
        assert load_record(session, KINDS["activity"], first.id).content["participants"] == 99
        assert load_record(session, KINDS["activity"], third.id).deleted
    result = wizard.result_text.toPlainText()
    assert "Inläst: 3 poster ändrade." in result and "Säkerhetskopia från före importen:" in result
    assert wizard.close_button.text() == "Stäng" and not wizard.next_button.isVisible()


def edit_both_sides(register, county_data, bundle, tmp_path) -> tuple:
    """The file and the register change the same activity's title; the file also its participants."""
    activity = county_data["activities"][0]
    return activity, conflicting_edit(register, activity, bundle, tmp_path)


def activity_content(service, activity_id: str) -> dict:
    with service.register.session() as session:
        return load_record(session, KINDS["activity"], activity_id).content


def test_a_conflict_blocks_import_until_the_field_is_decided(qtbot, qtmodeltester, service, county_data, bundle, tmp_path):
    activity, path = edit_both_sides(service.register, county_data, bundle, tmp_path)
    wizard = wizard_for(qtbot, service, path)
    read_files(qtbot, wizard)
    assert count_of(wizard, Action.CONFLICT) == "1"
    assert not wizard.next_button.isEnabled()
    assert wizard.reason.text().startswith("1 konflikt är inte avgjord.")

    model = wizard.preview.model
    title = find_row(model, "Konflikter (1)", "Aktivitet «Brås rubrik»", "Rubrik")
    participants = find_row(model, "Konflikter (1)", "Aktivitet «Brås rubrik»", "Antal deltagare")
    assert cells(title)[:CHOICE_COLUMN + 1] == ["Rubrik", "Min rubrik", "Brås rubrik", "Träff 0", "Att avgöra"]
    assert title.data(Qt.ItemDataRole.BackgroundRole) == UNDECIDED
    assert participants.data(Qt.ItemDataRole.BackgroundRole) is None  # changed on one side only: merges
    assert cells(participants)[CHOICE_COLUMN] == "Filens version"

    preview = wizard.preview
    assert preview.tree.currentIndex() == title  # it opens on the first conflict, its values in full below
    assert [preview.details.values[c].toPlainText() for c in (LOCAL_COLUMN, INCOMING_COLUMN, BASE_COLUMN)] == [
        "Min rubrik", "Brås rubrik", "Träff 0"]
    preview.tree.setCurrentIndex(participants)
    assert not preview.take_button.isEnabled()  # nothing to decide on that row
    preview.tree.setCurrentIndex(title)
    with qtbot.waitSignal(model.dataChanged):
        qtbot.mouseClick(preview.take_button, Qt.MouseButton.LeftButton)
    assert title.siblingAtColumn(CHOICE_COLUMN).data() == "Filens version"
    assert title.data(Qt.ItemDataRole.BackgroundRole) == DECIDED
    assert find_row(model, "Konflikter (1)").siblingAtColumn(CHOICE_COLUMN).data() == "Alla avgjorda"
    qtmodeltester.check(model)
    accept_edited_file(wizard)
    assert wizard.next_button.isEnabled() and wizard.reason.text() == ""

    click_import(qtbot, wizard)
    content = activity_content(service, activity.id)
    assert content["title"] == "Brås rubrik" and content["participants"] == 40


@pytest.mark.parametrize(("button", "title"), [("keep_all_button", "Min rubrik"), ("take_all_button", "Brås rubrik")])
def test_all_conflicts_decided_at_once(qtbot, service, county_data, bundle, tmp_path, button, title):
    activity, path = edit_both_sides(service.register, county_data, bundle, tmp_path)
    wizard = wizard_for(qtbot, service, path)
    read_files(qtbot, wizard)
    qtbot.mouseClick(getattr(wizard.preview, button), Qt.MouseButton.LeftButton)
    accept_edited_file(wizard)
    click_import(qtbot, wizard)
    assert activity_content(service, activity.id)["title"] == title


def test_a_whole_record_is_decided_from_its_row(qtbot, service, county_data, bundle, tmp_path):
    activity, path = edit_both_sides(service.register, county_data, bundle, tmp_path)
    wizard = wizard_for(qtbot, service, path)
    read_files(qtbot, wizard)
    record = find_row(wizard.preview.model, "Konflikter (1)", "Aktivitet «Brås rubrik»")
    wizard.preview.tree.setCurrentIndex(record)
    qtbot.mouseClick(wizard.preview.keep_button, Qt.MouseButton.LeftButton)
    assert record.siblingAtColumn(CHOICE_COLUMN).data() == "Avgjord"
    accept_edited_file(wizard)
    click_import(qtbot, wizard)
    content = activity_content(service, activity.id)
    assert content["title"] == "Min rubrik" and content["participants"] == 40


def test_a_record_whose_row_was_cut_from_the_file_can_be_kept(qtbot, service, county_data, bundle, tmp_path):
    """A row missing from one's own full bundle reads as deleted in Excel; the preview says so and
    lets the person keep the record ("Min version") instead (issue 17)."""
    kept = county_data["activities"][2]
    edited = EditedBundle(bundle)
    edited.delete_row("Aktiviteter", kept.id)
    wizard = wizard_for(qtbot, service, edited.save(tmp_path / "kortad.xlsx"))
    read_files(qtbot, wizard)
    accept_edited_file(wizard)
    assert wizard.preview.decisions.isVisible()
    record = find_row(wizard.preview.model, "Tas bort (1)", f"Aktivitet «{kept.content['title']}»")
    assert record.siblingAtColumn(NOTES_COLUMN).data().startswith("raden saknas i filen, fast samma avsändare")
    assert record.siblingAtColumn(CHOICE_COLUMN).data() == "Filens version"
    wizard.preview.tree.setCurrentIndex(record)
    assert wizard.preview.keep_button.isEnabled()
    qtbot.mouseClick(wizard.preview.keep_button, Qt.MouseButton.LeftButton)
    assert record.siblingAtColumn(CHOICE_COLUMN).data() == "Min version"
    assert wizard.plan.counts()[Action.DELETE] == 0
    click_import(qtbot, wizard)
    with service.register.session() as session:
        assert not load_record(session, KINDS["activity"], kept.id).deleted


def test_keeping_records_cut_from_the_file_can_lift_the_mass_delete_question(qtbot, service, tmp_path):
    activities = [add(service.register, "activity", title=f"Träff {n:02}") for n in range(15)]
    edited = EditedBundle(export_bundle(service.register, tmp_path / "a.xlsx", user="anna").path)
    for activity in activities[:12]:
        edited.delete_row("Aktiviteter", activity.id)
    wizard = wizard_for(qtbot, service, edited.save(tmp_path / "kortad.xlsx"))
    read_files(qtbot, wizard)
    mass = wizard.preview.findChild(QCheckBox, "allow_mass_delete")
    assert mass.isVisible() and "12 av 15 poster" in mass.text()
    for number in (0, 1):
        wizard.preview.tree.setCurrentIndex(find_row(wizard.preview.model, "Tas bort (12)", f"Aktivitet «Träff {number:02}»"))
        qtbot.mouseClick(wizard.preview.keep_button, Qt.MouseButton.LeftButton)
    assert not mass.isVisible()
    assert "tar bort" not in wizard.reason.text()


def test_a_register_changed_during_the_preview_is_imported_into_unless_that_asks_something_new(
        qtbot, service, county_data, bundle, tmp_path):
    """A record added during the preview is no part of the plan: the import goes ahead. The same
    field edited in the register as in the file is a new conflict: nothing is imported, and the
    file read again shows it."""
    first = county_data["activities"][0].id
    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", first, "Rubrik", "Ändrad av Brå")
    wizard = wizard_for(qtbot, service, edited.save(tmp_path / "e.xlsx"))
    read_files(qtbot, wizard)
    accept_edited_file(wizard)
    add(service.register, "activity", title="Under förhandsgranskningen")
    with service.register.session() as session:
        update_record(session, KINDS["activity"], first, {**activity_content(service, first), "title": "Ändrad här"},
                      user="anna", reference=load_reference(session))
        session.commit()
    before = snapshot(service.register)
    click_import(qtbot, wizard)
    assert "Registret har ändrats sedan förhandsgranskningen." in wizard.result_text.toPlainText()
    assert snapshot(service.register) == before and receipts(service.register, "import") == 0
    assert wizard.next_button.text() == "Läs in filen igen"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    finish(qtbot, wizard.operation)
    assert [(d.field, d.local, d.incoming) for r in wizard.plan.conflicts for d in r.conflicts] == [
        ("title", "Ändrad här", "Ändrad av Brå")]

    other = EditedBundle(bundle)
    other.set("Aktiviteter", county_data["activities"][1].id, "Rubrik", "Också ändrad av Brå")
    again = wizard_for(qtbot, service, other.save(tmp_path / "e2.xlsx"))
    read_files(qtbot, again)
    accept_edited_file(again)
    add(service.register, "activity", title="Under den andra förhandsgranskningen")
    third = county_data["activities"][2].id  # in the plan, unchanged in the file: edited here, no conflict
    with service.register.session() as session:
        update_record(session, KINDS["activity"], third, {**activity_content(service, third), "title": "Ändrad här med"},
                      user="anna", reference=load_reference(session))
        session.commit()
    click_import(qtbot, again)
    assert activity_content(service, county_data["activities"][1].id)["title"] == "Också ändrad av Brå"
    assert activity_content(service, third)["title"] == "Ändrad här med"
    assert "filen planerades på nytt och lästes in så" in again.result_text.toPlainText()


def test_a_broken_file_shows_the_swedish_error_and_changes_nothing(qtbot, service, county_data, tmp_path):
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(b"not a zip")
    before = snapshot(service.register)
    wizard = wizard_for(qtbot, service, broken)
    read_files(qtbot, wizard)
    assert wizard.error_text.isVisible()
    text = wizard.error_text.toPlainText()
    assert "Filen kan inte importeras. Ingenting har ändrats." in text
    assert "Filen x.xlsx är ingen Excel-fil (xlsx)." in text
    assert not wizard.next_button.isVisible() and wizard.close_button.text() == "Stäng"
    assert snapshot(service.register) == before and receipts(service.register, "import") == 0


def test_several_files_are_read_into_one_overview(qtbot, service, county_data, bundle, tmp_path):
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(b"not a zip")
    wizard = wizard_for(qtbot, service, broken, bundle)
    read_files(qtbot, wizard)  # both files are read before anything is shown (tests/test_ui_batch_import.py)
    assert wizard.pages.currentWidget() is wizard.overview
    model = wizard.overview.model
    assert model.status(model.entry(0)).startswith("kunde inte läsas: Filen trasig.xlsx är ingen Excel-fil (xlsx).")
    assert model.index(1, model.UNCHANGED).data() == "6"
    assert wizard.next_button.text() == "Importera valda filer (1)"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    finish(qtbot, wizard.operation)  # nothing changes, but the receipt records the exchange
    assert "2. bra-paket_01.xlsx (Stockholms län): inläst: ingenting behövde ändras" in wizard.result_text.toPlainText()

    again = wizard_for(qtbot, service, bundle)
    read_files(qtbot, again)
    assert "redan inläst" in again.preview.already.text()
    assert not again.next_button.isVisible()  # nothing to apply
    assert "inget att importera" in again.reason.text()


def test_rejected_rows_and_the_report_save_to_xlsx(qtbot, service, county_data, bundle, tmp_path, monkeypatch):
    edited = EditedBundle(bundle)
    row = edited.add_row("Aktiviteter", {"Rubrik": "Trasig", "Typ av aktivitet": "KONFERENS", "Status": "PLANERAD",
                                         "Startdatum": "inte ett datum"})
    path = edited.save(tmp_path / "med-fel.xlsx")
    wizard = wizard_for(qtbot, service, path)
    read_files(qtbot, wizard)
    preview = wizard.preview
    assert count_of(wizard, Action.REJECTED) == "1"
    assert preview.tabs.tabText(1) == "Problem (1)"
    problems = preview.problems_model
    assert [problems.item(0, c).text() for c in range(4)] == ["Avvisad rad", "Aktiviteter", str(row), "Startdatum"]
    assert "är inget datum" in problems.item(0, 4).text()

    chosen = iter([tmp_path / "ut" / "avvisade.xlsx", tmp_path / "ut" / "rapport.xlsx"])
    asked: list[str] = []

    def save_name(parent, title, default, filters):
        asked.append(Path(default).name)
        target = next(chosen)
        target.parent.mkdir(exist_ok=True)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    qtbot.mouseClick(preview.save_rejected_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(tmp_path / "ut" / "avvisade.xlsx")["Aktiviteter"]
    assert sheet.cell(1, 1).value == "Problem" and "är inget datum" in sheet.cell(2, 1).value
    assert sheet.cell(2, 2).value == row
    qtbot.mouseClick(preview.save_report_button, Qt.MouseButton.LeftButton)
    assert "Ändringar" in load_workbook(tmp_path / "ut" / "rapport.xlsx").sheetnames
    assert asked == ["avvisade_med-fel.xlsx", "rapport_med-fel.xlsx"]
    assert preview.saved.text() == f"Sparat: {tmp_path / 'ut' / 'rapport.xlsx'}"


def test_the_ui_stays_responsive_and_reading_can_be_cancelled(qtbot, service, county_data, bundle, monkeypatch):
    started, proceed, threads = gated(monkeypatch, importer, "BundleReader", "progress")
    wizard = wizard_for(qtbot, service, bundle)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert threads and threads[0] is not threading.main_thread()
    ticks = QTimer(wizard)
    ticks.setInterval(5)
    ticks.start()
    with qtbot.waitSignal(ticks.timeout, timeout=WAIT_MS):  # the UI thread runs while the job waits
        pass
    qtbot.mouseClick(wizard.progress.cancel_button, Qt.MouseButton.LeftButton)
    proceed.set()
    with qtbot.waitSignal(wizard.operation.sig_cancelled, timeout=WAIT_MS):
        pass
    assert wizard.pages.currentIndex() == 0
    assert wizard.files_status.text() == "Inläsningen avbröts. Ingenting har ändrats."
    assert receipts(service.register, "import") == 0


# --- history and undo ---


def import_a_change(service, county_data, bundle, tmp_path) -> Path:
    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", county_data["activities"][0].id, "Rubrik", "Ändrad av Brå")
    path = edited.save(tmp_path / "bra-paket_01_ändrad.xlsx")
    apply_plan(service.register, accept_edits(prepare_import(service.register, path)), user="anna")
    return path


def history_for(qtbot, service) -> HistoryDialog:
    dialog = HistoryDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_history_shows_the_receipt_and_undo_restores_the_register(qtbot, service, county_data, bundle, tmp_path,
                                                                  monkeypatch):
    from bra_desktop.ui.bundle import history_dialog

    threads = []
    real_undo = history_dialog.undo_import
    monkeypatch.setattr(history_dialog, "undo_import",
                        lambda *args, **kwargs: (threads.append(threading.current_thread()), real_undo(*args, **kwargs))[1])
    before = snapshot(service.register)
    import_a_change(service, county_data, bundle, tmp_path)
    dialog = history_for(qtbot, service)
    row = [dialog.model.item(0, c).text() for c in range(dialog.model.columnCount())]
    assert row[1:] == ["bra-paket_01_ändrad.xlsx", "Stockholms län (01)", "oförändrade 5, uppdateras 1", "anna", ""]
    assert "uppdateras: 1" in dialog.report.toPlainText()
    assert dialog.undo_button.isEnabled() and dialog.reason.text() == "Importen kan ångras."

    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    told = []
    service.sig_changed.connect(told.append)
    with qtbot.waitSignal(dialog.sig_undone, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert snapshot(service.register) == before
    assert [(set(c.records), len(c.ids("activity")), c.code_lists) for c in told] == [({"activity"}, 1, False)]
    assert threads and threads[0] is not threading.main_thread()  # undone on the worker: the window stays live
    assert dialog.model.item(0, 5).text() == "ångrad"
    assert not dialog.undo_button.isEnabled()
    assert "ångrad" in dialog.reason.text()
    dialog.table.selectRow(0)
    dialog.table.clearSelection()
    dialog.table.selectRow(0)
    assert dialog.reason.text() == "Importen är redan ångrad."


def test_history_says_why_an_import_can_no_longer_be_undone(qtbot, service, county_data, bundle, tmp_path):
    import_a_change(service, county_data, bundle, tmp_path)
    add(service.register, "activity", title="Senare")
    dialog = history_for(qtbot, service)
    assert not dialog.undo_button.isEnabled()
    assert "ändrats efter importen" in dialog.reason.text()


def test_the_arkiv_menu_opens_the_bundle_dialogs(qtbot, app_context, service, county_data):
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    archive = window.menuBar().actions()[0].menu()
    entries = {action.text(): action for action in archive.actions()}
    assert entries["Exportera paket…"].shortcut().toString() == "Ctrl+Shift+E"
    assert entries["Importera paket…"].shortcut().toString() == "Ctrl+Shift+I"
    for text, kind in (("Exportera paket…", ExportDialog), ("Importera paket…", ImportWizard),
                       ("Importhistorik…", HistoryDialog)):
        seen = []
        when_modal(kind, lambda dialog: (seen.append(dialog), dialog.reject()))
        entries[text].trigger()
        assert len(seen) == 1


def test_the_wizard_and_its_plan_go_once_it_is_closed(qtbot, app_context, service, bundle, monkeypatch):
    """The wizard is a child of the window: closed, it is deleted, and the plan it showed is freed
    (on a thread, in pieces) instead of staying in memory for the rest of the session."""
    import weakref

    from bra_desktop.ui.bundle import actions
    from bra_desktop.ui.main_window import MainWindow

    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    watched = {}

    def read_then_close(wizard: ImportWizard) -> int:
        wizard.add_files([bundle])
        read_files(qtbot, wizard)
        watched["plan"] = weakref.ref(wizard.plan)
        assert wizard.parent() is window
        return 0

    monkeypatch.setattr(ImportWizard, "exec", read_then_close)
    actions.open_import(window)
    assert watched["plan"]() is not None
    qtbot.waitUntil(lambda: watched["plan"]() is None, timeout=WAIT_MS)
    assert not window.findChildren(ImportWizard)


@pytest.mark.parametrize("dialog_class", [ExportDialog, HistoryDialog])
def test_the_export_and_history_dialogs_go_once_closed(qtbot, app_context, service, monkeypatch, dialog_class):
    from bra_desktop.ui.bundle import actions
    from bra_desktop.ui.main_window import MainWindow

    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    monkeypatch.setattr(dialog_class, "exec", lambda dialog: 0)
    (actions.open_export if dialog_class is ExportDialog else actions.open_history)(window)
    qtbot.waitUntil(lambda: not window.findChildren(dialog_class), timeout=WAIT_MS)


def test_bundles_go_to_the_home_folder_where_there_is_no_documents_folder(monkeypatch, tmp_path):
    missing = tmp_path / "Dokument"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(missing))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert documents_folder() == tmp_path
    missing.mkdir()
    assert documents_folder() == missing
