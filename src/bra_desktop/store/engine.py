"""Database engines for the register.

SQLite is the embedded default; every connection gets WAL (readers never block the writer, and a
killed process never leaves a half-written page), foreign keys on, and `synchronous=FULL` so that a
committed edit survives a crash of the process or the machine. Any SQLAlchemy URL works (DESIGN §6).
Every SQLite error on the engine passes `faults.storage_fault`, so a locked, full, read-only or damaged
register reaches the person as a message that names the file, never as an SQL error.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import sqlite  # noqa: F401 (see below)
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from bra_desktop.store.faults import storage_fault

# The SQLite dialect is imported here, with the register layer and before the window imports Qt,
# rather than by `create_engine` when the first register opens: PySide6's import hook looks at every
# module imported after it, and the dialect then took 21 ms of the window's start instead of 8.


def display_url(url: str) -> str:
    """The URL as a person may see it (messages, logs): the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(ogiltig adress)"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for in-memory databases, other engines and addresses
    that are no URL, which `open_register` then refuses with a message)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


BUSY_TIMEOUT_MS = 10_000
"""How long a write waits for another program (or another window of the app) that is writing the
register before it gives up with `RegisterBusy`: another window's save or backup ends well within it,
and a window that waits should not seem to hang for longer."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API types)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache: national registers are ~600 MB
    cursor.close()


def create_register_engine(url: str) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        where = sqlite_file(url) or display_url(url)

        def translate(context: ExceptionContext) -> Exception | None:
            return storage_fault(context.original_exception, where)

        event.listen(engine, "handle_error", translate, retval=True)
        return engine
    connect_args = {"connect_timeout": 10} if make_url(url).get_backend_name() == "postgresql" else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def begin_writing(session: Session) -> None:
    """Make sure the session's transaction has begun in the database before a statement that
    starts with WITH writes. Python's sqlite3 begins a transaction only before a statement that
    starts with INSERT, UPDATE or DELETE, and SQLAlchemy puts an INSERT's common table expressions
    in front of it: without this, such an INSERT outside a transaction is committed at once,
    whatever the caller does next. PostgreSQL always has begun."""
    connection = session.connection()
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")
