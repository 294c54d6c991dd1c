"""Länen: Brå's table of every county in Översikt (the whole country): the year's work and the last bundle.

The rows come from `reports.national.national_overview`, counted on the register worker by the
dashboard. A county that has sent no bundle in the year is marked: a warning icon, a pale amber row
and the tooltip "Inget paket i år". A double-click on a row (or Enter) asks for that county's overview.
Everything is plain text; the table sorts by any column, numbers as numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QLocale, QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QVBoxLayout, QWidget

from bra_desktop.reports.national import CountyStatus
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import plain_label, plain_tooltip

NOTHING_SENT_COLOUR = "#fff1c7"
"""The background of a county that has sent nothing in the year."""

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The county code, on every item of its row."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""What a column sorts by: numbers as numbers, dates as ISO text, names in Swedish order."""

COLUMNS = ("county", "activities", "last_bundle", "days", "open", "overdue", "new_problem_areas", "followed_up",
           "coordination", "situation", "plan")


class NationalOverview(QWidget):
    """A heading and a table with a row per county."""

    sig_county_chosen = Signal(str)
    """(county code) a row was double-clicked: show that county's overview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("national_overview")
        self.heading = plain_label(self.tr("Länen"), self, wrap=False)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.note = plain_label("", self)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("national_overview_table")
        for_keyboard(self.table, self.tr("Länen"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        icon = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.table.setIconSize(QSize(icon, icon))
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(max(self.table.fontMetrics().height(), icon) + 8)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)  # a double-click, or Enter on a row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self._warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._locale = QLocale(QLocale.Language.Swedish)
        self.rows: list[CountyStatus] = []
        self._set_headers(date.today().year, date.today().year)

    def set_locale(self, locale: QLocale) -> None:
        self._locale = locale

    def show_rows(self, rows: Sequence[CountyStatus], year: int, today: date) -> None:
        """Show a row per county of `year` (bundle ages on `today`)."""
        self.rows = list(rows)
        self._set_headers(year, today.year)
        nothing = (self.tr("Inget paket i år") if year == today.year
                   else self.tr("Inget paket under %1").replace("%1", str(year)))
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            self.model.appendRow(self._items(row, nothing))
        self.proxy.sort(self.proxy.sortColumn(), self.proxy.sortOrder())
        self._fit_height()
        silent = sum(1 for row in rows if not row.sent_this_year)
        if silent == 0:
            self.note.setText(self.tr("Alla länsstyrelser har skickat paket %1.").replace("%1", str(year)))
        elif silent == 1:
            self.note.setText(self.tr("1 länsstyrelse har inte skickat något paket %1.").replace("%1", str(year)))
        else:
            self.note.setText(self.tr("%1 länsstyrelser har inte skickat något paket %2.").replace("%1", str(silent))
                              .replace("%2", str(year)))
        self.heading.setText(self.tr("Länen (%1)").replace("%1", str(len(rows))))

    def _fit_height(self) -> None:
        """As tall as its rows and never narrower than its columns: the overview scrolls, not the table."""
        table, header = self.table, self.table.horizontalHeader()
        table.setFixedHeight(header.sizeHint().height() + table.verticalHeader().length() + 2 * table.frameWidth())
        width = sum(max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
                    for column in range(self.model.columnCount()))
        table.setMinimumWidth(width + 2 * table.frameWidth())

    def _set_headers(self, year: int, this_year: int) -> None:
        activities = self.tr("Aktiviteter i år") if year == this_year else self.tr("Aktiviteter %1").replace("%1", str(year))
        self.model.setHorizontalHeaderLabels([
            self.tr("Län"), activities, self.tr("Senaste paket"), self.tr("Dagar sedan"),
            self.tr("Öppna åtaganden"), self.tr("Försenade åtaganden"), self.tr("Nya problemområden"),
            self.tr("Uppföljda kommuner"), self.tr("Samordningsfunktion"), self.tr("Klar lägesbild"),
            self.tr("Beslutad åtgärdsplan"),
        ])

    def _items(self, row: CountyStatus, nothing: str) -> list[QStandardItem]:
        created = row.last_bundle_created_at
        values: list[tuple[str, object]] = [
            (row.name, row.code),
            (self._number(row.activities), row.activities),
            (_day(created) if created else self.tr("inget"), _day(created) if created else ""),
            (self._number(row.days_since_last_bundle) if row.days_since_last_bundle is not None else "–",
             row.days_since_last_bundle if row.days_since_last_bundle is not None else 1 << 30),
            (self._number(row.open_commitments), row.open_commitments),
            (self._number(row.overdue_commitments), row.overdue_commitments),
            (self._number(row.new_problem_areas), row.new_problem_areas),
            *(self._of_municipalities(count, row.law.municipalities) for count in (
                row.law.followed_up, row.law.met["coordination_status"], row.law.met["situation_status"],
                row.law.met["plan_status"])),
        ]
        tooltip = ""
        if created is not None and row.last_bundle_received_at is not None:
            tooltip = self.tr("Senaste paketet skapades %1 och lästes in %2.").replace(
                "%1", _minute(created)).replace("%2", _minute(row.last_bundle_received_at))
        if not row.sent_this_year:
            tooltip = f"{nothing}\n{tooltip}" if tooltip else nothing
        items = []
        for column, (text, sort_key) in enumerate(values):
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(row.code, CODE_ROLE)
            item.setData(sort_key, SORT_ROLE)
            if column > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if tooltip:
                item.setToolTip(plain_tooltip(tooltip))
            if not row.sent_this_year:
                item.setBackground(QBrush(QColor(NOTHING_SENT_COLOUR)))
                item.setForeground(QBrush(QColor("#1a1a1a")))
            items.append(item)
        if not row.sent_this_year:
            items[0].setIcon(self._warning)
            items[0].setAccessibleDescription(nothing)
        if row.overdue_commitments:
            items[5].setForeground(QBrush(QColor("#b3261e")))
        return items

    def _number(self, value: int) -> str:
        return self._locale.toString(value)

    def _of_municipalities(self, count: int, total: int) -> tuple[str, object]:
        """"15 av 26", sorted by the share: counties differ in size."""
        return (self.tr("%1 av %2").replace("%1", self._number(count)).replace("%2", self._number(total)),
                count / total if total else 0.0)

    # --- reading the table (tests, screen readers) ---

    def texts(self) -> list[list[str]]:
        """The rows as shown, top to bottom."""
        return [[self.proxy.index(row, column).data() for column in range(self.proxy.columnCount())]
                for row in range(self.proxy.rowCount())]

    def headers(self) -> list[str]:
        return [self.proxy.headerData(column, Qt.Orientation.Horizontal) for column in range(self.proxy.columnCount())]

    def marked(self) -> list[str]:
        """The codes of the counties marked as having sent nothing, top to bottom."""
        return [self.proxy.index(row, 0).data(CODE_ROLE) for row in range(self.proxy.rowCount())
                if self.proxy.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None]

    def row_of(self, code: str) -> int:
        return next(row for row in range(self.proxy.rowCount()) if self.proxy.index(row, 0).data(CODE_ROLE) == code)

    def _activated(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.sig_county_chosen.emit(code)


def _day(moment: datetime) -> str:
    return moment.astimezone().date().isoformat()


def _minute(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"
