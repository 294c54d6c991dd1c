"""Keeping CPython's cycle collector from freezing the window during bulk work.

Serves `make bench`'s goal "UI thread blocked during import ≤ 100 ms": without it a national
import's plan blocks the window for longer (measurements in `benchmarks/results.json`).

Reading, planning, applying and exporting a national bundle create millions of objects that live
until the work is done (rows, plans, bases). CPython's cycle collector traverses every live object
it tracks when it runs a full collection, with the GIL held, and it runs one whenever the number of
long-lived objects has grown by a quarter: many times during a national import, each freezing the
window although the work runs on a worker thread.

`paused_collection` switches the collector off for the duration of the work and, at the end,
freezes what is alive then (`gc.freeze`): those objects are not traversed again, and they are
still freed the usual way, by reference counting, when the plan or the export is dropped. Only
objects in reference cycles created during the work stay until the process ends: a few thousand
per job, whatever the size of the bundle.
"""

from __future__ import annotations

import gc
import threading
from contextlib import ContextDecorator

_lock = threading.Lock()
_active = 0
"""Bulk jobs running now (the worker's, and nested ones: an import plans, then applies)."""
_enabled_before = True


class paused_collection(ContextDecorator):  # noqa: N801 (used as a decorator and a `with`, like contextlib's)
    """No cycle collection while any bulk work runs, in any thread; freeze the survivors afterwards."""

    def __enter__(self) -> paused_collection:
        global _active, _enabled_before
        with _lock:
            if _active == 0:
                _enabled_before = gc.isenabled()
                gc.disable()
            _active += 1
        return self

    def __exit__(self, *exc: object) -> None:
        global _active
        with _lock:
            _active -= 1
            if _active == 0:
                gc.freeze()
                if _enabled_before:
                    gc.enable()
