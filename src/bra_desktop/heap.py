"""Handing freed memory back to the system at a moment of our choosing, outside the GIL.

Serves `make bench`'s goal "UI thread blocked during import ≤ 100 ms": without it a national
import's plan blocks the window for longer (measurements in `benchmarks/results.json`).

python-calamine holds a national bundle's sheet as hundreds of megabytes of small Rust allocations.
On Linux, glibc's malloc does not tidy such freed blocks when they are freed but at some later
allocation of a larger block, whichever thread makes it: reading the next sheet, that was a regular
expression on the worker, which then held the GIL through glibc's work and froze the window.
`release_freed_memory` does that work right after a sheet is dropped, through ctypes, which lets
go of the GIL for the call, and gives the memory back to the system too. Elsewhere (Windows, or a C
library without `malloc_trim`) it does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the interpreter runs on
    except (OSError, AttributeError):  # another C library than glibc
        return None


def release_freed_memory() -> None:
    """Tidy the C heap and return its free memory to the system, without holding the GIL."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
