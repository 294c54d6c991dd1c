"""Arkiv → Importera paket…: pick files, check and plan each, preview, decide, import, see the result.

The steps are DESIGN §4's, one file after another: reading and planning run on the worker thread
with a progress bar and Avbryt (they write nothing, so cancelling is always safe); the preview
shows the plan that will be applied; applying runs on the worker too and cannot be cancelled
(it is one transaction after a backup, and short). After an import every view reloads.
"""

from __future__ import annotations

from collections.abc import Callable
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

from bra_desktop.bundle.apply import ImportResult, apply_plan
from bra_desktop.bundle.plan import ImportPlan
from bra_desktop.bundle.planner import build_plan
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.reader import read_bundle
from bra_desktop.bundle.report import plan_summary
from bra_desktop.ui.bundle.preview_page import PreviewPage
from bra_desktop.ui.bundle.widgets import documents_folder, plain_items, plain_label, plain_tooltip
from bra_desktop.ui.commands import error_message
from bra_desktop.ui.operations import Cancelled, Job, Operation, Progress, ProgressPanel
from bra_desktop.ui.service import RegisterService


class ImportWizard(QDialog):
    """Pages: files → reading (progress) → preview → applying (progress) → result, then the next file."""

    sig_imported = Signal(object)
    """An `ImportResult`: a file was imported and the register changed under the views."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Importera paket"))
        self.files: list[Path] = []
        self._current = -1
        self.plan: ImportPlan | None = None
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

        self.reason = plain_label("", self)
        self.skip_button = QPushButton(self.tr("Hoppa över filen"), self)
        self.skip_button.clicked.connect(self._next_file)
        self.next_button = QPushButton(self)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._go_on)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.reason, 1)
        footer.addWidget(self.skip_button)
        footer.addWidget(self.next_button)
        footer.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)
        self.resize(1100, 720)
        self._show_files_page()

    # --- page 1: files ---

    def _make_files_page(self) -> QWidget:
        page = QWidget(self)
        intro = plain_label(self.tr(
            "Välj ett eller flera paket (bra-paket_….xlsx). De läses in ett i taget: först kontrolleras filen och "
            "du ser vad som skulle ändras, och ingenting ändras i registret förrän du väljer Importera."), page)
        self.files_model = QStandardItemModel(page)
        self.files_view = QListView(page)
        self.files_view.setModel(self.files_model)
        self.files_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("Lägg till filer…"), page)
        add.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Ta bort"), page)
        self.remove_button.clicked.connect(self._remove_selected)
        self.files_status = plain_label("", page)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
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
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Välj paket att importera"), str(documents_folder()),
                                                 self.tr("Paket (*.xlsx);;Alla filer (*)"))
        self.add_files([Path(name) for name in chosen])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path in self.files:
                continue
            self.files.append(path)
            (item,) = plain_items(f"{path.name}   ({path.parent})")
            item.setToolTip(plain_tooltip(str(path)))
            self.files_model.appendRow(item)
        self._update_files_buttons()

    def _remove_selected(self) -> None:
        for row in sorted((index.row() for index in self.files_view.selectedIndexes()), reverse=True):
            self.files_model.removeRow(row)
            del self.files[row]
        self._update_files_buttons()

    def _update_files_buttons(self) -> None:
        self.next_button.setEnabled(bool(self.files))
        self.remove_button.setEnabled(bool(self.files))

    def _show_files_page(self, status: str = "") -> None:
        self.files_status.setText(status)
        self._page(0, next_text=self.tr("Läs in"), go_on=self._start, close_text=self.tr("Avbryt"))
        self._update_files_buttons()

    def _start(self) -> None:
        self._current = -1
        self._next_file()

    # --- page 2: reading and planning, and later applying ---

    def _make_work_page(self) -> QWidget:
        page = QWidget(self)
        self.work_heading = plain_label("", page)
        self.work_heading.setStyleSheet("font-weight: bold")
        self.progress = ProgressPanel(page)
        self.error_text = QPlainTextEdit(page)
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

    @property
    def current_file(self) -> Path:
        return self.files[self._current]

    def _file_heading(self) -> str:
        return self.tr("Fil %1 av %2: %3").replace("%1", str(self._current + 1)).replace(
            "%2", str(len(self.files))).replace("%3", self.current_file.name)

    def _more_files(self) -> bool:
        return self._current + 1 < len(self.files)

    def _next_file(self) -> None:
        self._current += 1
        if self._current >= len(self.files):
            self.accept()
            return
        self._read()

    def _read(self) -> None:
        register, path = self.service.register, self.current_file

        def job(progress: Progress, _cancelled: Cancelled) -> ImportPlan:
            # Read and plan as `importer.prepare_import` does, on one bar: reading is the first half.
            contents = read_bundle(path, progress=lambda done, total: progress(done, 2 * total))
            return build_plan(register, contents, progress=lambda done, total: progress(total + done, 2 * total))

        self.work_heading.setText(self._file_heading())
        self.error_text.hide()
        self.plan = None
        self._page(1)
        self._run(job, self.tr("Kontrollerar filen och jämför den med registret …"), cancellable=True,
                  succeeded=self._planned, failed=self._read_failed,
                  cancelled=lambda: self._show_files_page(self.tr("Inläsningen avbröts. Ingenting har ändrats.")))

    def _read_failed(self, error: Exception) -> None:
        lines = [self.tr("Filen kan inte importeras. Ingenting har ändrats."), "", error_message(self.service, error)]
        if isinstance(error, BundleError):
            lines.extend(str(problem) for problem in error.problems)
        self.progress.hide()
        self.error_text.setPlainText("\n".join(lines))
        self.error_text.show()
        self._after_this_file()

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview.show_plan(plan)
        self._page(2, next_text=self.tr("Importera"), go_on=self._apply, close_text=self.tr("Avbryt"),
                   skip=self._more_files())
        self._update_import_button()

    # --- page 3: preview ---

    def _update_import_button(self) -> None:
        if self.pages.currentWidget() is not self.preview:
            return
        block = self.preview.import_block()
        self.next_button.setEnabled(block is None)
        self.next_button.setVisible(self.plan is not None and self.plan.already_imported_at is None)
        self.reason.setText(block or "")

    def _apply(self) -> None:
        plan, register, user = self.plan, self.service.register, self.service.user
        assert plan is not None

        def job(_progress: Progress, _cancelled: Cancelled) -> ImportResult:
            return apply_plan(register, plan, user=user)

        self.work_heading.setText(self._file_heading())
        self.error_text.hide()
        self._page(1)
        self._run(job, self.tr("Importerar. En säkerhetskopia av registret tas först …"), cancellable=False,
                  succeeded=self._applied, failed=self._apply_failed)

    # --- page 4: result ---

    def _make_result_page(self) -> QWidget:
        page = QWidget(self)
        self.result_heading = plain_label("", page)
        self.result_heading.setStyleSheet("font-weight: bold")
        self.result_text = QPlainTextEdit(page)
        self.result_text.setReadOnly(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_heading)
        layout.addWidget(self.result_text, 1)
        return page

    def _show_result(self, heading: str, lines: list[str]) -> None:
        self.result_heading.setText(f"{self._file_heading()} – {heading}")
        self.result_text.setPlainText("\n".join(lines))

    def _applied(self, result: ImportResult) -> None:
        assert self.plan is not None  # never an already imported plan: the preview offers nothing to apply then
        lines = []
        if result.changed or self.plan.code_changes:
            lines.append(self.tr("Inläst: %1 poster ändrade.").replace("%1", str(result.changed)))
        else:
            lines.append(self.tr("Inläst: registret hade redan allt i paketet; ingenting behövde ändras."))
        if result.backup is not None:
            lines.append(self.tr("Säkerhetskopia från före importen: %1").replace("%1", str(result.backup)))
            lines.append(self.tr("Importen kan ångras under Arkiv → Importhistorik så länge ingenting annat har ändrats."))
        self._show_result(self.tr("importerad"), [*lines, "", plan_summary(self.plan)])
        self._page(3)
        self._after_this_file()
        self.service.sig_register_replaced.emit()
        self.sig_imported.emit(result)

    def _apply_failed(self, error: Exception) -> None:
        self._show_result(self.tr("inte importerad"), [
            self.tr("Ingenting är inläst: %1").replace("%1", error_message(self.service, error)), "",
            self.tr("Registret är som det var före importen. Läs in filen igen för en ny förhandsgranskning.")])
        self._page(3, next_text=self.tr("Läs in filen igen"), go_on=self._read, close_text=self.tr("Stäng"),
                   skip=self._more_files())

    def _after_this_file(self) -> None:
        """Buttons once a file is done with (imported or refused): on to the next file, or close."""
        if self._more_files():
            text = self.tr("Nästa fil (%1 av %2)").replace("%1", str(self._current + 2)).replace("%2", str(len(self.files)))
            self._page(self.pages.currentIndex(), next_text=text, go_on=self._next_file, close_text=self.tr("Stäng"))
        else:
            self._page(self.pages.currentIndex(), close_text=self.tr("Stäng"))

    # --- running jobs and the footer ---

    def _run(self, job: Job, text: str, *, cancellable: bool, succeeded: Callable[[Any], None],
             failed: Callable[[Exception], None], cancelled: Callable[[], None] | None = None) -> None:
        self.operation = Operation(job)
        self._cancellable = cancellable
        self.operation.sig_succeeded.connect(succeeded)
        self.operation.sig_failed.connect(failed)
        if cancelled is not None:
            self.operation.sig_cancelled.connect(cancelled)
        self.operation.sig_finished.connect(self._finished)
        self.progress.follow(self.operation, text, cancellable=cancellable)
        self.progress.show()
        self.operation.start()

    def _finished(self) -> None:
        if self._close_when_done:
            super().reject()

    def _page(self, index: int, *, next_text: str | None = None, go_on: Callable[[], None] | None = None,
              close_text: str | None = None, skip: bool = False) -> None:
        """Show a page and set the footer: the forward button (hidden without `next_text`) and close."""
        self.pages.setCurrentIndex(index)
        self._next = go_on
        self.next_button.setVisible(next_text is not None)
        self.next_button.setEnabled(True)
        self.next_button.setText(next_text or "")
        self.close_button.setVisible(close_text is not None)
        self.close_button.setText(close_text or "")
        self.skip_button.setVisible(skip)
        self.reason.clear()

    def _go_on(self) -> None:
        if self._next is not None:
            self._next()

    def reject(self) -> None:
        """Esc, Avbryt or the window's close button. Reading is cancelled (it writes nothing) and the
        wizard closes once it stopped; an import already applying is let finish."""
        if self.operation is not None and self.operation.running:
            if self._cancellable:
                self._close_when_done = True
                self.operation.cancel()
            return
        super().reject()
