"""Reference data and quick throw-away registers for the property-based and simulation tests.

The code lists, municipalities and counties are read from the same CSV files the register is seeded
from. Registers are copies of one migrated, seeded, empty register file, so a test can open dozens
of them without running the migrations each time.
"""

from __future__ import annotations

import atexit
import csv
import shutil
import tempfile
from functools import cache
from pathlib import Path

from bra_desktop.resources import resource_path
from bra_desktop.store.register import Register, open_register
from conftest import trust_each_other
from key_free import forget_own_key


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
def municipalities_of(county: str) -> tuple[str, ...]:
    return tuple(row["kommunkod"] for row in _rows("kommuner.csv") if row["lanskod"] == county)


@cache
def counties() -> tuple[str, ...]:
    """The 21 county codes, 01 … 25."""
    return tuple(row["lanskod"] for row in _rows("lan.csv"))


@cache
def empty_register_file() -> Path:
    """A migrated, seeded register without an owner, made once per test run (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="bra-empty-register-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    template = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
    forget_own_key(template)
    template.close()
    assert not (folder / "register.sqlite-wal").exists()
    return folder / "register.sqlite"


class RegisterFactory:
    """Opens new registers under `root`, each a copy of the empty register file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.opened: list[Register] = []

    def open(self, producer: str, name: str) -> Register:
        folder = self.root / name
        folder.mkdir(parents=True)
        shutil.copyfile(empty_register_file(), folder / "register.sqlite")
        register = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
        register.set_producer(producer)
        self.opened.append(register)
        trust_each_other(*self.opened)  # as the coordinators of the registers of one test would
        return register

    def close_all(self) -> None:
        for register in self.opened:
            register.close()
        self.opened.clear()
