"""The import plan: what a bundle would do to the register, record by record and field by field.

Building a plan reads the register and writes nothing: it is the dry run, the preview and, once its
conflicts are decided, exactly what `apply.py` applies. For each incoming record it compares the
incoming state I, the local state L and the base B last exchanged (DESIGN §4.3):

- unknown locally → NEW; I = L → UNCHANGED;
- L = B (no local edits) → UPDATE; I = B (incoming is stale) → KEEP_LOCAL;
- otherwise field by field: a field changed on one side takes that side (MERGE); a field changed on
  both sides to different values is a CONFLICT for a person to decide;
- a tombstone deletes the same way (DELETE), and a delete against local edits is a conflict;
- an untouched copy with a lower version than the local one is stale → KEEP_LOCAL;
- rows that cannot be read or break the rules are REJECTED with their problems.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bra_desktop.bundle.problems import ImportProblem
from bra_desktop.bundle.reader import BundleContents
from bra_desktop.bundle.rows import IncomingRow, RejectedRow
from bra_desktop.bundle.trust import Sender
from bra_desktop.domain.producer import owner_name

Choice = str
LOCAL: Choice = "local"
INCOMING: Choice = "incoming"
CHOICES = (LOCAL, INCOMING)

MASS_DELETE_SHARE = 5
MASS_DELETE_MIN = 10
"""An import that would delete more than a fifth, and more than ten, of one owner's records of a
kind asks first (`ImportPlan.mass_delete`)."""


class Action(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATE = "update"
    KEEP_LOCAL = "keep_local"
    MERGE = "merge"
    CONFLICT = "conflict"
    DELETE = "delete"
    REJECTED = "rejected"

    @property
    def label_sv(self) -> str:
        return _LABELS_SV[self]

    @property
    def label_en(self) -> str:
        return _LABELS_EN[self]


_LABELS_SV = {
    Action.NEW: "nya", Action.UNCHANGED: "oförändrade", Action.UPDATE: "uppdateras",
    Action.KEEP_LOCAL: "behåller din version", Action.MERGE: "sammanfogas", Action.CONFLICT: "konflikter",
    Action.DELETE: "tas bort", Action.REJECTED: "avvisade",
}
_LABELS_EN = {
    Action.NEW: "new", Action.UNCHANGED: "unchanged", Action.UPDATE: "updated", Action.KEEP_LOCAL: "kept local",
    Action.MERGE: "merged", Action.CONFLICT: "conflicts", Action.DELETE: "deleted", Action.REJECTED: "rejected",
}

DELETED_FIELD = "__deleted__"
"""The tombstone flag, planned and decided like a field."""


@dataclass(slots=True)
class FieldDiff:
    """One field that differs between the local and the incoming record."""

    field: str
    local: Any
    incoming: Any
    base: Any
    conflict: bool
    choice: Choice | None
    """Which side the result takes; None for an undecided conflict."""

    @property
    def value(self) -> Any:
        return self.incoming if self.choice == INCOMING else self.local


@dataclass(slots=True)
class RecordState:
    content: dict[str, Any]
    deleted: bool
    version: int
    updated_at: datetime | None = None
    updated_by: str = ""
    """The stamps of a stored record, kept so that undoing an import can put them back."""


class RowState(RecordState):
    """A record state whose content is an incoming row's, read from the row's cells only when asked
    for: re-reading a national bundle, the rows the register holds as they are never are."""

    __slots__ = ("row",)

    def __init__(self, row: IncomingRow, deleted: bool, version: int, updated_at: datetime | None = None,
                 updated_by: str = "") -> None:
        self.row = row
        self.deleted, self.version, self.updated_at, self.updated_by = deleted, version, updated_at, updated_by

    @property  # type: ignore[misc]
    def content(self) -> dict[str, Any]:  # type: ignore[override]
        return self.row.content


@dataclass(slots=True)
class PlannedRecord:
    kind_key: str
    record_id: str
    action: Action
    incoming: IncomingRow | None
    local: RecordState | None
    base: RecordState | None
    diffs: list[FieldDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Why, in Swedish: "ändrad i Excel", "saknas i filen", "inaktuell kopia"."""
    stale: bool = False
    """An old copy of a record this register has newer: it must not move the base back either."""
    missing: bool = False
    """Planned because its row is missing from a full bundle of the sender that sent it before
    (`planner._plan_missing`): a person may keep the record all the same (`decide`)."""

    @property
    def title(self) -> str:
        state = self.incoming.content if self.incoming else (self.local.content if self.local else {})
        return str(state.get("title") or state.get("name") or self.record_id)

    @property
    def conflicts(self) -> list[FieldDiff]:
        return [d for d in self.diffs if d.conflict]

    @property
    def undecided(self) -> bool:
        return any(d.choice is None for d in self.diffs)

    @property
    def decidable(self) -> list[FieldDiff]:
        """What a person may decide: the conflicts, and for a record missing from the file whether
        it is deleted (its tombstone: keep mine or take the file's)."""
        return [d for d in self.diffs if d.conflict or (self.missing and d.field == DELETED_FIELD)]

    def decide(self, choice: Choice, field_name: str | None = None) -> None:
        """Decide one field, or all the record's (`field_name` None)."""
        if choice not in CHOICES:
            raise ValueError(choice)
        for diff in self.decidable:
            if field_name is None or diff.field == field_name:
                diff.choice = choice

    def owner(self, sender: str) -> str:
        """Whose record it is: the row's owner, or for a record missing from the file (no row) the
        sender's."""
        return (self.incoming.origin if self.incoming is not None else None) or sender

    @property
    def outcome(self) -> Action:
        """The action as decided: a record missing from the file that a person keeps is kept."""
        if self.missing and self.action == Action.DELETE and not self.result()[1]:
            return Action.KEEP_LOCAL
        return self.action

    def result(self) -> tuple[dict[str, Any], bool]:
        """The content and tombstone flag the record has after applying (conflicts must be decided)."""
        if self.action == Action.NEW:
            assert self.incoming is not None
            return dict(self.incoming.content), self.incoming.deleted
        assert self.local is not None
        content = dict(self.local.content)
        deleted = self.local.deleted
        for diff in self.diffs:
            if diff.field == DELETED_FIELD:
                deleted = diff.value
            else:
                content[diff.field] = diff.value
        return content, deleted

    @property
    def changes_register(self) -> bool:
        if self.action in (Action.UNCHANGED, Action.KEEP_LOCAL, Action.REJECTED):
            return False
        if self.action == Action.NEW:
            return True
        assert self.local is not None
        return self.result() != (self.local.content, self.local.deleted)


@dataclass(frozen=True)
class CodeChange:
    list_name: str
    code: str
    before: dict[str, Any] | None
    after: dict[str, Any]

    def describe(self, language: str = "sv") -> str:
        code = f"{self.list_name}/{self.code}"
        english = language == "en"
        label = self.after["label_en" if english else "label_sv"]
        if self.before is None:
            return f"new code {code} «{label}»" if english else f"ny kod {code} «{label}»"
        if self.before["active"] and not self.after["active"]:
            return f"the code {code} is retired" if english else f"koden {code} utgår"
        return f"the code {code} becomes «{label}»" if english else f"koden {code} ändras till «{label}»"


@dataclass(frozen=True)
class Ask:
    """Something a person must confirm before a plan is applied, said in Swedish and English."""

    sv: str
    en: str

    def message(self, language: str = "sv") -> str:
        return self.en if language == "en" else self.sv


@dataclass
class ImportPlan:
    contents: BundleContents
    records: list[PlannedRecord]
    """Every valid row's record, but for the rows the register holds exactly as they are
    (`contents.held_rows`, counted as unchanged: nothing to show or write)."""
    rejected: list[RejectedRow]
    warnings: list[ImportProblem]
    code_changes: list[CodeChange]
    already_imported_at: datetime | None
    register_marker: int
    """The change log's last id when the plan was made: applying refuses if a record of the plan
    changed since (`apply._still_current`)."""
    sender: Sender
    last_exchange: int = 0
    """The newest receipt (an import or an export) when the plan was made. Records planned as
    missing from the file (`PlannedRecord.missing`) were judged by which bundles had carried them
    last, which any exchange since may have changed without changing a record."""
    live_records: dict[tuple[str, str], int] = field(default_factory=dict)
    """(kind, owner) → the owner's live records of that kind, for each the plan deletes some of."""
    trust_confirmed: bool = False
    """A person compared a new sender's fingerprint and trusts its key (`Sender.first_contact`)."""
    edits_accepted: bool = False
    """A person accepted reading a file edited after signing (`Sender.edited`)."""
    allow_mass_delete: bool = False

    @property
    def needs_confirmation(self) -> list[Ask]:
        """What a person must still confirm before the plan can be applied."""
        sender, asks = self.sender, []
        if sender.first_contact and not self.trust_confirmed:
            asks.append(Ask(
                f"{sender.name} är en ny avsändare: jämför nyckelns fingeravtryck {sender.fingerprint} med "
                "avsändarens (ring till exempel) innan du litar på den.",
                f"{sender.name} is a new sender: compare the key's fingerprint {sender.fingerprint} with the "
                "sender's (by phone, say) before you trust it."))
        if sender.edited and not self.edits_accepted and self.has_effect:
            asks.append(Ask(
                "Filen är ändrad efter signering (i Excel eller på vägen): ändringarna läses in bara för "
                "registrets egna poster och nya rader.",
                "The file was changed after signing (in Excel or on the way): its changes are read only for "
                "the register's own records and new rows."))
        if self.mass_delete and not self.allow_mass_delete:
            for owner, (count, total) in self.mass_delete.items():
                asks.append(Ask(f"Importen tar bort {count} av {total} poster från {owner_name(owner)}.",
                                f"The import deletes {count} of {total} records from {owner_name(owner)}."))
        return asks

    @property
    def mass_delete(self) -> dict[str, tuple[int, int]]:
        """Owner → (records this plan deletes, records the owner has), where that is more than a
        fifth and more than ten of a kind: applying asks for `allow_mass_delete`, since rows
        deleted by mistake in Excel look just like rows deleted on purpose. Counted as decided:
        records a person keeps are not deleted."""
        deletes = Counter((r.kind_key, r.owner(self.sender.producer)) for r in self.records if r.outcome == Action.DELETE)
        found: dict[str, tuple[int, int]] = {}
        for (kind_key, owner), count in deletes.items():
            live = self.live_records.get((kind_key, owner), 0)
            if count > MASS_DELETE_MIN and count * MASS_DELETE_SHARE > live:
                had, total = found.get(owner, (0, 0))
                found[owner] = (had + count, total + live)
        return found

    def counts(self) -> dict[Action, int]:
        counts = {action: 0 for action in Action}
        for record in self.records:
            counts[record.outcome] += 1
        counts[Action.UNCHANGED] += sum(map(len, self.contents.held_rows.values()))
        counts[Action.REJECTED] += len(self.rejected)
        return counts

    @property
    def has_records(self) -> bool:
        """Whether any row of the file was taken: planned, or held as it is (`BundleContents.held_rows`)."""
        return bool(self.records) or any(self.contents.held_rows.values())

    @property
    def conflicts(self) -> list[PlannedRecord]:
        return [r for r in self.records if r.action == Action.CONFLICT]

    @property
    def undecided(self) -> list[PlannedRecord]:
        return [r for r in self.records if r.undecided]

    def decide_all(self, choice: Choice) -> None:
        for record in self.conflicts:
            record.decide(choice)

    def take_decisions(self, earlier: ImportPlan) -> None:
        """What a person decided and confirmed for `earlier`, a plan of the same file made before
        the register changed: the confirmations, and each conflict's choice where this plan has
        the same conflict (the same record and field, between the same two values; field values are hashable: many-valued
        ones are tuples)."""
        self.trust_confirmed, self.edits_accepted = earlier.trust_confirmed, earlier.edits_accepted
        self.allow_mass_delete = earlier.allow_mass_delete
        decided = {(record.record_id, diff.field, diff.local, diff.incoming): diff.choice
                   for record in earlier.records for diff in record.decidable}
        for record in self.records:
            for diff in record.decidable:
                diff.choice = decided.get((record.record_id, diff.field, diff.local, diff.incoming), diff.choice)

    @property
    def changes(self) -> list[PlannedRecord]:
        return [r for r in self.records if r.changes_register]

    @property
    def has_effect(self) -> bool:
        return self.already_imported_at is None and (bool(self.changes) or bool(self.code_changes))
