"""The import preview's tree: what the plan does, grouped by kind of change, down to each field.

Three levels: a group per kind of change (conflicts first), the records in it, and each record's
fields: "I registret" (local), "I filen" (incoming), "Senast utbytt" (the base) and which side the
result takes. A national bundle can carry hundreds of thousands of new records, so nothing is
copied: rows are positions in the plan's own lists, and a record's field rows are made only when
it is expanded. Deciding a conflict goes through the plan (`PlannedRecord.decide`) and tells the
view exactly which rows changed.

Index ids: 0 for a group row; `g + 1` for a record row in group `g`; `_FIELD_BASE + k` for a field
row of the `k`-th record (counting through all groups).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal,
)
from PySide6.QtGui import QColor, QFont

from bra_desktop.bundle.plan import DELETED_FIELD, INCOMING, LOCAL, Action, Choice, FieldDiff, ImportPlan, PlannedRecord
from bra_desktop.bundle.report import display, field_label
from bra_desktop.domain.fields import KINDS, FieldType
from bra_desktop.ui.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

GROUP_ORDER = (Action.CONFLICT, Action.UPDATE, Action.MERGE, Action.DELETE, Action.NEW, Action.KEEP_LOCAL)
"""The groups shown, conflicts first; unchanged records are only counted, rejected rows are problems."""

TITLE, LOCAL_COLUMN, INCOMING_COLUMN, BASE_COLUMN, CHOICE_COLUMN, NOTES_COLUMN = range(6)
_HEADERS = (
    QT_TRANSLATE_NOOP("PlanTreeModel", "Post / fält"),
    QT_TRANSLATE_NOOP("PlanTreeModel", "I registret"),
    QT_TRANSLATE_NOOP("PlanTreeModel", "I filen"),
    QT_TRANSLATE_NOOP("PlanTreeModel", "Senast utbytt"),
    QT_TRANSLATE_NOOP("PlanTreeModel", "Val"),
    QT_TRANSLATE_NOOP("PlanTreeModel", "Notering"),
)
_FIELD_BASE = 16

UNDECIDED = QColor("#fde2a7")
"""Background of a conflict still to decide."""
DECIDED = QColor("#d7ecd9")
"""Background of a decided conflict."""
_ON_COLOUR = QColor("#1a1a1a")
"""Text on those backgrounds, readable in a dark theme too."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanTreeModel", text)


class FieldRow(NamedTuple):
    """One field of a record as the tree shows it; `diff` is None for a new record's values."""

    field: str
    local: Any
    incoming: Any
    base: Any
    diff: FieldDiff | None


def field_rows(record: PlannedRecord) -> list[FieldRow]:
    """The differing fields of a record, or for a new record the values it arrives with."""
    if record.action == Action.NEW and record.incoming is not None:
        content = record.incoming.content
        return [FieldRow(spec.name, None, content.get(spec.name), None, None)
                for spec in KINDS[record.kind_key].fields if content.get(spec.name) not in (None, "", ())]
    return [FieldRow(d.field, d.local, d.incoming, d.base, d) for d in record.diffs]


def _tooltip(text: str | None) -> str | None:
    """The whole text of a cell too long for its column (a description, many municipalities)."""
    return plain_tooltip(text, wrap=True) if text and (len(text) > 40 or "\n" in text) else None


def action_heading(action: Action, language: str) -> str:
    """A kind of change as a heading: "Nya", "Behåller din version"."""
    label = action.label_en if language == "en" else action.label_sv
    return f"{label[0].upper()}{label[1:]}"


def choice_text(choice: Choice | None) -> str:
    return {
        LOCAL: QCoreApplication.translate("PlanTreeModel", "Min version"),
        INCOMING: QCoreApplication.translate("PlanTreeModel", "Filens version"),
        None: QCoreApplication.translate("PlanTreeModel", "Att avgöra"),
    }[choice]


class PlanTreeModel(QAbstractItemModel):
    """Read-only tree over an `ImportPlan`; conflicts are decided through `decide` and `decide_all`."""

    sig_decided = Signal()
    """A conflict was decided (or changed its mind): whoever shows whether Import is possible re-checks."""

    def __init__(self, plan: ImportPlan, language: str = "sv", parent: QObject | None = None,
                 title: Callable[[str, str], str | None] | None = None,
                 labels: Callable[[], dict[tuple[str, str], str]] | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._language = language
        self._stored_title = title
        """Kind, id → the register's title of that record: links are shown by name."""
        self._planned: dict[str, PlannedRecord] | None = None
        """The plan's records by id, made when a link is first shown (`_title`)."""
        self._looked_up: dict[str, str | None] = {}
        """Titles asked of the register, each once."""
        self._labels = labels
        """(list, code) → label, read when first needed: codes are shown by their labels."""
        self._labelled: dict[tuple[str, str], str] | None = None
        by_action: dict[Action, list[PlannedRecord]] = {action: [] for action in GROUP_ORDER}
        for record in plan.records:
            if record.action in by_action:
                by_action[record.action].append(record)
        self._groups = [(action, records) for action, records in by_action.items() if records]
        self._records = [record for _, records in self._groups for record in records]
        self._offsets: list[int] = []
        self._positions: dict[int, tuple[int, int]] = {}
        """id(record) → (group, row): records are found by identity, never by comparing contents."""
        start = 0
        for g, (_, records) in enumerate(self._groups):
            self._offsets.append(start)
            start += len(records)
            self._positions.update((id(record), (g, row)) for row, record in enumerate(records))
        self._fields: dict[int, list[FieldRow]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # --- positions ---

    def _fields_of(self, k: int) -> list[FieldRow]:
        rows = self._fields.get(k)
        if rows is None:
            rows = self._fields[k] = field_rows(self._records[k])
        return rows

    def _record_number(self, index: Index) -> int | None:
        """The position in `_records` of the record a record row shows."""
        ident = index.internalId()
        if not index.isValid() or not 0 < ident < _FIELD_BASE:
            return None
        return self._offsets[ident - 1] + index.row()

    def record_at(self, index: Index) -> PlannedRecord | None:
        """The record of a record row, or of a field row's record."""
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident >= _FIELD_BASE:
            return self._records[ident - _FIELD_BASE]
        number = self._record_number(index)
        return None if number is None else self._records[number]

    def field_at(self, index: Index) -> FieldRow | None:
        if not index.isValid() or index.internalId() < _FIELD_BASE:
            return None
        return self._fields_of(index.internalId() - _FIELD_BASE)[index.row()]

    def group_index(self, action: Action) -> QModelIndex:
        for row, (group_action, _) in enumerate(self._groups):
            if group_action == action:
                return self.index(row, 0)
        return QModelIndex()

    def record_index(self, record: PlannedRecord, column: int = 0) -> QModelIndex:
        position = self._positions.get(id(record))
        if position is None:
            return QModelIndex()
        g, row = position
        return self.createIndex(row, column, g + 1)

    # --- Qt's model interface ---

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        ident = parent.internalId()
        if ident == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, _FIELD_BASE + self._offsets[ident - 1] + parent.row())

    def parent(self, index: Index | None = None) -> QModelIndex:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        ident = index.internalId()
        if ident < _FIELD_BASE:
            return self.createIndex(ident - 1, 0, 0)
        k = ident - _FIELD_BASE
        g = bisect_right(self._offsets, k) - 1
        return self.createIndex(k - self._offsets[g], 0, g + 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0:
            return 0
        ident = parent.internalId()
        if ident == 0:
            return len(self._groups[parent.row()][1])
        if ident < _FIELD_BASE:
            return len(self._fields_of(self._offsets[ident - 1] + parent.row()))
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(_HEADERS):
            return _tr(_HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ident = index.internalId()
        if ident == 0:
            return self._group_data(index, role)
        if ident < _FIELD_BASE:
            number = self._record_number(index)
            assert number is not None
            return self._record_data(self._records[number], index.column(), role)
        record = self._records[ident - _FIELD_BASE]
        return self._field_data(record, self._fields_of(ident - _FIELD_BASE)[index.row()], index.column(), role)

    def _group_data(self, index: Index, role: int) -> Any:
        action, records = self._groups[index.row()]
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == TITLE:
            return f"{action_heading(action, self._language)} ({len(records)})"
        if index.column() == CHOICE_COLUMN and action == Action.CONFLICT:
            left = sum(1 for record in records if record.undecided)
            if left:
                return QCoreApplication.translate("PlanTreeModel", "%1 att avgöra").replace("%1", str(left))
            return QCoreApplication.translate("PlanTreeModel", "Alla avgjorda")
        return None

    def _record_data(self, record: PlannedRecord, column: int, role: int) -> Any:
        conflict = record.action == Action.CONFLICT
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return f"{KINDS[record.kind_key].label(self._language)} «{record.title}»"
            if column == CHOICE_COLUMN and conflict:
                return choice_text(None) if record.undecided else QCoreApplication.translate("PlanTreeModel", "Avgjord")
            if column == CHOICE_COLUMN and record.missing:
                return choice_text(record.decidable[0].choice)
            if column == NOTES_COLUMN:
                return "; ".join(record.notes)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(self._record_data(record, column, Qt.ItemDataRole.DisplayRole))
        if conflict:
            return self._highlight(record.undecided, role)
        return None

    def _field_data(self, record: PlannedRecord, row: FieldRow, column: int, role: int) -> Any:
        values = {LOCAL_COLUMN: row.local, INCOMING_COLUMN: row.incoming, BASE_COLUMN: row.base}
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return field_label(record.kind_key, row.field, self._language)
            if column in values:
                if row.diff is None and column != INCOMING_COLUMN:
                    return ""
                return display(self._by_name(record, row.field, values[column]), self._language)
            if column == CHOICE_COLUMN and row.diff is not None:
                return choice_text(row.diff.choice)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(self._field_data(record, row, column, Qt.ItemDataRole.DisplayRole))
        if row.diff is not None and row.diff.conflict:
            return self._highlight(row.diff.choice is None, role)
        return None

    def _by_name(self, record: PlannedRecord, field: str, value: Any) -> Any:
        """A link's value as the titles of the records it leads to, a code's as its label (the
        value itself where none is known)."""
        spec = KINDS[record.kind_key].field(field) if field != DELETED_FIELD else None
        if spec is None or not value:
            return value
        if spec.type in (FieldType.REF, FieldType.REFS):
            name = partial(self._title, spec.ref_kind or "")
        elif spec.type in (FieldType.CODE, FieldType.CODES) and self._labels is not None:
            name = partial(self._label, spec.code_list or "")
        else:
            return value
        return tuple(map(name, value)) if isinstance(value, tuple) else name(value)

    def _label(self, list_name: str, code: str) -> str:
        if self._labelled is None:
            self._labelled = self._labels() if self._labels is not None else {}
        return self._labelled.get((list_name, code), code)

    def _title(self, kind_key: str, record_id: str) -> str:
        """A linked record's title: from the plan if it is one of its records, else the register's."""
        if self._planned is None:
            self._planned = {record.record_id: record for record in self.plan.records}
        planned = self._planned.get(record_id)
        if planned is not None:
            return planned.title
        if record_id not in self._looked_up and self._stored_title is not None:
            self._looked_up[record_id] = self._stored_title(kind_key, record_id)
        return self._looked_up.get(record_id) or record_id

    def _highlight(self, undecided: bool, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return UNDECIDED if undecided else DECIDED
        if role == Qt.ItemDataRole.ForegroundRole:
            return _ON_COLOUR
        return None

    # --- deciding conflicts ---

    def can_decide(self, index: Index) -> bool:
        """Whether a choice made on this row decides anything: a conflict's record or conflicting
        field, or a record missing from the file (kept or deleted)."""
        record = self.record_at(index)
        if record is None or not record.decidable:
            return False
        row = self.field_at(index)
        return row is None or any(row.diff is diff for diff in record.decidable)

    def decide(self, index: Index, choice: Choice) -> None:
        """Keep mine or take the file's, for the conflicting field on this row or the whole record."""
        if not self.can_decide(index):
            return
        record = self.record_at(index)
        assert record is not None
        row = self.field_at(index)
        record.decide(choice, row.field if row is not None else None)
        self._record_changed(record)
        self._group_changed()
        self.sig_decided.emit()

    def decide_all(self, choice: Choice) -> None:
        """The same choice for every conflict of the plan."""
        self.plan.decide_all(choice)
        for record in self.plan.conflicts:
            self._record_changed(record)
        self._group_changed()
        self.sig_decided.emit()

    def _record_changed(self, record: PlannedRecord) -> None:
        first = self.record_index(record)
        if not first.isValid():
            return
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
        self.dataChanged.emit(first, first.siblingAtColumn(NOTES_COLUMN), roles)
        k = self._record_number(first)
        if k in self._fields and self._fields[k]:
            self.dataChanged.emit(self.index(0, 0, first), self.index(len(self._fields[k]) - 1, NOTES_COLUMN, first), roles)

    def _group_changed(self) -> None:
        group = self.group_index(Action.CONFLICT)
        if group.isValid():
            self.dataChanged.emit(group.siblingAtColumn(CHOICE_COLUMN), group.siblingAtColumn(CHOICE_COLUMN),
                                  [Qt.ItemDataRole.DisplayRole])
