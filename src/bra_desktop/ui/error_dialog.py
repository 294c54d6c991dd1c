"""What the user sees when something goes wrong.

A known problem (`store.errors.RegisterError`) shows its own message, in the user's language,
without a traceback. An unexpected error says in one line what happened, that nothing already
saved was lost (every save is its own committed transaction), and where the log file is; the
traceback is there for whoever helps, behind "Visa detaljer".
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.store.errors import RegisterError

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """An unexpected error: one line, reassurance, the log file, and the details on request."""

    def __init__(self, error: BaseException, details: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ett oväntat fel inträffade"))
        first_line = (str(error).strip().splitlines() or [""])[0]
        self.summary = QLabel(
            self.tr("Något gick fel: %1").replace("%1", f"{type(error).__name__}: {first_line}".rstrip(": ")), self
        )
        self.reassurance = QLabel(self.tr(
            "Inget som redan sparats har gått förlorat: varje ändring sparas i registret för sig när du sparar den. "
            "Det du höll på med just nu kan behöva göras om."
        ), self)
        self.log_hint = QLabel(
            self.tr("En beskrivning av felet finns i loggfilen %1. Skicka den gärna till den som hjälper dig.")
            .replace("%1", str(log_file)),
            self,
        )
        for label in (self.summary, self.reassurance, self.log_hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details, self)
        self.details.setAccessibleName(self.tr("Detaljer om felet"))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.hide()
        self.details_button = QPushButton(self.tr("Visa detaljer"), self)
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.summary, self.reassurance, self.log_hint):
            layout.addWidget(widget)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(560, 220)

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("Dölj detaljer") if shown else self.tr("Visa detaljer"))
        self.resize(self.width(), 520 if shown else 220)


def register_error_box(error: RegisterError, language: str, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("ErrorDialog", "Det gick inte"),
                      error.message(language), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_register_error(parent: QWidget | None, error: RegisterError, language: str) -> None:
    register_error_box(error, language, parent).exec()


def install_excepthook(log_file: Path, language: Callable[[], str]) -> None:
    """Log every uncaught exception and tell the user (in a dialog once Qt is running)."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if isinstance(error, RegisterError):
            log.warning("%s", error.message_sv)
        else:
            log.error("Oväntat fel", exc_info=(kind, error, trace))
        if QApplication.instance() is None or showing:
            sys.__excepthook__(kind, error, trace)
            return
        showing = True  # an error while the dialog is up is logged, not stacked
        try:
            if isinstance(error, RegisterError):
                show_register_error(QApplication.activeWindow(), error, language())
            else:
                details = "".join(traceback.format_exception(kind, error, trace))
                ErrorDialog(error, details, log_file, QApplication.activeWindow()).exec()
        finally:
            showing = False

    sys.excepthook = hook
