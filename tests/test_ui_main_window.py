"""The main window and its record tables, driven as a user would: sections, search, filters, sort,
edits arriving from the service, saved window state, and restoring from a backup."""

from __future__ import annotations

import sys
import time
import types
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox

from bra_desktop.changes import Changes
from bra_desktop.domain.fields import KINDS
from bra_desktop.store import queries
from bra_desktop.store.backup import list_backups
from bra_desktop.ui import table_model
from bra_desktop.ui.main_window import SECTIONS, MainWindow
from bra_desktop.ui.record_section import RecordSection
from bra_desktop.ui.restore_dialog import RestoreDialog
from bra_desktop.ui.table_model import RECORD_ID_ROLE, RecordProxyModel, RecordTableModel

from conftest import add


@pytest.fixture
def records(register):
    """A little of everything: two networks, two organisations, three activities, and so on."""
    north = add(register, "network", name="Nordnätet")
    south = add(register, "network", name="Södernätet")
    org = add(register, "organisation", name="Solna stad", org_type="KOMMUN", municipality_code="0184")
    add(register, "organisation", name="Polisen Syd", org_type="POLIS")
    made = {
        "north": north.id, "south": south.id, "org": org.id,
        "meeting": add(register, "activity", title="Nätverksträff i Solna", start_date=date(2025, 3, 1),
                       network_id=north.id, municipalities=["0184"], subject_areas=["UNGA"]).id,
        "course": add(register, "activity", title="Utbildning om bedrägerier", start_date=date(2024, 9, 9),
                      status="PLANERAD", network_id=south.id, municipalities=["0180"]).id,
        "visit": add(register, "activity", title="Kommunbesök Åre", start_date=date(2025, 11, 2),
                     municipalities=["2321"]).id,
        "commitment": add(register, "commitment", title="Lägesbild", network_id=north.id).id,
    }
    add(register, "commitment", title="Åtgärdsplan", due_date=date(2025, 12, 31))
    made["problem"] = add(register, "problem_area", title="Bedrägerier mot äldre", municipalities=["0184"]).id
    add(register, "problem_area", title="Skadegörelse", status="ATGARDAS")
    made["follow_up"] = add(register, "follow_up", municipality_code="0184", year=2025).id
    add(register, "follow_up", municipality_code="0180", year=2026, plan_status="UNDER_ARBETE")
    made["county_report"] = add(register, "county_report", year=2025, assessment="Ett år av uppbyggnad.").id
    add(register, "county_report", year=2026, case_number="101-1234-2026")
    return made


@pytest.fixture
def window(qtbot, app_context, service, records):
    made = MainWindow(app_context, service)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def editor(monkeypatch):
    """Stands in for `ui.forms`, recording exactly how the window calls it."""
    fake = types.ModuleType("bra_desktop.ui.forms")
    fake.calls = []
    fake.saved_id = None

    def open_record_editor(parent, service, undo_stack, kind_key, record_id=None):
        fake.calls.append(("open", kind_key, record_id, service, undo_stack))
        return fake.saved_id

    def confirm_and_delete(parent, service, undo_stack, kind_key, record_ids):
        fake.calls.append(("delete", kind_key, list(record_ids), service, undo_stack))
        return True

    fake.open_record_editor = open_record_editor
    fake.confirm_and_delete = confirm_and_delete
    monkeypatch.setitem(sys.modules, "bra_desktop.ui.forms", fake)
    return fake


def section(window: MainWindow, kind: str) -> RecordSection:
    window.navigation.setCurrentRow([s.key for s in SECTIONS].index(kind))
    widget = window.current_section()
    assert isinstance(widget, RecordSection) and widget.kind.key == kind
    return widget


def column_texts(view_section: RecordSection, column: int = 0) -> list[str]:
    proxy = view_section.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def when_modal(kind: type, act, tries: int = 300) -> None:
    """Act on the next modal dialog of `kind` once its event loop runs (as a user would click).

    If another modal dialog is up instead, or none comes, it is closed and the test fails rather
    than hangs."""

    def poll(left: int = tries) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))
        elif widget is not None:
            widget.close()
            pytest.fail(f"expected a {kind.__name__}, found {type(widget).__name__}: {widget.windowTitle()}")

    QTimer.singleShot(0, poll)


NEW_CONTENT = {
    "activity": {"title": "Ny aktivitet", "activity_type": "KONFERENS", "status": "PLANERAD",
                 "start_date": date(2026, 2, 2)},
    "commitment": {"title": "Nytt åtagande", "status": "KLART"},
    "problem_area": {"title": "Nytt problem", "category": "GEOGRAFISKT", "trend": "EJ_KANT", "status": "BEVAKAS"},
    "network": {"name": "Nytt nätverk", "kind": "LOKALT"},
    "organisation": {"name": "Ny organisation", "org_type": "AKADEMI"},
    "follow_up": {"municipality_code": "0127", "year": 2026, "coordination_status": "SAKNAS",
                  "situation_status": "UNDER_ARBETE", "plan_status": "SAKNAS"},
    "county_report": {"year": 2024, "assessment": "Första året med lagen."},
}


# --- the models ---------------------------------------------------------------------------------


@pytest.mark.parametrize("layer", ["source", "proxy"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_models_pass_the_model_tester_through_every_change(qtmodeltester, service, records, kind, layer):
    source = RecordTableModel(service, kind)
    model = source if layer == "source" else RecordProxyModel(source)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2 + (kind == "activity")
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.sort(len(source.columns) - 1, Qt.SortOrder.AscendingOrder)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_search("e")
    model.set_search("")
    first = queries.filters(kind)[0]
    with service.register.session() as session:
        value = queries.filter_options(session, kind, "sv")[first.key][0][0]
    model.set_filter(first.key, value)
    model.set_filter(first.key, None)
    created = service.create(kind, NEW_CONTENT[kind])
    model.set_include_deleted(True)
    service.delete(kind, created.id)
    model.set_include_deleted(False)
    service.changed(Changes(whole_register=True))
    assert model.rowCount() == 2 + (kind == "activity")


@pytest.mark.parametrize("layer", ["source", "proxy"])
@pytest.mark.parametrize("kind", [key for key, kind in KINDS.items() if not kind.identity])  # a title that can change
def test_models_pass_the_model_tester_through_updates(qtmodeltester, service, records, kind, layer):
    source = RecordTableModel(service, kind, sort=(KINDS[kind].title_field, False))
    model = source if layer == "source" else RecordProxyModel(source)
    qtmodeltester.check(model, force_py=True)
    created = service.create(kind, NEW_CONTENT[kind])
    title = KINDS[kind].title_field
    service.update(kind, created.id, {**created.content, title: "Allra först"})  # moves to the top
    assert model.index(0, 0).data() == "Allra först"
    service.update(kind, created.id, {**created.content, title: "Allra först", "description": "Ändrad"}
                   if "description" in created.content else {**created.content, title: "Allra först", "org_number": "212000-0142"})
    assert model.index(0, 0).data() == "Allra först"


def test_qt_model_tester_finds_nothing(qtmodeltester, qtlog, service, records):
    model = RecordProxyModel(RecordTableModel(service, "activity"))
    qtmodeltester.check(model)  # Qt's own C++ tester, which reports by warnings
    model.sort(1, Qt.SortOrder.AscendingOrder)
    service.create("activity", NEW_CONTENT["activity"])
    model.set_search("träff")
    assert [record.message for record in qtlog.records if "FAIL" in record.message] == []


def test_display_roles(service, records):
    model = RecordTableModel(service, "activity")
    row = model.row_of(records["meeting"])
    assert [model.index(row, c).data() for c in range(model.columnCount())] == [
        "Nätverksträff i Solna", "2025-03-01", "Nätverksträff", "Genomförd", "Nordnätet", "Solna", "", "Stockholms län"]
    assert model.index(row, 0).data(RECORD_ID_ROLE) == records["meeting"]
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "Nätverksträff i Solna"
    assert model.index(row, 6).data(Qt.ItemDataRole.ToolTipRole) is None
    participants = [c.key for c in model.columns].index("participants")
    assert model.headerData(participants, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole) == Qt.SortOrder.DescendingOrder.value
    service.delete("activity", records["meeting"])
    model.set_include_deleted(True)
    row = model.row_of(records["meeting"])
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(model.row_of(records["course"]), 0).data(Qt.ItemDataRole.FontRole) is None


def test_what_a_table_filters_and_searches_on_is_read_ahead_once_the_window_is_up(qtbot, monkeypatch, service,
                                                                                   records):
    """At national scale a table reads its records' search texts and filtered values on a thread,
    but only after a moment: read at once, they would share the interpreter with the window's first paint."""
    monkeypatch.setattr(table_model, "LARGE_TABLE", 1)
    monkeypatch.setattr(table_model, "READ_AHEAD_AFTER_MS", 200)
    model = RecordTableModel(service, "activity")
    listing = model._listing
    assert listing._facts is None  # nothing read while the window is being built
    qtbot.waitUntil(lambda: listing._facts is not None, timeout=5000)
    assert records["meeting"] in listing._facts
    model.set_search("solna")
    assert shown_ids(model) == [records["meeting"]]
    model.set_search("")
    model.set_filter("status", "PLANERAD")
    assert shown_ids(model) == [records["course"]]


def test_what_a_table_sorts_by_is_read_ahead_in_a_quiet_moment(qtbot, monkeypatch, service, records):
    """What a large table sorts by is read ahead once nobody has searched, filtered or sorted it for a
    moment: read while a person types, it would share the interpreter with their answers."""
    monkeypatch.setattr(table_model, "LARGE_TABLE", 1)
    monkeypatch.setattr(table_model, "READ_AHEAD_AFTER_MS", 0)
    monkeypatch.setattr(table_model, "QUIET_SECONDS", 0.4)
    model = RecordTableModel(service, "activity")
    listing = model._listing
    for text in ("s", "so", "sol", "solna", "soln", "sol", ""):  # a person searching for over a second
        model.set_search(text)
        last_asked = time.monotonic()
        qtbot.wait(200)
        assert listing._facts is not None and listing._sorts is None, text
    qtbot.waitUntil(lambda: listing._sorts is not None, timeout=5000)
    assert time.monotonic() - last_asked >= 0.4


def test_a_large_table_shows_its_first_rows_at_once_and_the_rest_once_they_are_painted(
        qtbot, monkeypatch, app_context, service, records):
    """At national scale the window reads the ids of a table's first rows alone, paints them, and
    only then reads every id: its first paint waits for a screenful, not for 200,000 ids. Until
    the table has every row it counts none, rather than the first ones."""
    monkeypatch.setattr(table_model, "LARGE_TABLE", 2)
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    model = window.current_section().model
    newest_first = [records["visit"], records["meeting"], records["course"]]
    assert shown_ids(model) == newest_first[:2] and model.searching
    assert window.count_label.text() == ""
    for _ in range(5):
        QApplication.processEvents()
    assert model.searching  # not before the table is on screen
    window.show()
    qtbot.waitUntil(lambda: not model.searching)
    assert shown_ids(model) == newest_first
    qtbot.waitUntil(lambda: window.count_label.text() == "3 aktiviteter")


def test_a_table_with_fewer_rows_than_a_large_one_has_them_all_at_once(app_context, service, records):
    model = RecordTableModel(service, "activity")
    assert model.rowCount() == 3 and not model.searching


@pytest.fixture
def long_search(monkeypatch, register, service):
    """Sixty activities, two in three of them a "Träff", searched five records at a time (as
    200,000 are searched 20,000 at a time), with a screenful of three rows."""
    from bra_desktop.store import listing

    monkeypatch.setattr(listing, "SEARCH_SLICE", 5)
    monkeypatch.setattr(table_model, "FIRST_ROWS", 3)
    for n in range(60):
        add(register, "activity", title=f"{'Möte' if n % 3 == 0 else 'Träff'} {n:02}", start_date=date(2025, 1, 1))
    model = RecordTableModel(service, "activity", sort=("title", False))
    counts: list[int] = []
    model.sig_count_changed.connect(counts.append)
    return model, counts


def shown_ids(model: RecordTableModel) -> list[str]:
    return [model.record_id(row) for row in range(model.rowCount())]


def answer(register, search: str) -> list[str]:
    """The whole answer to a search of the activities by title, from a listing of its own."""
    from bra_desktop.store.listing import RecordListing

    return RecordListing(register, "activity").ids(search=search, filters={}, sort_field="title", descending=False,
                                                   include_deleted=False)


def test_a_long_search_shows_its_first_rows_at_once_and_the_rest_as_it_finds_them(qtbot, register, long_search):
    model, counts = long_search
    whole = answer(register, "träff")
    assert len(whole) == 40
    model.set_search("träff")
    first = shown_ids(model)
    assert model.searching and 3 <= len(first) < 40
    assert first == whole[: len(first)]  # the top of the answer, in its order
    assert counts == []  # no count until the search has counted every record
    qtbot.waitUntil(lambda: not model.searching)
    assert shown_ids(model) == whole and counts == [40]


def test_a_long_search_within_a_restriction_finds_only_what_it_allows(qtbot, register, long_search):
    """A dashboard's click-through and a search: each slice found is kept to the restriction."""
    model, counts = long_search
    whole = answer(register, "träff")
    allowed = set(whole[::2])
    model.set_restriction(table_model.Restriction("Varannan", lambda _session: allowed))
    model.set_search("träff")
    assert model.searching and shown_ids(model) == whole[::2][: model.rowCount()]
    qtbot.waitUntil(lambda: not model.searching)
    assert shown_ids(model) == whole[::2] and counts[-1] == 20


def test_typing_on_stops_the_search_going_on(qtbot, register, long_search):
    model, counts = long_search
    model.set_search("träff")
    assert model.searching
    model.set_search("träff 4")  # the next keystroke, while the first search still finds rows
    qtbot.waitUntil(lambda: not model.searching)
    for _ in range(20):  # what was left of the first search never comes back
        QApplication.processEvents()
    assert shown_ids(model) == answer(register, "träff 4") and len(shown_ids(model)) == 10  # 04, 14, 34, 40…
    assert counts == [10]


def test_a_record_saved_while_a_search_goes_on_is_found(qtbot, register, service, long_search):
    model, _counts = long_search
    model.set_search("träff")
    assert model.searching
    created = service.create("activity", {"title": "Träff 99", "activity_type": "NATVERKSTRAFF",
                                           "status": "GENOMFORD", "start_date": date(2025, 1, 2)})
    qtbot.waitUntil(lambda: not model.searching)
    assert shown_ids(model) == answer(register, "träff") and shown_ids(model)[-1] == created.id


def test_a_record_edited_while_a_search_goes_on_is_shown_as_edited(qtbot, register, service, long_search):
    """The edit's rows are told to the view, also when the search left the table's top as it was."""
    model, _counts = long_search
    model.set_search("t")  # keeps every row: the table's top stays while the search goes on
    assert model.searching
    first = model.record_id(0)
    told: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: told.append(top.row()))
    edited = service.load("activity", first)
    service.update("activity", first, {**edited.content, "title": "Möte 00 ändrat"})
    qtbot.waitUntil(lambda: not model.searching)
    assert 0 in told and model.index(0, 0).data() == "Möte 00 ändrat"


def test_a_search_whose_first_rows_are_on_screen_already_leaves_them(qtbot, register, long_search):
    """A search that keeps the table's top rows (a first letter is in nearly every record) does not
    take away the rows below them while it goes on."""
    model, _counts = long_search
    before = shown_ids(model)
    removed: list[int] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append(last - first + 1))
    model.modelReset.connect(lambda: removed.append(-1))
    model.set_search("t")  # in every "Möte" and every "Träff"
    assert model.searching and shown_ids(model) == before
    qtbot.waitUntil(lambda: not model.searching)
    assert shown_ids(model) == before and removed == []


def test_rows_are_fetched_in_blocks_into_a_bounded_cache(monkeypatch, register, service):
    monkeypatch.setattr(table_model, "BLOCK_ROWS", 4)
    monkeypatch.setattr(table_model, "CACHE_ROWS", 10)
    for day in range(1, 26):
        add(register, "activity", title=f"Aktivitet {day:02}", start_date=date(2025, 1, day))
    fetched: list[list[str]] = []
    real_fetch = queries.fetch_rows

    def counting_fetch(session, kind, ids, language):
        fetched.append(list(ids))
        return real_fetch(session, kind, ids, language)

    monkeypatch.setattr(queries, "fetch_rows", counting_fetch)
    model = RecordTableModel(service, "activity", sort=("title", False))
    assert model.rowCount() == 25 and fetched == []  # the ids alone: no row is fetched before it is shown
    assert model.index(0, 0).data() == "Aktivitet 01"
    assert model.index(3, 0).data() == "Aktivitet 04"
    assert fetched == [[model.record_id(r) for r in range(4)]]
    assert model.index(9, 0).data() == "Aktivitet 10"
    assert fetched[-1] == [model.record_id(r) for r in range(8, 12)]
    for row in range(25):
        assert model.index(row, 0).data() == f"Aktivitet {row + 1:02}"
    calls = len(fetched)
    model.index(24, 0).data()
    assert len(fetched) == calls  # recent rows stay cached …
    model.index(0, 0).data()
    assert len(fetched) == calls + 1  # … the oldest were dropped to keep the cache bounded


def test_changes_are_told_precisely(qtbot, service, records):
    model = RecordTableModel(service, "activity", sort=("title", False))
    seen: list[str] = []
    for name in ("rowsInserted", "rowsRemoved", "layoutChanged", "modelReset", "dataChanged"):
        getattr(model, name).connect(lambda *args, name=name: seen.append(name))
    assert model.index(0, 0).data() == "Kommunbesök Åre"

    with qtbot.waitSignal(model.rowsInserted) as inserted:
        created = service.create("activity", {**NEW_CONTENT["activity"], "title": "Avstämning"})
    assert inserted.args[1:] == [0, 0] and seen == ["rowsInserted"]
    assert model.index(0, 0).data() == "Avstämning"

    seen.clear()
    content = service.load("activity", records["course"]).content
    service.update("activity", records["course"], {**content, "participants": 30})
    assert seen == ["dataChanged"]
    assert model.index(model.row_of(records["course"]), 6).data() == "30"

    seen.clear()
    service.update("activity", records["course"], {**content, "title": "Aaa först"})
    assert seen == ["layoutChanged", "dataChanged"]
    assert model.index(0, 0).data() == "Aaa först"

    seen.clear()
    service.delete("activity", created.id)
    assert seen == ["rowsRemoved"] and model.rowCount() == 3


# --- the window -------------------------------------------------------------------------------


def test_sections_and_status_bar(window, records):
    counts = {}
    for kind in ("activity", "commitment", "problem_area", "network", "organisation"):
        shown = section(window, kind)
        assert window.stack.currentWidget() is shown
        counts[kind] = window.count_label.text()
    assert counts == {"activity": "3 aktiviteter", "commitment": "2 åtaganden", "problem_area": "2 problemområden",
                      "network": "2 nätverk", "organisation": "2 organisationer"}
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        "Översikt", "Kommuner", "Aktiviteter", "Åtaganden", "Problemområden", "Nätverk", "Organisationer",
        "Redovisningar"]
    assert window.owner_label.text() == "Länsstyrelsen i Stockholms län · testare"
    assert window.owner_label.textFormat() == Qt.TextFormat.PlainText
    activities = section(window, "activity")
    assert column_texts(activities) == ["Kommunbesök Åre", "Nätverksträff i Solna", "Utbildning om bedrägerier"]


def test_typing_a_search_filters_the_table_and_the_count(qtbot, window, records):
    activities = section(window, "activity")
    qtbot.keyClicks(activities.search, "NÄTVERKSTRÄFF")
    qtbot.waitUntil(lambda: window.count_label.text() == "1 aktivitet")
    assert column_texts(activities) == ["Nätverksträff i Solna"]
    activities.search.clear()
    qtbot.waitUntil(lambda: window.count_label.text() == "3 aktiviteter")
    qtbot.keyClicks(activities.search, "åre")
    qtbot.waitUntil(lambda: column_texts(activities) == ["Kommunbesök Åre"])
    qtbot.keyClicks(activities.search, " nej")
    qtbot.waitUntil(lambda: window.count_label.text() == "0 aktiviteter")


def test_filters_and_show_deleted(qtbot, window, service, records):
    activities = section(window, "activity")
    combos = activities.filter_combos
    assert list(combos) == ["year", "network_id", "subject_areas", "municipalities", "status", "activity_type", "target_group",
                           "organisations", "origin"]
    assert [combos["year"].itemText(i) for i in range(combos["year"].count())] == ["År: alla", "2025", "2024"]
    assert combos["municipalities"].itemText(1) == "Botkyrka"  # the county's own municipalities first
    combos["year"].setCurrentIndex(combos["year"].findData(2025))
    assert column_texts(activities) == ["Kommunbesök Åre", "Nätverksträff i Solna"]
    combos["network_id"].setCurrentIndex(combos["network_id"].findText("Nordnätet"))
    assert column_texts(activities) == ["Nätverksträff i Solna"]
    combos["year"].setCurrentIndex(0)
    combos["network_id"].setCurrentIndex(0)
    combos["municipalities"].setCurrentIndex(combos["municipalities"].findText("Stockholm"))
    assert column_texts(activities) == ["Utbildning om bedrägerier"]
    combos["municipalities"].setCurrentIndex(0)
    combos["subject_areas"].setCurrentIndex(combos["subject_areas"].findData("UNGA"))
    assert column_texts(activities) == ["Nätverksträff i Solna"]
    combos["subject_areas"].setCurrentIndex(0)
    combos["status"].setCurrentIndex(combos["status"].findText("Planerad"))
    assert window.count_label.text() == "1 aktivitet"
    combos["status"].setCurrentIndex(0)

    service.delete("activity", records["visit"])
    assert window.count_label.text() == "2 aktiviteter"
    qtbot.mouseClick(activities.show_deleted, Qt.MouseButton.LeftButton)
    assert activities.show_deleted.isChecked()
    assert window.count_label.text() == "3 aktiviteter"
    assert "Kommunbesök Åre" in column_texts(activities)


def test_a_record_added_through_the_service_appears(qtbot, window, service, records):
    activities = section(window, "activity")
    with qtbot.waitSignal(activities.proxy.rowsInserted):
        created = service.create("activity", {**NEW_CONTENT["activity"], "title": "Öppet möte"})
    assert column_texts(activities)[0] == "Öppet möte"  # the newest first
    assert window.count_label.text() == "4 aktiviteter"
    assert activities.filter_combos["year"].findData(2026) == 1  # a new year becomes a filter choice
    assert created.id in [activities.proxy.index(r, 0).data(RECORD_ID_ROLE) for r in range(4)]


def test_a_renamed_reference_shows_in_the_tables_that_name_it(qtbot, window, service, records):
    commitments = section(window, "commitment")
    service.update("commitment", records["commitment"], {
        **service.load("commitment", records["commitment"]).content, "responsible_org_id": records["org"]})
    organisations = section(window, "organisation")
    service.update("organisation", records["org"], {**service.load("organisation", records["org"]).content,
                                                    "name": "Solna kommun"})
    assert "Solna kommun" in column_texts(organisations)
    commitments = section(window, "commitment")
    row = commitments.proxy.index_of(records["commitment"]).row()
    assert commitments.proxy.index(row, 2).data() == "Solna kommun"  # the commitment shows the new name
    service.update("network", records["north"], {**service.load("network", records["north"]).content,
                                                  "name": "Norra nätverket"})
    activities = section(window, "activity")
    row = activities.proxy.index_of(records["meeting"]).row()
    assert activities.proxy.index(row, 4).data() == "Norra nätverket"
    assert activities.filter_combos["network_id"].findText("Norra nätverket") > 0
    service.delete("network", records["south"])
    assert activities.filter_combos["network_id"].findText("Södernätet") == -1  # filter choices follow
    assert activities.filter_combos["network_id"].count() == 2


def test_sort_by_clicking_headers(qtbot, window):
    activities = section(window, "activity")
    header = activities.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    assert column_texts(activities, 1) == ["2025-11-02", "2025-03-01", "2024-09-09"]  # newest first by default
    click(0)
    assert column_texts(activities) == ["Kommunbesök Åre", "Nätverksträff i Solna", "Utbildning om bedrägerier"]
    click(0)
    assert column_texts(activities) == ["Utbildning om bedrägerier", "Nätverksträff i Solna", "Kommunbesök Åre"]
    click(4)
    assert column_texts(activities, 4) == ["Nordnätet", "Södernätet", ""]
    assert activities.model.sort_field == "network_id" and not activities.model.descending


@pytest.mark.parametrize("looked_for", [table_model.FEW_MOVED, 0], ids=["each-selected-record", "every-row"])
def test_a_sort_keeps_the_selected_records_and_the_current_one(qtbot, window, records, monkeypatch, looked_for):
    """A new order moves the selection with its records, whether the few records Qt keeps track of
    are looked for in it one by one or every row's new place is worked out."""
    monkeypatch.setattr(table_model, "FEW_MOVED", looked_for)
    activities = section(window, "activity")
    activities.select_records([records["course"], records["visit"]])
    current = activities.proxy.record_id(activities.table.currentIndex())
    for column, order in ((0, Qt.SortOrder.AscendingOrder), (1, Qt.SortOrder.AscendingOrder),
                          (0, Qt.SortOrder.DescendingOrder)):
        activities.table.sortByColumn(column, order)
        assert sorted(activities.selected_ids()) == sorted([records["course"], records["visit"]])
        assert activities.proxy.record_id(activities.table.currentIndex()) == current


def test_selection_survives_changes_and_enables_actions(qtbot, window, service, records):
    activities = section(window, "activity")
    assert not window.edit_action.isEnabled() and not window.delete_action.isEnabled()
    activities.select_records([records["course"]])
    assert window.edit_action.isEnabled() and window.delete_action.isEnabled()
    assert activities.edit_button.isEnabled()
    content = service.load("activity", records["course"]).content
    service.update("activity", records["course"], {**content, "start_date": date(2026, 5, 5)})  # moves to the top
    assert activities.selected_ids() == [records["course"]]
    qtbot.keyClicks(activities.search, "i")  # drops "Kommunbesök Åre" from the list
    qtbot.waitUntil(lambda: activities.proxy.rowCount() == 2)
    assert activities.selected_ids() == [records["course"]]
    with qtbot.waitSignal(activities.proxy.modelReset):  # everything reloaded: selected again afterwards
        service.changed(Changes(whole_register=True))
    assert activities.selected_ids() == [records["course"]]
    activities.select_records([records["course"], records["meeting"]])
    assert not window.edit_action.isEnabled() and window.delete_action.isEnabled()
    assert not activities.edit_button.isEnabled()


def test_editing_goes_through_the_forms_api(qtbot, window, service, records, editor):
    activities = section(window, "activity")
    window.activateWindow()
    activities.select_records([records["visit"]])
    activities.table.setFocus()
    qtbot.waitUntil(activities.table.hasFocus)
    qtbot.keyClick(activities.table, Qt.Key.Key_Return)
    assert editor.calls[-1] == ("open", "activity", records["visit"], service, window.undo_stack)

    row = activities.proxy.index_of(records["course"]).row()
    rect = activities.table.visualRect(activities.proxy.index(row, 0))
    qtbot.mouseClick(activities.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(activities.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.calls[-1][:3] == ("open", "activity", records["course"])

    window.edit_action.trigger()
    assert editor.calls[-1][:3] == ("open", "activity", records["course"])

    activities.select_records([records["course"], records["meeting"]])
    activities.table.setFocus()
    qtbot.keyClick(activities.table, Qt.Key.Key_Delete)
    assert editor.calls[-1][:3] == ("delete", "activity", sorted(
        [records["course"], records["meeting"]], key=lambda i: activities.proxy.index_of(i).row()))

    editor.saved_id = service.create("activity", {**NEW_CONTENT["activity"], "title": "Sparad i formuläret"}).id
    calls = len(editor.calls)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.calls[calls:] == [("open", "activity", None, service, window.undo_stack)]
    assert activities.selected_ids() == [editor.saved_id]  # the new record is selected

    section(window, "network")
    window.new_action.trigger()
    assert editor.calls[-1][:3] == ("open", "network", None)


def test_keys_in_the_search_field_stay_there(qtbot, window, records, editor):
    activities = section(window, "activity")
    activities.select_records([records["visit"]])
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(activities.search.hasFocus)
    qtbot.keyClicks(activities.search, "ab")
    qtbot.keyClick(activities.search, Qt.Key.Key_Left)
    qtbot.keyClick(activities.search, Qt.Key.Key_Delete)
    qtbot.keyClick(activities.search, Qt.Key.Key_Return)
    assert activities.search.text() == "a"
    assert editor.calls == []  # Delete and Enter edited the text, not the selected record


def test_window_state_is_remembered(qtbot, app_context, service, records, window):
    window.resize(window.minimumWidth(), 560)
    activities = section(window, "activity")
    activities.table.horizontalHeader().resizeSection(2, 177)
    activities.proxy.sort(0, Qt.SortOrder.DescendingOrder)
    section(window, "network")
    window.splitter.setSizes([120, 900])
    navigation_width = window.splitter.sizes()[0]  # as the window's width allows
    window.close()
    assert app_context.paths.qt_state_file.exists()

    again = MainWindow(app_context, service)
    qtbot.addWidget(again)
    again.show()
    assert again.height() == 560  # (the width is clamped to the small offscreen screen; the default is 800 high)
    assert again.navigation.currentRow() == [s.key for s in SECTIONS].index("network")
    assert again.splitter.sizes()[0] == navigation_width
    activities = section(again, "activity")
    assert activities.table.horizontalHeader().sectionSize(2) == 177
    assert (activities.model.sort_field, activities.model.descending) == ("title", True)
    assert activities.table.horizontalHeader().sortIndicatorSection() == 0
    assert column_texts(activities) == ["Utbildning om bedrägerier", "Nätverksträff i Solna", "Kommunbesök Åre"]


def test_restore_from_a_backup_through_the_menu(qtbot, monkeypatch, window, register, service, records):
    activities = section(window, "activity")
    backup = register.backup("före test")
    service.create("activity", {**NEW_CONTENT["activity"], "title": "Efter säkerhetskopian"})
    assert window.count_label.text() == "4 aktiviteter"
    window.undo_stack.push(QUndoCommand("prov"))
    monkeypatch.setattr(RestoreDialog, "confirm", lambda self, chosen: True)

    def choose(dialog: RestoreDialog) -> None:
        assert [b.path for b in dialog.backups] == [backup]
        dialog.list.setCurrentRow(0)
        dialog.restore_button.click()

    when_modal(RestoreDialog, choose)
    with qtbot.waitSignal(service.sig_changed, timeout=10_000) as told:
        window.restore_action.trigger()
    assert told.args == [Changes(whole_register=True)]
    assert window.restoring.running is False  # restored on the worker, under a busy dialog
    assert service.register is not register
    assert window.count_label.text() == "3 aktiviteter"
    assert "Efter säkerhetskopian" not in column_texts(activities)
    assert window.undo_stack.count() == 0
    safety, taken = list_backups(service.register.backup_dir)  # the register as it was, saved first
    assert taken.path == backup and safety.reason == "fore aterstallning"
    service.create("activity", {**NEW_CONTENT["activity"], "title": "Skrivs i det återställda"})
    assert window.count_label.text() == "4 aktiviteter"


def test_restore_dialog_lists_newest_first_and_asks_first(qtbot, monkeypatch, register):
    older = register.backup("första")
    newer = register.backup("andra")
    dialog = RestoreDialog(register.backup_dir)
    qtbot.addWidget(dialog)
    assert [b.path for b in dialog.backups] == [newer, older]
    assert dialog.list.item(0).text().endswith("andra")
    answers = iter([False, True])
    monkeypatch.setattr(RestoreDialog, "confirm", lambda self, chosen: next(answers))
    dialog.list.setCurrentRow(1)
    dialog.accept()
    assert dialog.chosen is None and dialog.result() == 0  # "Avbryt" in the question: nothing chosen
    dialog.accept()
    assert dialog.chosen == older


def test_restore_confirmation_is_plain_text(qtbot, monkeypatch, register):
    register.backup("<b>fet</b>")
    dialog = RestoreDialog(register.backup_dir)
    qtbot.addWidget(dialog)

    def answer(box: QMessageBox) -> None:
        assert box.textFormat() == Qt.TextFormat.PlainText
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(QMessageBox, answer)
    assert dialog.confirm(dialog.backups[0]) is False


def test_a_failed_restore_keeps_the_register_open(qtbot, monkeypatch, window, service, tmp_path):
    shown = []
    when_modal(QMessageBox, lambda box: (shown.append(box.text()), box.accept()))
    not_a_backup = tmp_path / "register_20250101-000000-000000_fel.sqlite"
    not_a_backup.write_text("inte en databas")
    with qtbot.waitSignal(window.restore_backup(Path(not_a_backup)).sig_failed):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert "ingen databas" in shown[0]
    assert window.count_label.text() == "3 aktiviteter"
    service.create("activity", NEW_CONTENT["activity"])
    assert window.count_label.text() == "4 aktiviteter"


def test_about_box_is_plain_text(qtbot, window, app_context):
    def read(box: QMessageBox) -> None:
        read.text = box.text() + "\n" + box.informativeText()
        read.plain = box.textFormat() == Qt.TextFormat.PlainText
        box.accept()

    when_modal(QMessageBox, read)
    window.about_action.trigger()
    assert read.plain
    assert "Brå-nätverkets register (bra-desktop) 0.1.0" in read.text
    assert str(app_context.paths.data_dir) in read.text and str(app_context.paths.log_file) in read.text


def test_backup_now(window, service):
    window.backup_action.trigger()
    assert [b.reason for b in list_backups(service.register.backup_dir)] == ["manuell"]
    assert "Säkerhetskopia sparad" in window.statusBar().currentMessage()


def test_edit_delete_and_undo_with_the_real_record_forms(qtbot, window, service, records):
    from bra_desktop.ui.forms import RecordFormDialog

    activities = section(window, "activity")
    activities.select_records([records["course"]])

    def rename(dialog: RecordFormDialog) -> None:
        assert dialog.record.id == records["course"]
        dialog.form.editor("title").set_value("Utbildning om bedrägerier mot äldre")
        dialog.save()

    when_modal(RecordFormDialog, rename)
    window.edit_action.trigger()
    assert "Utbildning om bedrägerier mot äldre" in column_texts(activities)
    assert activities.selected_ids() == [records["course"]]
    window.undo_action.trigger()
    assert "Utbildning om bedrägerier" in column_texts(activities)
    window.redo_action.trigger()
    assert "Utbildning om bedrägerier mot äldre" in column_texts(activities)

    def confirm(box: QMessageBox) -> None:
        next(button for button in box.buttons() if button.text() == "Ta bort").click()

    when_modal(QMessageBox, confirm)
    window.activateWindow()
    activities.table.setFocus()
    qtbot.waitUntil(activities.table.hasFocus)
    qtbot.keyClick(activities.table, Qt.Key.Key_Delete)
    assert window.count_label.text() == "2 aktiviteter"
    window.undo_action.trigger()
    assert window.count_label.text() == "3 aktiviteter"


def test_a_failed_undo_is_shown_as_plain_text(qtbot, window):
    from bra_desktop.ui.commands import command_failures

    def read(box: QMessageBox) -> None:
        read.text, read.plain = box.text(), box.textFormat() == Qt.TextFormat.PlainText
        box.accept()

    when_modal(QMessageBox, read)
    command_failures(window.undo_stack).sig_failed.emit("Det gick inte att ångra «<b>x</b>»")
    assert (read.text, read.plain) == ("Det gick inte att ångra «<b>x</b>»", True)


def test_escape_clears_the_search_and_the_views_have_names(qtbot, window, records):
    activities = section(window, "activity")
    activities.search.setText("solna")
    qtbot.keyClick(activities.search, Qt.Key.Key_Escape)
    assert activities.search.text() == ""
    assert activities.search.accessibleName() == "Sök i aktiviteter"
    assert activities.table.accessibleName() == "Aktiviteter" and window.navigation.accessibleName() == "Avsnitt"


def test_an_empty_table_says_what_to_do(qtbot, window, records):
    activities = section(window, "activity")
    activities.search.setText("inget sådant finns")
    qtbot.waitUntil(lambda: activities.empty_label.isVisible(), timeout=3000)
    assert activities.empty_label.text().startswith("Inga aktiviteter som passar sökningen och filtren.")
    activities.search.clear()
    qtbot.waitUntil(lambda: not activities.empty_label.isVisible(), timeout=3000)


def test_a_new_registers_tables_say_how_to_begin(qtbot, app_context, service):
    empty = MainWindow(app_context, service)
    qtbot.addWidget(empty)
    empty.show()
    reports = section(empty, "county_report")
    qtbot.waitUntil(lambda: reports.empty_label.isVisible(), timeout=3000)
    assert "Inga redovisningar ännu. Lägg till en med Ny (Ctrl+N)" in reports.empty_label.text()


def test_tab_leaves_the_table_for_its_buttons(qtbot, window, records):
    activities = section(window, "activity")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    activities.table.setFocus()
    qtbot.keyClick(activities.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not activities.table
    assert QApplication.focusWidget() in (activities.new_button, activities.edit_button, activities.delete_button)
