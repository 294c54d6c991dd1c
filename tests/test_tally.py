"""The activity tally (`store/tally.py`): kept up to date through edits, imports and undo, so that
the figures it gives are those of counting every activity afresh."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.undo import import_history, undo_import
from bra_desktop.domain.fields import ACTIVITY
from bra_desktop.domain.models import ActivityTally, RegisterInfo
from bra_desktop.reports.figures import county_overview, year_figures
from bra_desktop.reports.municipalities import standings
from bra_desktop.store import tally
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import load_record, update_record

from conftest import accept_edits, add, tombstone

pytestmark = pytest.mark.both_engines

TODAY = date(2026, 6, 30)


def counted(register, *, afresh=False):
    """What the figures and the municipalities' standings say for 2024–2026, whole country and
    each county: from the tally as it is kept, or (`afresh`) from a tally counted from nothing."""
    with register.session() as session:
        if afresh:
            tally.forget(session)
        found = {}
        for year in (2024, 2025, 2026):
            found[year, None] = year_figures(session, year, None, today=TODAY)
            found[year, "overview"] = county_overview(session, year, today=TODAY)
            for county in ("01", "03"):
                found[year, county] = year_figures(session, year, county, today=TODAY)
                found[year, county, "standings"] = standings(session, year, county, today=TODAY)
        if afresh:
            session.rollback()  # the tally as it was kept stays for the next read
        else:
            session.commit()  # as the window's reads keep what they counted
    return found


def edit(register, record, **changes):
    """Change fields of an activity as it is stored now."""
    with register.session() as session:
        stored = load_record(session, ACTIVITY, record.id)
        update_record(session, ACTIVITY, record.id, {**stored.content, **changes}, user="testare",
                      reference=load_reference(session))
        session.commit()


def tallied_through(register):
    with register.session() as session:
        info = session.get(RegisterInfo, tally.TALLIED_THROUGH)
        return None if info is None else int(info.value)


def test_the_tally_follows_each_kind_of_edit(register):
    network = add(register, "network", name="Länsnätverket")
    organisation = add(register, "organisation", name="Polisen Syd")
    kept = add(register, "activity", title="Träff", start_date=date(2026, 3, 2), municipalities=["0180"],
               organisations=[organisation.id], subject_areas=["UNGA"], participants=12)
    spanning = add(register, "activity", title="Kurs", start_date=date(2025, 11, 20), end_date=date(2026, 2, 1),
                   municipalities=["0181"], network_id=network.id, participants=30)
    other = add(register, "activity", title="Uppsala", start_date=date(2026, 5, 5), municipalities=["0380"])
    add(register, "activity", title="Förra året", start_date=date(2024, 9, 9), municipalities=["0180"])
    first = counted(register)
    assert first == counted(register, afresh=True)
    assert first[2026, "01"].activities == 3 and first[2025, "01"].activities == 1

    edit(register, kept, activity_type="KONFERENS", municipalities=["0181", "0182"])  # 2026 alone is recounted
    assert counted(register) == counted(register, afresh=True)
    edit(register, kept, start_date=date(2025, 7, 1))  # out of 2026, into 2025: both are recounted
    moved = counted(register)
    assert moved == counted(register, afresh=True)
    assert moved[2026, "01"].activities == 2 and moved[2025, "01"].activities == 2

    edit(register, spanning, status="INSTALLD")
    tombstone(register, "activity", other.id)
    tombstone(register, "organisation", organisation.id)
    add(register, "activity", title="Ny", start_date=date(2025, 4, 1), participants=7)
    last = counted(register)
    assert last == counted(register, afresh=True)
    assert last[2026, "01"].activities == 0 and last[2025, "01"].activities == 2 and last[2024, "01"].activities == 1
    assert last[2025, "01"].participants == 19
    assert not any(count.value for count in last[2025, "01"].organisations_by_type)  # its one organisation is gone


def test_a_read_that_counted_keeps_the_tally_and_the_next_counts_nothing(register):
    add(register, "activity", municipalities=["0180"])
    assert tallied_through(register) is None
    with register.session() as session:
        year_figures(session, 2026, "01", today=TODAY)
        session.commit()
    marker = tallied_through(register)
    assert marker is not None and marker > 0
    with register.session() as session:
        rows = session.scalar(select(func.count()).select_from(ActivityTally))
        tally.bring_up_to_date(session)  # nothing changed: nothing counted
        assert session.scalar(select(func.count()).select_from(ActivityTally)) == rows > 0
    add(register, "activity", municipalities=["0181"], start_date=date(2026, 1, 1))
    with register.session() as session:
        assert year_figures(session, 2026, "01", today=TODAY).activities == 2
        session.commit()
    assert tallied_through(register) > marker


def test_undoing_an_import_that_created_activities_counts_them_out(register, make_register, tmp_path):
    brå = make_register("BRA")
    add(brå, "activity", title="Nationell konferens", municipalities=["0380"])
    add(register, "activity", title="Länets träff", municipalities=["0180"], start_date=date(2026, 2, 2))
    before = counted(brå)
    bundle = export_bundle(register, tmp_path / "county.xlsx", user="anna").path
    apply_plan(brå, accept_edits(prepare_import(brå, bundle)), user="brå")
    imported = counted(brå)
    assert imported[2026, "01"].activities == 1 and imported[2026, None].activities == 2
    (receipt,) = import_history(brå)
    undo_import(brå, receipt.id, user="brå")
    assert tallied_through(brå) is not None  # the years the import brought were counted again, not all
    assert counted(brå) == before == counted(brå, afresh=True)
    assert before[2026, "01"].activities == 0 and before[2026, None].activities == 1


def test_undoing_an_import_the_tally_has_not_counted_yet(register, make_register, tmp_path):
    brå = make_register("BRA")
    add(brå, "activity", title="Nationell konferens", municipalities=["0380"])
    add(register, "activity", title="Länets träff", municipalities=["0180"], start_date=date(2024, 12, 20),
        end_date=date(2025, 1, 10))
    before = counted(brå)
    bundle = export_bundle(register, tmp_path / "county.xlsx", user="anna").path
    apply_plan(brå, accept_edits(prepare_import(brå, bundle)), user="brå")
    (receipt,) = import_history(brå)
    undo_import(brå, receipt.id, user="brå")
    assert counted(brå) == before == counted(brå, afresh=True)


def test_a_count_that_is_not_committed_leaves_nothing(register):
    """The tally is written in the reader's transaction, also on SQLite, where Python's driver
    leaves a statement that starts with WITH outside one."""
    add(register, "activity", municipalities=["0180"])
    with register.session() as session:
        tally.bring_up_to_date(session)
        session.rollback()
    with register.session() as session:
        assert session.scalar(select(func.count()).select_from(ActivityTally)) == 0
    assert tallied_through(register) is None
