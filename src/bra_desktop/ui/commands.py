"""Undoable writes: creating, editing and deleting records as QUndoCommands over `RegisterService`.

Every form save and every delete goes through one of these commands, so Ctrl+Z works the same
whichever window made the change. A record is never hard-deleted: undoing a create tombstones the
record, and undoing a delete restores the tombstone with its old content (`update_record` on a
tombstone restores it), so the change log tells the whole story.

Before an undo or redo writes, the command checks that the record is still exactly as the command
left it (content and tombstone flag) and passes that version as `expected_version`, so an undo never
overwrites a change made since (by an import, or another user of a shared register), while the
versions that other commands on the same record add in between do not matter. A write
that fails leaves the register as it was, marks the command obsolete (QUndoStack then drops it, so
the stack never claims a state the register is not in) and reports why through `CommandFailures`.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMetaMethod, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from bra_desktop.domain.content import normalise
from bra_desktop.store.errors import RegisterError, VersionConflict
from bra_desktop.ui.plain_text import plain_auto_text
from bra_desktop.ui.service import RegisterService

log = logging.getLogger(__name__)

_TITLE_LENGTH = 40

_NEW_RECORD = {
    "activity": QT_TRANSLATE_NOOP("RecordCommand", "Ny aktivitet"),
    "commitment": QT_TRANSLATE_NOOP("RecordCommand", "Nytt åtagande"),
    "problem_area": QT_TRANSLATE_NOOP("RecordCommand", "Nytt problemområde"),
    "network": QT_TRANSLATE_NOOP("RecordCommand", "Nytt nätverk"),
    "organisation": QT_TRANSLATE_NOOP("RecordCommand", "Ny organisation"),
    "follow_up": QT_TRANSLATE_NOOP("RecordCommand", "Ny kommunuppföljning"),
    "county_report": QT_TRANSLATE_NOOP("RecordCommand", "Ny redovisning"),
}
"""'New …' per kind, spelled out because Swedish nouns differ in gender (en aktivitet, ett nätverk)."""


def new_record_text(kind_key: str) -> str:
    """'Ny aktivitet', 'Nytt nätverk' …: the name of a record that is not saved yet."""
    return QCoreApplication.translate("RecordCommand", _NEW_RECORD[kind_key])


def quoted_title(service: RegisterService, kind_key: str, content: dict[str, Any]) -> str:
    """The record's title in «», shortened so it fits in a menu ('Ångra Ändra aktivitet «…»')."""
    kind = service.kind(kind_key)
    parts = [content.get(name) for name in kind.identity or (kind.title_field,)]  # a follow-up: «1440 · 2026»
    title = " · ".join(str(part) for part in parts if part is not None).replace("\n", " ").strip()
    if len(title) > _TITLE_LENGTH:
        title = title[: _TITLE_LENGTH - 1].rstrip() + "…"
    return f"«{title}»"


def error_message(service: RegisterService, error: Exception) -> str:
    """What to tell the user about a failed write, in the UI language."""
    if isinstance(error, RegisterError):
        return error.message(service.language)
    return QCoreApplication.translate("RecordCommand", "Ett oväntat fel inträffade: {error}").format(error=error)


class CommandFailures(QObject):
    """Where an undo stack's commands report a write they could not carry out."""

    sig_failed = Signal(str)
    """(message) an undo or redo failed: the register is unchanged and the command left the stack."""

    def report(self, message: str) -> None:
        """Tell whoever listens; with no listener, show the message so it is never lost."""
        if self.isSignalConnected(QMetaMethod.fromSignal(self.sig_failed)):
            self.sig_failed.emit(message)
        else:
            QMessageBox.warning(QApplication.activeWindow(), self.tr("Det gick inte"), plain_auto_text(message))


def command_failures(stack: QUndoStack) -> CommandFailures:
    """The failure reporter of `stack` (made on first use): connect `sig_failed` to show errors."""
    found = stack.findChild(CommandFailures)
    return found if found is not None else CommandFailures(stack)


class _RecordCommand(QUndoCommand):
    """A write that is done by `_apply` and undone by `_revert`, never raising into Qt.

    The first redo happens inside `QUndoStack.push`: if it fails, `error` says why and the stack
    drops the command, so the caller (a form) can show the message and keep what the user typed.
    Later failures (Ctrl+Z, Ctrl+Shift+Z) go to `failures` (without one: a message box).
    """

    def __init__(self, service: RegisterService, kind_key: str, text: str,
                 failures: CommandFailures | None) -> None:
        super().__init__(text)
        self.service = service
        self.kind_key = kind_key
        self.error: Exception | None = None
        self._failures = failures if failures is not None else CommandFailures()
        self._pushed = False

    def redo(self) -> None:
        first = not self._pushed
        self._pushed = True
        report = QCoreApplication.translate("RecordCommand", "Det gick inte att göra om {action}: {message}")
        self._attempt(self._apply, None if first else report)

    def undo(self) -> None:
        self._attempt(self._revert, QCoreApplication.translate("RecordCommand", "Det gick inte att ångra {action}: {message}"))

    def _attempt(self, write: Callable[[], None], report: str | None) -> None:
        try:
            write()
        except Exception as error:  # an exception must not escape into Qt's undo stack
            if not isinstance(error, RegisterError):
                log.exception("%s failed", self.text())
            self.error = error
            self.setObsolete(True)
            if report is not None:
                self._failures.report(report.format(action=self.text(), message=error_message(self.service, error)))

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError

    def _version_if_unchanged(self, record_id: str, content: dict[str, Any], deleted: bool) -> int:
        """The record's version if it is still as this command left it; else refuse to write."""
        kind = self.service.kind(self.kind_key)
        record = self.service.load(self.kind_key, record_id)
        if record is None or record.deleted != deleted or record.content != normalise(kind, content):
            by = record.updated_by if record is not None else "?"
            raise VersionConflict(
                f"{kind.label_sv} har ändrats av {by} sedan dess, så ändringen kan inte tas tillbaka.",
                f"The {kind.label_en.lower()} was changed by {by} since, so the change cannot be taken back.",
            )
        return record.version


class CreateRecordCommand(_RecordCommand):
    """A new record: redo creates it (later: restores it), undo tombstones it."""

    def __init__(self, service: RegisterService, kind_key: str, content: dict[str, Any],
                 failures: CommandFailures | None = None) -> None:
        text = f"{new_record_text(kind_key)} {quoted_title(service, kind_key, content)}"
        super().__init__(service, kind_key, text, failures)
        self._content = dict(content)
        self.record_id: str | None = None

    def _apply(self) -> None:
        if self.record_id is None:
            self.record_id = self.service.create(self.kind_key, self._content).id
            return
        version = self._version_if_unchanged(self.record_id, self._content, deleted=True)
        self.service.update(self.kind_key, self.record_id, self._content, expected_version=version)

    def _revert(self) -> None:
        assert self.record_id is not None
        version = self._version_if_unchanged(self.record_id, self._content, deleted=False)
        self.service.delete(self.kind_key, self.record_id, expected_version=version)


class EditRecordCommand(_RecordCommand):
    """A changed record: redo writes `after`, undo writes `before`.

    `expected_version` is the version the form loaded, so saving over someone else's newer change
    fails with a VersionConflict instead of silently overwriting it.
    """

    def __init__(self, service: RegisterService, kind_key: str, record_id: str,
                 before_content: dict[str, Any], after_content: dict[str, Any],
                 expected_version: int | None = None, failures: CommandFailures | None = None) -> None:
        label = service.kind(kind_key).label(service.language).lower()
        text = QCoreApplication.translate("RecordCommand", "Ändra {kind} {title}").format(
            kind=label, title=quoted_title(service, kind_key, after_content))
        super().__init__(service, kind_key, text, failures)
        self.record_id = record_id
        self._before = dict(before_content)
        self._after = dict(after_content)
        self._loaded_version = expected_version

    def _apply(self) -> None:
        if self._loaded_version is not None:  # the form's save: against the version it loaded
            version, self._loaded_version = self._loaded_version, None
        else:
            version = self._version_if_unchanged(self.record_id, self._before, deleted=False)
        self.service.update(self.kind_key, self.record_id, self._after, expected_version=version)

    def _revert(self) -> None:
        version = self._version_if_unchanged(self.record_id, self._after, deleted=False)
        self.service.update(self.kind_key, self.record_id, self._before, expected_version=version)


class DeleteRecordCommand(_RecordCommand):
    """Records tombstoned together: redo deletes them all, undo restores them all with their content.

    The service writes one record per transaction, so if one of them fails, the ones already
    written are put back before the error is reported: the command is all or nothing.
    """

    def __init__(self, service: RegisterService, kind_key: str, record_ids: list[str],
                 failures: CommandFailures | None = None) -> None:
        records = [service.load(kind_key, record_id) for record_id in record_ids]
        missing = [rid for rid, record in zip(record_ids, records) if record is None]
        if missing:
            kind = service.kind(kind_key)
            raise RegisterError(
                f"{kind.label_sv} {', '.join(missing)} finns inte i registret.",
                f"{kind.label_en} {', '.join(missing)} is not in the register.",
            )
        kind = service.kind(kind_key)
        if len(records) == 1:
            text = QCoreApplication.translate("RecordCommand", "Ta bort {kind} {title}").format(
                kind=kind.label(service.language).lower(), title=quoted_title(service, kind_key, records[0].content))
        else:
            text = QCoreApplication.translate("RecordCommand", "Ta bort {count} {kinds}").format(
                count=len(records), kinds=kind.plural(service.language).lower())
        super().__init__(service, kind_key, text, failures)
        self.record_ids = list(record_ids)
        self._content = {record.id: record.content for record in records}

    def _delete(self, record_id: str) -> None:
        version = self._version_if_unchanged(record_id, self._content[record_id], deleted=False)
        self.service.delete(self.kind_key, record_id, expected_version=version)

    def _restore(self, record_id: str) -> None:
        version = self._version_if_unchanged(record_id, self._content[record_id], deleted=True)
        self.service.update(self.kind_key, record_id, self._content[record_id], expected_version=version)

    def _all_or_nothing(self, step: Callable[[str], None], back: Callable[[str], None]) -> None:
        done: list[str] = []
        try:
            for record_id in self.record_ids:
                step(record_id)
                done.append(record_id)
        except Exception:
            for record_id in reversed(done):
                back(record_id)
            raise

    def _apply(self) -> None:
        self._all_or_nothing(self._delete, self._restore)

    def _revert(self) -> None:
        self._all_or_nothing(self._restore, self._delete)
