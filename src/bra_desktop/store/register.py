"""Opening a register: engine, upgrade (after a backup), reference data, and whose register it is.

`open_register` is the one way the app, the command line and the tests get at a database, so every
register they touch is migrated, seeded and protected the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlmodel import Session

from bra_desktop.domain.models import County, RegisterInfo
from bra_desktop.domain.producer import NATIONAL
from bra_desktop.paths import restrict_file_to_owner
from bra_desktop.store.backup import backup_database, remove_abandoned_partials
from bra_desktop.store.engine import create_register_engine, display_url, sqlite_file
from bra_desktop.store.errors import RegisterError, RegisterTooNew, RegisterUnreachable
from bra_desktop.store.faults import storage_faults
from bra_desktop.store.code_renames import replace_retired_codes
from bra_desktop.store.national_records import add_national_structure
from bra_desktop.store.seed import seed_reference_data

SCHEMA_REVISION = "0010"
"""The Alembic head this code is written for (a test keeps it equal to the migration scripts).
Knowing it without Alembic lets an up-to-date register open without loading Alembic at all."""

SERVER_BACKUPS = ("Säkerhetskopior görs bara av SQLite-register; en databasserver säkerhetskopieras av dess administratör.",
                  "Backups are made of SQLite registers only; a database server is backed up by its administrator.")
"""What the app says where a person expects a backup of a register on a database server."""
SIGNING_KEY_INFO = "signing_key"
"""The `register_info` key under which the register keeps its private signing key (`keys.py`)."""


@dataclass
class Register:
    """An open register: its engine, where its backups go, and whose it is."""

    engine: Engine
    url: str
    backup_dir: Path | None

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @property
    def database_file(self) -> Path | None:
        return sqlite_file(self.url)

    def backup(self, reason: str) -> Path | None:
        """Back up a file register before a risky operation (None for server databases)."""
        if self.database_file is None or self.backup_dir is None or not self.database_file.exists():
            return None
        return backup_database(self.database_file, self.backup_dir, reason)

    # --- register info ---

    def info(self) -> dict[str, str]:
        with self.session() as session:
            return {row.key: row.value for row in session.scalars(select(RegisterInfo))}

    @property
    def producer(self) -> str | None:
        """County code (`01`…`25`) or `BRA`; None until the first-run choice is made."""
        return self.info().get("producer")

    @property
    def is_national(self) -> bool:
        return self.producer == NATIONAL

    @property
    def producer_name(self) -> str:
        producer = self.producer
        if producer is None:
            return ""
        if producer == NATIONAL:
            return "Brottsförebyggande rådet (Brå)"
        with self.session() as session:
            county = session.get(County, producer)
        return f"Länsstyrelsen i {county.name}" if county else producer

    def start(self, producer: str) -> None:
        """Begin the register of `producer` (`init`, the first start's choice): its owner, and Brå's
        national network structure, which every register holds from its start."""
        self.set_producer(producer)
        with self.session() as session, session.begin():
            add_national_structure(session)

    def set_producer(self, producer: str) -> None:
        """Say whose register this is: a county code or `BRA`. Once set, it cannot change."""
        with self.session() as session:
            if producer != NATIONAL and session.get(County, producer) is None:
                raise RegisterError(f"Okänd länskod: {producer}.", f"Unknown county code: {producer}.")
            current = session.get(RegisterInfo, "producer")
            if current is not None and current.value != producer:
                raise RegisterError(
                    f"Registret tillhör redan {current.value} och kan inte byta ägare till {producer}.",
                    f"The register already belongs to {current.value} and cannot change owner to {producer}.",
                )
            if current is None:
                session.add(RegisterInfo(key="producer", value=producer))
                session.add(RegisterInfo(key="created_at", value=datetime.now(timezone.utc).isoformat()))
                session.commit()

    def refresh_statistics(self) -> None:
        """Let the query planner see the tables as they are now; run after loading many rows.

        Without statistics SQLite takes `deleted = 0` for selective and starts link filters from
        the wrong table, which costs seconds at national scale.
        """
        with self.engine.begin() as connection:
            connection.execute(text("ANALYZE"))

    def close(self) -> None:
        """Close the register. It writes nothing on the way out (no `PRAGMA optimize`): a refused
        import or a look at the register must leave the file byte for byte as it was."""
        self.engine.dispose()


def open_register(url: str, backup_dir: Path | None = None, on_upgrade: Callable[[], None] | None = None) -> Register:
    """Open (creating if need be) the register at `url`, upgraded to this app's schema.

    `on_upgrade` runs before an existing register is upgraded, which can take a minute for a
    national one (a window says so meanwhile)."""
    database = sqlite_file(url)
    if database is not None:
        with storage_faults(database):
            database.parent.mkdir(parents=True, exist_ok=True)
            _create_private_file(database)
        remove_abandoned_partials(database, backup_dir)
    register = Register(engine=_engine(url), url=url, backup_dir=backup_dir)
    try:
        _prepare(register, on_upgrade)
    except BaseException:
        register.close()  # a register refused (locked, damaged, too new …) stays closed: nothing holds its file
        raise
    return register


def _prepare(register: Register, on_upgrade: Callable[[], None] | None) -> None:
    """Upgrade, seed and protect a register just opened."""
    try:
        with register.engine.connect() as connection:
            revision = _schema_revision(connection)
    except OperationalError as error:
        raise _unreachable(register.url, error) from error
    if revision != SCHEMA_REVISION:
        _upgrade(register, revision, on_upgrade)
    seed_reference_data(register.engine)
    if revision is not None and revision < "0007" and register.producer is not None:
        _catch_up_with_0007(register, register.producer)
    _give_signing_key(register.engine)
    database = register.database_file
    if database is not None:
        with storage_faults(database):
            for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
                restrict_file_to_owner(path)


def _catch_up_with_0007(register: Register, producer: str) -> None:
    """What a register begun before revision 0007 lacks in its data: Brå's national structure,
    which registers begun since hold from their start, and the new codes for retired ones."""
    with register.session() as session, session.begin():
        add_national_structure(session)
        replace_retired_codes(session, producer)


def _give_signing_key(engine: Engine) -> None:
    """A register has its key pair from its first start (DESIGN §4, Trust); one made before bundles
    were signed gets it at its first start with this version."""
    with Session(engine) as session:
        if session.get(RegisterInfo, SIGNING_KEY_INFO) is not None:
            return
        from bra_desktop.store.keys import ensure_own_key  # cryptography is loaded only to make a key

        ensure_own_key(session)
        session.commit()


def check_connection(url: str) -> None:
    """Connect to `url` once and change nothing; RegisterUnreachable says in Swedish why not."""
    engine = _engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        raise _unreachable(url, error) from error
    finally:
        engine.dispose()


def _unreachable(url: str, error: OperationalError) -> RegisterUnreachable:
    reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
    return RegisterUnreachable(
        f"Det gick inte att ansluta till registrets databas {display_url(url)}: {reason}",
        f"Could not connect to the register's database {display_url(url)}: {reason}",
    )


def _engine(url: str) -> Engine:
    """The engine for `url`, or a RegisterError saying in Swedish what is wrong with the address."""
    try:
        return create_register_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise RegisterUnreachable(
            f"Adressen till registrets databas går inte att använda: {display_url(url)} ({error}). "
            "Den ska se ut som postgresql+psycopg://användare@server/databas.",
            f"The address of the register's database cannot be used: {display_url(url)} ({error}). "
            "It should look like postgresql+psycopg://user@server/database.",
        ) from error


def _schema_revision(connection: Connection) -> str | None:
    """The register's Alembic revision, read with plain SQL (None for a new, empty database)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        return None


def _upgrade(register: Register, revision: str | None, on_upgrade: Callable[[], None] | None) -> None:
    """Bring an older (or new) register to this code's schema, backing it up first."""
    from bra_desktop.store import migrate  # Alembic costs a fifth of a second: load it only here

    if revision is not None and revision not in migrate.known_revisions():
        raise RegisterTooNew(
            "Registret har skapats av en nyare version av programmet. Uppdatera programmet.",
            "The register was made by a newer version of the app. Update the app.",
        )
    with register.engine.connect() as connection:
        has_tables = inspect(connection).has_table("activity")
    if has_tables:
        if on_upgrade is not None:
            on_upgrade()
        register.backup(f"före uppgradering från {revision}")
    with register.engine.begin() as connection:
        migrate.complete_upgrade(connection)


def _create_private_file(database: Path) -> None:
    """Create an empty database file readable by its owner alone before SQLite opens it."""
    if not database.exists() and os.name == "posix":
        fd = os.open(database, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
