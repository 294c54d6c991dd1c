"""Reading and planning one bundle file: the dry run, which writes nothing.

The import wizard and `bra-desktop import` plan every file with `prepare_import`, then apply the
plans (`batch.py`); tests and benchmarks use it for one file.
"""

from __future__ import annotations

from pathlib import Path

from bra_desktop.bundle.held import ReadAhead
from bra_desktop.bundle.plan import ImportPlan
from bra_desktop.bundle.planner import Progress, build_plan
from bra_desktop.bundle.reader import read_bundle
from bra_desktop.store.keys import trusted_signers
from bra_desktop.store.register import Register


def prepare_import(register: Register, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read and plan one file: the dry run. Writes nothing. `progress` runs once over both steps
    (reading is its first half). What the plan needs of the register is read while the file is
    (`ReadAhead`), and rows it holds exactly as they are are read no further (`ReadAhead.as_held`)."""
    reading = None if progress is None else (lambda done, total: progress(done, 2 * total))
    planning = None if progress is None else (lambda done, total: progress(total + done, 2 * total))
    with register.session() as session:
        signers = trusted_signers(session)
    with ReadAhead(register) as ahead:
        contents = read_bundle(path, progress=reading, on_info=ahead.start, as_held=ahead.as_held,
                               trusted_signers=signers)
        return build_plan(register, contents, progress=planning, ahead=ahead)
