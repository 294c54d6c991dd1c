"""Backups of a SQLite register with SQLite's online backup API, rotated, and restore.

The online backup API copies a consistent snapshot even while the app has the register open, and a
backup is written to a temporary name and renamed, so a killed process never leaves half a backup
that looks whole; the partial file a killed backup leaves is removed when the register next opens.
Restoring first backs up the register as it is, so a restore can be undone too. A damaged register
cannot be backed up: it is moved aside instead, so restoring is how a person gets past the damage.
A full or read-only folder raises the RegisterError that says so (`faults`) and leaves no file behind.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bra_desktop.paths import restrict_file_to_owner
from bra_desktop.store.errors import NotARegister, RegisterDamaged
from bra_desktop.store.faults import storage_faults

BACKUPS_KEPT = 20
_NAME = re.compile(r"^register_(\d{8}-\d{6}-\d{6})(?:_(.*))?\.sqlite$")
PARTIAL_ABANDONED_AFTER = 3600
"""Seconds without a write after which a partial copy is taken to be a killed one's: younger, it may
be another window's backup under way, which removing it would break."""


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
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"register_{stamp}_{_slug(reason)}.sqlite"
    partial = target.with_suffix(".partial")
    with closing(_read_register(database)) as source, storage_faults(backup_dir):
        backup_dir.mkdir(parents=True, exist_ok=True)
        try:
            with closing(sqlite3.connect(partial)) as copy:
                source.backup(copy)
                # One self-contained file: read later (checked, restored), it needs no -wal or -shm beside it.
                copy.execute("PRAGMA journal_mode=DELETE")
            restrict_file_to_owner(partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)  # a failed copy leaves nothing behind
        _rotate(backup_dir, keep)
    return target


def _read_register(database: Path) -> sqlite3.Connection:
    """A connection to the register that has read its schema: a damaged file is RegisterDamaged here,
    naming the register, rather than a fault of the backup folder while copying."""
    with storage_faults(database):
        connection = sqlite3.connect(database)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            connection.close()
            raise
    return connection


def remove_abandoned_partials(database: Path, backup_dir: Path | None) -> None:
    """Remove the partial copies killed backups and restores left (never listed as backups)."""
    partials = [Path(f"{database}.partial"), *(backup_dir.glob("register_*.partial") if backup_dir else ())]
    abandoned = time.time() - PARTIAL_ABANDONED_AFTER
    for partial in partials:
        with suppress(OSError):  # gone, in use or in a read-only folder: the next start tries again
            if partial.stat().st_mtime < abandoned:
                partial.unlink()


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


def newest_intact_backup(backup_dir: Path) -> BackupFile | None:
    """The newest backup that opens cleanly and holds a register: what to offer for a damaged one."""
    for backup in list_backups(backup_dir):
        try:
            check_backup_file(backup.path)
        except NotARegister:
            continue
        return backup
    return None


def restore_database(database: Path, backup: Path, backup_dir: Path) -> Path:
    """Replace the register's content with `backup`; returns where the register as it was is kept:
    a backup taken of it first, or for a damaged register its file moved aside.

    The register must not be open elsewhere in this process (the caller disposes its engine).
    """
    check_backup_file(backup)
    try:
        kept = backup_database(database, backup_dir, reason="före återställning") if database.exists() else backup
    except RegisterDamaged:
        return _replace_damaged(database, backup)
    with storage_faults(database):
        _copy(backup, database)
    return kept


def _replace_damaged(database: Path, backup: Path) -> Path:
    """Put a copy of `backup` in place of the damaged register and keep the damaged file beside it as
    `register.sqlite.skadad-<UTC time>`, for whoever can rescue what it holds. Its WAL files go with
    it (left in place, SQLite would read them into the restored register), and the copy is made
    before anything is moved, so a fault while making it leaves everything as it was."""
    fresh = Path(f"{database}.partial")
    aside = Path(f"{database}.skadad-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}")
    try:
        with storage_faults(database.parent):
            _copy(backup, fresh)
            for suffix in ("-wal", "-shm", ""):
                if Path(f"{database}{suffix}").exists():
                    os.replace(f"{database}{suffix}", f"{aside}{suffix}")
            fresh.replace(database)
    finally:
        fresh.unlink(missing_ok=True)
    return aside


def _copy(backup: Path, target: Path) -> None:
    """Copy the database `backup` into `target` with the online backup API, which writes `target` in
    one transaction: a fault while copying leaves it as it was."""
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source, closing(sqlite3.connect(target)) as live:
        source.backup(live)
    restrict_file_to_owner(target)
