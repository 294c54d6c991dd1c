"""How a long job reports: `progress(done, total)`, asked `cancelled()`, stopped by `JobCancelled`.

Plain types, with no Qt: the bundle and store layers take a progress callback, and the UI's
operations (`ui/operations.py`) pass one that raises `JobCancelled` once cancel was asked for.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class JobCancelled(Exception):
    """Raised inside a job by its progress callback once cancel was asked for."""
