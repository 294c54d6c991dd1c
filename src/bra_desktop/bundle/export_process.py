"""Writing a bundle in a process of its own, so that the window never waits for it.

An export of Brå's national bundle writes half a gigabyte of sheet XML through openpyxl's
temporary files. On a busy disk that stalled the whole app process for up to 0.7 s at a time,
window included, although the export ran on a worker thread (`make bench`); the same export in
another process never stalls the window. So the app exports in a child process: it opens the
register by its URL (SQLite's WAL and PostgreSQL both let two connections work side by side),
runs `export_bundle` and reports progress, the result or the error back through a pipe.

Cancelling is honoured up to the commit: after the last row the child asks the parent whether to
go on, so a cancel given while the child was already at the end still leaves no file and no trace.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bra_desktop.bundle.export import FULL, Cancelled, ExportResult, Progress, export_bundle
from bra_desktop.store.errors import RegisterError

_POLL_SECONDS = 0.1


def export_in_process(
    url: str,
    backup_dir: Path | None,
    out: Path,
    *,
    user: str,
    scope: str = FULL,
    with_contacts: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """`export_bundle` on the register at `url`, run in a child process; same result and errors."""
    context = multiprocessing.get_context("spawn")  # not fork: the app has Qt and database threads
    here, there = context.Pipe()
    cancel = context.Event()
    child = context.Process(
        target=_export, name="bra-desktop-export", daemon=True,
        args=(there, cancel, url, str(backup_dir) if backup_dir else None, str(out), user, scope, with_contacts),
    )
    child.start()
    there.close()
    try:
        while True:
            if cancelled is not None and cancelled():
                cancel.set()
            if not here.poll(_POLL_SECONDS):
                if not child.is_alive() and not here.poll(0):
                    raise _stopped(child.exitcode)
                continue
            try:
                message = here.recv()
            except EOFError:
                child.join()
                raise _stopped(child.exitcode) from None
            if message[0] == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif message[0] == "last row":
                here.send(cancel.is_set() or (cancelled is not None and cancelled()))
            else:
                return _outcome(message)
    finally:
        here.close()
        child.join(timeout=10)


def _outcome(message: tuple[Any, ...]) -> ExportResult:
    kind = message[0]
    if kind == "done":
        return message[1]
    if kind == "cancelled":
        raise Cancelled()
    if kind == "error":
        raise RegisterError(message[1], message[2])
    raise RuntimeError(f"Exporten misslyckades i sin process:\n{message[1]}")


def _stopped(exit_code: int | None) -> RegisterError:
    return RegisterError(
        f"Exporten avbröts oväntat (processen slutade med kod {exit_code}). Ingenting i registret har ändrats.",
        f"The export stopped unexpectedly (its process exited with code {exit_code}). Nothing in the register changed.",
    )


def _export(connection: Connection, cancel: Any, url: str, backup_dir: str | None, out: str, user: str,
            scope: str, with_contacts: bool) -> None:
    """The child process: export, and send back what happened (errors as text: not every error
    pickles, and the parent needs only its messages)."""
    from bra_desktop.store.faults import storage_faults
    from bra_desktop.store.register import open_register

    def progress(done: int, total: int) -> None:
        connection.send(("progress", done, total))
        if done == total:  # the last row: nothing is committed yet, and the parent may still cancel
            connection.send(("last row",))
            if connection.recv():
                raise Cancelled()

    try:
        register = open_register(url, Path(backup_dir) if backup_dir else None)
        try:
            with storage_faults(Path(out)):  # a full or read-only disk: said as the command line says it
                result = export_bundle(register, Path(out), user=user, scope=scope, with_contacts=with_contacts,
                                       progress=progress, cancelled=cancel.is_set)
        finally:
            register.close()
        connection.send(("done", result))
    except Cancelled:
        connection.send(("cancelled",))
    except RegisterError as error:
        connection.send(("error", error.message_sv, error.message_en))
    except BaseException:  # noqa: BLE001 (reported to the parent, which shows and logs it)
        connection.send(("crash", traceback.format_exc()))
    finally:
        connection.close()
