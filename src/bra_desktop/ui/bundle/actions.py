"""The Arkiv menu's bundle entries: Exportera paket…, Importera paket… and Importhistorik….

The dialogs are imported when first opened, so the first paint of the window does not wait for
them. After an import or an undone import the main window's undo stack is cleared, as after a
restore: the register changed under every command on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from bra_desktop.ui.main_window import MainWindow


def bundle_actions(window: MainWindow) -> list[QAction]:
    export = QAction(QCoreApplication.translate("BundleActions", "Exportera paket…"), window)
    export.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export.triggered.connect(lambda: open_export(window))
    import_ = QAction(QCoreApplication.translate("BundleActions", "Importera paket…"), window)
    import_.setShortcut(QKeySequence("Ctrl+Shift+I"))
    import_.triggered.connect(lambda: open_import(window))
    history = QAction(QCoreApplication.translate("BundleActions", "Importhistorik…"), window)
    history.triggered.connect(lambda: open_history(window))
    return [export, import_, history]


def open_export(window: MainWindow) -> None:
    from bra_desktop.ui.bundle.export_dialog import ExportDialog

    dialog = ExportDialog(window.service, window, window.folders)
    dialog.exec()
    dialog.deleteLater()  # a child of the window: it would stay for the session


def open_import(window: MainWindow) -> None:
    from bra_desktop.bundle.release import release_in_pieces
    from bra_desktop.ui.bundle.import_wizard import ImportWizard

    wizard = ImportWizard(window.service, window, window.folders)
    wizard.sig_imported.connect(window.undo_stack.clear)
    wizard.exec()
    plans = wizard.take_plans()  # the wizard, a child of the window, would keep them for the session
    wizard.deleteLater()
    while plans:
        release_in_pieces(plans.pop())  # freed off the UI thread once nothing refers to them


def open_history(window: MainWindow) -> None:
    from bra_desktop.ui.bundle.history_dialog import HistoryDialog

    dialog = HistoryDialog(window.service, window)
    dialog.sig_undone.connect(window.undo_stack.clear)
    dialog.exec()
    dialog.deleteLater()
