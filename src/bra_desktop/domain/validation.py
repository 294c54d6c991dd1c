"""The rules a record must meet before it is saved, whether it comes from a form or a bundle.

`validate` returns problems, each naming the field and saying what is wrong in Swedish and English,
so a form can show them beside the field and a bundle import beside sheet, row and column.
What the rules need to know of the register (code lists, municipalities, which records exist) comes
in a `Reference`, so the rules stay pure and testable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from bra_desktop.domain.content import Content
from bra_desktop.domain.fields import FieldSpec, FieldType, RecordKind
from bra_desktop.domain.identity import field_names
from bra_desktop.domain.models import LONG_TEXT_MAX
from bra_desktop.domain.orgnumber import normalise_org_number
from bra_desktop.domain.producer import NATIONAL

MAX_VERSION = 1_000_000_000
"""The highest version a record may have. Versions are stored in INTEGER columns (at most
2 147 483 647 on PostgreSQL), and every change adds one: a bundle's row may state any version up
to this, and the register still has a billion changes left before its column is full."""

_XML_ILLEGAL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
XML_ILLEGAL = re.compile(f"[{_XML_ILLEGAL_CHARACTERS}]")
"""Characters XML 1.0 cannot carry, so no workbook can hold them (DESIGN §3)."""
_HIDDEN_CHARACTERS = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
"""Invisible characters that change how text is shown, not what it says: bidirectional embeddings,
overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) can show a
text in another order than it is read and compared ("Trojan Source"); zero-width spaces and
joiners, the word joiner, invisible operators and the byte-order mark (U+200B–U+200D, U+2060–U+2064,
U+FEFF) make two texts that look the same differ, for search and for a person comparing them.
(U+206A–U+206F are deprecated format characters of the same kind.)"""
_FORBIDDEN = re.compile(f"[{_XML_ILLEGAL_CHARACTERS}{_HIDDEN_CHARACTERS}]")
_JOINERS = "\u200c\u200d"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s\-()]{5,20}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record, at the field a person fixes it in: a rule between two fields
    (an end before its start) names the later one."""

    field: str
    message_sv: str
    message_en: str

    def message(self, language: str = "sv") -> str:
        return self.message_en if language == "en" else self.message_sv


@dataclass
class Reference:
    """What the rules need to know of the register."""

    codes: dict[str, dict[str, bool]] = field(default_factory=dict)
    """list name → code → active."""
    municipalities: dict[str, str] = field(default_factory=dict)
    """Municipality code → the code of its county."""
    record_exists: Callable[[str, str], bool] = lambda kind, record_id: True

    def code_state(self, list_name: str, code: str) -> bool | None:
        """True active, False retired, None unknown."""
        return self.codes.get(list_name, {}).get(code)


def validate(
    kind: RecordKind,
    content: Content,
    reference: Reference,
    previous: Content | None = None,
    owner: str | None = None,
) -> list[Problem]:
    """Everything wrong with `content` (normalised) as a record of `kind`.

    `previous` is the record's stored content: a retired code it already had stays valid, and the
    fields of the kind's identity must be as they were. `owner` is the producer the record belongs
    (or would belong) to, which a kind owned by a municipality's county checks.
    """
    problems: list[Problem] = []
    stored = previous or {}
    for spec in kind.fields:
        found = _check_field(spec, content.get(spec.name), stored.get(spec.name), reference)
        if found:
            problems += found
    problems.extend(_check_record(kind, content))
    if previous is not None:
        problems.extend(_check_identity_kept(kind, content, previous))
    if owner is not None and kind.owned_by_municipality:
        problems.extend(_check_owner(kind, content, reference, owner))
    if owner == NATIONAL and kind.counties_only:
        first = kind.fields[0]
        problems.append(Problem(first.name, f"En {kind.label_sv.lower()} görs av en länsstyrelse, inte av Brå.",
                                f"An {kind.label_en.lower()} is made by a county administrative board, not by Brå."))
    return problems


def _check_field(spec: FieldSpec, value: Any, old: Any, ref: Reference) -> list[Problem]:
    if value is None or value == ():
        if spec.required:
            return [Problem(spec.name, f"{spec.label_sv} måste fyllas i.", f"{spec.label_en} is required.")]
        return []
    if isinstance(value, str):
        text_problem = _check_text(spec, value)
        if text_problem:
            return [text_problem]
    check = _CHECKS.get(spec.type)
    return check(spec, value, old, ref) if check is not None else []


def _check_integer(spec: FieldSpec, value: int, old: Any, ref: Reference) -> list[Problem]:
    if spec.minimum <= value <= spec.maximum:
        return []
    return [Problem(
        spec.name,
        f"{spec.label_sv} måste vara ett heltal från {_number(spec.minimum)} till {_number(spec.maximum)}.",
        f"{spec.label_en} must be a whole number from {spec.minimum} to {spec.maximum:,}.",
    )]


def _check_org_number(spec: FieldSpec, value: Any, old: Any, ref: Reference) -> list[Problem]:
    if normalise_org_number(value) is not None:
        return []
    return [Problem(
        spec.name,
        f"{spec.label_sv}: {value!s} är inget giltigt organisationsnummer (NNNNNN-NNNN med rätt kontrollsiffra).",
        f"{spec.label_en}: {value!s} is not a valid organisation number (NNNNNN-NNNN with a correct check digit).",
    )]


def _check_email(spec: FieldSpec, value: str, old: Any, ref: Reference) -> list[Problem]:
    if _EMAIL.match(value):
        return []
    return [Problem(spec.name, f"{spec.label_sv}: {value} är ingen e-postadress.",
                    f"{spec.label_en}: {value} is not an e-mail address.")]


def _check_phone(spec: FieldSpec, value: str, old: Any, ref: Reference) -> list[Problem]:
    if _PHONE.match(value):
        return []
    return [Problem(spec.name, f"{spec.label_sv}: {value} är inget telefonnummer.",
                    f"{spec.label_en}: {value} is not a phone number.")]


def _check_municipalities(spec: FieldSpec, value: Any, old: Any, ref: Reference) -> list[Problem]:
    unknown = [v for v in (value if spec.multi else (value,)) if v not in ref.municipalities]
    if not unknown:
        return []
    return [Problem(
        spec.name,
        f"{spec.label_sv}: okänd kommunkod {', '.join(unknown)}.",
        f"{spec.label_en}: unknown municipality code {', '.join(unknown)}.",
    )]


def _check_refs(spec: FieldSpec, value: Any, old: Any, ref: Reference) -> list[Problem]:
    missing = [v for v in (value if spec.multi else (value,)) if not ref.record_exists(spec.ref_kind or "", v)]
    if not missing:
        return []
    return [Problem(
        spec.name,
        f"{spec.label_sv}: hänvisar till en post som inte finns ({', '.join(missing)}).",
        f"{spec.label_en}: refers to a record that does not exist ({', '.join(missing)}).",
    )]


def _check_text(spec: FieldSpec, value: str) -> Problem | None:
    if len(value) > LONG_TEXT_MAX:
        return Problem(
            spec.name,
            f"{spec.label_sv} är för lång ({len(value)} tecken, högst {LONG_TEXT_MAX} ryms i en Excel-cell).",
            f"{spec.label_en} is too long ({len(value)} characters, an Excel cell holds at most {LONG_TEXT_MAX}).",
        )
    bad = forbidden_character(value)
    if bad:
        return Problem(spec.name, f"{spec.label_sv} innehåller {bad[0]}.", f"{spec.label_en} contains {bad[1]}.")
    if spec.type == FieldType.TEXT and "\n" in value:
        return Problem(spec.name, f"{spec.label_sv} ska vara en rad.", f"{spec.label_en} must be a single line.")
    return None


def forbidden_character(text: str) -> tuple[str, str] | None:
    """The first character of `text` that is refused at entry, said in Swedish and English (as
    "ett otillåtet styrtecken (U+0007)"), or None.

    Refused: what XML 1.0 cannot carry, and the invisible characters of `_HIDDEN_CHARACTERS`, but
    for a joiner (U+200C, U+200D) that does a joiner's work (`_joins`): emoji sequences (woman,
    joiner, laptop: a woman programmer) and words of Persian and Indic scripts need one, and there
    it changes only how the characters beside it are drawn."""
    if _FORBIDDEN.search(text) is None:  # nearly every text: one scan in C, no iterator
        return None
    for found in _FORBIDDEN.finditer(text):
        char, code = found.group(), f"U+{ord(found.group()):04X}"
        if XML_ILLEGAL.match(char):
            return f"ett otillåtet styrtecken ({code})", f"a forbidden control character ({code})"
        if not _joins(text, found.start()):
            return (f"ett osynligt tecken som kan dölja eller vända text ({code})",
                    f"an invisible character that can hide or reverse text ({code})")
    return None


def _joins(text: str, at: int) -> bool:
    """Whether `text[at]` is a joiner between two characters that it can join: letters, marks or
    symbols (emoji and their modifiers) outside ASCII and the Latin script. Between Latin letters,
    at an end, beside a space or another invisible character, a joiner does nothing visible, and
    only makes a text differ from one that looks the same."""
    if text[at] not in _JOINERS or not 0 < at < len(text) - 1:
        return False
    return all(not char.isascii() and unicodedata.category(char)[0] in "LMS"
               and not unicodedata.name(char, "").startswith("LATIN ") for char in (text[at - 1], text[at + 1]))


def _check_codes(spec: FieldSpec, value: Any, old: Any, ref: Reference) -> list[Problem]:
    """Each code must be in its list and active, or retired but already the record's (`old`)."""
    values = value if spec.multi else (value,)
    if all(map(ref.codes.get(spec.code_list or "", {}).get, values)):  # every code active: nearly every record
        return []
    kept = set(old if spec.multi and old else ((old,) if old else ()))
    problems = []
    for code in values:
        state = ref.code_state(spec.code_list or "", code)
        if state is None:
            problems.append(Problem(
                spec.name,
                f"{spec.label_sv}: okänd kod {code} (finns inte i kodlistan {spec.code_list}).",
                f"{spec.label_en}: unknown code {code} (not in code list {spec.code_list}).",
            ))
        elif state is False and code not in kept:
            problems.append(Problem(
                spec.name,
                f"{spec.label_sv}: koden {code} är ur bruk och kan inte väljas för nya uppgifter.",
                f"{spec.label_en}: the code {code} is retired and cannot be chosen anew.",
            ))
    return problems


_CHECKS: dict[FieldType, Callable[[FieldSpec, Any, Any, Reference], list[Problem]]] = {
    FieldType.INTEGER: _check_integer,
    FieldType.ORG_NUMBER: _check_org_number,
    FieldType.EMAIL: _check_email,
    FieldType.PHONE: _check_phone,
    FieldType.CODE: _check_codes,
    FieldType.CODES: _check_codes,
    FieldType.MUNICIPALITY: _check_municipalities,
    FieldType.MUNICIPALITIES: _check_municipalities,
    FieldType.REF: _check_refs,
    FieldType.REFS: _check_refs,
}
"""What each type checks after the checks every text gets (`_check_text`); a type not here, none.
Looked up rather than asked type by type: a national bundle's import checks millions of fields."""


def _date_order(content: Content, first: str, last: str) -> bool:
    start, end = content.get(first), content.get(last)
    return not (isinstance(start, date) and isinstance(end, date) and end < start)


_DATE_PAIRS = {
    "activity": (("start_date", "end_date"),),
    "network": (("active_from", "active_to"),),
    "follow_up": (("plan_decided_on", "plan_valid_to"),),
}


def _check_record(kind: RecordKind, content: Content) -> list[Problem]:
    problems = []
    for pair in _DATE_PAIRS.get(kind.key, ()):
        if not _date_order(content, *pair):
            first, last = kind.field(pair[0]), kind.field(pair[1])
            problems.append(Problem(
                last.name,
                f"{last.label_sv} får inte vara före {first.label_sv.lower()}.",
                f"{last.label_en} must not be before {first.label_en.lower()}.",
            ))
    return problems


def _check_identity_kept(kind: RecordKind, content: Content, previous: Content) -> list[Problem]:
    """The fields that say which record this is never change: another value is another record."""
    changed = [kind.field(name) for name in kind.identity if content.get(name) != previous.get(name)]
    if not changed:
        return []
    return [Problem(
        changed[0].name,
        f"{kind.label_sv}: {field_names(changed)} kan inte ändras. Skapa en ny {kind.label_sv.lower()} i stället.",
        f"{kind.label_en}: the {field_names(changed, 'en')} cannot change. Create a new {kind.label_en.lower()} instead.",
    )]


def _check_owner(kind: RecordKind, content: Content, reference: Reference, owner: str) -> list[Problem]:
    """A record owned by a municipality's county belongs to that county's länsstyrelse, and to no one else."""
    name = kind.owned_by_municipality
    assert name is not None
    county = reference.municipalities.get(content.get(name) or "")
    if county is None or county == owner:
        return []  # an unknown municipality is the field's own problem
    spec = kind.field(name)
    return [Problem(
        name,
        f"{spec.label_sv} {content[name]} hör till län {county}: {kind.label_sv.lower()}en görs av länsstyrelsen där.",
        f"{spec.label_en} {content[name]} belongs to county {county}: its {kind.label_en.lower()} is made by that "
        "county administrative board.",
    )]


def _number(value: int) -> str:
    """A number as Swedish writes it: 1 000 000, but 2023 (four digits stay together)."""
    return f"{value:,}".replace(",", " ") if abs(value) >= 10_000 else str(value)
