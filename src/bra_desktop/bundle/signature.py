"""A bundle's signature: what it covers and how it is checked (DESIGN §4, Trust).

The signature covers the Info sheet's values (`schema.signed_info_keys`): the bundle's identity
(format, id, producer, time, scope, whether it carries contact details), each data sheet's row count
and content hashes, the code lists' hash and the signer's public key. The content hashes tie it to
every row: a sheet whose rows no longer give its signed hash was edited after signing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bra_desktop.bundle.cells import read_text
from bra_desktop.bundle.schema import signed_info_keys
from bra_desktop.domain.signing import sign, verifies

_CONTEXT = b"bra-paket signatur 1\n"
"""Put before the signed text, so that a signature made for a bundle means nothing anywhere else."""


def signed_text(info: Mapping[str, Any]) -> bytes:
    """The bytes a bundle's signature covers: a `key=value` line per signed key, every value as the
    reader reads a cell (`read_text`), so that a workbook re-saved by Excel or LibreOffice, which
    may store a count as 3.0 or text as a number, signs the same."""
    lines = (f"{key}={read_text(info.get(key)) or ''}" for key in sorted(signed_info_keys()))
    return _CONTEXT + "\n".join(lines).encode("utf-8")


def sign_info(private_key: bytes, info: Mapping[str, Any]) -> str:
    return sign(private_key, signed_text(info))


def info_verifies(public_key: bytes, signature: str | None, info: Mapping[str, Any]) -> bool:
    return verifies(public_key, signature, signed_text(info))
