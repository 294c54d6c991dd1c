"""Codes replaced by others, and how content holding an old one reads with the new one.

A code is data that people type into bundles, so one that can be mistaken is replaced, not just
relabelled: the trend `OKAND` (Okänd) differed by one letter from `OKANDE` (Ökande) and meant
the opposite. A register that holds an old code changes its own records to the new one as an
edit of its own (`store/code_renames.py`), which reaches the others in its next bundle; a bundle of
a format from before the change is read with the new code (`bundle/rows.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bra_desktop.domain.content import Content
from bra_desktop.domain.fields import RecordKind


@dataclass(frozen=True)
class CodeRename:
    list_name: str
    old: str
    new: str
    since_format: int
    """The bundle format from which bundles hold `new`: an earlier one may still hold `old`."""


RENAMES: tuple[CodeRename, ...] = (
    CodeRename("trend", "OKAND", "EJ_KANT", since_format=3),
)


def renames_for(kind: RecordKind, format_version: int | None = None) -> dict[str, dict[str, str]]:
    """Field → old code → new code, for the kind's code fields that may hold old codes: in a
    bundle of `format_version`, or (None) in a register of any age."""
    found: dict[str, dict[str, str]] = {}
    for rename in RENAMES:
        if format_version is not None and format_version >= rename.since_format:
            continue
        for spec in kind.fields:
            if spec.code_list == rename.list_name:
                found.setdefault(spec.name, {})[rename.old] = rename.new
    return found


def with_new_codes(content: Content, renames: dict[str, dict[str, str]]) -> Content | None:
    """`content` with its old codes replaced (None when it holds none). Content is normalised: a
    many-valued field is a sorted tuple, and stays one."""
    changed = dict(content)
    for name, codes in renames.items():
        value = content.get(name)
        if isinstance(value, tuple):
            if any(code in codes for code in value):
                changed[name] = tuple(sorted({codes.get(code, code) for code in value}))
        elif value in codes:
            changed[name] = codes[value]
    return changed if changed != content else None
