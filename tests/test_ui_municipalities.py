"""The Kommuner section: every municipality of the county under the law in one year, its filters,
and its follow-up opened or started from the year before."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from bra_desktop.ui.forms.dialog import RecordFormDialog
from bra_desktop.ui.main_window import SECTIONS, MainWindow
from bra_desktop.ui.municipalities_section import MunicipalitiesSection
from bra_desktop.ui.service import RegisterService
from conftest import add
from test_ui_main_window import when_modal

YEAR = date.today().year


@pytest.fixture
def followed(register):
    """Stockholms län this year: Stockholm with a plan under way, Solna with everything in place,
    Botkyrka followed up last year only; support to Stockholm and Solna."""
    add(register, "follow_up", municipality_code="0180", year=YEAR, plan_status="UNDER_ARBETE")
    add(register, "follow_up", municipality_code="0184", year=YEAR)
    earlier = add(register, "follow_up", municipality_code="0127", year=YEAR - 1, plan_status="UNDER_ARBETE",
                  coordinator_name="Kim Samordnare", support_needs="Stöd i lägesbilden", next_follow_up=date(YEAR, 3, 1))
    add(register, "activity", title="Processtöd i Stockholm", activity_type="PROCESSSTOD",
        start_date=date(YEAR, 1, 10), municipalities=["0180"])
    add(register, "activity", title="Konferens", activity_type="KONFERENS", start_date=date(YEAR, 1, 12),
        municipalities=["0180", "0184"])
    return earlier


@pytest.fixture
def municipalities(qtbot, service, followed):
    made = MunicipalitiesSection(service, QUndoStack())
    qtbot.addWidget(made)
    made.show()
    return made


def shown(section: MunicipalitiesSection, column: int = 0) -> list[str]:
    proxy = section.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def row_of(section: MunicipalitiesSection, name: str) -> dict[str, str]:
    proxy = section.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data() == name:
            return {header: proxy.index(row, c).data() for c, header in enumerate(headers)}
    raise KeyError(name)


def choose(section: MunicipalitiesSection, name: str) -> None:
    row = shown(section).index(name)
    section.table.setCurrentIndex(section.proxy.index(row, 0))


def test_every_municipality_of_the_county_is_a_row_with_the_three_requirements(municipalities):
    assert len(shown(municipalities)) == 26 and shown(municipalities)[:2] == ["Botkyrka", "Danderyd"]
    stockholm = row_of(municipalities, "Stockholm")
    assert (stockholm["Samordningsfunktion"], stockholm["Lägesbild"], stockholm["Åtgärdsplan"]) == ("Finns", "Klar", "Under arbete")
    assert stockholm["Stöd i år"] == 2
    support = "Stöd i år: Konferens/seminarium 1, Metod- och processtöd till kommun 1"
    proxy = municipalities.proxy
    assert proxy.index(shown(municipalities).index("Stockholm"), 0).data(Qt.ItemDataRole.ToolTipRole) == support
    choose(municipalities, "Stockholm")
    assert municipalities.support_label.text() == support
    assert stockholm["Senaste kontakt"] == f"{YEAR}-01-12" or date.today() < date(YEAR, 1, 12)
    assert row_of(municipalities, "Botkyrka")["Åtgärdsplan"] == "ej uppföljd"
    text = municipalities.summary_label.text()
    assert text.startswith(f"2 av 26 kommuner är uppföljda {YEAR}. Beslutad åtgärdsplan: 1 (1 saknar).")
    assert "2 kommuner har fått stöd i år" in text
    assert municipalities.summary_label.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize(("label", "names"), [
    ("Saknar beslutad åtgärdsplan", ["Stockholm"]),
    ("Saknar klar lägesbild", []),
    ("Har inte fått stöd i år", None),  # all but Stockholm and Solna
])
def test_the_filters_narrow_the_rows(municipalities, label, names):
    municipalities.filter_combo.setCurrentIndex(municipalities.filter_combo.findText(label))
    if names is None:
        assert len(shown(municipalities)) == 24 and not {"Stockholm", "Solna"} & set(shown(municipalities))
    else:
        assert shown(municipalities) == names
    municipalities.filter_combo.setCurrentIndex(municipalities.filter_combo.findText("Inte uppföljda i år"))
    assert len(shown(municipalities)) == 24 and "Botkyrka" in shown(municipalities)


def test_choosing_a_municipality_shows_its_records_and_opens_its_follow_up(qtbot, municipalities):
    choose(municipalities, "Stockholm")
    assert municipalities.heading.text() == f"Stockholm {YEAR}"
    listed = municipalities.lists["activity"]
    assert sorted(listed.item(i).text().split("  ", 1)[1] for i in range(listed.count())) == ["Konferens", "Processtöd i Stockholm"]
    assert municipalities.follow_up_button.text() == f"Öppna uppföljningen {YEAR}"
    opened = []
    when_modal(RecordFormDialog, lambda dialog: (opened.append(dialog.record.content), dialog.reject()))
    qtbot.mouseClick(municipalities.follow_up_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0]["municipality_code"] == "0180" and opened[0]["year"] == YEAR


def test_a_new_years_follow_up_starts_as_a_copy_of_the_last_to_confirm(qtbot, municipalities, service, followed):
    choose(municipalities, "Botkyrka")
    assert municipalities.follow_up_button.text() == f"Starta uppföljningen {YEAR}"
    started = []

    def confirm(dialog: RecordFormDialog) -> None:
        started.append(dialog.content())
        assert dialog.form.editor("year").line_edit.text() == str(YEAR)
        dialog.save()

    when_modal(RecordFormDialog, confirm)
    qtbot.mouseClick(municipalities.follow_up_button, Qt.MouseButton.LeftButton)
    [content] = started
    assert content["year"] == YEAR and content["support_needs"] == "Stöd i lägesbilden"
    assert content["plan_status"] == "UNDER_ARBETE" and content["next_follow_up"] is None
    qtbot.waitUntil(lambda: row_of(municipalities, "Botkyrka")["Åtgärdsplan"] == "Under arbete")
    assert municipalities.follow_up_button.text() == f"Öppna uppföljningen {YEAR}"
    assert "3 av 26 kommuner" in municipalities.summary_label.text()


def test_bra_sees_every_county_and_starts_no_follow_up(qtbot, make_register, followed, register, tmp_path):
    from bra_desktop.bundle.apply import apply_plan
    from bra_desktop.bundle.export import export_bundle
    from bra_desktop.bundle.importer import prepare_import

    bra = make_register("BRA")
    apply_plan(bra, prepare_import(bra, export_bundle(register, tmp_path, user="anna").path), user="brå")
    section = MunicipalitiesSection(RegisterService(bra, "brå"), QUndoStack())
    qtbot.addWidget(section)
    assert len(shown(section)) == 290 and shown(section, 1)[0] == "Stockholms län"
    section.county_combo.setCurrentIndex(section.county_combo.findData("01"))
    assert len(shown(section)) == 26 and row_of(section, "Solna")["Åtgärdsplan"] == "Beslutad"
    choose(section, "Botkyrka")
    assert not section.follow_up_button.isEnabled()
    choose(section, "Solna")
    assert section.follow_up_button.isEnabled()  # to read


def test_the_main_window_has_a_kommuner_section(qtbot, app_context, service, followed):
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    window.navigation.setCurrentRow([s.key for s in SECTIONS].index("municipalities"))
    assert isinstance(window.current_section(), MunicipalitiesSection)
    assert window.navigation.currentItem().text() == "Kommuner"
