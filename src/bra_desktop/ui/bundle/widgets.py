"""Small pieces the bundle dialogs share: where files go by default, and text from the register or a
bundle always shown as plain text."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str, parent: QWidget) -> QLabel:
    """A wrapped label that shows its text as it is, never as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt takes tooltip text that looks like HTML for HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def plain_items(*texts: str) -> list[QStandardItem]:
    """A read-only row for a QStandardItemModel (item views draw item text as plain text)."""
    row = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        row.append(item)
    return row


def documents_folder() -> Path:
    """Where bundles are looked for and saved unless the user chooses otherwise."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()
