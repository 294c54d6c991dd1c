"""End to end: crafted bundles, as a hostile or careless sender would make them, read with
`bra-desktop import` by the register they were sent to (issue 16).

Two counties (01 and 12) and Brå have exchanged bundles once, so every register holds the others'
records and trusts their keys. Each case makes one file from a clean export, reads it on the
command line into a copy of the receiving register, and checks the outcome a coordinator would
see (the exit code and the Swedish message) and what the register holds afterwards: a file that
is refused leaves the register exactly as it was, byte for byte of its SQL dump; a file whose
crafted rows are refused leaves every record as it was (only the receipt of the exchange is new).

The cases are the findings of issue 16, one file each; the rules behind them are tested where
they live (`test_bundle_authority.py`, `test_bundle_hostile.py`, `test_bundle_input_limits.py`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bra_desktop.bundle.apply import apply_plan
from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.schema import InfoKey
from bra_desktop.bundle.signature import sign_info
from bra_desktop.domain.signing import encode_key, public_key_of
from bra_desktop.store.keys import own_private_key
from bra_desktop.store.register import Register, open_register

from bundle_files import fingerprint, part_of, rewrite_zip, run_cli
from conftest import add, trust_each_other
from test_bundle_import import snapshot
from workbook_edits import EditedBundle

COUNTY_ACTIVITIES = 12
"""More than MASS_DELETE_MIN, so that a bundle with every row deleted asks before it deletes."""


@dataclass
class World:
    root: Path
    activity: str
    """One of county 01's activities, which Brå and county 12 hold as copies."""
    network: str
    """Brå's national network, which both counties hold as copies."""
    bundles: dict[str, Path] = field(default_factory=dict)
    """A clean export of each register's (01, 12, BRA, and an impostor that says it is 01)."""

    def folder(self, producer: str) -> Path:
        return self.root / producer

    def open(self, producer: str) -> Register:
        folder = self.folder(producer)
        return open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")


def _registers(root: Path) -> dict[str, Register]:
    registers = {}
    for producer in ("01", "12", "BRA", "impostor"):
        folder = root / producer
        registers[producer] = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
        registers[producer].set_producer("01" if producer == "impostor" else producer)
    return registers


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    """Counties 01 and 12 and Brå after one round of exchange; made once for the module."""
    root = tmp_path_factory.mktemp("crafted")
    registers = _registers(root)
    stockholm, skåne, brå = registers["01"], registers["12"], registers["BRA"]
    trust_each_other(stockholm, skåne, brå)
    activities = [add(stockholm, "activity", title=f"Trygghetsvandring {n}", start_date=date(2026, 4, n + 1))
                  for n in range(COUNTY_ACTIVITIES)]
    add(skåne, "activity", title="Föräldravandring i Malmö")
    network = add(brå, "network", name="Kärnnätverket", kind="KARN")
    for county in (stockholm, skåne):
        apply_plan(brå, prepare_import(brå, export_bundle(county, root / f"first-{county.producer}.xlsx",
                                                          user="anna").path), user="analytiker")
    national = export_bundle(brå, root / "first-BRA.xlsx", user="analytiker").path
    for county in (stockholm, skåne):
        apply_plan(county, prepare_import(county, national), user="anna")
    made = World(root, activities[0].id, network.id)
    for producer, register in registers.items():
        made.bundles[producer] = export_bundle(register, root / f"clean-{producer}.xlsx", user="anna").path
    add(stockholm, "activity", title="Gjord efter exporten")  # not in 01's clean bundle
    for register in registers.values():
        register.close()
    return made


@dataclass(frozen=True)
class Case:
    receiver: str
    craft: Callable[[World, Path], Path]
    messages: tuple[str, ...]
    refused: bool
    """The whole file is refused (exit code 1, the register as it was); else its crafted rows only."""
    options: tuple[str, ...] = ("--accept-edited",)


def _row_of(world: World, source: str, sheet: str, record_id: str) -> dict:
    book = EditedBundle(world.bundles[source])
    return {label: book.get(sheet, record_id, label) for label in book.header(sheet) if label}


def _with_row(world: World, tmp: Path, sender: str, sheet: str, values: dict) -> Path:
    """`sender`'s clean bundle with one row appended, as a person adds it in Excel."""
    book = EditedBundle(world.bundles[sender])
    book.add_row(sheet, values)
    return book.save(tmp / f"{sender}-med-rad.xlsx")


def _info(path: Path) -> dict:
    book = load_workbook(path, read_only=True)
    values = {row[0]: row[1] for row in book["Info"].iter_rows(values_only=True) if row and row[0] and len(row) > 1}
    book.close()
    return values


def _resigned(world: World, tmp: Path, sender: str, **info) -> Path:
    """`sender`'s clean bundle with Info values changed and signed again with `sender`'s own key: a
    sender running a changed program, whose signature holds."""
    register = world.open(sender)
    try:
        with register.session() as session:
            private = own_private_key(session)
    finally:
        register.close()
    book = load_workbook(world.bundles[sender])
    values = {**_info(world.bundles[sender]), **info, InfoKey.SIGNER_KEY: encode_key(public_key_of(private))}
    values[InfoKey.SIGNATURE] = sign_info(private, {k: v for k, v in values.items() if k != InfoKey.SIGNATURE})
    for row in book["Info"].iter_rows():
        if row[0].value in values and len(row) > 1:
            row[1].value = values[row[0].value]
    return _saved(book, tmp / f"{sender}-omsignerat.xlsx")


def _edited_info(world: World, tmp: Path, sender: str, **info) -> Path:
    book = load_workbook(world.bundles[sender])
    for row in book["Info"].iter_rows():
        if row[0].value in info:
            row[1].value = info[row[0].value]
    return _saved(book, tmp / f"{sender}-info.xlsx")


def _saved(book, path: Path) -> Path:
    book.save(path)
    return path


def _activities_xml(world: World, tmp: Path, sender: str, edit: Callable[[bytes], bytes]) -> Path:
    bundle = world.bundles[sender]
    return rewrite_zip(bundle, tmp / f"{sender}-xml.xlsx", edit={part_of(bundle, "Aktiviteter"): edit})


def _claims_another_countys_activity(world: World, tmp: Path) -> Path:
    return _with_row(world, tmp, "12", "Aktiviteter",
                     {**_row_of(world, "01", "Aktiviteter", world.activity), "ursprung": "12", "borttagen": "ja"})


def _rewrites_another_countys_activity(world: World, tmp: Path) -> Path:
    return _with_row(world, tmp, "12", "Aktiviteter",
                     {**_row_of(world, "01", "Aktiviteter", world.activity), "Rubrik": "Kapad av län 12"})


def _rewrites_brås_network(world: World, tmp: Path) -> Path:
    return _with_row(world, tmp, "12", "Nätverk", {**_row_of(world, "BRA", "Nätverk", world.network),
                                                    "ursprung": "12", "Namn": "Kapat"})


def _adds_a_row_for_brå(world: World, tmp: Path) -> Path:
    return _with_row(world, tmp, "12", "Aktiviteter", {"Rubrik": "Ny i Excel", "Typ av aktivitet": "NATVERKSTRAFF",
                                                      "Status": "GENOMFORD", "Startdatum": date(2026, 5, 4)})


def _hidden_copy_of_the_activities(world: World, tmp: Path) -> Path:
    book = load_workbook(world.bundles["12"])
    copy = book.copy_worksheet(book["Aktiviteter"])
    copy.title, copy.sheet_state = "Aktiviteter ", "hidden"
    return _saved(book, tmp / "dold.xlsx")


def _unsigned(world: World, tmp: Path) -> Path:
    return _edited_info(world, tmp, "12", signature=None, signer_key=None)


def _every_row_deleted(world: World, tmp: Path) -> Path:
    book = EditedBundle(world.bundles["01"])
    sheet = book.sheet("Aktiviteter")
    column = book.column("Aktiviteter", "borttagen")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = "ja"
    return book.save(tmp / "allt-borttaget.xlsx")


def _merged_row(world: World, tmp: Path) -> Path:
    book = EditedBundle(world.bundles["01"])
    row = book.row_of("Aktiviteter", world.activity)
    book.sheet("Aktiviteter").merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    return book.save(tmp / "sammanfogad.xlsx")


def _owner_nobody(world: World, tmp: Path) -> Path:
    book = EditedBundle(world.bundles["01"])
    book.set("Aktiviteter", world.activity, "ursprung", "99")
    return book.save(tmp / "ursprung-99.xlsx")


CASES = {
    "ett län tar bort ett annat läns post": Case(
        "BRA", _claims_another_countys_activity, ("tillhör Stockholms län (01)",), refused=False),
    "ett län skriver över ett annat läns post": Case(
        "BRA", _rewrites_another_countys_activity, ("posten tillhör Stockholms län (01) och kan bara ändras där",), refused=False),
    "ett län skriver över Brås nätverk": Case(
        "BRA", _rewrites_brås_network, ("tillhör Brå",), refused=False),
    "ett läns nya rad blir inte Brås": Case(
        "BRA", _adds_a_row_for_brå, ("läs in raden i det egna registret",), refused=False),
    "en länsfil som säger att den är Brås, till Brå": Case(
        "BRA", lambda w, t: _resigned(w, t, "12", producer="BRA"), ("inte signerat av Brås register",), refused=True),
    "en länsfil som säger att den är Brås, till ett annat län": Case(
        "01", lambda w, t: _resigned(w, t, "12", producer="BRA"), ("annan nyckel",), refused=True),
    "ett register som utger sig för att vara län 01": Case(
        "BRA", lambda w, t: w.bundles["impostor"], ("annan nyckel",), refused=True),
    "en osignerad fil": Case("BRA", _unsigned, ("inte signerat",), refused=True),
    "kontaktuppgifter påslagna i Info": Case(
        "BRA", lambda w, t: _edited_info(w, t, "01", personal_data="ja"), ("signatur stämmer inte",), refused=True),
    "producent 99": Case(
        "BRA", lambda w, t: _resigned(w, t, "12", producer="99"), ("okänd avsändare «99»",), refused=True),
    "ett datum i framtiden tar inte bort det som gjorts sedan": Case(
        "01", lambda w, t: _resigned(w, t, "01", created_at="2099-01-01T00:00:00+00:00"), ("ingenting behövde ändras",),
        refused=False, options=()),
    "en dold flik med mellanslag i namnet": Case("BRA", _hidden_copy_of_the_activities, ("flera flikar",), refused=True),
    "ursprung 99": Case("01", _owner_nobody, ("inget ursprung",), refused=False),
    "sammanfogade celler": Case("01", _merged_row, ("sammanfogade",), refused=False),
    "varje rad borttagen i det egna paketet": Case(
        "01", _every_row_deleted, ("--allow-mass-delete",), refused=True),
}


@pytest.fixture
def copy_of(world, tmp_path) -> Callable[[str], Path]:
    """A copy of a register of the world for one test: its data folder."""

    def copy(producer: str) -> Path:
        folder = tmp_path / "data" / producer
        folder.mkdir(parents=True)
        shutil.copyfile(world.folder(producer) / "register.sqlite", folder / "register.sqlite")
        return folder

    return copy


@pytest.mark.parametrize("name", CASES)
def test_a_crafted_file_changes_only_what_its_sender_may_change(world, copy_of, tmp_path, name):
    case = CASES[name]
    folder = copy_of(case.receiver)
    path = case.craft(world, tmp_path)
    database = folder / "register.sqlite"
    before, records = fingerprint(database), _records(folder)
    code, output = run_cli("--data-dir", str(folder), "import", *case.options, str(path))
    assert "Oväntat fel" not in output and "Traceback" not in output
    for message in case.messages:
        assert message in output
    if case.refused:
        assert code == 1, output
        assert fingerprint(database) == before
    else:
        assert code == 0, output
        assert _records(folder) == records


def _records(folder: Path) -> dict:
    register = open_register(f"sqlite:///{folder / 'register.sqlite'}", folder / "backups")
    try:
        return snapshot(register)
    finally:
        register.close()


def test_a_cell_at_the_far_corner_of_a_sheet_ends_in_a_message_not_an_abort(world, copy_of, tmp_path):
    """One cell at XFD1048576 made python-calamine abort the process: read in a child process, so
    that an abort shows as a signal here instead of ending the test run."""
    folder = copy_of("BRA")
    path = _activities_xml(world, tmp_path, "12", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'))
    before = fingerprint(folder / "register.sqlite")
    result = subprocess.run([sys.executable, "-m", "bra_desktop", "--data-dir", str(folder), "import", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "utanför det tillåtna området" in result.stdout
    assert fingerprint(folder / "register.sqlite") == before
