"""The change log: who changed which record when, and what it held before and after.

Entries are written with the records themselves by `bulk.write_records`; this module reads them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ColumnElement, cast, func, select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import ChangeLog

LOCAL = "local"


def history(session: Session, record_id: str) -> list[ChangeLog]:
    """A record's changes, oldest first."""
    return list(session.scalars(select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.id)))


def change_marker(session: Session) -> int:
    """The newest entry's id (0 for none): a plan made from reads after it is stale once a later one
    exists, and a receipt notes it as where its import ends."""
    return session.scalar(select(func.max(ChangeLog.id))) or 0


def logged_field(session: Session, text: Any, name: str) -> ColumnElement[Any]:
    """The value of field `name` in `text`, a logged record (`ChangeLog.before` or `after`), taken
    out by the database (NULL where it lacks it): a report that needs a field or two of many
    logged records need not parse each whole record in Python."""
    if session.connection().dialect.name == "postgresql":
        return func.json_extract_path_text(cast(text, JSON), name)
    return func.json_extract(text, f"$.{name}")
