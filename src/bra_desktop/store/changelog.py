"""The change log: who changed which record when, and what it held before and after."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bra_desktop.domain.content import Content, canonical_json
from bra_desktop.domain.models import ChangeLog, utcnow

LOCAL = "local"


def log_change(
    session: Session,
    *,
    table_name: str,
    record_id: str,
    action: str,
    user: str,
    before: Content | None,
    after: Content | None,
    source: str = LOCAL,
) -> None:
    session.execute(
        insert(ChangeLog).values(
            at=utcnow(),
            user=user,
            table_name=table_name,
            record_id=record_id,
            action=action,
            source=source,
            before=canonical_json(before) if before is not None else None,
            after=canonical_json(after) if after is not None else None,
        )
    )


def history(session: Session, record_id: str) -> list[ChangeLog]:
    """A record's changes, oldest first."""
    return list(session.scalars(select(ChangeLog).where(ChangeLog.record_id == record_id).order_by(ChangeLog.id)))
