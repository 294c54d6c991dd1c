"""A checkable list that can be filtered by typing: for codes, municipalities and linked records.

A problem area may link to any of a few thousand activities (Brå's register: far more), so the
model keeps plain `Choice`s and filters by rebuilding a list of visible row numbers: no item
object per row and no Python call per row from a proxy model.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from bra_desktop.ui.forms.choices import Choice
from bra_desktop.ui.plain_text import plain_label, plain_tooltip

Index = QModelIndex | QPersistentModelIndex


ROW_GAP = 2
"""Pixels above and below each row of a checklist."""


class ChecklistModel(QAbstractListModel):
    """Choices with a check box each; `set_filter` narrows the rows shown, not the rows checked."""

    sig_checked_changed = Signal()
    """The set of checked values changed (by the user or by `set_checked`)."""

    def __init__(self, choices: Iterable[Choice] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._folded: list[str] = []
        self._rows: list[int] = []
        self._checked: set[str] = set()
        self._text = ""
        self._only_checked = False
        self.checkable = True
        self.set_choices(choices)

    # --- content ---

    def set_choices(self, choices: Iterable[Choice]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        self._folded = [choice.text.casefold() for choice in self._choices]
        self._rows = self._visible_rows()
        self.endResetModel()

    def add_choices(self, choices: Iterable[Choice]) -> None:
        self.set_choices(self._choices + list(choices))

    def values(self) -> set[str]:
        return {choice.value for choice in self._choices}

    def checked(self) -> set[str]:
        return set(self._checked)

    def set_checked(self, values: Iterable[str]) -> None:
        self._checked = set(values)
        self._refilter()
        self.sig_checked_changed.emit()

    def total(self) -> int:
        return len(self._choices)

    # --- filtering ---

    def set_filter(self, text: str, only_checked: bool) -> None:
        self._text = text.strip().casefold()
        self._only_checked = only_checked
        self._refilter()

    def _visible_rows(self) -> list[int]:
        text, checked = self._text, self._checked
        return [
            row for row, folded in enumerate(self._folded)
            if text in folded and (not self._only_checked or self._choices[row].value in checked)
        ]

    def _refilter(self) -> None:
        rows = self._visible_rows()
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    # --- Qt model ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        choice = self._choices[self._rows[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(choice.text)
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = choice.value in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return choice.value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.checkable else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not self.checkable:
            return False
        choice = self._choices[self._rows[index.row()]]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(choice.value)
        else:
            self._checked.discard(choice.value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.sig_checked_changed.emit()
        return True


class Checklist(QWidget):
    """The list view of a `ChecklistModel`, with a search box and 'show chosen only' if filterable."""

    sig_changed = Signal()
    """The user checked or unchecked a row."""

    def __init__(self, choices: Iterable[Choice], filterable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecklistModel(choices, self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSpacing(ROW_GAP)  # boxes that touched were hard to hit and to tell apart
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.filter_edit: QLineEdit | None = None
        self.only_checked: QCheckBox | None = None
        if filterable:
            self.filter_edit = QLineEdit(self)
            self.filter_edit.setPlaceholderText(self.tr("Sök …"))
            self.filter_edit.setClearButtonEnabled(True)
            self.filter_edit.textChanged.connect(self._apply_filter)
            layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view, 1)
        if filterable:
            self.only_checked = QCheckBox(self.tr("Visa bara valda"), self)
            self.only_checked.toggled.connect(self._apply_filter)
            count = plain_label("", self, wrap=False)
            self.model.sig_checked_changed.connect(lambda: self._show_count(count))
            self._show_count(count)
            footer = QHBoxLayout()
            footer.addWidget(self.only_checked)
            footer.addStretch(1)
            footer.addWidget(count)
            layout.addLayout(footer)
            self.list_view.setMinimumHeight(120)
            # Tab goes search → list → "Visa bara valda" (the list was made first), and Down in
            # the search moves into the list: a person ticks by keyboard alone (Space)
            QWidget.setTabOrder(self.filter_edit, self.list_view)
            QWidget.setTabOrder(self.list_view, self.only_checked)
            self.filter_edit.installEventFilter(self)
        else:
            self._fit_height()
        self.model.sig_checked_changed.connect(self.sig_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.filter_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down):
            self.focus_list()
            return True
        return super().eventFilter(watched, event)

    def focus_list(self) -> None:
        """Put the focus in the list, on its current row or else its first."""
        self.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list_view.currentIndex().isValid() and self.model.rowCount():
            self.list_view.setCurrentIndex(self.model.index(0, 0))

    def _fit_height(self) -> None:
        """A short unfiltered list (a code list) shows all its rows, so nothing hides below a scroll."""
        rows = max(self.model.rowCount(), 1)
        row_height = (self.list_view.sizeHintForRow(0) if self.model.rowCount() else self.fontMetrics().height()) + 2 * ROW_GAP
        self.list_view.setFixedHeight(min(rows, 12) * row_height + 2 * self.list_view.frameWidth() + 4)

    def _apply_filter(self) -> None:
        text = self.filter_edit.text() if self.filter_edit is not None else ""
        only = self.only_checked.isChecked() if self.only_checked is not None else False
        self.model.set_filter(text, only)

    def _show_count(self, label: QLabel) -> None:
        """'3 av 290 valda': what is chosen may be filtered out of sight, so say how much there is."""
        label.setText(self.tr("{checked} av {total} valda").format(
            checked=len(self.model.checked()), total=self.model.total()))

    def set_checked(self, values: Iterable[str]) -> None:
        """Check exactly `values`; a value not among the choices is added as it is, to be seen."""
        wanted = set(values)
        missing = wanted - self.model.values()
        if missing:
            self.model.add_choices(Choice(value, value) for value in sorted(missing))
            if self.filter_edit is None:
                self._fit_height()
        self.model.set_checked(wanted)

    def set_read_only(self, read_only: bool) -> None:
        """Read-only lists still scroll and filter; only their check boxes stop responding."""
        self.model.checkable = not read_only
        self.list_view.viewport().update()
