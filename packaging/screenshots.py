"""Screenshots for the documentation: `python packaging/screenshots.py [FOLDER]` (default `docs/`).

Builds a demo register (Stockholms län, 500 activities, seed 1) in a temporary folder, so the
pictures never show anyone's real register, and saves, from the main window offscreen at 1400 x 850,
`main-window.png` (Aktiviteter) and `dashboard.png` (Översikt, this year), and the first two pages
of this year's PDF report as `report-page-1.png` and `report-page-2.png` (with poppler's pdftoppm,
skipped when it is not installed). The same seed gives the same records; their dates follow the
calendar (see `bra_desktop.demo`), so the pictures change with the year.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bra_desktop.context import AppContext  # noqa: E402
from bra_desktop.demo import fill_demo_register  # noqa: E402
from bra_desktop.ui.main_window import SECTIONS, MainWindow  # noqa: E402
from bra_desktop.ui.service import RegisterService  # noqa: E402

SIZE = (1400, 850)


def _save(window: MainWindow, path: Path) -> Path:
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _wait_for_dashboard(window: MainWindow) -> None:
    """Until the overview has counted its figures (on the worker thread), at most a minute."""
    from bra_desktop.ui.dashboard import DashboardSection

    dashboard = window.current_section()
    assert isinstance(dashboard, DashboardSection)
    if dashboard.figures is None or dashboard.is_busy():
        loop = QEventLoop()
        dashboard.sig_refreshed.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
    if dashboard.figures is None:
        raise RuntimeError("the overview did not count its figures within a minute")


def screenshots(target: Path) -> list[Path]:
    app = QApplication.instance() or QApplication([])
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="bra-desktop-skarmbild-") as folder:
        ctx = AppContext.create(folder)
        register = ctx.open_register()
        try:
            register.set_producer("01")
            fill_demo_register(register, activities=500, seed=1, user="anna")
            window = MainWindow(ctx, RegisterService(register, "anna"))
            window.resize(*SIZE)
            keys = [section.key for section in SECTIONS]
            window.show_section(keys.index("activity"))
            window.show()
            app.processEvents()
            saved.append(_save(window, target / "main-window.png"))
            window.show_municipalities("lacks:plan_status", None, date.today().year)
            municipalities = window.current_section()
            municipalities.table.setCurrentIndex(municipalities.proxy.index(0, 0))
            app.processEvents()
            saved.append(_save(window, target / "municipalities.png"))
            window.show_section(keys.index("overview"))
            _wait_for_dashboard(window)
            app.processEvents()
            saved.append(_save(window, target / "dashboard.png"))
            window.close()
            saved += _report_pages(register, target, Path(folder))
        finally:
            register.close()
    return saved


def _report_pages(register, target: Path, scratch: Path) -> list[Path]:
    """Pages 1 and 2 of this year's PDF report, at 60 dpi."""
    from datetime import date

    from bra_desktop.reports.figures import year_figures
    from bra_desktop.ui.pdf_report import write_pdf_report

    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is not installed: no pictures of the PDF report", file=sys.stderr)
        return []
    with register.session() as session:
        figures = year_figures(session, date.today().year, register.producer)
    pdf = write_pdf_report(figures, scratch / "rapport.pdf", producer_name=register.producer_name)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(scratch / "sida")], check=True)
    pages = []
    for number, page in enumerate(sorted(scratch.glob("sida-*.png")), start=1):
        pages.append(Path(shutil.copyfile(page, target / f"report-page-{number}.png")))
    return pages


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "docs")
    target.mkdir(parents=True, exist_ok=True)
    for path in screenshots(target):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
