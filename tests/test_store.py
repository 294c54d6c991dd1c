import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, select, text

from bra_desktop.domain import national_structure
from bra_desktop.domain.content import normalised_hash
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import ActivityMunicipality, CodeItem, County, Municipality
from bra_desktop.store import migrate
from bra_desktop.store.backup import BACKUPS_KEPT, backup_database, list_backups, restore_database
from bra_desktop.store.changelog import history
from bra_desktop.store.errors import NotARegister, ReadOnlyRecord, RegisterError, RegisterTooNew, ValidationFailed, VersionConflict
from bra_desktop.store.reference import load_reference
from bra_desktop.store.register import open_register
from bra_desktop.store.repository import delete_record, load_record, update_record

from conftest import add

pytestmark = pytest.mark.both_engines


ACTIVITY = KINDS["activity"]


def test_reference_data_is_seeded_once(register):
    with register.session() as session:
        assert session.scalar(select(County).where(County.code == "25")).name == "Norrbottens län"
        assert len(session.scalars(select(Municipality)).all()) == 290
        codes = session.scalars(select(CodeItem)).all()
        assert {c.list_name for c in codes} >= {"aktivitetstyp", "amnesomrade", "malgrupp", "trend"}
        item = session.get(CodeItem, ("aktivitetstyp", "ANNAT"))
        item.label_sv = "Övrigt (ändrat av Brå)"
        item.active = False
        session.commit()
    reopened = open_register(register.url, register.backup_dir)
    with reopened.session() as session:
        item = session.get(CodeItem, ("aktivitetstyp", "ANNAT"))
        assert (item.label_sv, item.active) == ("Övrigt (ändrat av Brå)", False)
        assert len(session.scalars(select(Municipality)).all()) == 290
    reopened.close()


@pytest.mark.sqlite_only
def test_sqlite_file_is_private_with_wal_and_foreign_keys(register):
    mode = stat.S_IMODE(os.stat(register.database_file).st_mode)
    assert mode == 0o600
    with register.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(Exception):
            conn.execute(text("INSERT INTO activity_municipality VALUES ('nope', '0180')"))


def test_producer_is_set_once(register):
    assert register.producer == "01" and register.producer_name == "Länsstyrelsen i Stockholms län"
    register.set_producer("01")
    with pytest.raises(RegisterError, match="tillhör redan"):
        register.set_producer("BRA")
    with pytest.raises(RegisterError, match="Okänd länskod"):
        open_register(register.url).set_producer("99")


def test_create_update_delete_with_versions_and_change_log(register):
    created = add(register, "activity", municipalities=["0180", "0114"], participants=20)
    assert (created.version, created.origin, created.updated_by) == (1, "01", "testare")
    assert created.updated_at.tzinfo is not None
    with register.session() as session:
        ref = load_reference(session)
        updated = update_record(session, ACTIVITY, created.id, {**created.content, "participants": 25},
                                user="bo", reference=ref, expected_version=1)
        same = update_record(session, ACTIVITY, created.id, updated.content, user="bo", reference=ref)
        deleted = delete_record(session, ACTIVITY, created.id, user="bo")
        session.commit()
        assert (updated.version, same.version, deleted.version, deleted.deleted) == (2, 2, 3, True)
        log = history(session, created.id)
        assert [e.action for e in log] == ["create", "update", "delete"]
        assert json.loads(log[1].before)["participants"] == 20 and json.loads(log[1].after)["participants"] == 25
        assert log[2].after is None and log[2].user == "bo"
        restored = update_record(session, ACTIVITY, created.id, created.content, user="bo", reference=ref)
        session.commit()
        assert not restored.deleted and restored.content["participants"] == 20
        assert history(session, created.id)[-1].action == "restore"
        links = session.scalars(select(ActivityMunicipality.municipality_code)
                                .where(ActivityMunicipality.activity_id == created.id)).all()
        assert sorted(links) == ["0114", "0180"]


def test_stale_version_is_refused(register):
    created = add(register, "activity")
    with register.session() as session:
        ref = load_reference(session)
        update_record(session, ACTIVITY, created.id, {**created.content, "title": "Ny"}, user="a", reference=ref)
        session.commit()
        with pytest.raises(VersionConflict) as refused:
            update_record(session, ACTIVITY, created.id, {**created.content, "title": "Annan"}, user="b",
                          reference=ref, expected_version=1)
    assert (refused.value.message_sv, refused.value.message_en) == (
        "Aktivitet har ändrats av a sedan du öppnade den. Öppna den igen och gör om ändringen.",
        "The activity was changed by a since you opened it. Open it again and redo the change.")


def test_a_delete_of_a_stale_version_is_refused_and_the_log_keeps_what_was_deleted(register):
    created = add(register, "activity", participants=7)
    with register.session() as session:
        update_record(session, ACTIVITY, created.id, {**created.content, "title": "Ny"}, user="a",
                      reference=load_reference(session))
        session.commit()
        with pytest.raises(VersionConflict, match="har ändrats av a"):
            delete_record(session, ACTIVITY, created.id, user="b", expected_version=1)
        deleted = delete_record(session, ACTIVITY, created.id, user="b", expected_version=2)
        session.commit()
        assert (deleted.deleted, deleted.version, deleted.updated_by) == (True, 3, "b")
        entry = history(session, created.id)[-1]
        assert (entry.action, entry.user, json.loads(entry.before)["title"]) == ("delete", "b", "Ny")


@pytest.mark.parametrize("write", ["update", "delete"])
def test_a_version_written_between_the_read_and_the_write_is_refused(register, write, monkeypatch):
    """The version check at the write itself (`_claim_next_version`): another writer's version that
    lands after a record was read and before it is written. On a server two connections make that
    happen (test_a_concurrent_edit_…); here the other writer's row is put in place in between."""
    from sqlalchemy import update

    from bra_desktop.domain.models import Activity
    from bra_desktop.store import repository

    first, second = add(register, "activity", title="Första"), add(register, "activity", title="Andra")
    real = repository._require
    calls = []

    def read_then_someone_writes(session, kind, record_id):
        current = real(session, kind, record_id)
        if not calls:
            calls.append(record_id)
            session.execute(update(Activity).where(Activity.id == record_id).values(version=2, updated_by="eva"))
        return current

    monkeypatch.setattr(repository, "_require", read_then_someone_writes)
    with register.session() as session:
        with pytest.raises(VersionConflict, match="har ändrats av eva"):
            if write == "update":
                update_record(session, ACTIVITY, first.id, {**first.content, "title": "Min"}, user="bo",
                              reference=load_reference(session))
            else:
                delete_record(session, ACTIVITY, first.id, user="bo")
        session.rollback()
    monkeypatch.setattr(repository, "_require", real)
    with register.session() as session:  # unrefused, the write claims its own record's version only
        updated = update_record(session, ACTIVITY, first.id, {**first.content, "title": "Min"}, user="bo",
                                reference=load_reference(session))
        session.commit()
        assert updated.version == 2
        assert load_record(session, ACTIVITY, second.id).version == 1


def test_invalid_content_writes_nothing(register):
    created = add(register, "activity")
    with register.session() as session:
        with pytest.raises(ValidationFailed) as caught:
            update_record(session, ACTIVITY, created.id, {**created.content, "participants": -3},
                          user="a", reference=load_reference(session))
        assert caught.value.problems[0].field == "participants"
        session.rollback()
        assert load_record(session, ACTIVITY, created.id).version == 1
        assert len(history(session, created.id)) == 1


def test_other_producers_records_are_read_only(register):
    created = add(register, "activity")
    with register.session() as session:
        with pytest.raises(ReadOnlyRecord) as refused:
            delete_record(session, ACTIVITY, created.id, user="a", owner="03")
    assert refused.value.message("sv") == "Posten kommer från Stockholms län (01) och kan bara ändras där."
    assert refused.value.message("en") == "The record comes from Stockholms län (01) and can only be changed there."


@pytest.mark.sqlite_only
def test_backup_rotation_and_restore(register):
    first = add(register, "activity", title="Före kopian")
    backup = register.backup("test")
    add(register, "activity", title="Efter kopian")
    for n in range(BACKUPS_KEPT + 3):
        backup_database(register.database_file, register.backup_dir, f"rotation {n}")
    assert len(list_backups(register.backup_dir)) == BACKUPS_KEPT
    kept = backup_database(register.database_file, register.backup_dir, "att återställa")
    add(register, "activity", title="Efter andra kopian")
    register.close()
    safety = restore_database(register.database_file, kept, register.backup_dir)
    reopened = open_register(register.url, register.backup_dir)
    with reopened.session() as session:
        titles = sorted(r.title for r in session.scalars(select(ACTIVITY.table)))
    assert titles == ["Efter kopian", "Före kopian"]
    assert safety.exists() and safety.name.endswith("_fore-aterstallning.sqlite")  # Swedish folded to ASCII
    assert backup is not None and first.id
    reopened.close()


def test_restore_refuses_what_is_not_a_register(register, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(NotARegister):
        restore_database(register.database_file, junk, register.backup_dir)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(NotARegister, match="inget register"):
        restore_database(register.database_file, other, register.backup_dir)


EARLIER_REVISIONS = sorted(migrate.known_revisions() - {migrate.head_revision()})


def _register_of_the_first_revision(url: str, first: str = EARLIER_REVISIONS[0]) -> str:
    """A register as a version of the app left it at revision `first` (the first by default), with
    one network; returns its revision."""
    engine = create_engine(url)
    with engine.begin() as conn:
        migrate.upgrade(conn, first)
        conn.execute(text("INSERT INTO county VALUES ('01', 'Stockholms län')"))
        conn.execute(text("INSERT INTO network (id, origin, version, updated_at, updated_by, deleted, search_text,"
                          " name, kind) VALUES ('n1', '01', 1, '2025-01-01 00:00:00', 'x', 0, '', 'Gammalt', 'REGIONALT')"))
    engine.dispose()
    assert first != migrate.head_revision()
    return first


@pytest.mark.parametrize("first", EARLIER_REVISIONS)
def test_a_register_of_every_earlier_revision_upgrades_with_a_backup_first(tmp_path, first):
    """Every migration runs on the schema its revision left, whatever the app's models say now."""
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _register_of_the_first_revision(url, first)
    upgrades = []
    upgraded = open_register(url, tmp_path / "backups", on_upgrade=lambda: upgrades.append(first))
    assert upgrades == [first]  # the app shows a notice meanwhile
    with upgraded.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    with upgraded.session() as session:
        old_record = load_record(session, KINDS["network"], "n1")
        assert old_record.content["name"] == "Gammalt"
        network = KINDS["network"].table  # the hash of a record stored without one, computed after the upgrade
        assert session.scalar(select(network.content_hash).where(network.id == "n1")) == normalised_hash(KINDS["network"], old_record.content)
    backups = list_backups(tmp_path / "backups")
    assert len(backups) == 1 and "uppgradering" in backups[0].reason
    with sqlite3.connect(backups[0].path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first
    upgraded.close()


def test_a_register_begun_before_0007_gets_the_national_structure_and_new_codes(tmp_path):
    """Registers begun since hold Brå's national networks from their start; one upgraded gets them at
    its first start with this version, and its own records leave the retired trend code OKAND."""
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _register_of_the_first_revision(url, "0006")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO register_info VALUES ('producer', '01')"))
        conn.execute(text("INSERT INTO code_item VALUES ('trend', 'OKAND', 'Okänd', 'Unknown', 1, 99)"))
        conn.execute(text("INSERT INTO problem_area (id, origin, version, updated_at, updated_by, deleted, search_text,"
                          " title, category, trend, status) VALUES ('p1', '01', 1, '2025-01-01 00:00:00', 'x', 0, '',"
                          " 'Bedrägerier', 'NYTT_FENOMEN', 'OKAND', 'BEVAKAS')"))
    engine.dispose()
    upgraded = open_register(url, tmp_path / "backups")
    try:
        with upgraded.session() as session:
            assert load_record(session, KINDS["network"], national_structure.CORE_NETWORK) is not None
            problem = load_record(session, KINDS["problem_area"], "p1")
            assert (problem.content["trend"], problem.version) == ("EJ_KANT", 2)
    finally:
        upgraded.close()


def test_the_command_line_says_when_it_upgrades_a_register(tmp_path):
    from bundle_files import run_cli

    from bra_desktop.context import AppContext

    _register_of_the_first_revision(AppContext.create(str(tmp_path)).paths.database_url)
    code, output = run_cli("--data-dir", str(tmp_path), "backup")
    assert code == 0, output
    assert "Registret uppgraderas till den här versionen av programmet" in output
    code, output = run_cli("--data-dir", str(tmp_path), "backup")
    assert code == 0 and "uppgraderas" not in output


def test_schema_revision_constant_is_the_migrations_head():
    from bra_desktop.store.register import SCHEMA_REVISION

    assert SCHEMA_REVISION == migrate.head_revision()


def test_register_from_a_newer_app_is_refused(register):
    with register.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'future9'"))
    with pytest.raises(RegisterTooNew, match="nyare version"):
        open_register(register.url)


KILLER = """
import os, signal, sys
from datetime import date
from bra_desktop.store.register import open_register
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record
from bra_desktop.domain.fields import KINDS
reg = open_register(sys.argv[1])
with reg.session() as s:
    ref = load_reference(s)
    base = dict(activity_type="NATVERKSTRAFF", status="GENOMFORD", start_date=date(2026, 1, 1))
    create_record(s, KINDS["activity"], dict(base, title="Sparad"), user="u", origin="01", reference=ref)
    s.commit()
    create_record(s, KINDS["activity"], dict(base, title="Halvfärdig"), user="u", origin="01", reference=ref)
    s.flush()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_process_keeps_every_saved_edit(register):
    register.close()
    result = subprocess.run([sys.executable, "-c", KILLER, register.url], capture_output=True)
    assert result.returncode == -9
    reopened = open_register(register.url)
    with reopened.session() as session:
        assert [r.title for r in session.scalars(select(ACTIVITY.table))] == ["Sparad"]
        if reopened.database_file is not None:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    reopened.close()


def test_a_network_field_named_like_a_parameter_updates(register):
    """A network's business field `kind` must not collide with the repository's own parameters."""
    network = add(register, "network", name="Operativt nätverk", kind="OPERATIVT")
    with register.session() as session:
        updated = update_record(session, KINDS["network"], network.id, {**network.content, "kind": "REGIONALT"},
                                user="a", reference=load_reference(session))
        session.commit()
    assert updated.content["kind"] == "REGIONALT" and updated.version == 2


def _save_title(register, seen, title: str) -> None:
    """Save a record as an app instance does: with the version it read (its optimistic lock)."""
    with register.session() as session:
        update_record(session, ACTIVITY, seen.id, {**seen.content, "title": title}, user="u",
                      reference=load_reference(session), expected_version=seen.version)
        session.commit()


def _read(register, record_id):
    with register.session() as session:
        return load_record(session, ACTIVITY, record_id)


def test_two_app_instances_keep_both_edits_and_detect_an_edit_of_the_same_record(register):
    """Brå's analysts share one register: two instances (engines) open on it at once."""
    a, b = add(register, "activity", title="A"), add(register, "activity", title="B")
    other = open_register(register.url)
    first_sees_a, second_sees_a, second_sees_b = _read(register, a.id), _read(other, a.id), _read(other, b.id)
    _save_title(register, first_sees_a, "A, ändrad av den första")
    _save_title(other, second_sees_b, "B, ändrad av den andra")
    with pytest.raises(VersionConflict, match="har ändrats av u"):
        _save_title(other, second_sees_a, "A, ändrad av den andra")
    assert [_read(other, i).content["title"] for i in (a.id, b.id)] == ["A, ändrad av den första", "B, ändrad av den andra"]
    assert [_read(register, i).version for i in (a.id, b.id)] == [2, 2]
    other.close()


@pytest.mark.postgresql_only
def test_a_concurrent_save_of_the_same_record_waits_and_is_refused(register):
    """The second writer blocks on the first one's row lock, then sees the new version and refuses."""
    import threading

    record = add(register, "activity", title="Gemensam")
    other = open_register(register.url)
    seen = _read(other, record.id)
    outcome: list[BaseException | None] = []
    with register.session() as session:
        update_record(session, ACTIVITY, record.id, {**record.content, "title": "Först"}, user="först",
                      reference=load_reference(session), expected_version=1)

        def second_writer() -> None:
            try:
                _save_title(other, seen, "Sedan")
                outcome.append(None)
            except VersionConflict as error:
                outcome.append(error)

        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive()  # waiting for the first writer's transaction
        session.commit()
    thread.join(timeout=30)
    assert isinstance(outcome[0], VersionConflict)
    assert _read(register, record.id).content["title"] == "Först"
    other.close()


@pytest.mark.postgresql_only
def test_a_save_does_not_wait_for_a_save_of_another_record(register):
    """The write lock a save takes is its own record's: a colleague saving another record at the
    same version meanwhile goes ahead at once."""
    import threading

    mine, theirs = add(register, "activity", title="Min"), add(register, "activity", title="Deras")
    other = open_register(register.url)
    seen = _read(other, theirs.id)
    with register.session() as session:
        update_record(session, ACTIVITY, mine.id, {**mine.content, "title": "Min, ändrad"}, user="först",
                      reference=load_reference(session), expected_version=1)
        thread = threading.Thread(target=_save_title, args=(other, seen, "Deras, ändrad"))
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive()  # saved while the first transaction still holds its own record
        session.commit()
    assert _read(register, theirs.id).content["title"] == "Deras, ändrad"
    other.close()


@pytest.mark.parametrize(("url", "message"), [
    ("postgresql+psycopg://bra:hemligt@127.0.0.1:1/register", "Det gick inte att ansluta till registrets databas "
                                                              "postgresql+psycopg://bra:***@127.0.0.1:1/register"),
    ("ingen-databas://", "Adressen till registrets databas går inte att använda"),
])
def test_an_unreachable_database_is_a_swedish_message_without_the_password(url, message, tmp_path):
    from bundle_files import run_cli

    code, output = run_cli("--data-dir", str(tmp_path), "--database", url, "init", "--county", "01")
    assert code == 1 and message in output and "hemligt" not in output
