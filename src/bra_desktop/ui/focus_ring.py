"""A focus ring a person can see: 2 px in the highlight colour around the control that has focus.

Qt's styles mark focus with a 1-px line or a faint dotted rectangle, which a keyboard user loses
on a laptop screen (WCAG 2.4.7, focus visible, which the Swedish accessibility rules require).

The ring is a small widget of the focused control's window, over the control, drawn only where the
ring is (a mask) and letting the mouse through. It is not Qt's `QFocusFrame`: that one moves itself
into the focused control's parent, and with PySide6 6.x a frame that had followed focus into a
message box left the dialog beneath without its Spara button once the box closed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QRegion
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import Shiboken

RING_WIDTH = 2
_FOLLOWED = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)


class _Ring(QWidget):
    """The ring in one window: placed around the visible part of the control it is given."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def around(self, control: QWidget) -> None:
        visible = control.visibleRegion().boundingRect()
        if not control.isVisible() or visible.isEmpty():
            self.hide()
            return
        corner = control.mapTo(self.parentWidget(), visible.topLeft())
        outer = QRect(corner, visible.size()).adjusted(-RING_WIDTH, -RING_WIDTH, RING_WIDTH, RING_WIDTH)
        self.setGeometry(outer)
        inner = self.rect().adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
        self.setMask(QRegion(self.rect()).subtracted(QRegion(inner)))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))


class FocusRing(QObject):
    """Puts a ring around the control that has focus, in dialogs and main windows (not in pop-ups,
    whose list is already highlighted), and keeps it there as the control or what holds it moves,
    scrolls or hides. A child of the application: it lives as long as the app."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.target: QWidget | None = None
        self._shown: _Ring | None = None
        self._watched: list[QWidget] = []
        app.focusChanged.connect(self._moved)

    def ring_of(self, window: QWidget) -> _Ring:
        ring = window.findChild(_Ring, "focus_ring", Qt.FindChildOption.FindDirectChildrenOnly)
        return ring if ring is not None else _Ring(window)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Focus moved to `new`. The control it left is not looked at: it may be half destroyed
        (a message box's button as the box closes)."""
        for widget in self._watched:
            if Shiboken.isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []
        in_window = new is not None and new.window().windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        self.target = target = new if in_window else None
        ring = self.ring_of(target.window()) if target is not None else None
        if self._shown is not None and self._shown is not ring and Shiboken.isValid(self._shown):
            self._shown.hide()
        self._shown = ring
        if target is None or ring is None:
            return
        widget: QWidget | None = target
        while widget is not None and not widget.isWindow():  # a scroll moves an ancestor, not the control
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        ring.around(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _FOLLOWED and self.target is not None and self._shown is not None:
            self._shown.around(self.target)  # the ring of the target's window
        return False
