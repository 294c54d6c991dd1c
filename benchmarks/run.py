"""`make bench`: national scale, measured as ratios against raw baselines run on the same machine.

For each size (20,000 and 200,000 activities by default) this builds Brå's national register with
the demo generator, then runs every job of `jobs.py` in a fresh process, `--repeat` times, and takes
the median: export vs openpyxl writing the same cells; import into an empty register and the plan of
an all-unchanged re-import vs python-calamine reading the file; the main window's first painted table
vs an empty PySide6 window; search, filter and scrolling; the dashboard's figures; the peak memory of
each. Where a goal may lie below what the fixed libraries and the design allow, a floor job measures
that least cost the same way (`jobs.import_floor`, `jobs.window_floor`). It prints a table with the
goals (issues 7 and 21), their floors, and writes `benchmarks/results.json`.

    python benchmarks/run.py [--sizes 20000 200000] [--repeat 3] [--repeat-largest N] [--work DIR]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
JOBS = HERE / "jobs.py"


@dataclass(frozen=True)
class Goal:
    """A measured value, the baseline it is divided by, and the largest ratio allowed (None: report only)."""

    name: str
    value: str
    baseline: str | None
    limit: float | None
    unit: str = "×"
    floor: str | None = None
    """A job that does only what the fixed libraries and the design cannot do without (see
    `jobs.import_floor`, `jobs.window_floor`), measured the same way: the least the app could
    reach. A goal whose limit lies below its floor cannot be met by better code alone."""


GOALS = (
    Goal("export ≤ 1.3× raw writer", "export.seconds", "raw_write.seconds", 1.3),
    Goal("import into empty ≤ 1.3× its floor", "import_empty.seconds", "import_floor.seconds", 1.3),
    Goal("plan of unchanged re-import ≤ 1.5× raw read", "plan_unchanged.seconds", "raw_read.seconds", 1.5),
    Goal("first painted table ≤ 4× empty window", "window.seconds", "empty_window.seconds", 4.0,
         floor="window_floor.seconds"),
    Goal("search keystroke ≤ 100 ms", "window.search_keystroke_max", None, 0.1, "s"),
    Goal("search, every row found", "window.search_whole_max", None, None, "s"),
    Goal("filter change ≤ 100 ms", "window.filter_change_max", None, 0.1, "s"),
    Goal("scroll to the end", "window.scroll_to_end", None, None, "s"),
    Goal("sort by another column, once read ahead", "window.sort_change_max", None, None, "s"),
    Goal("UI thread blocked during export ≤ 100 ms", "window.ui_max_block_ms_export", None, 100, "ms"),
    Goal("UI thread blocked during import ≤ 100 ms", "window.ui_max_block_ms_import_plan", None, 100, "ms"),
    Goal("UI thread blocked during import into an empty register ≤ 100 ms", "window.ui_max_block_ms_import_new_plan",
         None, 100, "ms"),
    Goal("Översikt's figures, one year, whole country ≤ 0.2 s", "figures_year.seconds", None, 0.2, "s"),
    Goal("Översikt's figures, all years, whole country ≤ 0.5 s", "figures_all.seconds", None, 0.5, "s"),
    Goal("activity tally counted from nothing", "figures_year.tally_seconds", None, None, "s"),
    Goal("Översikt's figures, one year, first read (tally and year-end states)", "figures_year.first_seconds", None,
         None, "s"),
    Goal("Översikt's figures, all years, first read", "figures_all.first_seconds", None, None, "s"),
    Goal("peak memory, export ≤ 500 MB", "export.rss_mb", None, 500, "MB"),
    Goal("peak memory, import ≤ 1.2× python-calamine's own read", "import_empty.rss_mb", "raw_read.rss_mb", 1.2),
)


def run_job(*args: str) -> dict[str, float]:
    launched = f"{time.time():.6f}"
    arguments = [a.replace("{launched}", launched) for a in args]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run([sys.executable, str(JOBS), *arguments], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"job {args[0]} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def compile_app() -> None:
    """Compile the app's modules to bytecode first, as an installed app has them (pip and the frozen
    build write it): where `PYTHONDONTWRITEBYTECODE` is set, every job would otherwise compile the
    app's sources anew, which a person's start never does (0.05 s of the window's first paint)."""
    import bra_desktop

    compileall.compile_dir(Path(bra_desktop.__file__).parent, quiet=1)


def median_of(repeat: int, *args: str) -> dict[str, float]:
    runs = [run_job(*args) for _ in range(repeat)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


QUICK = {"empty_window", "window_floor", "window", "figures_year", "figures_all"}
"""Jobs that measure something short (a start, a keystroke, the dashboard's counts): always run
`--repeat` times, even where `--repeat-largest` is lower. One start of a fifth of a second varies
by half on a busy machine (an empty window: 0.15 to 0.33 s here); at 200,000 activities the three
runs of `window` (which also exports and plans an import) add about three minutes."""


def measure_size(activities: int, repeat: int, quick_repeat: int, work: Path) -> dict[str, dict[str, float]]:
    folder = work / f"national-{activities}"
    template = work / f"empty-county-{activities}"
    bundle = work / f"national-{activities}.xlsx"
    results: dict[str, dict[str, float]] = {}
    if not (folder / "register.sqlite").exists():
        print(f"  building a register of {activities:,} activities …", flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        results["build"] = run_job("build", str(folder), str(activities))
    if not template.exists():
        run_job("empty", str(template), "01")
    steps = [
        ("export", ("export", str(folder), str(bundle))),
        ("raw_write", ("raw_write", str(bundle), str(work / "raw.xlsx"))),
        ("raw_read", ("raw_read", str(bundle))),
        ("import_empty", ("import_empty", str(bundle), str(template), str(work / "import-target"))),
        ("import_floor", ("import_floor", str(bundle), str(folder), str(template), str(work / "import-target"))),
        ("plan_unchanged", ("plan_unchanged", str(bundle), str(folder))),
        ("empty_window", ("empty_window", "{launched}")),
        ("window_floor", ("window_floor", "{launched}")),
        ("window", ("window", str(folder), "{launched}", str(template))),
        ("figures_year", ("figures", str(folder), "year")),
        ("figures_all", ("figures", str(folder), "all")),
    ]
    for name, args in steps:
        print(f"  {name} …", flush=True)
        results[name] = median_of(quick_repeat if name in QUICK else repeat, *args)
    (work / "raw.xlsx").unlink(missing_ok=True)
    return results


def lookup(results: dict[str, dict[str, float]], path: str) -> float | None:
    job, key = path.split(".")
    return results.get(job, {}).get(key)


def goal_rows(results: dict[str, dict[str, float]]) -> list[dict[str, object]]:
    rows = []
    for goal in GOALS:
        value = lookup(results, goal.value)
        baseline = lookup(results, goal.baseline) if goal.baseline else None
        shown = value / baseline if baseline else value
        met = None if goal.limit is None or shown is None else shown <= goal.limit
        floor = lookup(results, goal.floor) if goal.floor else None
        if floor is not None and baseline:
            floor /= baseline
        rows.append({"goal": goal.name, "value": value, "baseline": baseline, "result": shown, "unit": goal.unit,
                     "limit": goal.limit, "met": met, "floor": floor})
    return rows


def machine() -> dict[str, object]:
    import PySide6
    import sqlalchemy

    return {
        "platform": platform.platform(), "python": platform.python_version(), "processor": platform.processor(),
        "cpus": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "pyside6": PySide6.__version__, "sqlalchemy": sqlalchemy.__version__,
    }


def print_table(size: int, rows: list[dict[str, object]]) -> None:
    width = max(len(str(row["goal"])) for row in rows)
    print(f"\n{size:,} activities")
    print(f"  {'goal':<{width}} {'value':>10} {'baseline':>10} {'result':>10} {'floor':>10}  ok")
    for row in rows:
        value, baseline = row["value"], row["baseline"]
        fmt = (lambda x: "—" if x is None else f"{x:.3f}")  # noqa: E731
        unit = row["unit"]
        result, floor = ("—" if x is None else (f"{x:.2f}×" if unit == "×" else f"{x:.3f} {unit}")
                         for x in (row["result"], row["floor"]))
        ok = {True: "yes", False: "NO", None: ""}[row["met"]]
        print(f"  {row['goal']:<{width}} {fmt(value):>10} {fmt(baseline):>10} {result:>10} {floor:>10}  {ok}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-largest", type=int, help="runs at the largest size (default: --repeat); "
                        "one run there takes some minutes per job")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="registers and bundles (kept between runs)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    compile_app()
    everything: dict[str, object] = {"machine": machine(), "sizes": {}}
    for size in args.sizes:
        repeat = args.repeat_largest if size == max(args.sizes) and args.repeat_largest else args.repeat
        quick_repeat = max(repeat, args.repeat)
        print(f"{size:,} activities ({repeat} runs of each job, {quick_repeat} of the quick ones):", flush=True)
        results = measure_size(size, repeat, quick_repeat, args.work)
        rows = goal_rows(results)
        everything["sizes"][str(size)] = {"median_of_runs": repeat, "median_of_runs_quick": quick_repeat,
                                          "jobs": results, "goals": rows}
        print_table(size, rows)
    if len(args.sizes) >= 2:
        small, large = str(min(args.sizes)), str(max(args.sizes))
        factor = max(args.sizes) / min(args.sizes)
        growth = {}
        for job, measured in everything["sizes"][large]["jobs"].items():
            before = everything["sizes"][small]["jobs"].get(job, {}).get("seconds")
            if before and measured.get("seconds"):
                growth[job] = measured["seconds"] / before
        everything["growth"] = {"size_factor": factor, "seconds_ratio": growth}
        print(f"\nGrowth from {int(small):,} to {int(large):,} activities ({factor:.0f}× the rows): seconds ratio")
        for job, ratio in growth.items():
            print(f"  {job:<16} {ratio:6.1f}×")
    args.out.write_text(json.dumps(everything, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nResults: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
