"""One section of the main window: the table of one kind of record, its search and its filters.

Search and filters go straight to the model's listing (see `table_model`); typing is debounced
so a fast typist causes one search, not one per key. Editing goes through the record editor
(`ui.forms`), imported when first used so that the first paint of the window does not wait for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QByteArray, QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QObject, QSettings, Qt, QTimer, Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.changes import Changes
from bra_desktop.domain.fields import KINDS, FieldType
from bra_desktop.store import queries
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.numbers import counted
from bra_desktop.ui.plain_text import EMPTY_STYLE, plain_label
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.table_model import RecordProxyModel, RecordTableModel, Restriction

SEARCH_DELAY_MS = 150
FILTERS_PER_ROW = 5
"""The most filters in one row under the search; a table with more has them in two rows."""
FILTER_CHARS = 5
"""The least a filter shows ("Status: …") in a window narrower than a laptop's screen."""

_COLUMN_CHARS = {
    FieldType.TEXT: 36,
    FieldType.DATE: 13,
    FieldType.INTEGER: 8,
    FieldType.CODE: 26,
    FieldType.REF: 32,
    FieldType.MUNICIPALITY: 16,
    FieldType.MUNICIPALITIES: 28,
    FieldType.ORG_NUMBER: 14,
}
"""A column's widest first width, in average characters (the user's own widths are remembered)."""
ORIGIN_CHARS = 20
"""The Ursprung column's widest first width: a county's name ("Västernorrlands län") whole."""

FIT_ROWS = 200
"""How many rows the first fit of column widths looks at (never all 200,000)."""


class RecordSection(QWidget):
    """Search line, filters, "show deleted", the table, and New / Edit / Delete for one kind."""

    sig_count_changed = Signal(str)
    """Text for the status bar, e.g. "1 234 aktiviteter", whenever the list changes."""
    sig_selection_changed = Signal()
    """The selected records changed: the window updates which edit actions are enabled."""

    def __init__(
        self,
        service: RegisterService,
        undo_stack: QUndoStack,
        kind_key: str,
        state: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.kind = KINDS[kind_key]
        self._state_key = f"sections/{kind_key}"
        self._kept_selection: list[str] = []
        self.model = RecordTableModel(service, kind_key, sort=self._saved_sort(state), parent=self)
        self.proxy = RecordProxyModel(self.model, self)

        self.search = QLineEdit(self)
        self.search.setObjectName(f"search_{kind_key}")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Sök i %1…").replace("%1", self.kind.plural(service.language).lower()))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.proxy.set_search(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._search_timer.start())  # restarts: one query per pause
        self.search.setAccessibleName(self.tr("Sök i %1").replace("%1", self.kind.plural(service.language).lower()))
        self.search.installEventFilter(self)  # Escape clears it

        self.filter_combos: dict[str, QComboBox] = {}
        for item in queries.filters(kind_key):
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{kind_key}_{item.key}")
            combo.setToolTip(item.label(service.language))
            combo.setAccessibleName(item.label(service.language))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setMaxVisibleItems(25)
            combo.currentIndexChanged.connect(lambda _i, key=item.key, c=combo: self.proxy.set_filter(key, c.currentData()))
            self.filter_combos[item.key] = combo
        self._load_filter_options()

        self.show_deleted = QCheckBox(self.tr("Visa borttagna"), self)
        self.show_deleted.toggled.connect(self.proxy.set_include_deleted)

        self.restriction_button = QPushButton(self)
        self.restriction_button.setObjectName(f"restriction_{kind_key}")
        self.restriction_button.setToolTip(self.tr("Sluta visa bara dessa"))
        self.restriction_button.clicked.connect(self.end_drill_down)
        self._drilled: dict[str, Any] = {}
        """The filters a drill-down chose (`apply_filters`): closing its chip clears them too."""
        self.restriction_button.hide()

        self.table = QTableView(self)
        self.table.setObjectName(f"table_{kind_key}")
        for_keyboard(self.table, self.kind.plural(service.language))  # Tab leaves it for Ny, Redigera and Ta bort
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure 200,000 rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._set_up_header(state)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        open_action = QAction(self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.edit_selected)
        self.table.addAction(open_action)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.new_button = QPushButton(self.tr("Ny"), self)
        self.edit_button = QPushButton(self.tr("Redigera"), self)
        self.delete_button = QPushButton(self.tr("Ta bort"), self)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

        self._lay_out()
        self.proxy.modelAboutToBeReset.connect(self._keep_selection)
        # laid out at once, not on the view's timer: the table then paints once after a new search
        # or filter, not once before its layout and again after it (20 ms a paint at national scale)
        self.proxy.modelReset.connect(self.table.doItemsLayout)
        self.proxy.modelReset.connect(self._restore_selection)
        self.empty_label = plain_label("", self.table.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(EMPTY_STYLE)
        self.empty_label.hide()
        self.table.viewport().installEventFilter(self)  # the empty state follows its size; a large table reads on once painted
        self.model.sig_count_changed.connect(lambda _n: self._count_changed())
        service.sig_changed.connect(self._on_changed)
        self._selection_changed()
        self._show_empty_state()

    def _lay_out(self) -> None:
        """The search across the top, the filters in rows of at most `FILTERS_PER_ROW` under it,
        all in columns of one width, so that neither the search nor a filter is squeezed until its
        words are cut (the issue saw "S…" for the search at 1024 px when they shared a row)."""
        combos = list(self.filter_combos.values())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.restriction_button)
        top.addWidget(self.show_deleted)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 6, 4)
        layout.addLayout(top)
        if combos:
            rows = -(-len(combos) // FILTERS_PER_ROW)
            per_row = max(-(-len(combos) // rows), FILTERS_PER_ROW - 1)
            grid = QGridLayout()
            for index, combo in enumerate(combos):
                combo.setMinimumContentsLength(FILTER_CHARS)
                grid.addWidget(combo, index // per_row, index % per_row)
            for column in range(per_row):
                grid.setColumnStretch(column, 1)
            layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- state kept between runs: column widths and sort ---

    def _saved_sort(self, state: QSettings) -> tuple[str, bool] | None:
        field = state.value(f"{self._state_key}/sort_field")
        if field not in {c.key for c in queries.columns(self.kind.key)}:
            return None
        return str(field), state.value(f"{self._state_key}/descending", False, type=bool)

    def _set_up_header(self, state: QSettings) -> None:
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(FIT_ROWS)
        for column in range(header.count()):
            header.resizeSection(column, self._widest(column))
        saved = state.value(f"{self._state_key}/header")
        self._fill_width_on_show = not (isinstance(saved, QByteArray) and header.restoreState(saved))
        order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self.model.sort_column(), order)
        self.table.setSortingEnabled(True)

    def _widest(self, column: int) -> int:
        """A column's widest first width: its header, or a number of characters for its type."""
        spec = self.model.columns[column]
        average = self.fontMetrics().averageCharWidth()
        chars = _COLUMN_CHARS.get(spec.spec.type, 16) if spec.spec is not None else ORIGIN_CHARS
        label = self.fontMetrics().horizontalAdvance(spec.label(self.service.language)) + 3 * average
        return max(chars * average, label)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """On the very first show (nothing remembered yet), fit the columns to the first rows and
        give the first column, the title, the width the others leave."""
        super().showEvent(event)
        if not self._fill_width_on_show:
            return
        self._fill_width_on_show = False
        header = self.table.horizontalHeader()
        for column in range(1, header.count()):
            label = self.fontMetrics().horizontalAdvance(self.model.columns[column].label(self.service.language))
            fit = max(self.table.sizeHintForColumn(column), label + 3 * self.fontMetrics().averageCharWidth())
            header.resizeSection(column, min(fit, self._widest(column)))
        others = sum(header.sectionSize(i) for i in range(1, header.count()))
        header.resizeSection(0, max(self._widest(0), self.table.viewport().width() - others))

    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self._state_key}/header", self.table.horizontalHeader().saveState())
        state.setValue(f"{self._state_key}/sort_field", self.model.sort_field)
        state.setValue(f"{self._state_key}/descending", self.model.descending)

    # --- filters ---

    def _load_filter_options(self) -> None:
        """(Re)fill the filter choices, keeping what is chosen while it still exists."""
        language = self.service.language
        options = self.service.read(queries.filter_options, self.kind.key, language)
        for item in queries.filters(self.kind.key):
            combo = self.filter_combos[item.key]
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("%1: alla").replace("%1", item.label(language)), None)
            for value, label in options[item.key]:
                combo.addItem(label, value)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            if chosen is not None and found < 0:
                self.proxy.set_filter(item.key, None)

    def apply_filters(self, filters: dict[str, Any], restriction: Restriction | None = None) -> None:
        """Show just the records that match `filters` (filter key → value, as in `queries.filters`;
        filters not named show all) and `restriction`, with the search cleared and deleted records
        hidden: what a click on a dashboard chart shows. The filter combos show the choice."""
        unknown = set(filters) - set(self.filter_combos)
        if unknown:
            raise ValueError(f"{self.kind.key} has no filter {sorted(unknown)}")
        self._search_timer.stop()
        widgets = (self.search, self.show_deleted, *self.filter_combos.values())
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.show_deleted.setChecked(False)
        for key, combo in self.filter_combos.items():
            value = filters.get(key)
            found = combo.findData(value) if value is not None else 0
            if found < 0:  # e.g. a year without records yet: still a valid choice
                combo.addItem(str(value), value)
                found = combo.count() - 1
            combo.setCurrentIndex(found)
        for widget in widgets:
            widget.blockSignals(False)
        self.proxy.show_only({key: filters.get(key) for key in self.filter_combos}, restriction)
        self._show_restriction(restriction)
        self._drilled = {key: value for key, value in filters.items() if value is not None}

    def end_drill_down(self) -> None:
        """Close the chip: show every record again, without the drill-down's filters either (those
        a person changed since are theirs, and stay)."""
        self.set_restriction(None)
        for key, value in self._drilled.items():
            combo = self.filter_combos[key]
            if combo.currentData() == value:
                combo.setCurrentIndex(0)
        self._drilled = {}

    def set_restriction(self, restriction: Restriction | None) -> None:
        self.proxy.set_restriction(restriction)
        self._show_restriction(restriction)

    def _show_restriction(self, restriction: Restriction | None) -> None:
        self.restriction_button.setVisible(restriction is not None)
        self.restriction_button.setText(self.tr("%1  ✕").replace("%1", restriction.label) if restriction else "")

    def _on_changed(self, changes: Changes) -> None:
        refers_to = {f.ref_kind for f in queries.filters(self.kind.key) if f.ref_kind}
        if changes.labels or changes.touches({self.kind.key, *refers_to}):
            self._load_filter_options()

    # --- selection ---

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.record_id(index) for index in sorted(rows, key=QModelIndex.row)]

    def select_records(self, record_ids: list[str]) -> None:
        selection = QItemSelection()
        for record_id in record_ids:
            index = self.proxy.index_of(record_id)
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        if not selection.isEmpty():
            first = selection.indexes()[0]
            self.table.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def _keep_selection(self) -> None:
        self._kept_selection = self.selected_ids()

    def _restore_selection(self) -> None:
        if self._kept_selection:
            self.select_records(self._kept_selection)
        self._kept_selection = []

    def _selection_changed(self, *_args: Any) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count >= 1)
        self.sig_selection_changed.emit()

    def _count_changed(self) -> None:
        self.sig_count_changed.emit(self.count_text())
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        """An empty table says why and what to do next, not nothing."""
        if self.proxy.rowCount():
            self.empty_label.hide()
            return
        narrowed = (bool(self.search.text()) or self.restriction_button.isVisible()
                    or any(combo.currentIndex() > 0 for combo in self.filter_combos.values()))
        plural = self.kind.plural(self.service.language).lower()
        self.empty_label.setText(
            self.tr("Inga %1 som passar sökningen och filtren. Töm sökningen (Esc) eller välj ”alla” i filtren.")
            .replace("%1", plural) if narrowed else
            self.tr("Inga %1 ännu. Lägg till en med Ny (Ctrl+N), eller läs in ett paket: Arkiv → Importera paket.")
            .replace("%1", plural))
        self.empty_label.setGeometry(self.table.viewport().rect().adjusted(24, 24, -24, -24))
        self.empty_label.show()

    def count_text(self) -> str:
        """How many records the table shows; nothing while it is still finding them."""
        if self.model.searching:
            return ""
        count = self.proxy.rowCount()
        language = self.service.language
        return counted(count, self.kind.label(language).lower(), self.kind.plural(language).lower())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self.empty_label.isVisible():
            self.empty_label.setGeometry(self.table.viewport().rect().adjusted(24, 24, -24, -24))
        if watched is self.table.viewport() and event.type() == QEvent.Type.Paint:
            self.model.painted()
        if (watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and self.search.text()):
            self.search.clear()
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- editing, through the record editor of `ui.forms` ---

    def new_record(self) -> None:
        from bra_desktop.ui.forms import open_record_editor

        saved = open_record_editor(self, self.service, self.undo_stack, self.kind.key, None)
        if saved is not None:
            self.select_records([saved])

    def edit_selected(self) -> None:
        selected = self.selected_ids()
        if len(selected) != 1:
            return
        from bra_desktop.ui.forms import open_record_editor

        saved = open_record_editor(self, self.service, self.undo_stack, self.kind.key, selected[0])
        if saved is not None:
            self.select_records([saved])

    def delete_selected(self) -> None:
        selected = self.selected_ids()
        if not selected:
            return
        from bra_desktop.ui.forms import confirm_and_delete

        confirm_and_delete(self, self.service, self.undo_stack, self.kind.key, selected)
