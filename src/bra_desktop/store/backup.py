"""Backups of a SQLite register with SQLite's online backup API, rotated, and restore.

The online backup API copies a consistent snapshot even while the app has the register open, and a
backup is written to a temporary name and renamed, so a killed process never leaves half a backup
that looks whole. Restoring first backs up the register as it is, so a restore can be undone too.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bra_desktop.paths import restrict_file_to_owner
from bra_desktop.store.errors import NotARegister

BACKUPS_KEPT = 20
_NAME = re.compile(r"^register_(\d{8}-\d{6}-\d{6})(?:_(.*))?\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


_ASCII = str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU")


def _slug(reason: str) -> str:
    """The reason as a file-name part: Swedish letters folded to ASCII, the rest dashes."""
    return re.sub(r"[^0-9A-Za-z]+", "-", reason.translate(_ASCII)).strip("-").lower()[:40]


def backup_database(database: Path, backup_dir: Path, reason: str = "manuell", keep: int = BACKUPS_KEPT) -> Path:
    """Copy the register to `backup_dir` and drop all but the `keep` newest backups."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"register_{stamp}_{_slug(reason)}.sqlite"
    partial = target.with_suffix(".partial")
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)
    restrict_file_to_owner(partial)
    partial.replace(target)
    _rotate(backup_dir, keep)
    return target


def list_backups(backup_dir: Path) -> list[BackupFile]:
    """The backups in `backup_dir`, newest first."""
    found = []
    for path in backup_dir.glob("register_*.sqlite") if backup_dir.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=timezone.utc)
            found.append(BackupFile(path, taken, (match.group(2) or "").replace("-", " ")))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _rotate(backup_dir: Path, keep: int) -> None:
    for old in list_backups(backup_dir)[keep:]:
        old.path.unlink(missing_ok=True)


def check_backup_file(path: Path) -> None:
    """Raise NotARegister unless `path` is an intact SQLite file holding a register."""
    if not path.is_file():
        raise NotARegister(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        raise NotARegister(
            f"Filen {path.name} är ingen databas som kan återställas ({error}).",
            f"The file {path.name} is not a database that can be restored ({error}).",
        ) from error
    if ok != "ok":
        raise NotARegister(f"Filen {path.name} är skadad ({ok}).", f"The file {path.name} is damaged ({ok}).")
    if not {"alembic_version", "activity", "register_info"} <= tables:
        raise NotARegister(
            f"Filen {path.name} är inget register från Brå-registret.",
            f"The file {path.name} is not a register made by this app.",
        )


def restore_database(database: Path, backup: Path, backup_dir: Path) -> Path:
    """Replace the register's content with `backup`; returns the backup taken of it first.

    The register must not be open elsewhere in this process (the caller disposes its engine).
    """
    check_backup_file(backup)
    safety = backup_database(database, backup_dir, reason="före återställning") if database.exists() else None
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source, closing(sqlite3.connect(database)) as live:
        source.backup(live)
    restrict_file_to_owner(database)
    return safety or backup
