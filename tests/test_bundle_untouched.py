"""Sheets as the app wrote them (bundle/reader.py, `IncomingRow`): their rows' content is read only
when it is needed.

Info carries the SHA-256 of each data sheet's XML as the app wrote it. A sheet whose XML is byte for
byte the same was not edited, so its rows are taken at their `radkontroll` and their business cells
are read only for a record the register does not hold as it is. A re-sent bundle is then planned and
applied without reading any content; a row that is read is checked like any other, so a sheet whose
hash was forged after an edit still shows the edit, and a cell that cannot be read still rejects its
row with sheet, row and column.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.reader import read_bundle
from bra_desktop.bundle.schema import DATA_SHEETS, part_hash_key
from bra_desktop.store import syncbase

from bundle_files import cell_ref, edit_sheet, part_of, part_sha256, replace_cell, rewrite_zip
from conftest import add

pytestmark = pytest.mark.both_engines


@pytest.fixture
def bundle(register, tmp_path) -> Path:
    """County 01's register with an activity of every kind of cell, a network and an organisation."""
    network = add(register, "network", name="Trygghetsrådet i Solna")
    organisation = add(register, "organisation", name="Solna stad", org_type="KOMMUN")
    add(register, "activity", title="Trygghetsvandring i Solna", start_date=date(2026, 4, 2), participants=25,
        municipalities=["0184", "0180"], network_id=network.id, organisations=[organisation.id],
        description="Kvällsvandring\nmed polis.")
    return export_bundle(register, tmp_path / "paket.xlsx", user="anna").path


def info_value(path: Path, key: str) -> str:
    rows = {row[0]: row[1] for row in _info_rows(path)}
    return rows[key]


def _info_rows(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Info").to_python()


def test_info_carries_each_data_sheets_hash_as_stored_in_the_file(bundle):
    for sheet in DATA_SHEETS:
        assert info_value(bundle, part_hash_key(sheet)) == part_sha256(bundle, part_of(bundle, sheet.name))


def test_a_re_sent_bundle_is_planned_and_applied_without_reading_content(register, bundle, monkeypatch):
    plan = prepare_import(register, bundle)
    digests_read: list[str] = []
    real_digests = syncbase.load_base_digests
    monkeypatch.setattr(syncbase, "load_base_digests",
                        lambda session, kind: digests_read.append(kind.key) or real_digests(session, kind))

    assert {r.action for r in plan.records} == {Action.UNCHANGED} and len(plan.records) == 3
    assert plan.contents.untouched_sheets == {sheet.name for sheet in DATA_SHEETS}
    rows = [row for rows in plan.contents.rows.values() for row in rows]
    assert rows and all(row.content_unread for row in rows)
    result = apply_plan(register, plan, user="anna")
    assert result.changed == 0
    # an organisation's base takes the register's own contact details, which the bundle left out
    assert [row.sheet.kind.key for row in rows if not row.content_unread] == ["organisation"]
    assert digests_read == []  # no base moved (the organisation's is the same as held): none are read to compare

    activity = plan.contents.rows["activity"][0]  # asked for, the content is there, and is the row's
    assert activity.content["participants"] == 25 and activity.content["municipalities"] == ("0180", "0184")
    assert not activity.content_unread and not activity.hand_edited


def test_rows_read_later_are_read_as_an_edited_sheets_rows_are(bundle, tmp_path):
    """The same file with its sheets' hashes not matching any more is read cell by cell at once."""
    info = part_of(bundle, "Info")
    with zipfile.ZipFile(bundle) as archive:
        xml = archive.read(info)
    for sheet in DATA_SHEETS:
        xml = xml.replace(part_sha256(bundle, part_of(bundle, sheet.name)).encode(), b"0" * 64)
    eager = read_bundle(rewrite_zip(bundle, tmp_path / "utan-kontroll.xlsx", edit={info: xml}))
    lazy = read_bundle(bundle)

    for kind, rows in eager.rows.items():
        assert not any(row.content_unread for row in rows)
        assert all(row.content_unread for row in lazy.rows[kind])
        assert [(r.id, r.content, r.content_hash, r.hand_edited) for r in rows] == \
            [(r.id, r.content, r.content_hash, r.hand_edited) for r in lazy.rows[kind]]


def test_an_edit_under_a_forged_hash_is_found_where_the_row_is_read(bundle, register, make_register, tmp_path):
    """The county's register on a new computer does not hold the activity yet, so its row is read:
    the edited cell no longer matches `radkontroll`, as in any edited sheet."""
    ref = cell_ref("activity", "participants", 2)
    forged = edit_sheet(bundle, tmp_path / "förfalskad.xlsx", "Aktiviteter",
                        lambda xml: replace_cell(xml, ref, f'<c r="{ref}" t="n"><v>30</v></c>'), forge_hash=True, signer=register)
    new_computer = make_register("01", "ny-dator")

    plan = prepare_import(new_computer, forged)

    [activity] = [r for r in plan.records if r.kind_key == "activity"]
    assert activity.incoming.content["participants"] == 30
    assert activity.incoming.hand_edited and "ändrad i Excel" in activity.notes


def test_an_unreadable_cell_under_a_forged_hash_rejects_its_row(bundle, register, make_register, tmp_path):
    ref = cell_ref("activity", "start_date", 2)
    forged = edit_sheet(bundle, tmp_path / "förfalskad.xlsx", "Aktiviteter",
                        lambda xml: replace_cell(xml, ref, f'<c r="{ref}" t="inlineStr"><is><t>i vår</t></is></c>'),
                        forge_hash=True, signer=register)
    new_computer = make_register("01", "ny-dator")

    plan = prepare_import(new_computer, forged)

    assert {r.kind_key for r in plan.records} == {"network", "organisation"}
    [rejected] = plan.rejected
    [problem] = rejected.problems
    assert (problem.sheet, problem.row, problem.column) == ("Aktiviteter", 2, "Startdatum")
    assert "i vår" in problem.message and rejected.record_id == plan.contents.rows["activity"][0].id


def test_the_rows_after_an_unreadable_one_are_still_planned(register, make_register, tmp_path):
    """One row's cell refused under a forged hash rejects that row, and the planning goes on with the next."""
    for day in (1, 2, 3):
        add(register, "activity", title=f"Träff {day}", start_date=date(2026, 4, day))
    bundle = export_bundle(register, tmp_path / "tre.xlsx", user="anna").path
    ref = cell_ref("activity", "start_date", 2)
    forged = edit_sheet(bundle, tmp_path / "förfalskad.xlsx", "Aktiviteter",
                        lambda xml: replace_cell(xml, ref, f'<c r="{ref}" t="inlineStr"><is><t>i vår</t></is></c>'),
                        forge_hash=True, signer=register)
    plan = prepare_import(make_register("01", "ny-dator"), forged)
    assert [r.row for r in plan.rejected] == [2]
    assert sorted(r.incoming.row for r in plan.records if r.kind_key == "activity") == [3, 4]


def test_rows_held_unread_share_the_texts_of_code_municipality_and_link_columns(register, tmp_path):
    """A national sheet holds its rows together until they are planned: the same code, municipality,
    network, date or count on each row is one object, not a copy per row, before and after its
    content is read; so are its owner and who changed it."""
    network = add(register, "network", name="Trygghetsrådet i Solna")
    for title in ("Trygghetsvandring", "Nätverksträff", "Utbildning"):
        add(register, "activity", title=title, municipalities=["0184", "0180"], network_id=network.id, participants=12)
    rows = read_bundle(export_bundle(register, tmp_path / "paket.xlsx", user="anna").path).rows["activity"]

    assert len(rows) == 3 and all(row.content_unread for row in rows)
    assert len({id(row._unread) for row in rows}) == 3  # each row its own cells
    kept = rows[0]._unread
    assert kept is not None
    shared = [[row._unread[place] for row in rows if row._unread is not None] for place in range(len(kept))
              if kept[place] in (network.id, "0180; 0184", "NATVERKSTRAFF", "GENOMFORD", date(2026, 3, 12), 12)]
    assert len(shared) == 6
    for cells in shared:
        assert all(cell is cells[0] for cell in cells), cells[0]
    for system in ("origin", "updated_by"):
        assert all(getattr(row, system) is getattr(rows[0], system) for row in rows), system
    contents = [row.content for row in rows]
    for field in ("network_id", "municipalities", "activity_type", "status"):
        assert all(content[field] is contents[0][field] for content in contents), field
    assert contents[0]["municipalities"] == ("0180", "0184") and contents[0]["network_id"] == network.id
    assert {content["title"] for content in contents} == {"Trygghetsvandring", "Nätverksträff", "Utbildning"}
