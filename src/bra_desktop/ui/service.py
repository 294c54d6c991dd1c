"""The UI's one door into the register: reads and writes records and tells views what changed.

Widgets never open sessions themselves. They read through `read`, with the queries of
`store.queries` and `reports`, and write through this service, which runs the repository in a
short transaction. Whatever changed the register (a form, an import, its undo, a restore, the code
lists) ends in one signal, `sig_changed`, with a `Changes` that says what: each table, form and
chart reads again what concerns it. Jobs on the worker thread that take the register itself
(import, undo, restore) return their `Changes`, and the widget that ran them hands it to
`changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from bra_desktop.changes import Changes
from bra_desktop.domain.fields import KINDS, RecordKind
from bra_desktop.domain.validation import Problem, validate
from bra_desktop.domain.content import normalise
from bra_desktop.store import repository
from bra_desktop.store.reference import load_reference
from bra_desktop.store.register import Register
from bra_desktop.store.repository import StoredRecord

if TYPE_CHECKING:
    from bra_desktop.store.keys import TrustedKey

T = TypeVar("T")


class RegisterService(QObject):
    sig_changed = Signal(object)
    """A `Changes`: what changed in the register, for every view to catch up."""

    def __init__(self, register: Register, user: str, language: str = "sv", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.user = user
        self.language = language

    @property
    def producer(self) -> str:
        return self.register.producer or ""

    def kind(self, key: str) -> RecordKind:
        return KINDS[key]

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """What `query(session, *args, **kwargs)` reads, in a short session of its own (a query of
        `store.queries`, `reports`, or the like). Safe on the worker thread. It writes no record; a
        report may bring the activity tally up to date on the way (`store/tally.py`), which is
        committed so that the next report need not count again."""
        with self.register.session() as session:
            found = query(session, *args, **kwargs)
            session.commit()
            return found

    def claim(self, producer: str) -> None:
        """Make this the register of `producer` (a county code or BRA): once, at the first start."""
        self.register.start(producer)

    def load(self, kind: str, record_id: str) -> StoredRecord | None:
        with self.register.session() as session:
            return repository.load_record(session, KINDS[kind], record_id)

    def problems(self, kind: str, content: dict[str, Any], previous: dict[str, Any] | None = None) -> list[Problem]:
        """What is wrong with `content`, for forms to show beside the fields before saving (forms
        edit this register's own records only)."""
        with self.register.session() as session:
            return validate(KINDS[kind], normalise(KINDS[kind], content), load_reference(session), previous,
                            owner=self.producer)

    def is_own(self, record: StoredRecord) -> bool:
        """Records from another producer are read-only here (DESIGN §4 roles)."""
        return record.origin == self.producer

    def create(self, kind: str, content: dict[str, Any], record_id: str | None = None) -> StoredRecord:
        with self.register.session() as session:
            record = repository.create_record(
                session, KINDS[kind], content, user=self.user, origin=self.producer,
                reference=load_reference(session), record_id=record_id,
            )
            session.commit()
        self.changed(Changes.of(kind, [record.id]))
        return record

    def update(self, kind: str, record_id: str, content: dict[str, Any], expected_version: int | None = None) -> StoredRecord:
        with self.register.session() as session:
            record = repository.update_record(
                session, KINDS[kind], record_id, content, user=self.user, reference=load_reference(session),
                owner=self.producer, expected_version=expected_version,
            )
            session.commit()
        self.changed(Changes.of(kind, [record_id]))
        return record

    def delete(self, kind: str, record_id: str, expected_version: int | None = None) -> StoredRecord:
        with self.register.session() as session:
            record = repository.delete_record(
                session, KINDS[kind], record_id, user=self.user, owner=self.producer,
                expected_version=expected_version,
            )
            session.commit()
        self.changed(Changes.of(kind, [record_id]))
        return record

    def changed(self, changes: Changes) -> None:
        """Tell every view what a job changed (nothing, when it changed nothing)."""
        if changes:
            self.sig_changed.emit(changes)

    # --- the senders' keys (Arkiv → Betrodda avsändare); `store.keys` loads cryptography, which the
    # window's start need not wait for ---

    def own_public_key(self) -> bytes:
        from bra_desktop.store.keys import own_public_key

        with self.register.session() as session:
            return own_public_key(session)

    def trusted_keys(self) -> list[TrustedKey]:
        from bra_desktop.store.keys import trusted_keys

        with self.register.session() as session:
            return trusted_keys(session)

    def trust_pasted_key(self, producer: str, text: str) -> None:
        """Trust a key a person pasted as `producer`'s; RegisterError says why not (`keys.pin_pasted_key`)."""
        from bra_desktop.store.keys import pin_pasted_key

        with self.register.session() as session:
            pin_pasted_key(session, producer, text, user=self.user)
            session.commit()

    def forget_key(self, producer: str) -> None:
        from bra_desktop.store.keys import forget_key

        with self.register.session() as session:
            forget_key(session, producer)
            session.commit()

