"""Tables and lists as a keyboard and screen-reader user meets them.

Qt's tables take Tab for moving from cell to cell, so a keyboard user who Tabs into one never gets
out to the buttons beside it; arrows already move within it. And a view has no name of its own for a
screen reader to announce. Every table and list of the window goes through `for_keyboard`.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView

View = TypeVar("View", bound=QAbstractItemView)


def for_keyboard(view: View, name: str) -> View:
    """`view` with Tab leaving it for the next control (arrows move in it) and `name` as the name a
    screen reader announces; returns it."""
    view.setTabKeyNavigation(False)
    view.setAccessibleName(name)
    return view
