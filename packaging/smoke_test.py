"""Smoke test of the frozen app (`make package-test`, and the Windows workflow on the installed app).

    .venv/bin/python packaging/smoke_test.py [--exe dist/bra-desktop/bra-desktop] [--compare-with .venv/bin/bra-desktop]

Runs the built executable the way a user's computer would, each time on a throw-away data folder
(`BRA_DATA_DIR`), never the real register:

1. `--version` prints `bra-desktop <the version in src/bra_desktop/__init__.py>`;
2. `self-test` passes: a temporary register, a record of every kind, the change log, backup and
   restore, a bundle exported and imported into a second register, the main window shown;
3. demo data, and the annual report written as PDF (Qt draws it) and as a workbook;
4. the files the app reads at run time are in the build (code lists, municipalities, the English
   translation, the icon, the Alembic migrations), and on Linux every Qt library that a file in
   the build links against is in it, after the spec left some of Qt out;
5. the main window opens in Swedish and in English, and the log says no translation was missing;
6. the app starts on a register and paints its main window (offscreen): the time to that first
   paint is measured, with the time of `--version`, and with `--compare-with` the same for another
   command (the app from source) so the two can be set side by side.

Exits non-zero on the first failed check. Python standard library only, so it runs anywhere.
"""

from __future__ import annotations

import argparse
import json
import locale
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform == "win32"
DEFAULT_EXE = ROOT / "dist" / "bra-desktop" / ("bra-desktop-cli.exe" if WINDOWS else "bra-desktop")
FIRST_PAINT = re.compile(r"Flushing .* of MainWindow\(")
# Files the frozen app opens by path, relative to its contents folder (_internal).
RUNTIME_FILES = (
    "bra_desktop/resources/data/kodlistor.csv",
    "bra_desktop/resources/data/kommuner.csv",
    "bra_desktop/resources/data/lan.csv",
    "bra_desktop/resources/i18n/bra_desktop_en.qm",
    "bra_desktop/resources/icons/bra-desktop.png",
    "bra_desktop/store/migrations/env.py",
)


def source_version() -> str:
    match = re.search(r'__version__ = "([^"]+)"', (ROOT / "src" / "bra_desktop" / "__init__.py").read_text("utf-8"))
    assert match, "no __version__ in src/bra_desktop/__init__.py"
    return match.group(1)


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, BRA_DATA_DIR=str(data_dir), **extra)
    if not WINDOWS and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def decode(output: bytes) -> str:
    """The app's output: UTF-8 on Linux; on Windows, printed into a pipe, the code page (cp1252)."""
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        return output.decode(locale.getpreferredencoding(False), errors="replace")


def run(command: list[str], env: dict[str, str], timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
    seconds = time.perf_counter() - start
    return subprocess.CompletedProcess(done.args, done.returncode, decode(done.stdout), decode(done.stderr)), seconds


def check(condition: bool, what: str, details: str = "") -> None:
    if not condition:
        print(f"FAILED: {what}\n{details}".rstrip())
        raise SystemExit(1)
    print(f"ok    {what}")


def check_version(exe: list[str], scratch: Path) -> list[float]:
    expected = f"bra-desktop {source_version()}"
    times = []
    for _ in range(3):
        done, seconds = run([*exe, "--version"], environment(scratch))
        check(done.returncode == 0 and done.stdout.strip() == expected,
              f"--version prints {expected!r} ({seconds:.2f} s)", done.stdout + done.stderr)
        times.append(seconds)
    return times


def check_self_test(exe: list[str], scratch: Path) -> float:
    done, seconds = run([*exe, "self-test"], environment(scratch))
    print("      " + done.stdout.strip().replace("\n", "\n      "))
    check(done.returncode == 0 and "Självtestet lyckades" in done.stdout, f"self-test passes ({seconds:.1f} s)",
          done.stderr[-4000:])
    return seconds


def check_reports(exe: list[str], scratch: Path) -> None:
    """Demo data, then the annual report as PDF (drawn by Qt) and as a workbook with Excel charts."""
    env = environment(scratch)
    for command in (["init", "--county", "01"], ["demo", "--activities", "60"]):
        done, _ = run([*exe, *command], env)
        check(done.returncode == 0, f"{' '.join(command)} works", done.stdout + done.stderr)
    for name in ("rapport.pdf", "rapport.xlsx"):
        out = scratch / name
        done, seconds = run([*exe, "report", "--out", str(out)], env)
        magic = out.read_bytes()[:4] if out.exists() else b""
        check(done.returncode == 0 and magic in (b"%PDF", b"PK\x03\x04"),
              f"the annual report is written as {out.suffix} ({seconds:.1f} s)", done.stdout + done.stderr)


def check_files(exe: Path) -> None:
    contents = exe.parent / "_internal"
    missing = [name for name in RUNTIME_FILES if not (contents / name).is_file()]
    check(not missing, "the data files the app reads are in the build", f"missing: {missing}")
    if not WINDOWS and shutil.which("readelf"):
        check_linkage(contents)


def check_linkage(contents: Path) -> None:
    """Every shared library the build's ELF files need is in the build or on the system (ldconfig)."""
    bundled = {path.name for path in contents.rglob("*.so*")}
    system = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    system_names = {line.split()[0] for line in system.splitlines()[1:] if line.strip()}
    broken = []
    for path in sorted(contents.rglob("*.so*")):
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False).stdout
        for needed in re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic):
            if needed not in bundled and needed not in system_names:
                broken.append(f"{path.relative_to(contents)} needs {needed}")
    # Qt's libraries always come with the app, so one missing means the spec left out too much.
    # Others may be missing here only because this machine lacks a desktop library (libxcb-icccm for
    # X11, say) that the platform plugin for that desktop links against.
    qt_missing = [line for line in broken if " needs libQt6" in line]
    check(not qt_missing, "every Qt library the build links against is in it", "\n".join(qt_missing))
    if broken:
        print("      (not on this machine, loaded only on such desktops: "
              + ", ".join(sorted({line.split(" needs ")[1] for line in broken})) + ")")


def time_to_window(exe: list[str], scratch: Path, language: str = "sv", timeout: float = 120) -> float:
    """Seconds from starting the app on a register to the first paint of its main window."""
    data = scratch / "start"
    env = environment(data)
    done, _ = run([*exe, "init", "--county", "01"], env)
    if done.returncode != 0:
        raise SystemExit(f"FAILED: init for the start test\n{done.stdout}{done.stderr}")
    (data / "settings.json").write_text(json.dumps({"language": language}), encoding="utf-8")
    env["QT_LOGGING_RULES"] = "qt.widgets.painting.debug=true"  # Qt says when it paints the window
    env["QT_FORCE_STDERR_LOGGING"] = "1"  # on stderr, also on Windows
    env["QT_QPA_PLATFORM"] = "offscreen"
    start = time.perf_counter()
    app = subprocess.Popen(exe, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           encoding="utf-8", errors="replace")
    watchdog = threading.Timer(timeout, app.kill)  # a hung app closes its stderr when killed
    watchdog.start()
    try:
        assert app.stderr is not None
        for line in app.stderr:
            if FIRST_PAINT.search(line):
                return time.perf_counter() - start
        raise SystemExit(f"FAILED: the main window was not painted within {timeout:.0f} s")
    finally:
        watchdog.cancel()
        app.kill()
        app.wait()


def check_translations(exe: list[str], scratch: Path) -> None:
    """The app starts in Swedish (with Qt's own qtbase_sv) and in English (the app's .qm), and its log
    has no "No translation" line for either."""
    for language in ("sv", "en"):
        time_to_window(exe, scratch / language, language)
        log = (scratch / language / "start" / "logs" / "bra-desktop.log")
        text = log.read_text("utf-8") if log.exists() else ""
        check("No translation" not in text, f"the window opens in {language} with its translations loaded", text)


def measure(label: str, exe: list[str], scratch: Path, runs: int) -> dict[str, float]:
    version = statistics.median(run([*exe, "--version"], environment(scratch))[1] for _ in range(runs))
    window = statistics.median(time_to_window(exe, scratch / f"w{i}") for i in range(runs))
    print(f"      {label}: --version {version:.2f} s, main window painted after {window:.2f} s (median of {runs})")
    return {"version": version, "window": window}


def folder_size(folder: Path) -> int:
    """Bytes on disk, counting each file once (PyInstaller links some libraries into place on Linux)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help=f"the frozen executable (default {DEFAULT_EXE})")
    parser.add_argument("--compare-with", metavar="COMMAND",
                        help="also time this command, e.g. .venv/bin/bra-desktop (the app from source)")
    parser.add_argument("--runs", type=int, default=3, help="timed starts of each kind (default 3)")
    args = parser.parse_args(argv)
    exe = args.exe.resolve()
    check(exe.is_file(), f"the executable exists: {exe}")
    with tempfile.TemporaryDirectory(prefix="bra-desktop-smoke-") as folder:
        scratch = Path(folder)
        check_version([str(exe)], scratch / "version")
        check_self_test([str(exe)], scratch / "selftest")
        check_reports([str(exe)], scratch / "reports")
        check_files(exe)
        check_translations([str(exe)], scratch / "translations")
        frozen = measure("frozen", [str(exe)], scratch / "frozen", args.runs)
        if args.compare_with:
            source = measure("source", args.compare_with.split(), scratch / "source", args.runs)
            print(f"      frozen/source: --version {frozen['version'] / source['version']:.2f}x, "
                  f"main window {frozen['window'] / source['window']:.2f}x")
    print(f"      one-folder build: {folder_size(exe.parent) / 1e6:.0f} MB in {exe.parent}")
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
