"""Freed C memory is tidied and handed back where glibc can do it (bra_desktop/heap.py)."""

import ctypes
import platform
import resource
import sys

import pytest

from bra_desktop import heap


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="malloc_trim is glibc's")
def test_freed_small_blocks_go_back_to_the_system_on_glibc():
    """As python-calamine's cells: many small C blocks, freed below one still in use, which glibc
    keeps until it is told to tidy."""
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    blocks = []
    for _ in range(400_000):  # about 100 MB
        block = libc.malloc(240)
        libc.memset(block, 1, 240)
        blocks.append(block)
    last = blocks.pop()  # still in use: the heap cannot just be cut back at its top
    for block in blocks:
        libc.free(block)
    kept = resident_bytes()
    heap.release_freed_memory()
    assert kept - resident_bytes() > 50 * 2**20
    libc.free(last)


def test_elsewhere_it_does_nothing(monkeypatch):
    heap._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "win32")
    try:
        assert heap._malloc_trim() is None
        heap.release_freed_memory()  # no C library call to make, and no error
    finally:
        heap._malloc_trim.cache_clear()
