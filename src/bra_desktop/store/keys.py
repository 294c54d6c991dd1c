"""The register's own signing key and the senders' keys it trusts (DESIGN §4, Trust).

The key pair belongs to the register, not to the computer: it is kept in the register itself
(`register_info`), so it is in every backup of it, a restore brings it back, and the analysts who
share Brå's register on a server sign as one sender. The register file and its backups are
readable by their owner alone (`paths.restrict_file_to_owner`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import RegisterInfo, TrustedSender, utcnow
from bra_desktop.domain.producer import NATIONAL, owner_name, valid_owners
from bra_desktop.domain.signing import decode_key, encode_key, fingerprint, new_private_key, public_key_of
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.register import SIGNING_KEY_INFO

PINNED_BY_HAND = "manual"
"""`TrustedSender.how` of a key a person entered (Arkiv → Betrodda avsändare, a test's introduction)."""
PINNED_FROM_BUNDLE = "bundle"
"""`TrustedSender.how` of a key trusted on first contact, from the bundle it signed (`apply`)."""


@dataclass(frozen=True)
class TrustedKey:
    """A pinned key as the dialog and the command line show it."""

    producer: str
    key: str
    """The public key as written in bundles and pasted by people (base64)."""
    pinned_at: datetime
    pinned_by: str
    by_hand: bool

    @property
    def fingerprint(self) -> str:
        return fingerprint(decode_key(self.key) or b"")

    @property
    def name(self) -> str:
        return owner_name(self.producer)


def ensure_own_key(session: Session) -> None:
    """Give the register its key pair if it has none yet (a new register, or one made before
    bundles were signed). The caller commits."""
    if session.get(RegisterInfo, SIGNING_KEY_INFO) is None:
        session.add(RegisterInfo(key=SIGNING_KEY_INFO, value=encode_key(new_private_key())))


def own_private_key(session: Session) -> bytes:
    stored = session.get(RegisterInfo, SIGNING_KEY_INFO)
    if stored is None:
        raise LookupError("the register has no signing key (ensure_own_key runs when it is opened)")
    key = decode_key(stored.value)
    assert key is not None, "the register's signing key is damaged"
    return key


def own_public_key(session: Session) -> bytes:
    return public_key_of(own_private_key(session))


def trusted_keys(session: Session) -> list[TrustedKey]:
    """Every pinned key, Brå first, then the counties by code."""
    rows = session.scalars(select(TrustedSender)).all()
    return sorted((TrustedKey(row.producer, row.public_key, row.pinned_at, row.pinned_by, row.how == PINNED_BY_HAND)
                   for row in rows), key=lambda pinned: (pinned.producer != NATIONAL, pinned.producer))


def trusted_signers(session: Session) -> frozenset[bytes]:
    """Every public key the register trusts a bundle from: its own and the pinned ones."""
    pinned = (decode_key(trusted.key) for trusted in trusted_keys(session))
    return frozenset({own_public_key(session), *(key for key in pinned if key is not None)})


def trusted_key(session: Session, producer: str) -> bytes | None:
    """The key pinned for `producer`, if any."""
    pinned = session.get(TrustedSender, producer)
    return decode_key(pinned.public_key) if pinned else None


def pin_key(session: Session, producer: str, public_key: bytes, *, user: str, how: str) -> None:
    """Trust `public_key` as `producer`'s from now on. The caller commits."""
    session.merge(TrustedSender(producer=producer, public_key=encode_key(public_key), pinned_at=utcnow(),
                                pinned_by=user, how=how))


def pin_pasted_key(session: Session, producer: str, text: str, *, user: str) -> bytes:
    """Trust the key a person pasted (read out or mailed by the sender, its fingerprint compared by
    phone) as `producer`'s, replacing any key pinned for it. The caller commits.

    Refused with a Swedish message: a producer that is nobody, text that is no key, and this
    register's own key (a bundle it signed is its own, never another sender's)."""
    if producer not in valid_owners():
        raise RegisterError(f"{producer!r} är varken ett län eller Brå.", f"{producer!r} is neither a county nor Brå.")
    key = decode_key(text)
    if key is None:
        raise RegisterError(
            "Det inklistrade är ingen nyckel. En nyckel är 44 tecken (bokstäver, siffror, +, / och =) som avsändaren "
            "hittar under Arkiv → Betrodda avsändare i sitt register.",
            "What was pasted is not a key. A key is 44 characters (letters, digits, +, / and =) that the sender finds "
            "under File → Trusted senders in their register.",
        )
    if key == own_public_key(session):
        raise RegisterError("Det är det här registrets egen nyckel, inte avsändarens.",
                            "That is this register's own key, not the sender's.")
    pin_key(session, producer, key, user=user, how=PINNED_BY_HAND)
    return key


def forget_key(session: Session, producer: str) -> None:
    """Stop trusting `producer`'s pinned key: its next bundle asks for the fingerprint again (the
    sender has a new computer or a new register). The caller commits."""
    pinned = session.get(TrustedSender, producer)
    if pinned is not None:
        session.delete(pinned)
