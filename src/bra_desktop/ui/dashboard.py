"""Översikt: the year's key numbers, charts and lists, and a click from a bar to the records behind it.

The figures come from `reports.figures` (the same rules as the annual reports). At national scale
(200,000 activities) a year's figures take seconds, so they are counted on the register worker
(`ui.operations`) and the charts keep showing the last figures until the new ones arrive; a change
to the register redraws them after a short pause (`REFRESH_DELAY_MS`), and not at all while the
overview is hidden (it catches up when shown). The year before is counted second, for the
comparison in the month chart.

In Brå's register, with the whole country chosen, a table "Länen" (`ui.national_overview`) lists every
county: the year's activities, commitments and new problem areas and the last bundle it sent, with the
counties that sent nothing that year marked; it is counted on the worker after the year before, and
a double-click on a county shows that county's overview.

"Spara redovisning…" saves the report of the figures on screen, as a PDF (`ui.pdf_report`) or a
workbook (`reports.xlsx_report`), the same as `bra-desktop report --out`.

A click on a bar (`ui.bar_chart`) emits `sig_show_records` with the filters and a `Restriction` that
select exactly the records the bar counts (`reports.behind`), and the main window shows that table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.orm import Session

from bra_desktop.changes import Changes
from bra_desktop.reports.behind import activities_behind, commitments_behind, organisations_behind, problem_areas_behind
from bra_desktop.reports.figures import (
    ACTIVITY_TYPES, COMMITMENT_STATUSES, ORGANISATION_TYPES, PROBLEM_STATUSES, SUBJECT_AREAS, TRENDS, Count, YearFigures,
    activities_by_month, available_years, county_overview, year_figures,
)
from bra_desktop.reports.national import CountyStatus, national_overview
from bra_desktop.store import queries
from bra_desktop.ui.bar_chart import BarChart, BarSet
from bra_desktop.ui.folders import REPORTS, Folders
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.national_overview import NationalOverview
from bra_desktop.ui.operations import Operation
from bra_desktop.ui.plain_text import plain_label, plain_tooltip
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.table_model import Restriction

REFRESH_DELAY_MS = 400
"""Pause after the last change to the register before the figures are counted again."""

COLOUR = "#1f5f8b"
"""The bars of the chosen year."""
PREVIOUS_COLOUR = "#a9c0d3"
"""The bars of the year before."""

MOST_BARS = 12
"""Charts of networks and municipalities show the largest this many."""


# --- what the worker counts --------------------------------------------------------------------------


class _Months(NamedTuple):
    """A year's activities by month, of a county or the whole country (None): the year before's,
    beside the year shown in the month chart."""

    year: int
    county: str | None
    counts: tuple[int, ...]


@dataclass(frozen=True)
class _Counted:
    years: list[int]
    figures: YearFigures


CHART_CODE_LISTS = {
    "by_type": ACTIVITY_TYPES, "by_subject_area": SUBJECT_AREAS, "organisations_by_type": ORGANISATION_TYPES,
    "commitments_by_status": COMMITMENT_STATUSES, "problem_areas_by_trend": TRENDS, "problem_areas_by_status": PROBLEM_STATUSES,
}
"""The code list whose codes a chart's bars are."""


def _count(session: Session, year: int, county: str | None, today: date) -> _Counted:
    """The years to choose from and the figures of one: read on the register worker, no widgets here."""
    return _Counted(available_years(session), year_figures(session, year, county, today=today))


# --- widgets -----------------------------------------------------------------------------------------

class Tile(QFrame):
    """A key number: a caption, the number, and a line on how it compares. A tile that leads
    somewhere (`activatable`) is activated by a click, or Enter or Space when it has focus."""

    sig_activated = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None, *, activatable: bool = False) -> None:
        super().__init__(parent)
        self.activatable = activatable
        if activatable:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setAccessibleName(caption)
        self.setObjectName("tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption_label = plain_label(caption, self, wrap=False)
        self.value_label = plain_label("–", self, wrap=False)
        self.note_label = plain_label("", self)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value_label.setFont(font)
        caption_font = self.caption_label.font()
        caption_font.setBold(True)
        self.caption_label.setFont(caption_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.note_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_value(self, value: str, note: str, colour: str | None = None) -> None:
        self.value_label.setText(value)
        self.note_label.setText(note)
        self.value_label.setStyleSheet(f"color: {colour};" if colour else "")
        if self.activatable:
            self.setAccessibleDescription(f"{value}. {note}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.activatable and event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.sig_activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if self.activatable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.sig_activated.emit()
            return
        super().keyPressEvent(event)


def _most(counts: Sequence[Count], most: int) -> tuple[Sequence[Count], int]:
    """The `most` largest counts (they come largest first) and how many there are in all."""
    return counts[:most], len(counts)


class RecordList(QWidget):
    """A heading and a plain-text list of records or names; activating a record shows it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label(title, self, wrap=False)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = for_keyboard(QListWidget(self), title)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(200)
        self.list.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self._title = title

    def show_items(self, items: Sequence[tuple[str | None, str]], empty: str) -> None:
        """(record id or None, text) per row; `empty` when there are none."""
        self.heading.setText(f"{self._title} ({len(items)})")
        self.list.clear()
        for record_id, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setToolTip(plain_tooltip(text))
            self.list.addItem(item)
        if not items:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]


class DashboardSection(QWidget):
    """The overview of one year (and, in Brå's register, one county or the whole country)."""

    sig_show_records = Signal(str, dict, object)
    """(kind key, filters, Restriction or None): show these records in their table."""
    sig_show_municipalities = Signal(str, object, int)
    """(filter key of the Kommuner section, county code or None, year): show those municipalities."""
    sig_refreshed = Signal()
    """New figures are on screen (after each count, also when they did not change)."""
    sig_report_saved = Signal(object)
    """(Path) the annual report of the figures on screen was saved there."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None, *, today: date | None = None,
                 folders: Folders | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.service = service
        self.folders = folders or Folders()
        self._today = today
        self.figures: YearFigures | None = None
        """The figures on screen."""
        self.previous: _Months | None = None
        """The year before's activities by month, once counted (for the month chart)."""
        self._generation = 0
        self._running: Operation | None = None
        self._stale = True
        self._locale = QLocale(QLocale.Language.English if service.language == "en" else QLocale.Language.Swedish)

        self.heading = plain_label("", self, wrap=False)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.busy_label = plain_label(self.tr("Räknar…"), self, wrap=False)
        self.busy_label.hide()
        self.county_combo = QComboBox(self)
        self.county_combo.setObjectName("dashboard_county")
        self.county_combo.setAccessibleName(self.tr("Län"))
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("dashboard_year")
        self.year_combo.setAccessibleName(self.tr("År"))
        self._fill_counties()
        self._fill_years([self.today().year])
        self.save_button = QPushButton(self.tr("Spara redovisning…"), self)
        self.save_button.setToolTip(self.tr("Redovisningen för året som visas, som PDF eller Excel-arbetsbok"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.choose_report_file)

        self.tiles = {
            "activities": Tile(self.tr("Aktiviteter"), self),
            "participants": Tile(self.tr("Deltagare"), self),
            "municipalities": Tile(self.tr("Kommuner som fått stöd"), self),
            "overdue": Tile(self.tr("Försenade åtaganden"), self),
        }
        self.law_heading = plain_label("", self, wrap=False)
        law_font = self.law_heading.font()
        law_font.setBold(True)
        self.law_heading.setFont(law_font)
        self.law_tiles = {
            "coordination_status": Tile(self.tr("Samordningsfunktion"), self, activatable=True),
            "situation_status": Tile(self.tr("Klar lägesbild"), self, activatable=True),
            "plan_status": Tile(self.tr("Beslutad åtgärdsplan"), self, activatable=True),
        }
        for requirement, tile in self.law_tiles.items():
            tile.setObjectName(f"law_{requirement}")
            tile.setToolTip(self.tr("Visa kommunerna som saknar det"))
            tile.sig_activated.connect(lambda requirement=requirement: self._law_tile_activated(requirement))
        self.charts = {
            "by_month": BarChart(self.tr("Aktiviteter per månad"), horizontal=False),
            "by_type": BarChart(self.tr("Aktiviteter per typ"), horizontal=True),
            "by_subject_area": BarChart(self.tr("Aktiviteter per ämnesområde"), horizontal=True),
            "by_network": BarChart(self.tr("Aktiviteter per nätverk"), horizontal=True),
            "municipalities_reached": BarChart(self.tr("Aktiviteter per kommun"), horizontal=True),
            "organisations_by_type": BarChart(self.tr("Organisationer som deltagit, per typ"), horizontal=True),
            "commitments_by_status": BarChart(self.tr("Åtaganden per status"), horizontal=True),
            "problem_areas_by_trend": BarChart(self.tr("Problemområden per trend"), horizontal=True),
            "problem_areas_by_status": BarChart(self.tr("Problemområden per status"), horizontal=True),
        }
        for name, chart in self.charts.items():
            chart.setObjectName(f"chart_{name}")
            chart.sig_bar_clicked.connect(lambda set_index, key, name=name: self._bar_clicked(name, set_index, key))
        self.overdue_list = RecordList(self.tr("Försenade åtaganden"), self)
        self.overdue_list.list.itemActivated.connect(self._overdue_activated)
        self.show_overdue_button = QPushButton(self.tr("Visa i Åtaganden"), self.overdue_list)
        self.show_overdue_button.clicked.connect(self._show_overdue)
        self.overdue_list.layout().addWidget(self.show_overdue_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.unreached_list = RecordList(self.tr("Kommuner utan stöd i år"), self)
        self.unreached_list.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.counties = NationalOverview(self)
        """Länen: Brå's row per county, shown when the whole country is."""
        self.counties.set_locale(self._locale)
        self.counties.hide()
        self.counties.sig_county_chosen.connect(self.set_county)

        self._lay_out()
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.county_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        service.sig_changed.connect(self._changed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.busy_label)
        top.addStretch(1)
        top.addWidget(self.county_combo)
        top.addWidget(self.year_combo)
        top.addWidget(self.save_button)

        content = QWidget(self)
        content.setObjectName("dashboard_content")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        law_tiles = QHBoxLayout()
        law_tiles.setSpacing(10)
        for tile in self.law_tiles.values():
            law_tiles.addWidget(tile, 1)
        top_block = QVBoxLayout()
        top_block.setSpacing(6)
        top_block.addLayout(tiles)
        top_block.addWidget(self.law_heading)
        top_block.addLayout(law_tiles)
        grid.addLayout(top_block, 0, 0, 1, 3)
        grid.addWidget(self.counties, 1, 0, 1, 3)
        charts = self.charts
        grid.addWidget(charts["by_month"], 2, 0, 1, 2)
        grid.addWidget(charts["by_type"], 2, 2)
        grid.addWidget(charts["by_subject_area"], 3, 0)
        grid.addWidget(charts["by_network"], 3, 1)
        grid.addWidget(charts["municipalities_reached"], 3, 2)
        grid.addWidget(charts["organisations_by_type"], 4, 0)
        grid.addWidget(charts["commitments_by_status"], 4, 1)
        grid.addWidget(charts["problem_areas_by_trend"], 4, 2)
        grid.addWidget(charts["problem_areas_by_status"], 5, 0)
        grid.addWidget(self.overdue_list, 5, 1)
        grid.addWidget(self.unreached_list, 5, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tiles and charts; the area follows
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    # --- choices ---

    def today(self) -> date:
        return self._today or date.today()

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def county(self) -> str | None:
        """The county counted: the register's own in a county register, the chosen one (or None) in Brå's."""
        if not self.service.register.is_national:
            return self.service.register.producer
        return self.county_combo.currentData()

    def set_county(self, county: str | None) -> None:
        """Show `county` (None: the whole country) in Brå's register."""
        index = self.county_combo.findData(county)
        if index >= 0:
            self.county_combo.setCurrentIndex(index)

    def set_year(self, year: int) -> None:
        """Show `year` (offered even before it has activities)."""
        if self.year_combo.findData(year) < 0:
            self._fill_years([year, *self._years()])
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))

    def _years(self) -> list[int]:
        return [self.year_combo.itemData(i) for i in range(self.year_combo.count())]

    def _fill_years(self, years: list[int]) -> None:
        """Offer `years` (newest first), keeping the chosen one; the current year is chosen first."""
        chosen = self.year_combo.currentData()
        wanted = sorted(set(years) | ({chosen} if chosen is not None else set()), reverse=True)
        if wanted == self._years():
            return
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in wanted:
            self.year_combo.addItem(str(year), year)
        default = chosen if chosen is not None else self.today().year
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(default)))
        self.year_combo.blockSignals(False)

    def _fill_counties(self) -> None:
        national = self.service.register.is_national
        self.county_combo.setVisible(national)
        if not national:
            return
        chosen = self.county_combo.currentData()
        counties = self.service.read(queries.counties)
        self.county_combo.blockSignals(True)
        self.county_combo.clear()
        self.county_combo.addItem(self.tr("Hela landet"), None)
        for code, name in counties:
            self.county_combo.addItem(name, code)
        self.county_combo.setCurrentIndex(max(0, self.county_combo.findData(chosen)))
        self.county_combo.blockSignals(False)

    # --- counting ---

    def refresh(self) -> None:
        """Count the chosen year again on the worker; the charts redraw when the figures arrive."""
        self._timer.stop()
        self._stale = False
        self._generation += 1
        generation, service = self._generation, self.service
        year, county, today = self.year(), self.county(), self.today()
        self.busy_label.setText(self.tr("Räknar…"))
        self.busy_label.setToolTip("")
        self.busy_label.show()
        operation = Operation(lambda _progress, _cancelled: service.read(_count, year, county, today))
        operation.sig_succeeded.connect(lambda counted: isValid(self) and self._counted(generation, counted))
        operation.sig_failed.connect(lambda error: isValid(self) and self._failed(generation, error))
        self._running = operation
        operation.start()

    def _changed(self, changes: Changes) -> None:
        if changes.whole_register:
            self._fill_counties()
        self._timer.start()  # restarts: one count after a burst of changes

    def is_busy(self) -> bool:
        """Figures are being counted."""
        return self._running is not None

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _counted(self, generation: int, counted: _Counted) -> None:
        if generation != self._generation:
            return  # the choice or the register changed meanwhile: a newer count is on its way
        self._fill_years(counted.years)
        keep_previous = (self.previous is not None and self.figures is not None
                         and (self.figures.year, self.figures.county) == (counted.figures.year, counted.figures.county))
        self.figures = counted.figures
        self.save_button.setEnabled(True)
        if not keep_previous:
            self.previous = None
        if counted.figures.county is not None:
            self.counties.hide()  # a county's overview: no table of counties
        self._show(counted.figures)
        service, figures = self.service, counted.figures
        before = figures.year - 1
        operation = Operation(lambda _p, _c: _Months(before, figures.county,
                                                     service.read(activities_by_month, before, figures.county)))
        operation.sig_succeeded.connect(lambda previous: isValid(self) and self._counted_previous(generation, previous))
        operation.sig_failed.connect(lambda error: isValid(self) and self._failed(generation, error))
        self._running = operation
        operation.start()

    def _counted_previous(self, generation: int, previous: _Months) -> None:
        if generation != self._generation:
            return
        self.previous = previous
        if self.figures is not None:
            self._show_months(self.figures)
        figures = self.figures
        if figures is not None and figures.county is None and self.service.register.is_national:
            service, today = self.service, self.today()
            # Brå's row per county (the whole country's overview)
            operation = Operation(lambda _p, _c: service.read(national_overview, figures.year, today=today))
            operation.sig_succeeded.connect(lambda rows: isValid(self) and self._counted_counties(generation, rows))
            operation.sig_failed.connect(lambda error: isValid(self) and self._failed(generation, error))
            self._running = operation
            operation.start()
            return
        self.counties.hide()
        self._finished()

    def _counted_counties(self, generation: int, rows: list[CountyStatus]) -> None:
        if generation != self._generation or self.figures is None:
            return
        self.counties.show_rows(rows, self.figures.year, self.today())
        self.counties.show()
        self._finished()

    def _finished(self) -> None:
        self.busy_label.hide()
        self._running = None
        self.sig_refreshed.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        from bra_desktop.ui.commands import error_message

        self._running = None
        self.busy_label.setText(self.tr("Siffrorna kunde inte räknas: %1").replace("%1", error_message(self.service, error)))
        self.busy_label.show()

    # --- the annual report ---

    def choose_report_file(self) -> None:
        figures = self.figures
        if figures is None:
            return
        suggested = self.folders.folder(REPORTS) / f"Redovisning {figures.year} {figures.scope_name}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Spara redovisning"), str(suggested), self.tr("PDF (*.pdf);;Excel-arbetsbok (*.xlsx)"))
        if chosen:
            self.folders.remember(REPORTS, Path(chosen))
            self.save_report(Path(chosen))

    def save_report(self, path: Path) -> None:
        """Save the report of the figures on screen to `path` (.xlsx, otherwise PDF). A whole country's
        report has a row per county, counted on the worker like the figures; the workbook is written
        there too, the PDF (fonts, painting) here."""
        figures = self.figures
        if figures is None:
            return
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_name(path.name + ".pdf")
        service, today, producer_name = self.service, self.today(), self.service.register.producer_name
        national = figures.county is None and service.register.is_national

        def job(_progress: Any, _cancelled: Any) -> list[YearFigures] | None:
            overview = None
            if national:
                overview = service.read(county_overview, figures.year, today=today)
            if path.suffix.lower() == ".xlsx":
                from bra_desktop.reports.xlsx_report import write_year_report

                write_year_report(figures, path, producer_name=producer_name, overview=overview)
            return overview

        self.save_button.setEnabled(False)
        self.busy_label.setText(self.tr("Sparar redovisningen…"))
        self.busy_label.show()
        operation = Operation(job)
        operation.sig_succeeded.connect(lambda overview: isValid(self) and self._report_counted(path, overview))
        operation.sig_failed.connect(lambda error: isValid(self) and self._report_failed(error))
        self._report_operation = operation
        operation.start()

    def _report_counted(self, path: Path, overview: list[YearFigures] | None) -> None:
        figures = self.figures
        try:
            if path.suffix.lower() == ".pdf" and figures is not None:
                from bra_desktop.ui.pdf_report import write_pdf_report

                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    write_pdf_report(figures, path, producer_name=self.service.register.producer_name, overview=overview)
                finally:
                    QApplication.restoreOverrideCursor()
        except Exception as error:  # noqa: BLE001 (told to the user, like the worker's errors)
            self._report_failed(error)
            return
        self.save_button.setEnabled(True)
        self.busy_label.setText(self.tr("Redovisningen är sparad: %1").replace("%1", path.name))
        self.busy_label.setToolTip(plain_tooltip(str(path)))
        self.busy_label.show()
        self.sig_report_saved.emit(path)

    def _report_failed(self, error: Exception) -> None:
        from bra_desktop.ui.commands import error_message

        self.save_button.setEnabled(True)
        self.busy_label.setText(self.tr("Redovisningen kunde inte sparas: %1").replace("%1", error_message(self.service, error)))
        self.busy_label.show()

    # --- showing ---

    def _number(self, value: int) -> str:
        return self._locale.toString(value)

    def _show_law(self, figures: YearFigures) -> None:
        """The three requirements of the law: how many of the scope's municipalities meet each, how
        many the follow-ups say lack it, and how many are not followed up (neither)."""
        law = figures.law_summary
        self.law_heading.setText(self.tr("Lagens krav i länet %1").replace("%1", str(figures.year)) if figures.county
                                 else self.tr("Lagens krav i landet %1").replace("%1", str(figures.year)))
        unknown = law.municipalities - law.followed_up
        for requirement, tile in self.law_tiles.items():
            lacking = law.lacking(requirement)
            note = self.tr("%1 saknar").replace("%1", self._number(lacking))
            if unknown:
                note += " · " + self.tr("%1 ej uppföljda").replace("%1", self._number(unknown))
            tile.show_value(self.tr("%1 av %2").replace("%1", self._number(law.met[requirement]))
                            .replace("%2", self._number(law.municipalities)), note, "#b3261e" if lacking else None)

    def _law_tile_activated(self, requirement: str) -> None:
        if self.figures is not None:
            self.sig_show_municipalities.emit(f"lacks:{requirement}", self.figures.county, self.figures.year)

    def _change(self, now: int, before: int, year: int) -> str:
        """How `now` compares with the year before."""
        previous = str(year - 1)
        if before == 0:
            return self.tr("%1: 0").replace("%1", previous)
        percent = round((now - before) / before * 100)
        if percent == 0:
            return self.tr("som %1 (%2)").replace("%1", previous).replace("%2", self._number(before))
        sign = "+" if percent > 0 else "−"
        return self.tr("%1 % jämfört med %2 (%3)").replace("%1", f"{sign}{abs(percent)}").replace(
            "%2", previous).replace("%3", self._number(before))

    def _show(self, figures: YearFigures) -> None:
        self.heading.setText(self.tr("Översikt %1 · %2").replace("%1", str(figures.year)).replace("%2", figures.scope_name))
        year = figures.year
        self.tiles["activities"].show_value(self._number(figures.activities),
                                            self._change(figures.activities, figures.activities_previous_year, year))
        self.tiles["participants"].show_value(self._number(figures.participants),
                                              self._change(figures.participants, figures.participants_previous_year, year))
        reached = len(figures.municipalities_reached)
        missing = len(figures.municipalities_not_reached)
        self.tiles["municipalities"].show_value(
            self.tr("%1 av %2").replace("%1", self._number(reached)).replace("%2", self._number(figures.municipalities_total)),
            self.tr("minst en aktivitet i kommunen") if missing == 0 else
            (self.tr("1 kommun utan stöd i år") if missing == 1 else
             self.tr("%1 kommuner utan stöd i år").replace("%1", self._number(missing))),
        )
        self._show_law(figures)
        overdue = len(figures.overdue_commitments)
        self.tiles["overdue"].show_value(
            self._number(overdue),
            self.tr("av %1 åtaganden, efter klart senast-datum").replace("%1", self._number(figures.commitments)),
            "#b3261e" if overdue else None,
        )

        self._show_months(figures)
        simple = (("by_type", figures.by_type), ("by_subject_area", figures.by_subject_area),
                  ("organisations_by_type", figures.organisations_by_type),
                  ("commitments_by_status", figures.commitments_by_status),
                  ("problem_areas_by_trend", figures.problem_areas_by_trend),
                  ("problem_areas_by_status", figures.problem_areas_by_status))
        labels = self._labels()
        for name, counts in simple:
            self.charts[name].show_bars([(c.key, labels(name, c)) for c in counts],
                                        [BarSet(str(year), [c.value for c in counts], COLOUR)])
        for name, counts in (("by_network", figures.by_network), ("municipalities_reached", figures.municipalities_reached)):
            shown, total = _most(counts, MOST_BARS)
            note = self.tr("(topp %1 av %2)").replace("%1", str(len(shown))).replace("%2", str(total))
            self.charts[name].show_bars([(c.key, labels(name, c)) for c in shown],
                                        [BarSet(str(year), [c.value for c in shown], COLOUR)],
                                        note=note if total > len(shown) else "")

        statuses = {count.key: labels("commitments_by_status", count) for count in figures.commitments_by_status}
        self.overdue_list.show_items(
            [(record.id, f"{record.title}\n" + " · ".join([
                *record.whose, self.tr("klart senast %1").replace("%1", record.due),
                statuses.get(record.status, record.status), *([record.responsible] if record.responsible else [])]))
             for record in figures.overdue_commitments],
            self.tr("Inga försenade åtaganden."),
        )
        self.show_overdue_button.setEnabled(bool(figures.overdue_commitments))
        self.unreached_list.show_items(
            [(None, count.label) for count in figures.municipalities_not_reached],
            self.tr("Alla kommuner har fått stöd."),
        )

    def _labels(self) -> Callable[[str, Count], str]:
        """A bar's label in the window's language: the figures name codes and "none" in Swedish,
        as the report does; in English a code takes its English label from the code list."""
        if self.service.language != "en":
            return lambda _chart, count: count.label
        english = self.service.read(queries.code_labels, "en", set(CHART_CODE_LISTS.values()))
        none = {"by_network": self.tr("Inget nätverk"), "by_subject_area": self.tr("Inget ämnesområde")}

        def label(chart: str, count: Count) -> str:
            if not count.key:
                return none.get(chart, count.label)
            code_list = CHART_CODE_LISTS.get(chart)
            return english.get((code_list, count.key), count.label) if code_list else count.label

        return label

    def _show_months(self, figures: YearFigures) -> None:
        months = [(str(month), self._locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat).rstrip("."))
                  for month in range(1, 13)]
        sets = []
        previous = self.previous
        if previous is not None and previous.year == figures.year - 1 and previous.county == figures.county:
            sets.append(BarSet(str(previous.year), previous.counts, PREVIOUS_COLOUR))
        sets.append(BarSet(str(figures.year), figures.by_month, COLOUR))
        self.charts["by_month"].show_bars(months, sets)

    # --- click-through ---

    def _bar_clicked(self, chart: str, set_index: int, key: str) -> None:
        figures = self.figures
        if figures is None:
            return
        county = figures.county
        year = figures.year
        if chart == "by_month" and set_index == 0 and len(self.charts[chart].sets()) == 2:
            year -= 1  # the year before's bar
        label = self._bar_label(chart, key, year)
        scope = [figures.scope_name] if self.service.register.is_national else []
        if chart in ("by_month", "by_type", "by_network", "by_subject_area", "municipalities_reached"):
            filters: dict[str, Any] = {}
            if chart == "by_network" and key:
                filters["network_id"] = key
            elif chart == "by_subject_area" and key:
                filters["subject_areas"] = key
            elif chart == "municipalities_reached":
                filters["municipalities"] = key
            text = " · ".join([self.tr("Aktiviteter %1").replace("%1", str(year)), *scope, label])
            self.sig_show_records.emit("activity", filters, Restriction(text, activities_behind(year, county, chart, key)))
        elif chart == "organisations_by_type":
            text = " · ".join([self.tr("Deltog %1").replace("%1", str(year)), *scope, label])
            self.sig_show_records.emit("organisation", {"org_type": key},
                                       Restriction(text, organisations_behind(year, county, key)))
        elif chart == "commitments_by_status":
            text = " · ".join([self.tr("Åtaganden"), *scope, label])
            self.sig_show_records.emit("commitment", {"status": key}, Restriction(text, commitments_behind(county, status=key)))
        elif chart == "problem_areas_by_trend":
            text = " · ".join([self.tr("Problemområden"), *scope, self.tr("Trend: %1").replace("%1", label)])
            self.sig_show_records.emit("problem_area", {}, Restriction(text, problem_areas_behind(county, trend=key)))
        elif chart == "problem_areas_by_status":
            text = " · ".join([self.tr("Problemområden"), *scope, label])
            self.sig_show_records.emit("problem_area", {"status": key},
                                       Restriction(text, problem_areas_behind(county, status=key)))

    def _bar_label(self, chart: str, key: str, year: int) -> str:
        if chart == "by_month":
            return self._locale.standaloneMonthName(int(key), QLocale.FormatType.LongFormat)
        figures = self.figures
        assert figures is not None
        counts: Sequence[Count] = getattr(figures, chart)
        return next((c.label for c in counts if c.key == key), key)

    def _show_overdue(self) -> None:
        figures = self.figures
        if figures is None:
            return
        scope = [figures.scope_name] if self.service.register.is_national else []
        text = " · ".join([self.tr("Försenade åtaganden"), *scope, self.today().isoformat()])
        self.sig_show_records.emit("commitment", {}, Restriction(text, commitments_behind(figures.county, overdue_on=self.today())))

    def _overdue_activated(self, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id:
            title = item.text().split("\n", 1)[0]
            self.sig_show_records.emit("commitment", {}, Restriction(title, lambda _session: [record_id]))
