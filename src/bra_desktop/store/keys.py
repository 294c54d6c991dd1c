"""The register's own signing key and the senders' keys it trusts (DESIGN §4, Trust).

The key pair belongs to the register, not to the computer: it is kept in the register itself
(`register_info`), so it is in every backup of it, a restore brings it back, and the analysts who
share Brå's register on a server sign as one sender. The register file and its backups are
readable by their owner alone (`paths.restrict_file_to_owner`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bra_desktop.domain.signing import decode_key, encode_key, new_private_key, public_key_of
from bra_desktop.domain.models import RegisterInfo, TrustedSender, utcnow
from bra_desktop.store.register import SIGNING_KEY_INFO



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


def trusted_key(session: Session, producer: str) -> bytes | None:
    """The key pinned for `producer`, if any."""
    pinned = session.get(TrustedSender, producer)
    return decode_key(pinned.public_key) if pinned else None


def pin_key(session: Session, producer: str, public_key: bytes, *, user: str, how: str) -> None:
    """Trust `public_key` as `producer`'s from now on. The caller commits."""
    session.merge(TrustedSender(producer=producer, public_key=encode_key(public_key), pinned_at=utcnow(),
                                pinned_by=user, how=how))
