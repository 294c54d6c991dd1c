"""The annual report workbook: its sheets, tables and native charts, and the `report` command."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, PieChart

from bra_desktop.cli import main
from bra_desktop.reports.figures import Count, NamedRecord, OverdueCommitment, ThemeCount, YearFigures, year_figures
from bra_desktop.reports.networks import NetworkLine
from bra_desktop.reports.xlsx_report import MONTHS, list_row, write_year_report

from conftest import add

pytestmark = pytest.mark.both_engines


FORMULA = "=HYPERLINK(\"http://example.invalid\")"


def sample(county: str | None = "01", *, activities: int = 7, scope_name: str = "Stockholms län") -> YearFigures:
    return YearFigures(
        year=2026, county=county, scope_name=scope_name,
        activities=activities, activities_previous_year=5, participants=120, participants_previous_year=0,
        by_month=(1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 4, 0),
        by_type=(Count("NATVERKSTRAFF", "Nätverksträff", 4), Count("KONFERENS", "Konferens/seminarium", 3),
                 Count("ANNAT", "Annat", 0)),
        by_network=(Count("n1", FORMULA, 5), Count("", "Inget nätverk", 2)),
        by_subject_area=(Count("UNGA", "Unga lagöverträdare", 6), Count("VALD", "Våldsförebyggande arbete", 1)),
        organisations_by_type=(Count("POLIS", "Polismyndigheten", 2), Count("KOMMUN", "Kommun", 3)),
        municipalities_total=4,
        municipalities_reached=(Count("0180", "Stockholm", 5), Count("0184", "Solna", 2)),
        municipalities_not_reached=(Count("0114", "Upplands Väsby", 0), Count("0187", "Vaxholm", 0)),
        commitments_by_status=(Count("PAGAR", "Pågår", 3), Count("KLART", "Klart", 1), Count("FORSENAT", "Försenat", 2)),
        overdue_commitments=(OverdueCommitment("c1", "=1+1", "klart senast 2026-03-31 · Pågår · Polisen Syd", (), "2026-03-31",
                                               "PAGAR", "Polisen Syd"),),
        problem_areas_by_trend=(Count("OKANDE", "Ökande", 2), Count("MINSKANDE", "Minskande", 1)),
        problem_areas_by_status=(Count("BEVAKAS", "Bevakas", 3),),
        new_phenomena=(NamedRecord("p1", "Sextortion mot unga", "Ökande · först observerat 2026-02-01"),),
    )


@pytest.fixture
def workbook(tmp_path):
    path = write_year_report(sample(), tmp_path / "rapport.xlsx", producer_name="Länsstyrelsen i Stockholms län",
                             created_at=datetime(2026, 12, 1, 9, 30))
    return openpyxl.load_workbook(path)


def rows(ws, first_row, first_column, columns, count):
    return [tuple(ws.cell(first_row + i, first_column + j).value for j in range(columns)) for i in range(count)]


def title(item) -> str:
    return "".join(run.t for paragraph in item.tx.rich.p for run in (paragraph.r or []))


def series_refs(chart) -> tuple[str, str]:
    """(values, categories) of the chart's one series."""
    (series,) = chart.series
    categories = series.cat.numRef or series.cat.strRef
    return series.val.numRef.f, categories.f


def test_sheets_in_order(workbook):
    assert workbook.sheetnames == ["Sammanfattning", "Länsstyrelsens redovisning", "Kommunerna och lagen", "Månader", "Typ av aktivitet", "Nätverk",
                                   "Ämnesområden", "Organisationer", "Kommuner", "Åtaganden", "Problemområden"]


def test_every_municipality_has_its_row_under_the_law(register, tmp_path):
    """Never folded into "övriga": the county's 26 municipalities, followed up or not."""
    add(register, "follow_up", municipality_code="0180", year=2026, plan_status="UNDER_ARBETE",
        plan_decided_on=None, situation_date=date(2026, 3, 1))
    add(register, "activity", start_date=date(2026, 2, 1), municipalities=["0180"])
    with register.session() as session:
        figures = year_figures(session, 2026, "01", today=date(2026, 6, 1))
    ws = openpyxl.load_workbook(write_year_report(figures, tmp_path / "lagen.xlsx", producer_name="Länsstyrelsen"))[
        "Kommunerna och lagen"]
    header = [cell.value for cell in ws[1]]
    assert header[:4] == ["Län", "Kommun", "Kommunkod", "Samordningsfunktion"]
    rows = {row[2]: dict(zip(header, row)) for row in ws.iter_rows(min_row=2, max_row=27, values_only=True)}
    assert len(rows) == 26 and ws.cell(28, 1).value is None
    assert rows["0180"]["Åtgärdsplan"] == "Under arbete" and rows["0180"]["Senaste lägesbild"].date() == date(2026, 3, 1)
    assert rows["0180"]["Stöd i år (aktiviteter)"] == 1
    assert rows["0127"]["Åtgärdsplan"] == "ej uppföljd" and rows["0127"]["Stöd i år (aktiviteter)"] == 0
    assert ws.auto_filter.ref == "A1:K27"


def test_summary_key_numbers_and_change_against_the_year_before(workbook):
    ws = workbook["Sammanfattning"]
    assert ws["A1"].value == "Regional samordning av brottsförebyggande arbete – redovisning 2026"
    assert ws["A2"].value == "Stockholms län"
    facts = {ws.cell(row, 1).value: ws.cell(row, 2).value for row in range(4, 8)}
    assert facts == {"Område": "Stockholms län", "År": 2026, "Upprättad av": "Länsstyrelsen i Stockholms län",
                     "Skapad": "2026-12-01 09:30"}
    assert rows(ws, 9, 1, 5, 3) == [
        ("Nyckeltal", "2026", "2025", "Förändring", "Förändring (%)"),
        ("Aktiviteter", 7, 5, 2, pytest.approx(0.4)),
        ("Deltagare", 120, 0, 120, "–"),  # no percentage against nothing
    ]
    assert ws["E10"].number_format == "0.0 %"
    assert (ws["A13"].value, ws["B13"].value) == ("Läget", "Antal")
    status = {ws.cell(row, 1).value: ws.cell(row, 2).value for row in range(14, 23)}
    assert status["Kommuner som fått stöd"] == 2 and status["Kommuner i området"] == 4
    assert status["Försenade åtaganden"] == 1 and status["Åtaganden"] == 6
    assert status["Åtaganden som blev klara under året"] == 0
    assert status["Nya brottsfenomen under året"] == 1


def test_every_table_sheet_has_a_bold_frozen_header(workbook):
    for ws in workbook.worksheets[1:]:
        assert ws.freeze_panes == "A2", ws.title
        assert ws["A1"].font.b, ws.title
        assert ws.column_dimensions["A"].width >= 10


def test_months_table_and_chart(workbook):
    ws = workbook["Månader"]
    assert rows(ws, 1, 1, 2, 4) == [("Månad", "Aktiviteter"), ("januari", 1), ("februari", 0), ("mars", 2)]
    assert [ws.cell(row, 1).value for row in range(2, 14)] == list(MONTHS)
    assert ws["B12"].value == 4  # november
    (chart,) = ws._charts
    assert isinstance(chart, BarChart) and chart.type == "col"
    assert title(chart.title) == "Aktiviteter per månad"
    assert title(chart.x_axis.title) == "Månad" and title(chart.y_axis.title) == "Antal aktiviteter"
    assert series_refs(chart) == ("'Månader'!$B$2:$B$13", "'Månader'!$A$2:$A$13")
    assert chart.series[0].tx.strRef.f == "'Månader'!B1"  # the series is named by the header


def test_type_and_subject_area_tables_and_charts(workbook):
    ws = workbook["Typ av aktivitet"]
    assert rows(ws, 1, 1, 2, 4) == [("Typ av aktivitet", "Aktiviteter"), ("Nätverksträff", 4),
                                    ("Konferens/seminarium", 3), ("Annat", 0)]
    (chart,) = ws._charts
    assert chart.type == "bar" and title(chart.title) == "Aktiviteter per typ av aktivitet"
    assert series_refs(chart) == ("'Typ av aktivitet'!$B$2:$B$4", "'Typ av aktivitet'!$A$2:$A$4")

    ws = workbook["Ämnesområden"]
    assert rows(ws, 1, 1, 2, 3) == [("Ämnesområde", "Aktiviteter"), ("Unga lagöverträdare", 6),
                                    ("Våldsförebyggande arbete", 1)]
    (chart,) = ws._charts
    assert title(chart.title) == "Aktiviteter per ämnesområde"
    assert series_refs(chart) == ("'Ämnesområden'!$B$2:$B$3", "'Ämnesområden'!$A$2:$A$3")


def test_networks_organisations_and_municipalities(workbook):
    assert rows(workbook["Nätverk"], 5, 1, 2, 3) == [("Nätverk", "Aktiviteter"), (FORMULA, 5), ("Inget nätverk", 2)]
    assert rows(workbook["Organisationer"], 1, 1, 2, 3) == [("Typ av aktör", "Organisationer"),
                                                           ("Polismyndigheten", 2), ("Kommun", 3)]
    ws = workbook["Kommuner"]
    assert rows(ws, 1, 1, 3, 3) == [("Kommuner som fått stöd", "Kommunkod", "Aktiviteter"), ("Stockholm", "0180", 5),
                                    ("Solna", "0184", 2)]
    assert rows(ws, 1, 5, 2, 3) == [("Kommuner utan stöd", "Kommunkod"), ("Upplands Väsby", "0114"),
                                    ("Vaxholm", "0187")]
    assert ws["B2"].data_type == "s"  # municipality codes keep their leading zero


def test_commitments_by_status_pie_and_overdue_list(workbook):
    ws = workbook["Åtaganden"]
    assert rows(ws, 1, 1, 2, 4) == [("Status", "Åtaganden"), ("Pågår", 3), ("Klart", 1), ("Försenat", 2)]
    (chart,) = ws._charts
    assert isinstance(chart, PieChart) and title(chart.title) == "Åtaganden per status"
    assert series_refs(chart) == ("'Åtaganden'!$B$2:$B$4", "'Åtaganden'!$A$2:$A$4")
    first = list_row(3)
    assert rows(ws, first, 1, 2, 2) == [("Försenade åtaganden", "Uppgifter"),
                                        ("=1+1", "klart senast 2026-03-31 · Pågår · Polisen Syd")]
    assert ws.cell(first, 1).font.b


def test_problem_areas_tables_chart_and_new_phenomena(workbook):
    ws = workbook["Problemområden"]
    assert rows(ws, 1, 1, 2, 3) == [("Trend", "Problemområden"), ("Ökande", 2), ("Minskande", 1)]
    assert rows(ws, 1, 4, 2, 2) == [("Status", "Problemområden"), ("Bevakas", 3)]
    (chart,) = ws._charts
    assert title(chart.title) == "Problemområden per trend" and title(chart.x_axis.title) == "Trend"
    assert series_refs(chart) == ("'Problemområden'!$B$2:$B$3", "'Problemområden'!$A$2:$A$3")
    first = list_row(2)
    assert rows(ws, first, 1, 2, 2) == [("Nya brottsfenomen 2026", "Uppgifter"),
                                        ("Sextortion mot unga", "Ökande · först observerat 2026-02-01")]


def test_register_text_beginning_with_equals_stays_text(workbook):
    network = workbook["Nätverk"]["A6"]
    assert (network.value, network.data_type) == (FORMULA, "s")
    overdue = workbook["Åtaganden"].cell(list_row(3) + 1, 1)
    assert (overdue.value, overdue.data_type) == ("=1+1", "s")


def test_empty_lists_say_so(tmp_path):
    empty = sample()
    empty = YearFigures(**{**empty.__dict__, "overdue_commitments": (), "new_phenomena": (), "by_network": (),
                           "municipalities_reached": ()})
    book = openpyxl.load_workbook(write_year_report(empty, tmp_path / "tom.xlsx", producer_name="Brå"))
    assert book["Nätverk"]["A2"].value == book["Nätverk"]["A6"].value == "(inga)"
    assert book["Kommuner"]["A2"].value == "(inga)"
    assert book["Åtaganden"].cell(list_row(3) + 1, 1).value == "(inga)"


def test_national_report_has_a_row_per_county(tmp_path):
    overview = [sample("01", activities=7), sample("03", activities=0, scope_name="Uppsala län")]
    path = write_year_report(sample(None, scope_name="Hela landet"), tmp_path / "riket.xlsx",
                             producer_name="Brottsförebyggande rådet (Brå)", overview=overview)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Län"
    ws = book["Län"]
    assert ws["A1"].value == "Län" and ws.freeze_panes == "A2"
    assert rows(ws, 2, 1, 5, 2) == [("Stockholms län", "01", 7, 5, pytest.approx(0.4)),
                                    ("Uppsala län", "03", 0, 5, pytest.approx(-1.0))]
    (chart,) = ws._charts
    assert title(chart.title) == "Aktiviteter per län"
    assert series_refs(chart) == ("'Län'!$C$2:$C$3", "'Län'!$A$2:$A$3")
    assert book["Sammanfattning"]["A2"].value == "Hela landet"


def test_written_under_a_temporary_name(tmp_path):
    folder = tmp_path / "ut"
    path = write_year_report(sample(), folder / "rapport.xlsx", producer_name="Brå")
    assert path == folder / "rapport.xlsx"
    assert sorted(item.name for item in folder.iterdir()) == ["rapport.xlsx"]


# --- the command line --------------------------------------------------------------------------


def test_cli_writes_the_county_report(register, tmp_path, capsys):
    add(register, "activity", start_date=date(2026, 3, 12), municipalities=["0180"], participants=12)
    add(register, "commitment", title="=2+2", due_date=date(2026, 1, 31))
    out = tmp_path / "årsrapport.xlsx"
    assert main(["report", "--year", "2026", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book["Sammanfattning"]["A2"].value == "Stockholms län"
    assert book["Sammanfattning"]["B10"].value == 1
    assert book["Månader"]["B4"].value == 1
    assert "Län" not in book.sheetnames
    overdue = book["Åtaganden"].cell(list_row(5) + 1, 1)
    assert (overdue.value, overdue.data_type) == ("=2+2", "s")


def test_cli_national_report_and_one_county(make_register, tmp_path):
    national = make_register("BRA")
    add(national, "activity", start_date=date(2026, 5, 1), participants=3)
    data_dir = tmp_path / "bra-data"
    out = tmp_path / "riket.xlsx"
    assert main(["--data-dir", str(data_dir), "--database", national.url, "report", "--year", "2026",
                 "--out", str(out)]) == 0
    assert "Län" in openpyxl.load_workbook(out).sheetnames
    assert main(["--data-dir", str(data_dir), "--database", national.url, "report", "--year", "2026",
                 "--county", "1", "--out", str(tmp_path / "stockholm.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "stockholm.xlsx")
    assert book["Sammanfattning"]["A2"].value == "Stockholms län" and "Län" not in book.sheetnames


@pytest.mark.parametrize(("arguments", "message"), [
    (["--out", "rapport.csv"], "Rapporten sparas som .xlsx eller .pdf"),
    (["--county", "03", "--out", "rapport.xlsx"], "--county går bara i Brås nationella register"),
])
def test_cli_refuses_with_a_swedish_message(register, tmp_path, capsys, arguments, message):
    arguments = [str(tmp_path / a) if a.startswith("rapport") else a for a in arguments]
    assert main(["report", *arguments]) == 1
    assert message in capsys.readouterr().err
    assert list(Path(tmp_path).glob("rapport*")) == []


def test_the_lansstyrelsens_own_texts_are_a_sheet(register, tmp_path):
    add(register, "county_report", year=2026, case_number="101-1234-2026", assessment="Ett år av uppbyggnad.",
        resources="Två årsarbetskrafter.")
    with register.session() as session:
        figures = year_figures(session, 2026, "01", today=date(2026, 6, 1))
    ws = openpyxl.load_workbook(write_year_report(figures, tmp_path / "r.xlsx", producer_name="Länsstyrelsen"))[
        "Länsstyrelsens redovisning"]
    assert [tuple(cell.value for cell in row) for row in ws.iter_rows(min_row=1, max_row=3)] == [
        ("Län", "Diarienummer", "Del", "Text"),
        ("Stockholms län", "101-1234-2026", "Länsstyrelsens bedömning", "Ett år av uppbyggnad."),
        ("Stockholms län", "101-1234-2026", "Resurser", "Två årsarbetskrafter.")]


def test_each_network_with_every_member_named(tmp_path):
    line = NetworkLine("n1", "Länsnätverket", "Stockholms län", "Länsstyrelsen i Stockholms län",
                       tuple(f"Kommun {n}" for n in range(6)), "Varje kvartal", 4, 3, 1)
    figures = YearFigures(**{**sample().__dict__, "networks": (line,)})
    ws = openpyxl.load_workbook(write_year_report(figures, tmp_path / "natverk.xlsx", producer_name="Brå",
                                                  created_at=datetime(2026, 12, 1, 9, 30)))["Nätverk"]
    assert rows(ws, 1, 1, 8, 2) == [
        ("Nätverk", "Ägs av", "Sammankallande", "Medlemmar", "Möts", "Aktiviteter 2026",
         "Åtaganden den 1 december 2026", "Varav öppna"),
        ("Länsnätverket", "Stockholms län", "Länsstyrelsen i Stockholms län",
         "Kommun 0; Kommun 1; Kommun 2; Kommun 3; Kommun 4; Kommun 5", "Varje kvartal", 4, 3, 1)]


def test_the_themes_under_the_new_phenomena(tmp_path):
    theme = ThemeCount("BEDRAGERI", "Bedrägerier mot äldre", 3, ("Stockholms län", "Skåne län"))
    figures = YearFigures(**{**sample(None, scope_name="Hela landet").__dict__, "problem_areas_by_theme": (theme,)})
    ws = openpyxl.load_workbook(write_year_report(figures, tmp_path / "teman.xlsx", producer_name="Brå"))["Problemområden"]
    first = list_row(2) + len(figures.new_phenomena) + 3
    assert rows(ws, first, 1, 3, 2) == [("Nationellt tema", "Län", "Problemområden"),
                                        ("Bedrägerier mot äldre", "Stockholms län, Skåne län", 3)]
