"""Storage faults: a locked, full, read-only or damaged register, a killed backup, and an import that can
no longer be undone once the code lists changed. Each ends in a Swedish message on the command line and
in the app, never a traceback, and leaves the register exactly as it was.

The disk's faults are made where the OS or SQLite reports them, not with chmod: tests may run as root,
whom permissions do not stop, and the app makes its owner's folder writable again at start anyway
(`AppPaths.ensure`). A full disk is SQLite's `max_page_count` (no database may grow by a page) or an
ENOSPC from openpyxl's save; a read-only disk is SQLite opening the register read-only (`mode=ro`) or
the EROFS that `os.chmod` raises on a read-only file system, which is where the app first meets it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from bra_desktop import cli
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.batch import import_files
from bra_desktop.bundle.undo import can_undo, import_history, undo_import
from bra_desktop.domain.models import Activity
from bra_desktop.store import codelists, engine
from bra_desktop.store.backup import PARTIAL_ABANDONED_AFTER, list_backups
from bra_desktop.store.errors import NotWritable, RegisterBusy, RegisterError
from bra_desktop.ui import app as app_module
from bra_desktop.ui.main_window import MainWindow

from bundle_files import fingerprint, run_cli
from conftest import add
from test_ui_main_window import when_modal


@pytest.fixture
def database(app_context) -> Path:
    return app_context.paths.database


@pytest.fixture
def gui(qapp, monkeypatch):
    """The test QApplication for `run_gui`, with what it changes for the process put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield qapp
    for translator in getattr(qapp, "_bra_translators", []):
        qapp.removeTranslator(translator)
    qapp._bra_translators = []


def shown_errors(monkeypatch) -> list[RegisterError]:
    """The messages the app shows in its error box from now on (instead of waiting for a click)."""
    shown: list[RegisterError] = []
    monkeypatch.setattr(app_module, "show_register_error", lambda parent, error, language: shown.append(error))
    return shown


def one_line_error(output: str) -> str:
    """The command line's message, checked to be one line that says Fel and shows no traceback."""
    assert "Traceback" not in output and "Oväntat fel" not in output and "sqlite3" not in output, output
    [line] = output.strip().splitlines()
    assert line.startswith("Fel: ")
    return line


# --- 1. a register another program holds -------------------------------------------------------


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)


@contextmanager
def held_by_another_program(database: Path, *, readers_too: bool = False) -> Iterator[None]:
    """Another program's write lock on the register until the block ends; with `readers_too` it holds
    the file for itself alone (`locking_mode=EXCLUSIVE`, as some database tools do)."""
    other = sqlite3.connect(database, isolation_level=None)
    if readers_too:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_locked_register_waits_a_moment_then_says_another_program_uses_it(app_context, database, short_wait):
    app_context.open_register().close()  # nobody has claimed it yet: `init` writes
    before = fingerprint(database)
    with held_by_another_program(database):
        started = time.monotonic()
        code, output = run_cli("init", "--county", "01")
        waited = time.monotonic() - started
    assert code == 1
    assert one_line_error(output).startswith(f"Fel: Ett annat program använder registret {database} just nu")
    assert waited >= 0.2  # SQLite's busy timeout: a writer that finishes meanwhile is waited for
    assert fingerprint(database) == before
    assert app_context.open_register().producer is None


def test_the_app_says_so_when_another_program_holds_the_register(gui, monkeypatch, app_context, register, database,
                                                                 short_wait):
    register.close()
    shown = shown_errors(monkeypatch)
    before = fingerprint(database)
    with held_by_another_program(database, readers_too=True):
        assert app_module.run_gui(app_context) == 1
    [error] = shown
    assert isinstance(error, RegisterBusy) and str(database) in error.message_sv
    assert error.message("en").startswith("Another program is using the register")
    assert fingerprint(database) == before


# --- 2. a full disk, a read-only folder ----------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """A disk with no room left, as SQLite finds it: no database opened from now on grows by a page."""
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count=1")  # never below the file's size: it just cannot grow
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # what SQLAlchemy calls


def test_a_full_disk_under_the_register_says_so_and_changes_nothing(register, database, full_disk):
    register.close()
    before = fingerprint(database)
    code, output = run_cli("demo", "--activities", "50")
    assert code == 1
    assert one_line_error(output).startswith(f"Fel: Disken är full: {database} kan inte skrivas. Ingenting har ändrats.")
    assert fingerprint(database) == before


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_file(register, database, full_disk):
    add(register, "activity", title="Sparad")
    register.close()
    before = fingerprint(database)
    code, output = run_cli("backup")
    assert code == 1
    assert one_line_error(output).startswith(f"Fel: Disken är full: {register.backup_dir} kan inte skrivas.")
    assert list(register.backup_dir.iterdir()) == []  # not even the partial copy
    assert fingerprint(database) == before


def test_an_export_to_a_full_disk_says_so_and_leaves_no_file(register, database, monkeypatch, tmp_path):
    def no_room(book, filename):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write says it: without a file name

    add(register, "activity", title="Sparad")
    register.close()
    before = fingerprint(database)
    monkeypatch.setattr(Workbook, "save", no_room)
    out = tmp_path / "ut" / "paket.xlsx"
    out.parent.mkdir()
    code, output = run_cli("export", "--out", str(out))
    assert code == 1
    assert one_line_error(output).startswith(f"Fel: Disken är full: {out} kan inte skrivas.")
    assert list(out.parent.iterdir()) == []
    assert fingerprint(database) == before  # no export receipt either


@pytest.fixture
def read_only_data_folder(fresh_data_dir, monkeypatch):
    """The data folder on a read-only disk: the OS refuses to change anything in it, beginning with the
    folder's own permissions, which the app sets at start."""
    real_chmod = os.chmod

    def chmod(path, *args, **kwargs):
        if Path(path).is_relative_to(fresh_data_dir):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_chmod(path, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)
    return fresh_data_dir


def test_a_read_only_data_folder_says_so_on_the_command_line(register, database, read_only_data_folder):
    """(The register is made before the folder turns read-only: fixtures are set up in the order listed.)"""
    register.close()
    before = fingerprint(database)
    code, output = run_cli("backup")
    assert code == 1
    assert one_line_error(output).startswith(f"Fel: Det går inte att skriva i {read_only_data_folder}: mappen eller "
                                             "filen är skrivskyddad")
    assert fingerprint(database) == before and list_backups(register.backup_dir) == []


def test_a_read_only_data_folder_says_so_in_a_window(gui, monkeypatch, read_only_data_folder):
    shown = shown_errors(monkeypatch)
    assert cli.main([]) == 1  # no subcommand: the app
    [error] = shown
    assert isinstance(error, NotWritable) and str(read_only_data_folder) in error.message_sv


def test_a_register_sqlite_may_only_read_says_so_and_changes_nothing(app_context, database, monkeypatch):
    app_context.open_register().close()
    before = fingerprint(database)
    real_connect = sqlite3.connect

    def read_only(database, *args, **kwargs):
        return real_connect(f"file:{database}?mode=ro", *args, **{**kwargs, "uri": True})

    monkeypatch.setattr(sqlite3.dbapi2, "connect", read_only)
    code, output = run_cli("init", "--county", "01")
    assert code == 1
    assert one_line_error(output).startswith(f"Fel: Det går inte att skriva i {database}: mappen eller filen är "
                                             "skrivskyddad, eller så saknar du behörighet att ändra den. "
                                             "Ingenting har ändrats.")
    assert fingerprint(database) == before


# --- 3. a damaged register -----------------------------------------------------------------------


def damage(database: Path, how: str) -> bytes:
    """Damage the closed register file as a failing disk or a stray program would; returns its bytes."""
    if how == "garbage":
        database.write_bytes(b"inte en databas " * (database.stat().st_size // 16))
    else:
        with open(database, "r+b") as file:
            file.truncate(database.stat().st_size // 2)
    return database.read_bytes()


@pytest.fixture
def backed_up(register):
    """A register with an activity and two backups of it: an older good one, and a newer one that is damaged."""
    add(register, "activity", title="Sparad före skadan")
    good = register.backup("före skadan")
    bad = register.backup("senare")
    bad.write_bytes(b"trasig kopia" * 100)
    register.close()
    return good


@pytest.mark.parametrize("how", ["garbage", "truncated"])
def test_a_damaged_register_names_the_restore_command_and_the_newest_good_backup(database, backed_up, how):
    damaged = damage(database, how)
    files = sorted(database.parent.iterdir())
    code, output = run_cli("report", "--out", str(database.parent / "rapport.xlsx"))
    assert code == 1 and "Traceback" not in output and "Oväntat fel" not in output
    assert output.startswith(f"Fel: Registret {database} är skadat och kan inte läsas")
    assert f"bra-desktop restore {backed_up}" in output  # the newest backup that opens cleanly
    assert database.read_bytes() == damaged and sorted(database.parent.iterdir()) == files


def test_restore_works_when_the_register_is_damaged_and_keeps_the_damaged_file(app_context, database, backed_up):
    damaged = damage(database, "garbage")
    code, output = run_cli("restore", str(backed_up))
    assert code == 0, output
    [aside] = database.parent.glob("register.sqlite.skadad-*")
    assert aside.read_bytes() == damaged and str(aside) in output
    restored = app_context.open_register()
    with restored.session() as session:
        assert list(session.scalars(select(Activity.title))) == ["Sparad före skadan"]
    restored.close()


def test_the_app_offers_the_newest_good_backup_for_a_damaged_register(gui, monkeypatch, app_context, database,
                                                                     backed_up):
    damage(database, "garbage")
    asked = []

    def restore(box: QMessageBox) -> None:
        asked.append((box.text(), box.informativeText()))
        box.button(QMessageBox.StandardButton.Yes).click()

    def event_loop(app: QApplication) -> int:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        asked.append(window.count_label.text())
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    when_modal(QMessageBox, restore)
    assert app_module.run_gui(app_context) == 0
    (message, offer), count = asked
    assert message.startswith(f"Registret {database} är skadat") and "Vill du återställa registret" in offer
    assert count == "1 aktivitet"
    assert len(list(database.parent.glob("register.sqlite.skadad-*"))) == 1


def test_declining_the_restore_leaves_the_damaged_register_as_it_is(gui, monkeypatch, app_context, database, backed_up):
    damaged = damage(database, "garbage")
    monkeypatch.setattr(QApplication, "exec", lambda app: pytest.fail("no window without a register"))
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Close).click())
    assert app_module.run_gui(app_context) == 1
    assert database.read_bytes() == damaged and not list(database.parent.glob("*.skadad-*"))


# --- 4. what a killed backup leaves --------------------------------------------------------------


def test_partial_files_of_killed_backups_are_removed_when_the_register_opens(app_context, database):
    app_context.open_register().close()
    backups = app_context.paths.backup_dir
    long_ago = time.time() - PARTIAL_ABANDONED_AFTER - 60
    killed_backup = backups / "register_20260101-120000-000000_manuell.partial"
    killed_restore = Path(f"{database}.partial")
    under_way = backups / "register_20260101-120001-000000_fore-import-02.partial"  # another window's, now
    for partial in (killed_backup, killed_restore, under_way):
        partial.write_bytes(b"halv kopia")
    for partial in (killed_backup, killed_restore):
        os.utime(partial, (long_ago, long_ago))
    assert list_backups(backups) == []  # never listed as backups
    app_context.open_register().close()
    assert not killed_backup.exists() and not killed_restore.exists()
    assert under_way.exists()


# --- 5. undoing an import after the code lists changed -------------------------------------------


def test_an_import_cannot_be_undone_once_the_code_lists_changed_after_it(register, make_register, tmp_path):
    brå = make_register("BRA")
    add(register, "activity", title="Länets träff")
    [outcome] = import_files(brå, [export_bundle(register, tmp_path / "lan.xlsx", user="anna").path], user="bo")
    assert outcome.imported, outcome.text
    [receipt] = import_history(brå)
    assert can_undo(brå, receipt.id) is None
    codelists.rename_code(brå, "aktivitetstyp", "KONFERENS", "Konferens", "Conference", user="bo")
    reason = "Kodlistorna har ändrats efter importen; den kan inte längre ångras i ett steg."
    assert can_undo(brå, receipt.id) == reason
    with pytest.raises(RegisterError, match=reason):
        undo_import(brå, receipt.id, user="bo")
    with brå.session() as session:
        renamed = next(code for code in codelists.codes(session, "aktivitetstyp") if code.code == "KONFERENS")
    assert (renamed.label_sv, renamed.label_en) == ("Konferens", "Conference")
