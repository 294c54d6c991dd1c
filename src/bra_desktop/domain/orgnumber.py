"""Swedish organisation numbers (organisationsnummer): NNNNNN-NNNN with a Luhn check digit."""

from __future__ import annotations

import re

_PATTERN = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by Skatteverket for personal and organisation numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(text: str) -> str | None:
    """`NNNNNN-NNNN` if text is a valid organisation number, else None."""
    match = _PATTERN.match(text.strip())
    if not match:
        return None
    digits = match.group(1) + match.group(2)
    if not luhn_ok(digits):
        return None
    return f"{match.group(1)}-{match.group(2)}"
