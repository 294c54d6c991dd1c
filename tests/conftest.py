"""Every test gets a fresh data folder, fresh settings and its own register; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from bra_desktop.context import AppContext  # noqa: E402
from bra_desktop.domain.fields import KINDS  # noqa: E402
from bra_desktop.store.reference import load_reference  # noqa: E402
from bra_desktop.store.register import Register  # noqa: E402
from bra_desktop.store.repository import StoredRecord, create_record  # noqa: E402

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("BRA_DATA_DIR", str(folder))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return folder


@pytest.fixture
def app_context(fresh_data_dir: Path) -> AppContext:
    return AppContext.create(str(fresh_data_dir))


@pytest.fixture
def register(app_context: AppContext) -> Register:
    """A county register (Stockholms län) on a temporary SQLite file."""
    opened = app_context.open_register()
    opened.set_producer("01")
    yield opened
    opened.close()


def add(register: Register, kind: str, /, user: str = "testare", **content) -> StoredRecord:
    """Create a record through the repository, committed, with sensible defaults for required fields."""
    defaults = {
        "activity": {"title": "Nätverksträff", "activity_type": "NATVERKSTRAFF", "status": "GENOMFORD",
                     "start_date": date(2026, 3, 12)},
        "network": {"name": "Regionalt nätverk", "kind": "REGIONALT"},
        "organisation": {"name": "Polisen Nord", "org_type": "POLIS"},
        "commitment": {"title": "Lägesbild för länet", "status": "PAGAR"},
        "problem_area": {"title": "Bedrägerier mot äldre", "category": "NYTT_FENOMEN", "trend": "OKANDE",
                         "status": "BEVAKAS"},
    }[kind]
    with register.session() as session:
        record = create_record(session, KINDS[kind], {**defaults, **content}, user=user,
                               origin=register.producer or "01", reference=load_reference(session))
        session.commit()
    return record


def tombstone(register: Register, kind: str, record_id: str) -> None:
    """Delete a record through the repository, committed (it stays as a tombstone)."""
    from bra_desktop.store.repository import delete_record

    with register.session() as session:
        delete_record(session, KINDS[kind], record_id, user="testare")
        session.commit()


@pytest.fixture
def service(qtbot, register: Register):
    """The UI's door into the test register, as user "testare"; closes a register that a restore or
    an undone import put in the fixture's place."""
    from bra_desktop.ui.service import RegisterService

    made = RegisterService(register, "testare")
    yield made
    if made.register is not register:
        made.register.close()


@pytest.fixture
def stack(qtbot):
    """An empty undo stack for commands and forms."""
    from PySide6.QtGui import QUndoStack

    return QUndoStack()


@pytest.fixture
def make_register(tmp_path: Path):
    """Open more registers (another county, Brå) beside the test's own: make_register("BRA")."""
    opened: list[Register] = []

    def make(producer: str, name: str | None = None) -> Register:
        from bra_desktop.store.register import open_register

        folder = tmp_path / (name or f"register-{producer}")
        folder.mkdir(parents=True, exist_ok=True)
        new = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
        new.set_producer(producer)
        opened.append(new)
        return new

    yield make
    for item in opened:
        item.close()
