"""Where the bundle dialogs look for and save files by default. (Text from the register or a bundle
is shown through `ui.plain_text`.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """Where bundles are looked for and saved unless the user chooses otherwise."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()
