"""Arkiv → Betrodda avsändare and `bra-desktop keys`: the keys a register trusts, removed and pasted as
a coordinator would, and what that means for the next bundle (issue 16)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.problems import BundleError
from bra_desktop.domain.signing import encode_key, fingerprint
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.keys import own_public_key, pin_pasted_key, trusted_key, trusted_keys
from bra_desktop.ui.main_window import MainWindow
from bra_desktop.ui.service import RegisterService
from bra_desktop.ui.trust_dialog import PasteKeyDialog, TrustedSendersDialog

from bundle_files import run_cli
from conftest import add


def public_key(register) -> bytes:
    with register.session() as session:
        return own_public_key(session)


def national_bundle(brå, tmp_path, name: str = "bra.xlsx"):
    add(brå, "network", name="Kärnnätverket", kind="KARN")
    return export_bundle(brå, tmp_path / name, user="analytiker").path


@pytest.fixture
def county(register):
    return RegisterService(register, "anna")


def dialog_for(qtbot, service) -> TrustedSendersDialog:
    dialog = TrustedSendersDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def table_rows(dialog: TrustedSendersDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(model.rowCount())]


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_the_dialog_shows_the_registers_own_key_to_hand_over(qtbot, county, register):
    dialog = dialog_for(qtbot, county)
    own = public_key(register)
    assert dialog.own_key.text() == encode_key(own) and dialog.own_key.isReadOnly()
    assert dialog.findChild(QLabel, "own_fingerprint").text() == fingerprint(own)


def test_a_key_trusted_on_first_contact_is_listed_and_can_be_removed(qtbot, county, register, make_register, tmp_path):
    brå = make_register("BRA", introduced=False)
    plan = prepare_import(register, national_bundle(brå, tmp_path))
    plan.trust_confirmed = True
    apply_plan(register, plan, user="anna")
    dialog = dialog_for(qtbot, county)
    assert [row[:2] + row[3:] for row in table_rows(dialog)] == [
        ["Brå", fingerprint(public_key(brå)), "anna", "från första paketet"]]
    assert not dialog.remove_button.isEnabled()

    dialog.table.selectRow(0)
    answer_next_question(QMessageBox.StandardButton.No)
    dialog.remove_selected()
    assert len(table_rows(dialog)) == 1  # asked, and the answer was no

    answer_next_question(QMessageBox.StandardButton.Yes)
    dialog.remove_selected()
    assert table_rows(dialog) == [] and not dialog.remove_button.isEnabled()
    again = prepare_import(register, export_bundle(brå, tmp_path / "bra-2.xlsx", user="analytiker").path)
    assert again.sender.first_contact  # the next bundle asks for the fingerprint again


def test_a_pasted_key_shows_its_fingerprint_and_is_trusted_once_saved(qtbot, county, register, make_register, tmp_path):
    brå = make_register("BRA", introduced=False)
    key = public_key(brå)
    paste = PasteKeyDialog(county)
    qtbot.addWidget(paste)
    paste.show()
    assert paste.sender_box.currentText() == "Brå" and paste.sender_box.findText("Stockholms län (01)") == -1
    paste.key_edit.setText("inte en nyckel")
    assert paste.fingerprint.text() == ""
    paste.save_button.click()
    assert paste.error_label.isVisible() and "ingen nyckel" in paste.error_label.text()
    with register.session() as session:
        assert trusted_keys(session) == []

    pasted = encode_key(key)
    paste.key_edit.setText(f"  {pasted[:20]}\n{pasted[20:]} ")  # as copied from an e-mail
    assert paste.fingerprint.text() == fingerprint(key)
    paste.save_button.click()
    assert paste.result() == PasteKeyDialog.DialogCode.Accepted
    with register.session() as session:
        assert trusted_key(session, "BRA") == key
    plan = prepare_import(register, national_bundle(brå, tmp_path))
    assert not plan.sender.first_contact and not plan.needs_confirmation
    assert table_rows(dialog_for(qtbot, county))[0][4] == "inlagd för hand"


def test_a_new_key_is_put_in_place_of_the_old_one(register, make_register, tmp_path):
    """Brå's register was made anew: its bundles are refused until the new key replaces the old."""
    old, new = make_register("BRA", "old"), make_register("BRA", "new", introduced=False)
    with pytest.raises(BundleError, match="annan nyckel"):
        prepare_import(register, national_bundle(new, tmp_path))
    with register.session() as session:
        pin_pasted_key(session, "BRA", encode_key(public_key(new)), user="anna")
        session.commit()
    assert not prepare_import(register, tmp_path / "bra.xlsx").sender.first_contact
    with pytest.raises(BundleError, match="annan nyckel"):
        prepare_import(register, national_bundle(old, tmp_path, "old.xlsx"))


def test_another_bra_registers_bundle_is_read_by_bra_once_its_key_is_put_in_by_hand(make_register, tmp_path):
    """Brå's register reads a bundle of Brå's made by another Brå register (a colleague's, say) only
    when a person entered that register's key under Betrodda avsändare: never on first contact."""
    brå, other = make_register("BRA", introduced=False), make_register("BRA", "other", introduced=False)
    add(other, "network", name="Ett annat Brå-registers nätverk")
    bundle = national_bundle(other, tmp_path)
    with pytest.raises(BundleError, match="inte signerat av Brås register"):
        prepare_import(brå, bundle)
    with brå.session() as session:
        pin_pasted_key(session, "BRA", encode_key(public_key(other)), user="analytiker")
        session.commit()
    plan = prepare_import(brå, bundle)
    assert not plan.sender.first_contact and not plan.rejected and plan.has_effect


@pytest.mark.parametrize(("producer", "text", "message"), [
    ("BRA", "own", "egen nyckel"),
    ("99", "other", "varken ett län eller Brå"),
    ("BRA", "AAAA", "ingen nyckel"),
])
def test_a_pasted_key_is_refused_when_it_is_no_senders(register, make_register, producer, text, message):
    other = make_register("12", introduced=False)
    key = {"own": encode_key(public_key(register)), "other": encode_key(public_key(other))}.get(text, text)
    with register.session() as session:
        with pytest.raises(RegisterError, match=message):
            pin_pasted_key(session, producer, key, user="anna")
        session.commit()
        assert trusted_keys(session) == []


def test_the_arkiv_menu_opens_the_trusted_senders(qtbot, app_context, county):
    window = MainWindow(app_context, county)
    qtbot.addWidget(window)
    archive = window.menuBar().actions()[0].menu()
    (action,) = [a for a in archive.actions() if a.text() == "Betrodda avsändare…"]
    seen = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, close)
    action.trigger()
    assert isinstance(seen[0], TrustedSendersDialog)


def test_the_command_line_shows_enters_and_forgets_keys(register, make_register):
    """`bra-desktop keys`: what the dialog does, for scripts and for Brå's analysts without a window."""
    brå = make_register("BRA", introduced=False)
    key = encode_key(public_key(brå))
    database = ("--database", register.url)
    code, output = run_cli(*database, "keys")
    assert code == 0 and f"Det här registrets nyckel: {encode_key(public_key(register))}" in output
    assert f"Fingeravtryck: {fingerprint(public_key(register))}" in output

    code, output = run_cli(*database, "keys", "--trust", "bra", key)
    assert code == 0 and f"litar nu på nyckeln med fingeravtryck {fingerprint(public_key(brå))} för Brå" in output
    assert "inlagd för hand" in output
    with register.session() as session:
        assert trusted_key(session, "BRA") == public_key(brå)

    code, output = run_cli(*database, "keys", "--trust", "99", key)
    assert code == 1 and "«99» är varken en länskod (01–25) eller BRA" in output
    code, output = run_cli(*database, "keys", "--trust", "BRA", "inte en nyckel")
    assert code == 1 and "ingen nyckel" in output
    with register.session() as session:
        assert trusted_key(session, "BRA") == public_key(brå)  # a refused key replaces nothing

    code, output = run_cli(*database, "keys", "--forget", "BRA")
    assert code == 0 and "litar inte längre på någon nyckel för Brå" in output
    with register.session() as session:
        assert trusted_keys(session) == []
