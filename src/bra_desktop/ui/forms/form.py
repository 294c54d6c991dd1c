"""The record form: an editor per field of a record kind, with its problems shown beside it.

One class serves all five kinds: it reads the kind's `FieldSpec`s, asks `factory.editor_for` for
each editor and `sections` for the tab it goes in. On every change it asks the service what is
wrong (the same rules a bundle import applies), 200 ms after the last keystroke, and puts each
message under its field. Problems of fields the user has not reached yet in a new record are
held back (the * says those fields are required), so a fresh form is not a wall of red.
"""

from __future__ import annotations


from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QScrollArea, QStyle, QTabWidget, QVBoxLayout, QWidget,
)

from bra_desktop.domain.content import Content, normalise
from bra_desktop.domain.fields import FieldSpec, FieldType
from bra_desktop.store.repository import StoredRecord
from bra_desktop.ui.forms.editors import FieldEditor
from bra_desktop.ui.forms.factory import editor_for
from bra_desktop.ui.forms.sections import Section, is_wide, sections
from bra_desktop.ui.plain_text import error_label, plain_label
from bra_desktop.ui.service import RegisterService

VALIDATION_DELAY_MS = 200


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def with_mnemonic(text: str, taken: set[str]) -> str:
    """`text` with "&" before its first letter not in `taken` (which it joins); unchanged if none is
    free. A word's first letter is tried first, as people expect: "&Startdatum", "Slut&datum"."""
    escaped = text.replace("&", "&&")
    starts = [i for i, char in enumerate(escaped) if char.isalpha() and (i == 0 or not escaped[i - 1].isalpha())]
    rest = [i for i, char in enumerate(escaped) if char.isalpha() and i not in starts]
    for i in (*starts, *rest):
        letter = escaped[i].casefold()
        if letter not in taken:
            taken.add(letter)
            return f"{escaped[:i]}&{escaped[i:]}"
    return escaped


class RecordForm(QWidget):
    """Editors for one record of a kind, in tabs, validated as the user types."""

    sig_validated = Signal(bool)
    """Validation ran; True when the content may be saved (no problems, shown or held back)."""
    sig_edited = Signal()
    """The user changed a field."""

    def __init__(self, service: RegisterService, kind_key: str, record: StoredRecord | None = None,
                 parent: QWidget | None = None, initial: Content | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.kind = service.kind(kind_key)
        self._previous: Content | None = record.content if record is not None else None
        self._fixed = set(self.kind.identity) if record is not None else set()
        """The fields that say which record this is (a follow-up's municipality and year): a saved
        record keeps them (`RecordKind.identity`)."""
        self._touched: set[str] = set()
        self._show_all = record is not None
        self._problems: dict[str, list[str]] = {}
        self._record_problems: list[str] = []
        self._editors: dict[str, FieldEditor] = {}
        self._errors: dict[str, QLabel] = {}
        self._tab_of: dict[str, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.record_problem_label = error_label(self)
        layout.addWidget(self.record_problem_label)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        current = record.content if record is not None else (initial or {})  # a new record may start as a copy
        for section, specs in sections(self.kind.fields).items():
            index = self.tabs.addTab(self._page(section, specs, current), section.title)
            for spec in specs:
                self._tab_of[spec.name] = index
        for name, editor in self._editors.items():
            editor.set_value(current.get(name))
            editor.sig_changed.connect(lambda name=name: self._edited(name))
        self.set_read_only(False)
        self.validate_now()

    # --- building ---

    def _page(self, section: Section, specs: list[FieldSpec], current: Content) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if section == Section.CONTACT:
            heading = plain_label(self.tr("Personuppgifter"), page, wrap=False)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            note = plain_label(self.tr(
                "Kontaktuppgifterna är personuppgifter. De sparas bara i det här registret och skickas "
                "inte med i paket till andra, om du inte väljer det när du skapar paketet."), page)
            layout.addWidget(heading)
            layout.addWidget(note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(form)
        wide = QHBoxLayout() if section == Section.LINKS else QVBoxLayout()
        taken: set[str] = set()
        for spec in specs:
            editor = editor_for(self.service, spec, current.get(spec.name))
            label = self._label(spec, editor, taken)
            cell = self._cell(spec, editor)
            if is_wide(spec):
                column = QVBoxLayout()
                column.addWidget(label)
                column.addWidget(cell, 1)
                wide.addLayout(column, 2 if spec.type == FieldType.REFS else 1)  # titles need more room than names
            else:
                form.addRow(label, cell)
        if wide.count():
            layout.addLayout(wide, 1)
        else:
            layout.addStretch(1)
        return self._scrolling(page)

    def _label(self, spec: FieldSpec, editor: FieldEditor, taken: set[str]) -> QLabel:
        """The field's label, the buddy of its editor, with the first letter not `taken` on the page
        as its mnemonic: Alt and that letter goes to the field."""
        name = spec.label(self.service.language)
        text = with_mnemonic(name, taken) + (" *" if spec.required else "")
        label = plain_label(text, wrap=False)
        label.setBuddy(editor)
        editor.name_for_screen_readers(spec.label(self.service.language))
        if spec.required:
            label.setToolTip(self.tr("Måste fyllas i"))
        return label

    def _cell(self, spec: FieldSpec, editor: FieldEditor) -> QWidget:
        """The editor with its problem message under it."""
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor, 1)
        error = error_label(cell)
        box.addWidget(error)
        self._editors[spec.name] = editor
        self._errors[spec.name] = error
        return cell

    @staticmethod
    def _scrolling(page: QWidget) -> QScrollArea:
        """Tabs scroll rather than cut fields off when the window is small."""
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; the area scrolls to the focused one
        area.setWidget(page)
        return area

    # --- content ---

    def editor(self, name: str) -> FieldEditor:
        return self._editors[name]

    def content(self) -> Content:
        """What the form holds now, normalised the way the register stores it."""
        return normalise(self.kind, {name: editor.value() for name, editor in self._editors.items()})

    def fill(self, content: Content) -> None:
        """Show `content` in every field, as edits of the user's own (a version from the history)."""
        for name, editor in self._editors.items():
            editor.set_value(content.get(name))
        self._touched.update(self._editors)
        self.sig_edited.emit()
        self.validate_now()

    def set_read_only(self, read_only: bool) -> None:
        for name, editor in self._editors.items():
            editor.set_read_only(read_only or name in self._fixed)

    # --- problems ---

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self._timer.start()
        self.sig_edited.emit()

    def reveal_all_problems(self) -> None:
        """Show the held-back problems too (the user tried to save, or asked what is missing)."""
        self._show_all = True
        self._display()

    def validate_now(self) -> None:
        """Ask the register's rules about the content and show what they say."""
        self._timer.stop()
        unreadable: dict[str, str] = {}
        for name, editor in self._editors.items():
            problem = editor.input_problem()
            if problem:
                unreadable[name] = problem
        found: dict[str, list[str]] = {name: [message] for name, message in unreadable.items()}
        record_level: list[str] = []
        for problem in self.service.problems(self.kind.key, self.content(), self._previous):
            message = problem.message(self.service.language)
            if problem.field in unreadable:
                continue
            if problem.field in self._editors:
                found.setdefault(problem.field, []).append(message)
            else:
                record_level.append(message)
        self._problems, self._record_problems = found, record_level
        self._display()
        self.sig_validated.emit(self.is_valid())

    def _shown(self, name: str) -> bool:
        return self._show_all or name in self._touched

    def _display(self) -> None:
        for name, label in self._errors.items():
            show_message(label, "\n".join(self._problems.get(name, [])) if self._shown(name) else "")
        show_message(self.record_problem_label, "\n".join(self._record_problems))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        flagged = {self._tab_of[name] for name in self._problems if self._shown(name)}
        for index in range(self.tabs.count()):
            self.tabs.setTabIcon(index, warning if index in flagged else QIcon())

    def is_valid(self) -> bool:
        return not self._problems and not self._record_problems

    def has_held_back_problems(self) -> bool:
        return any(not self._shown(name) for name in self._problems)

    def problem_text(self, name: str) -> str:
        """The message shown under the field `name` ("" when none is shown)."""
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""
