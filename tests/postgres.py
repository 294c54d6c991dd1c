"""A real PostgreSQL server for the storage, bundle and report tests (DESIGN §6).

The server is named by `BRA_TEST_POSTGRESQL_URL` (a role that may create databases; `.ci/run`
starts a cluster on loopback and sets it). Without the variable the tests look for a local server
at the default below and skip the PostgreSQL leg, saying so, when there is none, unless
`BRA_TEST_POSTGRESQL_REQUIRED=1` (set in CI) makes a missing server an error.

Every test gets its own database, copied from a template that is migrated and seeded once per run,
so a test costs a `CREATE DATABASE … TEMPLATE` rather than the whole schema.
"""

from __future__ import annotations

import atexit
import os
import time
import uuid
from functools import cache

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bra_desktop.store.register import open_register
from key_free import forget_own_key

DEFAULT_URL = "postgresql+psycopg://bra:bra@127.0.0.1:5432/postgres"
SERVER_URL = os.environ.get("BRA_TEST_POSTGRESQL_URL", DEFAULT_URL)
REQUIRED = os.environ.get("BRA_TEST_POSTGRESQL_REQUIRED") == "1"
PREFIX = f"bra_test_{os.getpid()}_"
TEMPLATE = f"{PREFIX}template"


@cache
def _admin():
    return create_engine(SERVER_URL, isolation_level="AUTOCOMMIT", pool_size=1, connect_args={"connect_timeout": 3})


@cache
def unavailable() -> str | None:
    """None when the server answers and the template is ready; else why the PostgreSQL leg is skipped."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg är inte installerat"
    try:
        with _admin().connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{TEMPLATE}"'))
    except SQLAlchemyError as error:
        return f"ingen PostgreSQL-server på {make_url(SERVER_URL).render_as_string(hide_password=True)} ({type(error).__name__})"
    atexit.register(_drop_all)
    template = open_register(_url(TEMPLATE))
    forget_own_key(template)
    template.close()
    return None


def new_database() -> str:
    """The URL of a fresh, empty (migrated and seeded) register database."""
    name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
    with _admin().connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"'))
    return _url(name)


def drop_database(url: str) -> None:
    """Drop a test's database. FORCE ends the test's own connections; a server process of another
    role in it (an autovacuum worker, started by the server in a database just written) cannot be
    ended by the tests' role, so the drop is tried again until that process has finished."""
    for attempt in range(50):
        try:
            with _admin().connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
            return
        except SQLAlchemyError:
            if attempt == 49:
                raise
            time.sleep(0.1)


def _url(database: str) -> str:
    return make_url(SERVER_URL).set(database=database).render_as_string(hide_password=False)


def _drop_all() -> None:
    """Drop this run's databases (the template last), whatever the tests left behind."""
    with _admin().connect() as connection:
        names = connection.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"), {"prefix": f"{PREFIX}%"}
        ).scalars().all()
        for name in sorted(names, key=lambda n: n == TEMPLATE):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
