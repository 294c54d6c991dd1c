"""Exporting in a child process (bundle/export_process.py): what the app's export dialog runs."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from bra_desktop.bundle.export import Cancelled
from bra_desktop.bundle.export_process import export_in_process
from bra_desktop.domain.models import BundleReceipt, SyncBase
from bra_desktop.store.errors import RegisterError
from conftest import add

pytestmark = pytest.mark.both_engines


def count(register, model) -> int:
    with register.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_child_writes_the_bundle_and_records_it_in_the_register(register, tmp_path):
    for n in range(3):
        add(register, "activity", title=f"Träff {n}")
    seen = []
    result = export_in_process(register.url, register.backup_dir, tmp_path / "paket.xlsx", user="bo",
                               progress=lambda done, total: seen.append((done, total)))
    assert result.path == tmp_path / "paket.xlsx" and result.counts["Aktiviteter"] == 3
    header, *rows = CalamineWorkbook.from_path(str(result.path)).get_sheet_by_name("Aktiviteter").to_python()
    assert sorted(row[header.index("Rubrik")] for row in rows) == ["Träff 0", "Träff 1", "Träff 2"]
    assert seen[-1] == (3, 3)
    assert count(register, BundleReceipt) == 1 and count(register, SyncBase) == 3


def test_a_cancel_given_when_the_child_is_at_the_end_still_leaves_nothing(register, tmp_path):
    add(register, "activity", title="Träff")
    seen = []

    def cancelled() -> bool:  # a person cancels only once the child reported its last row
        return bool(seen) and seen[-1][0] == seen[-1][1]

    with pytest.raises(Cancelled):
        export_in_process(register.url, register.backup_dir, tmp_path / "avbrutet.xlsx", user="bo",
                          progress=lambda done, total: seen.append((done, total)), cancelled=cancelled)
    assert not list(tmp_path.glob("*.xlsx"))
    assert count(register, BundleReceipt) == 0 and count(register, SyncBase) == 0


def test_an_error_in_the_child_comes_back_with_its_messages(tmp_path, make_register):
    unowned = make_register("01")
    with unowned.session() as session:  # a register nobody has claimed yet: export refuses
        from bra_desktop.domain.models import RegisterInfo

        session.execute(RegisterInfo.__table__.delete().where(RegisterInfo.key == "producer"))
        session.commit()
    with pytest.raises(RegisterError) as raised:
        export_in_process(unowned.url, unowned.backup_dir, tmp_path / "x.xlsx", user="bo")
    assert raised.value.message_sv.startswith("Registret har ingen ägare ännu")
    assert raised.value.message_en.startswith("The register has no owner yet")


def test_a_full_disk_in_the_child_comes_back_as_the_message_and_leaves_no_file(register, tmp_path, monkeypatch):
    """The child's own work, run here so that the disk can be made full: an OSError from the
    workbook's save is the message the command line gives too, not a crash with a traceback."""
    import errno
    import multiprocessing
    import os

    from openpyxl import Workbook

    from bra_desktop.bundle.export_process import _export

    def no_room(book, filename):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    add(register, "activity", title="Sparad")
    monkeypatch.setattr(Workbook, "save", no_room)
    parent, child = multiprocessing.Pipe()
    parent.send(False)  # not cancelled, answered before the child asks at its last row
    out = tmp_path / "ut" / "paket.xlsx"
    out.parent.mkdir()
    _export(child, multiprocessing.Event(), register.url, str(register.backup_dir), str(out), "bo", "full", False)
    messages = []
    while parent.poll():  # until the child's end of the pipe is closed
        try:
            messages.append(parent.recv())
        except EOFError:
            break
    assert messages[-1][:2] == ("error", f"Disken är full: {out} kan inte skrivas. Ingenting har ändrats. "
                                         "Frigör utrymme på disken och försök igen.")
    assert list(out.parent.iterdir()) == [] and count(register, BundleReceipt) == 0
