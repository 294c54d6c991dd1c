"""The import wizard with many files (issue 5): Brå reads county bundles in one go. Every file is
read and planned on the worker, shown as a row of one overview (producer, counts, conflicts,
problems, status), can be left out or opened to decide its conflicts, and the checked files are
applied in list order, each in its own transaction with its own receipt and undo."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QStyle, QStyleOptionViewItem
from sqlalchemy import select

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle import batch, importer
from bra_desktop.bundle.batch import State
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.undo import can_undo, import_history, undo_import
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import Activity, BundleReceipt
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_record, update_record
from bra_desktop.ui.bundle import import_wizard
from bra_desktop.ui.bundle.batch_page import BatchModel
from bra_desktop.ui.bundle.import_wizard import ImportWizard
from bra_desktop.ui.service import RegisterService

from conftest import add
from test_ui_bundle import gated, wizard_for

WAIT_MS = 30_000
COUNTIES = {"01": "Stockholms län", "12": "Skåne län", "14": "Västra Götalands län"}
M = BatchModel


@pytest.fixture
def counties(make_register):
    """Three county registers, each with a network and two activities of its own."""
    made = {}
    for code in COUNTIES:
        county = make_register(code)
        network = add(county, "network", name=f"Nätverket i län {code}")
        for n in range(2):
            add(county, "activity", title=f"Träff {n} i län {code}", network_id=network.id,
                start_date=date(2026, 2, n + 1))
        made[code] = county
    return made


@pytest.fixture
def brå(make_register):
    return make_register("BRA")


@pytest.fixture
def service(qtbot, brå):
    return RegisterService(brå, "analytiker")


@pytest.fixture
def bundles(counties, tmp_path) -> dict[str, Path]:
    """Each county's bundle, written as the county would send it."""
    folder = tmp_path / "inkorg"
    folder.mkdir()
    return {code: export_bundle(county, folder / f"bra-paket_{code}.xlsx", user=f"samordnare {code}").path
            for code, county in counties.items()}


def run(qtbot, wizard: ImportWizard) -> None:
    """Click the wizard's forward button (Läs in, Importera valda filer) and wait for the worker."""
    assert wizard.next_button.isVisible() and wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.operation.sig_finished, timeout=WAIT_MS):
        pass


def overview_of(qtbot, service, *paths: Path) -> ImportWizard:
    wizard = wizard_for(qtbot, service, *paths)
    run(qtbot, wizard)
    assert wizard.pages.currentWidget() is wizard.overview
    return wizard


def row(model: BatchModel, number: int) -> dict[str, object]:
    """A row of the overview as the person sees it: checkbox, texts, and whether the box can be ticked."""
    cells = {column: model.index(number, column).data() for column in range(model.columnCount())}
    check = model.index(number, M.CHECK)
    cells["checked"] = check.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    cells["checkable"] = bool(model.flags(check) & Qt.ItemFlag.ItemIsUserCheckable)
    return cells


def tick(model: BatchModel, number: int, checked: bool) -> bool:
    """Tick or clear a row's "Läs in" box, as a click on it does."""
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    return model.setData(model.index(number, M.CHECK), state.value, Qt.ItemDataRole.CheckStateRole)


def click_box(qtbot, wizard: ImportWizard, number: int) -> None:
    """Click a row's "Läs in" box with the mouse."""
    table = wizard.overview.table
    option = QStyleOptionViewItem()
    option.rect = table.visualRect(wizard.overview.model.index(number, M.CHECK))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def receipts(register) -> list[BundleReceipt]:
    with register.session() as session:
        return list(session.scalars(select(BundleReceipt).where(BundleReceipt.direction == "import")
                                    .order_by(BundleReceipt.id)))


def origins(register) -> list[str]:
    """The origin of every live activity, sorted."""
    with register.session() as session:
        return sorted(session.scalars(select(Activity.origin).where(Activity.deleted.is_(False))))


def test_the_overview_has_a_row_per_file_and_each_file_is_its_own_import(qtbot, qtmodeltester, service, bundles):
    paths = [bundles["12"], bundles["14"], bundles["01"]]
    wizard = overview_of(qtbot, service, *paths)
    model = wizard.overview.model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    for number, (path, code) in enumerate(zip(paths, ("12", "14", "01"))):
        cells = row(model, number)
        assert cells[M.FILE] == path.name and cells[M.PRODUCER] == COUNTIES[code]
        assert (cells[M.NEW], cells[M.UPDATED], cells[M.DELETED], cells[M.UNCHANGED]) == ("3", "0", "0", "0")
        assert (cells[M.CONFLICTS], cells[M.PROBLEMS]) == ("0", "0")
        assert cells[M.STATUS] == "klar att läsas in" and cells["checked"] and cells["checkable"]
        assert len(cells[M.CREATED]) == len("2026-03-12 14:05")
    assert wizard.next_button.text() == "Importera valda filer (3)"
    assert wizard.reason.text() == "3 av 3 filer är valda."
    assert "Skåne län" in wizard.overview.row_text.toPlainText()  # the chosen row in full

    told = []
    service.sig_changed.connect(told.append)
    run(qtbot, wizard)
    assert [len(changes.ids("activity")) for changes in told] == [6]  # the views are told once, after the whole batch
    assert wizard.pages.currentIndex() == import_wizard.RESULT
    text = wizard.result_text.toPlainText()
    for number, (path, code) in enumerate(zip(paths, ("12", "14", "01")), start=1):
        assert f"{number}. {path.name} ({COUNTIES[code]}): inläst: 3 poster ändrade" in text
    assert "Varje inläst fil har ett eget kvitto i Arkiv → Importhistorik." in text
    assert wizard.result_heading.text() == "Importen är klar: 3 av 3 valda filer är inlästa."
    assert wizard.close_button.text() == "Stäng" and not wizard.next_button.isVisible()

    made = receipts(service.register)
    assert [r.producer for r in made] == ["12", "14", "01"]  # in list order, a receipt each
    assert len({r.backup_file for r in made}) == 3
    assert origins(service.register) == ["01", "01", "12", "12", "14", "14"]
    # Each file is an import of its own: the newest can be undone alone (the history's undo is the newest first).
    newest, *older = import_history(service.register)
    assert newest.producer == "01" and can_undo(service.register, newest.id) is None
    assert all(can_undo(service.register, r.id) for r in older)
    undo_import(service.register, newest.id, user="analytiker")
    assert origins(service.register) == ["12", "12", "14", "14"]


def test_a_file_left_unchecked_is_not_imported(qtbot, service, bundles):
    wizard = overview_of(qtbot, service, bundles["12"], bundles["14"], bundles["01"])
    model = wizard.overview.model
    click_box(qtbot, wizard, 1)
    assert not row(model, 1)["checked"] and row(model, 1)[M.STATUS] == "lämnas utanför"
    assert wizard.next_button.text() == "Importera valda filer (2)"
    click_box(qtbot, wizard, 1)
    assert row(model, 1)["checked"] and wizard.next_button.text() == "Importera valda filer (3)"
    wizard.overview.none_button.click()
    assert not wizard.next_button.isEnabled() and wizard.reason.text() == "0 av 3 filer är valda."
    wizard.overview.all_button.click()
    assert tick(model, 1, False)

    run(qtbot, wizard)
    assert [r.producer for r in receipts(service.register)] == ["12", "01"]
    assert origins(service.register) == ["01", "01", "12", "12"]
    assert f"2. {bundles['14'].name} (Västra Götalands län): lämnas utanför" in wizard.result_text.toPlainText()


def test_a_broken_file_shows_its_error_in_its_row_and_the_others_import(qtbot, service, bundles, tmp_path):
    broken = tmp_path / "inkorg" / "trasig.xlsx"
    broken.write_text("det här är ett brev, inget paket", encoding="utf-8")
    wizard = overview_of(qtbot, service, bundles["12"], broken, bundles["14"])
    model = wizard.overview.model
    cells = row(model, 1)
    assert cells[M.STATUS].startswith("kunde inte läsas: Filen trasig.xlsx är ingen Excel-fil (xlsx).")
    assert not cells["checked"] and not cells["checkable"]
    assert cells[M.PRODUCER] is None and cells[M.NEW] is None
    assert not tick(model, 1, True)  # it cannot be ticked
    wizard.overview.select(1)
    assert not wizard.overview.details_button.isEnabled()
    assert "ingen Excel-fil" in wizard.overview.row_text.toPlainText()
    assert wizard.next_button.text() == "Importera valda filer (2)"

    run(qtbot, wizard)
    assert [r.producer for r in receipts(service.register)] == ["12", "14"]
    assert "2. trasig.xlsx: kunde inte läsas: Filen trasig.xlsx är ingen Excel-fil (xlsx)." in (
        wizard.result_text.toPlainText())
    assert wizard.result_heading.text() == "Importen är klar: 2 av 2 valda filer är inlästa."


def test_the_same_bundle_twice_is_imported_once(qtbot, service, bundles, tmp_path):
    copy = tmp_path / "inkorg" / "kopia av skåne.xlsx"
    shutil.copy(bundles["12"], copy)
    wizard = overview_of(qtbot, service, bundles["12"], bundles["14"], copy)
    model = wizard.overview.model
    assert row(model, 0)["checked"]
    cells = row(model, 2)
    assert cells[M.STATUS] == "samma fil som rad 1" and not cells["checked"] and not cells["checkable"]
    assert wizard.next_button.text() == "Importera valda filer (2)"

    run(qtbot, wizard)
    assert [r.producer for r in receipts(service.register)] == ["12", "14"]
    assert origins(service.register) == ["12", "12", "14", "14"]
    assert "3. kopia av skåne.xlsx (Skåne län): samma fil som rad 1" in wizard.result_text.toPlainText()


def test_a_file_already_imported_says_so_and_is_not_offered(qtbot, service, bundles):
    apply_plan(service.register, prepare_import(service.register, bundles["12"]), user="analytiker")
    wizard = overview_of(qtbot, service, bundles["12"], bundles["14"])
    cells = row(wizard.overview.model, 0)
    assert cells[M.STATUS].startswith("redan inläst 20") and not cells["checkable"] and not cells["checked"]
    assert cells[M.NEW] is None  # nothing of it would be applied
    assert wizard.next_button.text() == "Importera valda filer (1)"


def conflicting_bundle(counties, brå, tmp_path) -> tuple[str, Path]:
    """Skåne's activity retitled in Skåne after its first bundle reached Brå, and in Brå too: the
    second bundle conflicts with Brå's copy. Returns the activity's id and the second bundle."""
    skåne = counties["12"]
    first = export_bundle(skåne, tmp_path / "skåne-1.xlsx", user="s").path
    apply_plan(brå, prepare_import(brå, first), user="analytiker")
    with skåne.session() as session:
        activity = session.scalar(select(Activity).where(Activity.title == "Träff 0 i län 12"))
        activity_id = activity.id
    for register, title in ((skåne, "Skånes rubrik"), (brå, "Brås rubrik")):
        with register.session() as session:
            content = load_record(session, KINDS["activity"], activity_id).content
            update_record(session, KINDS["activity"], activity_id, {**content, "title": title}, user="x",
                          reference=load_reference(session))
            session.commit()
    return activity_id, export_bundle(skåne, tmp_path / "skåne-2.xlsx", user="s").path


def test_a_file_with_a_conflict_waits_until_it_is_decided_in_its_details(qtbot, service, counties, bundles, tmp_path):
    activity_id, second = conflicting_bundle(counties, service.register, tmp_path)
    wizard = overview_of(qtbot, service, second, bundles["14"])
    model, overview = wizard.overview.model, wizard.overview
    cells = row(model, 0)
    assert cells[M.CONFLICTS] == "1 / 1" and cells[M.STATUS] == "konflikter att avgöra"
    assert not cells["checked"] and not cells["checkable"] and not tick(model, 0, True)
    assert wizard.next_button.text() == "Importera valda filer (1)"
    assert wizard.reason.text() == "1 av 2 filer är valda. Filer med konflikter att avgöra innan de kan väljas: 1."

    overview.select(0)
    qtbot.mouseClick(overview.details_button, Qt.MouseButton.LeftButton)
    preview = wizard.preview
    assert wizard.pages.currentWidget() is preview and preview.plan is model.entry(0).plan
    assert wizard.next_button.text() == "Tillbaka till översikten" and wizard.next_button.isEnabled()
    assert wizard.reason.text().startswith("1 konflikt är inte avgjord.")
    assert preview.decisions.isVisible()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # back undecided: still waiting
    assert wizard.pages.currentWidget() is overview and not row(model, 0)["checked"]

    overview.table.doubleClicked.emit(model.index(0, M.FILE))  # a double-click opens the details too
    assert wizard.pages.currentWidget() is preview
    qtbot.mouseClick(preview.take_all_button, Qt.MouseButton.LeftButton)
    assert wizard.reason.text() == ""
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    cells = row(model, 0)
    assert cells[M.CONFLICTS] == "0 / 1" and cells[M.STATUS] == "klar att läsas in"
    assert cells["checked"] and cells["checkable"]
    assert wizard.next_button.text() == "Importera valda filer (2)"

    run(qtbot, wizard)
    with service.register.session() as session:
        assert load_record(session, KINDS["activity"], activity_id).content["title"] == "Skånes rubrik"
    assert [r.producer for r in receipts(service.register)] == ["12", "12", "14"]


def test_a_file_an_earlier_file_overtook_is_planned_again_and_imported(qtbot, service, counties, bundles, tmp_path):
    """Two bundles of one county in one batch, both planned before either is applied: the second
    carries the first one's records too, so it is planned again when its turn comes, and, since
    that asks nothing new, imported with the rest."""
    first = export_bundle(counties["14"], tmp_path / "vg-1.xlsx", user="v").path
    add(counties["14"], "activity", title="Senare träff")
    second = export_bundle(counties["14"], tmp_path / "vg-2.xlsx", user="v").path
    wizard = overview_of(qtbot, service, first, second, bundles["12"])
    run(qtbot, wizard)
    text = wizard.result_text.toPlainText()
    assert "1. vg-1.xlsx (Västra Götalands län): inläst: 3 poster ändrade" in text
    assert ("2. vg-2.xlsx (Västra Götalands län): inläst: 1 post ändrad (planerad på nytt: registret hade ändrats)"
            in text)
    assert "3. bra-paket_12.xlsx (Skåne län): inläst: 3 poster ändrade" in text
    assert wizard.result_heading.text() == "Importen är klar: 3 av 3 valda filer är inlästa."
    assert [r.producer for r in receipts(service.register)] == ["14", "14", "12"]
    assert origins(service.register).count("14") == 3


def test_the_wizard_and_the_command_line_plan_a_batch_alike(qtbot, service, counties, bundles, tmp_path):
    """The same files, the same register: the overview's plans and `bra-desktop import --dry-run`'s
    are the same plans, file by file (both are `bundle.batch`'s)."""
    add(counties["14"], "activity", title="Senare träff")
    later = export_bundle(counties["14"], tmp_path / "vg-2.xlsx", user="v").path
    copy = tmp_path / "kopia.xlsx"
    shutil.copyfile(bundles["12"], copy)
    paths = [bundles["12"], bundles["14"], later, copy]
    wizard = overview_of(qtbot, service, *paths)
    in_wizard = [(entry.state, entry.plan.counts()) for entry in wizard.overview.model.entries]
    outcomes = batch.import_files(service.register, paths, user="analytiker", dry_run=True)
    on_command_line = [(entry.state, entry.plan.counts()) for entry in batch.plan_files(service.register, paths)]
    assert in_wizard == on_command_line
    assert [outcome.plan.counts() for outcome in outcomes] == [counts for _, counts in in_wizard]
    assert [state for state, _ in in_wizard] == [State.READY, State.READY, State.READY, State.SAME_BUNDLE]


def test_adding_a_folder_adds_its_xlsx_files(qtbot, service, tmp_path, monkeypatch):
    folder = tmp_path / "paket"
    (folder / "äldre").mkdir(parents=True)
    for name in ("b-skåne.xlsx", "A-Stockholm.XLSX", "~$b-skåne.xlsx", "läs mig.txt", "äldre/gammal.xlsx"):
        (folder / name).write_bytes(b"x")
    wizard = wizard_for(qtbot, service)
    assert not wizard.next_button.isEnabled()
    assert wizard.add_folder(folder) == 2
    assert [path.name for path in wizard.files] == ["A-Stockholm.XLSX", "b-skåne.xlsx"]
    assert wizard.files_status.text() == f"2 filer tillagda från mappen {folder}."
    assert wizard.next_button.isEnabled() and wizard.files_model.rowCount() == 2
    assert wizard.add_folder(folder) == 0 and len(wizard.files) == 2  # no file twice

    empty = tmp_path / "tom"
    empty.mkdir()
    assert wizard.add_folder(empty) == 0
    assert wizard.files_status.text() == f"Mappen {empty} har inga .xlsx-filer."

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args: ""))
    wizard.choose_folder()  # the person cancelled the folder dialog: nothing changes
    assert len(wizard.files) == 2


def test_reading_many_files_shows_which_and_can_be_cancelled(qtbot, service, bundles, monkeypatch):
    started, proceed, threads = gated(monkeypatch, importer, "BundleReader", "progress")
    wizard = wizard_for(qtbot, service, bundles["12"], bundles["14"], bundles["01"])
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert threads[0] is not threading.main_thread()
    assert wizard.work_heading.text() == "Fil 1 av 3: bra-paket_12.xlsx"
    assert wizard.progress.cancel_button.isVisible()
    qtbot.mouseClick(wizard.progress.cancel_button, Qt.MouseButton.LeftButton)
    proceed.set()
    with qtbot.waitSignal(wizard.operation.sig_cancelled, timeout=WAIT_MS):
        pass
    assert len(threads) == 1  # the second file was never read
    assert wizard.pages.currentIndex() == 0
    assert wizard.files_status.text() == "Inläsningen avbröts. Ingenting har ändrats."
    assert receipts(service.register) == []


def test_reading_reports_each_file_in_turn(qtbot, service, bundles):
    wizard = wizard_for(qtbot, service, bundles["12"], bundles["14"], bundles["01"])
    headings: list[str] = []
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.operation.sig_progress.connect(lambda *_: headings.append(wizard.work_heading.text()))
    with qtbot.waitSignal(wizard.operation.sig_finished, timeout=WAIT_MS):
        pass
    assert headings and headings[-1] == "Fil 3 av 3: bra-paket_01.xlsx"
    assert "Fil 2 av 3: bra-paket_14.xlsx" in headings


def test_cancelling_while_applying_stops_after_the_file_being_applied(qtbot, service, bundles, monkeypatch):
    started, proceed, threads = threading.Event(), threading.Event(), []
    real = batch.apply_plan

    def first_waits(*args, **kwargs):
        threads.append(threading.current_thread())
        if len(threads) == 1:
            started.set()
            assert proceed.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "apply_plan", first_waits)
    wizard = overview_of(qtbot, service, bundles["12"], bundles["14"], bundles["01"])
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert threads[0] is not threading.main_thread()
    assert wizard.work_heading.text() == "Fil 1 av 3: bra-paket_12.xlsx"
    qtbot.mouseClick(wizard.progress.cancel_button, Qt.MouseButton.LeftButton)
    proceed.set()
    with qtbot.waitSignal(wizard.operation.sig_finished, timeout=WAIT_MS):
        pass
    assert len(threads) == 1 and [r.producer for r in receipts(service.register)] == ["12"]
    text = wizard.result_text.toPlainText()
    assert "1. bra-paket_12.xlsx (Skåne län): inläst: 3 poster ändrade" in text
    assert "2. bra-paket_14.xlsx (Västra Götalands län): inte inläst: avbrutet" in text
    assert wizard.result_heading.text() == "Importen är klar: 1 av 3 valda filer är inlästa."
    assert wizard.next_button.text() == "Läs in de ej inlästa filerna igen (2)"
