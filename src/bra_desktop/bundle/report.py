"""What an import will do or did, for people: a Swedish summary, and xlsx files to keep or fix.

`plan_summary` is printed by `bra-desktop import`, shown by the import wizard and stored in the
receipt. `save_rejected_rows` writes the rows that could not be imported with their problems
beside them, in the bundle's own columns, to fix and send again. `save_plan_report` writes the whole
preview (every change with its field-level diff, conflicts and problems) for the record.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from bra_desktop.bundle.cells import text_cell
from bra_desktop.bundle.plan import DELETED_FIELD, Action, ImportPlan, PlannedRecord
from bra_desktop.bundle.rows import RejectedRow
from bra_desktop.bundle.schema import DATA_SHEETS
from bra_desktop.bundle.trust import Sender
from bra_desktop.domain.fields import KINDS

_BOLD = Font(bold=True)
_PROBLEM = PatternFill("solid", fgColor="F8D7DA")


def field_label(kind_key: str, name: str, language: str = "sv") -> str:
    if name == DELETED_FIELD:
        return "Deleted" if language == "en" else "Borttagen"
    return KINDS[kind_key].field(name).label(language)


def display(value: Any, language: str = "sv") -> str:
    if value is None or value == ():
        return "–"
    if isinstance(value, bool):
        return ("yes" if value else "no") if language == "en" else ("ja" if value else "nej")
    if isinstance(value, tuple):
        return "; ".join(value)
    return str(value)


def _signer(sender: Sender, english: bool) -> str:
    if sender.own:
        return "this register's own key" if english else "det här registrets egen nyckel"
    if sender.first_contact:
        return (f"a key the register does not yet trust for {sender.name}" if english else
                f"en nyckel som registret ännu inte litar på för {sender.name}")
    return f"the key the register trusts for {sender.name}" if english else f"den nyckel registret litar på för {sender.name}"


def plan_summary(plan: ImportPlan, language: str = "sv") -> str:
    """What the plan does, in lines: the receipt keeps it in Swedish, the window shows it in its
    language. (The problems of rows are said in Swedish, as the reader says them.)"""
    info, sender = plan.contents.info, plan.sender
    en = language == "en"
    made = f"{info.created_at:%Y-%m-%d %H:%M}"
    lines = [
        (f"Bundle {plan.contents.path.name} from {sender.name}, made {made} UTC according to the sender, scope "
         f"{info.scope}, contact details {'yes' if info.personal_data else 'no'}.") if en else
        (f"Paket {plan.contents.path.name} från {sender.name}, skapat {made} UTC enligt avsändaren, omfång {info.scope}, "
         f"kontaktuppgifter {'ja' if info.personal_data else 'nej'}."),
        (f"Signed with {_signer(sender, en)}, fingerprint {sender.fingerprint}{'; changed after signing' if sender.edited else ''}."
         if en else
         f"Signerat med {_signer(sender, en)}, fingeravtryck {sender.fingerprint}{'; ändrat efter signering' if sender.edited else ''}."),
    ]
    if plan.already_imported_at is not None:
        when = f"{plan.already_imported_at:%Y-%m-%d %H:%M}"
        lines.append(f"The bundle was already imported ({when} UTC). Nothing changes." if en else
                     f"Paketet är redan inläst ({when} UTC). Ingenting ändras.")
        return "\n".join(lines)
    counts = plan.counts()
    lines.append(", ".join(f"{action.label_en if en else action.label_sv}: {counts[action]}" for action in Action))
    if plan.code_changes:
        described = "; ".join(c.describe(language) for c in plan.code_changes[:5]) + (" …" if len(plan.code_changes) > 5 else "")
        lines.append(f"Code lists: {len(plan.code_changes)} changes ({described})." if en else
                     f"Kodlistor: {len(plan.code_changes)} ändringar ({described}).")
    for record in plan.conflicts:
        kind = KINDS[record.kind_key]
        fields = ", ".join(field_label(record.kind_key, d.field, language) for d in record.conflicts)
        if en:
            state = "decided" if not record.undecided else "to decide"
            lines.append(f"Conflict ({state}): {kind.label_en} «{record.title}» – {fields}.")
        else:
            state = "avgjord" if not record.undecided else "att avgöra"
            lines.append(f"Konflikt ({state}): {kind.label_sv} «{record.title}» – {fields}.")
    for warning in plan.warnings:
        lines.append(f"{'Warning' if en else 'Varning'}: {warning}")
    for row in plan.rejected:
        for problem in row.problems:
            lines.append(f"{'Rejected' if en else 'Avvisad'}: {problem}")
    return "\n".join(lines)


def _autosize(ws: Any, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def save_rejected_rows(rejected: list[RejectedRow], path: Path) -> Path:
    """Each rejected row in its own sheet's columns, with a first column saying what is wrong."""
    book = Workbook()
    book.remove(book.active)
    by_sheet: dict[str, list[RejectedRow]] = defaultdict(list)
    for row in rejected:
        by_sheet[row.sheet.name].append(row)
    for sheet in DATA_SHEETS:
        rows = by_sheet.get(sheet.name)
        if not rows:
            continue
        ws = book.create_sheet(sheet.name)
        labels = [c.label_sv for c in sheet.columns]
        ws.append(["Problem", "Rad i filen", *labels])
        for cell in ws[1]:
            cell.font = _BOLD
        for row in sorted(rows, key=lambda r: r.row):
            problems = "\n".join(f"{p.column + ': ' if p.column else ''}{p.message}" for p in row.problems)
            _append(ws, [problems, row.row, *(row.values.get(label) for label in labels)])
            ws.cell(ws.max_row, 1).fill = _PROBLEM
        _autosize(ws, [50, 10, *(c.width for c in sheet.columns)])
    if not book.worksheets:
        book.create_sheet("Avvisade").append(["Inga rader avvisades."])
    book.save(path)
    return path


def _append(ws: Any, values: list[Any]) -> None:
    """Append a row, its text in text cells (`cells.text_cell`): whatever a stranger's file held,
    it is written, and none of it as a formula."""
    ws.append([text_cell(ws, value) if isinstance(value, str) else value for value in values])


def save_plan_report(plan: ImportPlan, path: Path) -> Path:
    book = Workbook()
    summary = book.active
    summary.title = "Sammanfattning"
    for line in plan_summary(plan).splitlines():
        _append(summary, [line])
    summary.column_dimensions["A"].width = 120
    changes = book.create_sheet("Ändringar")
    changes.append(["Typ", "Rubrik", "id", "Åtgärd", "Fält", "I registret", "I filen", "Senast utbytt", "Val", "Notering"])
    for record in plan.records:
        if record.action == Action.UNCHANGED:
            continue
        for diff_row in _diff_rows(record):
            _append(changes, diff_row)
    rejected = book.create_sheet("Avvisade")
    rejected.append(["Flik", "Rad", "Kolumn", "Problem"])
    for row in plan.rejected:
        for problem in row.problems:
            _append(rejected, [problem.sheet, problem.row, problem.column, problem.message])
    for ws, widths in ((changes, [14, 40, 38, 18, 22, 30, 30, 30, 10, 30]), (rejected, [16, 8, 22, 70])):
        for cell in ws[1]:
            cell.font = _BOLD
        _autosize(ws, widths)
    book.save(path)
    return path


def _diff_rows(record: PlannedRecord) -> list[list[Any]]:
    kind = KINDS[record.kind_key]
    head = [kind.label_sv, record.title, record.record_id, record.action.label_sv]
    notes = "; ".join(record.notes)
    if not record.diffs:
        return [[*head, "", "", "", "", "", notes]]
    choice = {"local": "din", "incoming": "filens", None: "att avgöra"}
    return [
        [*head, field_label(record.kind_key, d.field), display(d.local), display(d.incoming),
         display(d.base), choice[d.choice], notes]
        for d in record.diffs
    ]
