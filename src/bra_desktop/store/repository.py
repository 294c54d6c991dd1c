"""The one way synced records are read and written, one record at a time.

Every write validates the content, bumps `version`, stamps `updated_at`/`updated_by`, keeps the
many-valued link tables and `search_text` in step, and writes a change-log entry, all in the
caller's transaction. Deleting is a tombstone (`deleted=True`): synced records are never removed.
`expected_version` makes concurrent edits of one record on a shared register fail loudly instead of
overwriting each other. The rows themselves are written by `bulk.write_records`, the same code that
writes demo data and bundle imports, so a record looks the same however it was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bra_desktop.domain.content import Content, normalise, normalised_hash
from bra_desktop.domain.fields import RecordKind
from bra_desktop.domain.identity import identity_id, identity_names, identity_values
from bra_desktop.domain.models import new_id
from bra_desktop.domain.producer import owner_name
from bra_desktop.domain.validation import Problem, Reference, validate
from bra_desktop.store.bulk import RecordWrite, write_records
from bra_desktop.store.changelog import LOCAL
from bra_desktop.store.errors import ReadOnlyRecord, RecordNotFound, ValidationFailed, VersionConflict


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored: system fields and business content."""

    kind: RecordKind
    id: str
    origin: str
    version: int
    updated_at: datetime
    updated_by: str
    deleted: bool
    content: Content
    stored_hash: str | None = None
    """The content's hash as the register keeps it (None where it is not known)."""

    @cached_property
    def content_hash(self) -> str:
        """The hash of the content, computed once where it was not read with it: an export needs
        it for the row and the base."""
        return self.stored_hash or normalised_hash(self.kind, self.content)


def load_links(session: Session, kind: RecordKind, ids: list[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """The many-valued fields of the records `ids`: id → field → sorted values."""
    found: dict[str, dict[str, list[str]]] = {record_id: {} for record_id in ids}
    for spec in kind.multi_fields:
        link = spec.link
        assert link is not None
        owner = getattr(link.table, link.owner_column)
        value = getattr(link.table, link.value_column)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for record_id, item in session.execute(select(owner, value).where(owner.in_(chunk))):
                found[record_id].setdefault(spec.name, []).append(item)
    return {
        record_id: {spec.name: tuple(sorted(fields.get(spec.name, ()))) for spec in kind.multi_fields}
        for record_id, fields in found.items()
    }


def load_record(session: Session, kind: RecordKind, record_id: str) -> StoredRecord | None:
    row = session.execute(select(kind.table).where(kind.table.id == record_id)).scalar_one_or_none()
    if row is None:
        return None
    data: dict[str, Any] = {spec.name: getattr(row, spec.name) for spec in kind.scalar_fields}
    data.update(load_links(session, kind, [record_id])[record_id])
    return StoredRecord(
        kind=kind,
        id=row.id,
        origin=row.origin,
        version=row.version,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        deleted=row.deleted,
        content=normalise(kind, data),
    )


def _require(session: Session, kind: RecordKind, record_id: str) -> StoredRecord:
    record = load_record(session, kind, record_id)
    if record is None:
        raise RecordNotFound(
            f"{kind.label_sv} {record_id} finns inte i registret.",
            f"{kind.label_en} {record_id} is not in the register.",
        )
    return record


def _check_writable(record: StoredRecord, owner: str | None, expected_version: int | None) -> None:
    if owner is not None and record.origin != owner:
        raise ReadOnlyRecord(
            f"Posten kommer från {owner_name(record.origin)} och kan bara ändras där.",
            f"The record comes from {owner_name(record.origin)} and can only be changed there.",
        )
    if expected_version is not None and record.version != expected_version:
        raise VersionConflict(
            f"{record.kind.label_sv} har ändrats av {record.updated_by} sedan du öppnade den. Öppna den igen och gör om ändringen.",
            f"The {record.kind.label_en.lower()} was changed by {record.updated_by} since you opened it. Open it again and redo the change.",
        )


def _write(session: Session, kind: RecordKind, write: RecordWrite, *, user: str, source: str) -> StoredRecord:
    """Write one record's new state the way bulk writes do (row, links, search text, change log)."""
    write_records(session, kind, [write], user=user, source=source)
    return _require(session, kind, write.record_id)


def _claim_next_version(session: Session, kind: RecordKind, current: StoredRecord) -> None:
    """Take the record's write lock, refusing if someone else wrote a version since `current` was read."""
    # no mutate: on SQLite, which locks the whole file, a condition that matches no row only sends the
    # claim to the re-read below; on PostgreSQL test_a_concurrent_save_… fails without either half
    result = session.execute(
        update(kind.table)
        .where(kind.table.id == current.id, kind.table.version == current.version)  # pragma: no mutate
        .values(version=current.version)
    )
    if result.rowcount != 1:  # pragma: no mutate (any other count is re-read and checked, which is the rule)
        _check_writable(_require(session, kind, current.id), None, current.version)


def create_record(
    session: Session,
    kind: RecordKind,
    content: dict[str, Any],
    *,
    user: str,
    origin: str,
    reference: Reference,
    source: str = LOCAL,
    record_id: str | None = None,
) -> StoredRecord:
    """A new record of `origin`'s. A kind with an identity (`RecordKind.identity`) gets the id its
    values derive; if that record was deleted, it is brought back with the new content."""
    clean = normalise(kind, content)
    problems = validate(kind, clean, reference, owner=origin)
    if problems:
        raise ValidationFailed(problems)
    identity = identity_id(kind, clean, origin)
    if identity is not None:
        assert record_id in (None, identity), "a kind with an identity has the id its values derive"
        existing = load_record(session, kind, identity)
        if existing is not None and not existing.deleted:
            raise ValidationFailed([_already_there(kind, clean)])
        if existing is not None:
            return update_record(session, kind, identity, clean, user=user, reference=reference, owner=origin, source=source)
        record_id = identity
    write = RecordWrite(record_id or new_id(), origin, clean, updated_by=user)
    return _write(session, kind, write, user=user, source=source)


def _already_there(kind: RecordKind, content: Content) -> Problem:
    values = identity_values(kind, content)
    return Problem(
        kind.identity[0],
        f"Det finns redan en {kind.label_sv.lower()} med samma {identity_names(kind)} ({values}). Öppna den i stället.",
        f"There is already a {kind.label_en.lower()} with the same {identity_names(kind, 'en')} ({values}). "
        "Open it instead.",
    )


def update_record(
    session: Session,
    kind: RecordKind,
    record_id: str,
    content: dict[str, Any],
    *,
    user: str,
    reference: Reference,
    owner: str | None = None,
    expected_version: int | None = None,
    source: str = LOCAL,
) -> StoredRecord:
    """Save new content; `owner` (this register's producer) refuses other producers' records."""
    current = _require(session, kind, record_id)
    _check_writable(current, owner, expected_version)
    clean = normalise(kind, content)
    if clean == current.content and not current.deleted:
        return current
    problems = validate(kind, clean, reference, previous=current.content, owner=current.origin)
    if problems:
        raise ValidationFailed(problems)
    _claim_next_version(session, kind, current)
    write = RecordWrite(record_id, None, clean, version=current.version + 1, before=current.content,
                        was_deleted=current.deleted)  # stamped now, by `user` (RecordWrite's defaults)
    return _write(session, kind, write, user=user, source=source)


def delete_record(
    session: Session,
    kind: RecordKind,
    record_id: str,
    *,
    user: str,
    owner: str | None = None,
    expected_version: int | None = None,
    source: str = LOCAL,
) -> StoredRecord:
    """Tombstone a record; it stays in the register (and in bundles) marked `deleted`."""
    current = _require(session, kind, record_id)
    _check_writable(current, owner, expected_version)
    if current.deleted:
        return current
    _claim_next_version(session, kind, current)
    write = RecordWrite(record_id, None, current.content, deleted=True, version=current.version + 1,
                        before=current.content, was_deleted=False)
    return _write(session, kind, write, user=user, source=source)
