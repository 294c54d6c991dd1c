"""The import wizard's overview of many files (Brå reads every county's bundle in one go).

Each file chosen has a row: whether it is to be imported ("Läs in"), who sent it, when, what it
would do (counts per kind of change), its conflicts and problems, and a status that says why a
file cannot be imported (unreadable, already imported, the same file as an earlier row, nothing
readable in it, conflicts to decide first). The wizard reads and plans the files on its worker,
shows this page, opens a file's preview from it ("Visa detaljer…"), and applies the checked files
in list order, one transaction each.

`bundle/batch.py` plans and applies the files (`BatchEntry` is its plain data, made on the
worker); `BatchModel` shows the entries and owns the "Läs in" choices; `BatchPage` is the table
with its buttons and the chosen row's text in full.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelection, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.bundle.apply import ImportResult
from bra_desktop.bundle.batch import BatchEntry, State
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.report import plan_summary
from bra_desktop.ui.commands import error_message
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.numbers import counted
from bra_desktop.ui.plain_text import plain_label, plain_tooltip
from bra_desktop.ui.service import RegisterService


def local_time(moment: datetime) -> str:
    """A bundle's UTC time as the person's clock shows it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


class BatchModel(QAbstractTableModel):
    """A row per chosen file; the first column is the checkable "Läs in"."""

    (CHECK, FILE, PRODUCER, CREATED, NEW, UPDATED, DELETED, UNCHANGED, CONFLICTS, PROBLEMS, STATUS) = range(11)
    COUNT_COLUMNS = {
        NEW: (Action.NEW,),
        UPDATED: (Action.UPDATE, Action.MERGE),
        DELETED: (Action.DELETE,),
        UNCHANGED: (Action.UNCHANGED, Action.KEEP_LOCAL),
    }
    """Count columns and the kinds of change each adds up: a merge updates the record, a stale copy
    leaves it as it is. Every kind is in the cell's tooltip."""

    sig_choice_changed = Signal()
    """Which files are to be imported may have changed."""

    def __init__(self, service: RegisterService, parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.entries: list[BatchEntry] = []
        self._headers = [
            self.tr("Läs in"), self.tr("Fil"), self.tr("Från"), self.tr("Skapat"), self.tr("Nya"),
            self.tr("Uppdateras"), self.tr("Tas bort"), self.tr("Oförändrade"), self.tr("Konflikter"),
            self.tr("Problem"), self.tr("Status"),
        ]
        self._header_tips = {
            self.CHECK: self.tr("Bocka för de filer som ska läsas in. Varje fil läses in för sig, i listans ordning."),
            self.CREATED: self.tr("När paketet skapades"),
            self.UPDATED: self.tr("Poster som uppdateras eller sammanfogas"),
            self.UNCHANGED: self.tr("Poster som redan är som i filen, eller där registret har en nyare version"),
            self.CONFLICTS: self.tr("Konflikter som inte är avgjorda / alla konflikter"),
            self.PROBLEMS: self.tr("Avvisade rader och varningar"),
        }
        style = QApplication.style()
        self._icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "done": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }

    # --- content ---

    def set_entries(self, entries: list[BatchEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()
        self.sig_choice_changed.emit()

    def entry(self, row: int) -> BatchEntry:
        return self.entries[row]

    def refresh(self, row: int | None = None) -> None:
        """Show a row again (its conflicts were decided, say), or every row."""
        if not self.entries:
            return
        first, last = (0, len(self.entries) - 1) if row is None else (row, row)
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        self.sig_choice_changed.emit()

    def chosen(self) -> list[int]:
        """The rows to import, in list order."""
        return [row for row, entry in enumerate(self.entries) if entry.checked]

    def choose_all(self, wanted: bool) -> None:
        for entry in self.entries:
            if entry.state is State.READY:
                entry.wanted = wanted
        self.refresh()

    # --- Qt model ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips.get(section)
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CHECK:
            if self.entries[index.row()].state is State.READY and not self._applied:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags &= ~Qt.ItemFlag.ItemIsEnabled  # shown greyed: the status says why
        return flags

    @property
    def _applied(self) -> bool:
        return any(entry.applied for entry in self.entries)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != self.CHECK or role != Qt.ItemDataRole.CheckStateRole
                or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        self.entries[index.row()].wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        self.refresh(index.row())
        return True

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry, column = self.entries[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHECK:
            return Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return self._icons.get(self._icon(entry))
        if role == Qt.ItemDataRole.TextAlignmentRole and self.NEW <= column <= self.PROBLEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: BatchEntry, column: int) -> str | None:
        plan = entry.plan
        if column == self.FILE:
            return entry.path.name
        if column == self.STATUS:
            return self.status(entry)
        if plan is None or column == self.CHECK:
            return None
        if column == self.PRODUCER:
            return entry.producer_name
        if column == self.CREATED:
            return local_time(plan.contents.info.created_at)
        if plan.already_imported_at is not None:
            return None  # nothing of it would be applied: no counts to mislead
        if column in self.COUNT_COLUMNS:
            counts = plan.counts()
            return str(sum(counts[action] for action in self.COUNT_COLUMNS[column]))
        if column == self.CONFLICTS:
            total = len(plan.conflicts)
            return f"{len(plan.undecided)} / {total}" if total else "0"
        if column == self.PROBLEMS:
            return str(len(plan.rejected) + len(plan.warnings))
        return None

    def _tooltip(self, entry: BatchEntry, column: int) -> str | None:
        plan = entry.plan
        if column == self.FILE:
            return plain_tooltip(str(entry.path), wrap=True)
        if column == self.STATUS:
            return plain_tooltip(self.status(entry), wrap=True)
        if plan is None:
            return None
        if column == self.PRODUCER:
            return plain_tooltip(f"{plan.sender.name}, nyckel {plan.sender.fingerprint}", wrap=True)
        if column in self.COUNT_COLUMNS:
            counts = plan.counts()
            language = self.service.language
            return plain_tooltip("\n".join(
                f"{action.label_en if language == 'en' else action.label_sv}: {counts[action]}" for action in Action),
                wrap=True)
        if column == self.PROBLEMS:
            return plain_tooltip(self.tr("Avvisade rader: %1, varningar: %2").replace(
                "%1", str(len(plan.rejected))).replace("%2", str(len(plan.warnings))), wrap=True)
        return None

    def _icon(self, entry: BatchEntry) -> str | None:
        if entry.applied:
            return "error" if isinstance(entry.outcome, Exception) else "done"
        state = entry.state
        if state in (State.UNREADABLE, State.NOTHING_READABLE):
            return "error"
        if state in (State.CONFLICTS, State.TO_CONFIRM):
            return "warning"
        return None

    # --- words ---

    def status(self, entry: BatchEntry) -> str:
        """Where the file stands, in a few words: before applying, why it can or cannot be imported;
        after, what became of it."""
        if entry.applied:
            return self.outcome_text(entry)
        state = entry.state
        if state is State.UNREADABLE:
            return self.tr("kunde inte läsas: %1").replace("%1", self.error_text(entry.error))
        if state is State.ALREADY_IMPORTED:
            assert entry.plan is not None and entry.plan.already_imported_at is not None
            return self.tr("redan inläst %1").replace("%1", local_time(entry.plan.already_imported_at))
        if state is State.SAME_BUNDLE:
            assert entry.same_as is not None
            return self.tr("samma fil som rad %1").replace("%1", str(entry.same_as + 1))
        if state is State.NOTHING_READABLE:
            return self.tr("ingen rad kunde läsas")
        if state is State.CONFLICTS:
            return self.tr("konflikter att avgöra")
        if state is State.TO_CONFIRM:
            return self.tr("att bekräfta (se detaljer)")
        return self.tr("klar att läsas in") if entry.wanted else self.tr("lämnas utanför")

    def outcome_text(self, entry: BatchEntry) -> str:
        """What applying did to the file (or that it was not applied)."""
        outcome = entry.outcome
        if isinstance(outcome, ImportResult):
            if outcome.already_imported:
                return self.tr("redan inläst")
            done = (self.tr("inläst: %1").replace("%1", counted(outcome.changed, self.tr("post ändrad"),
                                                                self.tr("poster ändrade"))) if outcome.changed
                    else self.tr("inläst: ingenting behövde ändras"))
            return done + self.tr(" (planerad på nytt: registret hade ändrats)") if outcome.replanned else done
        if isinstance(outcome, Exception):
            return self.tr("inte inläst: %1").replace("%1", self.error_text(outcome))
        return self.tr("inte inläst: avbrutet")

    def result_text(self, entry: BatchEntry) -> str:
        """What became of a file once the chosen ones were applied, for the result page."""
        if entry.applied:
            return self.outcome_text(entry)
        state = entry.state
        if state is State.CONFLICTS:
            return self.tr("inte inläst: konflikterna är inte avgjorda")
        if state is State.TO_CONFIRM:
            return self.tr("inte inläst: inte bekräftad")
        if state is State.READY:
            return self.tr("lämnas utanför")
        return self.status(entry)

    def error_text(self, error: Exception | None) -> str:
        return error_message(self.service, error) if error is not None else ""

    def full_text(self, row: int) -> str:
        """A row's status in full, with every problem of an unreadable file or the plan's summary."""
        entry = self.entries[row]
        lines = [f"{entry.path.name}: {self.status(entry)}"]
        if isinstance(entry.error, BundleError):
            lines.extend(str(problem) for problem in entry.error.problems)
        if entry.plan is not None:
            lines.append(plan_summary(entry.plan, self.service.language))
        return "\n".join(lines)


class BatchPage(QWidget):
    """The overview: the table, "Visa detaljer…", "Välj alla"/"Välj ingen", and the chosen row in full."""

    sig_details = Signal(int)
    """(row) the person asked to see a file's preview."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BatchModel(service, self)
        intro = plain_label(self.tr(
            "Varje fil har kontrollerats och jämförts med registret; ingenting är ändrat ännu. Bocka för de filer "
            "som ska läsas in. De läses in i listans ordning, var och en för sig med ett eget kvitto i Arkiv → "
            "Importhistorik. Välj Visa detaljer… för att se en fils ändringar och avgöra dess konflikter."), self)
        self.table = QTableView(self)
        self.table.setObjectName("batch_table")
        for_keyboard(self.table, self.tr("Filerna"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self.show_details(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.model.modelReset.connect(self._lay_out)
        self.model.dataChanged.connect(lambda *_: self._selected())

        self.details_button = QPushButton(self.tr("Visa detaljer…"), self)
        self.details_button.setToolTip(self.tr("Visa vad den markerade filen ändrar och avgör dess konflikter"))
        self.details_button.clicked.connect(lambda: self.show_details(self.current_row()))
        self.all_button = QPushButton(self.tr("Välj alla"), self)
        self.all_button.clicked.connect(lambda: self.model.choose_all(True))
        self.none_button = QPushButton(self.tr("Välj ingen"), self)
        self.none_button.clicked.connect(lambda: self.model.choose_all(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)

        self.row_text = QPlainTextEdit(self)
        self.row_text.setObjectName("batch_row_text")
        self.row_text.setAccessibleName(self.tr("Den valda filen"))
        self.row_text.setReadOnly(True)
        self.row_text.setMaximumHeight(110)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.row_text)
        self._selected()

    def set_entries(self, entries: list[BatchEntry]) -> None:
        self.model.set_entries(entries)
        if entries:
            self.select(0)

    def select(self, row: int) -> None:
        """Make `row` the chosen one (current on its file name, so the greyed box draws no focus frame)."""
        self.table.setCurrentIndex(self.model.index(row, BatchModel.FILE))
        self.table.selectRow(row)

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def show_details(self, row: int) -> None:
        if 0 <= row < self.model.rowCount() and self.model.entry(row).plan is not None:
            self.sig_details.emit(row)

    def set_applied(self) -> None:
        """After applying: the choices are fixed, the statuses say what happened."""
        self.all_button.setEnabled(False)
        self.none_button.setEnabled(False)
        self.model.refresh()

    def _selected(self, *_: QItemSelection) -> None:
        row = self.current_row()
        self.details_button.setEnabled(row >= 0 and self.model.entry(row).plan is not None)
        self.row_text.setPlainText(self.model.full_text(row) if row >= 0 else self.tr("Markera en fil för att se mer."))

    def _lay_out(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column, most in ((BatchModel.FILE, 260), (BatchModel.PRODUCER, 190)):
            if header.sectionSize(column) > most:
                header.resizeSection(column, most)
        self.all_button.setEnabled(True)
        self.none_button.setEnabled(True)
