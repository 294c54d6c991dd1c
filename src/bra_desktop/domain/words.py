"""Swedish numbers and counts in text the app writes without Qt (the report, the command line):
"4 310", "1 post", "7 poster". The window writes them in its own language (`ui/numbers.py`)."""

from __future__ import annotations


def number(value: int) -> str:
    """Swedish digit grouping: 4 310 (with a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0")


def counted(count: int, one: str, many: str) -> str:
    """`count` with the word in the form that fits it: counted(1, "post", "poster") is "1 post"."""
    return f"{number(count)} {one if count == 1 else many}"
