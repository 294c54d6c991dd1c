"""Importing many bundle files at once, as the import wizard and `bra-desktop import` both do.

Brå reads every county's bundle in one go. Every file is read and planned before any is applied
(`plan_files`), so that a person (the wizard's overview) or a policy (the command line) decides on
the whole batch from what each file would do. A file that cannot be read becomes an entry with its
error, not a stop; a bundle chosen twice is imported from its first entry only. Then the files to
import are applied in list order (`apply_files`), one transaction each, each with its own backup,
receipt and undo. A file whose records changed since it was planned (an earlier file of the batch
touched them, or a colleague on a shared register) is planned again and applied when the new plan
asks nothing new of anyone (`apply_current`); a file refused does not stop the others.

`import_files` is the command line's batch: the same steps, with a policy for conflicts and the
confirmations given beforehand instead of a person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum, auto
from pathlib import Path

from bra_desktop.bundle.apply import ImportResult, StalePlan, apply_plan
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.bundle.plan import INCOMING, LOCAL, ImportPlan
from bra_desktop.bundle.report import plan_summary, save_rejected_rows
from bra_desktop.domain.words import counted
from bra_desktop.progress import Cancelled, JobCancelled, Progress
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.queries import origin_names
from bra_desktop.store.register import SERVER_BACKUPS, Register

log = logging.getLogger(__name__)

FILE_STEPS = 1000
"""Progress units per file: the bar runs over all files, and its value says which file is read."""

Outcome = ImportResult | Exception | None
"""What applying one file came to: its result, why it was refused, or None if not reached."""


class State(Enum):
    """Where a file stands before applying, in the order `BatchEntry.state` checks."""

    UNREADABLE = auto()
    ALREADY_IMPORTED = auto()
    SAME_BUNDLE = auto()
    NOTHING_READABLE = auto()
    CONFLICTS = auto()
    TO_CONFIRM = auto()
    """A new sender, a file edited after signing or many deletes: to be confirmed first."""
    READY = auto()


@dataclass
class BatchEntry:
    """One chosen file: its plan or why it could not be read, and what became of it."""

    path: Path
    plan: ImportPlan | None = None
    error: Exception | None = None
    producer_name: str = ""
    """The sender as a person says it: "Skåne län", "Brå"."""
    wanted: bool = True
    """Whether the person wants the file imported; it counts only while the file can be."""
    same_as: int | None = None
    """The earlier entry (0-based) holding the same file, which is the one imported."""
    outcome: Outcome = None
    """After applying: the result, or why this file was refused."""
    applied: bool = False
    """Applying was tried (the outcome is this file's own)."""

    @property
    def state(self) -> State:
        plan = self.plan
        if plan is None:
            return State.UNREADABLE
        if plan.already_imported_at is not None:
            return State.ALREADY_IMPORTED
        if self.same_as is not None:
            return State.SAME_BUNDLE
        if not plan.has_records and not plan.code_changes and plan.rejected:
            return State.NOTHING_READABLE
        if plan.undecided:
            return State.CONFLICTS
        if plan.needs_confirmation:
            return State.TO_CONFIRM
        return State.READY

    @property
    def checked(self) -> bool:
        """Whether the file is imported when the batch is applied."""
        return self.wanted and self.state is State.READY

    @property
    def file_sha256(self) -> str | None:
        return self.plan.contents.file_sha256 if self.plan is not None else None


def plan_files(register: Register, paths: list[Path], progress: Progress | None = None) -> list[BatchEntry]:
    """Read and plan every file, one after another; writes nothing. A file that cannot be read gets
    its error; `JobCancelled` (raised by `progress`) stops the whole reading."""
    with register.session() as session:
        names = origin_names(session)
    whole = len(paths) * FILE_STEPS
    entries = []
    for n, path in enumerate(paths):
        if progress is not None:
            progress(n * FILE_STEPS, whole)
        try:
            plan = prepare_import(register, path, None if progress is None else _within(progress, n * FILE_STEPS, whole))
        except JobCancelled:
            raise
        except Exception as error:  # this file's problem, said in its entry; the other files go on
            if not isinstance(error, RegisterError):
                log.error("Reading %s failed", path, exc_info=error)
            entries.append(BatchEntry(path, error=error, wanted=False))
        else:
            info = plan.contents.info
            entries.append(BatchEntry(path, plan, producer_name=names.get(info.producer, info.producer_name)))
    _mark_same_bundles(entries)
    return entries


def _within(progress: Progress, start: int, whole: int) -> Progress:
    """A file's own progress as its share of the batch's bar, which starts at `start`."""
    return lambda done, total: progress(start + (min(done, total) * FILE_STEPS // total if total > 0 else 0), whole)


def _mark_same_bundles(entries: list[BatchEntry]) -> None:
    """A file chosen twice (two copies of one e-mail attachment) is imported from its first entry
    only. A corrected copy of a bundle is another file: it is read, after the first."""
    first: dict[str, int] = {}
    for row, entry in enumerate(entries):
        digest = entry.file_sha256
        if digest is None:
            continue
        if digest in first:
            entry.same_as = first[digest]
            entry.wanted = False
        else:
            first[digest] = row


def apply_files(register: Register, plans: list[ImportPlan], user: str, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> list[Outcome]:
    """Apply the plans in order, one transaction each. A refused file does not stop the others;
    `cancelled` (or `JobCancelled` from `progress`) stops before the next file, and the files
    applied stay applied."""
    outcomes: list[Outcome] = [None] * len(plans)
    for n, plan in enumerate(plans):
        if cancelled is not None and cancelled():
            break
        try:
            if progress is not None:
                progress(n, len(plans))
        except JobCancelled:
            break
        try:
            outcomes[n] = apply_current(register, plan, user)
        except Exception as error:  # nothing of this file was written (one transaction)
            if not isinstance(error, RegisterError):
                log.error("Importing %s failed", plan.contents.path, exc_info=error)
            outcomes[n] = error
    return outcomes


def apply_current(register: Register, plan: ImportPlan, user: str) -> ImportResult:
    """Apply `plan`; if its records changed since it was made, plan the file again and apply that
    when it asks nothing new: no conflict the person did not decide, no confirmation not given.
    Otherwise the file is refused (`StalePlan`) and a person reads it again."""
    try:
        return apply_plan(register, plan, user=user)
    except StalePlan:
        again = prepare_import(register, plan.contents.path)
        if again.contents.file_sha256 != plan.contents.file_sha256:  # the file itself changed: not what was shown
            raise
        again.take_decisions(plan)
        if again.undecided or again.needs_confirmation:
            raise
        return replace(apply_plan(register, again, user=user), replanned=True)


# --- the command line's batch: a policy and confirmations given beforehand instead of a person --------

CONFLICT_POLICIES = {"keep-local": LOCAL, "take-incoming": INCOMING, "fail": None}


@dataclass(frozen=True)
class Confirmations:
    """What the person running `import` confirmed beforehand (the wizard asks for each file)."""

    trusted_fingerprints: frozenset[str] = frozenset()
    """Fingerprints of new senders' keys, compared with the senders (`--trust-sender`)."""
    accept_edited: bool = False
    allow_mass_delete: bool = False

    def apply_to(self, plan: ImportPlan) -> None:
        compared = {_plain(fingerprint) for fingerprint in self.trusted_fingerprints}
        plan.trust_confirmed = _plain(plan.sender.fingerprint) in compared
        plan.edits_accepted = self.accept_edited
        plan.allow_mass_delete = self.allow_mass_delete


def _plain(fingerprint: str) -> str:
    return "".join(fingerprint.split()).upper()


_HOW_TO_CONFIRM = ("Bekräfta med --trust-sender FINGERAVTRYCK (en ny avsändare), --accept-edited (ändrad efter "
                   "signering) eller --allow-mass-delete (många borttagna poster).")


@dataclass
class ImportOutcome:
    path: Path
    text: str
    imported: bool
    """Whether the file's content is in the register: applied, read before, or the same file as
    an earlier file of the batch (a dry run: whether it would be)."""
    plan: ImportPlan | None = None
    result: ImportResult | None = None


def import_files(
    register: Register, paths: list[Path], *, user: str, dry_run: bool = False, on_conflict: str = "fail",
    rejected_dir: Path | None = None, confirmations: Confirmations = Confirmations(),
) -> list[ImportOutcome]:
    """`bra-desktop import`: the batch the wizard makes of the same files, decided by `on_conflict`
    and `confirmations`, then applied in order (unless `dry_run`)."""
    entries = plan_files(register, paths)
    notes = [_decide(entry, on_conflict, rejected_dir, confirmations) for entry in entries]
    if not dry_run:
        chosen = [entry for entry in entries if entry.checked]
        for entry, outcome in zip(chosen, apply_files(register, [e.plan for e in chosen if e.plan], user)):
            entry.outcome, entry.applied = outcome, True
    return [_outcome(register, entry, lines, dry_run, entries) for entry, lines in zip(entries, notes)]


def _decide(entry: BatchEntry, on_conflict: str, rejected_dir: Path | None, confirmations: Confirmations) -> list[str]:
    """Decide a planned file as the command line was told to; what was done on the way (the
    rejected rows saved)."""
    plan, lines = entry.plan, []
    if plan is None:
        return lines
    if plan.rejected and rejected_dir is not None:
        rejected_dir.mkdir(parents=True, exist_ok=True)
        saved = save_rejected_rows(plan.rejected, rejected_dir / f"avvisade_{entry.path.stem}.xlsx")
        lines.append(f"Avvisade rader sparade i {saved}.")
    choice = CONFLICT_POLICIES[on_conflict]
    if plan.undecided and choice is not None:
        plan.decide_all(choice)
    confirmations.apply_to(plan)
    return lines


def _outcome(register: Register, entry: BatchEntry, lines: list[str], dry_run: bool,
             entries: list[BatchEntry]) -> ImportOutcome:
    plan, state, name = entry.plan, entry.state, entry.path.name
    if plan is None:
        error = entry.error
        why = error.message_sv if isinstance(error, RegisterError) else f"oväntat fel ({error}); detaljer finns i loggen"
        return ImportOutcome(entry.path, f"{name}: {why}", imported=False)
    summary = plan_summary(plan)
    if state is State.SAME_BUNDLE:
        first = entries[entry.same_as or 0]
        taken = first.state is State.ALREADY_IMPORTED or isinstance(first.outcome, ImportResult) or (
            dry_run and first.state is not State.NOTHING_READABLE)
        return ImportOutcome(entry.path, f"{name}: samma fil som {first.path.name}, som läses in i dess ställe.",
                             taken, plan)
    if dry_run:
        readable = state is not State.NOTHING_READABLE
        return ImportOutcome(entry.path, "\n".join(["Provläsning: ingenting ändras.", summary, *lines]), readable, plan)
    if state is State.ALREADY_IMPORTED:
        return ImportOutcome(entry.path, "\n".join([summary, *lines]), True, plan)
    if state is State.CONFLICTS:
        lines.append("Ingenting är inläst: avgör konflikterna i programmet, eller ange --on-conflict keep-local "
                     "eller take-incoming.")
    elif state is State.NOTHING_READABLE:
        lines.insert(0, "Ingenting kunde läsas in.")
    elif state is State.TO_CONFIRM:
        lines.extend(["Ingenting är inläst:", *(ask.sv for ask in plan.needs_confirmation), _HOW_TO_CONFIRM])
    elif isinstance(entry.outcome, ImportResult):
        result = entry.outcome
        if result.replanned:
            lines.append("Registret hade ändrats sedan filen planerades: den planerades på nytt och lästes in så.")
        lines.append(f"Inläst: {counted(result.changed, 'post ändrad', 'poster ändrade')}.{_backup_note(register, result)}"
                     if result.changed
                     else "Inläst: registret hade redan allt i paketet; ingenting behövde ändras.")
        return ImportOutcome(entry.path, "\n".join([summary, *lines]), True, plan, result)
    else:
        error = entry.outcome
        why = error.message_sv if isinstance(error, RegisterError) else f"oväntat fel ({error}); detaljer finns i loggen"
        lines.append(f"Ingenting är inläst: {why}")
    return ImportOutcome(entry.path, "\n".join([summary, *lines]), False, plan)


def _backup_note(register: Register, result: ImportResult) -> str:
    """Where the backup from before an import is; a server register has none of the app's."""
    if result.backup is not None:
        return f" Säkerhetskopia från före importen: {result.backup}."
    return f" {SERVER_BACKUPS[0]}" if register.database_file is None else ""  # else: a file without a backup folder
