"""Inställningar: the user's name in the change log, the language of the app, and which register
it opens: the embedded one on this computer, or Brå's shared register on a database server.

The language and the register are read when the app starts (translators are installed before any
window exists), so a change of either takes effect on the next start; the dialog says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from sqlalchemy.exc import ArgumentError

from bra_desktop.context import AppContext
from bra_desktop.settings import login_name
from bra_desktop.store.engine import is_sqlite
from bra_desktop.store.errors import RegisterError
from bra_desktop.ui.plain_text import plain_label

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


class DatabaseChoice(QWidget):
    """The embedded register on this computer, or a shared register at a database URL."""

    def __init__(self, url: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.local = QRadioButton(self.tr("På den här datorn"), self)
        self.server = QRadioButton(self.tr("Delat register på en databasserver (PostgreSQL)"), self)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.url = QLineEdit(url, self)
        self.url.setMinimumWidth(380)
        self.url.setPlaceholderText("postgresql+psycopg://användare@server/bra_register")
        self.url.setToolTip(self.tr("Lösenordet kan stå i adressen eller, bättre, i filen pgpass."))
        self.test_button = QPushButton(self.tr("Testa anslutningen"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.status = plain_label("", self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.url, 1)
        row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.server.toggled.connect(self._update)
        (self.server if url else self.local).setChecked(True)
        self._update()

    def _update(self) -> None:
        self.url.setEnabled(self.server.isChecked())
        self.test_button.setEnabled(self.server.isChecked())
        self.status.clear()

    def chosen_url(self) -> str:
        """The URL to save: empty for the register on this computer."""
        return self.url.text().strip() if self.server.isChecked() else ""

    def problem(self) -> str | None:
        """Why the choice cannot be saved, or None."""
        url = self.chosen_url()
        if not self.server.isChecked():
            return None
        if not url:
            return self.tr("Skriv databasserverns adress, eller välj registret på den här datorn.")
        try:
            if is_sqlite(url):
                return self.tr("En databasserver har en adress som börjar med postgresql+psycopg://.")
        except ArgumentError:
            return self.tr("Adressen går inte att läsa. Den ska se ut som postgresql+psycopg://användare@server/databas.")
        return None

    def test_connection(self) -> None:
        from bra_desktop.store.register import check_connection

        problem = self.problem()
        if problem is not None:
            self.status.setText(problem)
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check_connection(self.chosen_url())
        except RegisterError as error:
            self.status.setText(error.message(self.language))
        else:
            self.status.setText(self.tr("Anslutningen fungerar."))
        finally:
            QGuiApplication.restoreOverrideCursor()


class SettingsDialog(QDialog):
    """Change the user name (at once), the language and the register (on the next start); saved on OK."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Inställningar"))
        self.name = name_edit(ctx.settings.user_name, self)
        self.language = language_combo(ctx.settings.language, self)
        self.database = DatabaseChoice(ctx.settings.database_url, ctx.settings.language, self)
        note = plain_label(self.tr("Ett nytt språk eller register gäller när du har startat om programmet."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Ditt namn i ändringsloggen:"), self.name)
        layout.addRow(self.tr("Språk:"), self.language)
        layout.addRow(self.tr("Register:"), self.database)
        layout.addRow(note)
        layout.addRow(buttons)

    def accept(self) -> None:
        problem = self.database.problem()
        if problem is not None:
            self.database.status.setText(problem)
            return
        self.ctx.settings.database_url = self.database.chosen_url()
        self.ctx.settings.user_name = self.name.text().strip()
        self.ctx.settings.language = self.language.currentData()
        self.ctx.save_settings()
        super().accept()
