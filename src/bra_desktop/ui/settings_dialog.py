"""Inställningar: the user's name in the change log and the language of the app.

The language is read when the app starts (translators are installed before any window exists),
so a change takes effect on the next start; the dialog says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from bra_desktop.context import AppContext
from bra_desktop.settings import login_name

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
"""Each language in its own words, so anyone can find theirs."""


def language_combo(current: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for code, name in LANGUAGE_NAMES.items():
        combo.addItem(name, code)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def name_edit(current: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(current or login_name(), parent)
    edit.setMaxLength(100)
    return edit


class SettingsDialog(QDialog):
    """Change the user name (at once) and the language (on the next start); saved on OK."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Inställningar"))
        self.name = name_edit(ctx.settings.user_name, self)
        self.language = language_combo(ctx.settings.language, self)
        note = QLabel(self.tr("Ett nytt språk gäller när du har startat om programmet."), self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Ditt namn i ändringsloggen:"), self.name)
        layout.addRow(self.tr("Språk:"), self.language)
        layout.addRow(note)
        layout.addRow(buttons)

    def accept(self) -> None:
        self.ctx.settings.user_name = self.name.text().strip()
        self.ctx.settings.language = self.language.currentData()
        self.ctx.save_settings()
        super().accept()
