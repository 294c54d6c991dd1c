"""The first start: whose register this is (a county or Brå), the user's name and language.

Whose register it is decides which records this install owns and may change (DESIGN §4 roles), and
it cannot be changed afterwards (`Register.set_producer`), so the dialog asks before anything else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.context import AppContext
from bra_desktop.store import queries
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.register import NATIONAL
from bra_desktop.ui.error_dialog import show_register_error
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.settings_dialog import language_combo, name_edit


class FirstRunDialog(QDialog):
    """Choose a county or Brå, a name and a language; OK saves them in the register and settings."""

    def __init__(self, ctx: AppContext, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.setWindowTitle(self.tr("Välkommen till Brå-nätverkets register"))
        intro = QLabel(self.tr(
            "Ange vems register det här är. Ett län äger sina egna aktiviteter, åtaganden och problemområden; "
            "Brå äger kodlistorna och de nationella nätverken. Valet kan inte ändras senare."
        ), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.county_choice = QRadioButton(self.tr("Länsstyrelse:"), self)
        self.national_choice = QRadioButton(self.tr("Brå (nationellt register)"), self)
        group = QButtonGroup(self)
        group.addButton(self.county_choice)
        group.addButton(self.national_choice)
        self.county = QComboBox(self)
        for code, name in service.read(queries.counties):
            self.county.addItem(f"{name} ({code})", code)
        self.county_choice.setChecked(True)
        self.county_choice.toggled.connect(self.county.setEnabled)

        self.name = name_edit(ctx.settings.user_name, self)
        self.language = language_combo(ctx.settings.language, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.county_choice, self.county)
        form.addRow(self.national_choice)
        form.addRow(self.tr("Ditt namn i ändringsloggen:"), self.name)
        form.addRow(self.tr("Språk:"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def producer(self) -> str:
        return NATIONAL if self.national_choice.isChecked() else self.county.currentData()

    def accept(self) -> None:
        try:
            self.service.claim(self.producer())
        except RegisterError as error:
            show_register_error(self, error, self.language.currentData())
            return
        self.ctx.settings.user_name = self.name.text().strip()
        self.ctx.settings.language = self.language.currentData()
        self.ctx.save_settings()
        super().accept()
