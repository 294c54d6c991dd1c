"""Importing bundles: round trips, hand edits in Excel, conflicts, undo, and a killed import."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from bra_desktop.bundle.apply import StalePlan, apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.batch import Confirmations, import_files
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import INCOMING, LOCAL, Action
from bra_desktop.bundle.rows import derived_id
from bra_desktop.bundle.schema import DATA_SHEETS, sheet_for_kind
from bra_desktop.bundle import undo
from bra_desktop.bundle.undo import can_undo, import_history, undo_import
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import CodeItem, SyncBase
from bra_desktop.store.repository import load_record
from bra_desktop.store.stream import stream_records

from conftest import accept_edits, add
from workbook_edits import EditedBundle
from workbook_edits import edit_both_sides as conflicting_edit


pytestmark = pytest.mark.both_engines


def snapshot(register) -> dict:
    """Every record with its system fields, for comparing registers field by field."""
    with register.session() as session:
        return {
            kind.key: {
                r.id: (r.origin, r.version, r.updated_at.replace(microsecond=0), r.updated_by, r.deleted, r.content)
                for r in stream_records(session, kind)
            }
            for kind in KINDS.values()
        }


def data_sheets(path: Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {sheet.name: book.get_sheet_by_name(sheet.name).to_python() for sheet in DATA_SHEETS}


@pytest.fixture
def county_data(register):
    network = add(register, "network", name="Länsnätverket", subject_area="UNGA")
    org = add(register, "organisation", name="Polisen Syd", org_number="202100-0076")
    activities = [
        add(register, "activity", title=f"Träff {n}", start_date=date(2026, 1, n + 1), network_id=network.id,
            organisations=[org.id], municipalities=["0180"], participants=n * 5)
        for n in range(3)
    ]
    commitment = add(register, "commitment", title="Lägesbild", responsible_org_id=org.id,
                     activities=[a.id for a in activities[:2]], due_date=date(2026, 6, 30))
    add(register, "problem_area", title="Bedrägerier", municipalities=["0180", "0181"], commitments=[commitment.id])
    return {"network": network, "org": org, "activities": activities, "commitment": commitment}


def plan_for(register, path):
    """The plan of `path` as a person who confirmed reading a file edited after signing sees it."""
    return accept_edits(prepare_import(register, path))


def test_export_import_into_an_empty_register_gives_the_same_records(register, county_data, make_register, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    empty = make_register("01", "reinstalled")
    plan = plan_for(empty, bundle)
    assert plan.counts()[Action.NEW] == 7 and not plan.rejected
    apply_plan(empty, plan, user="anna")
    assert snapshot(empty) == snapshot(register)
    again = export_bundle(empty, tmp_path / "b.xlsx", user="anna").path
    assert data_sheets(again) == data_sheets(bundle)


def test_a_new_record_and_its_base_get_the_text_and_hash_of_their_content(register, county_data, make_register, tmp_path):
    """The import makes a new record's canonical text once for the record, its change-log entry and
    its base (`apply._apply_records`): each must still be exactly its content's."""
    from bra_desktop.domain.content import canonical_json, normalised_hash
    from bra_desktop.domain.models import ChangeLog

    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    empty = make_register("01", "reinstalled")
    apply_plan(empty, plan_for(empty, bundle), user="anna")
    with empty.session() as session:
        checked = 0
        for kind in KINDS.values():
            for record in stream_records(session, kind):
                base = session.get(SyncBase, (kind.table_name, record.id))
                logged = session.scalars(select(ChangeLog.after).where(ChangeLog.record_id == record.id,
                                                                     ChangeLog.table_name == kind.table_name)).one()
                text = canonical_json(kind, record.content)
                assert (record.content_hash, base.content_hash) == (normalised_hash(kind, record.content),) * 2
                assert base.content == logged == text, (kind.key, record.id)
                checked += 1
    assert checked == 7


def test_an_import_writes_each_kind_in_the_order_of_its_ids(register, county_data, make_register, tmp_path):
    """Rows go to the indexes in key order (`apply._record_id`), whatever order the file has them
    in: the change log, numbered as the rows are written, shows the order."""
    from bra_desktop.domain.models import ChangeLog

    for n in range(7):  # ten activities: their ids are random, and in the file's order once in 10! exports
        add(register, "activity", title=f"Möte {n}", start_date=date(2026, 3, n + 1))
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    header, *rows = data_sheets(bundle)[sheet_for_kind("activity").name]
    in_file = [row[header.index("id")] for row in rows]
    empty = make_register("01", "reinstalled")
    apply_plan(empty, plan_for(empty, bundle), user="anna")
    with empty.session() as session:
        written = session.scalars(select(ChangeLog.record_id).where(ChangeLog.table_name == "activity")
                                  .order_by(ChangeLog.id)).all()
    assert sorted(in_file) == written
    assert in_file != written  # the file's order is another: the test shows the import sorts


def test_a_county_bundle_gives_back_every_row_in_an_empty_register_of_any_kind(register, make_register, tmp_path):
    """A county's records refer to Brå's national network and organisation: the county's bundle
    carries those too, as Brå's rows, so a new install of the county and a Brå register made anew
    take every row (issue 17: 29 of 300 activities were rejected)."""
    brå = make_register("BRA")
    network = add(brå, "network", name="Nätverket för unga lagöverträdare", kind="OPERATIVT")
    police = add(brå, "organisation", name="Polismyndigheten", org_type="POLIS")
    national = export_bundle(brå, tmp_path / "bra.xlsx", user="analytiker").path
    apply_plan(register, plan_for(register, national), user="anna")
    activity = add(register, "activity", network_id=network.id, organisations=[police.id])
    commitment = add(register, "commitment", responsible_org_id=police.id, activities=[activity.id])
    add(register, "problem_area", commitments=[commitment.id])
    add(register, "follow_up", municipality_code="0180")
    add(register, "county_report", assessment="Ett år av uppbyggnad.")
    bundle = export_bundle(register, tmp_path / "01.xlsx", user="anna")
    assert bundle.counts == {"Nätverk": 1, "Organisationer": 1, "Aktiviteter": 1, "Åtaganden": 1, "Problemområden": 1,
                             "Kommunuppföljningar": 1, "Redovisningar": 1}
    for empty in (make_register("01", "reinstalled", introduced=False), make_register("BRA", "brå-anew", introduced=False)):
        plan = plan_for(empty, bundle.path)
        assert not plan.rejected and plan.counts()[Action.NEW] == 7
        plan.trust_confirmed = True  # a person compared the fingerprint
        apply_plan(empty, plan, user="anna")
        assert {kind: {i: r[0] for i, r in records.items()} for kind, records in snapshot(empty).items()} == {
            kind: {i: r[0] for i, r in records.items()} for kind, records in snapshot(register).items()}


def test_a_row_that_refers_to_a_rejected_row_names_it(register, county_data, make_register, tmp_path):
    """A network row that cannot be read rejects the activities that refer to it too: their
    message names the network and its row, to fix first, not an id."""
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    edited.set("Nätverk", county_data["network"].id, "Ämnesområde", "INGET_SÅDANT")
    brå = make_register("BRA")
    plan = plan_for(brå, edited.save(tmp_path / "e.xlsx"))
    (activity,) = [r for r in plan.rejected if r.record_id == county_data["activities"][0].id]
    assert [(p.column, p.message) for p in activity.problems] == [(
        "Nätverk", "hänvisar till nätverk «Länsnätverket» på rad 2 i fliken Nätverk, som inte kunde läsas in: "
                   "rätta den raden först")]


def test_a_link_to_a_record_in_neither_register_nor_file_is_named_as_the_file_names_it(
        register, county_data, make_register, tmp_path):
    """Rows cut from the Nätverk and Organisationer sheets (an older bundle, or a person tidying
    it): the activities' links lead nowhere, and the message names each missing record by its
    "(namn)" column beside the id, so a person knows which bundle to read first."""
    network, org = county_data["network"], county_data["org"]
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    edited.delete_row("Nätverk", network.id)
    edited.delete_row("Organisationer", org.id)
    first = county_data["activities"][0].id
    edited.set("Aktiviteter", first, "Nätverk (namn)", "")  # the name column emptied too: the id is all there is
    plan = plan_for(make_register("BRA"), edited.save(tmp_path / "e.xlsx"))
    problems = {r.record_id: [(p.column, p.message) for p in r.problems] for r in plan.rejected if r.sheet.name == "Aktiviteter"}
    to_fix = ", som varken finns i registret eller i filen: läs först in paketet som har den"
    assert problems[county_data["activities"][1].id] == [
        ("Nätverk", f"hänvisar till nätverk «Länsnätverket» (id {network.id}){to_fix}"),
        ("Organisationer", f"hänvisar till organisation «Polisen Syd» (id {org.id}){to_fix}")]
    assert problems[first][0] == ("Nätverk", f"hänvisar till nätverk med id {network.id}{to_fix}")


def test_only_the_links_that_lead_nowhere_are_named_each_in_turn(register, make_register, tmp_path):
    """An activity linked to three organisations, two of them cut from the file: the message names
    those two, in the order of their ids, and not the one the file still has; where the "(namn)"
    column no longer names each link in turn, the ids alone say which."""
    orgs = sorted((add(register, "organisation", name=name, org_type="KOMMUN") for name in ("Ale", "Borås", "Cirkus")),
                  key=lambda org: org.id)
    linked = add(register, "activity", title="Träff", organisations=[org.id for org in orgs])
    renamed = add(register, "activity", title="Träff med ändrade namn", organisations=[org.id for org in orgs])
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    kept, *cut = orgs
    for org in cut:
        edited.delete_row("Organisationer", org.id)
    edited.set("Aktiviteter", renamed.id, "Organisationer (namn)", "Ale; Borås")  # one name fewer than links
    plan = plan_for(make_register("BRA"), edited.save(tmp_path / "e.xlsx"))
    messages = {r.record_id: [p.message for p in r.problems] for r in plan.rejected if r.sheet.name == "Aktiviteter"}
    to_fix = ", som varken finns i registret eller i filen: läs först in paketet som har den"
    assert messages[linked.id] == ["hänvisar till " + "; ".join(
        f"organisation «{org.content['name']}» (id {org.id}){to_fix}" for org in cut)]
    assert messages[renamed.id] == ["hänvisar till " + "; ".join(f"organisation med id {org.id}{to_fix}" for org in cut)]
    assert kept.id not in " ".join(messages[linked.id])


def test_a_changed_contact_detail_reaches_the_receiver_when_the_bundle_carries_contacts(register, make_register,
                                                                                         tmp_path):
    """With personal data in the bundle, a contact changed at the sender is a change to merge; without,
    the contact is not the bundle's to change (DESIGN §5)."""
    from bra_desktop.store.repository import update_record
    from bra_desktop.store.reference import load_reference

    org = add(register, "organisation", name="Polisen Syd", contact_name="Anna Andersson")
    brå = make_register("BRA")
    apply_plan(brå, plan_for(brå, export_bundle(register, tmp_path / "1.xlsx", user="anna", with_contacts=True).path),
               user="brå")
    with register.session() as session:
        update_record(session, KINDS["organisation"], org.id, {**org.content, "contact_name": "Berit Berg"}, user="anna",
                      reference=load_reference(session))
        session.commit()
    with_contacts = plan_for(brå, export_bundle(register, tmp_path / "2.xlsx", user="anna", with_contacts=True).path)
    [record] = [r for r in with_contacts.records if r.record_id == org.id]
    assert record.action == Action.UPDATE and [d.field for d in record.diffs] == ["contact_name"]
    without = plan_for(brå, export_bundle(register, tmp_path / "3.xlsx", user="anna").path)
    assert [r.action for r in without.records if r.record_id == org.id] in ([], [Action.UNCHANGED])


def test_the_command_line_imports_a_batch_and_names_the_files_it_did_not_import(register, county_data, make_register,
                                                                                 tmp_path):
    """`bra-desktop import a b c` plans the files as the wizard does, imports what it can, and
    exits non-zero naming each file that was not imported (a second copy of a file imported is
    not one of them)."""
    from bundle_files import run_cli

    bundle = export_bundle(register, tmp_path / "01.xlsx", user="anna").path
    copy = tmp_path / "01-kopia.xlsx"
    copy.write_bytes(bundle.read_bytes())
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(b"inte en zip")
    brå = make_register("BRA")
    code, output = run_cli("--database", brå.url, "--data-dir", str(tmp_path / "brå-cli"), "import",
                           str(bundle), str(copy), str(broken))
    assert code == 1, output
    assert "01-kopia.xlsx: samma fil som 01.xlsx, som läses in i dess ställe." in output
    assert output.rstrip().endswith("Inte inlästa: trasig.xlsx")
    assert "Inläst: 7 poster ändrade." in output
    code, output = run_cli("--database", brå.url, "--data-dir", str(tmp_path / "brå-cli"), "import", str(bundle))
    assert code == 0 and "redan inläst" in output


def test_importing_the_same_file_twice_changes_nothing(register, county_data, make_register, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    brå = make_register("BRA")
    apply_plan(brå, plan_for(brå, bundle), user="analytiker")
    before = snapshot(brå)
    plan = plan_for(brå, bundle)
    assert plan.already_imported_at is not None and not plan.has_effect
    result = apply_plan(brå, plan, user="analytiker")
    assert result.already_imported and snapshot(brå) == before


def test_a_corrected_resend_is_read_and_adds_no_row_twice(register, county_data, tmp_path):
    """A bundle read, then corrected in Excel and read again, keeps its bundle id but is another
    file: it is planned like any other. Its new row keeps the id it had the first time, and only
    the same file again is a no-op (issue 17: the correction was "redan inläst")."""
    first, second, _ = county_data["activities"]
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    edited.set("Aktiviteter", first.id, "Rubrik", "Rättad en gång")
    new_row = edited.add_row("Aktiviteter", {"Rubrik": "Ny rad", "Typ av aktivitet": "KONFERENS", "Status": "PLANERAD",
                                             "Startdatum": datetime(2026, 9, 1)})
    once = plan_for(register, edited.save(tmp_path / "rättad-1.xlsx"))
    apply_plan(register, once, user="anna")
    edited.set("Aktiviteter", second.id, "Rubrik", "Rättad två gånger")
    twice_path = edited.save(tmp_path / "rättad-2.xlsx")
    twice = plan_for(register, twice_path)
    assert twice.already_imported_at is None
    new_id = derived_id(once.contents.info.bundle_id, sheet_for_kind("activity"), new_row, "01")
    changed = {r.record_id: r.action for r in twice.records if r.action != Action.UNCHANGED}
    assert changed == {second.id: Action.UPDATE}
    assert {r.record_id: r.action for r in twice.records}[new_id] == Action.UNCHANGED
    apply_plan(register, twice, user="anna")
    with register.session() as session:
        titles = [r.content["title"] for r in stream_records(session, KINDS["activity"]) if not r.deleted]
    assert sorted(titles) == ["Ny rad", "Rättad en gång", "Rättad två gånger", "Träff 2"]
    again = plan_for(register, twice_path)
    assert again.already_imported_at is not None and not again.has_effect


def test_hand_edits_give_the_plan_a_person_expects(register, county_data, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    first, second, third = county_data["activities"]
    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", first.id, "Antal deltagare", 99)
    edited.set("Aktiviteter", second.id, "Startdatum", "2026-01-02")  # typed as text, same date
    edited.delete_row("Aktiviteter", third.id)
    new_row = edited.add_row("Aktiviteter", {"Rubrik": "Ny träff från Brå", "Typ av aktivitet": "konferens",
                                             "Status": "PLANERAD", "Startdatum": datetime(2026, 9, 1),
                                             "Kommuner": 180})
    edited.move_column_first("Aktiviteter", "Status")
    edited.add_column("Aktiviteter", "Kommentar från Brå", "ok")
    path = edited.save(tmp_path / "edited.xlsx")

    plan = plan_for(register, path)
    by_id = {r.record_id: r for r in plan.records}
    assert by_id[first.id].action == Action.UPDATE and "ändrad i Excel" in by_id[first.id].notes
    assert [(d.field, d.local, d.incoming) for d in by_id[first.id].diffs] == [("participants", 0, 99)]
    assert by_id[second.id].action == Action.UNCHANGED
    assert by_id[third.id].action == Action.DELETE and "saknas i filen" in by_id[third.id].notes[0]
    new_id = derived_id(plan.contents.info.bundle_id, sheet_for_kind("activity"), new_row, "01")
    assert by_id[new_id].action == Action.NEW and by_id[new_id].incoming.content["activity_type"] == "KONFERENS"
    assert by_id[new_id].notes == ["ny rad i Excel"]
    assert by_id[new_id].incoming.content["municipalities"] == ("0180",)
    assert any(w.column == "Kommentar från Brå" for w in plan.warnings)
    assert not plan.rejected

    apply_plan(register, plan, user="anna")
    with register.session() as session:
        assert load_record(session, KINDS["activity"], first.id).content["participants"] == 99
        assert load_record(session, KINDS["activity"], third.id).deleted
        created = load_record(session, KINDS["activity"], new_id)
        assert created.origin == "01" and created.content["title"] == "Ny träff från Brå"
    assert plan_for(register, path).already_imported_at is not None


def test_a_new_row_imported_from_two_copies_of_the_same_file_is_created_once(register, county_data, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    edited = EditedBundle(bundle)
    edited.add_row("Nätverk", {"Namn": "Nytt lokalt nätverk", "Typ av nätverk": "LOKALT"})
    path = edited.save(tmp_path / "edited.xlsx")
    apply_plan(register, plan_for(register, path), user="anna")
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(path.read_bytes())
    assert plan_for(register, copy).already_imported_at is not None


def edit_both_sides(register, county_data, tmp_path):
    """Brå and the county change the same activity's title after an exchange."""
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    activity = county_data["activities"][0]
    return activity, conflicting_edit(register, activity, bundle, tmp_path)


@pytest.mark.parametrize(("choice", "title"), [(LOCAL, "Min rubrik"), (INCOMING, "Brås rubrik")])
def test_a_conflict_is_decided_by_a_person_both_ways(register, county_data, make_register, tmp_path, choice, title):
    activity, path = edit_both_sides(register, county_data, tmp_path)
    plan = plan_for(register, path)
    (record,) = plan.conflicts
    assert record.record_id == activity.id
    assert {d.field: d.conflict for d in record.diffs} == {"title": True, "participants": False}
    with pytest.raises(Exception, match="konflikter är inte avgjorda"):
        apply_plan(register, plan, user="anna")
    record.decide(choice, "title")
    apply_plan(register, plan, user="anna")
    with register.session() as session:
        content = load_record(session, KINDS["activity"], activity.id).content
    assert content["title"] == title and content["participants"] == 40  # the one-sided change merges


def test_cli_policy_fails_by_default_and_keeps_local_when_asked(register, county_data, make_register, tmp_path):
    activity, path = edit_both_sides(register, county_data, tmp_path)
    accepted = Confirmations(accept_edited=True)
    (outcome,) = import_files(register, [path], user="anna", confirmations=accepted)
    assert not outcome.imported and "avgör konflikterna" in outcome.text
    (outcome,) = import_files(register, [path], user="anna", on_conflict="keep-local")
    assert not outcome.imported and "--accept-edited" in outcome.text
    (outcome,) = import_files(register, [path], user="anna", on_conflict="keep-local", confirmations=accepted)
    assert outcome.imported
    with register.session() as session:
        assert load_record(session, KINDS["activity"], activity.id).content["title"] == "Min rubrik"


def test_undo_an_import_in_one_step(register, county_data, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", county_data["activities"][0].id, "Rubrik", "Ändrad av Brå")
    path = edited.save(tmp_path / "edited.xlsx")
    before = register_state(register)
    apply_plan(register, plan_for(register, path), user="anna")
    assert register_state(register) != before
    (receipt,) = import_history(register)
    assert can_undo(register, receipt.id) is None
    assert undo_import(register, receipt.id, user="anna") == 1
    assert register_state(register) == before
    (receipt,) = import_history(register)
    assert receipt.undone and can_undo(register, receipt.id) == "Importen är redan ångrad."
    assert plan_for(register, path).already_imported_at is None  # may be imported again


def test_undo_of_a_national_bundle_removes_its_records_bases_and_codes(register, county_data, make_register, tmp_path):
    """A county's first national bundle: new records of other counties, new codes, moved bases."""
    brå = make_register("BRA")
    with brå.session() as session:
        session.add(CodeItem(list_name="aktivitetstyp", code="STUDIEBESOK", label_sv="Studiebesök",
                             label_en="Study visit", sort_order=99))
        item = session.get(CodeItem, ("aktivitetstyp", "NATVERKSTRAFF"))
        item.label_sv = "Nätverksmöte"
        session.commit()
    network = add(brå, "network", name="Nationella nätverket", kind="OPERATIVT")
    add(brå, "activity", title="Nationell konferens", network_id=network.id, activity_type="STUDIEBESOK")
    first = export_bundle(register, tmp_path / "county.xlsx", user="anna").path
    assert apply_plan(brå, plan_for(brå, first), user="brå").changed == 7
    national = export_bundle(brå, tmp_path / "national.xlsx", user="brå").path
    before = register_state(register)
    result = apply_plan(register, plan_for(register, national), user="anna")
    assert result.changed == 2 and register_state(register) != before
    (receipt,) = import_history(register)
    with register.session() as session:  # what undoing changes: the records and the codes the import wrote
        assert undo.import_changes(session, receipt.id) == result.changes
    assert result.changes.code_lists and set(result.changes.records) == {"network", "activity"}
    assert undo_import(register, receipt.id, user="anna") == 2
    assert register_state(register) == before


def test_an_import_keeps_no_undo_row_for_a_record_it_creates_and_undo_still_removes_it(
        register, county_data, make_register, tmp_path):
    """A record the import creates without a base has no row in `import_undo` (a national bundle
    creates 200,000): undo finds it among the import's change-log entries and removes it and the
    base it got."""
    from bra_desktop.domain.models import ImportUndo

    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    empty = make_register("01", "reinstalled")
    before = register_state(empty)
    assert apply_plan(empty, plan_for(empty, bundle), user="berit").changed == 7
    (receipt,) = import_history(empty)
    with empty.session() as session:
        assert session.scalars(select(ImportUndo).where(ImportUndo.receipt_id == receipt.id)).all() == []
        assert sum(map(len, undo.import_changes(session, receipt.id).records.values())) == 7
    assert undo_import(empty, receipt.id, user="berit") == 7
    assert register_state(empty) == before


def test_undo_removes_only_what_this_import_created_not_what_an_undone_import_of_the_same_file_did(
        register, county_data, make_register, tmp_path):
    """The same file imported, undone, its records brought by a later bundle, and imported again:
    the second import creates nothing, and undoing it removes nothing. The first import's entries in
    the change log have the same source; they lie before the second one's `first_change_id`."""
    first = export_bundle(register, tmp_path / "first.xlsx", user="anna").path
    later = export_bundle(register, tmp_path / "later.xlsx", user="anna").path
    reinstalled = make_register("01", "reinstalled")
    apply_plan(reinstalled, plan_for(reinstalled, first), user="berit")
    undo_import(reinstalled, import_history(reinstalled)[0].id, user="berit")
    apply_plan(reinstalled, plan_for(reinstalled, later), user="berit")
    holding = register_state(reinstalled)
    again = apply_plan(reinstalled, plan_for(reinstalled, first), user="berit")
    assert again.changed == 0
    assert undo_import(reinstalled, import_history(reinstalled)[0].id, user="berit") == 0
    assert register_state(reinstalled) == holding


def register_state(register) -> dict:
    """Records with every system field, their times to the microsecond (undo puts back exactly what
    was), sync bases and code lists: all an import changes."""
    with register.session() as session:
        records = {kind.key: {r.id: (r.origin, r.version, r.updated_at, r.updated_by, r.deleted, r.content)
                              for r in stream_records(session, kind)} for kind in KINDS.values()}
        bases = {(b.table_name, b.record_id): (b.content, b.deleted, b.version, b.bundle_id)
                 for b in session.scalars(select(SyncBase))}
        codes = {(c.list_name, c.code): (c.label_sv, c.label_en, c.active, c.sort_order)
                 for c in session.scalars(select(CodeItem))}
        links = {spec.link.table.__tablename__: set(session.execute(select(spec.link.table.__table__)).all())
                 for kind in KINDS.values() for spec in kind.multi_fields}
    return {"records": records, "bases": bases, "codes": codes, "links": links}


def test_undo_puts_back_the_base_of_each_kind_when_two_kinds_share_an_id(register, make_register, tmp_path):
    """Ids are one per record of a kind, not across kinds: a bundle may give a network and an activity
    the same id. An import that moves both their bases, undone, puts back each kind's own base."""
    from bra_desktop.store.repository import create_record, update_record
    from bra_desktop.store.reference import load_reference

    shared = "5f0c2a1e-0000-4000-8000-00000000c0de"
    with register.session() as session:
        reference = load_reference(session)
        create_record(session, KINDS["network"], {"name": "Nätet", "kind": "REGIONALT"}, user="anna", origin="01",
                      reference=reference, record_id=shared)
        create_record(session, KINDS["activity"], {"title": "Träffen", "activity_type": "KONFERENS", "status": "PLANERAD",
                                                   "start_date": date(2026, 3, 1)},
                      user="anna", origin="01", reference=reference, record_id=shared)
        session.commit()
    brå = make_register("BRA")
    apply_plan(brå, plan_for(brå, export_bundle(register, tmp_path / "1.xlsx", user="anna").path), user="brå")
    with register.session() as session:
        reference = load_reference(session)
        for kind, change in (("network", {"name": "Nätet, nytt namn"}), ("activity", {"title": "Träffen, flyttad"})):
            stored = load_record(session, KINDS[kind], shared)
            update_record(session, KINDS[kind], shared, {**stored.content, **change}, user="anna", reference=reference)
        session.commit()
    before = register_state(brå)
    assert {key for key in before["bases"] if key[1] == shared} == {("network", shared), ("activity", shared)}
    apply_plan(brå, plan_for(brå, export_bundle(register, tmp_path / "2.xlsx", user="anna").path), user="brå")
    (receipt,) = [r for r in import_history(brå) if r.file_name == "2.xlsx"]
    assert undo_import(brå, receipt.id, user="brå") == 2
    assert register_state(brå) == before


@pytest.mark.parametrize(("ids_per_query", "kept_per_insert"), [(undo._CHUNK, undo._INSERTED), (1, 2)])
def test_undo_puts_back_every_record_and_base_an_import_changed(register, county_data, make_register, tmp_path,
                                                                 monkeypatch, ids_per_query, kept_per_insert):
    """An import at Brå that creates records (with links), changes records at their third version,
    brings a deleted one back and moves their sync bases: undone, Brå holds exactly what it held,
    and the change log says what undoing changed. (Ids are looked up in chunks, and what the import
    overwrites is kept in inserts of many rows, as a national bundle's are: here in one, or one id
    at a time and two rows an insert.)"""
    monkeypatch.setattr(undo, "_CHUNK", ids_per_query)
    monkeypatch.setattr(undo, "_INSERTED", kept_per_insert)
    from bra_desktop.domain.models import ChangeLog
    from bra_desktop.store.repository import delete_record, update_record
    from bra_desktop.store.reference import load_reference

    def change(record_id: str, **content) -> None:
        with register.session() as session:
            stored = load_record(session, KINDS["activity"], record_id)
            update_record(session, KINDS["activity"], record_id, {**stored.content, **content}, user="anna",
                          reference=load_reference(session))
            session.commit()

    brå = make_register("BRA")
    first, second, third = county_data["activities"]
    change(first.id, participants=11)
    change(first.id, participants=12)
    with register.session() as session:
        delete_record(session, KINDS["activity"], second.id, user="anna")
        session.commit()
    apply_plan(brå, plan_for(brå, export_bundle(register, tmp_path / "1.xlsx", user="anna").path), user="brå")
    change(first.id, participants=13)
    change(second.id, title="Tillbaka")  # restores the deleted activity
    change(third.id, title="Ändrad")
    for n in range(3):
        add(register, "activity", title=f"Ny träff {n}", organisations=[county_data["org"].id],
            municipalities=["0180", "0181"])
    second_bundle = export_bundle(register, tmp_path / "2.xlsx", user="anna").path
    before = register_state(brå)
    assert before["records"]["activity"][second.id][4] and before["records"]["activity"][first.id][1] == 3
    plan = plan_for(brå, second_bundle)
    assert sorted(r.action for r in plan.records if r.kind_key == "activity" and r.action != Action.UNCHANGED) == [
        Action.NEW] * 3 + [Action.UPDATE] * 3
    apply_plan(brå, plan, user="brå")
    imported = register_state(brå)
    (receipt,) = [r for r in import_history(brå) if r.file_name == "2.xlsx"]
    assert undo_import(brå, receipt.id, user="brå") == 6
    assert register_state(brå) == before
    with brå.session() as session:
        logged = {row.record_id: row for row in session.scalars(
            select(ChangeLog).where(ChangeLog.source == f"{undo.UNDONE}{receipt.bundle_id}"))}
    for activity in (first, second, third):
        assert logged[activity.id].before is not None  # what the import had written, as the log keeps it
    assert {row.record_id for row in logged.values()} >= {first.id, second.id, third.id}
    assert imported != before


def test_undo_says_exactly_why_not(register, county_data, make_register, tmp_path):
    from bra_desktop.domain.models import BundleReceipt

    brå = make_register("BRA")
    export_bundle(register, tmp_path / "1.xlsx", user="anna")
    with register.session() as session:
        (export,) = session.scalars(select(BundleReceipt)).all()
    assert can_undo(register, export.id) == "Importen finns inte i historiken."
    assert can_undo(register, 9999) == "Importen finns inte i historiken."
    apply_plan(brå, plan_for(brå, tmp_path / "1.xlsx"), user="brå")
    (receipt,) = import_history(brå)
    export_bundle(brå, tmp_path / "national.xlsx", user="brå")
    assert can_undo(brå, receipt.id) == ("Ett annat paket har lästs in eller skrivits efter importen; den kan inte "
                                         "längre ångras i ett steg.")
    with pytest.raises(Exception) as refused:
        undo_import(brå, receipt.id, user="brå")
    assert str(refused.value).startswith("Ett annat paket har lästs in")


def test_undo_is_refused_after_a_later_edit(register, county_data, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    edited = EditedBundle(bundle)
    edited.set("Aktiviteter", county_data["activities"][0].id, "Rubrik", "Ändrad av Brå")
    apply_plan(register, plan_for(register, edited.save(tmp_path / "e.xlsx")), user="anna")
    add(register, "activity", title="Senare")
    (receipt,) = import_history(register)
    assert can_undo(register, receipt.id) == "Registret har ändrats efter importen; den kan inte längre ångras i ett steg."


def test_a_plan_is_not_applied_once_a_record_it_decided_on_changed(register, county_data, tmp_path):
    """An edit of a record the plan decided on (here one it found unchanged) makes the plan stale.
    (A record added meanwhile is no part of the plan: `test_national_sync`.)"""
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    edited = EditedBundle(bundle)
    first, second, _ = county_data["activities"]
    edited.set("Aktiviteter", first.id, "Rubrik", "Ändrad av Brå")
    plan = plan_for(register, edited.save(tmp_path / "e.xlsx"))
    add(register, "activity", title="Under förhandsgranskningen")
    with register.session() as session:
        from bra_desktop.store.repository import delete_record

        delete_record(session, KINDS["activity"], second.id, user="anna")
        session.commit()
    with pytest.raises(StalePlan, match="ändrats sedan förhandsgranskningen"):
        apply_plan(register, plan, user="anna")


def test_a_copy_of_another_countys_record_is_that_countys_and_taken_only_where_missing(
        register, county_data, make_register, tmp_path):
    """A county's bundle carries others' records its rows refer to. Where the register lacks one, it
    is taken as its owner's (the preview says whose, and from where); where the register holds it,
    a row saying another owner changes nothing; and no county reads another county's bundle."""
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    edited = EditedBundle(bundle)
    claimed = county_data["activities"][0].id
    edited.set("Aktiviteter", claimed, "ursprung", "03")
    path = edited.save(tmp_path / "e.xlsx")
    fresh = make_register("BRA")
    (copy,) = [record for record in plan_for(fresh, path).records if record.record_id == claimed]
    assert copy.action == Action.NEW and copy.incoming.origin == "03"
    assert copy.notes == ["Uppsala län (03)s post, som saknades här: en kopia ur Stockholms län (01)s paket"]
    holding = make_register("BRA", "holding")
    apply_plan(holding, plan_for(holding, bundle), user="analytiker")
    apply_plan(holding, plan_for(holding, path), user="analytiker")  # the same content: nothing to change
    edited.set("Aktiviteter", claimed, "Rubrik", "Uppsalas nu")
    claiming = plan_for(holding, edited.save(tmp_path / "e2.xlsx"))
    [refused] = claiming.rejected
    assert refused.record_id == claimed
    assert refused.problems[0].message == "ursprung 03 stämmer inte: posten tillhör Stockholms län (01)"
    assert {a.id for a in county_data["activities"][1:]} <= {r.record_id for r in claiming.records}  # the rows after it
    with holding.session() as session:
        assert load_record(session, KINDS["activity"], claimed).origin == "01"
    other = make_register("03")
    with pytest.raises(Exception, match="Ett län läser bara in sina egna paket och Brås"):
        plan_for(other, bundle)


def test_an_older_copy_of_a_countys_record_in_another_countys_bundle_keeps_the_newer(register, make_register, tmp_path):
    """County 03's bundle carries county 01's organisation as 03 last had it; Brå holds a newer
    version from 01 itself. The copy is older: Brå's version stays, and the preview says why,
    rather than refusing the row as an edit of another county's record."""
    from bra_desktop.store.repository import update_record
    from bra_desktop.store.reference import load_reference

    brå, uppsala = make_register("BRA"), make_register("03")
    org = add(register, "organisation", name="Polisen Syd")
    first = export_bundle(register, tmp_path / "01-a.xlsx", user="anna").path
    apply_plan(brå, plan_for(brå, first), user="brå")
    apply_plan(uppsala, plan_for(uppsala, export_bundle(brå, tmp_path / "bra-a.xlsx", user="brå").path), user="ulla")
    add(uppsala, "activity", title="Träff med polisen", organisations=[org.id])
    with register.session() as session:
        update_record(session, KINDS["organisation"], org.id, {**org.content, "name": "Polisen Syd, nytt namn"},
                      user="anna", reference=load_reference(session))
        session.commit()
    apply_plan(brå, plan_for(brå, export_bundle(register, tmp_path / "01-b.xlsx", user="anna").path), user="brå")
    plan = plan_for(brå, export_bundle(uppsala, tmp_path / "03.xlsx", user="ulla").path)
    [copy] = [r for r in plan.records if r.record_id == org.id]
    assert copy.action == Action.KEEP_LOCAL and copy.stale and not plan.rejected
    assert copy.notes == ["äldre kopia av Stockholms län (01)s post, i ett paket från Uppsala län (03): registrets version står kvar"]


KILL_DURING_APPLY = """
import os, signal, sys
from pathlib import Path
import bra_desktop.bundle.apply as apply
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.store.register import open_register

register = open_register(sys.argv[1], Path(sys.argv[3]))
plan = prepare_import(register, Path(sys.argv[2]))
real = apply.write_records
calls = []
def killing_write_records(*args, **kwargs):
    real(*args, **kwargs)
    calls.append(1)
    if len(calls) == 3:  # networks, organisations and activities written: die mid-import
        os.kill(os.getpid(), signal.SIGKILL)
apply.write_records = killing_write_records
apply.apply_plan(register, plan, user="anna")
"""


def test_a_killed_import_leaves_the_register_as_it_was(register, county_data, make_register, tmp_path):
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    target = make_register("01", "victim")
    before = snapshot(target)
    target.close()
    result = subprocess.run([sys.executable, "-c", KILL_DURING_APPLY, target.url, str(bundle), str(target.backup_dir)],
                            capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    from bra_desktop.store.register import open_register

    reopened = open_register(target.url, target.backup_dir)
    assert snapshot(reopened) == before
    with reopened.session() as session:
        from bra_desktop.domain.models import BundleReceipt, SyncBase

        assert session.scalars(select(SyncBase)).first() is None
        assert session.scalars(select(BundleReceipt)).first() is None
    reopened.close()


def test_imports_are_undone_newest_first_back_to_the_start(register, county_data, make_register, tmp_path):
    brå = make_register("BRA")
    start = register_state(brå)
    first = export_bundle(register, tmp_path / "first.xlsx", user="anna").path
    apply_plan(brå, plan_for(brå, first), user="brå")
    after_first = register_state(brå)
    add(register, "activity", title="Senare träff")
    second = export_bundle(register, tmp_path / "second.xlsx", user="anna").path
    apply_plan(brå, plan_for(brå, second), user="brå")
    newest, oldest = import_history(brå)
    assert "annat paket" in can_undo(brå, oldest.id)
    undo_import(brå, newest.id, user="brå")
    assert register_state(brå) == after_first
    assert can_undo(brå, oldest.id) is None
    undo_import(brå, oldest.id, user="brå")
    assert register_state(brå) == start


def test_the_command_line_says_where_the_backup_from_before_an_import_is(register, make_register, tmp_path,
                                                                         database_engine):
    add(register, "activity", title="Trygghetsvandring", start_date=date(2026, 4, 2))
    bundle = export_bundle(register, tmp_path / "paket.xlsx", user="anna").path
    brå = make_register("BRA")

    (outcome,) = import_files(brå, [bundle], user="brå")

    assert outcome.imported and "Inläst: 1 post ändrad." in outcome.text
    if database_engine == "sqlite":
        assert f"Säkerhetskopia från före importen: {brå.backup_dir}" in outcome.text
    else:  # a server register is backed up by its administrator, not by the app: no "None"
        assert "en databasserver säkerhetskopieras av dess administratör" in outcome.text
        assert "None" not in outcome.text


def test_undo_of_an_import_that_only_moved_bases_keeps_every_record(register, county_data, make_register, tmp_path):
    """Brå's national bundle brings the county's own records back unchanged to a register that kept
    no sync bases for them (one made before there were any): the import gives them bases and writes
    no record. Undone, the bases go and every record stays as it was."""
    from sqlalchemy import delete

    brå = make_register("BRA")
    apply_plan(brå, plan_for(brå, export_bundle(register, tmp_path / "län.xlsx", user="anna").path), user="brå")
    national = export_bundle(brå, tmp_path / "brå.xlsx", user="brå").path
    with register.session() as session:
        session.execute(delete(SyncBase))
        session.commit()
    before = register_state(register)

    plan = plan_for(register, national)
    assert {action for action, count in plan.counts().items() if count} == {Action.UNCHANGED}
    apply_plan(register, plan, user="anna")
    moved = register_state(register)
    assert moved["records"] == before["records"] and len(moved["bases"]) > len(before["bases"])

    (receipt,) = [r for r in import_history(register) if r.file_name == "brå.xlsx"]
    assert undo_import(register, receipt.id, user="anna") == 0
    assert register_state(register) == before
