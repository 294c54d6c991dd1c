"""Reading cells (bundle/cells.py): what Excel and LibreOffice leave in a cell becomes the field
value the register keeps, normalised already (the reader does not normalise a second time)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bra_desktop.bundle.cells import CellError, cell_reader
from bra_desktop.domain.content import normalise_value
from bra_desktop.domain.fields import KINDS

SAMPLES = [None, "", "   ", "  Träff  ", "rad 1\r\nrad 2", "rad 1\rrad 2\r\n", "x\r", 5, 5.0, 180, "0180", "180",
           "unga; vald ;UNGA", "VALD,unga", " ; ", date(2026, 1, 5), datetime(2026, 1, 5, 0, 0),
           datetime(2026, 1, 5, 13, 30), 46027, "2026-01-05", "  2026-01-05  ", "12", "12,0", True]
FIELDS = [(kind.key, spec) for kind in KINDS.values() for spec in kind.fields]


@pytest.mark.parametrize(("kind", "spec"), FIELDS, ids=[f"{kind}.{spec.name}" for kind, spec in FIELDS])
def test_a_cell_read_is_a_normalised_value(kind, spec):
    read = cell_reader(spec)
    readable = 0
    for value in SAMPLES:
        try:
            field_value = read(value)
        except CellError:
            continue
        readable += 1
        assert normalise_value(spec, field_value) == field_value, (value, field_value)
    assert readable >= 3


@pytest.mark.parametrize(("kind", "field", "cell", "expected"), [
    ("activity", "title", "  Möte\r\nom unga\r ", "Möte\nom unga"),
    ("activity", "municipalities", "180; 0114,180", ("0114", "0180")),
    ("activity", "subject_areas", "vald; unga", ("UNGA", "VALD")),
    ("activity", "activity_type", " natverkstraff ", "NATVERKSTRAFF"),
    ("activity", "start_date", 46027, date(2026, 1, 5)),
    ("activity", "participants", "12,0", 12),
])
def test_what_spreadsheets_do_to_cells_is_undone(kind, field, cell, expected):
    assert cell_reader(KINDS[kind].field(field))(cell) == expected
