"""What a form's pickers offer: codes of a code list, municipalities, and records to link to.

Each function reads the register once, through the service's register, and returns plain
`Choice`s (value + text in the UI language) that the editors show. A value the record already
has stays offered even when it is no longer choosable anew (a retired code, a deleted record),
marked so, because a form must show what is stored and let the user take it away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from PySide6.QtCore import QCoreApplication
from bra_desktop.store import queries
from bra_desktop.store.register import NATIONAL
from bra_desktop.ui.service import RegisterService


@dataclass(frozen=True)
class Choice:
    value: str
    text: str


def _mark(text: str, note: str) -> str:
    return f"{text} ({note})"


def code_choices(service: RegisterService, list_name: str, keep: Iterable[str] = ()) -> list[Choice]:
    """The list's active codes in Brå's order, plus the codes in `keep`: retired ones marked."""
    kept = set(keep)
    items = service.read(queries.code_items, list_name)
    retired = QCoreApplication.translate("FormChoices", "ur bruk")
    choices = []
    for item in items:
        if item.active or item.code in kept:
            label = item.label_en if service.language == "en" else item.label_sv
            choices.append(Choice(item.code, label if item.active else _mark(label, retired)))
    return choices + _unknown(kept - {item.code for item in items})


def municipality_choices(service: RegisterService) -> list[Choice]:
    """All 290 municipalities by name, those of the register's own county first.

    A county coordinator mostly picks the county's own municipalities; the others carry their
    county's name so the place where the list changes is plain to see. Brå gets one list.
    """
    producer = service.producer
    own = producer if producer != NATIONAL else ""
    rows = service.read(queries.municipalities_with_counties)
    rows.sort(key=lambda row: (row[2] != own, row[1].casefold()))
    return [Choice(code, name if county_code == own or not own else f"{name} – {county}")
            for code, name, county_code, county in rows]


def record_choices(service: RegisterService, kind_key: str, keep: Iterable[str] = ()) -> list[Choice]:
    """Live records of the kind to link to, by title (activities: newest first, date before title).

    Records from another producer carry its code, since every county may have a network of the
    same name. Records in `keep` that are deleted stay, marked, so the link can be seen and removed.
    """
    dated = kind_key == "activity"
    kept = set(keep)
    rows = service.read(queries.linkable_records, kind_key, kept)
    if dated:
        rows.sort(key=lambda row: (row[4], row[1].casefold()), reverse=True)
    else:
        rows.sort(key=lambda row: row[1].casefold())
    deleted = QCoreApplication.translate("FormChoices", "borttagen")
    own = service.producer  # a query each time: read once, not once per row
    choices = []
    for row in rows:
        text = row[1]
        if dated:
            text = f"{row[4].isoformat()}  {text}"  # date first: a narrow column cuts the title, not the date
        if row[2] != own:
            text = _mark(text, row[2])
        if row[3]:
            text = _mark(text, deleted)
        choices.append(Choice(row[0], text))
    return choices + _unknown(kept - {row[0] for row in rows})


def _unknown(values: set[str]) -> list[Choice]:
    """Stored values the register does not know at all: shown as they are, to be corrected."""
    unknown = QCoreApplication.translate("FormChoices", "okänd")
    return [Choice(value, _mark(value, unknown)) for value in sorted(values)]


def producer_name(service: RegisterService, producer: str) -> str:
    """'Uppsala län (03)' or 'Brå': whose record it is, in words a coordinator recognises."""
    if producer == NATIONAL:
        return "Brå"
    name = service.read(queries.county_name, producer)
    return f"{name} ({producer})" if name else producer
