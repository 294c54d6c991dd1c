"""Storage faults in words a coordinator can act on, translated in one place.

A locked, full, read-only or damaged register reaches the store as a sqlite3 error deep inside
SQLAlchemy, and a full or read-only folder as an OSError from a backup or an export; left alone,
either ends in a traceback or an English SQL error. `storage_fault` translates both into the
RegisterErrors of `store.errors`, naming the file or folder, by SQLite's result code and the OS's
errno rather than by their English text, which differs between platforms and versions. The
register's engine translates every SQLite error this way (`engine.py`), the store's own file work
runs under `storage_faults`, and the command line's last line of defence translates the rest.

The messages say that nothing changed, and that holds: SQLite rolls a failed transaction back, and
backups, bundles and settings are written under a temporary name and renamed only when whole.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bra_desktop.store.errors import DiskFailed, DiskFull, NotWritable, RegisterBusy, RegisterDamaged, RegisterError

_BY_SQLITE_CODE = {
    sqlite3.SQLITE_BUSY: RegisterBusy,
    sqlite3.SQLITE_LOCKED: RegisterBusy,
    sqlite3.SQLITE_FULL: DiskFull,
    sqlite3.SQLITE_READONLY: NotWritable,
    sqlite3.SQLITE_PERM: NotWritable,
    sqlite3.SQLITE_CANTOPEN: NotWritable,
    sqlite3.SQLITE_IOERR: DiskFailed,
    sqlite3.SQLITE_CORRUPT: RegisterDamaged,
    sqlite3.SQLITE_NOTADB: RegisterDamaged,
}
_BY_ERRNO = {
    errno.ENOSPC: DiskFull,
    errno.EDQUOT: DiskFull,
    errno.EROFS: NotWritable,
    errno.EACCES: NotWritable,
    errno.EPERM: NotWritable,
    errno.EIO: DiskFailed,
}


def storage_fault(error: BaseException, where: Path | str | None = None) -> RegisterError | None:
    """The RegisterError that says what `error` means, naming `where` (else an OSError's own file);
    None for an error that is no storage fault, or an OSError that names no place."""
    if isinstance(error, sqlite3.Error):
        # Extended result codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT …) keep the primary code in the low byte.
        fault, reason = _BY_SQLITE_CODE.get((getattr(error, "sqlite_errorcode", None) or 0) & 0xFF), str(error)
    elif isinstance(error, OSError):
        fault, reason, where = _BY_ERRNO.get(error.errno), error.strerror or str(error), where or error.filename
    else:
        return None
    if fault is None or where is None:
        return None
    if fault in (DiskFailed, RegisterDamaged):  # what went wrong helps whoever rescues the disk or the file
        return fault(Path(where), reason)
    return fault(where)


@contextmanager
def storage_faults(where: Path | str | None = None) -> Iterator[None]:
    """Do file or SQLite work on `where`; a storage fault in it is raised as the RegisterError naming it
    (without `where`, an OSError names its own file)."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        fault = storage_fault(error, where)
        if fault is None:
            raise
        raise fault from error
