"""One import, file to plan: the dry run, which writes nothing.

The import wizard and `bra-desktop import` plan every file with `prepare_import`, then apply the
plans (`batch.py`, `apply.py`). The steps, each in its own module: read the file's Info
(`reader.BundleReader`); start reading what the register holds for the bundle's records
(`snapshot.Snapshot`); read the data sheets, each row by `rows.RowReader`, with the states of the
rows the register holds as they are, which are read no further; plan every other row against the
register (`planner`), where the merge (`merge`) decides each record the rules let the bundle write.
"""

from __future__ import annotations

from pathlib import Path

from bra_desktop.bundle.plan import ImportPlan
from bra_desktop.bundle.planner import Progress, build_plan
from bra_desktop.bundle.reader import BundleReader
from bra_desktop.bundle.schema import DATA_SHEETS
from bra_desktop.bundle.snapshot import Snapshot
from bra_desktop.collector import paused_collection
from bra_desktop.store.keys import trusted_signers
from bra_desktop.store.register import Register


@paused_collection()
def prepare_import(register: Register, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read and plan one file. Writes nothing. `progress` runs once over both steps (reading is
    its first half)."""
    reading = None if progress is None else (lambda done, total: progress(done, 2 * total))
    planning = None if progress is None else (lambda done, total: progress(total + done, 2 * total))
    with register.session() as session:
        signers = trusted_signers(session)
    with BundleReader(path, signers, progress=reading) as bundle, Snapshot(register, bundle.info) as snapshot:
        for sheet in DATA_SHEETS:
            bundle.read_sheet(sheet, as_held=snapshot.as_held(sheet))
        contents = bundle.finish()
        return build_plan(register, contents, progress=planning, snapshot=snapshot)
