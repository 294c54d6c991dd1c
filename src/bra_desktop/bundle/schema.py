"""The bundle format (DESIGN §3, format_version 3): sheets, columns, labels and types.

This module is the one description of a bundle that the writer, the reader and the tests all use:
data-sheet business columns come from the record kinds of `domain/fields.py`; a reference or a
municipality code gets a second, greyed column with the readable name beside it (ignored on import);
the system columns come last. Nothing about columns is written anywhere else.

Format 2 added the municipalities' follow-ups (Kommunuppföljningar) and the länsstyrelser's
redovisningar (Redovisningar); format 3 added fields to existing kinds (a network's members,
convener and meeting cadence, a commitment's municipalities, the länsstyrelse's role and further
target groups of an activity, a problem area's national theme). A bundle of an earlier format lacks
the sheets and the columns added since (`DataSheet.since_format`, `FieldSpec.since_format`) and is
read without them, its records keeping the register's values of what it lacks; a bundle of a later
format is refused with "uppdatera programmet".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bra_desktop.domain.fields import KINDS, FieldSpec, FieldType, RecordKind

FORMAT = "bra-paket"
FORMAT_VERSION = 3
INFO_SHEET = "Info"
CODE_SHEET = "Kodlistor"
CODE_SHEET_EN = "Code lists"
LIST_SEPARATOR = "; "


class ColumnRole(StrEnum):
    BUSINESS = "business"  # a field of the record: read on import
    READABLE = "readable"  # the name beside a code or id, for people: ignored on import
    SYSTEM = "system"  # id, origin, version …: greyed, "do not edit"


class SystemField(StrEnum):
    ID = "id"
    ORIGIN = "origin"
    VERSION = "version"
    UPDATED_AT = "updated_at"
    UPDATED_BY = "updated_by"
    DELETED = "deleted"
    ROW_HASH = "row_hash"


_SYSTEM_LABELS: dict[SystemField, tuple[str, str]] = {
    SystemField.ID: ("id", "id"),
    SystemField.ORIGIN: ("ursprung", "origin"),
    SystemField.VERSION: ("version", "version"),
    SystemField.UPDATED_AT: ("ändrad", "changed"),
    SystemField.UPDATED_BY: ("ändrad_av", "changed_by"),
    SystemField.DELETED: ("borttagen", "deleted"),
    SystemField.ROW_HASH: ("radkontroll", "row_check"),
}


@dataclass(frozen=True)
class Column:
    key: str
    """Field name (business), field name + ':name' (readable) or a SystemField value."""
    label_sv: str
    label_en: str
    role: ColumnRole
    field: FieldSpec | None = None
    width: float = 14

    @property
    def labels(self) -> tuple[str, str]:
        return (self.label_sv, self.label_en)

    @property
    def holds_text(self) -> bool:
        """Whether the column's cells are text, not numbers or dates (`cells.TEXT_FORMAT`)."""
        return self.key != SystemField.VERSION and (self.field is None or self.field.type not in _NOT_TEXT_TYPES)


@dataclass(frozen=True)
class DataSheet:
    name: str
    name_en: str
    kind: RecordKind
    columns: tuple[Column, ...]

    @property
    def since_format(self) -> int:
        """The format version that added the sheet: a bundle of an earlier one does not have it."""
        return self.kind.since_format

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def business_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role == ColumnRole.BUSINESS)


_WIDTHS = {
    FieldType.TEXT: 34, FieldType.LONG_TEXT: 50, FieldType.DATE: 12, FieldType.INTEGER: 10,
    FieldType.CODE: 18, FieldType.CODES: 24, FieldType.MUNICIPALITY: 8, FieldType.MUNICIPALITIES: 16,
    FieldType.REF: 38, FieldType.REFS: 40, FieldType.ORG_NUMBER: 14, FieldType.EMAIL: 26, FieldType.PHONE: 16,
}
_READABLE = {FieldType.REF, FieldType.REFS, FieldType.MUNICIPALITY, FieldType.MUNICIPALITIES}
_NOT_TEXT_TYPES = {FieldType.DATE, FieldType.INTEGER}


def _columns(kind: RecordKind) -> tuple[Column, ...]:
    columns: list[Column] = []
    for spec in kind.fields:
        columns.append(Column(spec.name, spec.label_sv, spec.label_en, ColumnRole.BUSINESS, spec, _WIDTHS[spec.type]))
        if spec.type in _READABLE:
            columns.append(Column(
                f"{spec.name}:name", f"{spec.label_sv} (namn)", f"{spec.label_en} (name)",
                ColumnRole.READABLE, spec, 30,
            ))
    for system, (sv, en) in _SYSTEM_LABELS.items():
        width = {SystemField.ID: 38, SystemField.ROW_HASH: 20, SystemField.UPDATED_AT: 22}.get(system, 11)
        columns.append(Column(system.value, sv, en, ColumnRole.SYSTEM, None, width))
    return tuple(columns)


DATA_SHEETS: tuple[DataSheet, ...] = tuple(
    DataSheet(KINDS[key].plural_sv, KINDS[key].plural_en, KINDS[key], _columns(KINDS[key]))
    for key in ("activity", "commitment", "problem_area", "network", "organisation", "follow_up", "county_report")
)
"""The data sheets in bundle order: Aktiviteter, Åtaganden, Problemområden, Nätverk, Organisationer,
Kommunuppföljningar, Redovisningar (the last two added by format 2)."""

SHEET_ORDER: tuple[str, ...] = (INFO_SHEET, *(s.name for s in DATA_SHEETS), CODE_SHEET)

CODE_COLUMNS: tuple[Column, ...] = (
    Column("list_name", "lista", "list", ColumnRole.BUSINESS, width=18),
    Column("code", "kod", "code", ColumnRole.BUSINESS, width=22),
    Column("label_sv", "etikett_sv", "label_sv", ColumnRole.BUSINESS, width=44),
    Column("label_en", "etikett_en", "label_en", ColumnRole.BUSINESS, width=44),
    Column("active", "aktiv", "active", ColumnRole.BUSINESS, width=8),
)


def sheet_for_kind(kind_key: str) -> DataSheet:
    return next(s for s in DATA_SHEETS if s.kind.key == kind_key)


class InfoKey(StrEnum):
    FORMAT = "format"
    FORMAT_VERSION = "format_version"
    BUNDLE_ID = "bundle_id"
    PRODUCER = "producer"
    PRODUCER_NAME = "producer_name"
    CREATED_AT = "created_at"
    APP_VERSION = "app_version"
    SCOPE = "scope"
    PERSONAL_DATA = "personal_data"
    SIGNER_KEY = "signer_key"
    """The public key of the register that made the bundle (`signing.py`)."""
    SIGNATURE = "signature"


def fields_not_carried(kind: RecordKind, *, personal_data: bool, format_version: int = FORMAT_VERSION) -> frozenset[str]:
    """The fields of `kind` that a bundle's rows do not hold, so that its records keep the
    register's values of them: contact details, unless the bundle was made with them (Info
    `kontaktuppgifter`), and the fields a later format than the bundle's added."""
    return frozenset(spec.name for spec in kind.fields
                     if (spec.personal and not personal_data) or spec.since_format > format_version)


def rows_key(sheet: DataSheet) -> str:
    """Info key holding a data sheet's row count."""
    return f"rader:{sheet.name}"


def hash_key(sheet: DataSheet) -> str:
    """Info key holding the SHA-256 of a data sheet's canonical content."""
    return f"sha256:{sheet.name}"


def part_hash_key(sheet: DataSheet) -> str:
    """Info key holding the SHA-256 of a data sheet's XML as the app wrote it: a sheet whose XML is
    byte for byte the same was not edited. (Readers that do not know the key pass it by.)"""
    return f"sha256-xml:{sheet.name}"


CODE_LISTS_HASH_KEY = f"sha256:{CODE_SHEET}"
"""Info key holding the SHA-256 of the code lists as written (`digest.code_lists_sha256`)."""


def signed_info_keys() -> tuple[str, ...]:
    """The Info keys a bundle's signature covers: every key but the signature itself."""
    per_sheet = (key(sheet) for sheet in DATA_SHEETS for key in (rows_key, hash_key, part_hash_key))
    return (*(key.value for key in InfoKey if key != InfoKey.SIGNATURE), *per_sheet, CODE_LISTS_HASH_KEY)


INFO_TEXT: tuple[str, ...] = (
    "Brå-paket: register över regionalt brottsförebyggande nätverksarbete.",
    "Paketet skickas mellan länsstyrelserna och Brå och läses in i programmet bra-desktop.",
    "Du får ändra uppgifter i flikarna och lägga till rader (lämna id tomt för en ny post).",
    "Ändra inte de grå kolumnerna (id, ursprung, version, ändrad, ändrad_av, borttagen, radkontroll).",
    "Kolumner med kod tar värden från fliken Kodlistor; flera värden skiljs åt med semikolon (0180; 0181).",
)
