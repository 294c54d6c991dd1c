"""Counts as a person reads them: "1 post", "21 475 poster", in the language the app shows
(`app.install_translators` sets the default locale, so the thousands are grouped as it writes them)."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def number(value: int) -> str:
    return QLocale().toString(value)


def counted(count: int, one: str, many: str) -> str:
    """`count` with the word in the form that fits it: counted(1, "post", "poster") is "1 post"."""
    return f"{number(count)} {one if count == 1 else many}"
