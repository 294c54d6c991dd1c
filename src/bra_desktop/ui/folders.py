"""Where file dialogs open: the folder a person last used for the same kind of file, else the
documents folder.

A coordinator sends bundles from one folder and reads Brå's from another (often a shared one), and
saves reports in a third; a file dialog that opened in Dokument every time made them walk there
again. The folders are kept, per purpose, in the window's state file beside its geometry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

EXPORT = "export"
"""Bundles written for Brå (or, in Brå's register, for the counties)."""
IMPORT = "import"
"""Bundles read."""
REPORTS = "reports"
"""Redovisningar saved as PDF or workbook."""


def documents_folder() -> Path:
    """The documents folder where there is one, else the home folder (a new account may have no
    Dokument yet, and a file dialog or a save into a folder that is not there fails)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


class Folders:
    """The last folder used per purpose (`EXPORT`, `IMPORT`, `REPORTS`), kept in `state`; without a
    state (a dialog opened on its own, as in tests) nothing is kept and every purpose starts in
    the documents folder."""

    def __init__(self, state: QSettings | None = None) -> None:
        self.state = state

    def folder(self, purpose: str) -> Path:
        """The folder last used for `purpose` while it still exists, else the documents folder."""
        saved = self.state.value(f"folders/{purpose}") if self.state is not None else None
        return Path(saved) if isinstance(saved, str) and saved and Path(saved).is_dir() else documents_folder()

    def remember(self, purpose: str, chosen: Path) -> None:
        """Keep the folder of `chosen` (a file, or a folder itself) for the next dialog of `purpose`."""
        if self.state is not None:
            self.state.setValue(f"folders/{purpose}", str(chosen if chosen.is_dir() else chosen.parent))
