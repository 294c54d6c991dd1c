"""Hjälp → Handbok and Hjälp → Kortkommandon: the built-in help, offline and in Swedish.

The handbook is Markdown in `resources/help/handbok.md`, shown as Qt renders Markdown, with a search
field that finds the next hit on each Enter. The shortcuts are read from the window's own actions,
so the list never disagrees with the menus; the keys that belong to a widget rather than a menu
(Esc in a search, Space in a checklist) are listed after them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.resources import resource_path
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import plain_label
from bra_desktop.ui.window_size import resize_within_screen

HANDBOOK = ("help", "handbok.md")


class HandbookDialog(QDialog):
    """The handbook with a search: Enter finds the next hit, from the top again after the last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handbok"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Sök i handboken …"))
        self.search.setAccessibleName(self.tr("Sök i handboken"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("Handbok"))
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(resource_path(*HANDBOOK).read_text(encoding="utf-8"))
        self.status = plain_label("", self, wrap=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stäng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        resize_within_screen(self, 760, 680)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_next(self) -> bool:
        """Select the next hit of the search text; say so when there is none. Returns whether found."""
        words = self.search.text().strip()
        if not words:
            return False
        found = self.text.find(words)
        if not found:  # on from the top
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
            found = self.text.find(words)
        self.status.setText("" if found else self.tr("Inga träffar på ”%1”.").replace("%1", words))
        return found


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) of each action that has a shortcut, in menu order, as a person reads them."""
    rows = []
    for action in actions:
        keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
        if keys:
            rows.append((action.text().replace("&", "").removesuffix("…"), ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut of the window's menus, then the keys of lists, searches and forms."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kortkommandon"))
        rows = [*shortcut_rows(actions), *self.widget_keys()]
        self.table = QTableWidget(len(rows), 2, self)
        for_keyboard(self.table, self.tr("Kortkommandon"))
        self.table.setHorizontalHeaderLabels([self.tr("Vad"), self.tr("Tangenter")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stäng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 520)

    def widget_keys(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Öppna den markerade posten"), self.tr("Enter")),
            (self.tr("Töm sökningen"), self.tr("Esc")),
            (self.tr("Från ett sökfält i en lista med kryssrutor till listan"), self.tr("Pil ned")),
            (self.tr("Kryssa i eller ur en rad i en lista"), self.tr("Blanksteg")),
            (self.tr("Nästa eller föregående fält i ett formulär"), self.tr("Tab, Skift+Tab")),
            (self.tr("Nästa eller föregående flik i ett formulär"), self.tr("Ctrl+Tab, Ctrl+Skift+Tab")),
            (self.tr("Gå till fältet vars etikett har en understruken bokstav"), self.tr("Alt+bokstaven")),
            (self.tr("Spara formuläret"), self.tr("Enter på Spara")),
            (self.tr("Stäng ett formulär eller en dialog"), self.tr("Esc")),
        ]
