"""Import history and undoing a whole import in one step.

An import is undone by restoring the backup taken just before it, which puts back every record,
link, base and code exactly as they were. That is only right while nothing has happened since, so
undo is refused once anything was edited, imported or exported after it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bra_desktop.domain.models import BundleReceipt, ChangeLog
from bra_desktop.store.backup import restore_database
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.register import Register, open_register


def import_history(register: Register) -> list[BundleReceipt]:
    """Imported bundles, newest first."""
    with register.session() as session:
        query = select(BundleReceipt).where(BundleReceipt.direction == "import").order_by(BundleReceipt.processed_at.desc())
        return list(session.scalars(query))


def can_undo(register: Register, receipt_id: int) -> str | None:
    """None if the import can be undone now, else the reason why not (Swedish)."""
    with register.session() as session:
        receipt = session.get(BundleReceipt, receipt_id)
        if receipt is None or receipt.direction != "import":
            return "Importen finns inte i historiken."
        if receipt.undone:
            return "Importen är redan ångrad."
        if (session.scalar(select(func.max(ChangeLog.id))) or 0) != receipt.last_change_id:
            return "Registret har ändrats efter importen; den kan inte längre ångras i ett steg."
        later = session.scalar(select(func.count()).select_from(BundleReceipt).where(BundleReceipt.id > receipt.id))
        if later:
            return "Ett annat paket har lästs in eller skrivits efter importen; den kan inte längre ångras i ett steg."
        if receipt.backup_file and not Path(receipt.backup_file).exists():
            return "Säkerhetskopian från före importen finns inte längre."
    if receipt.backup_file and register.database_file is None:
        return "Importer i ett register på en databasserver ångras av databasadministratören."
    return None


def undo_import(register: Register, receipt_id: int) -> Register:
    """Undo an import; closes `register` and returns the register reopened as it was before."""
    reason = can_undo(register, receipt_id)
    if reason is not None:
        raise RegisterError(reason)
    with register.session() as session:
        receipt = session.get(BundleReceipt, receipt_id)
        session.expunge(receipt)
    if receipt.backup_file:
        assert register.database_file is not None and register.backup_dir is not None
        register.close()
        restore_database(register.database_file, Path(receipt.backup_file), register.backup_dir)
        register = open_register(register.url, register.backup_dir)
    with register.session() as session:
        receipt.undone = True
        session.merge(receipt)
        session.commit()
    return register
