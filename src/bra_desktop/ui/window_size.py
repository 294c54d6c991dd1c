"""First sizes of windows: roomy where the screen allows, never larger than it.

A coordinator's laptop may show 1024×768; a dialog sized for a large screen would open with its
buttons off the screen's edge, where a keyboard user cannot see what has focus.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SCREEN_MARGIN = (40, 60)
"""Pixels left free beside and under a window: its frame, title bar and the task bar."""


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` × `height`, or to what its screen has room for if that is less."""
    available = window.screen().availableGeometry()
    window.resize(min(width, available.width() - SCREEN_MARGIN[0]), min(height, available.height() - SCREEN_MARGIN[1]))


def fit_height(window: QWidget) -> None:
    """Make `window` as tall as its contents need at its width, if it is shorter. A layout gives
    word-wrapped text its height only when asked at a width, so a dialog that later shows a message
    or a progress bar squeezed its wrapped text to a line and a half until this was asked."""
    layout = window.layout()
    layout.activate()
    needed = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if needed > window.height():
        window.resize(window.width(), needed)
