"""Reading the register ahead while a bundle loads (bundle/snapshot.py, `Snapshot`), and loading each
data sheet while the one before is read (bundle/reader.py, `_SheetsInTurn`).

What the planner needs of the register for a bundle with many rows of a kind (each record's hash
and system fields, each base's digest) is read on a thread of its own from the moment Info says how
many rows the bundle has. The plan must be the one planning without it makes; an edit made after
that reading must make the plan stale, as an edit after planning does; and a failure there must
fail the plan, not vanish with its thread.
"""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bra_desktop.bundle import snapshot
from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.snapshot import Held, Snapshot
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.bundle.planner import build_plan
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.schema import DATA_SHEETS, SystemField
from bra_desktop.bundle.reader import BundleReader, _SheetsInTurn, read_bundle
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import Activity
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import delete_record, load_record, update_record

from bundle_files import cell_ref, edit_sheet, part_of, replace_cell, rewrite_zip
from conftest import add

pytestmark = pytest.mark.both_engines


@pytest.fixture
def read_ahead_always(monkeypatch):
    """Every bundle counts as large: its kinds are read ahead whole, as for a national bundle."""
    monkeypatch.setattr(snapshot, "WHOLE_TABLE_FROM", 1)


@pytest.fixture
def whole_reads(monkeypatch) -> list[tuple[str, str]]:
    """(kind, thread name) of every whole-table read of the register."""
    seen: list[tuple[str, str]] = []
    original = Held.whole.__func__

    def spied(cls, session, kind, stop=None):
        seen.append((kind.key, threading.current_thread().name))
        return original(cls, session, kind, stop)

    monkeypatch.setattr(Held, "whole", classmethod(spied))
    return seen


@pytest.fixture
def brå_and_resent_bundle(register, make_register, tmp_path):
    """Brå holds county 01's first bundle; the county then edits a record, adds one and deletes
    nothing, and sends a second bundle."""
    brå = make_register("BRA")
    network = add(register, "network", name="Trygghetsrådet")
    first = add(register, "activity", title="Trygghetsvandring", network_id=network.id, start_date=date(2026, 4, 2))
    add(register, "activity", title="Samverkansmöte", start_date=date(2026, 5, 6))
    add(register, "organisation", name="Solna stad", org_type="KOMMUN")
    apply_plan(brå, prepare_import(brå, export_bundle(register, tmp_path / "första.xlsx", user="anna").path), user="ana")
    with register.session() as session:
        content = {**_content(register, first.id), "title": "Trygghetsvandring i Solna"}
        update_record(session, KINDS["activity"], first.id, content, user="anna", reference=load_reference(session))
        session.commit()
    add(register, "activity", title="Ny träff", start_date=date(2026, 6, 1))
    return brå, export_bundle(register, tmp_path / "andra.xlsx", user="anna").path


def _content(register, record_id):
    with register.session() as session:
        return load_record(session, KINDS["activity"], record_id).content


def decisions(plan) -> list[tuple[str, str, str]]:
    """(kind, id, action) of every row taken, held rows (counted as unchanged) included."""
    held = [(kind, row.id, "unchanged") for kind, rows in plan.contents.held_rows.items() for row in rows]
    return sorted([(r.kind_key, r.record_id, r.action.value) for r in plan.records] + held)


def test_the_plan_read_ahead_is_the_plan_read_after(brå_and_resent_bundle, read_ahead_always, whole_reads):
    brå, bundle = brå_and_resent_bundle
    planned_after = build_plan(brå, read_bundle(bundle))  # no reading ahead: each table read in planning
    assert {thread for _, thread in whole_reads} == {threading.current_thread().name}
    whole_reads.clear()

    planned_ahead = prepare_import(brå, bundle)

    assert {thread for _, thread in whole_reads} == {"bra-read-ahead"}
    assert {kind for kind, _ in whole_reads} == {"activity", "network", "organisation"}  # the kinds the bundle has rows of
    assert decisions(planned_ahead) == decisions(planned_after)
    assert planned_ahead.counts() == planned_after.counts()
    assert sorted(a for _, _, a in decisions(planned_ahead)) == ["new", "unchanged", "unchanged", "unchanged", "update"]
    assert planned_ahead.contents.file_sha256 == hashlib.sha256(bundle.read_bytes()).hexdigest()  # for the receipt


def test_a_small_bundle_is_not_read_ahead(brå_and_resent_bundle, whole_reads):
    brå, bundle = brå_and_resent_bundle
    plan = prepare_import(brå, bundle)
    assert whole_reads == []  # a few rows are looked up by id: no table of Brå's is read whole for them
    assert len(plan.changes) == 2


def test_an_edit_after_the_reading_ahead_makes_the_plan_stale(brå_and_resent_bundle, read_ahead_always):
    brå, bundle = brå_and_resent_bundle
    with BundleReader(bundle) as reader, Snapshot(brå, reader.info) as ahead:
        for sheet in DATA_SHEETS:
            reader.read_sheet(sheet)
        contents = reader.finish()
        ahead.wait()
        with brå.session() as session:  # after the reading ahead, before planning: a record the bundle has changes
            held_id = session.scalar(select(Activity.id).where(Activity.title == "Samverkansmöte"))
            delete_record(session, KINDS["activity"], held_id, user="ana")
            session.commit()
        plan = build_plan(brå, contents, snapshot=ahead)
    with pytest.raises(BundleError, match="Registret har ändrats sedan förhandsgranskningen"):
        apply_plan(brå, plan, user="ana")
    apply_plan(brå, prepare_import(brå, bundle), user="ana")  # read again, it is current


def test_a_failed_reading_ahead_fails_the_plan(brå_and_resent_bundle, read_ahead_always, monkeypatch):
    brå, bundle = brå_and_resent_bundle

    original = Held.whole.__func__

    def unreachable_ahead(cls, session, kind, stop=None):  # the server goes away while the bundle loads
        if threading.current_thread().name == "bra-read-ahead":
            raise OperationalError("SELECT", {}, Exception("the server went away"))
        return original(cls, session, kind, stop)

    monkeypatch.setattr(Held, "whole", classmethod(unreachable_ahead))
    with pytest.raises(OperationalError, match="the server went away"):
        prepare_import(brå, bundle)


def test_a_refused_bundle_leaves_no_reading_ahead_behind(brå_and_resent_bundle, read_ahead_always, tmp_path):
    brå, bundle = brå_and_resent_bundle
    without_networks = rewrite_zip(bundle, tmp_path / "trasig.xlsx", drop=(part_of(bundle, "Nätverk"),))
    with pytest.raises(BundleError):
        prepare_import(brå, without_networks)
    assert not [t for t in threading.enumerate() if t.name == "bra-read-ahead"]


def test_a_bundle_without_a_data_sheet_is_refused_before_anything_is_read_ahead(
        brå_and_resent_bundle, read_ahead_always, whole_reads, tmp_path):
    brå, bundle = brå_and_resent_bundle
    book = openpyxl.load_workbook(bundle)
    del book["Nätverk"]
    book.save(tmp_path / "utan-nätverk.xlsx")
    with pytest.raises(BundleError, match="Fliken Nätverk saknas"):
        prepare_import(brå, tmp_path / "utan-nätverk.xlsx")
    assert whole_reads == []


def test_a_stopped_whole_read_keeps_nothing(brå_and_resent_bundle, register):
    brå, _ = brå_and_resent_bundle
    stop = threading.Event()
    stop.set()
    with register.session() as session:
        ids = list(session.scalars(select(Activity.id)))
    with brå.session() as session:
        assert [Held.whole(session, KINDS["activity"], stop).record(i) for i in ids] == [None] * 3
        held_whole = Held.whole(session, KINDS["activity"])
    assert sum(held_whole.record(i) is not None for i in ids) == 2  # Brå holds the first bundle's two
    assert sum(held_whole.base(i) is not None for i in ids) == 2  # and their bases


class _Book:
    """Stands in for a CalamineWorkbook: records which thread loads which sheet, and how many
    sheets had been asked for by then."""

    def __init__(self, asked: list[int]) -> None:
        self.loads: list[tuple[str, str, int]] = []
        self.asked = asked

    def get_sheet_by_name(self, name: str) -> str:
        self.loads.append((name, threading.current_thread().name, self.asked[0]))
        return f"sheet {name}"


class _Scan:
    """A sheet scan that has found every sheet within its extent, and notes which it was asked for."""

    def __init__(self) -> None:
        self.checked: list[str] = []

    def within(self, name: str) -> None:
        self.checked.append(name)


def test_sheets_load_in_turn_on_a_thread_one_ahead():
    asked = [0]
    book = _Book(asked)
    taken = []
    scan = _Scan()
    sheets = _SheetsInTurn(book, scan, ["Aktiviteter", "Nätverk", "Organisationer"])
    for _ in range(3):
        asked[0] += 1
        taken.append(sheets.take())
    sheets.close()
    assert taken == ["sheet Aktiviteter", "sheet Nätverk", "sheet Organisationer"]
    assert scan.checked == ["Aktiviteter", "Nätverk", "Organisationer"]  # each checked before it was loaded
    assert [name for name, _, _ in book.loads] == ["Aktiviteter", "Nätverk", "Organisationer"]
    assert {thread.rsplit("_", 1)[0] for _, thread, _ in book.loads} == {"bra-sheet-load"}
    # a sheet starts loading once the sheet before it is asked for, not before: one ahead at most
    nätverk, organisationer = book.loads[1][2], book.loads[2][2]
    assert nätverk >= 1 and organisationer >= 2


def test_rows_the_register_holds_as_they_are_are_read_no_further(brå_and_resent_bundle, read_ahead_always):
    """Re-reading a bundle, a row whose record and base Brå holds as the row is becomes a `HeldRow`
    (no content, no planned record); a changed or new row, and every organisation (whose contact
    details the bundle does not carry, so their bases are made from the content), are planned. The
    plan applies as before."""
    brå, bundle = brå_and_resent_bundle
    plan = prepare_import(brå, bundle)
    held = {kind: [row.row for row in rows] for kind, rows in plan.contents.held_rows.items()}
    assert held == {"network": [2], "activity": [3]}  # the network and the activity "Samverkansmöte"
    planned = sorted((r.kind_key, r.action.value) for r in plan.records)
    assert planned == [("activity", "new"), ("activity", "update"), ("organisation", "unchanged")]
    assert plan.counts()[Action.UNCHANGED] == 3
    apply_plan(brå, plan, user="ana")
    with brå.session() as session:
        titles = sorted(session.scalars(select(Activity.title)))
    assert titles == ["Ny träff", "Samverkansmöte", "Trygghetsvandring i Solna"]


_CELLS = {  # the XML of a cell holding a value of another kind than the app writes
    "text": '<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>',
    "number": '<c r="{ref}" t="n"><v>{value}</v></c>',
    "bool": '<c r="{ref}" t="b"><v>{value}</v></c>',
    "empty": '<c r="{ref}"/>',
}


@pytest.mark.parametrize("column, cell, value", [
    (SystemField.VERSION, "text", "1"), (SystemField.VERSION, "bool", "1"), (SystemField.DELETED, "text", "Nej"),
    (SystemField.ROW_HASH, "empty", ""), (SystemField.ORIGIN, "empty", ""), (SystemField.UPDATED_AT, "text", "igår"),
    (SystemField.UPDATED_AT, "number", "45000.5"), (SystemField.ID, "text", "  {id}"),
])
def test_a_row_not_exactly_as_written_is_read_as_any_other(brå_and_resent_bundle, read_ahead_always, tmp_path, register,
                                                            column, cell, value):
    """Only system cells exactly as the app writes them make a held row. Any other cell, even in a
    sheet whose hash in Info was forged to match, sends the row through the reader, which plans it
    or rejects it as it did before there were held rows."""
    brå, bundle = brå_and_resent_bundle
    held = prepare_import(brå, bundle).contents.held_rows["network"][0]
    ref = cell_ref("network", column, held.row)
    forged = edit_sheet(bundle, tmp_path / "förfalskad.xlsx", "Nätverk", forge_hash=True, signer=register, edit=lambda xml: replace_cell(
        xml, ref, _CELLS[cell].format(ref=ref, value=value.format(id=held.id))))
    plan = prepare_import(brå, forged)
    assert "Nätverk" in plan.contents.untouched_sheets  # the forged hash holds: the sheet counts as the app's
    assert "network" not in plan.contents.held_rows
    planned = [r for r in plan.records if r.kind_key == "network"]
    rejected = [r for r in plan.rejected if r.sheet.kind.key == "network"]
    assert len(planned) + len(rejected) == 1


def test_held_rows_whose_id_is_twice_in_the_file_are_rejected_together(brå_and_resent_bundle, read_ahead_always, register,
                                                                       tmp_path):
    """The same id twice is an error for both rows, held or not (only a hand-made file, its sheet
    hash forged, can get a repeated id past the sheet check)."""
    brå, bundle = brå_and_resent_bundle
    held = prepare_import(brå, bundle).contents.held_rows["network"][0]

    def repeat_row(xml: bytes) -> bytes:
        row = re.search(rb'<row r="%d".*?</row>' % held.row, xml, re.DOTALL).group()
        again = re.sub(rb'r="([A-Z]+)%d"' % held.row, rb'r="\g<1>9"', row.replace(b'<row r="%d"' % held.row, b'<row r="9"'))
        return xml.replace(b"</sheetData>", again + b"</sheetData>")

    plan = prepare_import(brå, edit_sheet(bundle, tmp_path / "dubbel.xlsx", "Nätverk", repeat_row, forge_hash=True, signer=register))
    rejected = sorted((r.row, r.values["id"], r.values["ursprung"]) for r in plan.rejected)
    assert rejected == [(held.row, held.id, "01"), (9, held.id, "01")]
    assert "network" not in plan.contents.held_rows and not [r for r in plan.records if r.kind_key == "network"]
