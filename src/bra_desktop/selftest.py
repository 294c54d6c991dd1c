"""`bra-desktop self-test`: does the app work on this computer?

Runs the app's main paths on a throw-away register in a temporary folder, never the user's own:
open and upgrade a register, write and read one record of every kind through the repository,
check the change log, back up and restore, export a bundle and import it into a second register
(Brå's), and (unless `--no-gui`) show the main window offscreen. It prints one Swedish line per check, so a support person can read the result over
the phone, and returns 0 only if every check passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bra_desktop.bundle.export_process import export_in_process
from bra_desktop.bundle.batch import Confirmations, import_files
from bra_desktop.context import AppContext
from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS, FieldSpec, FieldType
from bra_desktop.domain.validation import Reference
from bra_desktop.store.backup import restore_database
from bra_desktop.store.changelog import history
from bra_desktop.store.reference import load_reference
from bra_desktop.domain.signing import fingerprint
from bra_desktop.store.keys import own_public_key
from bra_desktop.store.register import NATIONAL, Register, open_register
from bra_desktop.store.repository import create_record, delete_record, load_record

_SAMPLES: dict[FieldType, Any] = {
    FieldType.TEXT: "Självtest – åäö",
    FieldType.LONG_TEXT: "Första raden\nAndra raden med åäö",
    FieldType.DATE: date(2026, 1, 15),
    FieldType.INTEGER: 12,
    FieldType.MUNICIPALITY: "0180",
    FieldType.MUNICIPALITIES: ("0180", "0181"),
    FieldType.ORG_NUMBER: "212000-0142",
    FieldType.EMAIL: "sjalvtest@example.se",
    FieldType.PHONE: "08-123 456 78",
}


class _Run:
    """The register under test and the records written so far."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ctx = AppContext.create(str(folder))
        self.register: Register | None = None
        self.created: dict[str, str] = {}

    @property
    def open(self) -> Register:
        assert self.register is not None, "registret öppnades inte"
        return self.register


def run_self_test(show_window: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="bra-desktop-sjalvtest-") as folder:
        run = _Run(Path(folder))
        checks: list[tuple[str, Callable[[_Run], None]]] = [
            ("Ett nytt register skapas och uppgraderas", _open_register),
            ("En post av varje slag skrivs och läses tillbaka", _write_and_read),
            ("Ändringsloggen har varje ändring", _change_log),
            ("Säkerhetskopia tas och återställs", _backup_and_restore),
            ("Ett Brå-paket skrivs och läses in i ett annat register", _bundle_round_trip),
        ]
        if show_window:
            checks.append(("Huvudfönstret visas", _show_window))
        failed = 0
        for name, check in checks:
            try:
                check(run)
            except Exception as error:  # noqa: BLE001 (every failure is reported, then the next check runs)
                failed += 1
                print(f"FEL  {name}: {type(error).__name__}: {error}")
                traceback.print_exc(file=sys.stderr)
            else:
                print(f"OK   {name}")
        if run.register is not None:
            run.register.close()
    if failed:
        print(f"Självtestet misslyckades: {failed} av {len(checks)} kontroller gick fel.")
        return 1
    print(f"Självtestet lyckades: alla {len(checks)} kontroller gick bra.")
    return 0


def _open_register(run: _Run) -> None:
    run.register = run.ctx.open_register()
    run.register.start("01")
    assert run.register.producer == "01", "registret fick ingen ägare"


def _sample_content(kind_key: str, reference: Reference, created: dict[str, str]) -> dict[str, Any]:
    def value(spec: FieldSpec) -> Any:
        if spec.type in (FieldType.CODE, FieldType.CODES):
            first = next(code for code, active in reference.codes[spec.code_list or ""].items() if active)
            return (first,) if spec.multi else first
        if spec.type in (FieldType.REF, FieldType.REFS):
            target = created[spec.ref_kind or ""]
            return (target,) if spec.multi else target
        if spec.type == FieldType.INTEGER:
            return min(max(_SAMPLES[spec.type], spec.minimum), spec.maximum)  # a follow-up's year: 2023
        return _SAMPLES[spec.type]

    return {spec.name: value(spec) for spec in KINDS[kind_key].fields}


def _write_and_read(run: _Run) -> None:
    register = run.open
    for kind_key in DEPENDENCY_ORDER:
        kind = KINDS[kind_key]
        with register.session() as session:
            content = _sample_content(kind_key, load_reference(session), run.created)
            written = create_record(session, kind, content, user="sjalvtest", origin="01",
                                    reference=load_reference(session))
            session.commit()
        with register.session() as session:
            read = load_record(session, kind, written.id)
        assert read is not None and read.content == written.content, f"{kind.label_sv} lästes inte tillbaka lika"
        run.created[kind_key] = written.id


def _change_log(run: _Run) -> None:
    with run.open.session() as session:
        for kind_key, record_id in run.created.items():
            actions = [entry.action for entry in history(session, record_id)]
            assert actions == ["create"], f"{KINDS[kind_key].label_sv}: ändringsloggen har {actions}"


def _backup_and_restore(run: _Run) -> None:
    register = run.open
    backup = register.backup("självtest")
    assert backup is not None and backup.exists(), "ingen säkerhetskopia skrevs"
    activity = KINDS["activity"]
    with register.session() as session:
        delete_record(session, activity, run.created["activity"], user="sjalvtest")
        session.commit()
    database, backup_dir = register.database_file, register.backup_dir
    assert database is not None and backup_dir is not None
    register.close()
    restore_database(database, backup, backup_dir)
    run.register = open_register(register.url, backup_dir)
    with run.register.session() as session:
        restored = load_record(session, activity, run.created["activity"])
    assert restored is not None and not restored.deleted, "återställningen tog inte tillbaka aktiviteten"


def _bundle_round_trip(run: _Run) -> None:
    """Export every record (with contact details) in a process of its own, as the app does, and
    import the bundle into a new Brå register."""
    register = run.open
    exported = export_in_process(register.url, register.backup_dir, run.folder / "sjalvtest-paket.xlsx",
                                 user="sjalvtest", with_contacts=True)
    national = open_register(f"sqlite:///{run.folder / 'bra-register.sqlite'}", run.folder / "bra-backups")
    try:
        national.start(NATIONAL)
        with register.session() as session:  # the fingerprint a coordinator would read out by phone
            known = fingerprint(own_public_key(session))
        [outcome] = import_files(national, [exported.path], user="sjalvtest",
                                 confirmations=Confirmations(trusted_fingerprints=frozenset({known})))
        assert outcome.imported and outcome.result is not None, outcome.text
        for kind_key, record_id in run.created.items():
            kind = KINDS[kind_key]
            with run.open.session() as session:
                mine = load_record(session, kind, record_id)
            with national.session() as session:
                imported = load_record(session, kind, record_id)
            assert mine is not None and imported is not None, f"{kind.label_sv} kom inte med i paketet"
            assert imported.content == mine.content, f"{kind.label_sv} lästes inte in lika"
    finally:
        national.close()


def _show_window(run: _Run) -> None:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bra_desktop.ui.main_window import MainWindow
    from bra_desktop.ui.service import RegisterService

    app = QApplication.instance() or QApplication([])
    service = RegisterService(run.open, "sjalvtest")
    window = MainWindow(run.ctx, service)
    try:
        window.show()
        app.processEvents()
        assert window.count_label.text() == "1 aktivitet", f"tabellen visar {window.count_label.text()!r}"
        assert not window.grab().isNull(), "fönstret kunde inte ritas"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
