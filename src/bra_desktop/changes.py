"""What a change to the register touched: the one value every job returns and one signal carries to
the views (`ui.service.RegisterService.sig_changed`), as Anki's operations return `OpChanges`.

Plain types, with no Qt: the bundle and store layers say what they changed (`apply_plan`'s
`ImportResult.changes`, `undo.import_changes`), and each view reads again only what concerns it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

FEW = 1_000
"""Changed records of a kind up to which a view updates them one by one; more, it reads its kind again."""


@dataclass(frozen=True)
class Changes:
    records: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Kind key → ids of the records created, edited or deleted."""
    code_lists: bool = False
    """Codes were added or relabelled: any label shown may read differently."""
    whole_register: bool = False
    """The register was replaced (a restore): everything is read again, its owner too."""

    def __post_init__(self) -> None:  # a kind with no ids is no change: equal Changes compare equal
        object.__setattr__(self, "records", {kind: frozenset(ids) for kind, ids in self.records.items() if ids})

    @classmethod
    def of(cls, kind: str, ids: Iterable[str]) -> Changes:
        return cls({kind: frozenset(ids)})

    def ids(self, kind: str) -> frozenset[str]:
        return self.records.get(kind, frozenset())

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether records of any of `kinds` changed."""
        return any(self.records.get(kind) for kind in kinds)

    @property
    def labels(self) -> bool:
        """Whether what codes and records are called may have changed everywhere."""
        return self.code_lists or self.whole_register

    def rereads(self, kind: str) -> bool:
        """Whether a view of `kind` reads it again rather than update rows one by one."""
        return self.labels or len(self.ids(kind)) > FEW

    def __or__(self, other: Changes) -> Changes:
        kinds = self.records.keys() | other.records.keys()
        return Changes({kind: self.ids(kind) | other.ids(kind) for kind in kinds},
                       self.code_lists or other.code_lists, self.whole_register or other.whole_register)

    def __bool__(self) -> bool:
        return self.code_lists or self.whole_register or bool(self.records)
