"""Screenshots for the documentation: `python packaging/screenshots.py [FOLDER]` (default `docs/`).

Builds a demo register (Stockholms län, 500 activities, seed 1) in a temporary folder, so the
pictures never show anyone's real register, opens the main window offscreen at 1400 x 850 on
Aktiviteter and saves it as `main-window.png`. The same seed gives the same picture.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from bra_desktop.context import AppContext  # noqa: E402
from bra_desktop.demo import fill_demo_register  # noqa: E402
from bra_desktop.ui.main_window import SECTIONS, MainWindow  # noqa: E402
from bra_desktop.ui.service import RegisterService  # noqa: E402

SIZE = (1400, 850)


def main_window_screenshot(target: Path) -> Path:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bra-desktop-skarmbild-") as folder:
        ctx = AppContext.create(folder)
        register = ctx.open_register()
        try:
            register.set_producer("01")
            fill_demo_register(register, activities=500, seed=1, user="anna")
            window = MainWindow(ctx, RegisterService(register, "anna"))
            window.resize(*SIZE)
            window.show_section([section.key for section in SECTIONS].index("activity"))
            window.show()
            app.processEvents()
            path = target / "main-window.png"
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            window.close()
        finally:
            register.close()
    return path


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "docs")
    target.mkdir(parents=True, exist_ok=True)
    print(main_window_screenshot(target))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
