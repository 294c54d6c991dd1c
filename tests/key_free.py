"""Template registers that tests copy (a SQLite file, a PostgreSQL template database) must not hold a
signing key: every copy would then sign as the same register, and a bundle from one would read in
another as "signed by this register"."""

from __future__ import annotations

from sqlalchemy import delete

from bra_desktop.domain.models import RegisterInfo
from bra_desktop.store.register import SIGNING_KEY_INFO, Register


def forget_own_key(register: Register) -> None:
    """Remove the register's key pair, so each copy makes a pair of its own when it is opened."""
    with register.engine.begin() as connection:
        connection.execute(delete(RegisterInfo).where(RegisterInfo.key == SIGNING_KEY_INFO))
