"""Text from the register shown as text, never as markup: the one way the UI shows it.

Titles, names, descriptions and code-list labels are typed by people, and many arrive in bundles
from other registers, which is to say from strangers. Qt shows a string that merely looks like HTML
(`Qt.mightBeRichText`) as rich text in tooltips, in a QLabel or QMessageBox left at `Qt.AutoText`, and
QtCharts always shows chart titles, axis labels and legend names as HTML. A title such as
`<img src="\\\\server\\share\\x.png">` would then make the app load that path as soon as it is shown or
hovered; on Windows that opens an SMB connection which hands the user's credentials to the server.
A link in a title would be a click away. So every text that can come from a record, a code list, a
file name or a bundle reaches the screen through one of these functions:

- `plain_label`: a QLabel set to `Qt.PlainText`;
- `plain_tooltip`: a tooltip string, escaped when Qt would take it for HTML (else it is as it was);
- `plain_items`: read-only QStandardItems (item views draw item text as plain text; tooltips from a
  model's `ToolTipRole` go through `plain_tooltip`);
- `plain_message_box`: a QMessageBox set to `Qt.PlainText`, its informative text too;
- `plain_auto_text`: text for the static QMessageBox functions, which cannot be told the format:
  escaped, as a tooltip is, when Qt would take it for HTML;
- `chart_text`: a chart title, category or set name, escaped for QtCharts;
- `error_label`: a `plain_label` for a refusal's message, which may quote what was typed or read.

Buttons, check boxes, tabs, combo boxes, window titles, line edits and `QPlainTextEdit` show text as
plain text by themselves.
"""

from __future__ import annotations

import html

from PySide6 import QtGui  # for QtGui.Qt.mightBeRichText: QtCore's Qt does not have it
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that shows its text as it is, never as HTML; it wraps long text unless `wrap` is False."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


ERROR_STYLE = "color: #b3261e;"
"""How a refusal's message is shown, in forms and dialogs alike."""
EMPTY_STYLE = "color: #595959;"
"""How an empty table or chart says so: grey, and still 7:1 against white."""


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red, wrapping, plain-text label, hidden while it has nothing to say."""
    label = plain_label("", parent)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def plain_tooltip(text: str, *, wrap: bool = False) -> str:
    """A tooltip that shows `text` as it is.

    Qt shows a tooltip as HTML when it looks like HTML (`Qt.mightBeRichText`): such a text is given
    escaped, in a paragraph that keeps its line breaks and spaces. Any other text is returned
    unchanged, so it looks exactly as before. `wrap`: long text is wrapped at a readable width, as
    Qt does only for HTML tooltips (a plain one is a single line as wide as the screen), so the text
    is always escaped then.
    """
    return _escaped(text) if wrap and text else plain_auto_text(text)


def plain_items(*texts: str) -> list[QStandardItem]:
    """A read-only row for a QStandardItemModel (item views draw item text as plain text)."""
    row = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        row.append(item)
    return row


def plain_message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                      buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok, *,
                      informative: str = "") -> QMessageBox:
    """A message box showing `text` and `informative` as they are (call `exec()` to show it).

    The informative text is set before the format, which QMessageBox passes on to it."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if informative:
        box.setInformativeText(informative)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_auto_text(text: str) -> str:
    """`text` for a place where Qt guesses the format (`Qt.AutoText`) and cannot be told otherwise, such
    as the static `QMessageBox.warning`, so that it shows as it is: unchanged unless Qt would take it
    for HTML, then escaped in a paragraph that keeps its line breaks and spaces. (An error message
    may quote a record's title, or the name of a stranger who changed the record.)"""
    return _escaped(text) if text and QtGui.Qt.mightBeRichText(text) else text


def _escaped(text: str) -> str:
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def chart_text(text: str) -> str:
    """A chart title, category label or bar set name, escaped: QtCharts lays these out as HTML
    (`QGraphicsTextItem.setHtml`), whatever they look like. It shortens escaped text whole entities
    at a time, so the escaped text shows as the text did."""
    return html.escape(text)
