"""Put Brå's national network structure (`domain/national_structure.py`) into a register.

Run at every start, like the reference data: it adds the records the register lacks and touches
none it has, so Brå's later edits of them, and a delete, stay as they are.

Each record added gets its first version as its sync base too: every register holds that version
from the start, so it is what the two sides of any exchange last agreed on. Without it, Brå's first
edit of a network would reach every county as a conflict on each field it changed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.content import normalise
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.national_structure import FIRST_VERSION_AT, MADE_BY, RECORDS
from bra_desktop.store.bulk import insert_records
from bra_desktop.store.syncbase import Base, save_bases

SOURCE = "brå-struktur"
"""The change-log source of the records, so that the history says where they came from."""


def add_national_structure(session: Session) -> None:
    """Add what the register lacks of the structure, in the caller's transaction."""
    for kind_key in dict.fromkeys(record.kind_key for record in RECORDS):
        kind = KINDS[kind_key]
        wanted = [record for record in RECORDS if record.kind_key == kind_key]
        held = set(session.scalars(select(kind.table.id).where(kind.table.id.in_([r.id for r in wanted]))))
        missing = [(r.id, r.origin, r.content) for r in wanted if r.id not in held]
        if missing:
            insert_records(session, kind, missing, user=MADE_BY, source=SOURCE, updated_at=FIRST_VERSION_AT)
            save_bases(session, kind, [Base(record_id, normalise(kind, content), deleted=False, version=1)
                                       for record_id, _origin, content in missing], SOURCE)
