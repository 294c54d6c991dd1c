"""Undo and redo of record writes, through a real QUndoStack on a real register."""

from __future__ import annotations

from datetime import date

import pytest

from bra_desktop.changes import Changes
from bra_desktop.domain.fields import KINDS
from bra_desktop.store.changelog import history
from bra_desktop.store.errors import VersionConflict
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record
from bra_desktop.ui import commands
from bra_desktop.ui.commands import (
    CreateRecordCommand, DeleteRecordCommand, EditRecordCommand, command_failures,
)

from conftest import add

ACTIVITY_CONTENT = {"title": "Nätverksträff", "activity_type": "NATVERKSTRAFF", "status": "GENOMFORD",
                    "start_date": date(2026, 3, 12), "municipalities": ("0180",)}


def foreign(register, kind: str, **content):
    """A record made by another county (Uppsala, 03): read-only in this register."""
    with register.session() as session:
        record = create_record(session, KINDS[kind], content, user="uppsala", origin="03",
                               reference=load_reference(session))
        session.commit()
    return record


def actions(register, record_id: str) -> list[str]:
    with register.session() as session:
        return [entry.action for entry in history(session, record_id)]


def test_create_undo_redo_tombstones_and_restores_the_same_record(service, stack, register, qtbot):
    command = CreateRecordCommand(service, "activity", ACTIVITY_CONTENT, command_failures(stack))
    assert command.text() == "Ny aktivitet «Nätverksträff»"
    with qtbot.waitSignal(service.sig_changed) as changed:
        stack.push(command)
    record_id = command.record_id
    assert changed.args == [Changes.of("activity", [record_id])]
    assert service.load("activity", record_id).content["municipalities"] == ("0180",)
    stack.undo()
    assert service.load("activity", record_id).deleted
    stack.redo()
    restored = service.load("activity", record_id)
    assert not restored.deleted and restored.content["title"] == "Nätverksträff"
    assert actions(register, record_id) == ["create", "delete", "restore"]
    assert (stack.count(), stack.index()) == (1, 1)


def test_new_record_texts_follow_swedish_gender(service):
    assert CreateRecordCommand(service, "network", {"name": "Kärnnätverket"}).text() == "Nytt nätverk «Kärnnätverket»"
    long_title = CreateRecordCommand(service, "commitment", {"title": "x" * 80}).text()
    assert long_title.startswith("Nytt åtagande «x") and long_title.endswith("…»") and len(long_title) < 60


def test_edit_undo_redo_writes_before_and_after(service, stack, register):
    record = add(register, "activity", participants=20)
    after = {**record.content, "participants": 0, "title": "Ändrad träff"}
    command = EditRecordCommand(service, "activity", record.id, record.content, after,
                                expected_version=record.version)
    assert command.text() == "Ändra aktivitet «Ändrad träff»"
    stack.push(command)
    assert service.load("activity", record.id).content["participants"] == 0
    stack.undo()
    assert service.load("activity", record.id).content == record.content
    stack.redo()
    redone = service.load("activity", record.id)
    assert (redone.content["title"], redone.content["participants"], redone.version) == ("Ändrad träff", 0, 4)


def test_delete_several_and_undo_restores_each_with_its_content(service, stack, register):
    records = [add(register, "activity", title=f"Träff {n}", participants=n) for n in range(3)]
    command = DeleteRecordCommand(service, "activity", [r.id for r in records])
    assert command.text() == "Ta bort 3 aktiviteter"
    stack.push(command)
    assert all(service.load("activity", r.id).deleted for r in records)
    stack.undo()
    for record in records:
        restored = service.load("activity", record.id)
        assert not restored.deleted and restored.content == record.content
    single = DeleteRecordCommand(service, "activity", [records[0].id])
    assert single.text() == "Ta bort aktivitet «Träff 0»"


def test_failed_undo_is_reported_and_leaves_the_stack_consistent(service, stack, register, qtbot):
    record = add(register, "activity")
    stack.push(EditRecordCommand(service, "activity", record.id, record.content,
                                 {**record.content, "participants": 5}, expected_version=record.version,
                                 failures=command_failures(stack)))
    # Someone else (an import, a colleague) changes the record after our edit.
    elsewhere = service.update("activity", record.id, {**record.content, "participants": 7})
    with qtbot.waitSignal(command_failures(stack).sig_failed) as failed:
        stack.undo()
    assert failed.args[0].startswith("Det gick inte att ångra Ändra aktivitet «Nätverksträff»: ")
    assert "har ändrats av testare" in failed.args[0]
    assert service.load("activity", record.id).content == elsewhere.content
    assert (stack.count(), stack.index(), stack.canUndo(), stack.canRedo()) == (0, 0, False, False)


def test_failed_redo_is_reported_and_dropped(service, stack, register, qtbot):
    record = add(register, "activity")
    stack.push(CreateRecordCommand(service, "activity", ACTIVITY_CONTENT, command_failures(stack)))
    stack.push(DeleteRecordCommand(service, "activity", [record.id], command_failures(stack)))
    stack.undo()
    service.update("activity", record.id, {**record.content, "participants": 3})
    with qtbot.waitSignal(command_failures(stack).sig_failed) as failed:
        stack.redo()
    assert failed.args[0].startswith("Det gick inte att göra om Ta bort aktivitet «Nätverksträff»: ")
    assert not service.load("activity", record.id).deleted
    assert (stack.count(), stack.index(), stack.undoText()) == (1, 1, "Ny aktivitet «Nätverksträff»")


def test_a_first_redo_that_fails_is_not_pushed_and_keeps_its_error(service, stack, register, qtbot):
    record = add(register, "activity")
    service.update("activity", record.id, {**record.content, "participants": 1})
    command = EditRecordCommand(service, "activity", record.id, record.content,
                                {**record.content, "title": "Min ändring"}, expected_version=record.version,
                                failures=command_failures(stack))
    with qtbot.assertNotEmitted(command_failures(stack).sig_failed):
        stack.push(command)
    assert isinstance(command.error, VersionConflict)
    assert stack.count() == 0
    assert service.load("activity", record.id).content["title"] == "Nätverksträff"


def test_delete_is_all_or_nothing(service, stack, register):
    own = add(register, "organisation", name="Vår kommun")
    theirs = foreign(register, "organisation", name="Uppsala kommun", org_type="KOMMUN")
    command = DeleteRecordCommand(service, "organisation", [own.id, theirs.id])
    stack.push(command)
    assert "kan bara ändras där" in command.error.message_sv
    assert stack.count() == 0
    assert not service.load("organisation", own.id).deleted and not service.load("organisation", theirs.id).deleted


def test_failures_without_a_listener_are_shown_in_a_message_box(service, stack, register, monkeypatch):
    shown = []
    monkeypatch.setattr(commands.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    record = add(register, "activity")
    stack.push(DeleteRecordCommand(service, "activity", [record.id], command_failures(stack)))
    service.update("activity", record.id, record.content)  # restored elsewhere
    stack.undo()
    assert len(shown) == 1 and "Det gick inte att ångra" in shown[0]


def test_network_edit_can_be_undone(service, stack, register):
    network = add(register, "network")
    command = EditRecordCommand(service, "network", network.id, network.content,
                                {**network.content, "name": "Nytt namn"})
    stack.push(command)
    if command.error is not None:
        raise command.error
    assert service.load("network", network.id).content["name"] == "Nytt namn"


def test_undo_edit_after_undoing_a_later_delete_of_the_same_record(service, stack, register):
    """Edit, delete, undo the delete, undo the edit: the versions the delete and restore added in
    between must not make the edit's undo look like someone else's change."""
    activity = add(register, "activity", title="Före")
    failures = command_failures(stack)
    failures.sig_failed.connect(pytest.fail)
    stack.push(EditRecordCommand(service, "activity", activity.id, activity.content,
                                 {**activity.content, "title": "Efter"}, expected_version=activity.version,
                                 failures=failures))
    stack.push(DeleteRecordCommand(service, "activity", [activity.id], failures=failures))
    stack.undo()
    stack.undo()
    record = service.load("activity", activity.id)
    assert (record.content["title"], record.deleted) == ("Före", False)
    stack.redo()
    stack.redo()
    assert service.load("activity", activity.id).deleted


def test_undo_refuses_when_the_record_changed_elsewhere(service, stack, register):
    activity = add(register, "activity", title="Före")
    stack.push(EditRecordCommand(service, "activity", activity.id, activity.content,
                                 {**activity.content, "title": "Efter"}, expected_version=activity.version,
                                 failures=command_failures(stack)))
    current = service.load("activity", activity.id)
    service.update("activity", activity.id, {**current.content, "title": "Import"})
    shown = []
    command_failures(stack).sig_failed.connect(shown.append)
    stack.undo()
    assert service.load("activity", activity.id).content["title"] == "Import"
    assert shown and "har ändrats av" in shown[0]
