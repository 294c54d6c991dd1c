"""Usable by everyone at the länsstyrelse (issue 20): every view and dialog walked by keyboard alone,
as a screen reader hears it, and on a 1024×768 laptop screen, in Swedish and in English.

What the window is asked: does every control have a name (`ui_walk.unnamed`); does Tab from where
focus starts reach every control and come back (`unreached_by_tab`); does any control show less than
its words (`cut_texts`); does Escape close a dialog; and in English, is any Swedish left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QEventLoop, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QDialog, QGroupBox, QHeaderView, QLabel, QLineEdit, QListWidget, QMessageBox,
    QTabWidget, QWidget,
)

from bra_desktop.demo import fill_demo_register
from bra_desktop.domain.fields import KINDS
from bra_desktop.store.register import NATIONAL
from bra_desktop.store.repository import load_record
from bra_desktop.ui.app import install_translators
from bra_desktop.ui.bar_chart import BarChart
from bra_desktop.ui.bundle.export_dialog import ExportDialog
from bra_desktop.ui.bundle.history_dialog import HistoryDialog
from bra_desktop.ui.bundle.import_wizard import ImportWizard
from bra_desktop.ui.codelist_dialog import CodeListDialog
from bra_desktop.ui.dashboard import DashboardSection
from bra_desktop.ui.forms.dialog import RecordFormDialog
from bra_desktop.ui.help_dialogs import HandbookDialog, ShortcutsDialog
from bra_desktop.ui.main_window import SECTIONS, MainWindow
from bra_desktop.ui.restore_dialog import RestoreDialog
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.settings_dialog import SettingsDialog
from bra_desktop.ui.trust_dialog import TrustedSendersDialog

from conftest import add
from test_translations import MESSAGES
from test_ui_main_window import when_modal
from ui_walk import cut_texts, spoken_name, unnamed, unreached_by_tab, walk_by_tab

LAPTOP = (1024, 768)


@pytest.fixture(autouse=True)
def focus_ring(qapp):
    """The focus ring the app draws (`run_gui` installs it), so that every walk is with it."""
    from bra_desktop.ui.focus_ring import FocusRing

    ring = FocusRing(qapp)
    yield ring
    qapp.focusChanged.disconnect(ring._moved)
    ring.deleteLater()


@pytest.fixture(params=["sv", "en"])
def language(request, qapp):
    """The UI in Swedish or in English, with Qt's translators and locale as the app installs them,
    and everything put back afterwards for the other tests."""
    locale = QLocale()
    install_translators(qapp, request.param)
    yield request.param
    for translator in getattr(qapp, "_bra_translators", []):
        qapp.removeTranslator(translator)
    qapp._bra_translators = []
    QLocale.setDefault(locale)


@pytest.fixture
def demo_service(qtbot, register, language):
    """A county's register with a year of demo records (so tables, charts and lists are full)."""
    fill_demo_register(register, activities=80, seed=2, user="anna")
    return RegisterService(register, "anna", language)


@pytest.fixture
def window(qtbot, app_context, demo_service):
    made = MainWindow(app_context, demo_service)
    qtbot.addWidget(made)
    made.resize(*LAPTOP)
    made.show()
    qtbot.waitExposed(made)
    return made


def show_fully(window: MainWindow, row: int) -> QWidget:
    """Show section `row` and wait until it has what it shows (the overview counts on a worker)."""
    window.show_section(row)
    section = window.current_section()
    if isinstance(section, DashboardSection) and (section.figures is None or section.is_busy()):
        loop = QEventLoop()
        section.sig_refreshed.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        loop.exec()
        assert section.figures is not None
    QApplication.processEvents()
    return section


@pytest.mark.parametrize("key", [section.key for section in SECTIONS])
def test_each_view_fits_a_laptop_screen_and_is_named_and_reached_by_keyboard(qtbot, window, key):
    show_fully(window, [section.key for section in SECTIONS].index(key))
    assert window.size().toTuple() == LAPTOP  # it fits: nothing forces the window wider than the screen
    assert cut_texts(window) == []
    assert unnamed(window) == []
    window.navigation.setFocus()
    assert unreached_by_tab(window) == []


def _record_form(service: RegisterService, parent: QWidget) -> QDialog:
    return RecordFormDialog(service, "activity", None, parent)


def _first_activity(service: RegisterService):
    from sqlalchemy import select

    kind = KINDS["activity"]
    with service.register.session() as session:
        record_id = session.scalars(select(kind.table.id).limit(1)).one()
        return load_record(session, kind, record_id)


def _record_history(service: RegisterService, parent: QWidget) -> QDialog:
    from bra_desktop.store.history import record_history
    from bra_desktop.ui.forms.history_dialog import HistoryDialog as RecordHistoryDialog

    record = _first_activity(service)
    entries = service.read(record_history, KINDS["activity"], record.id)
    return RecordHistoryDialog(entries, record.content["title"], True, parent)


def _error(service: RegisterService, parent: MainWindow) -> QDialog:
    from bra_desktop.ui.error_dialog import ErrorDialog

    return ErrorDialog(RuntimeError("disk I/O error"), "Traceback (most recent call last): …", parent.ctx.paths.log_file,
                       parent)


def _new_code(service: RegisterService, parent: QWidget) -> QDialog:
    from bra_desktop.ui.codelist_dialog import CodeEditDialog

    return CodeEditDialog("Ny kod i Typ av aktivitet", lambda code, sv, en: None, parent, language=service.language)


def _paste_key(service: RegisterService, parent: QWidget) -> QDialog:
    from bra_desktop.ui.trust_dialog import PasteKeyDialog

    return PasteKeyDialog(service, parent)


DIALOGS: dict[str, Callable[[RegisterService, MainWindow], QDialog]] = {
    "export": lambda service, parent: ExportDialog(service, parent),
    "import": lambda service, parent: ImportWizard(service, parent),
    "import_history": lambda service, parent: HistoryDialog(service, parent),
    "settings": lambda service, parent: SettingsDialog(parent.ctx, parent),
    "code_lists": lambda service, parent: CodeListDialog(service, parent),
    "restore": lambda service, parent: RestoreDialog(service.register.backup_dir, parent),
    "trusted_senders": lambda service, parent: TrustedSendersDialog(service, parent),
    "handbook": lambda service, parent: HandbookDialog(parent),
    "shortcuts": lambda service, parent: ShortcutsDialog([a for m in parent.menuBar().actions() if m.menu()
                                                          for a in m.menu().actions()], parent),
    "new_activity": _record_form,
    "activity_form": lambda service, parent: RecordFormDialog(service, "activity", _first_activity(service), parent),
    "record_history": _record_history,
    "error": _error,
    "new_code": _new_code,
    "paste_key": _paste_key,
}


@pytest.mark.parametrize("name", DIALOGS)
def test_each_dialog_starts_with_focus_is_named_reached_by_tab_and_closed_by_escape(qtbot, window, demo_service, name):
    dialog = DIALOGS[name](demo_service, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    QApplication.processEvents()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    start = QApplication.focusWidget()
    assert start is not None and dialog.isAncestorOf(start), f"{name} opens with focus nowhere"
    assert cut_texts(dialog) == []
    assert unnamed(dialog) == []
    assert unreached_by_tab(dialog) == []
    if demo_service.language == "en":
        assert swedish_in(chrome_texts(dialog), set(SWEDISH_SOURCES) | swedish_code_labels(demo_service)) == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("key", [section.key for section in SECTIONS])
def test_each_view_of_bras_register_fits_is_named_and_reached_by_keyboard(qtbot, app_context, make_register, language,
                                                                          key):
    bra = make_register(NATIONAL)
    fill_demo_register(bra, activities=80, seed=3, user="analytiker")
    window = MainWindow(app_context, RegisterService(bra, "analytiker", language))
    qtbot.addWidget(window)
    window.resize(*LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    show_fully(window, [section.key for section in SECTIONS].index(key))
    assert window.size().toTuple() == LAPTOP
    assert cut_texts(window) == []
    assert unnamed(window) == []
    window.navigation.setFocus()
    assert unreached_by_tab(window) == []


def test_the_first_start_is_named_reached_by_tab_and_whole(qtbot, app_context, language):
    from bra_desktop.ui.first_run import FirstRunDialog

    unclaimed = app_context.open_register()
    try:
        dialog = FirstRunDialog(app_context, RegisterService(unclaimed, "anna", language))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        QApplication.processEvents()
        assert QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget())
        assert cut_texts(dialog) == [] and unnamed(dialog) == [] and unreached_by_tab(dialog) == []
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert dialog.result() == QDialog.DialogCode.Rejected and unclaimed.producer is None
    finally:
        unclaimed.close()


def test_the_import_wizards_preview_is_walked_by_keyboard_too(qtbot, window, demo_service, tmp_path):
    from bra_desktop.bundle.export import export_bundle

    bundle = export_bundle(demo_service.register, tmp_path / "bra-paket_01.xlsx", user="anna").path
    wizard = ImportWizard(demo_service, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.add_files([bundle])
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.operation.sig_finished, timeout=20_000):
        pass
    assert wizard.pages.currentWidget() is wizard.preview
    wizard.preview.tree.setFocus()
    assert cut_texts(wizard) == []
    assert unnamed(wizard) == []
    assert unreached_by_tab(wizard) == []
    if demo_service.language == "en":
        assert swedish_in(chrome_texts(wizard), set(SWEDISH_SOURCES) | swedish_code_labels(demo_service)) == []


def test_tab_goes_through_a_form_field_by_field_to_its_buttons(qtbot, window, demo_service):
    meeting = add(demo_service.register, "activity", title="Nätverksträff i Solna", start_date=date(2026, 3, 1))
    with demo_service.register.session() as session:
        record = load_record(session, KINDS["activity"], meeting.id)
    dialog = RecordFormDialog(demo_service, "activity", record, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    QApplication.processEvents()
    assert QApplication.focusWidget() is dialog.form.editor("title").focusProxy()  # the form starts in its first field
    qtbot.keyClicks(QApplication.focusWidget(), " 2")
    visited = [spoken_name(widget) for widget in walk_by_tab(dialog)]
    title, start_date, save = ("Rubrik", "Startdatum", "Spara") if demo_service.language == "sv" else ("Title", "Start date", "Save")
    assert visited[0] == title and visited.index(title) < visited.index(start_date) < visited.index(save)
    assert "–" not in visited  # no combo box is announced by its empty value
    asked = []
    when_modal(QMessageBox, lambda box: (asked.append(box.text()), qtbot.keyClick(box, Qt.Key.Key_Escape)))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()  # Escape with a typed title asks first; Escape there keeps the form
    assert dialog.save_button.isEnabled()  # the ring followed focus into the question and back, and left it be
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    qtbot.keyClick(dialog.form.editor("title").focusProxy(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_each_chart_says_what_it_shows_in_words(qtbot, register, records_in_words):
    service = RegisterService(register, "anna")
    dashboard = DashboardSection(service, today=date(2025, 12, 1))
    qtbot.addWidget(dashboard)
    dashboard.show()
    with qtbot.waitSignal(dashboard.sig_refreshed, timeout=20_000):
        dashboard.set_year(2025)
    by_type = dashboard.charts["by_type"]
    assert spoken_name(by_type) == "Aktiviteter per typ"
    assert by_type.accessibleDescription() == "Nätverksträff: 2; Konferens/seminarium: 1"
    assert not by_type.empty_label.isVisible()
    trends = dashboard.charts["problem_areas_by_trend"]
    assert trends.empty_label.isVisible() and trends.accessibleDescription() == "Inget att visa." and trends.bars() == []


@pytest.fixture
def records_in_words(register):
    add(register, "activity", title="Träff ett", start_date=date(2025, 3, 1), activity_type="NATVERKSTRAFF")
    add(register, "activity", title="Träff två", start_date=date(2025, 4, 1), activity_type="NATVERKSTRAFF")
    add(register, "activity", title="Konferens", start_date=date(2025, 5, 1), activity_type="KONFERENS")


# --- English: nothing Swedish left ---

SWEDISH_SOURCES = {
    message.findtext("source").replace("&", ""): context
    for context, message in MESSAGES
    if message.findtext("translation") and message.findtext("translation") != message.findtext("source")
    and len(message.findtext("source")) > 3 and "%" not in message.findtext("source")
    and "{" not in message.findtext("source")
}
"""Every UI text in Swedish whose English differs (placeholders left out: they are filled in)."""


def chrome_texts(root: QWidget) -> list[str]:
    """The texts of `root` that are the app's own words, not the register's data: labels, buttons,
    placeholders, titles, tabs, tooltips, names for screen readers and table headers."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal and widget.model():
            texts += [str(widget.model().headerData(c, Qt.Orientation.Horizontal) or "") for c in range(widget.count())]
        elif isinstance(widget, BarChart):
            texts.append(widget.chart().title())
    return [text.replace("&", "") for text in texts if text]


def swedish_code_labels(service: RegisterService) -> set[str]:
    """The Swedish labels of the register's codes whose English differs ("Pågår", "Polisen")."""
    from sqlalchemy import select

    from bra_desktop.domain.models import CodeItem

    with service.register.session() as session:
        return {sv for sv, en in session.execute(select(CodeItem.label_sv, CodeItem.label_en)) if sv != en}


def list_texts(root: QWidget) -> list[str]:
    """The lines of every list item in `root` (the overview's lists put a record's state under its
    title): the titles are data, the states are the app's words."""
    lines = []
    for listing in root.findChildren(QListWidget):
        if listing.isVisibleTo(root):
            lines += [line for row in range(listing.count()) for line in listing.item(row).text().split("\n")[1:]]
    return lines


SWEDISH_WORDS = {"från", "enligt", "skapat", "inte", "är", "har", "finns", "ingen", "inga", "kan", "ska", "måste",
                 "eller", "saknas", "klart", "registrerat", "först", "nyckel", "signerat"}
"""Words of Swedish sentences that no name in the demo data has: a sentence the window composed in
Swedish (a file's heading in the import preview) is found by them, not being any one UI text."""


def swedish_in(texts: list[str], vocabulary: set[str]) -> list[str]:
    return sorted({text for text in texts for part in text.split(" · ")
                   if part.strip() in vocabulary or SWEDISH_WORDS & set(re.findall(r"\w+", part.casefold()))})


@pytest.mark.parametrize("language", ["en"], indirect=True)
@pytest.mark.parametrize("key", [section.key for section in SECTIONS])
def test_the_english_window_has_no_swedish_left(qtbot, window, demo_service, key):
    show_fully(window, [section.key for section in SECTIONS].index(key))
    menus = [action.text() for menu in window.menuBar().actions() if menu.menu() for action in menu.menu().actions()]
    vocabulary = set(SWEDISH_SOURCES) | swedish_code_labels(demo_service)
    assert swedish_in(chrome_texts(window) + menus + list_texts(window), vocabulary) == []


def test_column_widths_stay_as_filters_and_searches_change_what_is_shown(qtbot, window):
    show_fully(window, [section.key for section in SECTIONS].index("activity"))
    activities = window.current_section()
    header = activities.table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(header.count())]
    assert all(width >= header.fontMetrics().horizontalAdvance(activities.model.columns[column].label(
        activities.service.language)) for column, width in enumerate(widths))  # every header is whole
    status = activities.filter_combos["status"]
    status.setCurrentIndex(status.count() - 1)
    activities.search.setText("Nacka")
    qtbot.waitUntil(lambda: activities.model.rowCount() < 80)
    assert [header.sectionSize(column) for column in range(header.count())] == widths


def test_a_checklists_boxes_do_not_touch(qtbot, demo_service):
    dialog = RecordFormDialog(demo_service, "activity")
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.form.editor("subject_areas").list_view
    first, second = (view.visualRect(view.model().index(row, 0)) for row in (0, 1))
    assert second.top() - first.bottom() > 3  # a gap a pointer can tell apart (they were 1 px apart)
    assert view.height() >= view.model().rowCount() * (first.height() + 4)  # all nine show, none behind a scroll


def test_the_focus_ring_follows_focus_and_is_two_pixels_in_the_highlight_colour(qtbot, focus_ring):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    from bra_desktop.ui.focus_ring import RING_WIDTH

    dialog = QDialog()
    qtbot.addWidget(dialog)
    first, second = QPushButton("Spara", dialog), QPushButton("Avbryt", dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(first)
    layout.addWidget(second)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    drawn = focus_ring.ring_of(dialog)
    assert QApplication.focusWidget() is second and focus_ring.target is second and drawn.isVisible()
    assert drawn.geometry() == second.geometry().adjusted(-RING_WIDTH, -RING_WIDTH, RING_WIDTH, RING_WIDTH)
    picture = dialog.grab().toImage()
    highlight = dialog.palette().color(QPalette.ColorRole.Highlight)
    left, middle = drawn.geometry().left(), drawn.geometry().center().y()
    ring_pixels = [QColor(picture.pixel(left + x, middle)) for x in range(RING_WIDTH)]
    assert all(abs(pixel.hue() - highlight.hue()) < 10 and pixel.saturation() > 60 for pixel in ring_pixels)
    second.hide()  # focus goes on to the next control, and the ring with it
    assert focus_ring.target is first
    assert drawn.geometry() == first.geometry().adjusted(-RING_WIDTH, -RING_WIDTH, RING_WIDTH, RING_WIDTH)
