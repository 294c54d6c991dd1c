"""Which editor a field gets, from its `FieldSpec` alone: the one place that maps types to widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from bra_desktop.domain.fields import FieldSpec, FieldType
from bra_desktop.ui.forms.choice_editors import ChecklistEditor, ComboEditor
from bra_desktop.ui.forms.choices import code_choices, municipality_choices, record_choices
from bra_desktop.ui.forms.editors import DateEditor, FieldEditor, IntegerEditor, LineEditor, LongTextEditor
from bra_desktop.ui.service import RegisterService

_PLACEHOLDERS = {
    FieldType.ORG_NUMBER: QT_TRANSLATE_NOOP("FieldEditor", "NNNNNN-NNNN"),
    FieldType.EMAIL: QT_TRANSLATE_NOOP("FieldEditor", "namn@exempel.se"),
    FieldType.PHONE: QT_TRANSLATE_NOOP("FieldEditor", "08-123 456 78"),
}
"""Examples of the expected form, translated when an editor is made (after translators load)."""


def _kept(spec: FieldSpec, current: Any) -> tuple[str, ...]:
    """The stored values of the field, which its choices must include whatever their state."""
    if spec.multi:
        return tuple(current or ())
    return (current,) if current else ()


def editor_for(service: RegisterService, spec: FieldSpec, current: Any = None) -> FieldEditor:
    """A new editor for `spec`, offering what the register holds plus the record's `current` value."""
    kind = spec.type
    keep = _kept(spec, current)
    if kind in (FieldType.TEXT, FieldType.EMAIL, FieldType.PHONE, FieldType.ORG_NUMBER):
        placeholder = _PLACEHOLDERS.get(kind)
        return LineEditor(QCoreApplication.translate("FieldEditor", placeholder) if placeholder else "")
    if kind == FieldType.LONG_TEXT:
        return LongTextEditor()
    if kind == FieldType.INTEGER:
        return IntegerEditor()
    if kind == FieldType.DATE:
        return DateEditor()
    if kind == FieldType.CODE:
        return ComboEditor(code_choices(service, spec.code_list or "", keep), searchable=False)
    if kind == FieldType.CODES:
        return ChecklistEditor(code_choices(service, spec.code_list or "", keep), filterable=False)
    if kind == FieldType.MUNICIPALITY:
        return ComboEditor(municipality_choices(service), searchable=True)
    if kind == FieldType.MUNICIPALITIES:
        return ChecklistEditor(municipality_choices(service), filterable=True)
    if kind == FieldType.REF:
        return ComboEditor(record_choices(service, spec.ref_kind or "", keep), searchable=True)
    if kind == FieldType.REFS:
        return ChecklistEditor(record_choices(service, spec.ref_kind or "", keep), filterable=True)
    raise ValueError(f"No editor for field type {kind}")
