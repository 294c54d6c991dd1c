"""The dialog around a record form: whose record it is, Save and Cancel, and what went wrong.

Saving pushes a Create/EditRecordCommand onto the undo stack, so a save from a form can be undone
like any other change. If the register refuses the write (someone changed the record meanwhile,
a linked record was deleted), the message is shown above the form and the dialog stays open with
everything the user typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from bra_desktop.domain.content import Content
from bra_desktop.store.repository import StoredRecord
from bra_desktop.ui.commands import (
    CreateRecordCommand, EditRecordCommand, command_failures, error_message, new_record_text, quoted_title,
)
from bra_desktop.ui.forms.choices import producer_name
from bra_desktop.ui.forms.form import RecordForm, show_message
from bra_desktop.ui.plain_text import error_label, plain_label
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.window_size import resize_within_screen

NOTE_STYLE = "background: #fff4ce; border: 1px solid #e0c97a; border-radius: 3px; padding: 6px;"


class RecordFormDialog(QDialog):
    """Create (`record` None, starting from `initial` if given) or edit one record; read-only for
    another producer's record."""

    def __init__(self, service: RegisterService, kind_key: str, record: StoredRecord | None = None,
                 parent: QWidget | None = None, undo_stack: QUndoStack | None = None,
                 initial: Content | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.kind_key = kind_key
        self.record = record
        self.saved_id: str | None = None
        """The id of the record saved by this dialog; None until saved (or if nothing changed)."""
        self._stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.read_only = record is not None and (record.deleted or not service.is_own(record))
        if record is None:
            self.setWindowTitle(new_record_text(kind_key))
        else:
            label = service.kind(kind_key).label(service.language)
            self.setWindowTitle(f"{label} {quoted_title(service, kind_key, record.content)}")

        layout = QVBoxLayout(self)
        self.note_label = plain_label(self._note(), self)
        self.note_label.setStyleSheet(NOTE_STYLE)
        self.note_label.setVisible(bool(self.note_label.text()))
        layout.addWidget(self.note_label)
        self.save_error_label = error_label(self)
        layout.addWidget(self.save_error_label)
        self.form = RecordForm(service, kind_key, record, self, initial)
        self.form.set_read_only(self.read_only)
        layout.addWidget(self.form, 1)
        layout.addLayout(self._footer())
        self._initial = self.form.content()
        resize_within_screen(self, 920, 660)
        # typing after Ctrl+N goes into the first field, not to the tab bar Qt would pick
        first = self.form.editor(self.service.kind(kind_key).fields[0].name) if not self.read_only else self.buttons
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _footer(self) -> QHBoxLayout:
        """Why Save is disabled (left) and the buttons (right); a read-only record only closes."""
        footer = QHBoxLayout()
        self.hint_label = plain_label("", self)
        if self.record is not None:
            self.history_button = QPushButton(self.tr("Historik…"), self)
            self.history_button.clicked.connect(self.show_history)
            footer.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignBottom)
        footer.addWidget(self.hint_label, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button: QPushButton | None = None
        if self.read_only:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stäng"))
        else:
            self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
            self.save_button.setText(self.tr("Spara"))
            self.save_button.setDefault(True)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
            self.buttons.accepted.connect(self.save)
            self.form.sig_validated.connect(self._validated)
            self.form.sig_edited.connect(lambda: show_message(self.save_error_label, ""))
            self._validated(self.form.is_valid())
        self.buttons.rejected.connect(self.reject)
        footer.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignBottom)
        return footer

    def show_history(self) -> None:
        """Every change of the record; a version chosen to go back to fills the form, to be saved."""
        from bra_desktop.store.history import record_history
        from bra_desktop.ui.forms.history_dialog import HistoryDialog

        assert self.record is not None
        entries = self.service.read(record_history, self.service.kind(self.kind_key), self.record.id)
        dialog = HistoryDialog(entries, self.windowTitle(), can_restore=not self.read_only, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.form.fill(dialog.chosen)

    def _note(self) -> str:
        if self.record is None:
            return ""
        if self.record.deleted:
            return self.tr("Posten är borttagen och kan inte ändras. "
                           "Ångra borttagningen för att få tillbaka den.")
        if not self.service.is_own(self.record):
            return self.tr("Posten kommer från {origin} och kan bara ändras där.").format(
                origin=producer_name(self.service, self.record.origin))
        return ""

    def content(self) -> Content:
        return self.form.content()

    def _validated(self, valid: bool) -> None:
        assert self.save_button is not None
        self.save_button.setEnabled(valid)
        if valid:
            hint = ""
        elif self.form.has_held_back_problems():
            hint = self.tr("Fält markerade med * måste fyllas i.")
        else:
            hint = self.tr("Rätta det som är markerat innan du sparar.")
        self.hint_label.setText(hint)

    def is_dirty(self) -> bool:
        return not self.read_only and self.form.content() != self._initial

    def save(self) -> None:
        """Save through the undo stack; on failure show why and keep the dialog and its content."""
        self.form.validate_now()
        if not self.form.is_valid():
            self.form.reveal_all_problems()
            return
        content = self.form.content()
        if self.record is not None and content == self.record.content:
            self.accept()
            return
        failures = command_failures(self._stack)
        if self.record is None:
            command = CreateRecordCommand(self.service, self.kind_key, content, failures)
        else:
            command = EditRecordCommand(self.service, self.kind_key, self.record.id, self.record.content,
                                        content, expected_version=self.record.version, failures=failures)
        self._stack.push(command)
        if command.error is not None:
            show_message(self.save_error_label, error_message(self.service, command.error))
            return
        self.saved_id = command.record_id
        self.accept()

    def reject(self) -> None:
        """Ask before throwing away what the user typed."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Kasta ändringarna?"),
                self.tr("Du har ändringar som inte är sparade. Vill du stänga utan att spara?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
