"""A retired code replaced by another: the trend OKAND (Okänd), a letter from OKANDE (Ökande)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import Action
from bra_desktop.domain.code_renames import renames_for, with_new_codes
from bra_desktop.domain.content import normalise
from bra_desktop.domain.fields import PROBLEM_AREA
from bra_desktop.domain.models import CodeItem
from bra_desktop.domain.producer import NATIONAL
from bra_desktop.store.changelog import history
from bra_desktop.store.code_renames import replace_retired_codes
from bra_desktop.store.repository import load_record
from conftest import add, write_as_format
from workbook_edits import EditedBundle

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]


def holding_the_old_code(register) -> None:
    """A register as it was before the code was replaced: OKAND in its trend list."""
    with register.session() as session:
        session.add(CodeItem(list_name="trend", code="OKAND", label_sv="Okänd", label_en="Unknown", active=True,
                             sort_order=99))
        session.commit()


def folder(tmp_path, name):
    (tmp_path / name).mkdir(exist_ok=True)
    return tmp_path / name


def test_content_of_an_older_format_reads_with_the_new_code():
    content = normalise(PROBLEM_AREA, {"title": "Bedrägerier", "trend": "OKAND"})
    assert with_new_codes(content, renames_for(PROBLEM_AREA, 2))["trend"] == "EJ_KANT"
    assert renames_for(PROBLEM_AREA, 3) == {}
    assert with_new_codes({**content, "trend": "OKANDE"}, renames_for(PROBLEM_AREA, 2)) is None  # Ökande stays


def test_a_new_register_has_the_new_code_and_not_the_old(register):
    with register.session() as session:
        trend = set(session.scalars(select(CodeItem.code).where(CodeItem.list_name == "trend")))
    assert "EJ_KANT" in trend and "OKANDE" in trend and "OKAND" not in trend


def test_the_register_replaces_its_own_old_codes_as_its_own_edits(register, make_register):
    holding_the_old_code(register)
    own = add(register, "problem_area", trend="OKAND")
    stranger = make_register("03")
    holding_the_old_code(stranger)
    with register.session() as session:
        assert replace_retired_codes(session, "01") == 1
        session.commit()
    with register.session() as session:
        changed = load_record(session, PROBLEM_AREA, own.id)
        assert (changed.content["trend"], changed.version) == ("EJ_KANT", own.version + 1)
        assert history(session, own.id)[-1].source == "kodbyte"
        assert session.scalar(select(CodeItem.active).where(CodeItem.list_name == "trend", CodeItem.code == "OKAND")) is False


def test_another_owners_record_keeps_its_old_code_until_its_owner_changes_it(register, make_register, tmp_path):
    bra = make_register("BRA")
    holding_the_old_code(register)
    holding_the_old_code(bra)
    theirs = add(register, "problem_area", trend="OKAND")
    apply_plan(bra, prepare_import(bra, export_bundle(register, folder(tmp_path, "a"), user="anna").path),
               user="analytiker")
    with bra.session() as session:
        assert replace_retired_codes(session, NATIONAL) == 0
        session.commit()
        assert load_record(session, PROBLEM_AREA, theirs.id).content["trend"] == "OKAND"


def test_a_bundle_of_format_2_with_the_old_code_reads_as_sent_with_the_new_one(register, make_register, tmp_path,
                                                                              monkeypatch):
    holding_the_old_code(register)
    problem = add(register, "problem_area", trend="OKAND")
    with monkeypatch.context() as as_before:
        write_as_format(as_before, 2)
        old = export_bundle(register, folder(tmp_path, "gammalt"), user="anna").path
    bra = make_register("BRA")  # a register of this version: OKAND is no code of it
    plan = prepare_import(bra, old)
    assert not plan.rejected and not plan.contents.edited_after_signing
    [new] = [r for r in plan.records if r.record_id == problem.id]
    assert new.action == Action.NEW and not new.incoming.hand_edited
    assert new.incoming.content["trend"] == "EJ_KANT"


def test_a_bundle_of_this_format_with_the_old_code_is_refused_where_it_stands(register, tmp_path):
    problem = add(register, "problem_area", title="Bedrägerier")
    edited = EditedBundle(export_bundle(register, folder(tmp_path, "ut"), user="anna").path)
    edited.set("Problemområden", problem.id, "Trend", "OKAND")
    plan = prepare_import(register, edited.save(tmp_path / "okand.xlsx"))
    [rejected] = plan.rejected
    assert "OKAND" in str(rejected.problems[0]) and "Trend" in str(rejected.problems[0])
