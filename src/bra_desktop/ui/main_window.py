"""The main window: a list of sections on the left, the chosen section on the right, and the menus.

Sections are listed once, in `SECTIONS`; adding one (an overview, import and export) is one line
there. A section's widget is built the first time it is shown, so starting the app costs one table,
not five. Window geometry, the splitter, and each table's column widths and sort are remembered in
an ini file beside the settings (`AppPaths.qt_state_file`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QDialog, QLabel, QListWidget, QMainWindow, QMessageBox, QProgressDialog, QSplitter, QStackedWidget, QWidget,
)

from bra_desktop import __version__
from bra_desktop.changes import Changes
from bra_desktop.context import AppContext
from bra_desktop.domain.fields import KINDS
from bra_desktop.ui.bundle.actions import bundle_actions
from bra_desktop.ui.commands import command_failures, error_message
from bra_desktop.ui.folders import Folders
from bra_desktop.ui.plain_text import plain_message_box
from bra_desktop.ui.record_section import RecordSection
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.table_model import Restriction
from bra_desktop.ui.window_size import resize_within_screen


@dataclass(frozen=True)
class Section:
    """A page of the main window: its key (for saved state), its title, and how to build it."""

    key: str
    title: Callable[[str], str]
    """language → the title in the navigation list."""
    build: Callable[[MainWindow], QWidget]


def _records(kind_key: str) -> Section:
    return Section(
        kind_key,
        lambda language: KINDS[kind_key].plural(language),
        lambda window: RecordSection(window.service, window.undo_stack, kind_key, window.state, window),
    )


def _overview() -> Section:
    def build(window: MainWindow) -> QWidget:
        from bra_desktop.ui.dashboard import DashboardSection  # QtCharts loads when the overview is first shown

        dashboard = DashboardSection(window.service, window, folders=window.folders)
        dashboard.sig_show_records.connect(window.show_records)
        dashboard.sig_show_municipalities.connect(window.show_municipalities)
        return dashboard

    return Section("overview", lambda language: "Overview" if language == "en" else "Översikt", build)


def _municipalities() -> Section:
    def build(window: MainWindow) -> QWidget:
        from bra_desktop.ui.municipalities_section import MunicipalitiesSection  # with its report: when first shown

        return MunicipalitiesSection(window.service, window.undo_stack, window)

    return Section("municipalities", lambda language: "Municipalities" if language == "en" else "Kommuner", build)


SECTIONS: tuple[Section, ...] = (
    _overview(),
    _municipalities(),
    _records("activity"),
    _records("commitment"),
    _records("problem_area"),
    _records("network"),
    _records("organisation"),
    _records("county_report"),
)
"""The sections, in the order of the navigation list."""

FIRST_SECTION = "activity"
"""The section shown until the user has chosen one: a new register has nothing to give an overview of."""


class MainWindow(QMainWindow):
    """The app's one window; it owns the undo stack that every edit goes through."""

    def __init__(self, ctx: AppContext, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.undo_stack = QUndoStack(self)
        command_failures(self.undo_stack).sig_failed.connect(self._command_failed)
        self.state = QSettings(str(ctx.paths.qt_state_file), QSettings.Format.IniFormat, self)
        self.folders = Folders(self.state)
        self._built: dict[str, QWidget] = {}
        self._handbook: QDialog | None = None
        self.setWindowTitle(self.tr("Brå-nätverkets register"))

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Avsnitt"))
        for section in SECTIONS:
            self.navigation.addItem(section.title(service.language))
        self.navigation.setSpacing(3)
        self.navigation.setMinimumWidth(self.navigation.sizeHintForColumn(0) + 32)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel(self)
        self.owner_label = QLabel(self)
        for label in (self.count_label, self.owner_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.owner_label)
        self._show_owner()

        self._make_actions()
        self._make_menus()
        self.navigation.currentRowChanged.connect(self.show_section)
        service.sig_changed.connect(lambda changes: changes.whole_register and self._show_owner())
        self._restore_state()

    # --- sections ---

    def show_section(self, row: int) -> None:
        if not 0 <= row < len(SECTIONS):
            return
        section = SECTIONS[row]
        widget = self._built.get(section.key)
        if widget is None:
            widget = section.build(self)
            self._built[section.key] = widget
            self.stack.addWidget(widget)
            if isinstance(widget, RecordSection):
                widget.sig_count_changed.connect(self._section_count_changed)
                widget.sig_selection_changed.connect(self._update_actions)
        self.stack.setCurrentWidget(widget)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        self.count_label.setText(widget.count_text() if isinstance(widget, RecordSection) else "")
        self._update_actions()

    def show_records(self, kind_key: str, filters: dict[str, Any], restriction: Restriction | None = None) -> None:
        """Show the table of `kind_key` filtered to just these records (a click on a dashboard chart)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a second at national scale
        try:
            self.show_section([section.key for section in SECTIONS].index(kind_key))
            records = self._records()
            assert records is not None
            records.apply_filters(filters, restriction)
        finally:
            QApplication.restoreOverrideCursor()

    def show_municipalities(self, key: str, county: str | None, year: int) -> None:
        """Show the Kommuner section filtered (a click on one of Översikt's tiles of the law)."""
        from bra_desktop.ui.municipalities_section import MunicipalitiesSection

        self.show_section([section.key for section in SECTIONS].index("municipalities"))
        section = self.current_section()
        assert isinstance(section, MunicipalitiesSection)
        section.show_filtered(key, county, year)

    def current_section(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _records(self) -> RecordSection | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, RecordSection) else None

    def _on_records(self, method: str) -> None:
        """Run an Edit-menu command on the current section, if it is a record table."""
        records = self._records()
        if records is not None:
            getattr(records, method)()

    def _section_count_changed(self, text: str) -> None:
        if self.sender() is self.stack.currentWidget():
            self.count_label.setText(text)

    def _show_owner(self) -> None:
        register = self.service.register
        self.owner_label.setText(self.tr("%1 · %2").replace("%1", register.producer_name).replace("%2", self.service.user))

    # --- actions and menus ---

    def _make_actions(self) -> None:
        self.backup_action = QAction(self.tr("Säkerhetskopiera nu"), self)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(self.tr("Återställ från säkerhetskopia…"), self)
        self.restore_action.triggered.connect(self.choose_backup_to_restore)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(self.service.register.database_file is not None)
        self.settings_action = QAction(self.tr("Inställningar…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.code_lists_action = QAction(self.tr("Kodlistor…"), self)
        self.code_lists_action.triggered.connect(self.open_code_lists)
        self.trusted_senders_action = QAction(self.tr("Betrodda avsändare…"), self)
        self.trusted_senders_action.triggered.connect(self.open_trusted_senders)
        self.quit_action = QAction(self.tr("Avsluta"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Ångra"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Gör om"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.new_action = QAction(self.tr("Ny post"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self._on_records("new_record"))
        self.edit_action = QAction(self.tr("Redigera"), self)
        self.edit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        self.edit_action.triggered.connect(lambda: self._on_records("edit_selected"))
        self.delete_action = QAction(self.tr("Ta bort"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(lambda: self._on_records("delete_selected"))
        self.find_action = QAction(self.tr("Sök"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self._on_records("focus_search"))

        self.bundle_actions = bundle_actions(self)
        self.about_action = QAction(self.tr("Om Brå-nätverkets register"), self)
        self.about_action.triggered.connect(self.show_about)
        self.handbook_action = QAction(self.tr("Hand&bok"), self)
        self.handbook_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.handbook_action.triggered.connect(self.show_handbook)
        self.shortcuts_action = QAction(self.tr("&Kortkommandon"), self)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

    def _make_menus(self) -> None:
        archive = self.menuBar().addMenu(self.tr("&Arkiv"))
        archive.addActions(self.bundle_actions)
        archive.addSeparator()
        archive.addActions([self.backup_action, self.restore_action])
        archive.addSeparator()
        archive.addActions([self.code_lists_action, self.trusted_senders_action, self.settings_action])
        archive.addSeparator()
        archive.addAction(self.quit_action)
        edit = self.menuBar().addMenu(self.tr("&Redigera"))
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.new_action, self.edit_action, self.delete_action])
        edit.addSeparator()
        edit.addAction(self.find_action)
        help_menu = self.menuBar().addMenu(self.tr("&Hjälp"))
        help_menu.addActions([self.handbook_action, self.shortcuts_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _update_actions(self) -> None:
        records = self._records()
        selected = len(records.selected_ids()) if records is not None else 0
        self.new_action.setEnabled(records is not None)
        self.find_action.setEnabled(records is not None)
        self.edit_action.setEnabled(selected == 1)
        self.delete_action.setEnabled(selected >= 1)

    def _command_failed(self, message: str) -> None:
        """An undo or redo could not be carried out (the register is unchanged): say why."""
        plain_message_box(self, QMessageBox.Icon.Warning, self.tr("Det gick inte"), message).exec()

    # --- Arkiv ---

    def backup_now(self) -> None:
        path = self.service.register.backup("manuell")
        if path is not None:
            self.statusBar().showMessage(self.tr("Säkerhetskopia sparad: %1").replace("%1", str(path)), 10_000)

    def choose_backup_to_restore(self) -> None:
        from bra_desktop.ui.restore_dialog import RestoreDialog

        register = self.service.register
        assert register.backup_dir is not None
        dialog = RestoreDialog(register.backup_dir, self)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_backup(dialog.chosen)

    def restore_backup(self, backup: Path) -> Operation:
        """Replace the register with `backup` (after the register as it is has been backed up), as an
        operation on the worker: a national register takes a while to copy twice. A window-modal
        busy dialog stands over the window meanwhile; the register is reopened either way."""
        from bra_desktop.store.backup import restore_database
        from bra_desktop.ui.operations import Operation

        register = self.service.register
        database, backup_dir = register.database_file, register.backup_dir
        assert database is not None and backup_dir is not None
        register.close()
        busy = QProgressDialog(self.tr("Återställer registret från säkerhetskopian …"), "", 0, 0, self)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(0)
        self.restoring = operation = Operation(lambda _progress, _cancelled: restore_database(database, backup, backup_dir))
        operation.sig_finished.connect(busy.close)
        operation.sig_succeeded.connect(lambda safety: self._restored(register.url, backup_dir, safety))
        operation.sig_failed.connect(lambda error: self._restore_failed(register.url, backup_dir, error))
        busy.show()
        operation.start()
        return operation

    def _reopen(self, url: str, backup_dir: Path) -> None:
        from bra_desktop.store.register import open_register

        self.service.register = open_register(url, backup_dir)

    def _restored(self, url: str, backup_dir: Path, safety: Path) -> None:
        self._reopen(url, backup_dir)
        self.undo_stack.clear()
        self.service.changed(Changes(whole_register=True))
        self.statusBar().showMessage(
            self.tr("Registret är återställt. Registret som det var sparades först i %1.").replace("%1", str(safety)),
            15_000,
        )

    def _restore_failed(self, url: str, backup_dir: Path, error: Exception) -> None:
        """Nothing was restored: say why (the register, reopened, is as it was)."""
        self._reopen(url, backup_dir)
        plain_message_box(self, QMessageBox.Icon.Warning, self.tr("Återställningen gick inte"),
                          error_message(self.service, error), QMessageBox.StandardButton.Ok).exec()

    def open_settings(self) -> None:
        from bra_desktop.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.ctx, self).exec():
            self.service.user = self.ctx.user
            self._show_owner()

    def open_code_lists(self) -> None:
        """Brå's code lists: changed in Brå's register, looked at in a county's."""
        from bra_desktop.ui.codelist_dialog import CodeListDialog

        CodeListDialog(self.service, self).exec()

    def open_trusted_senders(self) -> None:
        """The senders' keys this register trusts, and its own to hand over."""
        from bra_desktop.ui.trust_dialog import TrustedSendersDialog

        TrustedSendersDialog(self.service, self).exec()

    # --- Hjälp ---

    def show_handbook(self) -> None:
        """The handbook beside the window, to read while working (one at a time)."""
        from bra_desktop.ui.help_dialogs import HandbookDialog

        if self._handbook is None:
            self._handbook = HandbookDialog(self)
        self._handbook.show()
        self._handbook.raise_()
        self._handbook.activateWindow()

    def show_shortcuts(self) -> None:
        from bra_desktop.ui.help_dialogs import ShortcutsDialog

        menus = [action.menu() for action in self.menuBar().actions() if action.menu() is not None]
        ShortcutsDialog([action for menu in menus for action in menu.actions()], self).exec()

    def show_about(self) -> None:
        paths = self.ctx.paths
        about = (self.tr("Register över regionalt brottsförebyggande nätverksarbete.\n\nDatamapp: %1\nLoggfil: %2")
                 .replace("%1", str(paths.data_dir)).replace("%2", str(paths.log_file)))
        plain_message_box(self, QMessageBox.Icon.Information, self.tr("Om Brå-nätverkets register"),
                          self.tr("Brå-nätverkets register (bra-desktop) %1").replace("%1", __version__), informative=about).exec()

    # --- state between runs ---

    def _restore_state(self) -> None:
        geometry = self.state.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            resize_within_screen(self, 1280, 800)
        window_state = self.state.value("window/state")
        if window_state is not None:
            self.restoreState(window_state)
        splitter = self.state.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([self.navigation.minimumWidth(), 1000])
        keys = [section.key for section in SECTIONS]
        saved = self.state.value("window/section")
        self.show_section(keys.index(saved if saved in keys else FIRST_SECTION))

    def save_state(self) -> None:
        self.state.setValue("window/geometry", self.saveGeometry())
        self.state.setValue("window/state", self.saveState())
        self.state.setValue("window/splitter", self.splitter.saveState())
        self.state.setValue("window/section", SECTIONS[self.navigation.currentRow()].key)
        for widget in self._built.values():
            if isinstance(widget, RecordSection):
                widget.save_state(self.state)
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_state()
        super().closeEvent(event)
