"""The Kommuner section: every municipality of the county (all 290 in Brå's register) under Lag
(2023:196) in one year, the support the länsstyrelse gave it, and its follow-up.

A row per municipality, followed up or not, with the three requirements, their dates, this
year's support and the last contact (`reports/municipalities.py` counts them). Filters such as
"Saknar beslutad åtgärdsplan" narrow it; the line above the table says how many of the county's
municipalities meet each requirement. The panel below shows the chosen municipality: its
follow-up (opened, or started as a copy of the year before) and its activities, commitments and
problem areas, each opened with a double click.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from bra_desktop.changes import Changes
from bra_desktop.domain.fields import FOLLOW_UP, KINDS
from bra_desktop.reports.municipalities import (
    IN_PLACE, MunicipalityStanding, follow_up_years, municipality_records, standings, summary,
)
from bra_desktop.store import queries
from bra_desktop.store.queries import swedish_sort_key
from bra_desktop.store.register import NATIONAL
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import plain_label, plain_tooltip
from bra_desktop.ui.service import RegisterService

ModelIndex = QModelIndex | QPersistentModelIndex

_CODE_LISTS = {FOLLOW_UP.field(name).code_list or "" for name in IN_PLACE} | {"aktivitetstyp"}
_LINKED_KINDS = ("activity", "commitment", "problem_area")


FILTERS: dict[str, tuple[str, Callable[[MunicipalityStanding], bool]]] = {
    # key (Översikt's tiles name them): Swedish label, which rows it keeps
    "all": (QT_TRANSLATE_NOOP("MunicipalitiesSection", "Alla kommuner"), lambda row: True),
    "lacks:plan_status": (QT_TRANSLATE_NOOP("MunicipalitiesSection", "Saknar beslutad åtgärdsplan"),
                          lambda row: row.lacks("plan_status")),
    "lacks:situation_status": (QT_TRANSLATE_NOOP("MunicipalitiesSection", "Saknar klar lägesbild"),
                               lambda row: row.lacks("situation_status")),
    "lacks:coordination_status": (QT_TRANSLATE_NOOP("MunicipalitiesSection", "Saknar samordningsfunktion"),
                                  lambda row: row.lacks("coordination_status")),
    "not_followed_up": (QT_TRANSLATE_NOOP("MunicipalitiesSection", "Inte uppföljda i år"), lambda row: not row.followed_up),
    "no_support": (QT_TRANSLATE_NOOP("MunicipalitiesSection", "Har inte fått stöd i år"), lambda row: not row.support),
}
"""What a coordinator asks of the county's municipalities."""


class MunicipalityTableModel(QAbstractTableModel):
    """The municipalities of one year as rows; the texts of codes come from the code lists."""

    def __init__(self, national: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MunicipalityStanding] = []
        self.labels: dict[tuple[str, str], str] = {}
        self.language = "sv"
        self.columns: list[tuple[str, Callable[[MunicipalityStanding], Any]]] = [
            (self.tr("Kommun"), lambda row: row.name),
            *([(self.tr("Län"), lambda row: row.county_name)] if national else []),
            (self.tr("Samordningsfunktion"), lambda row: self._status(row, "coordination_status")),
            (self.tr("Lägesbild"), lambda row: self._status(row, "situation_status")),
            (self.tr("Senaste lägesbild"), lambda row: row.situation_date),
            (self.tr("Åtgärdsplan"), lambda row: self._status(row, "plan_status")),
            (self.tr("Beslutad"), lambda row: row.plan_decided_on),
            (self.tr("Gäller till"), lambda row: row.plan_valid_to),
            (self.tr("Stöd i år"), lambda row: row.supported or ""),
            (self.tr("Senaste kontakt"), lambda row: row.last_contact),
            (self.tr("Nästa uppföljning"), lambda row: row.next_follow_up),
        ]

    def set_rows(self, rows: list[MunicipalityStanding], labels: dict[tuple[str, str], str], language: str) -> None:
        self.beginResetModel()
        self.rows, self.labels, self.language = rows, labels, language
        self.endResetModel()

    def _status(self, row: MunicipalityStanding, requirement: str) -> str:
        code = row.statuses[requirement]
        if code is None:
            return self.tr("ej uppföljd")
        return self.labels.get((FOLLOW_UP.field(requirement).code_list or "", code), code)

    def support_text(self, row: MunicipalityStanding) -> str:
        """"Metod- och processtöd 2, Konferens 1": the year's activities by type, most first, then by name."""
        named = sorted(((self.labels.get(("aktivitetstyp", code), code), count) for code, count in row.support.items()),
                       key=lambda pair: (-pair[1], swedish_sort_key(pair[0])))
        return ", ".join(f"{label} {count}" for label, count in named)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        value = self.columns[index.column()][1](row)
        if role == Qt.ItemDataRole.DisplayRole:
            return value.isoformat() if isinstance(value, date) else value
        if role == Qt.ItemDataRole.UserRole:  # sorting: dates as dates, the support by its count
            return value.isoformat() if isinstance(value, date) else value if isinstance(value, int) else (value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.support:
            return plain_tooltip(self.tr("Stöd i år: {support}").format(support=self.support_text(row)))
        if role == Qt.ItemDataRole.FontRole and not row.followed_up and index.column() > 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not row.followed_up and index.column() > 0:
            return Qt.GlobalColor.darkGray
        return None


class _RowFilter(QSortFilterProxyModel):
    """Keeps the rows the chosen filter keeps; sorts on `UserRole`."""

    def __init__(self, source: MunicipalityTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.keep: Callable[[MunicipalityStanding], bool] = lambda row: True

    def set_keep(self, keep: Callable[[MunicipalityStanding], bool]) -> None:
        self.beginFilterChange()
        self.keep = keep
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802 (Qt's name)
        source = self.sourceModel()
        assert isinstance(source, MunicipalityTableModel)
        return self.keep(source.rows[source_row])


class MunicipalitiesSection(QWidget):
    """Year, county (Brå) and filter; the summary line; the table; the chosen municipality."""

    def __init__(self, service: RegisterService, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.national = service.producer == NATIONAL
        self.chosen: MunicipalityStanding | None = None

        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("municipalities_year")
        self.year_combo.setAccessibleName(self.tr("År"))
        self.county_combo = QComboBox(self)
        self.county_combo.setObjectName("municipalities_county")
        self.county_combo.setAccessibleName(self.tr("Län"))
        self.county_combo.setVisible(self.national)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("municipalities_filter")
        self.filter_combo.setAccessibleName(self.tr("Visa"))
        for key, (label, _keep) in FILTERS.items():
            self.filter_combo.addItem(QCoreApplication.translate("MunicipalitiesSection", label), key)
        self.summary_label = plain_label("", self)
        self.summary_label.setObjectName("municipalities_summary")

        self.model = MunicipalityTableModel(self.national, self)
        self.proxy = _RowFilter(self.model, self)
        self.table = QTableView(self)
        self.table.setObjectName("municipalities_table")
        for_keyboard(self.table, self.tr("Kommunerna"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the county's own order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.open_follow_up())

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.support_label = plain_label("", self)
        self.follow_up_button = QPushButton(self)
        self.follow_up_button.setObjectName("municipalities_follow_up")
        self.follow_up_button.clicked.connect(self.open_follow_up)
        self.lists: dict[str, QListWidget] = {}
        for kind_key in _LINKED_KINDS:
            listing = QListWidget(self)
            listing.setObjectName(f"municipalities_{kind_key}")
            for_keyboard(listing, KINDS[kind_key].plural(service.language))
            listing.itemActivated.connect(lambda item, key=kind_key: self._open_linked(key, item))
            self.lists[kind_key] = listing

        self._lay_out()
        self._load_choices()
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.county_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._choose(current))
        service.sig_changed.connect(self._on_changed)
        self.reload()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for text, combo in ((self.tr("År:"), self.year_combo), (self.tr("Län:"), self.county_combo),
                            (self.tr("Visa:"), self.filter_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            label.setVisible(combo is not self.county_combo or self.national)  # the county: in Brå's register only
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.summary_label)
        top_layout.addWidget(self.table, 1)

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.follow_up_button)
        detail_layout.addLayout(head)
        detail_layout.addWidget(self.support_label)
        columns = QHBoxLayout()
        for kind_key, listing in self.lists.items():
            column = QVBoxLayout()
            column.addWidget(QLabel(KINDS[kind_key].plural(self.service.language), self))
            column.addWidget(listing)
            columns.addLayout(column)
        detail_layout.addLayout(columns, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _load_choices(self) -> None:
        for year in self.service.read(follow_up_years):
            self.year_combo.addItem(str(year), year)
        if self.national:
            self.county_combo.addItem(self.tr("Hela landet"), None)
            for code, name in self.service.read(queries.counties):
                self.county_combo.addItem(name, code)

    # --- what is shown ---

    def show_filtered(self, key: str, county: str | None, year: int) -> None:
        """Show the municipalities `FILTERS[key]` keeps, of `county` (Brå's register) in `year`."""
        if self.year_combo.findData(year) < 0:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        if self.national:
            self.county_combo.setCurrentIndex(max(self.county_combo.findData(county), 0))
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(key))

    @property
    def year(self) -> int:
        return self.year_combo.currentData()

    @property
    def county(self) -> str | None:
        return self.county_combo.currentData() if self.national else self.service.producer

    def reload(self) -> None:
        """Read the year's rows again (after a change, or another year or county)."""
        chosen = self.chosen.code if self.chosen is not None else None
        rows = self.service.read(standings, self.year, self.county)
        labels = self.service.read(queries.code_labels, self.service.language, _CODE_LISTS)
        self.model.set_rows(rows, labels, self.service.language)
        self.summary_label.setText(self._summary_text())
        self.table.resizeColumnsToContents()
        self._select(chosen)

    def _filter_changed(self) -> None:
        chosen = self.chosen.code if self.chosen is not None else None
        self.proxy.set_keep(FILTERS[self.filter_combo.currentData()][1])
        self._select(chosen)

    def _summary_text(self) -> str:
        counted = summary(self.model.rows)
        if not counted.municipalities:
            return ""
        return self.tr(
            "{followed} av {total} kommuner är uppföljda {year}. Beslutad åtgärdsplan: {plan} ({no_plan} saknar). "
            "Klar lägesbild: {situation} ({no_situation} saknar). Samordningsfunktion: {coordination} "
            "({no_coordination} saknar). {supported} kommuner har fått stöd i år."
        ).format(
            followed=counted.followed_up, total=counted.municipalities, year=self.year,
            plan=counted.met["plan_status"], no_plan=counted.lacking("plan_status"),
            situation=counted.met["situation_status"], no_situation=counted.lacking("situation_status"),
            coordination=counted.met["coordination_status"], no_coordination=counted.lacking("coordination_status"),
            supported=counted.supported,
        )

    def _select(self, code: str | None) -> None:
        """Select the municipality `code` if it is shown, else none."""
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.rows[source.row()].code == code:
                self.table.selectRow(row)
                self._choose(self.proxy.index(row, 0))
                return
        self.table.clearSelection()
        self._choose(QModelIndex())

    def _choose(self, index: ModelIndex) -> None:
        """Show the municipality of the table's current row in the panel below."""
        self.chosen = self.model.rows[self.proxy.mapToSource(index).row()] if index.isValid() else None
        for listing in self.lists.values():
            listing.clear()
        if self.chosen is None:
            self.heading.setText("")
            self.support_label.setText("")
            self.follow_up_button.setEnabled(False)
            self.follow_up_button.setText(self.tr("Öppna uppföljningen"))
            return
        chosen, year = self.chosen, self.year
        self.heading.setText(f"{chosen.name} {year}")
        self.support_label.setText(self.tr("Stöd i år: {support}").format(support=self.model.support_text(chosen))
                                   if chosen.support else self.tr("Inget stöd i år."))
        own = chosen.county == self.service.producer
        if chosen.followed_up:
            self.follow_up_button.setText(self.tr("Öppna uppföljningen {year}").format(year=year))
            self.follow_up_button.setEnabled(True)
        else:
            self.follow_up_button.setText(self.tr("Starta uppföljningen {year}").format(year=year))
            self.follow_up_button.setEnabled(own)
            self.follow_up_button.setToolTip(
                self.tr("Utgår från den senaste uppföljningen, att bekräfta eller ändra.")
                if chosen.earlier_follow_up_id else "" if own
                else self.tr("Kommunens uppföljning görs av länsstyrelsen i dess län."))
        for kind_key, records in self.service.read(municipality_records, chosen.code, year).items():
            for record in records:
                when = record.when.isoformat() if record.when else ""
                item = QListWidgetItem(f"{when}  {record.title}".strip(), self.lists[kind_key])
                item.setData(Qt.ItemDataRole.UserRole, record.id)

    def _on_changed(self, changes: Changes) -> None:
        if changes.labels or changes.touches({"follow_up", *_LINKED_KINDS, "organisation"}):
            self.reload()

    # --- opening ---

    def open_follow_up(self) -> None:
        """The chosen municipality's follow-up of the year: opened, or started from the latest one."""
        chosen = self.chosen
        if chosen is None:
            return
        from bra_desktop.ui.forms import open_record_editor

        if chosen.follow_up_id is not None:
            open_record_editor(self, self.service, self.undo_stack, FOLLOW_UP.key, chosen.follow_up_id)
            return
        if chosen.county != self.service.producer:
            return
        open_record_editor(self, self.service, self.undo_stack, FOLLOW_UP.key, None, initial=self._new_follow_up(chosen))

    def _new_follow_up(self, chosen: MunicipalityStanding) -> dict[str, Any]:
        """A follow-up of the year: a copy of the latest earlier one (its statuses and facts still
        to be confirmed), with the next follow-up left for the coordinator to set."""
        start: dict[str, Any] = {"municipality_code": chosen.code, "year": self.year}
        if chosen.earlier_follow_up_id is not None:
            earlier = self.service.load(FOLLOW_UP.key, chosen.earlier_follow_up_id)
            if earlier is not None:
                return {**earlier.content, **start, "next_follow_up": None}
        return start

    def _open_linked(self, kind_key: str, item: QListWidgetItem) -> None:
        from bra_desktop.ui.forms import open_record_editor

        open_record_editor(self, self.service, self.undo_stack, kind_key, item.data(Qt.ItemDataRole.UserRole))

