"""Arkiv → Importera paket…: pick files or a folder, check and plan them, preview, decide, import, see the result.

The steps are DESIGN §4's. Reading and planning run on the worker thread with a progress bar and
Avbryt (they write nothing, so cancelling is always safe); the preview shows the plan that will be
applied; applying runs on the worker too. After an import every view reloads.

One file goes straight to its preview. Many files (Brå reads every county's bundle in one go) are
all read and planned first, one after another; a file that cannot be read becomes a row with its
error, not a stop. The overview (`batch_page`) has a row per file; a file's preview opens from it
to see its changes and decide its conflicts. The checked files are applied in list order, each in
its own transaction with its own backup, receipt and undo (`bundle/batch.py`, as the command line
does); a file whose records an earlier file changed is planned again, and refused if that asks
something new; the rest go on. Avbryt while applying stops after the file being applied.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.bundle.apply import ImportResult
from bra_desktop.bundle.batch import FILE_STEPS, BatchEntry, Outcome, State, apply_current, apply_files, plan_files
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import ImportPlan
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.report import plan_summary
from bra_desktop.ui.bundle.batch_page import BatchPage
from bra_desktop.ui.bundle.preview_page import PreviewPage
from bra_desktop.ui.commands import error_message
from bra_desktop.ui.folders import IMPORT, Folders
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.numbers import counted
from bra_desktop.ui.operations import Cancelled, Job, Operation, Progress, ProgressPanel
from bra_desktop.ui.plain_text import plain_items, plain_label, plain_tooltip
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.window_size import resize_within_screen

FILES, WORK, PREVIEW, RESULT, OVERVIEW = range(5)
"""The wizard's pages."""

class ImportWizard(QDialog):
    """Pages: files → reading (progress) → preview, or for many files the overview with each file's
    preview → applying (progress) → result."""

    sig_imported = Signal(object)
    """An `ImportResult`: a file was imported and the register changed under the views."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None, folders: Folders | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.folders = folders or Folders()
        self.setWindowTitle(self.tr("Importera paket"))
        self.files: list[Path] = []
        self.plan: ImportPlan | None = None
        """The plan the preview shows: the one file's, or the overview's chosen row's."""
        self.batch = False
        """Many files: the overview, and the preview is one row's details."""
        self._details_row = -1
        self.operation: Operation | None = None
        self._close_when_done = False
        self._cancellable = False
        self._next: Callable[[], None] | None = None

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._make_files_page())
        self.pages.addWidget(self._make_work_page())
        self.preview = PreviewPage(service, self)
        self.preview.sig_state_changed.connect(self._update_import_button)
        self.pages.addWidget(self.preview)
        self.pages.addWidget(self._make_result_page())
        self.overview = BatchPage(service, self)
        self.overview.sig_details.connect(self._show_details)
        self.overview.model.sig_choice_changed.connect(self._update_batch_button)
        self.pages.addWidget(self.overview)

        self.reason = plain_label("", self)
        self.next_button = QPushButton(self)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._go_on)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.reason, 1)
        footer.addWidget(self.next_button)
        footer.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)
        resize_within_screen(self, 1180, 720)
        self._show_files_page()

    # --- page 1: files ---

    def _make_files_page(self) -> QWidget:
        page = QWidget(self)
        intro = plain_label(self.tr(
            "Välj ett eller flera paket (bra-paket_….xlsx), eller en mapp med paket. Varje fil kontrolleras och "
            "jämförs med registret, och du ser vad som skulle ändras; ingenting ändras i registret förrän du väljer "
            "Importera. Flera filer visas i en gemensam översikt, där du väljer vilka som ska läsas in."), page)
        self.files_model = QStandardItemModel(page)
        self.files_view = for_keyboard(QListView(page), self.tr("Filer att läsa in"))
        self.files_view.setModel(self.files_model)
        self.files_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("Lägg till filer…"), page)
        add.clicked.connect(self.choose_files)
        add_folder = QPushButton(self.tr("Lägg till mapp…"), page)
        add_folder.setToolTip(self.tr("Lägger till alla .xlsx-filer i mappen (inte i dess undermappar)"))
        add_folder.clicked.connect(self.choose_folder)
        self.remove_button = QPushButton(self.tr("Ta bort"), page)
        self.remove_button.clicked.connect(self._remove_selected)
        self.files_status = plain_label("", page)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(add_folder)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.files_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.files_status)
        return page

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Välj paket att importera"), str(self.folders.folder(IMPORT)),
                                                 self.tr("Paket (*.xlsx);;Alla filer (*)"))
        if chosen:
            self.folders.remember(IMPORT, Path(chosen[0]))
        self.add_files([Path(name) for name in chosen])

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Välj en mapp med paket"), str(self.folders.folder(IMPORT)))
        if chosen:
            self.folders.remember(IMPORT, Path(chosen))
            self.add_folder(Path(chosen))

    def add_folder(self, folder: Path) -> int:
        """Add every .xlsx file in `folder` (not its subfolders; not Excel's lock files `~$…`), by name.
        Returns how many were new to the list."""
        try:
            found = sorted((path for path in folder.iterdir()
                            if path.suffix.lower() == ".xlsx" and not path.name.startswith("~$") and path.is_file()),
                           key=lambda path: path.name.casefold())
        except OSError as error:
            self.files_status.setText(self.tr("Mappen kan inte läsas: %1").replace("%1", str(error)))
            return 0
        before = len(self.files)
        self.add_files(found)
        added = len(self.files) - before
        if not found:
            self.files_status.setText(self.tr("Mappen %1 har inga .xlsx-filer.").replace("%1", str(folder)))
        else:
            self.files_status.setText(self.tr("%1 filer tillagda från mappen %2.").replace(
                "%1", str(added)).replace("%2", str(folder)))
        return added

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path in self.files:
                continue
            self.files.append(path)
            (item,) = plain_items(f"{path.name}   ({path.parent})")
            item.setToolTip(plain_tooltip(str(path), wrap=True))
            self.files_model.appendRow(item)
        self._update_files_buttons()

    def _remove_selected(self) -> None:
        for row in sorted((index.row() for index in self.files_view.selectedIndexes()), reverse=True):
            self.files_model.removeRow(row)
            del self.files[row]
        self._update_files_buttons()

    def _set_files(self, paths: list[Path]) -> None:
        self.files_model.clear()
        self.files = []
        self.add_files(paths)

    def _update_files_buttons(self) -> None:
        if self.pages.currentIndex() == FILES:
            self.next_button.setEnabled(bool(self.files))
        self.remove_button.setEnabled(bool(self.files))

    def _show_files_page(self, status: str = "") -> None:
        self.files_status.setText(status)
        self._page(FILES, next_text=self.tr("Läs in"), go_on=self._start, close_text=self.tr("Avbryt"))
        self._update_files_buttons()

    def _start(self) -> None:
        self.batch = len(self.files) > 1
        if self.batch:
            self._read_all()
        else:
            self._read()

    # --- page 2: reading and planning, and later applying ---

    def _make_work_page(self) -> QWidget:
        page = QWidget(self)
        self.work_heading = plain_label("", page)
        self.work_heading.setStyleSheet("font-weight: bold")
        self.progress = ProgressPanel(page)
        self.error_text = QPlainTextEdit(page)
        self.error_text.setAccessibleName(self.tr("Felet"))
        self.error_text.setReadOnly(True)
        self.error_text.hide()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.work_heading)
        layout.addSpacing(8)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_text, 1)
        layout.addStretch(0)
        return page

    def _file_heading(self, index: int, paths: list[Path]) -> str:
        index = max(0, min(index, len(paths) - 1))
        return self.tr("Fil %1 av %2: %3").replace("%1", str(index + 1)).replace(
            "%2", str(len(paths))).replace("%3", paths[index].name)

    def _read(self) -> None:
        """The one file: read and plan it, then its preview."""
        register, path = self.service.register, self.files[0]

        def job(progress: Progress, _cancelled: Cancelled) -> ImportPlan:
            return prepare_import(register, path, progress)

        self.work_heading.setText(self._file_heading(0, self.files))
        self.error_text.hide()
        self.plan = None
        self._page(WORK)
        self._run(job, self.tr("Kontrollerar filen och jämför den med registret …"), cancellable=True,
                  succeeded=self._planned, failed=self._read_failed, cancelled=self._reading_cancelled)

    def _reading_cancelled(self) -> None:
        self._show_files_page(self.tr("Inläsningen avbröts. Ingenting har ändrats."))

    def _read_failed(self, error: Exception) -> None:
        lines = [self.tr("Filen kan inte importeras. Ingenting har ändrats."), "", error_message(self.service, error)]
        if isinstance(error, BundleError):
            lines.extend(str(problem) for problem in error.problems)
        self.progress.hide()
        self.error_text.setPlainText("\n".join(lines))
        self.error_text.show()
        self._page(WORK, close_text=self.tr("Stäng"))

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview.show_plan(plan)
        self._page(PREVIEW, next_text=self.tr("Importera"), go_on=self._apply, close_text=self.tr("Avbryt"))
        self._update_import_button()

    def _read_all(self) -> None:
        """Many files: read and plan them all, one after another, then the overview."""
        register, paths = self.service.register, list(self.files)

        def job(progress: Progress, _cancelled: Cancelled) -> list[BatchEntry]:
            return plan_files(register, paths, progress)

        self.work_heading.setText(self._file_heading(0, paths))
        self.error_text.hide()
        self.plan = None
        self._page(WORK)
        self._run(job, self.tr("Kontrollerar filerna och jämför dem med registret …"), cancellable=True,
                  succeeded=self._all_planned, failed=self._batch_failed, cancelled=self._reading_cancelled,
                  progress=lambda done, _total: self.work_heading.setText(
                      self._file_heading(done // FILE_STEPS, paths)))

    def _all_planned(self, entries: list[BatchEntry]) -> None:
        self.overview.set_entries(entries)
        self._show_overview()

    def _batch_failed(self, error: Exception) -> None:
        """The batch job itself failed (not one file: those are rows): say so; nothing was changed by it."""
        self.progress.hide()
        self.error_text.setPlainText(self.tr("Det gick inte: %1").replace("%1", error_message(self.service, error)))
        self.error_text.show()
        self._page(WORK, close_text=self.tr("Stäng"))

    # --- page 3: preview (the one file's, or a row's details) ---

    def _update_import_button(self) -> None:
        if self.pages.currentWidget() is not self.preview:
            return
        block = self.preview.import_block()
        self.reason.setText(block or "")
        if self.batch:  # the button goes back to the overview, always
            return
        self.next_button.setEnabled(block is None)
        self.next_button.setVisible(self.plan is not None and self.plan.already_imported_at is None)

    def _apply(self) -> None:
        plan, register, user = self.plan, self.service.register, self.service.user
        assert plan is not None

        def job(_progress: Progress, _cancelled: Cancelled) -> ImportResult:
            return apply_current(register, plan, user)

        self.work_heading.setText(self._file_heading(0, self.files))
        self.error_text.hide()
        self._page(WORK)
        self._run(job, self.tr("Importerar. En säkerhetskopia av registret tas först …"), cancellable=False,
                  succeeded=self._applied, failed=self._apply_failed)

    # --- the overview of many files ---

    def _show_overview(self) -> None:
        self._page(OVERVIEW, next_text="", go_on=self._apply_batch, close_text=self.tr("Avbryt"))
        self._update_batch_button()

    def _update_batch_button(self) -> None:
        if self.pages.currentIndex() != OVERVIEW or self.operation is not None and self.operation.running:
            return
        model = self.overview.model
        chosen = len(model.chosen())
        self.next_button.setText(self.tr("Importera valda filer (%1)").replace("%1", str(chosen)))
        self.next_button.setEnabled(chosen > 0)
        text = self.tr("%1 av %2 filer är valda.").replace("%1", str(chosen)).replace("%2", str(model.rowCount()))
        waiting = sum(entry.state is State.CONFLICTS for entry in model.entries)
        if waiting:
            text += " " + self.tr("Filer med konflikter att avgöra innan de kan väljas: %1.").replace("%1", str(waiting))
        to_confirm = sum(entry.state is State.TO_CONFIRM for entry in model.entries)
        if to_confirm:
            text += " " + self.tr("Filer att bekräfta i detaljerna innan de kan väljas: %1.").replace("%1", str(to_confirm))
        self.reason.setText(text)

    def _show_details(self, row: int) -> None:
        entry = self.overview.model.entry(row)
        assert entry.plan is not None
        self._details_row = row
        self.plan = entry.plan
        self.preview.show_plan(entry.plan)
        self._page(PREVIEW, next_text=self.tr("Tillbaka till översikten"), go_on=self._back_to_overview,
                   close_text=self.tr("Avbryt"))
        self._update_import_button()

    def _back_to_overview(self) -> None:
        self.overview.model.refresh(self._details_row)
        self._show_overview()
        self.overview.select(self._details_row)
        self.overview.table.setFocus()

    def _apply_batch(self) -> None:
        model = self.overview.model
        rows = model.chosen()
        plans = [model.entry(row).plan for row in rows]
        paths = [model.entry(row).path for row in rows]
        register, user = self.service.register, self.service.user

        def job(progress: Progress, cancelled: Cancelled) -> list[Outcome]:
            return apply_files(register, plans, user, progress, cancelled)  # type: ignore[arg-type]

        self.work_heading.setText(self._file_heading(0, paths))
        self.error_text.hide()
        self._page(WORK)
        self._run(job, self.tr("Importerar de valda filerna, en i taget, var och en efter en säkerhetskopia. "
                               "Avbryt stoppar efter filen som importeras nu."), cancellable=True,
                  succeeded=lambda outcomes: self._batch_applied(rows, outcomes), failed=self._batch_failed,
                  progress=lambda done, _total: self.work_heading.setText(self._file_heading(done, paths)))

    def _batch_applied(self, rows: list[int], outcomes: list[Outcome]) -> None:
        model = self.overview.model
        for row, outcome in zip(rows, outcomes):
            entry = model.entry(row)
            entry.applied, entry.outcome = True, outcome
        self.overview.set_applied()
        results = [o for o in outcomes if isinstance(o, ImportResult) and not o.already_imported]
        lines = []
        for row, entry in enumerate(model.entries):
            name = f"{entry.path.name} ({entry.producer_name})" if entry.producer_name else entry.path.name
            lines.append(f"{row + 1}. {name}: {model.result_text(entry)}")
            if isinstance(entry.outcome, ImportResult) and entry.outcome.backup is not None:
                lines.append("    " + self.tr("Säkerhetskopia från före importen: %1").replace(
                    "%1", str(entry.outcome.backup)))
        if results:
            lines += ["", self.tr("Varje inläst fil har ett eget kvitto i Arkiv → Importhistorik. Där kan den "
                                  "senaste importen ångras så länge ingenting annat har ändrats.")]
        self.result_heading.setText(self.tr("Importen är klar: %1 av %2 valda filer är inlästa.").replace(
            "%1", str(sum(isinstance(o, ImportResult) for o in outcomes))).replace("%2", str(len(rows))))
        self.result_text.setPlainText("\n".join(lines))
        again = [model.entry(row).path for row, outcome in zip(rows, outcomes) if not isinstance(outcome, ImportResult)]
        if again:
            self._page(RESULT, next_text=self.tr("Läs in de ej inlästa filerna igen (%1)").replace("%1", str(len(again))),
                       go_on=lambda: self._read_again(again), close_text=self.tr("Stäng"))
        else:
            self._page(RESULT, close_text=self.tr("Stäng"))
        if results:
            self.service.changed(reduce(or_, (result.changes for result in results)))
            for result in results:
                self.sig_imported.emit(result)

    def _read_again(self, paths: list[Path]) -> None:
        self._set_files(paths)
        self._start()

    # --- page 4: result ---

    def _make_result_page(self) -> QWidget:
        page = QWidget(self)
        self.result_heading = plain_label("", page)
        self.result_heading.setStyleSheet("font-weight: bold")
        self.result_text = QPlainTextEdit(page)
        self.result_text.setAccessibleName(self.tr("Resultat"))
        self.result_text.setReadOnly(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_heading)
        layout.addWidget(self.result_text, 1)
        return page

    def _show_result(self, heading: str, lines: list[str]) -> None:
        self.result_heading.setText(f"{self._file_heading(0, self.files)} – {heading}")
        self.result_text.setPlainText("\n".join(lines))

    def _applied(self, result: ImportResult) -> None:
        assert self.plan is not None  # never an already imported plan: the preview offers nothing to apply then
        lines = []
        if result.replanned:
            lines.append(self.tr("Registret hade ändrats sedan förhandsgranskningen, men inte så att något nytt behövde "
                                 "avgöras: filen planerades på nytt och lästes in så."))
        if result.changed or self.plan.code_changes:
            lines.append(self.tr("Inläst: %1.").replace(
                "%1", counted(result.changed, self.tr("post ändrad"), self.tr("poster ändrade"))))
        else:
            lines.append(self.tr("Inläst: registret hade redan allt i paketet; ingenting behövde ändras."))
        if result.backup is not None:
            lines.append(self.tr("Säkerhetskopia från före importen: %1").replace("%1", str(result.backup)))
            lines.append(self.tr("Importen kan ångras under Arkiv → Importhistorik så länge ingenting annat har ändrats."))
        self._show_result(self.tr("importerad"), [*lines, "", plan_summary(self.plan, self.service.language)])
        self._page(RESULT, close_text=self.tr("Stäng"))
        self.service.changed(result.changes)
        self.sig_imported.emit(result)

    def _apply_failed(self, error: Exception) -> None:
        self._show_result(self.tr("inte importerad"), [
            self.tr("Ingenting är inläst: %1").replace("%1", error_message(self.service, error)), "",
            self.tr("Registret är som det var före importen. Läs in filen igen för en ny förhandsgranskning.")])
        self._page(RESULT, next_text=self.tr("Läs in filen igen"), go_on=self._read, close_text=self.tr("Stäng"))

    # --- running jobs and the footer ---

    def _run(self, job: Job, text: str, *, cancellable: bool, succeeded: Callable[[Any], None],
             failed: Callable[[Exception], None], cancelled: Callable[[], None] | None = None,
             progress: Callable[[int, int], None] | None = None) -> None:
        self.operation = Operation(job)
        self._cancellable = cancellable
        self.operation.sig_succeeded.connect(succeeded)
        self.operation.sig_failed.connect(failed)
        if cancelled is not None:
            self.operation.sig_cancelled.connect(cancelled)
        if progress is not None:
            self.operation.sig_progress.connect(progress)
        self.operation.sig_finished.connect(self._finished)
        self.progress.follow(self.operation, text, cancellable=cancellable)
        self.progress.show()
        self.operation.start()

    def _finished(self) -> None:
        if self._close_when_done:
            super().reject()

    def _page(self, index: int, *, next_text: str | None = None, go_on: Callable[[], None] | None = None,
              close_text: str | None = None) -> None:
        """Show a page and set the footer: the forward button (hidden without `next_text`) and close."""
        self.pages.setCurrentIndex(index)
        self._next = go_on
        self.next_button.setVisible(next_text is not None)
        self.next_button.setEnabled(True)
        self.next_button.setText(next_text or "")
        self.close_button.setVisible(close_text is not None)
        self.close_button.setText(close_text or "")
        self.reason.clear()

    def _go_on(self) -> None:
        if self._next is not None:
            self._next()

    def take_plans(self) -> list[ImportPlan]:
        """Every plan the wizard holds (the one file's, or each of the overview's), handed over: the
        wizard and its pages keep none of them after this, as the wizard is closed."""
        held = [entry.plan for entry in self.overview.model.entries if entry.plan is not None]
        if self.plan is not None and all(plan is not self.plan for plan in held):
            held.append(self.plan)
        self.plan = None
        self.preview.forget_plan()
        self.overview.set_entries([])
        return held

    def reject(self) -> None:
        """Esc, Avbryt or the window's close button. Reading is cancelled (it writes nothing) and the
        wizard closes once it stopped; an import already applying is let finish (a batch stops after
        the file it is applying)."""
        if self.operation is not None and self.operation.running:
            if self._cancellable:
                self._close_when_done = True
                self.operation.cancel()
            return
        super().reject()
