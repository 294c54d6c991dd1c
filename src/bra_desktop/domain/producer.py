"""Whose register, bundle or record it is: a county's two-digit code, or Brå's.

A module of its own, free of the tables, so that the command line can know it without loading the
database layer (`bra-desktop --version` answers at once). The valid owners are exactly the 21
counties of `resources/data/lan.csv` and Brå: a bundle is written by a stranger, and an `ursprung`
of 99, `bra`, `XX` or digits of another script names nobody (DESIGN §4, Trust).
"""

from __future__ import annotations

import csv
import re
from functools import cache

from bra_desktop.resources import resource_path

NATIONAL = "BRA"
"""The producer code of Brå's national register (a county's is its two-digit county code)."""

_COUNTY_CODE = re.compile(r"[0-9]{1,2}", re.ASCII)
"""Digits 0-9 only: `str.isdigit` also takes full-width and Arabic-Indic digits."""


@cache
def county_names() -> dict[str, str]:
    """County code → the county's name (`Stockholms län`), as the app ships them."""
    with resource_path("data", "lan.csv").open(encoding="utf-8", newline="") as handle:
        return {row["lanskod"]: row["lan"] for row in csv.DictReader(handle)}


@cache
def valid_owners() -> frozenset[str]:
    """The 21 county codes and BRA: the only producers a record or a bundle can have."""
    return frozenset((*county_names(), NATIONAL))


def parse_owner(text: str | None) -> str | None:
    """The owner a cell names, or None if it names no valid one.

    A county may be written without its leading zero (`1`, as Excel turns `01` into a number);
    anything else must be written exactly as the app writes it.
    """
    if text is None:
        return None
    text = text.strip()
    if _COUNTY_CODE.fullmatch(text):
        text = text.zfill(2)
    return text if text in valid_owners() else None


def owner_name(owner: str) -> str:
    """An owner as a coordinator says it: `Brå`, `Stockholms län (01)`."""
    if owner == NATIONAL:
        return "Brå"
    name = county_names().get(owner)
    return f"{name} ({owner})" if name else f"län {owner}"
