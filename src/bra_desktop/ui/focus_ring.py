"""A focus ring a person can see: 2 px in the highlight colour around the control that has focus.

Qt's styles mark focus with a 1-px line or a faint dotted rectangle, which a keyboard user loses
on a laptop screen (WCAG 2.4.7, focus visible, which the Swedish accessibility rules require). Qt
already has the part that follows focus and stays out of the layout, `QFocusFrame`; this draws it
with a style of its own (the platform's, but for the ring), so the rest of the window looks native.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QProxyStyle, QStyle, QStyleOption, QWidget
from shiboken6 import Shiboken

RING_WIDTH = 2


class RingStyle(QProxyStyle):
    """The platform's style, drawing the focus frame as a ring in the highlight colour."""

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                    widget: QWidget | None = None) -> None:
        if element != QStyle.ControlElement.CE_FocusFrame:
            super().drawControl(element, option, painter, widget)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), RING_WIDTH))
        half = RING_WIDTH // 2
        painter.drawRoundedRect(option.rect.adjusted(half, half, -half, -half), 3, 3)
        painter.restore()


class FocusRing(QObject):
    """Puts the focus frame around the control that has focus, in dialogs and main windows (not in
    pop-ups, whose list is already highlighted). Lives as long as the application."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.style = RingStyle(app.style().name())
        self.style.setParent(self)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        in_window = new is not None and new.window().windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        if self.frame is None or not Shiboken.isValid(self.frame):
            if not in_window:
                return
            self.frame = QFocusFrame()  # the frame lives in the focused control's parent, and goes with it
            self.frame.setStyle(self.style)
        self.frame.setWidget(new if in_window else None)
