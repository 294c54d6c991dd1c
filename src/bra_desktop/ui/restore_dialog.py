"""Choosing a backup to restore the register from (Arkiv → Återställ från säkerhetskopia…), and at
start, for a damaged register, the question whether to restore the newest backup that opens cleanly.

Restoring replaces everything in the register, so the dialog asks once more before it accepts;
the main window then does the restore, which first backs up the register as it is (a damaged one
is moved aside instead).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QVBoxLayout, QWidget

from bra_desktop.store.backup import BackupFile, list_backups
from bra_desktop.store.errors import RegisterDamaged
from bra_desktop.ui.error_dialog import register_error_box
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import plain_tooltip


def describe(backup: BackupFile) -> str:
    """When the backup was taken (local time) and why."""
    when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"{when}  {backup.reason}" if backup.reason else when


def ask_to_restore_damaged(error: RegisterDamaged, backup: BackupFile | None, language: str) -> bool:
    """Say that the register is damaged and offer `backup` (the newest that opens cleanly) in its place;
    True if the person chose to restore it. Without a backup there is nothing to offer but the message."""
    box = register_error_box(error, language)
    if backup is None:
        box.setInformativeText(QCoreApplication.translate(
            "RestoreDialog", "Det finns ingen hel säkerhetskopia att återställa. Det skadade registret lämnas orört."))
        box.exec()
        return False
    box.setInformativeText(QCoreApplication.translate(
        "RestoreDialog", "Den senaste hela säkerhetskopian är från %1. Vill du återställa registret från den? "
                         "Det skadade registret sparas bredvid under ett nytt namn.").replace("%1", describe(backup)))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("RestoreDialog", "Återställ"))
    return box.exec() == QMessageBox.StandardButton.Yes


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
        self.list = for_keyboard(QListWidget(self), self.tr("Säkerhetskopior"))
        for backup in self.backups:
            item = QListWidgetItem(describe(backup), self.list)
            item.setToolTip(plain_tooltip(str(backup.path)))
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

    def selected_backup(self) -> BackupFile | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def confirm(self, backup: BackupFile) -> bool:
        question = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Återställ registret"),
            self.tr("Ersätta hela registret med säkerhetskopian från %1?").replace("%1", describe(backup)),
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
