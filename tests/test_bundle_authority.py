"""Only a record's owner changes it, and a bundle's sender is told by its key (issue 16).

Each test plays a sender that does what the app would not: a county that claims another's record,
a file that says it is Brå's, a key nobody trusts, a file edited after signing. The register's
records must stay as they were wherever the rules say so.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.authority import judge
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import LOCAL, Action
from bra_desktop.bundle.problems import BundleError
from bra_desktop.bundle.schema import InfoKey
from bra_desktop.bundle.signature import sign_info
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import SyncBase
from bra_desktop.domain.signing import encode_key, fingerprint, public_key_of
from bra_desktop.store.keys import own_private_key, trusted_key
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import delete_record, load_record, update_record
from conftest import accept_edits, add
from workbook_edits import EditedBundle


def stored(register, kind: str, record_id: str):
    with register.session() as session:
        return load_record(session, KINDS[kind], record_id)


def info_values(book) -> dict[str, object]:
    sheet = book["Info"]
    return {row[0].value: row[1].value for row in sheet.iter_rows() if row[0].value and len(row) > 1}


def set_info(book, key: str, value: object) -> None:
    for row in book["Info"].iter_rows():
        if row[0].value == key:
            row[1].value = value
            return
    raise KeyError(key)


def resign(path: Path, register, target: Path, **info: object) -> Path:
    """The bundle with Info values changed and signed again with `register`'s key: what a sender
    running a changed app could make."""
    book = load_workbook(path)
    for key, value in info.items():
        set_info(book, key, value)
    with register.session() as session:
        private = own_private_key(session)
    set_info(book, InfoKey.SIGNER_KEY, encode_key(public_key_of(private)))
    set_info(book, InfoKey.SIGNATURE, sign_info(private, info_values(book)))
    book.save(target)
    return target


@pytest.fixture
def three(register, make_register):
    """County 01 (the test's register) with an activity Brå has read; county 12; Brå."""
    brå = make_register("BRA")
    skåne = make_register("12")
    activity = add(register, "activity", title="Trygghetsvandring i Solna", start_date=date(2026, 4, 2))
    network = add(brå, "network", name="Kärnnätverket", kind="KARN")
    bundle = export_bundle(register, register.backup_dir.parent / "01.xlsx", user="anna").path
    apply_plan(brå, prepare_import(brå, bundle), user="analytiker")
    return register, skåne, brå, activity, network, bundle


def skåne_bundle_with(three, tmp_path, sheet: str, row_from: Path, record_id: str, **cells) -> Path:
    """County 12's bundle with a copy of another producer's row appended, its cells changed."""
    county, skåne, brå, *_ = three
    own = export_bundle(skåne, tmp_path / "12.xlsx", user="sven").path
    source = EditedBundle(row_from)
    values = {label: source.get(sheet, record_id, label) for label in source.header(sheet) if label}
    values.update(cells)
    edited = EditedBundle(own)
    edited.add_row(sheet, values)
    return edited.save(tmp_path / "12-hostile.xlsx")


def test_a_county_cannot_delete_another_countys_record_by_claiming_it(three, tmp_path):
    county, skåne, brå, activity, _, bundle = three
    hostile = skåne_bundle_with(three, tmp_path, "Aktiviteter", bundle, activity.id, ursprung="12", borttagen="ja")
    plan = accept_edits(prepare_import(brå, hostile))
    refused = [row for row in plan.rejected if row.record_id == activity.id]
    assert refused and "tillhör Stockholms län (01)" in refused[0].problems[0].message
    assert not any(record.record_id == activity.id for record in plan.records)
    apply_plan(brå, plan, user="analytiker")
    assert not stored(brå, "activity", activity.id).deleted


def test_a_county_cannot_change_another_countys_record_with_its_own_origin(three, tmp_path):
    county, skåne, brå, activity, _, bundle = three
    hostile = skåne_bundle_with(three, tmp_path, "Aktiviteter", bundle, activity.id, borttagen="ja")
    plan = accept_edits(prepare_import(brå, hostile))
    refused = [row for row in plan.rejected if row.record_id == activity.id]
    assert refused, plan.records
    assert "kan bara ändras av Stockholms län (01)" in refused[0].problems[0].message
    assert "Skåne" in refused[0].problems[0].message
    apply_plan(brå, plan, user="analytiker")
    assert not stored(brå, "activity", activity.id).deleted


def test_a_county_cannot_change_bras_own_network(three, tmp_path):
    county, skåne, brå, _, network, _ = three
    national = export_bundle(brå, tmp_path / "bra.xlsx", user="analytiker").path
    hostile = skåne_bundle_with(three, tmp_path, "Nätverk", national, network.id, ursprung="12", Namn="Kapat")
    plan = accept_edits(prepare_import(brå, hostile))
    assert any(row.record_id == network.id for row in plan.rejected)
    apply_plan(brå, plan, user="analytiker")
    assert stored(brå, "network", network.id).content["name"] == "Kärnnätverket"


NEW_ROW = {"Rubrik": "Brottsförebyggande råd i Malmö", "Typ av aktivitet": "NATVERKSTRAFF", "Status": "GENOMFORD",
           "Startdatum": date(2026, 5, 4), "ursprung": "BRA"}


def test_a_new_row_belongs_to_the_county_that_sent_it_and_is_taken_in_its_own_register(three, tmp_path):
    county, skåne, brå, *_ = three
    edited = EditedBundle(export_bundle(skåne, tmp_path / "12.xlsx", user="sven").path)
    edited.add_row("Aktiviteter", NEW_ROW)
    path = edited.save(tmp_path / "ny.xlsx")
    at_brå = accept_edits(prepare_import(brå, path))  # not Brå's, and not for Brå to add for Skåne
    assert not any(record.action == Action.NEW for record in at_brå.records)
    assert "blir Skåne län (12)s post" in at_brå.rejected[0].problems[0].message
    at_home = accept_edits(prepare_import(skåne, path))
    new = [record for record in at_home.records if record.action == Action.NEW]
    assert len(new) == 1 and new[0].incoming.origin == "12"
    apply_plan(skåne, at_home, user="sven")
    assert stored(skåne, "activity", new[0].record_id).origin == "12"


def refusal(register, path: Path) -> tuple[str, str]:
    """The Swedish and English messages of the file's refusal."""
    with pytest.raises(BundleError) as refused:
        prepare_import(register, path)
    return refused.value.message_sv, refused.value.message_en


def key_fingerprint(register) -> str:
    with register.session() as session:
        return fingerprint(public_key_of(own_private_key(session)))


def test_a_county_file_that_says_it_is_bras_is_refused(three, tmp_path):
    county, skåne, brå, *_ = three
    own = export_bundle(skåne, tmp_path / "12.xlsx", user="sven").path
    claimed = EditedBundle(own)
    set_info(claimed.book, "producer", "BRA")
    assert refusal(brå, claimed.save(tmp_path / "edited-info.xlsx")) == (
        "Paketets signatur stämmer inte med fliken Info i edited-info.xlsx: uppgifterna om paketet har ändrats efter "
        "att det gjordes. Be avsändaren om ett nytt paket.",
        "The signature of edited-info.xlsx does not match its Info sheet: the bundle's details were changed after it "
        "was made. Ask the sender for a new bundle.")
    forged = resign(own, skåne, tmp_path / "resigned.xlsx", producer="BRA")
    assert refusal(brå, forged) == (
        "Paketet resigned.xlsx säger att det kommer från Brå men är inte signerat av Brås register. Det läses inte in.",
        "The bundle resigned.xlsx says it comes from Brå but is not signed by Brå's register. It is not read.")
    skånes, brås = key_fingerprint(skåne), key_fingerprint(brå)
    assert refusal(county, forged) == (  # county 01 trusts Brå's real key
        f"Paketet resigned.xlsx säger att det kommer från Brå men är signerat med en annan nyckel (fingeravtryck "
        f"{skånes}) än den som registret litar på för Brå (fingeravtryck {brås}). Det läses inte in. Har avsändaren "
        "fått en ny dator eller ett nytt register? Ring och jämför fingeravtrycket, och byt sedan nyckel under "
        "Arkiv → Betrodda avsändare.",
        f"The bundle resigned.xlsx says it comes from Brå but is signed with another key ({skånes}) than the one "
        f"trusted for Brå ({brås}). It is not read.")


def test_a_file_signed_here_that_says_it_comes_from_elsewhere_is_refused(three, tmp_path):
    county, skåne, brå, *_ = three
    national = export_bundle(brå, tmp_path / "brå.xlsx", user="brå").path
    assert refusal(brå, resign(national, brå, tmp_path / "som-län.xlsx", producer="01")) == (
        "Paketet som-län.xlsx är signerat av det här registret men säger att det kommer från Stockholms län (01).",
        "The bundle som-län.xlsx is signed by this register but says it comes from Stockholms län (01).")


def test_a_county_reads_no_other_countys_bundle(three, tmp_path):
    county, skåne, brå, *_ = three
    assert refusal(county, export_bundle(skåne, tmp_path / "12.xlsx", user="sven").path) == (
        "Paketet 12.xlsx kommer från Skåne län (12). Ett län läser bara in sina egna paket och Brås.",
        "The bundle 12.xlsx comes from Skåne län (12). A county imports only its own bundles and Brå's.")


def test_an_unsigned_bundle_is_refused(three, tmp_path):
    county, skåne, brå, *_ = three
    edited = EditedBundle(export_bundle(skåne, tmp_path / "12.xlsx", user="sven").path)
    set_info(edited.book, "signature", None)
    set_info(edited.book, "signer_key", None)
    assert refusal(brå, edited.save(tmp_path / "unsigned.xlsx")) == (
        "Paketet unsigned.xlsx är inte signerat, så det går inte att veta vem som har gjort det. Det kan vara gjort av "
        "en äldre version av programmet. Be avsändaren exportera paketet igen.",
        "The bundle unsigned.xlsx is not signed, so who made it cannot be known. Ask the sender to export it again.")


def test_a_new_sender_is_trusted_only_once_a_person_compared_its_key(register, make_register, tmp_path):
    brå = make_register("BRA", introduced=False)
    add(register, "activity")
    bundle = export_bundle(register, tmp_path / "01.xlsx", user="anna").path
    plan = prepare_import(brå, bundle)
    assert plan.sender.first_contact and plan.needs_confirmation
    (ask,) = plan.needs_confirmation
    assert ask.message("en") == (f"Stockholms län (01) is a new sender: compare the key's fingerprint "
                                 f"{plan.sender.fingerprint} with the sender's (by phone, say) before you trust it.")
    with pytest.raises(BundleError, match="ny avsändare") as refused:
        apply_plan(brå, plan, user="analytiker")
    assert refused.value.message("en").startswith("Nothing was imported. Stockholms län (01) is a new sender")
    with brå.session() as session:
        assert trusted_key(session, "01") is None
    plan.trust_confirmed = True
    apply_plan(brå, plan, user="analytiker")
    with brå.session() as session, register.session() as own:
        assert trusted_key(session, "01") == public_key_of(own_private_key(own))
    again = prepare_import(brå, export_bundle(register, tmp_path / "01b.xlsx", user="anna").path)
    assert not again.sender.first_contact and not again.needs_confirmation
    impostor = make_register("01", "impostor", introduced=False)
    with pytest.raises(BundleError, match="annan nyckel"):
        prepare_import(brå, export_bundle(impostor, tmp_path / "fake.xlsx", user="x").path)


def test_a_file_edited_after_signing_is_read_only_once_accepted(register, make_register, tmp_path):
    brå = make_register("BRA")
    activity = add(register, "activity")
    edited = EditedBundle(export_bundle(register, tmp_path / "01.xlsx", user="anna").path)
    edited.set("Aktiviteter", activity.id, "Rubrik", "Ändrad på vägen")
    plan = prepare_import(register, edited.save(tmp_path / "edited.xlsx"))
    assert plan.sender.edited and plan.needs_confirmation
    with pytest.raises(BundleError, match="ändrad efter signering"):
        apply_plan(register, plan, user="anna")
    assert stored(register, "activity", activity.id).content["title"] == activity.content["title"]
    apply_plan(register, accept_edits(plan), user="anna")
    assert stored(register, "activity", activity.id).content["title"] == "Ändrad på vägen"


def test_turning_on_personal_data_in_info_is_refused(register, make_register, tmp_path):
    add(register, "organisation", contact_name="Eva Ek", contact_email="eva@example.se")
    edited = EditedBundle(export_bundle(register, tmp_path / "01.xlsx", user="anna").path)
    set_info(edited.book, "personal_data", "ja")
    with pytest.raises(BundleError, match="signatur stämmer inte"):
        prepare_import(register, edited.save(tmp_path / "flipped.xlsx"))


def test_a_full_bundle_does_not_delete_what_its_sender_sent_later(register, tmp_path):
    first = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    later = add(register, "activity", title="Efter första paketet")
    export_bundle(register, tmp_path / "b.xlsx", user="anna")
    plan = prepare_import(register, first)
    assert not any(record.record_id == later.id and record.action == Action.DELETE for record in plan.records)


def test_another_install_of_the_same_county_deletes_nothing_it_never_had(register, make_register, tmp_path):
    other = make_register("01", "other-install")
    mine = add(register, "activity", title="Bara i min installation")
    export_bundle(register, tmp_path / "mine.xlsx", user="anna")
    theirs = export_bundle(other, tmp_path / "theirs.xlsx", user="bo").path
    plan = prepare_import(register, theirs)
    assert not any(record.record_id == mine.id for record in plan.records)


def test_bras_own_bundle_missing_a_countys_row_deletes_only_bras_record(three, tmp_path):
    """Brå's national bundle carries every county's records too. A row of a county's record left out
    of it in Excel is no delete: only a record's owner deletes it, and absence speaks only for the
    bundle's producer's own records. (The county's record has no base here, as in a register that
    lost its bases, so Brå's own export is the last bundle that carried it.)"""
    county, skåne, brå, activity, network, bundle = three
    with brå.session() as session:
        session.execute(delete(SyncBase).where(SyncBase.record_id == activity.id))
        session.commit()
    edited = EditedBundle(export_bundle(brå, tmp_path / "national.xlsx", user="analytiker").path)
    edited.delete_row("Aktiviteter", activity.id)
    edited.delete_row("Nätverk", network.id)
    plan = accept_edits(prepare_import(brå, edited.save(tmp_path / "national-cut.xlsx")))
    assert [(record.record_id, record.action) for record in plan.records if record.incoming is None] == [
        (network.id, Action.DELETE)]
    apply_plan(brå, plan, user="analytiker")
    assert stored(brå, "network", network.id).deleted
    assert not stored(brå, "activity", activity.id).deleted


def test_a_record_deleted_before_and_missing_from_the_file_is_left_as_it_is(register, tmp_path):
    """A tombstone's row cut from one's own full bundle deletes nothing more: the record is
    not in the plan at all."""
    kept, gone = add(register, "activity", title="Kvar"), add(register, "activity", title="Borttagen")
    with register.session() as session:
        delete_record(session, KINDS["activity"], gone.id, expected_version=gone.version, user="anna")
        session.commit()
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    edited.delete_row("Aktiviteter", gone.id)
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "cut.xlsx")))
    assert [record.record_id for record in plan.records] == [kept.id]


def test_a_plan_that_deletes_a_record_cut_from_the_file_is_made_anew_after_any_exchange(register, tmp_path):
    """Which records a full bundle may delete by leaving them out depends on which bundles carried
    them last, and an exchange can change that without changing a record. So a plan that deletes a
    record missing from the file is stale once anything was exported or imported since, and is
    planned again before it is applied; the person's choice to keep it carries over."""
    from bra_desktop.bundle.apply import StalePlan
    from bra_desktop.bundle.batch import apply_current

    cut, kept = add(register, "activity", title="Tas bort i Excel"), add(register, "activity", title="Blir kvar")
    other = add(register, "activity", title="Också bortklippt")
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    edited.delete_row("Aktiviteter", cut.id)
    edited.delete_row("Aktiviteter", other.id)
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "kortad.xlsx")))
    missing = {r.record_id: r for r in plan.records if r.missing}
    assert {i: r.action for i, r in missing.items()} == {cut.id: Action.DELETE, other.id: Action.DELETE}
    missing[other.id].decide(LOCAL)  # kept, by a person
    export_bundle(register, tmp_path / "b.xlsx", user="anna")
    with pytest.raises(StalePlan):
        apply_plan(register, plan, user="anna")
    apply_current(register, plan, "anna")
    assert stored(register, "activity", cut.id).deleted
    assert not stored(register, "activity", other.id).deleted and not stored(register, "activity", kept.id).deleted


def test_two_installs_of_one_county_exchange_both_ways_and_lose_nothing(register, make_register, tmp_path):
    """A coordinator's laptop and a colleague's desktop, both county 01: each reads the other's full
    bundles, back and forth, with edits and deletes in between. Each ends with every record and
    every change, and nothing one of them never had is deleted by the other's bundle."""
    laptop, desktop = register, make_register("01", "desktop")
    mine, theirs = add(laptop, "activity", title="Från bärbara"), add(desktop, "activity", title="Från stationära")
    gone = add(desktop, "activity", title="Tas bort på stationära")

    def send(sender, receiver, name):
        plan = prepare_import(receiver, export_bundle(sender, tmp_path / name, user="x").path)
        assert not plan.rejected and not plan.conflicts
        apply_plan(receiver, plan, user="x")

    send(laptop, desktop, "1.xlsx")
    send(desktop, laptop, "2.xlsx")
    with desktop.session() as session:
        update_record(session, KINDS["activity"], mine.id, {**stored(desktop, "activity", mine.id).content,
                      "participants": 12}, user="x", reference=load_reference(session))
        delete_record(session, KINDS["activity"], gone.id, user="x")
        session.commit()
    later = add(laptop, "activity", title="Senare på bärbara")
    send(desktop, laptop, "3.xlsx")
    send(laptop, desktop, "4.xlsx")
    for register_ in (laptop, desktop):
        assert stored(register_, "activity", mine.id).content["participants"] == 12
        assert not stored(register_, "activity", theirs.id).deleted and not stored(register_, "activity", later.id).deleted
        assert stored(register_, "activity", gone.id).deleted


def test_the_summary_says_whose_key_signed_the_bundle(register, make_register, tmp_path):
    """The preview's and the command line's second line: this register's own key, the key trusted
    for the sender, or one not trusted yet."""
    from bra_desktop.bundle.report import plan_summary

    brå, stranger = make_register("BRA"), make_register("BRA", "stranger", introduced=False)
    own = export_bundle(register, tmp_path / "01.xlsx", user="anna").path
    national = export_bundle(brå, tmp_path / "bra.xlsx", user="analytiker").path

    def signed(receiver, path: Path) -> str:
        return plan_summary(prepare_import(receiver, path)).splitlines()[1]

    assert signed(register, own).startswith("Signerat med det här registrets egen nyckel")
    assert signed(register, national).startswith("Signerat med den nyckel registret litar på för Brå")
    assert signed(stranger, own).startswith("Signerat med en nyckel som registret ännu inte litar på för Stockholms län (01)")
    in_english = plan_summary(prepare_import(stranger, own), "en").splitlines()
    assert in_english[0].startswith("Bundle 01.xlsx from Stockholms län (01), made ")
    assert in_english[1].startswith("Signed with a key the register does not yet trust for Stockholms län (01)")
    assert in_english[2].startswith("new: ") and "unchanged: 0" in in_english[2]


def twelve_of_fifteen_cut(register, tmp_path):
    """Fifteen activities, and the plan of the register's own bundle with twelve of their rows cut."""
    activities = [add(register, "activity", title=f"Träff {n}") for n in range(15)]
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    for activity in activities[:12]:
        edited.delete_row("Aktiviteter", activity.id)
    return activities, accept_edits(prepare_import(register, edited.save(tmp_path / "deleted.xlsx")))


def test_a_mass_delete_asks_first(register, tmp_path):
    activities, plan = twelve_of_fifteen_cut(register, tmp_path)
    assert plan.mass_delete == {"01": (12, 15)}
    with pytest.raises(BundleError, match="tar bort 12 av 15"):
        apply_plan(register, plan, user="anna")
    plan.allow_mass_delete = True
    apply_plan(register, plan, user="anna")
    assert stored(register, "activity", activities[0].id).deleted


def test_records_kept_are_no_mass_delete(register, tmp_path):
    """The question counts what the plan deletes as decided: a person who keeps some of the records
    cut from the file may bring it below a mass delete."""
    activities, plan = twelve_of_fifteen_cut(register, tmp_path)
    assert plan.mass_delete == {"01": (12, 15)}
    for record in [r for r in plan.records if r.missing][:2]:
        record.decide(LOCAL)
    assert plan.mass_delete == {} and not plan.needs_confirmation
    apply_plan(register, plan, user="anna")
    assert sum(stored(register, "activity", a.id).deleted for a in activities) == 10


@pytest.mark.parametrize("owner", ["99", "XX", "bra", "０１", "٠١", "1 "])
def test_only_the_21_counties_and_bra_can_own_a_record(register, tmp_path, owner):
    activity = add(register, "activity")
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    edited.set("Aktiviteter", activity.id, "ursprung", owner)
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "owner.xlsx")))
    if owner == "1 ":  # Excel's 01 as the number 1, with a stray space: still county 01
        assert not plan.rejected
        return
    assert [row.record_id for row in plan.rejected] == [activity.id]
    assert "inget ursprung" in plan.rejected[0].problems[0].message


NOT_BY_SKÅNE = ("posten tillhör Stockholms län (01) och kan bara ändras av Stockholms län (01), men paketet kommer "
                "från Skåne län (12)")
ONLY_THERE = "posten tillhör Stockholms län (01) och kan bara ändras där; ändringen i Excel läses inte in"
NEW_AT_HOME = ("raden är ny i Excel i ett paket från {0} och blir {0}s post, men bara den som äger en post kan lägga "
               "till den: läs in raden i det egna registret och skicka den därifrån")


@pytest.mark.parametrize(
    ("receiver", "sender", "owner", "stored", "hand_edited", "new_row", "allowed", "reason"),
    [
        ("BRA", "01", "01", True, False, False, True, ""),  # a county's own record, from the county
        ("BRA", "12", "01", True, False, False, False, NOT_BY_SKÅNE),  # another county's
        ("BRA", "12", "BRA", True, False, False, False,  # Brå's own, from a county
         "posten tillhör Brå och kan bara ändras av Brå, men paketet kommer från Skåne län (12)"),
        ("BRA", "01", "01", True, True, False, False, ONLY_THERE),  # edited in Excel: only the owner's own register takes it
        ("BRA", "01", "01", False, True, False, False, ONLY_THERE),  # … also a record Brå does not hold yet
        ("01", "BRA", "12", True, False, False, True, ""),  # Brå relays county 12's record
        ("01", "BRA", "01", True, False, False, False, "registrets egen post: den ändras bara här"),  # its own comes back
        ("01", "BRA", "01", False, False, False, True, ""),  # … or, missing here, is restored
        ("01", "BRA", "01", True, True, False, True, ""),  # … edited in Excel here: the owner's own edit
        ("01", "12", "01", True, False, False, False, NOT_BY_SKÅNE),  # a county's own record from another county
        ("01", "BRA", "BRA", False, True, True, False, NEW_AT_HOME.format("Brå")),  # a row added to Brå's bundle
        ("01", "01", "01", True, True, False, True, ""),  # its own bundle, edited in Excel
        ("BRA", "12", "01", False, False, False, True, ""),  # a copy of a record its rows refer to, held nowhere here
        ("BRA", "12", "BRA", False, False, False, True, ""),  # … also one of Brå's own, in a register that lost it
        ("BRA", "12", "12", False, True, True, False, NEW_AT_HOME.format("Skåne län (12)")),  # a county's new row …
        ("12", "12", "12", False, True, True, True, ""),  # … is taken where it is read at home
    ],
)
def test_who_may_change_what(receiver, sender, owner, stored, hand_edited, new_row, allowed, reason):
    verdict = judge(receiver=receiver, sender=sender, owner=owner, stored=stored, hand_edited=hand_edited,
                    new_row=new_row)
    assert (verdict.allowed, verdict.reason) == (allowed, reason)
    assert verdict.keep_local == (reason == "registrets egen post: den ändras bara här")


@pytest.mark.parametrize(
    ("receiver", "sender", "owner", "hand_edited", "reason"),
    [
        ("BRA", "12", "BRA", False, "registrets egen post: den ändras bara här"),
        ("BRA", "12", "01", False, "äldre kopia av Stockholms län (01)s post, i ett paket från Skåne län (12): "
                                   "registrets version står kvar"),
        ("12", "12", "BRA", False, "äldre kopia av Brås post, i ett paket från Skåne län (12): registrets version står kvar"),
    ],
)
def test_an_older_copy_of_a_stored_record_is_passed_over(receiver, sender, owner, hand_edited, reason):
    """A bundle carries the records its rows refer to, as its sender last had them: an older copy
    is no edit, and changes nothing without a word of refusal."""
    verdict = judge(receiver=receiver, sender=sender, owner=owner, stored=True, hand_edited=hand_edited,
                    new_row=False, older=True)
    assert (verdict.allowed, verdict.keep_local, verdict.reason) == (False, True, reason)


def test_an_older_copy_edited_in_excel_is_still_refused():
    verdict = judge(receiver="BRA", sender="12", owner="BRA", stored=True, hand_edited=True, new_row=False, older=True)
    assert (verdict.allowed, verdict.keep_local) == (False, False)
    assert verdict.reason == "posten tillhör Brå och kan bara ändras av Brå, men paketet kommer från Skåne län (12)"


def test_the_signed_text_is_a_line_per_signed_key_in_key_order():
    """What a signature covers is part of the bundle format: every signed Info key, sorted, as
    `key=value` with the value read as the reader reads a cell (3.0 is 3), and a key without a
    value as `key=`; in UTF-8, after a line that names the format."""
    from bra_desktop.bundle.schema import signed_info_keys
    from bra_desktop.bundle.signature import signed_text

    keys = sorted(signed_info_keys())
    text = signed_text({InfoKey.PRODUCER: "BRA", keys[0]: 3.0, "inte signerad": "x"}).decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == "bra-paket signatur 1"
    assert lines[1:] == [f"{key}={'BRA' if key == InfoKey.PRODUCER else '3' if key == keys[0] else ''}" for key in keys]


def crafted_sheet(bundle: Path, target: Path, edit) -> Path:
    from bundle_files import part_of, rewrite_zip

    part = part_of(bundle, "Aktiviteter")
    return rewrite_zip(bundle, target, edit={part: edit})


def test_a_cell_far_outside_the_table_is_refused_before_it_is_loaded(register, tmp_path):
    """One cell at XFD1048576 made python-calamine abort the process: the dry run runs in a child
    process so that an abort fails this test instead of ending the run."""
    add(register, "activity")
    bundle = export_bundle(register, tmp_path / "a.xlsx", user="anna").path
    far = crafted_sheet(bundle, tmp_path / "far.xlsx", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'))
    result = subprocess.run(
        [sys.executable, "-m", "bra_desktop", "--database", register.url, "import", "--dry-run", str(far)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "utanför det tillåtna området" in result.stdout


def test_a_hidden_second_activities_sheet_is_refused(register, tmp_path):
    add(register, "activity")
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    copy = edited.book.copy_worksheet(edited.book["Aktiviteter"])
    copy.title = "Aktiviteter "
    copy.sheet_state = "hidden"
    with pytest.raises(BundleError, match="flera flikar"):
        prepare_import(register, edited.save(tmp_path / "hidden.xlsx"))
    del edited.book["Aktiviteter "]
    edited.book["Aktiviteter"].sheet_state = "hidden"
    with pytest.raises(BundleError, match="dold"):
        prepare_import(register, edited.save(tmp_path / "hidden2.xlsx"))


def test_a_merged_data_row_is_rejected(register, tmp_path):
    activity = add(register, "activity")
    edited = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    row = edited.row_of("Aktiviteter", activity.id)
    edited.sheet("Aktiviteter").merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    plan = accept_edits(prepare_import(register, edited.save(tmp_path / "merged.xlsx")))
    assert [r.record_id for r in plan.rejected] == [activity.id]
    assert "sammanfogade" in plan.rejected[0].problems[0].message


def test_a_record_whose_id_only_another_kind_sent_before_is_not_missing(register, tmp_path):
    """Absence deletes what the same sender sent before, kind by kind: an activity that shares its id
    with a network the county exported earlier was never sent, and an old full bundle without it
    leaves it be."""
    from bra_desktop.store.repository import create_record

    shared = "5f0c2a1e-0000-4000-8000-0000000a11d0"
    with register.session() as session:
        create_record(session, KINDS["network"], {"name": "Nätet", "kind": "REGIONALT"}, user="anna", origin="01",
                      reference=load_reference(session), record_id=shared)
        session.commit()
    before = export_bundle(register, tmp_path / "före.xlsx", user="anna").path
    with register.session() as session:
        create_record(session, KINDS["activity"], {"title": "Träffen", "activity_type": "KONFERENS", "status": "PLANERAD",
                                                   "start_date": date(2026, 3, 1)},
                      user="anna", origin="01", reference=load_reference(session), record_id=shared)
        session.commit()
    plan = accept_edits(prepare_import(register, before))
    assert not [record for record in plan.records if record.missing]


def test_a_record_cut_from_the_file_but_edited_here_since_is_a_conflict_and_undo_puts_its_base_back(register, tmp_path):
    """A row cut from one's own full bundle whose record was edited after the export: deleting it
    would lose the edit, so it is for a person to decide, with the note that says why it is there;
    deleting it and undoing the import leaves the register, bases and all, as it was."""
    from bra_desktop.bundle.undo import import_history, undo_import
    from test_bundle_import import register_state

    edited_here, cut = add(register, "activity", title="Ändrad sedan"), add(register, "activity", title="Bortklippt")
    bundle = EditedBundle(export_bundle(register, tmp_path / "a.xlsx", user="anna").path)
    bundle.delete_row("Aktiviteter", edited_here.id)
    bundle.delete_row("Aktiviteter", cut.id)
    path = bundle.save(tmp_path / "kortad.xlsx")
    with register.session() as session:
        update_record(session, KINDS["activity"], edited_here.id, {**edited_here.content, "participants": 7},
                      user="anna", reference=load_reference(session))
        session.commit()
    plan = accept_edits(prepare_import(register, path))
    missing = {record.record_id: record for record in plan.records if record.missing}
    assert missing[edited_here.id].action == Action.CONFLICT and missing[cut.id].action == Action.DELETE
    assert missing[cut.id].notes == ["raden saknas i filen, fast samma avsändare har skickat posten förut: raden togs "
                                     "bort ur filen (välj Behåll min för att behålla posten)"]
    missing[edited_here.id].decide(LOCAL)
    before = register_state(register)
    apply_plan(register, plan, user="anna")
    assert stored(register, "activity", cut.id).deleted
    (receipt,) = [r for r in import_history(register) if r.file_name == "kortad.xlsx"]
    undo_import(register, receipt.id, user="anna")
    assert register_state(register) == before
