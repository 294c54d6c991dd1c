"""Arkiv → Importhistorik…: the receipts of imported bundles, and undoing an import in one step.

Undo puts back, in one transaction, what the import changed (`bundle.undo`); it runs on the worker
as an operation, with a busy bar, since a national import can have changed thousands of records.
Then every view reloads. Whether an import can be undone is asked of `can_undo` for the chosen
receipt, and its reason is shown when it cannot.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.undo import can_undo, import_changes, import_history, undo_import
from bra_desktop.changes import Changes
from bra_desktop.domain.models import BundleReceipt
from bra_desktop.domain.producer import owner_name
from bra_desktop.ui.commands import error_message
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.operations import Operation, ProgressPanel
from bra_desktop.ui.plain_text import plain_items, plain_label, plain_message_box
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.window_size import resize_within_screen


class HistoryDialog(QDialog):
    """Imported bundles, newest first, with each one's report and "Ångra import"."""

    sig_undone = Signal()
    """An import was undone: the register was replaced (the main window clears its undo stack)."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.receipts: list[BundleReceipt] = []
        self.setWindowTitle(self.tr("Importhistorik"))
        intro = plain_label(self.tr(
            "Paket som har lästs in, det senaste först. Den senaste importen kan ångras i ett steg så länge "
            "ingenting annat har ändrats, lästs in eller exporterats efter den."), self)

        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels([self.tr("Inläst"), self.tr("Fil"), self.tr("Från"), self.tr("Ändringar"),
                                              self.tr("Av"), self.tr("Status")])
        self.table = for_keyboard(QTableView(self), self.tr("Importerade och exporterade paket"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.report = QPlainTextEdit(self)
        self.report.setAccessibleName(self.tr("Rapport för det valda paketet"))
        self.report.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.report)
        splitter.setSizes([260, 160])

        self.reason = plain_label("", self)
        self.progress = ProgressPanel(self)
        self.progress.hide()
        self.operation: Operation | None = None
        self._undoing = ""
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Stäng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.undo_button = buttons.addButton(self.tr("Ångra import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        resize_within_screen(self, 900, 520)
        self.reload()

    def reload(self) -> None:
        self.receipts = import_history(self.service.register)
        self.model.removeRows(0, self.model.rowCount())
        for receipt in self.receipts:
            self.model.appendRow(plain_items(
                f"{receipt.processed_at.astimezone():%Y-%m-%d %H:%M}", receipt.file_name, owner_name(receipt.producer),
                self._counts(receipt), receipt.processed_by, self.tr("ångrad") if receipt.undone else "",
            ))
        self.table.resizeColumnsToContents()
        if self.receipts:
            self.table.selectRow(0)
        else:
            self.reason.setText(self.tr("Inga paket har lästs in ännu."))
            self._selected()

    def _counts(self, receipt: BundleReceipt) -> str:
        counts = json.loads(receipt.counts or "{}")
        english = self.service.language == "en"
        return ", ".join(f"{action.label_en if english else action.label_sv} {counts[action.value]}"
                         for action in Action if counts.get(action.value))

    def selected(self) -> BundleReceipt | None:
        rows = self.table.selectionModel().selectedRows()
        return self.receipts[rows[0].row()] if rows else None

    def _selected(self, *_: QItemSelection) -> None:
        receipt = self.selected()
        self.report.setPlainText(receipt.report if receipt is not None else "")
        reason = can_undo(self.service.register, receipt.id) if receipt is not None else None
        self.undo_button.setEnabled(receipt is not None and reason is None)
        if receipt is not None:
            self.reason.setText(reason or self.tr("Importen kan ångras."))

    def undo_selected(self) -> None:
        receipt = self.selected()
        if receipt is None or not self._confirm(receipt):
            return
        service, user, receipt_id = self.service, self.service.user, receipt.id
        self._undoing = receipt.file_name

        def undo(_progress: object, _cancelled: object) -> Changes:
            changes = service.read(import_changes, receipt_id)  # what the import wrote: what its undo changes
            undo_import(service.register, receipt_id, user=user)
            return changes

        self.operation = Operation(undo)
        self.operation.sig_succeeded.connect(self._undone)
        self.operation.sig_failed.connect(self._undo_failed)
        self.operation.sig_finished.connect(self._undo_finished)
        self.progress.follow(self.operation, self.tr("Ångrar importen av %1 …").replace("%1", receipt.file_name),
                             cancellable=False)
        self.progress.show()
        self.reason.setText("")
        self.undo_button.setEnabled(False)
        self.table.setEnabled(False)
        self.operation.start()

    def _undone(self, changes: Changes) -> None:
        self.service.changed(changes)
        self.sig_undone.emit()
        self.reload()
        self.reason.setText(self.tr("Importen av %1 är ångrad. Registret är som före importen.")
                            .replace("%1", self._undoing))

    def _undo_failed(self, error: Exception) -> None:
        self.reload()
        self.reason.setText(error_message(self.service, error))

    def _undo_finished(self) -> None:
        self.progress.hide()
        self.table.setEnabled(True)

    def _confirm(self, receipt: BundleReceipt) -> bool:
        box = plain_message_box(
            self, QMessageBox.Icon.Question, self.tr("Ångra import"),
            self.tr("Ångra importen av %1? Registret återställs till hur det var före importen.")
            .replace("%1", receipt.file_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes
