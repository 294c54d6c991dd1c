"""A record's history as a person reads it: each change, who made it, where it came from, and
what it changed, field by field, in names rather than codes and ids. No Qt.

The change log keeps every version of a record's content (`store/changelog.py`); a bundle's
changes carry its id as their source, which the import receipts name (file, sender).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.content import Content, from_jsonable
from bra_desktop.domain.fields import KINDS, FieldSpec, FieldType, RecordKind
from bra_desktop.domain.models import BundleReceipt, Municipality
from bra_desktop.domain.producer import owner_name
from bra_desktop.store.changelog import LOCAL, history
from bra_desktop.store.queries import code_labels

ACTIONS = {"create": "Skapad", "update": "Ändrad", "delete": "Borttagen", "restore": "Återställd"}
SOURCES = {LOCAL: "här", "demo": "demodata", "kodbyte": "ny kod i kodlistan", "brå-struktur": "Brås nationella struktur"}
"""What a change-log source other than a bundle is called."""
EMPTY = "–"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    user: str
    action: str
    """Skapad, Ändrad, Borttagen or Återställd."""
    source: str
    """Where the change came from: "här", or the bundle ("paket från Brå, bra-paket_BRA_….xlsx")."""
    changes: tuple[FieldChange, ...]
    """The fields that differ from the version before (every filled one for the first)."""
    content: Content | None
    """The record's content after the change (None for a delete): the version a person may go back to."""


def record_history(session: Session, kind: RecordKind, record_id: str) -> list[HistoryEntry]:
    """The record's changes, newest first."""
    entries = history(session, record_id)
    receipts = {row.bundle_id: row for row in session.scalars(
        select(BundleReceipt).where(BundleReceipt.bundle_id.in_({e.source for e in entries})))}
    names = _Names(session, kind)
    found = []
    previous: Content | None = None
    for entry in entries:
        after = from_jsonable(kind, json.loads(entry.after)) if entry.after else None
        before = from_jsonable(kind, json.loads(entry.before)) if entry.before else previous
        shown = after if after is not None else before
        changes = tuple(
            FieldChange(spec.label_sv, names.text(spec, (before or {}).get(spec.name)), names.text(spec, shown.get(spec.name)))
            for spec in kind.fields
            if shown is not None and (before or {}).get(spec.name) != shown.get(spec.name)
            and not (before is None and shown.get(spec.name) in (None, ()))
        ) if entry.action != "delete" else ()
        found.append(HistoryEntry(entry.at, entry.user, ACTIONS.get(entry.action, entry.action),
                                  _source(entry.source, receipts), changes, after))
        previous = after if after is not None else previous
    return found[::-1]


def _source(source: str, receipts: dict[str, BundleReceipt]) -> str:
    receipt = receipts.get(source)
    if receipt is not None:
        return f"paket från {owner_name(receipt.producer)}, {receipt.file_name}"
    return SOURCES.get(source, source)


class _Names:
    """A field's value as a person reads it: a code's label, a linked record's title, a
    municipality's name, a date as ÅÅÅÅ-MM-DD, several values joined."""

    def __init__(self, session: Session, kind: RecordKind) -> None:
        self.session = session
        lists = {spec.code_list for spec in kind.fields if spec.code_list}
        self.labels = code_labels(session, "sv", lists) if lists else {}
        self.municipalities = dict(session.execute(select(Municipality.code, Municipality.name)).all())
        self.titles: dict[tuple[str, str], str] = {}

    def text(self, spec: FieldSpec, value: Any) -> str:
        if value is None or value == ():
            return EMPTY
        values = value if isinstance(value, tuple) else (value,)
        return ", ".join(self._one(spec, item) for item in values)

    def _one(self, spec: FieldSpec, value: Any) -> str:
        if spec.code_list:
            return self.labels.get((spec.code_list, value), value)
        if spec.type in (FieldType.REF, FieldType.REFS):
            return self._title(spec.ref_kind or "", value)
        if spec.type in (FieldType.MUNICIPALITY, FieldType.MUNICIPALITIES):
            return self.municipalities.get(value, value)
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def _title(self, kind_key: str, record_id: str) -> str:
        key = (kind_key, record_id)
        if key not in self.titles:
            kind = KINDS[kind_key]
            title = self.session.scalar(select(getattr(kind.table, kind.title_field)).where(kind.table.id == record_id))
            self.titles[key] = str(title) if title is not None else record_id
        return self.titles[key]
