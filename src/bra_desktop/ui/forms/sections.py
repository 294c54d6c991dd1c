"""How a form groups its fields into tabs, decided from each field's description.

Grouping by type rather than per kind keeps one rule for every form and keeps the biggest on a
1366×768 screen: short facts first, long texts together, links to other records side by side, and
personal data apart under its own heading. A kind whose fields belong together by subject names
the part instead (`FieldSpec.form_part`): a municipality's follow-up has the year at a glance
first, then a tab for each requirement of the law; a redovisning has its texts two to a tab.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from bra_desktop.domain.fields import FieldSpec, FieldType


class Section(Enum):
    BASIC = QT_TRANSLATE_NOOP("RecordForm", "Grunduppgifter")
    COORDINATION = QT_TRANSLATE_NOOP("RecordForm", "Samordningsfunktion")
    PLAN = QT_TRANSLATE_NOOP("RecordForm", "Lägesbild och åtgärdsplan")
    POLICE = QT_TRANSLATE_NOOP("RecordForm", "Polisen och metoder")
    SUPPORT = QT_TRANSLATE_NOOP("RecordForm", "Stöd och anteckningar")
    ASSESSMENT = QT_TRANSLATE_NOOP("RecordForm", "Bedömning och prioriteringar")
    COUNTY = QT_TRANSLATE_NOOP("RecordForm", "Läget i länet")
    RESOURCES = QT_TRANSLATE_NOOP("RecordForm", "Resurser och utveckling")
    DESCRIPTION = QT_TRANSLATE_NOOP("RecordForm", "Beskrivning")
    LINKS = QT_TRANSLATE_NOOP("RecordForm", "Kopplingar")
    CONTACT = QT_TRANSLATE_NOOP("RecordForm", "Kontaktuppgifter")

    @property
    def title(self) -> str:
        return QCoreApplication.translate("RecordForm", self.value)


_LINK_TYPES = {FieldType.REF, FieldType.REFS, FieldType.MUNICIPALITIES}
_WIDE_TYPES = {FieldType.LONG_TEXT, FieldType.REFS, FieldType.MUNICIPALITIES}


_PARTS = {"coordination": Section.COORDINATION, "plan": Section.PLAN, "police": Section.POLICE,
          "support": Section.SUPPORT, "assessment": Section.ASSESSMENT, "county": Section.COUNTY,
          "resources": Section.RESOURCES}


def section_of(spec: FieldSpec) -> Section:
    if spec.personal:
        return Section.CONTACT
    if spec.form_part:
        return _PARTS[spec.form_part]
    if spec.type == FieldType.LONG_TEXT:
        return Section.DESCRIPTION
    if spec.type in _LINK_TYPES:
        return Section.LINKS
    return Section.BASIC


def is_wide(spec: FieldSpec) -> bool:
    """Fields that need room (long text, searchable lists): label above, not beside."""
    return spec.type in _WIDE_TYPES


def sections(fields: tuple[FieldSpec, ...]) -> dict[Section, list[FieldSpec]]:
    """The kind's fields by section, sections in tab order, empty ones left out."""
    grouped: dict[Section, list[FieldSpec]] = {section: [] for section in Section}
    for spec in fields:
        grouped[section_of(spec)].append(spec)
    return {section: specs for section, specs in grouped.items() if specs}
