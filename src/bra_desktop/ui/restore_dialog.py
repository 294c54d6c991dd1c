"""Choosing a backup to restore the register from (Arkiv → Återställ från säkerhetskopia…).

Restoring replaces everything in the register, so the dialog asks once more before it accepts;
the main window then does the restore, which first backs up the register as it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QVBoxLayout, QWidget

from bra_desktop.store.backup import BackupFile, list_backups


class RestoreDialog(QDialog):
    """The backups in the backup folder, newest first; `chosen` is the one to restore."""

    def __init__(self, backup_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Återställ från säkerhetskopia"))
        self.chosen: Path | None = None
        self.backups: list[BackupFile] = list_backups(backup_dir)

        intro = QLabel(self.tr(
            "Välj säkerhetskopian att återställa. Allt i registret ersätts med säkerhetskopians innehåll; "
            "registret som det är nu sparas först som en ny säkerhetskopia, så att återställningen kan ångras."
        ), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        for backup in self.backups:
            item = QListWidgetItem(self._describe(backup), self.list)
            item.setToolTip(str(backup.path))
        if not self.backups:
            self.list.addItem(self.tr("Det finns inga säkerhetskopior ännu."))
            self.list.setEnabled(False)
        self.list.setCurrentRow(0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton(self.tr("Återställ"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 380)

    def _describe(self, backup: BackupFile) -> str:
        when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return f"{when}  {backup.reason}" if backup.reason else when

    def selected_backup(self) -> BackupFile | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def confirm(self, backup: BackupFile) -> bool:
        question = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Återställ registret"),
            self.tr("Ersätta hela registret med säkerhetskopian från %1?").replace("%1", self._describe(backup)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return question.exec() == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        backup = self.selected_backup()
        if backup is None or not self.confirm(backup):
            return
        self.chosen = backup.path
        super().accept()
