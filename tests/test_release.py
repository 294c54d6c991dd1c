"""A plan the wizard is done with is freed on a thread of its own, piece by piece (bundle/release.py)."""

import weakref

from bra_desktop.bundle import release
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import

from conftest import add


class Marker:
    """Something in a plan's list whose end can be watched."""


def made_plan(register, tmp_path):
    """A plan of five records (made here, not as a fixture: pytest would keep a fixture's value)."""
    for n in range(5):
        add(register, "activity", title=f"Träff {n}")
    made = prepare_import(register, export_bundle(register, tmp_path, user="anna").path)
    assert len(made.records) == 5
    return made


def test_a_plan_is_freed_once_nothing_else_holds_it(register, tmp_path, monkeypatch):
    plan = made_plan(register, tmp_path)
    monkeypatch.setattr(release, "PIECE", 2)
    marker = Marker()
    plan.rejected.append(marker)
    watched = weakref.ref(marker)
    del marker
    holder = [plan]  # still shown somewhere: the thread waits
    thread = release.release_in_pieces(plan)
    del plan
    thread.join(0.3)
    assert thread.is_alive() and watched() is not None
    holder.clear()
    thread.join(5)
    assert not thread.is_alive() and watched() is None


def test_a_list_still_read_elsewhere_is_left_as_it_is(register, tmp_path):
    plan = made_plan(register, tmp_path)
    records = plan.records
    thread = release.release_in_pieces(plan)
    del plan
    thread.join(5)
    assert not thread.is_alive() and len(records) == 5


def test_a_plan_still_in_use_after_the_wait_is_left_alone(register, tmp_path, monkeypatch):
    plan = made_plan(register, tmp_path)
    monkeypatch.setattr(release, "WAIT_SECONDS", 0.2)
    thread = release.release_in_pieces(plan)
    thread.join(5)
    assert not thread.is_alive() and len(plan.records) == 5
