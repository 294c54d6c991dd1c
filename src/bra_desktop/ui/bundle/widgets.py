"""Where the bundle dialogs look for and save files by default. (Text from the register or a bundle
is shown through `ui.plain_text`.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """Where bundles are looked for and saved unless the user chooses otherwise: the documents
    folder where there is one, else the home folder (a new account may have no Dokument yet, and a
    file dialog or a save into a folder that is not there fails)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
