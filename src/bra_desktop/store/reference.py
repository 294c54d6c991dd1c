"""The register's reference data as the validation rules need it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import CodeItem, Municipality
from bra_desktop.domain.validation import Reference


def load_reference(session: Session) -> Reference:
    codes: dict[str, dict[str, bool]] = {}
    for item in session.scalars(select(CodeItem)):
        codes.setdefault(item.list_name, {})[item.code] = item.active
    municipalities = {code: county for code, county in session.execute(select(Municipality.code, Municipality.county_code))}

    def record_exists(kind: str, record_id: str) -> bool:
        """Tombstones count: a link to a record deleted later stays valid, in forms and in bundles."""
        table = KINDS[kind].table
        return session.scalar(select(table.id).where(table.id == record_id)) is not None

    return Reference(codes=codes, municipalities=municipalities, record_exists=record_exists)
