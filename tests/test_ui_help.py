"""Hjälp → Handbok and Kortkommandon: the built-in help, offline and in Swedish."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bra_desktop.ui.help_dialogs import HandbookDialog, ShortcutsDialog
from bra_desktop.ui.main_window import MainWindow


def test_the_handbook_covers_the_years_work_and_finds_what_is_searched(qtbot):
    handbook = HandbookDialog()
    qtbot.addWidget(handbook)
    text = handbook.text.toPlainText()
    for heading in ("Första start", "Årets arbete", "Vad en import gör", "Avvisade rader",
                    "Säkerhetskopior och återställning", "Kortkommandon"):
        assert heading in text, heading
    handbook.search.setText("Behåll min")
    qtbot.keyClick(handbook.search, Qt.Key.Key_Return)
    assert handbook.text.textCursor().selectedText() == "Behåll min" and handbook.status.text() == ""
    handbook.search.setText("finns inte alls här")
    assert not handbook.find_next() and handbook.status.text() == "Inga träffar på ”finns inte alls här”."


def test_the_shortcuts_are_the_menus_own(qtbot, app_context, service):
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    menus = [action.menu() for action in window.menuBar().actions() if action.menu() is not None]
    dialog = ShortcutsDialog([a for menu in menus for a in menu.actions()], window)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(row, 0).text(): dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())}
    assert rows["Ny post"] == "Ctrl+N" and rows["Handbok"] == "F1" and rows["Töm sökningen"] == "Esc"
    assert [a.text() for a in menus[-1].actions() if a.text()][:2] == ["Hand&bok", "&Kortkommandon"]
