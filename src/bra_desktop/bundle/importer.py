"""Importing bundle files from start to end, the way the command line does it.

The import wizard runs the same steps one at a time (read and plan on a worker, a person decides
the conflicts, then apply); this module strings them together for `bra-desktop import`, with a
policy for conflicts instead of a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bra_desktop.bundle.apply import ImportResult, apply_plan
from bra_desktop.bundle.held import ReadAhead
from bra_desktop.bundle.plan import INCOMING, LOCAL, ImportPlan
from bra_desktop.bundle.planner import Progress, as_held, build_plan
from bra_desktop.bundle.reader import read_bundle
from bra_desktop.bundle.report import plan_summary, save_rejected_rows
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.keys import trusted_signers
from bra_desktop.store.register import SERVER_BACKUPS, Register

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
    usable: bool
    """False when nothing of the file could be imported: refused, all rows rejected, conflicts left."""
    plan: ImportPlan | None = None
    result: ImportResult | None = None


def prepare_import(register: Register, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read and plan one file: the dry run. Writes nothing. `progress` runs once over both steps
    (reading is its first half). What the plan needs of the register is read while the file is
    (`ReadAhead`), and rows it holds exactly as they are are read no further (`as_held`)."""
    reading = None if progress is None else (lambda done, total: progress(done, 2 * total))
    planning = None if progress is None else (lambda done, total: progress(total + done, 2 * total))
    with register.session() as session:
        signers = trusted_signers(session)
    with ReadAhead(register) as ahead:
        contents = read_bundle(path, progress=reading, on_info=ahead.start, as_held=partial(as_held, ahead),
                               trusted_signers=signers)
        return build_plan(register, contents, progress=planning, ahead=ahead)


def import_files(
    register: Register, paths: list[Path], *, user: str, dry_run: bool = False, on_conflict: str = "fail",
    rejected_dir: Path | None = None, confirmations: Confirmations = Confirmations(),
) -> list[ImportOutcome]:
    return [_import_one(register, path, user, dry_run, on_conflict, rejected_dir, confirmations) for path in paths]


def _import_one(register: Register, path: Path, user: str, dry_run: bool, on_conflict: str, rejected_dir: Path | None,
                confirmations: Confirmations) -> ImportOutcome:
    try:
        plan = prepare_import(register, path)
    except RegisterError as error:
        return ImportOutcome(path, f"{path.name}: {error.message_sv}", usable=False)
    lines = []
    if plan.rejected and rejected_dir is not None:
        rejected_dir.mkdir(parents=True, exist_ok=True)
        saved = save_rejected_rows(plan.rejected, rejected_dir / f"avvisade_{path.stem}.xlsx")
        lines.append(f"Avvisade rader sparade i {saved}.")
    usable = plan.already_imported_at is not None or plan.has_records or bool(plan.code_changes) or not plan.rejected
    choice = CONFLICT_POLICIES[on_conflict]
    if plan.undecided and choice is not None:
        plan.decide_all(choice)
    confirmations.apply_to(plan)
    summary = plan_summary(plan)
    if dry_run:
        return ImportOutcome(path, "\n".join(["Provläsning: ingenting ändras.", summary, *lines]), usable, plan)
    if plan.undecided:
        lines.append("Ingenting är inläst: avgör konflikterna i programmet, eller ange --on-conflict keep-local "
                     "eller take-incoming.")
        return ImportOutcome(path, "\n".join([summary, *lines]), usable=False, plan=plan)
    if not usable:
        return ImportOutcome(path, "\n".join([summary, "Ingenting kunde läsas in.", *lines]), usable=False, plan=plan)
    if plan.needs_confirmation:
        lines.extend(["Ingenting är inläst:", *plan.needs_confirmation, _HOW_TO_CONFIRM])
        return ImportOutcome(path, "\n".join([summary, *lines]), usable=False, plan=plan)
    try:
        result = apply_plan(register, plan, user=user)
    except RegisterError as error:
        return ImportOutcome(path, "\n".join([summary, f"Ingenting är inläst: {error.message_sv}"]), usable=False, plan=plan)
    if not result.already_imported and result.changed:
        lines.append(f"Inläst: {result.changed} poster ändrade.{_backup_note(register, result)}")
    elif not result.already_imported:
        lines.append("Inläst: registret hade redan allt i paketet; ingenting behövde ändras.")
    return ImportOutcome(path, "\n".join([summary, *lines]), usable=True, plan=plan, result=result)


def _backup_note(register: Register, result: ImportResult) -> str:
    """Where the backup from before an import is; a server register has none of the app's."""
    if result.backup is not None:
        return f" Säkerhetskopia från före importen: {result.backup}."
    return f" {SERVER_BACKUPS[0]}" if register.database_file is None else ""  # else: a file without a backup folder
