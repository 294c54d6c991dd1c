"""The English translation (resources/i18n/bra_desktop_en.ts): complete, faithful to its placeholders,
up to date with the code, and compiled and loaded the way the app does (`make translations`).

Source strings in the code are Swedish; a string added to the UI without an English translation, or
a translation that lost a `{count}` or a `%1`, would show Swedish or a broken text in the English UI.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PySide6.QtCore import QCoreApplication, QTranslator

from bra_desktop.resources import resource_path

TS_FILE = resource_path("i18n", "bra_desktop_en.ts")
UI_SOURCES = Path(__file__).resolve().parents[1] / "src" / "bra_desktop" / "ui"
BIN = Path(sys.executable).parent

BRACES = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
"""`str.format` fields: {count}, {title} …"""
NUMBERED = re.compile(r"%(?:[1-9]|n)")
"""Qt's %1 … %9 (filled in with .replace or .arg) and %n of plural forms."""
ACCELERATOR = re.compile(r"&(?!&)")


def _messages(path: Path) -> list[tuple[str, object]]:
    """(context name, <message> element) for every message of a .ts file."""
    root = ElementTree.parse(str(path)).getroot()
    assert root.tag == "TS"
    return [(context.findtext("name"), message) for context in root.iter("context") for message in context.iter("message")]


def _forms(message: object) -> list[str]:
    """The translated text, or each plural form of a numerus message."""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _label(context: str, message: object) -> str:
    return f"{context}: {message.findtext('source')!r}"


MESSAGES = _messages(TS_FILE)


def test_the_ts_file_parses_and_holds_the_ui():
    assert len(MESSAGES) > 200
    contexts = {context for context, _ in MESSAGES}
    assert {"MainWindow", "RecordSection", "RecordFormDialog", "ImportWizard", "PreviewPage", "PlanTreeModel",
            "ExportDialog", "BundleActions", "DashboardSection"} <= contexts


def test_every_message_is_translated():
    unfinished = [_label(c, m) for c, m in MESSAGES if m.find("translation").get("type")]
    empty = [_label(c, m) for c, m in MESSAGES if not all(form.strip() for form in _forms(m))]
    assert unfinished == []  # also no "obsolete" or "vanished": lupdate runs with -no-obsolete
    assert empty == []


def test_translations_keep_their_placeholders():
    wrong = []
    for context, message in MESSAGES:
        source = message.findtext("source")
        for form in _forms(message):
            for pattern in (BRACES, NUMBERED):
                if sorted(pattern.findall(source)) != sorted(pattern.findall(form)):
                    wrong.append(f"{_label(context, message)} → {form!r}")
            if len(ACCELERATOR.findall(source)) != len(ACCELERATOR.findall(form)):
                wrong.append(f"{_label(context, message)} → {form!r} (accelerator)")
    assert wrong == []


def test_menu_accelerators_do_not_clash():
    menus = [form for context, message in MESSAGES if context == "MainWindow"
             for form in _forms(message) if ACCELERATOR.search(form)]
    keys = [ACCELERATOR.split(menu, 1)[1][:1].lower() for menu in menus]
    assert len(keys) >= 3 and len(set(keys)) == len(keys)


def test_the_ts_file_is_up_to_date_with_the_code(tmp_path):
    """lupdate over the UI code, on a copy, finds nothing that is not translated already. (Entries the
    code no longer uses are harmless: `make lupdate` drops them.)"""
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    sources = sorted(str(path) for path in UI_SOURCES.rglob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-no-obsolete", *sources, "-ts", str(copy)], check=True)
    refreshed = _messages(copy)
    new = [_label(c, m) for c, m in refreshed if m.find("translation").get("type")]
    assert new == [], "run `make lupdate` and translate these in resources/i18n/bra_desktop_en.ts"


@pytest.fixture
def english(qapp, tmp_path):
    """The .ts compiled by lrelease as `make translations` does, installed in an English translator."""
    compiled = tmp_path / "bra_desktop_en.qm"
    done = subprocess.run([str(BIN / "pyside6-lrelease"), str(TS_FILE), "-qm", str(compiled)],
                          check=True, capture_output=True, text=True)
    assert re.search(r"\(\d+ finished and 0 unfinished\)", done.stdout + done.stderr)
    translator = QTranslator(qapp)
    assert translator.load(str(compiled))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.mark.parametrize(("context", "swedish", "english_text"), [
    ("MainWindow", "&Arkiv", "&File"),
    ("MainWindow", "&Redigera", "&Edit"),
    ("MainWindow", "Ångra", "Undo"),
    ("MainWindow", "Gör om", "Redo"),
    ("BundleActions", "Importera paket…", "Import bundles…"),
    ("PlanTreeModel", "I registret", "In the register"),
    ("PreviewPage", "Avvisad rad", "Rejected row"),
    ("RecordCommand", "Nytt åtagande", "New commitment"),
    ("RecordCommand", "Ändra {kind} {title}", "Edit {kind} {title}"),
    ("RecordForm", "Kontaktuppgifter", "Contact details"),
])
def test_the_compiled_translation_loads_and_translates(english, context, swedish, english_text):
    assert QCoreApplication.translate(context, swedish) == english_text
