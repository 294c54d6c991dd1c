"""Reference data and quick throw-away registers for the property-based and simulation tests.

The code lists, municipalities and counties are read from the same CSV files the register is seeded
from. Registers are copies of one migrated, seeded, empty register file, so a test can open dozens
of them without running the migrations each time.
"""

from __future__ import annotations

import csv
import shutil
from functools import cache
from pathlib import Path

from bra_desktop.resources import resource_path
from bra_desktop.store.register import Register, open_register


def _rows(name: str) -> list[dict[str, str]]:
    with resource_path("data", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def code_lists() -> dict[str, tuple[str, ...]]:
    """Code list name → its codes, as seeded."""
    lists: dict[str, list[str]] = {}
    for row in _rows("kodlistor.csv"):
        lists.setdefault(row["lista"], []).append(row["kod"])
    return {name: tuple(codes) for name, codes in lists.items()}


@cache
def municipalities() -> tuple[str, ...]:
    return tuple(row["kommunkod"] for row in _rows("kommuner.csv"))


@cache
def counties() -> tuple[str, ...]:
    """The 21 county codes, 01 … 25."""
    return tuple(row["lanskod"] for row in _rows("lan.csv"))


class RegisterFactory:
    """Opens new registers as copies of one empty register file made on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._template: Path | None = None
        self.opened: list[Register] = []

    def _empty(self) -> Path:
        if self._template is None:
            folder = self.root / "template"
            template = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
            template.close()
            self._template = folder / "register.sqlite"
        return self._template

    def open(self, producer: str, name: str) -> Register:
        folder = self.root / name
        folder.mkdir(parents=True)
        shutil.copyfile(self._empty(), folder / "register.sqlite")
        register = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
        register.set_producer(producer)
        self.opened.append(register)
        return register

    def close_all(self) -> None:
        for register in self.opened:
            register.close()
        self.opened.clear()
