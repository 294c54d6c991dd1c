"""The annual report as an Excel workbook: the year's tables and native Excel charts, ready to send to Brå.

One sheet per subject, each a table with a bold, frozen header row; the charts are openpyxl charts
that point at the table cells beside them, so Excel and LibreOffice draw them and a reader can change
them. National registers add a "Län" sheet with a row per county.

Text from the register (names, titles, labels) is always written as text: a title beginning with `=`
stays that title and never becomes a formula. The workbook is saved under a temporary name and then
renamed, so a failed save never leaves half a report that looks whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bra_desktop.bundle.cells import escape_text
from bra_desktop.reports.figures import Count, NamedRecord, YearFigures, change
from bra_desktop.reports.year_document import as_of

SUMMARY_SHEET = "Sammanfattning"
ACCOUNT_SHEET = "Länsstyrelsens redovisning"
LAW_SHEET = "Kommunerna och lagen"
MONTH_SHEET = "Månader"
TYPE_SHEET = "Typ av aktivitet"
NETWORK_SHEET = "Nätverk"
SUBJECT_SHEET = "Ämnesområden"
ORGANISATION_SHEET = "Organisationer"
MUNICIPALITY_SHEET = "Kommuner"
COMMITMENT_SHEET = "Åtaganden"
PROBLEM_SHEET = "Problemområden"
COUNTY_SHEET = "Län"

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=16)
_SUBTITLE = Font(bold=True, size=12)
_NOTE = Font(italic=True, color="595959")
_WRAP = Alignment(wrap_text=True, vertical="top")
_PERCENT = "0.0 %"
_MAX_WIDTH = 70
_NONE = "(inga)"
_CHART_WIDTH, _CHART_HEIGHT = 18.0, 9.0
"""Chart size in centimetres."""
_CHART_ROWS = 18
"""Rows of default height a chart of `_CHART_HEIGHT` covers."""


def write_year_report(
    figures: YearFigures,
    path: Path,
    *,
    producer_name: str,
    created_at: datetime | None = None,
    overview: list[YearFigures] | None = None,
) -> Path:
    """Write the annual report of `figures` to `path` (xlsx) and return the path.

    `overview` (national mode): one `YearFigures` per county, written as the "Län" sheet.
    """
    created_at = created_at or datetime.now().astimezone()
    book = Workbook()
    book.properties.title = f"Redovisning {figures.year}: {figures.scope_name}"
    book.properties.creator = producer_name
    _summary(book.active, figures, producer_name, created_at)
    _accounts(book.create_sheet(ACCOUNT_SHEET), figures)
    _law(book.create_sheet(LAW_SHEET), figures)
    _months(book.create_sheet(MONTH_SHEET), figures)
    _counts_sheet(book.create_sheet(TYPE_SHEET), ("Typ av aktivitet", "Aktiviteter"), figures.by_type,
                  chart=_bar("Aktiviteter per typ av aktivitet", "Typ av aktivitet", "Antal aktiviteter", horizontal=True))
    _networks(book.create_sheet(NETWORK_SHEET), figures, created_at.date())
    _counts_sheet(book.create_sheet(SUBJECT_SHEET), ("Ämnesområde", "Aktiviteter"), figures.by_subject_area,
                  chart=_bar("Aktiviteter per ämnesområde", "Ämnesområde", "Antal aktiviteter", horizontal=True),
                  note="En aktivitet med flera ämnesområden räknas en gång i varje.")
    _counts_sheet(book.create_sheet(ORGANISATION_SHEET), ("Typ av aktör", "Organisationer"),
                  figures.organisations_by_type,
                  note="Organisationer som deltagit i årets aktiviteter, var och en räknad en gång.")
    _municipalities(book.create_sheet(MUNICIPALITY_SHEET), figures)
    _commitments(book.create_sheet(COMMITMENT_SHEET), figures)
    _problem_areas(book.create_sheet(PROBLEM_SHEET), figures)
    if overview is not None:
        _counties(book.create_sheet(COUNTY_SHEET), overview)
    return _save(book, Path(path))


# --- sheets --------------------------------------------------------------------------------------


def _summary(ws: Worksheet, figures: YearFigures, producer_name: str, created_at: datetime) -> None:
    ws.title = SUMMARY_SHEET
    _put(ws, 1, 1, f"Regional samordning av brottsförebyggande arbete – redovisning {figures.year}", font=_TITLE)
    _put(ws, 2, 1, figures.scope_name, font=_SUBTITLE)
    facts = (
        ("Område", figures.scope_name),
        ("År", figures.year),
        ("Upprättad av", producer_name),
        ("Skapad", created_at.strftime("%Y-%m-%d %H:%M")),
    )
    for offset, (label, value) in enumerate(facts):
        _put(ws, 4 + offset, 1, label, font=_BOLD)
        _put(ws, 4 + offset, 2, value)

    header_row = 9
    for column, label in enumerate(
        ("Nyckeltal", str(figures.year), str(figures.year - 1), "Förändring", "Förändring (%)"), start=1
    ):
        _put(ws, header_row, column, label, font=_BOLD)
    row = header_row + 1
    for label, current, previous in (
        ("Aktiviteter", figures.activities, figures.activities_previous_year),
        ("Deltagare", figures.participants, figures.participants_previous_year),
    ):
        difference, percent = change(current, previous)
        _put(ws, row, 1, label)
        _put(ws, row, 2, current)
        _put(ws, row, 3, previous)
        _put(ws, row, 4, difference)
        if percent is None:
            _put(ws, row, 5, "–")
        else:
            ws.cell(row, 5, percent / 100).number_format = _PERCENT
        row += 1

    row += 1
    _put(ws, row, 1, "Läget", font=_BOLD)
    _put(ws, row, 2, "Antal", font=_BOLD)
    reached = len(figures.municipalities_reached)
    for label, value in (
        ("Kommuner som fått stöd", reached),
        ("Kommuner i området", figures.municipalities_total),
        ("Kommuner utan stöd", len(figures.municipalities_not_reached)),
        ("Deltagande organisationer", sum(item.value for item in figures.organisations_by_type)),
        ("Åtaganden", figures.commitments),
        ("Åtaganden som blev klara under året", len(figures.completed_commitments)),
        ("Försenade åtaganden", len(figures.overdue_commitments)),
        ("Problemområden", figures.problem_areas),
        ("Nya brottsfenomen under året", len(figures.new_phenomena)),
    ):
        row += 1
        _put(ws, row, 1, label)
        _put(ws, row, 2, value)
    row += 2
    standing = ("som de stod vid årets slut (enligt ändringsloggen)" if figures.year_ended
                else "som de står i registret när rapporten skapades")
    _put(ws, row, 1, "Aktiviteter räknas det år (och den månad) de äger rum; en aktivitet över ett årsskifte "
                     "räknas båda åren. Inställda och borttagna aktiviteter räknas inte. Åtaganden och "
                     f"problemområden visas {standing}.", font=_NOTE)
    ws.cell(row, 1).alignment = _WRAP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    ws.row_dimensions[row].height = 48
    ws.column_dimensions["A"].width = 32
    for letter in "BCDE":
        ws.column_dimensions[letter].width = 16
    ws.column_dimensions["B"].width = max(16, min(_MAX_WIDTH, len(producer_name) + 2))


def _months(ws: Worksheet, figures: YearFigures) -> None:
    _table(ws, 1, ("Månad", "Aktiviteter"), [(name, value) for name, value in zip(MONTHS, figures.by_month)])
    chart = _bar("Aktiviteter per månad", "Månad", "Antal aktiviteter")
    _chart_on(ws, chart, 1, 2, 1, 12, "D2")
    _finish(ws)


def _counts_sheet(ws: Worksheet, header: tuple[str, str], counts: Sequence[Count], *,
                  chart: BarChart | PieChart | None = None, note: str | None = None) -> None:
    rows = _table(ws, 1, header, [(item.label, item.value) for item in counts])
    if chart is not None and counts:
        _chart_on(ws, chart, 1, 2, 1, len(counts), "D2")
        chart.height = max(_CHART_HEIGHT, 0.6 * len(counts) + 3)
    _finish(ws)
    if note:
        _put(ws, rows + 3, 1, note, font=_NOTE)


def _networks(ws: Worksheet, figures: YearFigures, created: date) -> None:
    """The scope's networks with every member named, then the year's activities per network."""
    when = as_of(figures, created)
    count = _table(ws, 1, ("Nätverk", "Ägs av", "Sammankallande", "Medlemmar", "Möts", f"Aktiviteter {figures.year}",
                           f"Åtaganden {when}", "Varav öppna"),
                   [(line.name, line.owner, line.convener or "", "; ".join(line.members), line.cadence or "",
                     line.activities, line.commitments, line.open_commitments) for line in figures.networks])
    first = count + 4
    _put(ws, first, 1, "Aktiviteter per nätverk", font=_SUBTITLE)
    _table(ws, 1, ("Nätverk", "Aktiviteter"), [(item.label, item.value) for item in figures.by_network],
           first_row=first + 1)
    _finish(ws)
    ws.column_dimensions["D"].width = _MAX_WIDTH
    for row in range(2, count + 2):
        ws.cell(row, 4).alignment = _WRAP


def _accounts(ws: Worksheet, figures: YearFigures) -> None:
    """The länsstyrelser's own texts of the year, a row per text, wrapped to be read."""
    rows = [(account.county_name, account.case_number or "", heading, text)
            for account in figures.accounts for heading, text in account.texts]
    count = _table(ws, 1, ("Län", "Diarienummer", "Del", "Text"), rows)
    _finish(ws)
    ws.column_dimensions["D"].width = 100
    for row in range(2, count + 2):
        ws.cell(row, 4).alignment = _WRAP


def _law(ws: Worksheet, figures: YearFigures) -> None:
    """Every municipality of the scope under Lag (2023:196), one row each, never folded together."""
    def day(value: date | None) -> date | str:
        return value if value is not None else ""

    rows = [(row.county_name, row.name, row.code, row.status_labels["coordination_status"],
             row.status_labels["situation_status"], day(row.situation_date), row.status_labels["plan_status"],
             day(row.plan_decided_on), day(row.plan_valid_to), row.supported, day(row.last_contact))
            for row in figures.law]
    count = _table(ws, 1, ("Län", "Kommun", "Kommunkod", "Samordningsfunktion", "Lägesbild", "Senaste lägesbild",
                           "Åtgärdsplan", "Beslutad", "Gäller till", "Stöd i år (aktiviteter)", "Senaste kontakt"), rows)
    for cells in ws.iter_rows(min_row=2, max_row=count + 1):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "YYYY-MM-DD"
    _finish(ws)
    ws.auto_filter.ref = f"A1:K{count + 1}"
    _put(ws, count + 3, 1, "Uppgifterna är länsstyrelsernas uppföljningar av året; en kommun som inte är uppföljd "
                           "står som «ej uppföljd». Stödet är årets aktiviteter i kommunen.", font=_NOTE)


def _municipalities(ws: Worksheet, figures: YearFigures) -> None:
    _table(ws, 1, ("Kommuner som fått stöd", "Kommunkod", "Aktiviteter"),
           [(item.label, item.key, item.value) for item in figures.municipalities_reached])
    _table(ws, 5, ("Kommuner utan stöd", "Kommunkod"),
           [(item.label, item.key) for item in figures.municipalities_not_reached])
    _put(ws, 1, 8, "Fått stöd", font=_BOLD)
    _put(ws, 1, 9, len(figures.municipalities_reached))
    _put(ws, 2, 8, "Kommuner i området", font=_BOLD)
    _put(ws, 2, 9, figures.municipalities_total)
    _finish(ws)


def _commitments(ws: Worksheet, figures: YearFigures) -> None:
    statuses = figures.commitments_by_status
    _table(ws, 1, ("Status", "Åtaganden"), [(item.label, item.value) for item in statuses])
    if statuses:
        chart = PieChart()
        chart.title = "Åtaganden per status"
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
        for hidden in ("showCatName", "showSerName", "showPercent", "showLegendKey"):
            setattr(chart.dataLabels, hidden, False)
        _chart_on(ws, chart, 1, 2, 1, len(statuses), "D2")
    _table(ws, 1, ("Försenade åtaganden", "Uppgifter"), _named(figures.overdue_commitments),
           first_row=list_row(len(statuses)))
    _finish(ws)


def _problem_areas(ws: Worksheet, figures: YearFigures) -> None:
    trends, statuses = figures.problem_areas_by_trend, figures.problem_areas_by_status
    _table(ws, 1, ("Trend", "Problemområden"), [(item.label, item.value) for item in trends])
    _table(ws, 4, ("Status", "Problemområden"), [(item.label, item.value) for item in statuses])
    if trends:
        _chart_on(ws, _bar("Problemområden per trend", "Trend", "Antal problemområden"), 1, 2, 1, len(trends), "G2")
    first = list_row(max(len(trends), len(statuses)))
    listed = _table(ws, 1, (f"Nya brottsfenomen {figures.year}", "Uppgifter"), _named(figures.new_phenomena),
                    first_row=first)
    _table(ws, 1, ("Nationellt tema", "Län", "Problemområden"),
           [(theme.label, ", ".join(theme.counties), theme.problem_areas) for theme in figures.problem_areas_by_theme],
           first_row=first + max(listed, 1) + 3)
    _finish(ws)


def list_row(table_rows: int) -> int:
    """The header row of a list under a table of `table_rows` rows and the chart beside it."""
    return max(table_rows + 4, _CHART_ROWS + 3)


def _counties(ws: Worksheet, overview: Sequence[YearFigures]) -> None:
    header = ("Län", "Länskod", "Aktiviteter", "Aktiviteter året före", "Förändring (%)", "Deltagare",
              "Kommuner som fått stöd", "Kommuner i länet", "Åtaganden", "Försenade åtaganden", "Problemområden",
              "Nya brottsfenomen")
    rows = []
    for item in overview:
        _difference, percent = change(item.activities, item.activities_previous_year)
        rows.append((item.scope_name, item.county, item.activities, item.activities_previous_year,
                     None if percent is None else percent / 100, item.participants,
                     len(item.municipalities_reached), item.municipalities_total, item.commitments,
                     len(item.overdue_commitments), item.problem_areas, len(item.new_phenomena)))
    _table(ws, 1, header, rows)
    for row in range(2, len(rows) + 2):
        cell = ws.cell(row, 5)
        if cell.value is None:
            cell.value = "–"
        else:
            cell.number_format = _PERCENT
    if rows:
        chart = _bar("Aktiviteter per län", "Län", "Antal aktiviteter", horizontal=True)
        _chart_on(ws, chart, 1, 3, 1, len(rows), "N2")
        chart.height = max(_CHART_HEIGHT, 0.6 * len(rows) + 3)
    _finish(ws)


# --- building blocks ------------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, column: int, value: Any, *, font: Font | None = None) -> Cell:
    """A cell; text is always stored as text (never a formula), numbers as numbers."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = escape_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if font is not None:
        cell.font = font
    return cell


def _table(ws: Worksheet, first_column: int, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
           first_row: int = 1) -> int:
    """A table with a bold header in `first_row` from `first_column`; returns the number of data rows.

    An empty table gets a greyed "(inga)" under its header."""
    for offset, label in enumerate(header):
        _put(ws, first_row, first_column + offset, label, font=_BOLD)
    count = 0
    for count, values in enumerate(rows, start=1):
        for offset, value in enumerate(values):
            _put(ws, first_row + count, first_column + offset, value)
    if count == 0:
        _put(ws, first_row + 1, first_column, _NONE, font=_NOTE)
    return count


def _named(records: Sequence[NamedRecord]) -> list[tuple[str, str]]:
    return [(record.title, record.detail) for record in records]


def _bar(title: str, x_title: str, y_title: str, *, horizontal: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    chart.legend = None
    chart.x_axis.delete = False  # openpyxl 3.1 otherwise leaves the axes out in Excel
    chart.y_axis.delete = False
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    return chart


def _chart_on(ws: Worksheet, chart: BarChart | PieChart, label_column: int, value_column: int,
              first_row: int, rows: int, anchor: str) -> None:
    """Chart the table's values (header row `first_row`, then `rows` rows) against its labels."""
    if isinstance(chart, BarChart):
        chart.y_axis.scaling.min = 0
        largest = max((ws.cell(row, value_column).value or 0 for row in range(first_row + 1, first_row + rows + 1)),
                      default=0)
        if largest <= 10:
            chart.y_axis.majorUnit = 1  # counts: no axis steps of 0.5
    data = Reference(ws, min_col=value_column, min_row=first_row, max_row=first_row + rows)
    labels = Reference(ws, min_col=label_column, min_row=first_row + 1, max_row=first_row + rows)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    chart.width, chart.height = _CHART_WIDTH, _CHART_HEIGHT
    ws.add_chart(chart, anchor)


def _finish(ws: Worksheet) -> None:
    """Freeze the header row and fit the column widths to their content."""
    ws.freeze_panes = "A2"
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            text = cell.value if isinstance(cell.value, str) else str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), len(text))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(_MAX_WIDTH, max(10, width + 2))


def _save(book: Workbook, path: Path) -> Path:
    for ws in book.worksheets:  # printed: landscape, each sheet as wide as one page
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        book.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
