"""The two things the main window asks of the forms: edit a record, and delete records.

Both go through the undo stack, so every change made here can be undone with Ctrl+Z.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from bra_desktop.domain.content import Content
from bra_desktop.store.errors import RegisterError
from bra_desktop.ui.commands import DeleteRecordCommand, command_failures, error_message, quoted_title
from bra_desktop.ui.forms.dialog import RecordFormDialog
from bra_desktop.ui.plain_text import plain_auto_text, plain_message_box
from bra_desktop.ui.service import RegisterService


def open_record_editor(parent: QWidget | None, service: RegisterService, undo_stack: QUndoStack,
                       kind_key: str, record_id: str | None = None, initial: Content | None = None) -> str | None:
    """Show the form for a new record (`record_id` None, filled from `initial` if given) or an
    existing one, modally.

    Returns the id of the record saved (the save is on `undo_stack`), or None if the user
    cancelled, changed nothing, or the record was read-only.
    """
    record = None
    if record_id is not None:
        record = service.load(kind_key, record_id)
        if record is None:
            QMessageBox.warning(
                parent, QCoreApplication.translate("RecordActions", "Posten finns inte"),
                QCoreApplication.translate("RecordActions", "Posten finns inte längre i registret."))
            return None
    dialog = RecordFormDialog(service, kind_key, record, parent, undo_stack=undo_stack, initial=initial)
    try:
        dialog.exec()
        return dialog.saved_id
    finally:
        dialog.deleteLater()


def confirm_and_delete(parent: QWidget | None, service: RegisterService, undo_stack: QUndoStack,
                       kind_key: str, record_ids: list[str]) -> bool:
    """Ask, then tombstone the records in one undoable step. True if they were deleted."""
    if not record_ids:
        return False
    records = [record for record in (service.load(kind_key, rid) for rid in record_ids) if record is not None]
    foreign = [record for record in records if not service.is_own(record)]
    if foreign:
        QMessageBox.information(
            parent, QCoreApplication.translate("RecordActions", "Kan inte ta bort"),
            QCoreApplication.translate(
                "RecordActions", "{count} av posterna kommer från andra och kan bara tas bort där de skapades.",
            ).format(count=len(foreign)))
        return False
    if not _confirmed(parent, service, kind_key, records, len(record_ids)):
        return False
    failed = QCoreApplication.translate("RecordActions", "Det gick inte")
    try:
        command = DeleteRecordCommand(service, kind_key, record_ids, command_failures(undo_stack))
    except RegisterError as error:  # a record vanished since the list was shown
        QMessageBox.warning(parent, failed, plain_auto_text(error_message(service, error)))
        return False
    undo_stack.push(command)
    if command.error is not None:
        QMessageBox.warning(parent, failed, plain_auto_text(error_message(service, command.error)))
        return False
    return True


def _confirmed(parent: QWidget | None, service: RegisterService, kind_key: str, records: list, count: int) -> bool:
    """Ask 'Vill du ta bort «…»?' (or 'N aktiviteter'), with 'Avbryt' as the safe default."""
    if count == 1 and records:
        question = QCoreApplication.translate("RecordActions", "Vill du ta bort {title}?").format(
            title=quoted_title(service, kind_key, records[0].content))
    else:
        question = QCoreApplication.translate("RecordActions", "Vill du ta bort {count} {kinds}?").format(
            count=count, kinds=service.kind(kind_key).plural(service.language).lower())
    box = plain_message_box(
        parent, QMessageBox.Icon.Question, QCoreApplication.translate("RecordActions", "Ta bort"), question,
        QMessageBox.StandardButton.NoButton, informative=QCoreApplication.translate(
            "RecordActions",
            "Posterna markeras som borttagna och följer med som borttagna i nästa paket. Du kan ångra med Ctrl+Z."))
    delete = box.addButton(QCoreApplication.translate("RecordActions", "Ta bort"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QCoreApplication.translate("RecordActions", "Avbryt"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is delete
