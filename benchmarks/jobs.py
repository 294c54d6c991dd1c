"""One measured job per process, run by `benchmarks/run.py`: `python jobs.py JOB ARGS…`.

Each job prints one JSON line: the seconds it measured, the process's peak memory (RSS, MB) and
whatever else it timed. A job runs in a process of its own so that its peak memory is its own and
one job's caches and imports do not flatter the next. The raw baselines (`raw_write`, `raw_read`,
`empty_window`) use the libraries alone, with no app code, on the same cells and the same machine.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import threading
import time
from datetime import date
from functools import partial
from pathlib import Path

USER = "benchmark"
SETTLE_SECONDS = 3.0
"""A person starts typing some seconds after the window appears, not in its first millisecond."""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def report(seconds: float, **extra: float) -> None:
    print(json.dumps({"seconds": seconds, "rss_mb": peak_rss_mb(), **extra}))


def open_at(folder: str):
    from bra_desktop.store.register import open_register

    return open_register(f"sqlite:///{Path(folder) / 'register.sqlite'}", Path(folder) / "backups")


# --- registers ------------------------------------------------------------------------------------


def build(folder: str, activities: str) -> None:
    """Brå's national register with the demo generator (not measured against a baseline)."""
    from bra_desktop.demo import fill_demo_register

    register = open_at(folder)
    register.set_producer("BRA")
    started = time.perf_counter()
    fill_demo_register(register, activities=int(activities), user=USER)
    register.refresh_statistics()
    register.close()
    report(time.perf_counter() - started)


def empty(folder: str, producer: str) -> None:
    """An empty register (migrated, seeded, owned): the template each import run starts from."""
    register = open_at(folder)
    register.set_producer(producer)
    register.close()
    report(0.0)


# --- export ---------------------------------------------------------------------------------------


def export(folder: str, out: str) -> None:
    from bra_desktop.bundle.export import export_bundle

    register = open_at(folder)
    started = time.perf_counter()
    export_bundle(register, Path(out), user=USER)
    report(time.perf_counter() - started)


def raw_write(bundle: str, out: str) -> None:
    """openpyxl's write-only mode writing the bundle's cells, sheet by sheet, with no app code."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(bundle)
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(out)
    report(time.perf_counter() - started)


# --- import ---------------------------------------------------------------------------------------


def raw_read(bundle: str) -> None:
    """python-calamine iterating every row of every sheet, with no app code."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    book = CalamineWorkbook.from_path(bundle)
    cells = 0
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).iter_rows():
            cells += len(row)
    report(time.perf_counter() - started, cells=cells)


def import_empty(bundle: str, template: str, folder: str) -> None:
    """Read, validate, plan and apply the national bundle in an empty county register."""
    from bra_desktop.bundle.apply import apply_plan
    from bra_desktop.bundle.importer import prepare_import

    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template, folder)
    register = open_at(folder)
    started = time.perf_counter()
    plan = prepare_import(register, Path(bundle))
    planned = time.perf_counter()
    plan.trust_confirmed = True  # the county's first bundle from Brå: its coordinator compared the fingerprint
    result = apply_plan(register, plan, user=USER)
    report(time.perf_counter() - started, plan_seconds=planned - started, changed=result.changed)
    register.close()
    shutil.rmtree(folder, ignore_errors=True)


def import_floor(bundle: str, source: str, template: str, folder: str) -> None:
    """The least any import into an empty register can take on these libraries and this design:
    python-calamine reading the file (as `raw_read`), then the rows DESIGN §2 and §4.5 have an
    import write (the records, their link rows, a change-log entry and a sync base each) inserted
    with the database driver's own executemany, in one transaction with the register's pragmas.

    The rows are those of the register that wrote the bundle, fetched before the clock starts, in
    the order of their keys (change-log entries by record, numbered as they are inserted): the
    order an import writes in, and the quickest. No validation, no planning, no conversion of
    values, no app code is timed. A goal below this ratio cannot be met without writing less than
    the design asks for."""
    from sqlite3 import connect

    from python_calamine import CalamineWorkbook

    from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS
    from bra_desktop.domain.models import ChangeLog, SyncBase

    kinds = [KINDS[key] for key in DEPENDENCY_ORDER]
    tables = [kind.table for kind in kinds]
    tables += [spec.link.table for kind in kinds for spec in kind.multi_fields if spec.link]
    tables += [SyncBase, ChangeLog]
    with connect(Path(source) / "register.sqlite") as reading:
        rows = {}
        for table in tables:
            name, key = table.__tablename__, [column.name for column in table.__table__.primary_key.columns]
            if table is ChangeLog:
                key = ["table_name", "record_id"]
            rows[name] = reading.execute(f'SELECT * FROM "{name}" ORDER BY {", ".join(key)}').fetchall()
    rows[ChangeLog.__tablename__] = [(None, *row[1:]) for row in rows[ChangeLog.__tablename__]]  # numbered anew
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template, folder)
    register = open_at(folder)  # the register's pragmas: WAL, synchronous=FULL, foreign keys
    connection = register.engine.raw_connection()
    cursor = connection.cursor()
    started = time.perf_counter()
    book = CalamineWorkbook.from_path(bundle)
    for name in book.sheet_names:
        for _row in book.get_sheet_by_name(name).iter_rows():
            pass
    for table, table_rows in rows.items():
        if table_rows:
            marks = ", ".join("?" * len(table_rows[0]))
            cursor.executemany(f'INSERT INTO "{table}" VALUES ({marks})', table_rows)
    connection.commit()
    seconds = time.perf_counter() - started
    written = sum(map(len, rows.values()))
    connection.close()
    register.close()
    shutil.rmtree(folder, ignore_errors=True)
    report(seconds, rows=written)


def plan_unchanged(bundle: str, folder: str) -> None:
    """The dry run of a re-import: the register that wrote the bundle already holds all of it."""
    from bra_desktop.bundle.importer import prepare_import
    from bra_desktop.bundle.plan import Action

    register = open_at(folder)
    started = time.perf_counter()
    plan = prepare_import(register, Path(bundle))
    seconds = time.perf_counter() - started
    counts = plan.counts()
    records = sum(counts.values())
    assert counts[Action.UNCHANGED] == records, counts
    report(seconds, records=records, held=sum(map(len, plan.contents.held_rows.values())))


# --- the window -----------------------------------------------------------------------------------


def empty_window(launched: str) -> None:
    """The baseline: an empty PySide6 window, from process start to its first paint."""
    show_empty_window(launched)


def window_floor(launched: str) -> None:
    """The least any window on the register can take on these libraries: an empty PySide6 window
    that first imports what every query of the register needs (SQLAlchemy, SQLModel and the
    register's tables), and does nothing else: no register opened, no query, no widget of the app."""
    import sqlalchemy  # noqa: F401
    import sqlmodel  # noqa: F401

    import bra_desktop.domain.models  # noqa: F401

    show_empty_window(launched)


def show_empty_window(launched: str) -> None:
    """An empty 1200×800 window shown until its first paint; reports the time since `launched`."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1200, 800)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    report(time.time() - float(launched))


def window(folder: str, launched: str, template: str) -> None:
    """The app as a person starts it, on the register in `folder`: from process start to the first
    painted table; then a search keystroke, a filter change and scrolling to the end, each until
    the table has painted again; then the longest the UI thread went without an event while an
    export and an import ran on the worker (`ui_stall`; `template` is the empty county register
    the export is also planned into)."""
    # in the order `bra-desktop` imports them: the register layer before Qt, whose import hook
    # looks at the source of every module imported after it (an eighth of a second for SQLAlchemy's)
    from bra_desktop.cli import main as start_app  # noqa: I001 (this order on purpose)
    from bra_desktop.context import AppContext  # noqa: F401
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    measured: dict[str, float] = {}
    original_exec = QApplication.exec

    def measure(application: QApplication) -> int:
        from bra_desktop.ui.main_window import MainWindow

        main = next(w for w in application.topLevelWidgets() if isinstance(w, MainWindow))
        section = main.current_section()
        viewport = section.table.viewport()
        painted = {"count": 0, "since": 0.0}

        class Painted(QObject):
            def eventFilter(self, watched, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint:  # counted once the paint (and its data) is done
                    began = time.perf_counter()
                    QTimer.singleShot(0, lambda: began >= painted["since"] and painted.update(
                        count=painted["count"] + 1, at=time.perf_counter()))
                return False

        watcher = Painted()
        viewport.installEventFilter(watcher)

        def until_painted(after: int) -> None:
            """Until the table has painted again, or clearly has nothing to repaint (a search that
            gave the same rows changes nothing on screen)."""
            give_up = time.perf_counter() + 0.5
            application.processEvents()
            while painted["count"] <= after and time.perf_counter() < give_up:
                application.processEvents()

        def first_paint() -> None:
            measured["first_paint"] = time.time() - float(launched)
            settle = time.perf_counter() + SETTLE_SECONDS
            while time.perf_counter() < settle:
                application.processEvents()
                time.sleep(0.01)
            measured["rows"] = section.proxy.rowCount()  # every row by now: a large table paints its first ones first
            step(section, application, until_painted, painted, measured)
            ui_stall(main, folder, template, application, measured)
            main.close()
            application.quit()

        def wait_first() -> None:
            if painted["count"] == 0:
                QTimer.singleShot(1, wait_first)
            else:
                first_paint()

        QTimer.singleShot(0, wait_first)
        return original_exec()

    QApplication.exec = measure
    start_app(["--data-dir", folder])
    report(measured.pop("first_paint"), **measured)


def step(section, application, until_painted, painted, measured: dict[str, float]) -> None:
    """Keystroke (search), filter change, scrolling to the end and sorting by another column, each
    to the repainted table; and each keystroke until its search has found every row."""
    from PySide6.QtCore import Qt

    from bra_desktop.store.queries import ORIGIN, YEAR

    def timed(action) -> float:
        """From the keystroke to the repainted table (or, if nothing needed repainting, to the end
        of the work the keystroke caused)."""
        before = painted["count"]
        started = time.perf_counter()
        painted["since"] = started  # a paint that began before the keystroke is not its answer
        action()
        worked = time.perf_counter()
        until_painted(before)
        return (painted["at"] if painted["count"] > before else worked) - started

    searches, whole = [], []
    answered = {}  # the count is told once a search has found every row
    section.model.sig_count_changed.connect(lambda _count: answered.update(at=time.perf_counter()))
    for text in ("t", "tr", "try", "tryg", ""):
        started = time.perf_counter()
        searches.append(timed(lambda text=text: section.proxy.set_search(text)))
        while section.model.searching:  # a long search shows its first rows, then finds the rest
            application.processEvents()
        whole.append(answered["at"] - started)
    measured["search_keystroke_max"] = max(searches)
    measured["search_whole_max"] = max(whole)
    filters = []
    # a year, a status (a column no index serves with the sort), a county, a municipality (a link
    # table), each chosen and then cleared again
    for key, choices in ((YEAR, (1, 2, 0)), ("status", (1, 0)), (ORIGIN, (2, 0)), ("municipalities", (1, 0))):
        combo = section.filter_combos[key]
        filters += [timed(lambda combo=combo, index=index: combo.setCurrentIndex(index)) for index in choices]
    measured["filter_change_max"] = max(filters)
    measured["scroll_to_end"] = timed(section.table.scrollToBottom)
    # a click on each column's header once the table has read ahead what its records sort by, and
    # back to the sort the table started with (kept between runs)
    while any(thread.name.startswith("listing-") for thread in threading.enumerate()):
        application.processEvents()
        time.sleep(0.01)
    model, header = section.model, section.table.horizontalHeader()
    started_with = (model.sort_column(), header.sortIndicatorOrder())
    measured["sort_change_max"] = max(
        timed(lambda column=column: section.table.sortByColumn(column, Qt.SortOrder.AscendingOrder))
        for column in range(model.columnCount()) if column != started_with[0])
    section.table.sortByColumn(*started_with)


def ui_stall(main, folder: str, template: str, application, measured: dict[str, float]) -> None:
    """Export, then plan its import, on the app's worker while a 5 ms timer measures the UI thread:
    back into the register it came from (every row held as it is) and into a copy of the empty
    county register `template` (every row a new record, the largest plan). Each plan is then let
    go as the import wizard lets it go when it closes."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from bra_desktop.bundle.export_process import export_in_process
    from bra_desktop.bundle.importer import prepare_import
    from bra_desktop.bundle.release import release_in_pieces
    from bra_desktop.ui.operations import Operation

    register = main.service.register
    out = Path(folder) / "stall-check.xlsx"
    clock = QElapsedTimer()
    longest = {"gap": 0}
    last = {"at": 0}

    def tick() -> None:
        now = clock.elapsed()
        longest["gap"] = max(longest["gap"], now - last["at"])
        last["at"] = now

    export = partial(export_in_process, register.url, register.backup_dir, out, user=USER)  # as the app exports
    empty_folder = Path(folder) / "stall-empty"
    shutil.rmtree(empty_folder, ignore_errors=True)
    shutil.copytree(template, empty_folder)
    empty_register = open_at(str(empty_folder))
    for name, job in (("export", lambda progress, _c: export(progress=progress)),
                      ("import_plan", lambda progress, _c: prepare_import(register, out, progress)),
                      ("import_new_plan", lambda progress, _c: prepare_import(empty_register, out, progress))):
        done = {"flag": False}
        kept: list[object] = []
        operation = Operation(job)
        operation.sig_succeeded.connect(kept.append)  # as the wizard keeps the plan it shows
        operation.sig_finished.connect(lambda: done.update(flag=True))
        operation.sig_failed.connect(lambda error, name=name: sys.exit(f"{name} failed on the worker: {error!r}"))
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        longest["gap"] = 0
        clock.start()
        last["at"] = 0
        timer.start()
        operation.start()
        while not done["flag"]:
            application.processEvents()
            time.sleep(0.001)
        if name != "export":  # and lets it go when it closes: the national plan is freed too
            releasing = release_in_pieces(kept.pop())
            while releasing.is_alive():
                application.processEvents()
                time.sleep(0.001)
        timer.stop()
        measured[f"ui_max_block_ms_{name}"] = float(longest["gap"])
    empty_register.close()
    shutil.rmtree(empty_folder, ignore_errors=True)
    out.unlink(missing_ok=True)


# --- figures --------------------------------------------------------------------------------------


def figures(folder: str, which: str) -> None:
    """The dashboard's figures for the whole country: the latest year, or every year. First read
    as after migration 0008 or an undone import, with nothing counted or kept yet: the activity
    tally counted from nothing (`tally_seconds`), then the figures, which take the states of the
    ended years (`first_seconds`, the tally included). Then timed as every later Översikt reads
    them (`seconds`)."""
    from bra_desktop.reports.figures import available_years, year_figures
    from bra_desktop.store import tally, year_end

    register = open_at(folder)
    with register.session() as session:
        tally.forget(session)
        year_end.forget(session)
        session.commit()
        years = available_years(session)
        chosen = years if which == "all" else [max(y for y in years if y <= date.today().year)]
        started = time.perf_counter()
        tally.bring_up_to_date(session)
        tally_seconds = time.perf_counter() - started
        for year in chosen:
            year_figures(session, year)
        session.commit()
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for year in chosen:
            year_figures(session, year)
        seconds = time.perf_counter() - started
    report(seconds, years=len(chosen), tally_seconds=tally_seconds, first_seconds=first_seconds)


JOBS = {
    "build": build, "empty": empty, "export": export, "raw_write": raw_write, "raw_read": raw_read,
    "import_empty": import_empty, "import_floor": import_floor, "plan_unchanged": plan_unchanged,
    "empty_window": empty_window, "window_floor": window_floor, "window": window, "figures": figures,
}

if __name__ == "__main__":
    JOBS[sys.argv[1]](*sys.argv[2:])
