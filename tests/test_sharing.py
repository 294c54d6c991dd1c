"""A record a länsstyrelse keeps from the other counties: Brå gets it, Brå's national bundle does not
pass it on, nor anything that links to it."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.withheld import NOT_SHARED
from conftest import add

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]


def folder(tmp_path, name):
    (tmp_path / name).mkdir(exist_ok=True)
    return tmp_path / name


def ids_in(path, sheet: str) -> set[str]:
    ws = load_workbook(path, read_only=True)[sheet]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    return {row[header.index("id")] for row in rows if row[header.index("id")]}


def test_bra_gets_the_record_and_the_national_bundle_leaves_it_and_its_links_out(register, make_register, tmp_path):
    bra, uppsala = make_register("BRA"), make_register("03")
    kept = add(register, "activity", title="Samtal om en utsatt person", sharing=NOT_SHARED)
    shared = add(register, "activity", title="Nätverksträff")
    linking = add(register, "commitment", activities=[kept.id, shared.id])
    through = add(register, "problem_area", commitments=[linking.id])
    unlinked = add(register, "commitment", activities=[shared.id])
    county_bundle = export_bundle(register, folder(tmp_path, "lan"), user="anna").path
    assert kept.id in ids_in(county_bundle, "Aktiviteter")  # Brå gets it
    apply_plan(bra, prepare_import(bra, county_bundle), user="analytiker")

    national = export_bundle(bra, folder(tmp_path, "nationellt"), user="analytiker").path
    assert ids_in(national, "Aktiviteter") >= {shared.id} and kept.id not in ids_in(national, "Aktiviteter")
    assert unlinked.id in ids_in(national, "Åtaganden") and linking.id not in ids_in(national, "Åtaganden")
    assert through.id not in ids_in(national, "Problemområden")

    into_uppsala = prepare_import(uppsala, national)
    assert not into_uppsala.rejected
    assert {r.record_id for r in into_uppsala.records} >= {shared.id, unlinked.id}
    back_home = prepare_import(register, national)
    assert not back_home.rejected
    assert all(r.action == Action.UNCHANGED for r in back_home.records if r.record_id in {shared.id, unlinked.id})
    assert not [r for r in back_home.records if r.missing]
