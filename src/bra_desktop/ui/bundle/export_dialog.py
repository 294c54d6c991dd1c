"""Arkiv → Exportera paket…: write a bundle for Brå (or, in Brå's register, the national bundle).

The choices are the ones the command line has (scope, contact details, where to save), with the
standard file name in the folder last exported to (at first the Documents folder) as the default. The export runs in a process of
its own (`export_process`), followed by the worker thread, with a progress bar; cancelling it
leaves no file and changes nothing (`export_bundle` finishes the file before it commits anything).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.bundle.export import CHANGES, FULL, ExportResult, bundle_file_name, last_export_time
from bra_desktop.bundle.export_process import export_in_process
from bra_desktop.domain.models import utcnow
from bra_desktop.ui.commands import error_message
from bra_desktop.ui.folders import EXPORT, Folders
from bra_desktop.ui.numbers import counted, number
from bra_desktop.ui.operations import Cancelled, Operation, Progress, ProgressPanel
from bra_desktop.ui.plain_text import plain_label, plain_message_box
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.window_size import fit_height


class ExportDialog(QDialog):
    """Scope, contact details and target file; then progress, and the result with the file's folder."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None, folders: Folders | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.folders = folders or Folders()
        self.operation: Operation | None = None
        self.result_: ExportResult | None = None
        self._close_when_done = False
        self._overwrite_confirmed: Path | None = None
        self.setWindowTitle(self.tr("Exportera paket"))
        register = service.register
        last_export = service.read(last_export_time)

        intro = plain_label(
            self.tr("Paketet är en Excel-fil med alla poster i registret och kodlistorna. Skicka den till länen.")
            if register.is_national else
            self.tr("Paketet är en Excel-fil med länets poster. Skicka den till Brå."),
            self,
        )

        what = QGroupBox(self.tr("Vad ska med?"), self)
        self.full_button = QRadioButton(self.tr("Hela registret (rekommenderas)"), what)
        if last_export is None:
            changes_text = self.tr("Bara ändringar sedan förra exporten (ingen export ännu)")
        else:
            changes_text = self.tr("Bara ändringar sedan förra exporten (%1)").replace(
                "%1", f"{last_export.astimezone():%Y-%m-%d %H:%M}")
        self.changes_button = QRadioButton(changes_text, what)
        self.changes_button.setEnabled(last_export is not None)
        self.full_button.setChecked(True)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.full_button)
        self._scope.addButton(self.changes_button)
        self.contacts_box = QCheckBox(self.tr("Ta med kontaktuppgifter (namn, e-post och telefon)"), what)
        contacts_note = plain_label(self.tr(
            "Kontaktuppgifter är personuppgifter. Ta bara med dem om mottagaren behöver dem, "
            "och skicka då filen på ett säkert sätt."), what)
        contacts_note.setIndent(22)  # under the checkbox's text, not its box
        what_layout = QVBoxLayout(what)
        for widget in (self.full_button, self.changes_button, self.contacts_box, contacts_note):
            what_layout.addWidget(widget)

        file_row = QHBoxLayout()
        self.path_edit = QLineEdit(str(self.folders.folder(EXPORT) / bundle_file_name(service.producer, utcnow())), self)
        self.path_edit.setMinimumWidth(380)
        self.browse_button = QPushButton(self.tr("Välj…"), self)
        self.browse_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_label = QLabel(self.tr("Spara som:"), self)
        file_label.setBuddy(self.path_edit)

        self.progress = ProgressPanel(self)
        self.progress.hide()
        self.outcome = plain_label("", self)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()

        self.buttons = QDialogButtonBox(self)
        self.open_folder_button = self.buttons.addButton(self.tr("Öppna mappen"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.hide()
        self.open_folder_button.clicked.connect(self.open_folder)
        self.export_button = self.buttons.addButton(self.tr("Exportera"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(self.tr("Stäng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(what)
        layout.addSpacing(6)
        layout.addWidget(file_label)
        layout.addLayout(file_row)
        layout.addSpacing(6)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._form = (what, self.path_edit, self.browse_button)
        self.resize(600, self.sizeHint().height())
        fit_height(self)

    # --- choices ---

    @property
    def scope(self) -> str:
        return CHANGES if self.changes_button.isChecked() else FULL

    def target(self) -> Path:
        """The file to write: the standard name inside a folder, and .xlsx added if it was left out."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.is_dir():
            return path / bundle_file_name(self.service.producer, utcnow())
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Spara paketet som"), str(self.target()),
                                                self.tr("Excel-filer (*.xlsx)"))
        if chosen:
            self.path_edit.setText(chosen)
            self._overwrite_confirmed = self.target()  # the file dialog already asked

    # --- running ---

    def start_export(self) -> None:
        path = self.target()
        if not path.parent.is_dir():
            self._show_outcome(self.tr("Mappen %1 finns inte. Välj en annan plats.").replace("%1", str(path.parent)))
            return
        if path.exists() and path != self._overwrite_confirmed and not self._confirm_overwrite(path):
            return
        register, user, scope, contacts = self.service.register, self.service.user, self.scope, self.contacts_box.isChecked()

        def job(progress: Progress, cancelled: Cancelled) -> ExportResult:  # in a process of its own: see export_process
            return export_in_process(register.url, register.backup_dir, path, user=user, scope=scope,
                                     with_contacts=contacts, progress=progress, cancelled=cancelled)

        self.operation = Operation(job)
        self.operation.sig_succeeded.connect(self._exported)
        self.operation.sig_failed.connect(lambda error: self._show_outcome(error_message(self.service, error)))
        self.operation.sig_cancelled.connect(lambda: self._show_outcome(
            self.tr("Exporten avbröts. Ingen fil skrevs och ingenting har ändrats.")))
        self.operation.sig_finished.connect(self._finished)
        self._set_running(True)
        self.progress.follow(self.operation, self.tr("Skriver %1 …").replace("%1", path.name))
        self.operation.start()

    def _confirm_overwrite(self, path: Path) -> bool:
        box = plain_message_box(self, QMessageBox.Icon.Question, self.tr("Filen finns redan"),
                                self.tr("%1 finns redan. Vill du ersätta den?").replace("%1", str(path)),
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _set_running(self, running: bool) -> None:
        for widget in self._form:
            widget.setEnabled(not running)
        self.export_button.setEnabled(not running)
        self.close_button.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.outcome.hide()
            self.open_folder_button.hide()
        fit_height(self)

    def _exported(self, result: ExportResult) -> None:
        self.result_ = result
        self.folders.remember(EXPORT, result.path)
        counts = ", ".join(f"{sheet} {number(n)}" for sheet, n in result.counts.items())
        total = sum(result.counts.values())
        contacts = self.tr("Kontaktuppgifter ingår.") if result.personal_data else self.tr("Kontaktuppgifter ingår inte.")
        self._show_outcome(
            self.tr("Paketet är sparat:\n%1\n\n%2: %3.\n%4")
            .replace("%1", str(result.path)).replace("%2", counted(total, self.tr("post"), self.tr("poster")))
            .replace("%3", counts).replace("%4", contacts)
        )
        self.open_folder_button.show()
        self.export_button.hide()
        self.close_button.setDefault(True)

    def _show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.show()
        fit_height(self)

    def _finished(self) -> None:
        self._set_running(False)
        if self.result_ is not None:  # written: the choices are spent, what is left is to close
            for widget in self._form:
                widget.setEnabled(False)
        if self._close_when_done:
            super().reject()

    def open_folder(self) -> None:
        if self.result_ is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_.path.parent)))

    def reject(self) -> None:
        """Esc, Stäng or the window's close button: while the export runs, cancel it and close once it stopped."""
        if self.operation is not None and self.operation.running:
            self._close_when_done = True
            self.operation.cancel()
            return
        super().reject()
