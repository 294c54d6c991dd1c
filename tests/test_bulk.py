"""store.bulk writes exactly what the repository writes, record by record, only faster."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from bra_desktop.domain.content import normalise
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import ChangeLog
from bra_desktop.store import bulk
from bra_desktop.store.bulk import RecordWrite, insert_records, write_records
from bra_desktop.store.changelog import history
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record, delete_record, load_record, update_record

from conftest import add

pytestmark = pytest.mark.both_engines


STAMP = datetime(2025, 2, 3, 4, 5, 6, tzinfo=timezone.utc)


@pytest.fixture
def related(register):
    """Records for the rich contents below to refer to."""
    return {
        "network": add(register, "network").id,
        "organisation": add(register, "organisation").id,
        "activities": [add(register, "activity").id, add(register, "activity", title="Utbildning").id],
        "commitment": add(register, "commitment").id,
    }


def rich_contents(related) -> dict[str, dict]:
    """One content per kind with every field filled, some of it in a form that needs normalising."""
    return {
        "network": {"name": " Länsnätverket ", "kind": "REGIONALT", "subject_area": "VALD",
                    "description": "Träffas\r\nfyra gånger om året.", "active_from": "2021-01-01",
                    "active_to": date(2027, 12, 31), "convener_org_id": related["organisation"],
                    "members": [related["organisation"]], "meeting_cadence": "KVARTALSVIS"},
        "organisation": {"name": "Solna stad", "org_type": "KOMMUN", "org_number": "212000-0282",
                         "municipality_code": "0184", "contact_name": "Anna Berg",
                         "contact_email": "anna.berg@solna.example", "contact_phone": "070-174 06 42"},
        "activity": {"title": "Nätverksträff om våld i nära relationer", "activity_type": "NATVERKSTRAFF",
                     "status": "GENOMFORD", "start_date": date(2026, 3, 12), "end_date": date(2026, 3, 13),
                     "network_id": related["network"], "subject_areas": "VALD; NARA",
                     "municipalities": ["0184", "0180", "0184"], "organisations": [related["organisation"]],
                     "participants": "25", "county_role": "ARRANGOR", "target_group": "SAMORDNARE", "sharing": "EGET_LAN",
                     "other_target_groups": "POLIS; REGIONER", "description": "Om våld.",
                     "outcome": "Bra träff.", "follow_up": "Följs upp i höst."},
        "commitment": {"title": "Regional lägesbild", "description": "Inom länsnätverket.",
                       "network_id": related["network"], "responsible_org_id": related["organisation"],
                       "municipalities": ["0180"], "due_date": date(2026, 6, 30), "status": "PAGAR", "progress_note": "Pågår.",
                       "activities": related["activities"]},
        "problem_area": {"title": "Bedrägerier mot äldre via telefon", "description": "Falska bankanrop.",
                         "category": "NYTT_FENOMEN", "theme": "BEDRAGERI", "trend": "OKANDE", "first_observed": date(2025, 9, 1),
                         "status": "BEVAKAS", "municipalities": ("0180", "0114"),
                         "activities": related["activities"][:1], "commitments": [related["commitment"]]},
    }


def stored(session, kind, record_id):
    """Everything the register holds about a record except its id and time stamps."""
    record = load_record(session, kind, record_id)
    row = session.get(kind.table, record_id)
    links = {}
    for spec in kind.multi_fields:
        table = spec.link.table
        owner = getattr(table, spec.link.owner_column)
        links[spec.name] = sorted(session.scalars(select(getattr(table, spec.link.value_column)).where(owner == record_id)))
    log = [(e.user, e.table_name, e.action, e.source, e.before, e.after) for e in history(session, record_id)]
    return {"origin": record.origin, "version": record.version, "by": record.updated_by, "deleted": record.deleted,
            "content": record.content, "search_text": row.search_text, "links": links, "log": log}


@pytest.mark.parametrize("kind_key", ["network", "organisation", "activity", "commitment", "problem_area"])
def test_insert_writes_what_create_record_writes(register, related, kind_key):
    kind = KINDS[kind_key]
    content = rich_contents(related)[kind_key]
    with register.session() as session:
        one = create_record(session, kind, content, user="anna", origin="01", reference=load_reference(session),
                            source="paket-1").id
        assert insert_records(session, kind, [("bulk-id", "01", content)], user="anna", source="paket-1") == 1
        session.commit()
        by_repository, by_bulk = stored(session, kind, one), stored(session, kind, "bulk-id")
    assert by_bulk == by_repository
    assert all(by_bulk["links"].values()) and by_bulk["log"][0][2] == "create"


def test_insert_stamps_records_and_log_and_takes_a_generator_in_chunks(register, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_SIZE", 3)
    kind = KINDS["activity"]
    rows = ((f"id-{n}", "01", {"title": f"Träff {n}", "activity_type": "DIALOG", "status": "PLANERAD",
                                "start_date": date(2027, 1, n + 1), "municipalities": ["0180"]})
            for n in range(7))
    with register.session() as session, session.begin():
        assert insert_records(session, kind, rows, user="bo", source="demo", updated_at=STAMP) == 7
    with register.session() as session:
        records = [load_record(session, kind, f"id-{n}") for n in range(7)]
        log = session.scalars(select(ChangeLog).where(ChangeLog.source == "demo")).all()
    assert [r.content["title"] for r in records] == [f"Träff {n}" for n in range(7)]
    assert {r.updated_at for r in records} == {STAMP} and {r.content["municipalities"] for r in records} == {("0180",)}
    assert sorted(e.record_id for e in log) == sorted(f"id-{n}" for n in range(7))
    assert {(e.at, e.user, e.action) for e in log} == {(STAMP, "bo", "create")}


def write(session, kind, record_id, content, *, deleted, version):
    """Overwrite a stored record through bulk, as a bundle import does."""
    current = load_record(session, kind, record_id)
    return write_records(session, kind, [RecordWrite(
        record_id, None, normalise(kind, content), deleted=deleted, version=version,
        before=current.content, was_deleted=current.deleted,
    )], user="bo", source="local")


def test_update_delete_and_restore_write_what_the_repository_writes(register, related):
    kind = KINDS["activity"]
    content = rich_contents(related)["activity"]
    changed = {**content, "participants": 30, "municipalities": ["0114"], "subject_areas": ["UNGA"]}
    mine, theirs = add(register, "activity", **content).id, add(register, "activity", **content).id
    with register.session() as session:
        ref = load_reference(session)
        steps = [
            (lambda: update_record(session, kind, mine, changed, user="bo", reference=ref), changed, False),
            (lambda: delete_record(session, kind, mine, user="bo"), changed, True),
            (lambda: update_record(session, kind, mine, content, user="bo", reference=ref), content, False),
        ]
        for version, (by_repository, new_content, deleted) in enumerate(steps, start=2):
            by_repository()
            write(session, kind, theirs, new_content, deleted=deleted, version=version)
            session.commit()
            assert stored(session, kind, theirs) == stored(session, kind, mine)
        after = stored(session, kind, theirs)
    assert [entry[2] for entry in after["log"]] == ["create", "update", "delete", "restore"]
    assert json.loads(after["log"][1][4])["participants"] == 25 and json.loads(after["log"][1][5])["participants"] == 30
    assert after["links"]["municipalities"] == ["0180", "0184"] and after["version"] == 4


def test_write_keeps_origin_and_takes_the_given_version_stamp_and_author(register):
    kind = KINDS["network"]
    record_id = add(register, "network", name="Nätverk").id
    with register.session() as session, session.begin():
        current = load_record(session, kind, record_id)
        write_records(session, kind, [RecordWrite(
            record_id, "BRA", normalise(kind, {"name": "Nätverket", "kind": "REGIONALT"}), version=7, updated_at=STAMP,
            updated_by="kalle", before=current.content, was_deleted=False,
        )], user="bo", source="paket-2", logged_at=STAMP)
    with register.session() as session:
        record = load_record(session, kind, record_id)
        last = history(session, record_id)[-1]
    assert (record.origin, record.version, record.updated_at, record.updated_by) == ("01", 7, STAMP, "kalle")
    assert (last.user, last.source, last.action, last.at) == ("bo", "paket-2", "update", STAMP)


def test_a_new_record_arriving_as_a_tombstone_is_logged_as_a_delete(register):
    kind = KINDS["network"]
    content = normalise(kind, {"name": "Nedlagt nätverk", "kind": "LOKALT"})
    with register.session() as session, session.begin():
        write_records(session, kind, [RecordWrite("gone", "03", content, deleted=True, version=4)],
                      user="bo", source="paket-3")
    with register.session() as session:
        record = load_record(session, kind, "gone")
        (entry,) = history(session, "gone")
    assert (record.origin, record.deleted, record.version, record.updated_by) == ("03", True, 4, "bo")
    assert (entry.action, entry.after, json.loads(entry.before)["name"]) == ("delete", None, "Nedlagt nätverk")
