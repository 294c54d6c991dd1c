"""Arkiv → Betrodda avsändare: the keys this register trusts, and its own key to hand over.

A bundle is read only when it is signed with the key trusted for its sender (`bundle/trust.py`).
Usually the key is trusted on first contact, after the coordinator has compared its fingerprint
with the sender's by phone. Here a person sees which keys are trusted, removes one (the sender got
a new computer: the next bundle asks again) or pastes a key the sender read out or mailed, and
finds this register's own key and fingerprint to give to the others.

The rules and their messages are `store.keys`'; a refused key is said in the dialog and changes
nothing.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.domain.producer import NATIONAL, owner_name, valid_owners
from bra_desktop.domain.signing import decode_key, encode_key, fingerprint
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.keys import TrustedKey
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import error_label, plain_items, plain_label, plain_message_box
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.window_size import resize_within_screen



class PasteKeyDialog(QDialog):
    """A sender's key pasted by a person, trusted once it is saved (`store.keys.pin_pasted_key`).

    The fingerprint of what is pasted shows as it is typed, so the person can read it back to the
    sender before saving."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Lägg in en avsändares nyckel"))
        self.sender_box = QComboBox(self)
        for producer in sorted(valid_owners() - {service.producer}, key=lambda p: (p != NATIONAL, p)):
            self.sender_box.addItem(owner_name(producer), producer)
        self.key_edit = QLineEdit(self)
        self.key_edit.setPlaceholderText(self.tr("Klistra in nyckeln (44 tecken)"))
        self.key_edit.textChanged.connect(self._show_fingerprint)
        self.fingerprint = plain_label("", self)
        self.fingerprint.setObjectName("pasted_fingerprint")
        self.error_label = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Avsändare"), self.sender_box)
        form.addRow(self.tr("Nyckel"), self.key_edit)
        form.addRow(self.tr("Fingeravtryck"), self.fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "Jämför fingeravtrycket nedan med avsändarens (till exempel per telefon) innan du sparar. Från och med nu läses "
            "paket från avsändaren bara in om de är signerade med den här nyckeln."), self))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _show_fingerprint(self, text: str) -> None:
        key = decode_key(text)
        self.fingerprint.setText(fingerprint(key) if key is not None else "")

    def _save(self) -> None:
        try:
            self.service.trust_pasted_key(self.sender_box.currentData(), self.key_edit.text())
        except RegisterError as error:
            self.error_label.setText(error.message(self.service.language))
            self.error_label.show()
            return
        self.accept()


class TrustedSendersDialog(QDialog):
    """The trusted keys in a table, with Lägg in nyckel… and Ta bort, and this register's own key."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Betrodda avsändare"))
        own = service.own_public_key()
        self.own_key = QLineEdit(encode_key(own), self)
        self.own_key.setObjectName("own_key")
        self.own_key.setReadOnly(True)
        copy_button = QPushButton(self.tr("Kopiera nyckeln"), self)
        copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.own_key.text()))
        own_box = QGroupBox(self.tr("Det här registrets nyckel"), self)
        own_fingerprint = plain_label(fingerprint(own), own_box)
        own_fingerprint.setObjectName("own_fingerprint")
        own_form = QFormLayout(own_box)
        key_row = QHBoxLayout()
        key_row.addWidget(self.own_key, 1)
        key_row.addWidget(copy_button)
        own_form.addRow(self.tr("Nyckel"), key_row)
        own_form.addRow(self.tr("Fingeravtryck"), own_fingerprint)

        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Avsändare"), self.tr("Fingeravtryck"), self.tr("Betrodd sedan"),
                                              self.tr("Av"), self.tr("Hur")])
        self.table = for_keyboard(QTableView(self), self.tr("Betrodda avsändare"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Lägg in nyckel…"), self)
        self.add_button.clicked.connect(self.paste_key)
        self.remove_button = QPushButton(self.tr("Ta bort"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(own_box)
        layout.addWidget(plain_label(self.tr(
            "Paket läses bara in när de är signerade med den nyckel registret litar på för avsändaren. Har en avsändare fått "
            "en ny dator eller ett nytt register: ta bort den gamla nyckeln, så frågar nästa paket om det nya fingeravtrycket, "
            "eller lägg in den nya nyckeln här."), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        resize_within_screen(self, 760, 440)
        self.keys: list[TrustedKey] = []
        self.reload()

    def reload(self) -> None:
        self.keys = self.service.trusted_keys()
        self.model.removeRows(0, self.model.rowCount())
        for pinned in self.keys:
            how = self.tr("inlagd för hand") if pinned.by_hand else self.tr("från första paketet")
            since = f"{pinned.pinned_at.astimezone():%Y-%m-%d %H:%M}"
            self.model.appendRow(plain_items(pinned.name, pinned.fingerprint, since, pinned.pinned_by, how))
        self._update_buttons()

    def _selected(self) -> TrustedKey | None:
        rows = self.table.selectionModel().selectedRows()
        return self.keys[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self._selected() is not None)

    def paste_key(self) -> None:
        if PasteKeyDialog(self.service, self).exec():
            self.reload()

    def remove_selected(self) -> None:
        pinned = self._selected()
        if pinned is None:
            return
        question = self.tr("Sluta lita på nyckeln för %1 (fingeravtryck %2)? Nästa paket från %1 läses in först när "
                           "någon har jämfört dess fingeravtryck.").replace("%1", pinned.name).replace("%2", pinned.fingerprint)
        box = plain_message_box(self, QMessageBox.Icon.Question, self.tr("Ta bort nyckeln"), question,
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.service.forget_key(pinned.producer)
        self.reload()
