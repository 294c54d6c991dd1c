"""Letting a national import plan go without freezing the window.

Serves `make bench`'s goal "UI thread blocked during import ≤ 100 ms" for a plan of new records
(an import into an empty register): freed at once, it blocks the window for longer (measurements
in `benchmarks/results.json`).

A plan of Brå's national bundle is millions of small objects (rows, contents, planned records,
diffs). Whichever thread drops the last reference frees them all in one go, holding the GIL, and
the window that closes the import wizard is that thread. `release_in_pieces` takes a plan its
owner is done with to a thread of its own, waits there until nothing else refers to it (the
wizard's widgets go when Qt deletes them), and then empties its lists a few thousand records at a
time, letting the window have the GIL in between.

A list something else still refers to is left as it is: it goes the usual way, whenever that is.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

from bra_desktop.bundle.plan import ImportPlan

PIECE = 2_000
WAIT_SECONDS = 30.0
"""How long the plan may still be in use (a closing dialog) before it is left to go the usual way."""
_POLL_SECONDS = 0.05
_ONLY_HERE = 2
"""`sys.getrefcount` of an object held by one local name alone (its argument counts once more)."""


def release_in_pieces(plan: ImportPlan) -> threading.Thread:
    """Take over `plan` (the caller keeps no reference) and free it on a thread, piece by piece."""
    handed: list[ImportPlan] = [plan]
    del plan
    thread = threading.Thread(target=_release, args=(handed,), name="bra-release-plan", daemon=True)
    thread.start()
    return thread


def _release(handed: list[ImportPlan]) -> None:
    plan = handed.pop()
    deadline = time.monotonic() + WAIT_SECONDS
    while sys.getrefcount(plan) > _ONLY_HERE:
        if time.monotonic() > deadline:
            return  # still in use somewhere
        time.sleep(_POLL_SECONDS)
    contents = plan.contents
    lists: list[list[Any]] = [plan.records, plan.rejected, contents.rejected, *contents.rows.values(),
                              *contents.held_rows.values()]
    del plan, contents  # freed now; what they held lives on in `lists` until emptied below
    while lists:
        items = lists.pop()
        if sys.getrefcount(items) == _ONLY_HERE:  # else something else still reads it
            while items:
                del items[-PIECE:]
        del items
