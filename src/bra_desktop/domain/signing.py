"""Ed25519 keys and signatures, as the register keeps them and people compare them.

Every register has a key pair from its first start (`store/keys.py`); bundles are signed with it
(`bundle/signature.py`). Keys are kept and written as base64 of their 32 raw bytes; people compare
a key by its fingerprint, read out by phone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat


def new_private_key() -> bytes:
    """A new private key, as its 32 raw bytes."""
    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_of(private_key: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def encode_key(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def decode_key(text: str | None) -> bytes | None:
    """A key as written in a bundle, kept in the register or pasted by a person; None if it is not
    one (whitespace inside, as in a key pasted from an e-mail, is ignored)."""
    if not text:
        return None
    try:
        key = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == 32 else None


def fingerprint(public_key: bytes) -> str:
    """A key's fingerprint as people compare it by phone: 32 hex digits in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest().upper()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def sign(private_key: bytes, message: bytes) -> str:
    """The signature of `message`, as base64."""
    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(private_key).sign(message)).decode("ascii")


def verifies(public_key: bytes, signature: str | None, message: bytes) -> bool:
    """Whether `signature` (base64) is the key's over `message`."""
    if not signature:
        return False
    try:
        raw = base64.b64decode(signature, validate=True)
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw, message)
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
