"""Brå's side of the exchange (issue 5): three counties send bundles, Brå reads them in one batch and
sends the national bundle back; each county then holds every county's records, its own unchanged.
Runs on SQLite and PostgreSQL (Brå's shared register)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import select

from bra_desktop.bundle import snapshot
from bra_desktop.bundle.apply import StalePlan, apply_plan
from bra_desktop.bundle.batch import apply_current, apply_files, plan_files
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import Activity, BundleReceipt
from bra_desktop.store.errors import ReadOnlyRecord
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import update_record

from conftest import accept_edits, add
from workbook_edits import EditedBundle

pytestmark = pytest.mark.both_engines

COUNTIES = ("01", "12", "14")


@pytest.fixture
def counties(make_register):
    """Three county registers, each with a network, an organisation and two activities of its own."""
    made = {}
    for code in COUNTIES:
        county = make_register(code)
        network = add(county, "network", name=f"Nätverket i län {code}")
        org = add(county, "organisation", name=f"Polisen i län {code}")
        for n in range(2):
            add(county, "activity", title=f"Träff {n} i län {code}", network_id=network.id, organisations=[org.id],
                start_date=date(2026, 2, n + 1))
        made[code] = county
    return made


def apply_batch(register, paths):
    """Plan every file first, then apply them one by one, as the import wizard and `import` do."""
    outcomes = apply_files(register, [entry.plan for entry in plan_files(register, paths)], user="analytiker")
    for outcome in outcomes:
        if isinstance(outcome, Exception):
            raise outcome
    return outcomes


def titles(register) -> dict[str, str]:
    """Every live activity's title → its origin."""
    with register.session() as session:
        return dict(session.execute(select(Activity.title, Activity.origin).where(Activity.deleted.is_(False))).all())


@pytest.mark.parametrize("lookup", ["by id", "whole tables"])
def test_county_to_brå_to_county_with_three_counties(counties, make_register, tmp_path, lookup, monkeypatch):
    if lookup == "whole tables":  # as the planner reads a national bundle's records and bases: ahead, on a thread
        monkeypatch.setattr(snapshot, "WHOLE_TABLE_FROM", 1)
    brå = make_register("BRA")
    sent = [export_bundle(counties[code], tmp_path / f"län-{code}.xlsx", user=f"samordnare {code}").path
            for code in COUNTIES]
    results = apply_batch(brå, sent)
    assert [r.changed for r in results] == [4, 4, 4]
    assert sorted(set(titles(brå).values())) == list(COUNTIES)
    with brå.session() as session:
        receipts = session.scalars(select(BundleReceipt).where(BundleReceipt.direction == "import")).all()
    assert sorted(r.producer for r in receipts) == list(COUNTIES)

    # Stockholm edits one of its records after sending: the national bundle's copy is older.
    stockholm = counties["01"]
    with stockholm.session() as session:
        mine = session.scalar(select(Activity).where(Activity.title == "Träff 0 i län 01"))
        content = {**_content(stockholm, mine.id), "title": "Träff 0, efteråt ändrad"}
        update_record(session, KINDS["activity"], mine.id, content, user="samordnare", reference=load_reference(session))
        session.commit()

    national = export_bundle(brå, tmp_path / "riket.xlsx", user="analytiker").path
    for code, county in counties.items():
        (result,) = apply_batch(county, [national])
        assert result.changed == 8  # the other two counties' networks, organisations and activities
        copies = titles(county)
        assert len(copies) == 6 and sorted(set(copies.values())) == list(COUNTIES)
    assert "Träff 0, efteråt ändrad" in titles(stockholm)  # the stale copy did not overwrite it
    assert "Träff 0 i län 01" not in titles(stockholm)

    again = prepare_import(counties["12"], national)
    assert again.already_imported_at is not None and not again.has_effect
    assert apply_plan(counties["12"], again, user="x").already_imported


def test_other_counties_records_are_read_only_in_a_county(counties, make_register, tmp_path):
    brå = make_register("BRA")
    apply_batch(brå, [export_bundle(counties["12"], tmp_path / "skåne.xlsx", user="s").path])
    apply_batch(counties["01"], [export_bundle(brå, tmp_path / "riket.xlsx", user="a").path])
    stockholm = counties["01"]
    with stockholm.session() as session:
        skåne = session.scalar(select(Activity).where(Activity.origin == "12"))
        with pytest.raises(ReadOnlyRecord):
            update_record(session, KINDS["activity"], skåne.id, {**_content(stockholm, skåne.id), "title": "Mitt"},
                          user="x", reference=load_reference(session), owner="01")


def test_a_file_whose_records_an_earlier_file_changed_is_planned_again(counties, make_register, tmp_path):
    """Two bundles of the same county planned together: the second saw the register before the
    first. Its plan alone is refused; in a batch it is planned again, and applied, since the new
    plan asks nothing of anyone."""
    brå = make_register("BRA")
    first = export_bundle(counties["14"], tmp_path / "först.xlsx", user="v").path
    add(counties["14"], "activity", title="Senare träff")
    second = export_bundle(counties["14"], tmp_path / "sedan.xlsx", user="v").path
    plans = [prepare_import(brå, path) for path in (first, second)]
    assert all(p.counts()[Action.NEW] for p in plans)
    apply_plan(brå, plans[0], user="a")
    with pytest.raises(StalePlan, match="har ändrats sedan förhandsgranskningen"):
        apply_plan(brå, plans[1], user="a")
    assert len(titles(brå)) == 2  # only the first file's records
    result = apply_current(brå, plans[1], "a")
    assert result.changed == 1 and result.replanned and len(titles(brå)) == 3


def test_a_plan_planned_again_with_a_new_conflict_is_refused(counties, tmp_path):
    """A county reads its own bundle edited in Excel; before it applies, someone edits the same
    field in the register. The new plan has a conflict nobody decided: the file is refused."""
    county = counties["14"]
    with county.session() as session:
        record_id = session.scalar(select(Activity.id).where(Activity.title == "Träff 0 i län 14"))
    edited = EditedBundle(export_bundle(county, tmp_path / "14.xlsx", user="v").path)
    edited.set("Aktiviteter", record_id, "Rubrik", "Rättad i Excel")
    plan = accept_edits(prepare_import(county, edited.save(tmp_path / "rättad.xlsx")))
    with county.session() as session:
        update_record(session, KINDS["activity"], record_id, {**_content(county, record_id), "title": "Ändrad här"},
                      user="v", reference=load_reference(session))
        session.commit()
    with pytest.raises(StalePlan):
        apply_current(county, plan, "v")
    assert _content(county, record_id)["title"] == "Ändrad här"


def test_a_file_changed_on_disk_since_it_was_planned_is_not_planned_again(counties, make_register, tmp_path):
    """What is applied is what was shown: a stale plan whose file was replaced meanwhile (saved
    again from Excel, say) is refused, not planned from the new file."""
    brå = make_register("BRA")
    path = export_bundle(counties["14"], tmp_path / "vg.xlsx", user="v").path
    plan = prepare_import(brå, path)
    apply_batch(brå, [export_bundle(counties["14"], tmp_path / "vg-tidigare.xlsx", user="v").path])
    with counties["14"].session() as session:
        record_id = session.scalar(select(Activity.id).where(Activity.title == "Träff 0 i län 14"))
    edited = EditedBundle(path)
    edited.set("Aktiviteter", record_id, "Rubrik", "Ändrad på disken")
    edited.save(path)
    with pytest.raises(StalePlan):
        apply_current(brå, plan, "a")


def test_other_records_changed_meanwhile_leave_a_plan_as_it_was(counties, make_register, tmp_path):
    """A colleague's edit on a shared register, or another file, that touches none of a plan's
    records does not make the plan stale."""
    brå = make_register("BRA")
    plan = prepare_import(brå, export_bundle(counties["14"], tmp_path / "14.xlsx", user="v").path)
    apply_batch(brå, [export_bundle(counties["12"], tmp_path / "12.xlsx", user="s").path])
    add(brå, "network", name="Brås nya nätverk")
    apply_plan(brå, plan, user="a")
    assert len(titles(brå)) == 4


def _content(register, record_id):
    from bra_desktop.store.repository import load_record

    with register.session() as session:
        return load_record(session, KINDS["activity"], record_id).content


@pytest.mark.postgresql_only
def test_people_importing_different_bundles_into_one_server_register_at_once_lose_no_file(make_register, tmp_path):
    """Three analysts import two county bundles each into Brå's shared register, at the same time
    (issue 17: two of six files were refused, and every process exited 0). No two files touch the
    same records, so every file is taken, and every process says so."""
    brå = make_register("BRA")
    bundles = []
    for code in ("01", "03", "05", "12", "14", "25"):
        county = make_register(code)
        add(county, "activity", title=f"Träff i län {code}")
        bundles.append(export_bundle(county, tmp_path / f"{code}.xlsx", user=code).path)
    processes = [
        subprocess.Popen([sys.executable, "-m", "bra_desktop", "--data-dir", str(tmp_path / f"analytiker-{n}"),
                          "--database", brå.url, "import", str(bundles[2 * n]), str(bundles[2 * n + 1])],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for n in range(3)
    ]
    outputs = [process.communicate(timeout=240)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    assert sorted(titles(brå).values()) == ["01", "03", "05", "12", "14", "25"]
    with brå.session() as session:
        assert sorted(session.scalars(select(BundleReceipt.producer).where(BundleReceipt.direction == "import"))) == [
            "01", "03", "05", "12", "14", "25"]
