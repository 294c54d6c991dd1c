"""One editor widget per kind of value: text, long text, whole number, date.

Every editor has the same small interface (`FieldEditor`) so the form treats them alike: `value()`
gives the field's value in the domain's types (None when empty), `set_value()` shows a stored value
without counting as an edit, and `sig_changed` fires when the user changes something. What the
user typed but cannot be read as a value at all (a date like "12 mars") is the editor's own
`input_problem()`; every other rule belongs to the domain's validation.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QPlainTextEdit, QToolButton, QWidget, QWidgetAction,
)


class FieldEditor(QWidget):
    """The interface every field editor shares; subclasses show one inner widget."""

    sig_changed = Signal()
    """The user changed the value (not emitted by `set_value`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setting = False
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

    def _use(self, inner: QWidget, stretch: int = 1) -> None:
        """Put the inner widget in place; clicks on the field's label focus it."""
        self._layout.addWidget(inner, stretch)
        self.setFocusProxy(inner)

    def name_for_screen_readers(self, name: str) -> None:
        """Give the field's name to each control in it, as a screen reader announces them: the label
        names the wrapper, not the line edit, combo box or list a person lands on. Other controls
        (a calendar button, a list's search) get the name with what they do ("Startdatum: Välj i
        kalendern"). A name already given is kept."""
        self.setAccessibleName(name)
        proxy = self.focusProxy()
        for control in self.findChildren(QWidget):
            if control.focusPolicy() == Qt.FocusPolicy.NoFocus or control.accessibleName():
                continue
            if control is proxy:
                control.setAccessibleName(name)
                continue
            text = getattr(control, "text", None)
            own = control.toolTip() or (text() if callable(text) else "") or getattr(control, "placeholderText", str)()
            control.setAccessibleName(f"{name}: {own.strip(' …')}" if own.strip(" …") else name)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self._show(value)
        finally:
            self._setting = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if not self._setting:
            self.sig_changed.emit()

    def input_problem(self) -> str | None:
        """Why what was typed cannot be read as a value; None when it can (or is empty)."""
        return None

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError


class LineEditor(FieldEditor):
    """One line of text: names, titles, e-mail, phone and organisation numbers."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText(placeholder)
        self.line_edit.textChanged.connect(self._changed)
        self._use(self.line_edit)

    def value(self) -> str | None:
        return self.line_edit.text().strip() or None

    def _show(self, value: Any) -> None:
        self.line_edit.setText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.line_edit.setReadOnly(read_only)


class LongTextEditor(FieldEditor):
    """Several lines of plain text (never rich text: register text is shown as it is)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(72)
        self.text_edit.textChanged.connect(self._changed)
        self._use(self.text_edit)

    def value(self) -> str | None:
        return self.text_edit.toPlainText().strip() or None

    def _show(self, value: Any) -> None:
        self.text_edit.setPlainText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.text_edit.setReadOnly(read_only)


class IntegerEditor(FieldEditor):
    """A whole number that may be unknown: empty means unknown, 0 is a real count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?\d{0,9}"), self.line_edit))
        self.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.line_edit.setMaximumWidth(120)
        self.line_edit.textChanged.connect(self._changed)
        self._use(self.line_edit, 0)
        self._layout.addStretch(1)

    def value(self) -> int | None:
        text = self.line_edit.text().strip()
        return int(text) if text not in ("", "-") else None

    def _show(self, value: Any) -> None:
        self.line_edit.setText("" if value is None else str(value))

    def input_problem(self) -> str | None:
        if self.line_edit.text().strip() == "-":
            return self.tr("Skriv ett heltal.")
        return None

    def set_read_only(self, read_only: bool) -> None:
        self.line_edit.setReadOnly(read_only)


class DateEditor(FieldEditor):
    """A date typed as YYYY-MM-DD or picked in a calendar; empty is allowed (required is a rule)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText(self.tr("ÅÅÅÅ-MM-DD"))
        self.line_edit.setMaxLength(10)
        self.line_edit.setMaximumWidth(120)
        self.line_edit.textChanged.connect(self._changed)
        self.line_edit.editingFinished.connect(self._tidy)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)  # Return (or a double click) on a day picks it
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_calendar)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("…")
        self.calendar_button.setToolTip(self.tr("Välj i kalendern"))
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self._menu = menu
        self._use(self.line_edit, 0)
        self._layout.addWidget(self.calendar_button)
        self._layout.addStretch(1)

    def _parsed(self) -> date | None | ValueError:
        text = self.line_edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            return error

    def value(self) -> date | None:
        parsed = self._parsed()
        return parsed if isinstance(parsed, date) else None

    def _show(self, value: Any) -> None:
        self.line_edit.setText(value.isoformat() if isinstance(value, date) else (value or ""))

    def input_problem(self) -> str | None:
        if isinstance(self._parsed(), ValueError):
            return self.tr("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-12.")
        return None

    def _tidy(self) -> None:
        """Show a date typed another readable way (20260312) in the ISO form the register uses."""
        parsed = self._parsed()
        if isinstance(parsed, date) and self.line_edit.text() != parsed.isoformat():
            self.line_edit.setText(parsed.isoformat())

    def _show_calendar(self) -> None:
        current = self.value() or date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, picked: QDate) -> None:
        self.line_edit.setText(date(picked.year(), picked.month(), picked.day()).isoformat())
        self._menu.close()

    def set_read_only(self, read_only: bool) -> None:
        self.line_edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)
