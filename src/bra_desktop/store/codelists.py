"""Brå's code lists: read them anywhere, change them only in Brå's national register. No Qt.

The code lists (activity types, subject areas, statuses …) are data, owned by Brå (DESIGN §2, §4).
In the national register Brå adds a code, changes its labels, retires it or takes it into use again;
the national bundle carries the lists (the `Kodlistor` sheet) and a county's import takes the changes
(`bundle.planner`, `bundle.apply`). A county register only reads them.

Codes are never deleted: a retired code (`active` False) stays valid on the records that already have
it, and is no longer offered or accepted for new values (`domain.validation`, `ui.forms.choices`).
A new code goes last in its list. Every change is logged in the change log like a record's, under
its list's name: undoing an import refuses once the lists changed after it (`bundle.undo`), and a
planned import is stale once they changed after the plan (`bundle.apply`).

Every change checks its input and refuses with a `RegisterError` whose Swedish message says what to
do: the code in capitals A–Z, digits and underscores like the existing codes, no code twice in a
list, both labels filled in, on one line, at most `LABEL_MAX` characters, and no label used by
another code of the list.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import ChangeLog, CodeItem
from bra_desktop.domain.validation import forbidden_character
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.register import Register

log = logging.getLogger(__name__)

CODE_MAX = 40
"""The code column's length."""
LABEL_MAX = 100
"""Labels are shown in pickers, table cells and chart axes: a short name, not a description."""
CODE_FORMAT = re.compile(r"^[A-Z][A-Z0-9_]*$")
"""Like the existing codes: NATVERKSTRAFF, NYTT_FENOMEN."""
_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

LIST_TITLES: dict[str, tuple[str, str]] = {
    "aktivitetstyp": ("Typ av aktivitet", "Type of activity"),
    "aktivitetsstatus": ("Status för aktivitet", "Activity status"),
    "amnesomrade": ("Ämnesområde", "Subject area"),
    "malgrupp": ("Målgrupp", "Target group"),
    "natverkstyp": ("Typ av nätverk", "Kind of network"),
    "aktorstyp": ("Typ av aktör", "Type of organisation"),
    "atagandestatus": ("Status för åtagande", "Commitment status"),
    "problemkategori": ("Kategori av problemområde", "Problem-area category"),
    "trend": ("Trend för problemområde", "Problem-area trend"),
    "problemstatus": ("Status för problemområde", "Problem-area status"),
    "samordningsstatus": ("Samordningsfunktion", "Coordination function"),
    "lagesbildstatus": ("Status för lägesbild", "Situation picture status"),
    "atgardsplanstatus": ("Status för åtgärdsplan", "Action plan status"),
    "beslutsorgan": ("Beslutande organ", "Deciding body"),
    "svar": ("Ja/nej", "Yes/no"),
    "metod": ("Metod", "Method"),
    "lansstyrelsens_roll": ("Länsstyrelsens roll", "The county board's role"),
    "motesfrekvens": ("Mötesfrekvens", "Meeting frequency"),
    "tema": ("Nationellt tema", "National theme"),
    "delning": ("Delning", "Sharing"),
}
"""What each list is called in the app (a list a newer bundle brings is called by its name)."""


@dataclass(frozen=True)
class CodeList:
    name: str
    """The list's name in the register and the bundle: "aktivitetstyp"."""
    title_sv: str
    title_en: str
    codes: int
    active: int

    def title(self, language: str = "sv") -> str:
        return self.title_en if language == "en" else self.title_sv


@dataclass(frozen=True)
class Code:
    list_name: str
    code: str
    label_sv: str
    label_en: str
    active: bool
    sort_order: int

    def label(self, language: str = "sv") -> str:
        return self.label_en if language == "en" else self.label_sv


# --- reading --------------------------------------------------------------------------------------


def code_lists(session: Session) -> list[CodeList]:
    """Every code list of the register, by its Swedish title."""
    counts: dict[str, list[int]] = {}
    for name, active in session.execute(select(CodeItem.list_name, CodeItem.active)):
        count = counts.setdefault(name, [0, 0])
        count[0] += 1
        count[1] += bool(active)
    lists = [CodeList(name, *LIST_TITLES.get(name, (name, name)), total, active)
             for name, (total, active) in counts.items()]
    return sorted(lists, key=lambda item: item.title_sv.casefold())


def codes(session: Session, list_name: str) -> list[Code]:
    """The codes of one list in the list's order, retired ones included."""
    items = session.scalars(
        select(CodeItem).where(CodeItem.list_name == list_name).order_by(CodeItem.sort_order, CodeItem.code))
    return [_code(item) for item in items]


# --- changing (Brå's register only) ---------------------------------------------------------------


def add_code(register: Register, list_name: str, code: str, label_sv: str, label_en: str, *, user: str = "") -> Code:
    """Add `code` last in `list_name`, in use. The code is written in capitals (a typed "hackaton" is HACKATON)."""
    _require_national(register)
    code = (code or "").strip().upper()
    label_sv, label_en = _labels(label_sv, label_en)
    _check_code(code)
    with register.session() as session, session.begin():
        existing = _list(session, list_name)
        if any(item.code == code for item in existing):
            raise RegisterError(
                f"Koden {code} finns redan i listan {_title(list_name)}. En kod kan inte läggas till två gånger; "
                "ta den i bruk igen om den är ur bruk.",
                f"The code {code} is already in the list {_title(list_name, 'en')}. Take it into use again if it is retired.",
            )
        _check_unique_labels(existing, None, label_sv, label_en, list_name)
        last = max((item.sort_order for item in existing), default=-1)
        item = CodeItem(list_name=list_name, code=code, label_sv=label_sv, label_en=label_en, active=True,
                        sort_order=last + 1)
        session.add(item)
        session.flush()
        added = _code(item)
        _log_change(session, "create", None, added, user)
    log.info("Code %s/%s added by %s", list_name, code, user or "?")
    return added


def rename_code(register: Register, list_name: str, code: str, label_sv: str, label_en: str, *, user: str = "") -> Code:
    """Give `code` new labels (records keep the code, so they show the new label)."""
    _require_national(register)
    label_sv, label_en = _labels(label_sv, label_en)
    with register.session() as session, session.begin():
        existing = _list(session, list_name)
        item = _find(existing, list_name, code)
        _check_unique_labels(existing, item.code, label_sv, label_en, list_name)
        before = _code(item)
        item.label_sv, item.label_en = label_sv, label_en
        session.flush()
        renamed = _code(item)
        _log_change(session, "update", before, renamed, user)
    log.info("Code %s/%s renamed by %s", list_name, code, user or "?")
    return renamed


def retire_code(register: Register, list_name: str, code: str, *, user: str = "") -> Code:
    """Take `code` out of use: records that have it keep it, new values cannot be it."""
    return _set_active(register, list_name, code, False, user)


def reactivate_code(register: Register, list_name: str, code: str, *, user: str = "") -> Code:
    """Take a retired `code` into use again."""
    return _set_active(register, list_name, code, True, user)


def _set_active(register: Register, list_name: str, code: str, active: bool, user: str) -> Code:
    _require_national(register)
    with register.session() as session, session.begin():
        existing = _list(session, list_name)
        item = _find(existing, list_name, code)
        if not active and item.active and sum(1 for other in existing if other.active) == 1:
            raise RegisterError(
                f"{item.code} är den enda koden i bruk i listan {_title(list_name)}. Minst en kod måste vara i bruk; "
                "lägg till eller ta i bruk en annan kod först.",
                f"{item.code} is the only code in use in the list {_title(list_name, 'en')}. At least one code must "
                "stay in use; add or take another code into use first.",
            )
        before = _code(item)
        item.active = active
        session.flush()
        changed = _code(item)
        _log_change(session, "update", before, changed, user)
    log.info("Code %s/%s %s by %s", list_name, code, "taken into use" if active else "retired", user or "?")
    return changed


def _log_change(session: Session, action: str, before: Code | None, after: Code, user: str) -> None:
    """Log the change under the list's name (a list and a code together may be longer than a record id)."""
    session.add(ChangeLog(user=user, table_name=CodeItem.__tablename__, record_id=after.list_name, action=action,
                          before=json.dumps(asdict(before), ensure_ascii=False) if before else None,
                          after=json.dumps(asdict(after), ensure_ascii=False)))


# --- checks ---------------------------------------------------------------------------------------


def _require_national(register: Register) -> None:
    if not register.is_national:
        raise RegisterError(
            "Kodlistorna ägs av Brå och kan bara ändras i Brås nationella register. "
            "Ändringarna kommer till länen med det nationella paketet.",
            "The code lists are owned by Brå and can only be changed in Brå's national register. "
            "The changes reach the counties with the national bundle.",
        )


def _check_code(code: str) -> None:
    if not code:
        raise RegisterError("Skriv en kod.", "Enter a code.")
    if len(code) > CODE_MAX:
        raise RegisterError(f"Koden är för lång ({len(code)} tecken, högst {CODE_MAX}).",
                            f"The code is too long ({len(code)} characters, at most {CODE_MAX}).")
    if not CODE_FORMAT.match(code):
        raise RegisterError(
            f"Koden {code} går inte att använda. En kod skrivs med versaler A–Z, siffror och understreck och "
            "börjar med en bokstav, utan å, ä, ö och mellanslag (till exempel NYTT_FENOMEN).",
            f"The code {code} cannot be used. A code is written in capitals A–Z, digits and underscores and "
            "begins with a letter, without å, ä, ö and spaces (for example NYTT_FENOMEN).",
        )


def _labels(label_sv: str, label_en: str) -> tuple[str, str]:
    label_sv, label_en = (label_sv or "").strip(), (label_en or "").strip()
    for label, name_sv, name_en in ((label_sv, "svensk", "Swedish"), (label_en, "engelsk", "English")):
        if not label:
            raise RegisterError(f"Skriv en {name_sv} etikett.", f"Enter a {name_en} label.")
        if len(label) > LABEL_MAX:
            raise RegisterError(
                f"Den {name_sv}a etiketten är för lång ({len(label)} tecken, högst {LABEL_MAX}).",
                f"The {name_en} label is too long ({len(label)} characters, at most {LABEL_MAX}).")
        if _CONTROL.search(label) or forbidden_character(label):
            raise RegisterError(
                f"Den {name_sv}a etiketten ska vara en rad, utan radbrytningar, styrtecken och osynliga tecken.",
                f"The {name_en} label must be a single line, without line breaks, control or invisible characters.")
    return label_sv, label_en


def check_code_item(list_name: str, code: str, label_sv: str, label_en: str) -> None:
    """The rules every code meets, whether Brå enters it here or it comes in a national bundle's
    Kodlistor: a bundle is written by a stranger, and a code the register's columns cannot hold
    would pass the dry run and fail the import. RegisterError says which rule."""
    if len(list_name) > CODE_MAX or forbidden_character(list_name) or _CONTROL.search(list_name):
        raise RegisterError(f"Listnamnet är för långt eller har otillåtna tecken (högst {CODE_MAX} tecken).",
                            f"The list name is too long or has forbidden characters (at most {CODE_MAX}).")
    _check_code(code)
    _labels(label_sv, label_en)


def _check_unique_labels(existing: list[CodeItem], code: str | None, label_sv: str, label_en: str,
                         list_name: str) -> None:
    """Two codes of a list with one label could not be told apart in a picker."""
    for other in existing:
        if other.code == code:
            continue
        if other.label_sv.casefold() == label_sv.casefold() or other.label_en.casefold() == label_en.casefold():
            raise RegisterError(
                f"Koden {other.code} i listan {_title(list_name)} heter redan «{other.label_sv}» / «{other.label_en}». "
                "Välj en etikett som skiljer sig.",
                f"The code {other.code} in the list {_title(list_name, 'en')} is already called "
                f"“{other.label_sv}” / “{other.label_en}”. Choose a label that differs.",
            )


def _list(session: Session, list_name: str) -> list[CodeItem]:
    existing = list(session.scalars(select(CodeItem).where(CodeItem.list_name == list_name)))
    if not existing:
        raise RegisterError(f"Kodlistan {list_name} finns inte.", f"The code list {list_name} does not exist.")
    return existing


def _find(existing: list[CodeItem], list_name: str, code: str) -> CodeItem:
    found = next((item for item in existing if item.code == code), None)
    if found is None:
        raise RegisterError(f"Koden {code} finns inte i listan {_title(list_name)}.",
                            f"The code {code} is not in the list {_title(list_name, 'en')}.")
    return found


def _title(list_name: str, language: str = "sv") -> str:
    titles = LIST_TITLES.get(list_name)
    if titles is None:
        return list_name
    return titles[1] if language == "en" else titles[0]


def _code(item: CodeItem) -> Code:
    return Code(item.list_name, item.code, item.label_sv, item.label_en, bool(item.active), item.sort_order)
