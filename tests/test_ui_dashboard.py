"""Översikt: the chosen year's figures on screen, redrawn when records change, and a click on a bar
showing exactly the records it counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import QPointF, Qt

from bra_desktop.ui.dashboard import DashboardSection
from bra_desktop.ui.main_window import SECTIONS, MainWindow
from bra_desktop.ui.municipalities_section import MunicipalitiesSection
from bra_desktop.ui.record_section import RecordSection
from bra_desktop.ui.service import RegisterService

from conftest import add

TODAY = date(2026, 6, 15)


@pytest.fixture
def records(register):
    """2026: three activities (and a cancelled one that does not count); 2025: two; commitments and
    problem areas; a record of another county that Stockholm's figures leave out."""
    north = add(register, "network", name="Nordnätet")
    kommun = add(register, "organisation", name="Solna stad", org_type="KOMMUN", municipality_code="0184")
    polis = add(register, "organisation", name="Polisen Nord", org_type="POLIS")
    made = {
        "north": north.id,
        "meeting": add(register, "activity", title="Nätverksträff i Solna", start_date=date(2026, 3, 5),
                       network_id=north.id, municipalities=["0184"], subject_areas=["UNGA"], participants=40,
                       organisations=[kommun.id, polis.id]).id,
        "course": add(register, "activity", title="Utbildning om bedrägerier", activity_type="UTBILDNING",
                      start_date=date(2026, 3, 20), municipalities=["0184", "0180"], subject_areas=["EKO", "UNGA"],
                      participants=1200, organisations=[kommun.id]).id,
        "visit": add(register, "activity", title="Kommunbesök Täby", activity_type="DIALOG",
                     start_date=date(2026, 9, 1), municipalities=["0160"], participants=8).id,
        "spanning": add(register, "activity", title="Länskonferens över nyår", activity_type="KONFERENS",
                        start_date=date(2025, 12, 30), end_date=date(2026, 1, 2), participants=100).id,
    }
    add(register, "activity", title="Inställt seminarium", activity_type="KONFERENS", status="INSTALLD",
        start_date=date(2026, 4, 1), participants=50)
    add(register, "activity", title="Träff 2025", start_date=date(2025, 5, 5), participants=30)
    made["late"] = add(register, "commitment", title="Lägesbild för länet", due_date=date(2026, 3, 31)).id
    add(register, "commitment", title="Åtgärdsplan", status="KLART", due_date=date(2026, 1, 31))
    add(register, "commitment", title="Samverkansavtal", status="EJ_PABORJAT", due_date=date(2026, 12, 31))
    add(register, "problem_area", title="Bedrägerier mot äldre", trend="OKANDE", first_observed=date(2026, 2, 1))
    add(register, "problem_area", title="Skadegörelse", category="GEOGRAFISKT", trend="MINSKANDE", status="ATGARDAS")
    with register.session() as session:  # another county's activity, as a national bundle brings it
        from bra_desktop.domain.fields import KINDS
        from bra_desktop.store.reference import load_reference
        from bra_desktop.store.repository import create_record

        create_record(session, KINDS["activity"], {"title": "Uppsalas träff", "activity_type": "NATVERKSTRAFF",
                                                   "status": "GENOMFORD", "start_date": date(2026, 3, 7)},
                      user="bo", origin="03", reference=load_reference(session))
        session.commit()
    return made


@pytest.fixture
def dashboard(qtbot, service, records):
    made = DashboardSection(service, today=TODAY)
    qtbot.addWidget(made)
    made.resize(1300, 900)
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        made.show()
    return made


def tile(dashboard: DashboardSection, name: str) -> tuple[str, str]:
    shown = dashboard.tiles[name]
    return shown.value_label.text(), shown.note_label.text()


def bars(dashboard: DashboardSection, chart: str) -> dict[str, tuple[int, ...]]:
    return dict(dashboard.charts[chart].bars())


def test_the_dashboard_shows_the_chosen_years_figures(qtbot, dashboard):
    assert dashboard.year() == 2026
    assert dashboard.heading.text() == "Översikt 2026 · Stockholms län"
    assert not dashboard.county_combo.isVisible()  # a county register counts its own records
    assert tile(dashboard, "activities") == ("4", "+100 % jämfört med 2025 (2)")
    assert tile(dashboard, "participants") == ("1\xa0348", "+937 % jämfört med 2025 (130)")
    assert tile(dashboard, "municipalities") == ("3 av 26", "23 kommuner utan stöd i år")
    assert tile(dashboard, "overdue") == ("1", "av 3 åtaganden, efter klart senast-datum")

    months = dashboard.charts["by_month"].bars()
    assert [label for label, _values in months][:3] == ["jan", "feb", "mars"]
    assert dashboard.charts["by_month"].sets()[0].name == "2025"  # the year before beside each month
    assert [values for _label, values in months][:4] == [(0, 1), (0, 0), (0, 2), (0, 0)]
    assert months[4][1] == (1, 0) and months[8][1] == (0, 1) and months[11][1] == (1, 0)
    by_type = bars(dashboard, "by_type")
    assert by_type["Nätverksträff"] == (1,) and by_type["Utbildning/kompetensutveckling"] == (1,)
    assert by_type["Konferens/seminarium"] == (1,)  # the cancelled one does not count
    assert list(by_type)[0] == "Nätverksträff"  # code-list order, top to bottom
    assert bars(dashboard, "by_subject_area")["Unga lagöverträdare"] == (2,)
    assert bars(dashboard, "by_network") == {"Nordnätet": (1,), "Inget nätverk": (3,)}
    assert bars(dashboard, "municipalities_reached") == {"Solna": (2,), "Stockholm": (1,), "Täby": (1,)}
    assert bars(dashboard, "organisations_by_type")["Kommun"] == (1,)
    assert bars(dashboard, "organisations_by_type")["Polisen"] == (1,)
    assert bars(dashboard, "commitments_by_status")["Pågår"] == (1,)
    assert bars(dashboard, "problem_areas_by_trend") == {"Ökande": (1,), "Oförändrad": (0,), "Minskande": (1,),
                                                          "Ej känd": (0,)}
    assert bars(dashboard, "problem_areas_by_status")["Åtgärdas"] == (1,)
    assert dashboard.overdue_list.texts() == [
        "Lägesbild för länet\nklart senast 2026-03-31 · Pågår"]
    assert dashboard.overdue_list.heading.text() == "Försenade åtaganden (1)"
    unreached = dashboard.unreached_list.texts()
    assert len(unreached) == 23 and "Botkyrka" in unreached and "Solna" not in unreached

    with qtbot.waitSignal(dashboard.sig_refreshed, timeout=10_000):
        dashboard.set_year(2025)
    assert dashboard.heading.text() == "Översikt 2025 · Stockholms län"
    assert tile(dashboard, "activities") == ("2", "2024: 0")
    assert tile(dashboard, "participants") == ("130", "2024: 0")
    assert tile(dashboard, "municipalities") == ("0 av 26", "26 kommuner utan stöd i år")
    assert bars(dashboard, "by_month")["dec"] == (0, 1)
    assert dashboard.year_combo.currentText() == "2025"
    assert [dashboard.year_combo.itemText(i) for i in range(dashboard.year_combo.count())] == ["2026", "2025"]


def test_in_english_the_charts_name_codes_in_english(qtbot, register, records):
    english = DashboardSection(RegisterService(register, "anna", language="en"), today=TODAY)
    qtbot.addWidget(english)
    english.resize(1300, 900)
    with qtbot.waitSignal(english.sig_refreshed, timeout=10_000):
        english.show()
    assert bars(english, "by_type")["Network meeting"] == (1,)
    assert bars(english, "commitments_by_status")["In progress"] == (1,)


def test_a_new_record_redraws_the_charts(qtbot, dashboard, service):
    assert tile(dashboard, "activities")[0] == "4"
    with qtbot.waitSignal(dashboard.sig_refreshed, timeout=10_000):
        service.create("activity", {"title": "Ny utbildning", "activity_type": "UTBILDNING", "status": "GENOMFORD",
                                    "start_date": date(2026, 10, 1), "participants": 2,
                                    "municipalities": ["0186"]})
    assert tile(dashboard, "activities")[0] == "5"
    assert bars(dashboard, "by_type")["Utbildning/kompetensutveckling"] == (2,)
    assert bars(dashboard, "by_month")["okt"] == (0, 1)
    assert tile(dashboard, "municipalities")[0] == "4 av 26"


def test_changes_while_hidden_are_counted_when_shown_again(qtbot, dashboard, service, records):
    dashboard.hide()
    service.update("commitment", records["late"], {"title": "Lägesbild för länet", "status": "KLART",
                                                   "due_date": date(2026, 3, 31)})
    qtbot.wait(600)  # past the redraw pause: nothing is counted while hidden
    assert dashboard.overdue_list.heading.text() == "Försenade åtaganden (1)"
    with qtbot.waitSignal(dashboard.sig_refreshed, timeout=10_000):
        dashboard.show()
    assert tile(dashboard, "overdue")[0] == "0"
    assert dashboard.overdue_list.texts() == ["Inga försenade åtaganden."]


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_saving_the_annual_report(qtbot, dashboard, monkeypatch, tmp_path, suffix):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / f"årsrapport{suffix}"
    asked = []

    def get_save_file_name(parent, caption, suggested, filters):
        asked.append((caption, Path(suggested).name, filters))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    assert dashboard.save_button.isEnabled()
    with qtbot.waitSignal(dashboard.sig_report_saved, timeout=20_000) as saved:
        qtbot.mouseClick(dashboard.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [target]
    assert asked == [("Spara redovisning", "Redovisning 2026 Stockholms län.pdf", "PDF (*.pdf);;Excel-arbetsbok (*.xlsx)")]
    assert target.read_bytes()[:4] == (b"%PDF" if suffix == ".pdf" else b"PK\x03\x04")
    assert dashboard.busy_label.text() == f"Redovisningen är sparad: {target.name}"
    assert dashboard.save_button.isEnabled()


def test_a_dashboard_closed_while_counting_is_left_alone(qtbot, service):
    import shiboken6

    made = DashboardSection(service, today=TODAY)
    made.show()  # starts counting on the worker
    counting = made._running
    assert counting is not None and counting.running
    shiboken6.delete(made)
    with qtbot.waitSignal(counting.sig_finished, timeout=10_000):
        pass
    service.create("activity", {"title": "Efteråt", "activity_type": "DIALOG", "status": "GENOMFORD",
                                "start_date": date(2026, 5, 5)})  # nobody left to redraw: no error


def test_a_national_register_chooses_the_county(qtbot, make_register, records, register):
    national = make_register("BRA")
    add(national, "activity", title="Brås träff", start_date=date(2026, 2, 2))
    made = DashboardSection(RegisterService(national, "bo"), today=TODAY)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        made.show()
    assert made.county_combo.isVisible() and made.county_combo.currentText() == "Hela landet"
    assert made.heading.text() == "Översikt 2026 · Hela landet"
    assert tile(made, "activities")[0] == "1"
    assert tile(made, "municipalities")[0] == "0 av 290"
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        made.county_combo.setCurrentIndex(made.county_combo.findData("03"))
    assert made.heading.text() == "Översikt 2026 · Uppsala län"
    assert tile(made, "activities")[0] == "0"


# --- click-through --------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, app_context, service, records):
    made = MainWindow(app_context, service)
    qtbot.addWidget(made)
    made.resize(1400, 900)
    made.show()
    qtbot.waitExposed(made)
    return made


def overview(qtbot, window: MainWindow) -> DashboardSection:
    row = [section.key for section in SECTIONS].index("overview")
    assert window.navigation.item(row).text() == "Översikt"
    window.navigation.setCurrentRow(row)
    shown = window.current_section()
    assert isinstance(shown, DashboardSection)
    shown._today = TODAY
    with qtbot.waitSignal(shown.sig_refreshed, timeout=10_000):
        shown.refresh()
    return shown


def titles(records: RecordSection) -> list[str]:
    return sorted(records.proxy.index(row, 0).data() for row in range(records.proxy.rowCount()))


def click_bar(qtbot, dashboard: DashboardSection, chart: str, label: str, set_index: int = 0) -> None:
    """Click the middle of a bar with the mouse, as a user would."""
    view = dashboard.charts[chart]
    dashboard.scroll.ensureWidgetVisible(view)
    labels = [row[0] for row in view.bars()]
    series = view.chart().series()[0]
    assert isinstance(series, QAbstractBarSeries)
    index = view._labels.index(next(lab for lab in view._labels if lab.startswith(label)))
    value = series.barSets()[set_index].at(index)
    assert value > 0, f"no bar for {label} in {labels}"
    count = len(series.barSets())
    offset = (set_index - (count - 1) / 2) * 0.75 / count
    at = QPointF(value / 2, index + offset) if view.horizontal else QPointF(index + offset, value / 2)
    scene = view.chart().mapToPosition(at, series)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))


def test_clicking_a_bar_shows_the_activities_behind_it(qtbot, window, records):
    dashboard = overview(qtbot, window)
    click_bar(qtbot, dashboard, "by_type", "Utbildning")
    activities = window.current_section()
    assert isinstance(activities, RecordSection) and activities.kind.key == "activity"
    assert window.navigation.currentRow() == [s.key for s in SECTIONS].index("activity")
    assert titles(activities) == ["Utbildning om bedrägerier"]
    assert activities.restriction_button.isVisible()
    assert activities.restriction_button.text() == "Aktiviteter 2026 · Utbildning/kompetensutveckling  ✕"
    assert window.count_label.text() == "1 aktivitet"

    qtbot.mouseClick(activities.restriction_button, Qt.MouseButton.LeftButton)  # back to every activity
    assert not activities.restriction_button.isVisible()
    assert len(titles(activities)) == 7

    overview(qtbot, window)
    click_bar(qtbot, dashboard, "by_month", "jan", set_index=1)  # January holds the one begun in December
    assert titles(activities) == ["Länskonferens över nyår"]
    overview(qtbot, window)
    click_bar(qtbot, dashboard, "by_month", "dec", set_index=0)  # the year before's bar
    assert titles(activities) == ["Länskonferens över nyår"]
    assert activities.restriction_button.text().startswith("Aktiviteter 2025 · december")

    overview(qtbot, window)
    click_bar(qtbot, dashboard, "by_subject_area", "Unga")
    assert titles(activities) == ["Nätverksträff i Solna", "Utbildning om bedrägerier"]
    combo = activities.filter_combos["subject_areas"]
    assert combo.currentText() == "Unga lagöverträdare"  # the filter shows what is chosen
    assert activities.filter_combos["year"].currentIndex() == 0
    qtbot.mouseClick(activities.restriction_button, Qt.MouseButton.LeftButton)  # the chip takes its filter along
    assert combo.currentIndex() == 0 and len(titles(activities)) == 7

    overview(qtbot, window)
    click_bar(qtbot, dashboard, "commitments_by_status", "Pågår")
    commitments = window.current_section()
    assert commitments.kind.key == "commitment" and titles(commitments) == ["Lägesbild för länet"]
    assert commitments.filter_combos["status"].currentText() == "Pågår"


def test_every_bar_shows_as_many_records_as_it_counts(qtbot, window):
    dashboard = overview(qtbot, window)
    clicked = 0
    for name, chart in dashboard.charts.items():
        for set_index, bar_set in enumerate(chart.sets()):
            for index, value in enumerate(bar_set.values):
                if not value:
                    continue
                chart.click_bar(chart._labels[index], set_index)
                shown = window.current_section()
                assert isinstance(shown, RecordSection)
                assert shown.proxy.rowCount() == value, (name, chart._labels[index], bar_set.name)
                clicked += 1
                window.navigation.setCurrentRow(0)
    assert clicked > 25


def test_the_overdue_list_shows_its_commitments(qtbot, window, records):
    dashboard = overview(qtbot, window)
    qtbot.mouseClick(dashboard.show_overdue_button, Qt.MouseButton.LeftButton)
    commitments = window.current_section()
    assert commitments.kind.key == "commitment" and titles(commitments) == ["Lägesbild för länet"]
    assert commitments.restriction_button.text() == "Försenade åtaganden · 2026-06-15  ✕"
    overview(qtbot, window)
    dashboard.overdue_list.list.itemActivated.emit(dashboard.overdue_list.list.item(0))
    assert window.current_section().proxy.rowCount() == 1


# --- Brå's table of counties ----------------------------------------------------------------------


def test_a_county_register_has_no_table_of_counties(dashboard):
    assert not dashboard.counties.isVisible()


def test_bras_whole_country_lists_every_county_and_marks_those_that_sent_nothing(qtbot, make_register):
    from datetime import UTC, datetime

    from bra_desktop.domain.fields import KINDS
    from bra_desktop.domain.models import BundleReceipt
    from bra_desktop.store.reference import load_reference
    from bra_desktop.store.repository import create_record

    national = make_register("BRA")
    with national.session() as session:
        for origin, title, status in (("01", "Stockholms träff", "GENOMFORD"), ("01", "Stockholms kurs", "GENOMFORD"),
                                      ("03", "Uppsalas träff", "GENOMFORD"), ("03", "Inställd", "INSTALLD")):
            create_record(session, KINDS["activity"], {"title": title, "activity_type": "NATVERKSTRAFF",
                                                       "status": status, "start_date": date(2026, 3, 7)},
                          user="bo", origin=origin, reference=load_reference(session))
        create_record(session, KINDS["commitment"], {"title": "Lägesbild", "status": "PAGAR",
                                                     "due_date": date(2026, 1, 31)},
                      user="bo", origin="03", reference=load_reference(session))
        session.add(BundleReceipt(bundle_id="b1", direction="import", producer="01", file_sha256="0" * 64,
                                  created_at=datetime(2026, 5, 30, 8, tzinfo=UTC),
                                  processed_at=datetime(2026, 6, 1, 9, tzinfo=UTC)))
        session.commit()
    made = DashboardSection(RegisterService(national, "bo"), today=TODAY)
    qtbot.addWidget(made)
    made.resize(1300, 900)
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        made.show()
    table = made.counties
    assert table.isVisible() and table.heading.text() == "Länen (21)"
    assert table.headers() == ["Län", "Aktiviteter i år", "Senaste paket", "Dagar sedan", "Öppna åtaganden",
                               "Försenade åtaganden", "Nya problemområden", "Uppföljda kommuner", "Samordningsfunktion",
                               "Klar lägesbild", "Beslutad åtgärdsplan"]
    rows = table.texts()
    assert len(rows) == 21
    assert rows[0] == ["Stockholms län", "2", "2026-05-30", "16", "0", "0", "0", *["0 av 26"] * 4]
    assert rows[1] == ["Uppsala län", "1", "inget", "–", "1", "1", "0", *["0 av 8"] * 4]  # the cancelled one does not count
    assert table.marked() == [row for row in table.marked() if row != "01"] and len(table.marked()) == 20
    uppsala = table.proxy.index(table.row_of("03"), 0)
    assert uppsala.data(Qt.ItemDataRole.ToolTipRole) == "Inget paket i år"
    assert uppsala.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fff1c7"
    stockholm = table.proxy.index(table.row_of("01"), 2)
    assert stockholm.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "2026-05-30" in stockholm.data(Qt.ItemDataRole.ToolTipRole)
    assert table.note.text() == "20 länsstyrelser har inte skickat något paket 2026."

    # Sorting by a number sorts numbers, not text.
    table.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in table.texts()[:2]] == ["Stockholms län", "Uppsala län"]

    # A double-click on a county shows that county's overview.
    made.scroll.ensureWidgetVisible(table)
    cell = table.proxy.index(table.row_of("03"), 3)
    last = table.proxy.index(table.proxy.rowCount() - 1, 0)
    assert table.table.viewport().rect().contains(table.table.visualRect(last))
    at = table.table.visualRect(cell).center()
    assert table.table.viewport().rect().contains(at)  # every row shows: the table is as tall as its rows
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        # A double-click as the platform sends it: press and release, then the double-click.
        qtbot.mouseClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert made.county_combo.currentData() == "03"
    assert made.heading.text() == "Översikt 2026 · Uppsala län"
    assert not table.isVisible()
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        made.set_county(None)
    assert table.isVisible()

    # Another year: its own column title, and no county sent anything in 2025.
    with qtbot.waitSignal(made.sig_refreshed, timeout=10_000):
        made.set_year(2025)
    assert table.headers()[1] == "Aktiviteter 2025"
    assert len(table.marked()) == 21
    assert table.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Inget paket under 2025")


def test_the_laws_three_requirements_are_tiles_that_lead_to_the_municipalities(qtbot, service, register, app_context):
    """Översikt says how many of the county's municipalities meet each requirement, how many lack it
    and how many are not followed up; a tile opens Kommuner on those that lack it."""
    year = date.today().year
    add(register, "follow_up", municipality_code="0180", year=year, plan_status="UNDER_ARBETE")
    add(register, "follow_up", municipality_code="0184", year=year)
    add(register, "follow_up", municipality_code="0186", year=year, coordination_status="SAKNAS", plan_status="SAKNAS")
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow([s.key for s in SECTIONS].index("overview"))
    dashboard = window.current_section()
    year = date.today().year  # the year Översikt opens on
    qtbot.waitUntil(lambda: dashboard.law_heading.text() == f"Lagens krav i länet {year}", timeout=10_000)
    law = {key: (tile.value_label.text(), tile.note_label.text()) for key, tile in dashboard.law_tiles.items()}
    assert law == {"coordination_status": ("2 av 26", "1 saknar · 23 ej uppföljda"),
                   "situation_status": ("3 av 26", "0 saknar · 23 ej uppföljda"),
                   "plan_status": ("1 av 26", "2 saknar · 23 ej uppföljda")}
    plan = dashboard.law_tiles["plan_status"]
    assert plan.focusPolicy() == Qt.FocusPolicy.StrongFocus and "1 av 26" in plan.accessibleDescription()
    qtbot.mouseClick(plan, Qt.MouseButton.LeftButton)
    municipalities = window.current_section()
    assert isinstance(municipalities, MunicipalitiesSection)
    assert municipalities.filter_combo.currentText() == "Saknar beslutad åtgärdsplan" and municipalities.year == year
    proxy = municipalities.proxy
    assert sorted(proxy.index(row, 0).data() for row in range(proxy.rowCount())) == ["Lidingö", "Stockholm"]


def test_long_labels_that_begin_alike_are_shortened_in_the_middle():
    from bra_desktop.ui.bar_chart import _shortened

    shown = _shortened(["Operativt nätverk för unga lagöverträdare", "Operativt nätverk för våldsförebyggande arbete",
                        "Länsnätverket", "Länsnätverket\u200b"])
    assert shown[0] != shown[1] and shown[0].startswith("Operativt") and shown[0].endswith("lagöverträdare")
    assert all(len(label.rstrip("\u200b")) <= 30 for label in shown)
    assert shown[2:] == ["Länsnätverket", "Länsnätverket\u200b"]  # short ones as they are, kept distinct
