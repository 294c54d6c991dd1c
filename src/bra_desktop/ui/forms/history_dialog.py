"""Historik… in a record's form: every change of the record, and going back to one of its versions.

The changes come from `store.history` (who, when, from which bundle, field by field in names). Going
back does not write anything by itself: it fills the form with the version chosen, for the person to
look over and save as any edit, with the rules checked and the change undoable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.domain.content import Content
from bra_desktop.store.history import HistoryEntry
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.window_size import resize_within_screen


def _table(headers: list[str], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    for_keyboard(table, name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HistoryDialog(QDialog):
    """The changes, newest first; choosing one shows what it changed. "Återställ den här versionen"
    (where the record is the user's) closes with that version in `chosen`."""

    def __init__(self, entries: list[HistoryEntry], title: str, can_restore: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.can_restore = can_restore
        self.chosen: Content | None = None
        self.setWindowTitle(self.tr("Historik: %1").replace("%1", title))
        self.changes_table = _table([self.tr("Tid"), self.tr("Ändring"), self.tr("Av"), self.tr("Varifrån")],
                                    self.tr("Ändringar"), self)
        self.changes_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            at = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
            for column, text in enumerate((at, entry.action, entry.user, entry.source)):
                self.changes_table.setItem(row, column, QTableWidgetItem(text))
        self.changes_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.changes_table.horizontalHeader().setStretchLastSection(True)
        self.fields_table = _table([self.tr("Fält"), self.tr("Före"), self.tr("Efter")], self.tr("Fält som ändrades"), self)
        self.fields_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.changes_table)
        splitter.addWidget(self.fields_table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stäng"))
        buttons.rejected.connect(self.reject)
        self.restore_button = QPushButton(self.tr("Återställ den här versionen"), self)
        self.restore_button.setToolTip(self.tr("Fyller formuläret med den här versionen; du sparar den som en ändring."))
        self.restore_button.clicked.connect(self._restore)
        if can_restore:
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.restore_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.changes_table.itemSelectionChanged.connect(self._show_fields)
        resize_within_screen(self, 820, 560)
        if entries:
            self.changes_table.selectRow(0)
        self.changes_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected(self) -> HistoryEntry | None:
        rows = self.changes_table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _show_fields(self) -> None:
        entry = self.selected()
        changes = entry.changes if entry is not None else ()
        self.fields_table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            for column, text in enumerate((change.label, change.before, change.after)):
                self.fields_table.setItem(row, column, QTableWidgetItem(text))
        self.fields_table.resizeRowsToContents()
        # the newest version is the record as it is: nothing to go back to
        self.restore_button.setEnabled(entry is not None and entry.content is not None and entry is not self.entries[0])

    def _restore(self) -> None:
        entry = self.selected()
        if entry is not None and entry.content is not None:
            self.chosen = entry.content
            self.accept()
