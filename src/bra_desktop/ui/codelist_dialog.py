"""Kodlistor…: Brå's code lists, changed in Brå's register and only looked at in a county's.

The lists are on the left, the chosen list's codes on the right (code, Swedish and English label,
whether it is in use). In Brå's national register a code can be added (last in its list), its labels
changed (in the table, or with Byt namn…), and it can be taken out of use and into use again; codes
are never deleted. The rules and their messages are `store.codelists`'; a refused change is said in
the dialog and changes nothing. In a county register the dialog is read-only: the lists come with
Brå's national bundle.

When the dialog closes after a change, the service tells every view that the code lists changed
(`Changes.code_lists`), so tables, filters and charts show the new labels; forms read the codes
each time they open (`ui.forms.choices`), so a new form offers exactly the codes in use.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.changes import Changes
from bra_desktop.store import codelists
from bra_desktop.store.codelists import Code, CodeList
from bra_desktop.store.errors import RegisterError
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import ERROR_STYLE, error_label, plain_label, plain_tooltip
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.window_size import resize_within_screen

CODE_COLUMN, SV_COLUMN, EN_COLUMN, ACTIVE_COLUMN = range(4)
RETIRED_COLOUR = "#7a7a7a"


class CodeEditDialog(QDialog):
    """A code and its two labels: a new code (Lägg till…) or new labels for one (Byt namn…).

    `save(code, label_sv, label_en)` does the change; if it refuses (`RegisterError`), its message
    shows here and the dialog stays open for a correction."""

    def __init__(self, title: str, save: Callable[[str, str, str], None], parent: QWidget | None = None, *,
                 code: Code | None = None, language: str = "sv") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self._language = language
        self.code_edit = QLineEdit(self)
        self.code_edit.setMaxLength(codelists.CODE_MAX)
        self.code_edit.setPlaceholderText(self.tr("till exempel STUDIEBESOK"))
        self.code_edit.textEdited.connect(self._capitals)
        self.sv_edit = QLineEdit(self)
        self.en_edit = QLineEdit(self)
        for edit in (self.sv_edit, self.en_edit):
            edit.setMaxLength(codelists.LABEL_MAX)
        if code is not None:
            self.code_edit.setText(code.code)
            self.code_edit.setReadOnly(True)
            self.sv_edit.setText(code.label_sv)
            self.en_edit.setText(code.label_en)
        self.error_label = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Kod"), self.code_edit)
        form.addRow(self.tr("Svensk etikett"), self.sv_edit)
        form.addRow(self.tr("Engelsk etikett"), self.en_edit)
        hint = plain_label(self.tr("Koden skrivs med versaler A–Z, siffror och understreck och kan inte ändras sedan. "
                                   "Etiketterna är det användarna ser."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Spara"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        (self.sv_edit if code is not None else self.code_edit).setFocus()

    def _capitals(self, text: str) -> None:
        position = self.code_edit.cursorPosition()
        self.code_edit.setText(text.upper())
        self.code_edit.setCursorPosition(position)

    def accept(self) -> None:
        try:
            self._save(self.code_edit.text(), self.sv_edit.text(), self.en_edit.text())
        except RegisterError as error:
            self.error_label.setText(error.message(self._language))
            self.error_label.show()
            return
        super().accept()


class CodeListDialog(QDialog):
    """The code lists of the register; editable in Brå's register."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kodlistor"))
        self.service = service
        self.editable = service.register.is_national
        self.changed = False
        """Something was changed: the views are told when the dialog closes."""
        self.editor: CodeEditDialog | None = None
        self.lists: list[CodeList] = []
        self.codes: list[Code] = []
        self._filling = False

        if self.editable:
            note = self.tr("Ändringar kommer till länen med nästa nationella paket. Koder tas aldrig bort: "
                           "en kod som tas ur bruk finns kvar på de poster som redan har den men kan inte väljas för nya.")
        else:
            note = self.tr("Kodlistorna ägs av Brå och kommer med det nationella paketet.")
        self.note = plain_label(note, self)

        self.list_picker = QListWidget(self)
        self.list_picker.setObjectName("code_lists")
        for_keyboard(self.list_picker, self.tr("Kodlistor"))
        self.list_picker.setSpacing(3)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("Kod"), self.tr("Svensk etikett"), self.tr("Engelsk etikett"),
                                              self.tr("Aktiv")])
        self.table = QTableView(self)
        self.table.setObjectName("codes")
        for_keyboard(self.table, self.tr("Koder"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SV_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EN_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if self.editable else QAbstractItemView.EditTrigger.NoEditTriggers)

        self.add_button = QPushButton(self.tr("Lägg till…"), self)
        self.rename_button = QPushButton(self.tr("Byt namn…"), self)
        self.toggle_button = QPushButton(self.tr("Ta ur bruk"), self)
        self.add_button.clicked.connect(self.open_add)
        self.rename_button.clicked.connect(self.open_rename)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.message = plain_label("", self)

        actions = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.toggle_button):
            actions.addWidget(button)
            button.setVisible(self.editable)
        actions.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.message)
        splitter = QSplitter(self)
        splitter.addWidget(self.list_picker)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.list_picker.currentRowChanged.connect(lambda _row: self._show_codes())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.itemChanged.connect(self._label_edited)
        self._load_lists()
        self.list_picker.setMinimumWidth(self.list_picker.sizeHintForColumn(0) + 24)
        splitter.setSizes([self.list_picker.minimumWidth(), 640])
        resize_within_screen(self, 1000, 560)

    # --- reading ---

    def _load_lists(self, keep: str | None = None, select: str | None = None) -> None:
        self.lists = self.service.read(codelists.code_lists)
        chosen = keep or (self.current_list().name if self.current_list() else None)
        self.list_picker.blockSignals(True)
        self.list_picker.clear()
        for item in self.lists:
            entry = QListWidgetItem(item.title(self.service.language))
            entry.setToolTip(plain_tooltip(self.tr("%1: %2 koder, %3 i bruk").replace("%1", item.name).replace(
                "%2", str(item.codes)).replace("%3", str(item.active))))
            self.list_picker.addItem(entry)
        names = [item.name for item in self.lists]
        self.list_picker.setCurrentRow(names.index(chosen) if chosen in names else 0)
        self.list_picker.blockSignals(False)
        self._show_codes(select)

    def current_list(self) -> CodeList | None:
        row = self.list_picker.currentRow()
        return self.lists[row] if 0 <= row < len(self.lists) else None

    def choose_list(self, name: str) -> None:
        self.list_picker.setCurrentRow([item.name for item in self.lists].index(name))

    def _show_codes(self, select: str | None = None) -> None:
        chosen = self.current_list()
        if select is None:
            selected = self.selected_code()
            select = selected.code if selected is not None else None
        self.codes = self.service.read(codelists.codes, chosen.name) if chosen else []
        self._filling = True
        self.model.removeRows(0, self.model.rowCount())
        for code in self.codes:
            self.model.appendRow(self._row(code))
        self._filling = False
        for column in (CODE_COLUMN, ACTIVE_COLUMN):
            self.table.resizeColumnToContents(column)
        rows = [code.code for code in self.codes]
        if select in rows:
            self.table.selectRow(rows.index(select))
        else:
            self.table.clearSelection()
        self._update_buttons()

    def _row(self, code: Code) -> list[QStandardItem]:
        texts = (code.code, code.label_sv, code.label_en, self.tr("Ja") if code.active else self.tr("Nej, ur bruk"))
        items = []
        for column, text in enumerate(texts):
            item = QStandardItem(text)
            item.setEditable(self.editable and column in (SV_COLUMN, EN_COLUMN))
            if not code.active:
                item.setForeground(QBrush(QColor(RETIRED_COLOUR)))
                item.setToolTip(self.tr("Ur bruk: finns kvar på de poster som har koden men kan inte väljas för nya."))
            items.append(item)
        return items

    def selected_code(self) -> Code | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.codes[rows[0].row()] if rows and rows[0].row() < len(self.codes) else None

    def select_code(self, code: str) -> None:
        self.table.selectRow([item.code for item in self.codes].index(code))

    def texts(self) -> list[list[str]]:
        """The table as shown (for tests and screen readers)."""
        return [[self.model.item(row, column).text() for column in range(self.model.columnCount())]
                for row in range(self.model.rowCount())]

    def _update_buttons(self) -> None:
        selected = self.selected_code()
        self.add_button.setEnabled(self.editable and self.current_list() is not None)
        self.rename_button.setEnabled(self.editable and selected is not None)
        self.toggle_button.setEnabled(self.editable and selected is not None)
        self.toggle_button.setText(self.tr("Ta i bruk") if selected is not None and not selected.active
                                   else self.tr("Ta ur bruk"))

    # --- changing ---

    def open_add(self) -> None:
        chosen = self.current_list()
        if chosen is None:
            return
        title = self.tr("Ny kod i %1").replace("%1", chosen.title(self.service.language))
        self._open_editor(CodeEditDialog(title, lambda code, sv, en: self.add(code, sv, en), self,
                                         language=self.service.language))

    def open_rename(self) -> None:
        selected = self.selected_code()
        if selected is None:
            return
        title = self.tr("Byt namn på %1").replace("%1", selected.code)
        self._open_editor(CodeEditDialog(title, lambda _code, sv, en: self.rename(selected.code, sv, en), self,
                                         code=selected, language=self.service.language))

    def _open_editor(self, editor: CodeEditDialog) -> None:
        self.editor = editor
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()

    def add(self, code: str, label_sv: str, label_en: str) -> Code:
        """Add a code to the chosen list (raises `RegisterError` if refused)."""
        chosen = self.current_list()
        assert chosen is not None
        added = codelists.add_code(self.service.register, chosen.name, code, label_sv, label_en, user=self.service.user)
        self._changed(self.tr("%1 är tillagd.").replace("%1", added.code), select=added.code)
        return added

    def rename(self, code: str, label_sv: str, label_en: str) -> Code:
        chosen = self.current_list()
        assert chosen is not None
        renamed = codelists.rename_code(self.service.register, chosen.name, code, label_sv, label_en,
                                        user=self.service.user)
        self._changed(self.tr("%1 har nya etiketter.").replace("%1", renamed.code), select=renamed.code)
        return renamed

    def toggle_selected(self) -> None:
        """Take the selected code out of use, or into use again."""
        chosen, selected = self.current_list(), self.selected_code()
        if chosen is None or selected is None:
            return
        change = codelists.retire_code if selected.active else codelists.reactivate_code
        try:
            done = change(self.service.register, chosen.name, selected.code, user=self.service.user)
        except RegisterError as error:
            self._say(error.message(self.service.language), error=True)
            return
        text = self.tr("%1 är i bruk igen.") if done.active else self.tr("%1 är ur bruk.")
        self._changed(text.replace("%1", done.code), select=done.code)

    def _label_edited(self, item: QStandardItem) -> None:
        """A label changed in the table: save it once the editor has closed (the table is then rebuilt)."""
        if self._filling or item.column() not in (SV_COLUMN, EN_COLUMN):
            return
        code = self.codes[item.row()]
        label_sv = item.text() if item.column() == SV_COLUMN else code.label_sv
        label_en = item.text() if item.column() == EN_COLUMN else code.label_en
        if (label_sv, label_en) != (code.label_sv, code.label_en):
            QTimer.singleShot(0, self, lambda: self._save_labels(code, label_sv, label_en))

    def _save_labels(self, code: Code, label_sv: str, label_en: str) -> None:
        """Save labels edited in the table, or say why not and show the labels as they are."""
        try:
            self.rename(code.code, label_sv, label_en)
        except RegisterError as error:
            self._show_codes(select=code.code)
            self._say(error.message(self.service.language), error=True)

    def _changed(self, text: str, *, select: str) -> None:
        self.changed = True
        chosen = self.current_list()
        self._load_lists(keep=chosen.name if chosen else None, select=select)
        self._say(text)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def done(self, result: int) -> None:
        if self.changed:
            self.changed = False
            self.service.changed(Changes(code_lists=True))  # new labels in every table, filter and chart
        super().done(result)
