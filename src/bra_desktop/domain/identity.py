"""The id of a record whose kind has an identity (`RecordKind.identity`), derived from its values.

A municipality's follow-up of a year is one record wherever it is made: by two installs of one
county, in a form or in a row someone added to a bundle in Excel. Deriving its id from the
municipality and the year makes all of these the same record, which the three-way merge then
reconciles, instead of two follow-ups of one municipality and year. A länsstyrelse's redovisning
of a year is one record of that länsstyrelse's, in the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from bra_desktop.domain.content import Content
from bra_desktop.domain.fields import FieldSpec, RecordKind

_NAMESPACE = uuid.UUID("0b7b7d3e-5d0c-4f7e-9a51-3c2f6e1d8a40")


def identity_id(kind: RecordKind, content: Content, owner: str | None = None) -> str | None:
    """The id of the record of `kind` that `content`'s identity names, for a kind whose identity
    holds per owner (`RecordKind.identity_per_owner`: a länsstyrelse's redovisning of a year) the
    one of `owner`; None for a kind without an identity, or content that lacks part of it (a
    problem the rules name)."""
    values = [content.get(name) for name in kind.identity]
    if kind.identity_per_owner:
        values.append(owner)
    if not values or any(value is None for value in values):
        return None
    return str(uuid.uuid5(_NAMESPACE, "/".join([kind.key, *map(str, values)])))


def field_names(specs: Iterable[FieldSpec], language: str = "sv") -> str:
    """Fields as a message names them: "kommun och år", "municipality and year"."""
    joined = " and " if language == "en" else " och "
    return joined.join(spec.label(language).lower() for spec in specs)


def identity_names(kind: RecordKind, language: str = "sv") -> str:
    """The fields of the kind's identity as a message names them."""
    return field_names((kind.field(name) for name in kind.identity), language)


def identity_values(kind: RecordKind, content: Content) -> str:
    """The values of the kind's identity in `content`, as a message quotes them: "0180, 2026"."""
    return ", ".join(str(content[name]) for name in kind.identity)
