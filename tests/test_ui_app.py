"""Starting the app: translations, the first-run choice, the error dialog and hook, settings, self-test."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from bra_desktop import selftest
from bra_desktop.resources import resource_path
from bra_desktop.settings import load_settings, login_name
from bra_desktop.store.errors import RegisterError, RegisterTooNew
from bra_desktop.store.register import NATIONAL
from bra_desktop.ui import app as app_module
from bra_desktop.ui.error_dialog import ErrorDialog, install_excepthook, register_error_box
from bra_desktop.ui.first_run import FirstRunDialog
from bra_desktop.ui.main_window import MainWindow
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.settings_dialog import SettingsDialog

from conftest import add
from test_ui_main_window import when_modal


@pytest.fixture
def qt_app(qapp, monkeypatch):
    """The test QApplication, with the translators and the exception hook put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield qapp
    for translator in getattr(qapp, "_bra_translators", []):
        qapp.removeTranslator(translator)
    qapp._bra_translators = []


@pytest.fixture
def new_register(app_context):
    """A register nobody has claimed yet, as on the very first start."""
    opened = app_context.open_register()
    yield opened
    opened.close()


def test_swedish_mode_installs_qts_own_swedish(qt_app):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    installed = app_module.install_translators(qt_app, "sv")
    assert len(installed) == 2
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "OK"  # qtbase_sv has "Ok"
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"
    assert qt_app.applicationDisplayName() == "Brå-nätverkets register"
    app_module.install_translators(qt_app, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "OK"
    assert qt_app.applicationDisplayName() == "Brå network register"


@pytest.fixture
def confirmed(monkeypatch):
    """The answers given to the first run's "Stämmer det?", in order (yes unless told otherwise)."""
    answers: list[bool] = []
    asked: list[str] = []

    def confirm(dialog: FirstRunDialog, producer: str) -> bool:
        asked.append(producer)
        return answers.pop(0) if answers else True

    monkeypatch.setattr(FirstRunDialog, "confirm", confirm)
    return answers, asked


def test_first_run_dialog_claims_the_register_for_a_county(qtbot, app_context, new_register, confirmed):
    dialog = FirstRunDialog(app_context, RegisterService(new_register, "anna"))
    qtbot.addWidget(dialog)
    assert dialog.county.count() == 21 and dialog.county.itemText(0) == "Stockholms län (01)"
    assert dialog.name.text() == login_name()
    dialog.county.setCurrentIndex(dialog.county.findData("25"))
    dialog.name.setText("Anna Andersson")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert new_register.producer == "25"
    saved = load_settings(app_context.paths.settings_file)
    assert (saved.user_name, saved.language) == ("Anna Andersson", "en")


def test_the_first_run_chooses_nothing_beforehand_and_asks_once_more(qtbot, app_context, new_register, confirmed):
    """Enter on the first start made a register for Stockholm: now nothing is chosen beforehand, OK
    waits for a choice and a name, and "Ändra" in the confirmation leaves the register unclaimed."""
    answers, asked = confirmed
    dialog = FirstRunDialog(app_context, RegisterService(new_register, "anna"))
    qtbot.addWidget(dialog)
    assert dialog.producer() is None and not dialog.ok_button.isEnabled()
    assert not dialog.county_choice.isChecked() and not dialog.national_choice.isChecked()
    dialog.county.setCurrentIndex(dialog.county.findData("03"))
    assert dialog.county_choice.isChecked() and dialog.ok_button.isEnabled()
    dialog.name.setText(" ")
    assert not dialog.ok_button.isEnabled()
    dialog.name.setText("Ulla")
    answers.append(False)
    dialog.accept()
    assert asked == ["03"] and new_register.producer is None and dialog.result() != QDialog.DialogCode.Accepted
    dialog.accept()
    assert new_register.producer == "03"


def test_first_run_dialog_for_bra(qtbot, app_context, new_register, confirmed):
    dialog = FirstRunDialog(app_context, RegisterService(new_register, "anna"))
    qtbot.addWidget(dialog)
    dialog.county.setCurrentIndex(dialog.county.findData("03"))
    qtbot.mouseClick(dialog.national_choice, Qt.MouseButton.LeftButton)
    assert dialog.county.currentIndex() == -1 and not dialog.county_choice.isChecked()
    dialog.accept()
    assert new_register.producer == NATIONAL


def test_run_gui_asks_first_then_shows_the_window(qtbot, qt_app, monkeypatch, app_context, confirmed):
    def first_run(dialog: FirstRunDialog) -> int:
        dialog.county.setCurrentIndex(dialog.county.findData("03"))
        dialog.accept()
        return dialog.result()

    shown = {}

    def event_loop(app: QApplication) -> int:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        shown.update(owner=window.owner_label.text(), count=window.count_label.text())
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(FirstRunDialog, "exec", first_run)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert app_module.run_gui(app_context) == 0
    assert shown == {"owner": f"Länsstyrelsen i Uppsala län · {login_name()}", "count": "0 aktiviteter"}
    assert not QApplication.windowIcon().isNull()  # the app's icon in the title bar and task bar
    assert sys.excepthook is not sys.__excepthook__
    assert app_context.open_register().producer == "03"


def test_run_gui_stops_if_the_first_choice_is_cancelled(qt_app, monkeypatch, app_context):
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QApplication, "exec", lambda app: pytest.fail("no window without a choice"))
    assert app_module.run_gui(app_context) == 0
    assert app_context.open_register().producer is None


def test_run_gui_explains_a_register_it_cannot_open(qt_app, monkeypatch, app_context):
    shown = []
    too_new = RegisterTooNew("Registret har skapats av en nyare version.", "Made by a newer version.")
    monkeypatch.setattr(type(app_context), "open_register", lambda ctx, on_upgrade=None: (_ for _ in ()).throw(too_new))
    monkeypatch.setattr(app_module, "show_register_error", lambda parent, error, language: shown.append(error))
    assert app_module.run_gui(app_context) == 1
    assert shown == [too_new]


def test_an_upgrade_of_the_register_says_so_while_it_runs(qt_app, monkeypatch, app_context):
    shown = []
    really_open = type(app_context).open_register

    def open_and_upgrade(ctx, on_upgrade=None):
        on_upgrade()  # what open_register does before upgrading an older register
        shown.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        return really_open(ctx)

    monkeypatch.setattr(type(app_context), "open_register", open_and_upgrade)
    register = app_module._open_register(app_context)
    assert shown == ["Registret uppgraderas"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    register.close()


def test_error_dialog_says_what_happened_that_nothing_was_lost_and_where_the_log_is(qtbot, app_context):
    error = ValueError("Trasigt <b>värde</b>\nandra raden")
    dialog = ErrorDialog(error, "Traceback (most recent call last):\n  …\nValueError: Trasigt", app_context.paths.log_file)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == "Något gick fel: ValueError: Trasigt <b>värde</b>"
    assert "Inget som redan sparats har gått förlorat" in dialog.reassurance.text()
    assert str(app_context.paths.log_file) in dialog.log_hint.text()
    for label in (dialog.summary, dialog.reassurance, dialog.log_hint):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert not dialog.details.isVisible()
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible() and "Traceback" in dialog.details.toPlainText()
    assert dialog.details_button.text() == "Dölj detaljer"


def test_known_errors_show_their_own_message(qtbot):
    error = RegisterError("Posten kommer från <i>02</i>.", "The record comes from 02.")
    swedish, english = register_error_box(error, "sv"), register_error_box(error, "en")
    qtbot.addWidget(swedish)
    qtbot.addWidget(english)
    assert (swedish.text(), english.text()) == ("Posten kommer från <i>02</i>.", "The record comes from 02.")
    assert swedish.textFormat() == Qt.TextFormat.PlainText


def test_the_exception_hook_logs_and_shows(qt_app, monkeypatch, caplog, app_context):
    dialogs, known = [], []
    monkeypatch.setattr(ErrorDialog, "exec", lambda dialog: dialogs.append(dialog.summary.text()) or 0)
    monkeypatch.setattr("bra_desktop.ui.error_dialog.show_register_error",
                        lambda parent, error, language: known.append((error.message(language), language)))
    install_excepthook(app_context.paths.log_file, lambda: "en")
    with caplog.at_level(logging.INFO):
        try:
            raise KeyError("saknas")
        except KeyError:
            sys.excepthook(*sys.exc_info())
        try:
            raise RegisterError("Känt fel.", "Known error.")
        except RegisterError:
            sys.excepthook(*sys.exc_info())
    assert dialogs == ["Något gick fel: KeyError: 'saknas'"]
    assert known == [("Known error.", "en")]
    unexpected = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert unexpected.exc_info[0] is KeyError  # the traceback goes to the log file
    assert any(r.levelno == logging.WARNING and r.getMessage() == "Känt fel." for r in caplog.records)


def test_settings_change_name_now_and_language_on_restart(qtbot, app_context, register):
    service = RegisterService(register, app_context.user)
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)

    def change(dialog: SettingsDialog) -> None:
        dialog.name.setText("Bo Berg")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()

    when_modal(SettingsDialog, change)
    window.settings_action.trigger()
    saved = load_settings(app_context.paths.settings_file)
    assert (saved.user_name, saved.language) == ("Bo Berg", "en")
    assert service.user == "Bo Berg"
    assert window.owner_label.text().endswith("· Bo Berg")
    assert service.language == "sv"  # the tables keep their language until the app is restarted


def test_self_test_passes(qt_app, capsys):
    assert selftest.run_self_test(show_window=True) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line[:4] for line in lines[:-1]] == ["OK  "] * 6
    assert lines[-1] == "Självtestet lyckades: alla 6 kontroller gick bra."


def test_self_test_reports_a_failure(monkeypatch, capsys):
    def broken(*_args):
        raise OSError("disken är full")

    monkeypatch.setattr(selftest, "restore_database", broken)
    assert selftest.run_self_test(show_window=False) == 1
    out = capsys.readouterr().out
    assert "FEL  Säkerhetskopia tas och återställs: OSError: disken är full" in out
    assert out.count("OK   ") == 4  # the checks after the failed one still run


def test_emitting_a_signal_leaks_no_reference():
    """PySide6 6.12.0 drops a reference to True on every Signal.emit from Python, and after some
    thousands of emits the interpreter aborts (bool_dealloc); pyproject.toml excludes that release.
    Other threads may hold or drop a few references to True meanwhile, so the check allows noise
    far below the one-per-emit loss of the broken release."""

    class Emitter(QObject):
        sig_ping = Signal()
        """Emitted by the test only."""

    emitter = Emitter()
    emits = 500
    before = sys.getrefcount(True)
    for _ in range(emits):
        emitter.sig_ping.emit()
    assert abs(sys.getrefcount(True) - before) < emits // 10


def test_the_english_ui(qtbot, qt_app, tmp_path, app_context, register):
    """The English translation (resources/i18n, compiled as `make translations` does) and English labels."""
    source = resource_path("i18n", "bra_desktop_en.ts")
    compiled = tmp_path / "bra_desktop_en.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent", str(source), "-qm", str(compiled)],
                   check=True)
    translator = QTranslator(qt_app)
    assert translator.load(str(compiled))
    qt_app.installTranslator(translator)
    try:
        add(register, "activity")
        window = MainWindow(app_context, RegisterService(register, "bo", "en"))
        qtbot.addWidget(window)
        assert [action.text() for action in window.menuBar().actions()] == ["&File", "&Edit", "&Help"]
        assert window.navigation.item(1).text() == "Municipalities"
        assert window.navigation.item(2).text() == "Activities"
        assert window.count_label.text() == "1 activity"
        activities = window.current_section()
        assert activities.search.placeholderText() == "Search activities…"
        assert activities.filter_combos["year"].itemText(0) == "Year: all"
        assert activities.proxy.headerData(0, Qt.Orientation.Horizontal) == "Title"
        assert activities.proxy.index(0, 2).data() == "Network meeting"
        assert activities.show_deleted.text() == "Show deleted"
    finally:
        qt_app.removeTranslator(translator)


def test_settings_choose_a_shared_database_server_and_check_its_address(qtbot, app_context):
    dialog = SettingsDialog(app_context)
    qtbot.addWidget(dialog)
    choice = dialog.database
    assert choice.local.isChecked() and not choice.url.isEnabled()
    choice.server.setChecked(True)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "Skriv databasserverns adress" in choice.status.text()
    choice.url.setText("postgresql+psycopg://bra:hemligt@127.0.0.1:1/register")
    choice.test_connection()
    assert "Det gick inte att ansluta" in choice.status.text() and "hemligt" not in choice.status.text()
    dialog.accept()
    assert load_settings(app_context.paths.settings_file).database_url == "postgresql+psycopg://bra:hemligt@127.0.0.1:1/register"


def test_an_unreachable_shared_register_offers_the_one_on_this_computer(qt_app, monkeypatch, app_context):
    app_context.settings.database_url = "postgresql+psycopg://bra@127.0.0.1:1/register"
    asked, opened = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Open)
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: opened.append(app_context.database_url) or 0)
    assert app_module.run_gui(app_context) == 0
    assert "Det gick inte att ansluta till registrets databas" in asked[0]
    assert opened == [app_context.paths.database_url]
    assert app_context.settings.database_url.startswith("postgresql")  # this time only: the setting stays
