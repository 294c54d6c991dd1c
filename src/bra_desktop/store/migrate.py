"""Alembic migrations run by the app itself, on the connection it already has.

Each migration stands alone: it changes the schema with Alembic's operations and its own table
definitions, never with the app's models, which describe the newest schema only. What the app
computes from records (their content hashes) is computed after the last migration
(`complete_upgrade`), by the app's code on the schema it was written for.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from bra_desktop.domain.content import normalised_hash
from bra_desktop.domain.fields import KINDS
from bra_desktop.store.stream import BATCH, stream_records

_SCRIPTS = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    command.upgrade(_config(connection), target)


def complete_upgrade(connection: Connection) -> None:
    """Upgrade to the newest schema and fill in what the app computes, in the caller's transaction."""
    upgrade(connection)
    fill_content_hashes(Session(bind=connection))


def fill_content_hashes(session: Session) -> None:
    """Give each record without a content hash (one stored before revision 0004) its hash."""
    for kind in KINDS.values():
        table = kind.table
        missing = list(session.scalars(select(table.id).where(table.content_hash.is_(None))))
        statement = (update(table.__table__).where(table.__table__.c.id == bindparam("record_id"))
                     .values(content_hash=bindparam("digest")))
        for start in range(0, len(missing), BATCH):
            records = stream_records(session, kind, ids=missing[start : start + BATCH])
            session.execute(statement, [{"record_id": r.id, "digest": normalised_hash(kind, r.content)} for r in records])
    session.flush()
