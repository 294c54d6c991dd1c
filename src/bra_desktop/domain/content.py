"""A record's business content as a plain dict, its canonical form and its hash.

Content is what syncs and what a person edits: the business fields of `fields.py`, normalised so
that two records that mean the same thing compare equal (empty text is None, many-valued fields are
sorted tuples, line ends are `\\n`). The canonical JSON of content is what the change log and the
sync bases store, and its SHA-256 is the row hash (`radkontroll`) of bundles.

A field added to a kind later (`RecordKind.added_fields`) is in the canonical form only when it
holds a value: a record that does not use it keeps its hash, so the hashes stored in registers,
sync bases and signed bundles made before the field existed stay true.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from bra_desktop.domain.fields import FieldSpec, FieldType, RecordKind

Content = dict[str, Any]


def normalise_value(spec: FieldSpec, value: Any) -> Any:
    """The canonical in-memory value of one field (raises ValueError/TypeError on a wrong type)."""
    if spec.multi:
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            value = value.split(";")
        cleaned = {str(v).strip() for v in value}
        return tuple(sorted(v for v in cleaned if v))
    if value is None:
        return None
    if spec.type == FieldType.DATE:
        if isinstance(value, date):
            return value if type(value) is date else value.date()  # datetime → its date
        text = str(value).strip()
        return date.fromisoformat(text) if text else None
    if spec.type == FieldType.INTEGER:
        if isinstance(value, bool):
            raise TypeError("bool is not a count")
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
        number = float(value) if not isinstance(value, int) else value
        if number != int(number):
            raise ValueError(f"{value!r} is not a whole number")
        return int(number)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def normalise(kind: RecordKind, content: dict[str, Any]) -> Content:
    """Content with exactly the kind's business fields, each normalised (missing ones empty)."""
    return {spec.name: normalise_value(spec, content.get(spec.name)) for spec in kind.fields}


def empty_values(kind: RecordKind, names: frozenset[str]) -> Content:
    """The empty value of each field of `kind` named (None, or () for a many-valued field)."""
    return {spec.name: normalise_value(spec, None) for spec in kind.fields if spec.name in names}


def to_jsonable(content: Content) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, tuple):
            return list(value)
        return value

    return {key: plain(value) for key, value in content.items()}


def from_jsonable(kind: RecordKind, data: dict[str, Any]) -> Content:
    return normalise(kind, data)


def _date_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no canonical JSON form")


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_date_text)
"""The same text as `json.dumps(to_jsonable(content), ...)`, without building the jsonable copy:
the C encoder writes tuples as lists and asks `_date_text` only for dates (run for every record
of a national bundle, several times)."""


def canonical_json(kind: RecordKind, content: Content) -> str:
    added = kind.added_fields
    if added:  # a copy without the empty ones (a copy in C, and a look at those few fields only)
        content = dict(content)
        for name in added & content.keys():
            if content[name] is None or content[name] == ():
                del content[name]
    return _CANONICAL.encode(content)


def content_hash(kind: RecordKind, content: dict[str, Any]) -> str:
    """SHA-256 of the canonical business content: equal meaning gives an equal hash."""
    return normalised_hash(kind, normalise(kind, content))


def normalised_hash(kind: RecordKind, content: Content) -> str:
    """`content_hash` of content that is normalised already (read from the register, or just
    normalised): the same hash without normalising every field a second time."""
    return json_hash(canonical_json(kind, content))


def json_hash(canonical: str) -> str:
    """The hash of content whose canonical JSON is at hand already."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def search_text(kind: RecordKind, content: Content) -> str:
    """Case-folded text of the searchable fields, for instant search without a scan of every column."""
    parts = (content.get(name) for name in kind.searchable)
    return " ".join(str(p) for p in parts if p).casefold()
