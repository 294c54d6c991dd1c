"""Starting the app: QApplication, translations, the error hook, the first-run choice, the window.

Source strings in the code are Swedish; English comes from `resources/i18n/bra_desktop_en.qm`.
In Swedish mode Qt's own `qtbase_sv.qm` is installed too, so standard buttons read Avbryt and OK
(`_SwedishAsWritten` mends the one word it has otherwise: "Ok").
Only what the first paint needs is imported here; editors, dialogs and the rest load when used.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from bra_desktop import APP_AUTHOR, APP_NAME, __version__
from bra_desktop.context import AppContext
from bra_desktop.resources import resource_path
from bra_desktop.store.errors import RegisterDamaged, RegisterError, RegisterUnreachable
from bra_desktop.store.register import Register
from bra_desktop.ui.error_dialog import install_excepthook, register_error_box, show_register_error
from bra_desktop.ui.focus_ring import FocusRing

log = logging.getLogger(__name__)


class _SwedishAsWritten(QTranslator):
    """Qt's Swedish with the words of its standard buttons as Swedish writes them: "OK", not the
    "Ok" of `qtbase_sv`. Installed after it, so it is asked first; None leaves a text to Qt's."""

    WORDS = {("QPlatformTheme", "OK"): "OK", ("QDialogButtonBox", "OK"): "OK"}

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.WORDS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language`, replacing earlier ones; returns them (keep them alive).
    Also names the app in that language, which the system shows with its windows where a window
    has no title of its own (it read "bra-desktop")."""
    for old in getattr(app, "_bra_translators", []):
        app.removeTranslator(old)
    wanted = []
    if language == "en":
        wanted.append((str(resource_path("i18n")), f"bra_desktop_{language}"))
    else:
        wanted.append((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_sv"))
    installed = []
    for folder, name in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("No translation %s in %s", name, folder)
    if language != "en":
        as_written = _SwedishAsWritten(app)
        app.installTranslator(as_written)
        installed.append(as_written)
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Swedish,
                               QLocale.Country.UnitedKingdom if language == "en" else QLocale.Country.Sweden))
    app._bra_translators = installed  # type: ignore[attr-defined]
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "Brå-nätverkets register"))
    return installed


def _open_register(ctx: AppContext) -> Register | None:
    """The register to work in, or None after telling why there is none.

    When the shared server named in the settings cannot be reached, the person may work in the
    register on this computer this time (and change the setting there) rather than not at all; when
    the register is damaged, they may restore the newest backup that opens cleanly.
    """
    language = ctx.settings.language
    try:
        return _open_with_notice(ctx)
    except RegisterUnreachable as error:
        shared_server_down = not ctx.database_override and bool(ctx.settings.database_url)
        if not shared_server_down:
            show_register_error(None, error, language)
            return None
        if not _open_local_instead(error, language):
            return None
        ctx.database_override = ctx.paths.database_url
    except RegisterDamaged as error:
        if not _restore_instead(ctx, error):
            return None
    except RegisterError as error:
        show_register_error(None, error, language)
        return None
    try:
        return _open_with_notice(ctx)
    except RegisterError as error:
        show_register_error(None, error, language)
        return None


def _restore_instead(ctx: AppContext, error: RegisterDamaged) -> bool:
    """Offer the newest backup that opens cleanly in place of the damaged register; True once restored."""
    from bra_desktop.store.backup import newest_intact_backup, restore_database
    from bra_desktop.ui.restore_dialog import ask_to_restore_damaged

    backup = newest_intact_backup(ctx.paths.backup_dir)
    if not ask_to_restore_damaged(error, backup, ctx.settings.language) or backup is None:  # None: just told so
        return False
    try:
        restore_database(error.database, backup.path, ctx.paths.backup_dir)
    except RegisterError as failure:
        show_register_error(None, failure, ctx.settings.language)
        return False
    return True


def _open_with_notice(ctx: AppContext) -> Register:
    notice = _UpgradeNotice()
    try:
        return ctx.open_register(on_upgrade=notice.show)
    finally:
        notice.close()


class _UpgradeNotice:
    """A window that says the register is being upgraded: for a national register that takes a
    minute (every record's content hash is computed), in which nothing else would be on screen."""

    def __init__(self) -> None:
        self._box: QMessageBox | None = None

    def show(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, QApplication.translate("app", "Registret uppgraderas"),
                          QApplication.translate("app", "Registret uppgraderas till den här versionen av programmet. "
                                                        "En säkerhetskopia tas först. För ett stort register kan det "
                                                        "ta någon minut."),
                          QMessageBox.StandardButton.NoButton)
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        box.show()
        QApplication.processEvents()
        self._box = box

    def close(self) -> None:
        if self._box is not None:
            self._box.close()
            self._box = None


def _open_local_instead(error: RegisterError, language: str) -> bool:
    box = register_error_box(error, language)
    box.setInformativeText(QApplication.translate(
        "app", "Vill du öppna registret på den här datorn den här gången? Under Inställningar kan du byta register."))
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Open).setText(QApplication.translate("app", "Öppna registret på datorn"))
    return box.exec() == QMessageBox.StandardButton.Open


def show_start_error(error: RegisterError) -> None:
    """Say in a window why the app cannot start before it has a context (a read-only data folder):
    in Swedish, as no settings could be read."""
    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, "sv")
    show_register_error(None, error, "sv")


def run_gui(ctx: AppContext) -> int:
    """Run the app on the register of `ctx` until its window closes; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "bra-desktop.png"))))
    app.setDesktopFileName("bra-desktop")  # Wayland desktops match the window to the menu entry
    install_translators(app, ctx.settings.language)
    install_excepthook(ctx.paths.log_file, lambda: ctx.settings.language)
    FocusRing(app)  # a child of the app: it follows focus while the app runs
    register = _open_register(ctx)
    if register is None:
        return 1

    from bra_desktop.ui.service import RegisterService

    service = RegisterService(register, ctx.user, ctx.settings.language)
    try:
        if register.producer is None:
            from bra_desktop.ui.first_run import FirstRunDialog

            if FirstRunDialog(ctx, service).exec() != QDialog.DialogCode.Accepted:
                return 0
            install_translators(app, ctx.settings.language)
            service.user, service.language = ctx.user, ctx.settings.language

        from bra_desktop.ui.main_window import MainWindow

        window = MainWindow(ctx, service)
        window.show()
        return app.exec()
    finally:
        from bra_desktop.ui.operations import register_pool

        register_pool().waitForDone()  # a job still running (e.g. the overview counting) ends before its register
        service.register.close()
