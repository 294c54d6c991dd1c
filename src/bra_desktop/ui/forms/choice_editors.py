"""Editors that pick among `Choice`s: one (a combo box) or several (a checkable list).

Codes, municipalities and linked records differ only in what they offer, so one class each
serves them all; `factory.py` says which choices a field gets. Long lists (municipalities,
records) can be searched by typing any part of the text.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from bra_desktop.ui.forms.checklist import Checklist
from bra_desktop.ui.forms.choices import Choice
from bra_desktop.ui.forms.editors import FieldEditor


class ComboEditor(FieldEditor):
    """One value or none. `searchable`: type to find (290 municipalities, hundreds of records)."""

    def __init__(self, choices: Iterable[Choice], searchable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        self.combo.addItem("" if searchable else "–", None)
        for choice in choices:
            self.combo.addItem(choice.text, choice.value)
        if searchable:
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.combo.lineEdit().setPlaceholderText(self.tr("Skriv för att söka …"))
            completer = QCompleter(self.combo.model(), self.combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.combo.setCompleter(completer)
            self.combo.currentTextChanged.connect(self._changed)
        else:
            self.combo.currentIndexChanged.connect(self._changed)
        self._use(self.combo)

    def _index(self) -> int | None:
        """The item the combo shows: the current one, or for typed text the item of that text."""
        text = self.combo.currentText()
        if self.combo.itemText(self.combo.currentIndex()) == text:
            return self.combo.currentIndex()
        found = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        return found if found >= 0 else None

    def value(self) -> str | None:
        index = self._index()
        return None if index is None else self.combo.itemData(index)

    def _show(self, value: Any) -> None:
        index = 0 if value is None else self.combo.findData(value)
        if index < 0:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def input_problem(self) -> str | None:
        if self._index() is None and self.combo.currentText().strip():
            return self.tr("Välj ett av förslagen i listan.")
        return None

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


class ChecklistEditor(FieldEditor):
    """Several values, ticked in a list; `filterable` adds a search box for long lists."""

    def __init__(self, choices: Iterable[Choice], filterable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklist = Checklist(choices, filterable, self)
        self.checklist.sig_changed.connect(self._changed)
        self.list_view = self.checklist.list_view
        self.filter_edit = self.checklist.filter_edit
        self._use(self.checklist)
        self.setFocusProxy(self.checklist.filter_edit or self.list_view)

    def value(self) -> tuple[str, ...]:
        return tuple(sorted(self.checklist.model.checked()))

    def _show(self, value: Any) -> None:
        self.checklist.set_checked(value or ())

    def set_read_only(self, read_only: bool) -> None:
        self.checklist.set_read_only(read_only)
