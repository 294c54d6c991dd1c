"""Walking a window as a keyboard and screen-reader user would, and looking for cut text.

The tests of issue 20 (tillgänglighet) use these on every view and dialog: what a screen reader
announces for each control (`spoken_name`), where Tab goes from the starting focus, and which
controls show less than their text at the size they have (`cut_texts`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QRadioButton, QStyle,
    QStyleOptionButton, QStyleOptionComboBox, QStyleOptionFrame, QTabBar, QWidget,
)


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces for `widget` on Windows: its accessible name, else what Qt
    derives (a button's text, a buddy label's text). Qt on Linux names a combo box by its current
    value instead, which says nothing of what is chosen: here a combo box needs a name or a label."""
    if widget.accessibleName():
        return widget.accessibleName().strip()
    if isinstance(widget, QComboBox):
        labels = widget.window().findChildren(QLabel)
        return next((label.text().replace("&", "").strip() for label in labels if label.buddy() is widget), "")
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isEnabled()


def tab_stops(root: QWidget) -> list[QWidget]:
    """The controls of `root` that Tab can reach: shown, enabled and taking focus by Tab, leaving
    out the parts a composite control hands its focus to."""
    stops = []
    for widget in root.findChildren(QWidget):
        if not _shown(widget, root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        stops.append(widget)
    return stops


def unnamed(root: QWidget) -> list[str]:
    """The controls of `root` a screen reader would announce without a name (class and object name)."""
    return [f"{type(widget).__name__} {widget.objectName()!r}" for widget in tab_stops(root) if not spoken_name(widget)]


def walk_by_tab(root: QWidget, *, limit: int = 200) -> list[QWidget]:
    """Press Tab from the focused control until focus comes back to where it started (or leaves
    `root`); the controls visited, in order, starting with the first focused one."""
    QApplication.processEvents()
    start = QApplication.focusWidget()
    assert start is not None and (start is root or root.isAncestorOf(start)), f"no focus in {root!r} to start from"
    visited = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or now is start or not (now is root or root.isAncestorOf(now)):
            return visited
        if now is visited[-1]:
            raise AssertionError(f"Tab is caught in {type(now).__name__} {now.objectName()!r}")
        visited.append(now)
    raise AssertionError(f"Tab never came back to {type(start).__name__} {start.objectName()!r}")


def _owner(widget: QWidget, root: QWidget) -> QWidget:
    """The control a focus lands on for `widget`: itself, or the control that proxies it."""
    while widget is not root and widget.parentWidget() is not None:
        parent = widget.parentWidget()
        if parent.focusProxy() is widget or isinstance(parent, QAbstractSpinBox | QComboBox):
            widget = parent
        else:
            break
    return widget


def unreached_by_tab(root: QWidget) -> list[str]:
    """The tab stops of `root` that Tab from the starting focus never reaches."""
    visited = walk_by_tab(root)
    reached = {id(widget) for widget in visited} | {id(_owner(widget, root)) for widget in visited}
    return [f"{type(widget).__name__} {widget.objectName()!r} {spoken_name(widget)!r}"
            for widget in tab_stops(root) if id(widget) not in reached and id(widget.focusProxy()) not in reached]


def _text_room(widget: QWidget) -> tuple[str, int] | None:
    """(the text a control shows, the width its style gives that text), for controls that cut text."""
    style = widget.style()
    if isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, widget)
        return widget.currentText(), field.width()
    if isinstance(widget, QPushButton | QCheckBox | QRadioButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (QStyle.SubElement.SE_PushButtonContents if isinstance(widget, QPushButton) else
                   QStyle.SubElement.SE_CheckBoxContents if isinstance(widget, QCheckBox) else
                   QStyle.SubElement.SE_RadioButtonContents)
        rect = style.subElementRect(element, option, widget)
        icon = option.iconSize.width() + 4 if not option.icon.isNull() else 0
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), rect.width() - icon
    if isinstance(widget, QLabel) and not widget.wordWrap() and widget.pixmap().isNull():
        text = widget.text()
        if widget.textFormat() == Qt.TextFormat.RichText or "<" in text or "\n" in text:
            return None
        if widget.buddy() is not None:
            text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        return text, widget.contentsRect().width() - 2 * widget.margin()
    if isinstance(widget, QLineEdit) and not widget.text():
        option = QStyleOptionFrame()
        widget.initStyleOption(option)
        rect = style.subElementRect(QStyle.SubElement.SE_LineEditContents, option, widget)
        margins = widget.textMargins()
        return widget.placeholderText(), rect.width() - margins.left() - margins.right() - 4
    return None


def cut_texts(root: QWidget) -> list[str]:
    """The controls of `root` whose text does not fit in the width they have (inside a scroll area,
    what scrolling reaches counts as shown)."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or isinstance(widget.parentWidget(), QTabBar):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed_height = widget.heightForWidth(widget.width())
            if widget.height() < needed_height:
                cut.append(f"QLabel {widget.objectName()!r}: {widget.text()[:40]!r}… needs {needed_height} px high, has {widget.height()}")
            continue
        room = _text_room(widget)
        if room is None or not room[0]:
            continue
        text, width = room
        needed = widget.fontMetrics().horizontalAdvance(text.splitlines()[0])
        if needed > width:
            cut.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r} needs {needed} px, has {width}")
    return cut
