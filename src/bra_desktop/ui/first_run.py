"""The first start: whose register this is (a county or Brå), the user's name and language.

Whose register it is decides which records this install owns and may change (DESIGN §4 roles), and
it cannot be changed afterwards (`Register.set_producer`), so the dialog asks before anything else:
nothing is chosen beforehand, OK waits for a choice and a name, and the choice is confirmed once
more in words ("Registret blir Länsstyrelsen i Uppsala läns"), with "Ändra" the default answer.
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
    QMessageBox,
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
            "Ange vems register det här är. En länsstyrelse äger sina egna aktiviteter, åtaganden och problemområden; "
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
        self.county.setAccessibleName(self.tr("Län"))
        self.county.setPlaceholderText(self.tr("Välj län …"))
        for code, name in service.read(queries.counties):
            self.county.addItem(f"{name} ({code})", code)
        self.county.setCurrentIndex(-1)  # no county until one is chosen
        self.county.currentIndexChanged.connect(lambda index: index >= 0 and self.county_choice.setChecked(True))
        self.national_choice.toggled.connect(lambda national: national and self.county.setCurrentIndex(-1))

        self.name = name_edit(ctx.settings.user_name, self)
        self.language = language_combo(ctx.settings.language, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        for signal in (self.county_choice.toggled, self.national_choice.toggled, self.county.currentIndexChanged,
                       self.name.textChanged):
            signal.connect(self._enable_ok)
        self._enable_ok()

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

    def producer(self) -> str | None:
        """The choice made: a county code, BRA, or None while nothing (or "Länsstyrelse" without a
        county) is chosen."""
        if self.national_choice.isChecked():
            return NATIONAL
        return self.county.currentData() if self.county_choice.isChecked() else None

    def _enable_ok(self) -> None:
        self.ok_button.setEnabled(self.producer() is not None and bool(self.name.text().strip()))

    def confirm(self, producer: str) -> bool:
        """Ask once more, in words, since the choice is final; "Ändra" is the default answer."""
        whose = (self.tr("Brås nationella register") if producer == NATIONAL else
                 self.tr("registret för Länsstyrelsen i %1").replace("%1", self.county.currentText()))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Bekräfta valet"),
                          self.tr("Det här blir %1. Valet kan inte ändras senare. Stämmer det?").replace("%1", whose),
                          parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(self.tr("Ja, det stämmer"), QMessageBox.ButtonRole.AcceptRole)
        change = box.addButton(self.tr("Ändra"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(change)
        box.exec()
        return box.clickedButton() is yes

    def accept(self) -> None:
        producer = self.producer()
        if producer is None or not self.name.text().strip() or not self.confirm(producer):
            return
        try:
            self.service.claim(producer)
        except RegisterError as error:
            show_register_error(self, error, self.language.currentData())
            return
        self.ctx.settings.user_name = self.name.text().strip()
        self.ctx.settings.language = self.language.currentData()
        self.ctx.save_settings()
        super().accept()
