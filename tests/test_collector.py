"""The cycle collector is paused during bulk work and does not traverse its survivors afterwards."""

from __future__ import annotations

import gc
import threading

import pytest

from bra_desktop.collector import paused_collection


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_no_collection_runs_during_bulk_work_and_its_survivors_are_frozen():
    kept = []
    with paused_collection():
        assert not gc.isenabled()
        frozen_before = gc.get_freeze_count()
        kept.extend([index] for index in range(1000))  # lists: objects the collector tracks
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + 1000


def test_nested_and_concurrent_work_switch_the_collector_on_only_when_all_have_ended():
    inner_started, outer_may_end = threading.Event(), threading.Event()

    @paused_collection()
    def worker() -> None:
        inner_started.set()
        outer_may_end.wait(5)

    with paused_collection():
        thread = threading.Thread(target=worker)
        thread.start()
        inner_started.wait(5)
        with paused_collection():  # nested in the same thread: an import plans, then applies
            pass
        assert not gc.isenabled()
    assert not gc.isenabled()  # the worker's job still runs
    outer_may_end.set()
    thread.join()
    assert gc.isenabled()


def test_the_collector_is_switched_on_again_when_the_work_fails():
    with pytest.raises(RuntimeError), paused_collection():
        raise RuntimeError("broken bundle")
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    with paused_collection():
        pass
    assert not gc.isenabled()
