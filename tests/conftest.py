"""Every test gets a fresh data folder, fresh settings and its own register; Qt runs offscreen."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import postgres  # noqa: E402
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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked `both_engines` run every register test on SQLite and on PostgreSQL."""
    definition = metafunc.definition
    if "database_engine" not in metafunc.fixturenames:
        return
    if definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("database_engine", ["postgresql"], indirect=True)
    elif definition.get_closest_marker("both_engines") and not definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("database_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def database_engine(request: pytest.FixtureRequest) -> str:
    """The engine of the test's registers: SQLite unless the test is parametrized."""
    engine = getattr(request, "param", "sqlite")
    if engine == "postgresql" and (reason := postgres.unavailable()):
        if postgres.REQUIRED:
            pytest.fail(f"PostgreSQL krävs men saknas: {reason}")
        pytest.skip(f"PostgreSQL-delen hoppas över: {reason}")
    return engine


@pytest.fixture
def database_url(database_engine: str, fresh_data_dir: Path):
    """A URL for a new register: a file in the data folder, or a new PostgreSQL database."""
    if database_engine == "sqlite":
        yield None
        return
    url = postgres.new_database()
    yield url
    postgres.drop_database(url)


def trust_each_other(*registers: Register) -> None:
    """Registers that trust each other's keys, as if their coordinators had compared fingerprints by
    phone (Arkiv → Betrodda avsändare): bundles between them are read without the first-contact
    question. The tests of that question use registers that were not introduced."""
    from bra_desktop.store.keys import PINNED_BY_HAND, own_public_key, pin_key

    for sender in registers:
        with sender.session() as session:
            key = own_public_key(session)
        for receiver in registers:
            if receiver is sender:
                continue
            with receiver.session() as session:
                pin_key(session, sender.producer, key, user="testare", how=PINNED_BY_HAND)
                session.commit()


def accept_edits(plan):
    """The plan of a file edited after signing, as a person who confirmed reading it (the wizard's
    box, `--accept-edited`)."""
    plan.edits_accepted = True
    return plan


@pytest.fixture
def acquainted():
    """Introduce a register to the others of the test (`introduce(register)`, `trust_each_other`)."""
    known: list[Register] = []

    def introduce(new: Register) -> Register:
        known.append(new)
        trust_each_other(*known)
        return new

    return introduce


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite register at this app's schema, made once by the real migrations. A test's
    new SQLite register starts as a copy (`from_template`), then is seeded and given its own key
    as any new register is: the migrations cost a fifth of a second, a good part of most tests.
    `test_store` upgrades registers made at every revision."""
    from bra_desktop.store.engine import create_register_engine
    from bra_desktop.store.migrate import complete_upgrade

    path = tmp_path_factory.mktemp("template") / "register.sqlite"
    engine = create_register_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        complete_upgrade(connection)
    engine.dispose()
    return path


def from_template(template: Path, database: Path) -> None:
    database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, database)


@pytest.fixture
def register(app_context: AppContext, database_url: str | None, acquainted, migrated_sqlite: Path) -> Register:
    """A county register (Stockholms län) on a temporary SQLite file, or a PostgreSQL database that
    the settings name (so the command line run in the test finds it as a user's would)."""
    if database_url is not None:
        app_context.settings.database_url = database_url
        app_context.save_settings()
    else:
        from_template(migrated_sqlite, app_context.paths.database)
    opened = app_context.open_register()
    opened.set_producer("01")
    yield acquainted(opened)
    opened.close()


def write_as_format(monkeypatch, version: int) -> None:
    """Make bundles as the app of an earlier bundle format did: its version in Info, and only the
    sheets and columns it had."""
    from bra_desktop.bundle import export, writer
    from bra_desktop.bundle.schema import DATA_SHEETS, DataSheet

    monkeypatch.setattr(writer, "FORMAT_VERSION", version)
    monkeypatch.setattr(export, "DATA_SHEETS", tuple(
        DataSheet(s.name, s.name_en, s.kind, tuple(c for c in s.columns if c.field is None or c.field.since_format <= version))
        for s in DATA_SHEETS if s.since_format <= version))


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
        "follow_up": {"municipality_code": "0114", "year": 2026, "coordination_status": "FINNS",
                      "situation_status": "KLAR", "plan_status": "BESLUTAD"},
        "county_report": {"year": 2026},
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
    """The UI's door into the test register, as user "testare"; closes a register that a restore put
    in the fixture's place."""
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
def make_register(tmp_path: Path, database_engine: str, acquainted, migrated_sqlite: Path):
    """Open more registers (another county, Brå) beside the test's own: make_register("BRA"). They
    trust each other and the test's own (`acquainted`) unless made with `introduced=False`."""
    from bra_desktop.store.register import open_register

    opened: list[Register] = []
    databases: list[str] = []

    def make(producer: str, name: str | None = None, *, introduced: bool = True) -> Register:
        folder = tmp_path / (name or f"register-{producer}")
        folder.mkdir(parents=True, exist_ok=True)
        if database_engine == "postgresql":
            databases.append(postgres.new_database())
            url = databases[-1]
        else:
            url = f"sqlite:///{folder / 'register.sqlite'}"
            if not (folder / "register.sqlite").exists():
                from_template(migrated_sqlite, folder / "register.sqlite")
        new = open_register(url, folder / "backups")
        new.set_producer(producer)
        opened.append(new)
        return acquainted(new) if introduced else new

    yield make
    for item in opened:
        item.close()
    for url in databases:
        postgres.drop_database(url)
