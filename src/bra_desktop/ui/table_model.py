"""The record tables' Qt models: an ordered list of ids, and display rows fetched a block at a time.

Brå's national register holds about 200,000 activities. A model that loaded them all would take
seconds and hundreds of megabytes, so, like Anki's browser (`qt/aqt/browser/table/model.py`), the
model keeps only the ids in display order (sorted by SQL, filtered and searched in memory by
`store.listing` so that choosing a filter and typing stay instant) and a bounded cache of display rows,
fetched a block at a time (`BLOCK_ROWS`) when the view first asks for one. Changes are told to the view precisely (rows changed, inserted, removed or
moved) so that selection and scroll position survive an edit.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count
from operator import ne
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from sqlalchemy.orm import Session

from bra_desktop.changes import Changes
from bra_desktop.domain.fields import FieldType
from bra_desktop.store import queries
from bra_desktop.store.listing import RecordListing
from bra_desktop.store.queries import DisplayRow
from bra_desktop.ui.plain_text import plain_tooltip
from bra_desktop.ui.service import RegisterService

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole
"""data() role that gives the record id of a row."""

BLOCK_ROWS = 50
"""Display rows fetched together. A screen (25 to 40 rows) takes one block or two: at national scale
50 rows take 4 ms and 200 take 15, and after each keystroke of a search the view waits for the
new top rows before it paints."""
CACHE_ROWS = 5_000
FIRST_ROWS = 100
"""Rows that fill a screen: a search that scans more than one slice of the records shows them as
soon as they are found, and the rest as the search goes on."""
FEW_MOVED = 20
"""Records whose rows Qt keeps track of (`_move_rows`) that are each looked for in a new order, a
pass over the ids in C; for more, every row's new place is worked out at once."""
LARGE_TABLE = 20_000
"""Records from which a table is large. It shows this many first and reads the ids of the rest once
its view has painted them (`painted`), as a long search goes on; and it reads what it filters and
searches on ahead (`_read_ahead`). A smaller table reads every id at once, and the first filter or
search reads the rest quickly."""
READ_AHEAD_AFTER_MS = 500
"""The read-ahead starts once the window is up: begun at once, it shared the GIL with the first
paint (a tenth of a second later at 200,000 activities), and nobody types in the first half second."""

QUIET_SECONDS = 0.5
"""How long a person has not searched, filtered or sorted a large table before it reads ahead what
it sorts by (`_Quiet`)."""

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class _Quiet:
    """When a person last asked a table for something (a search, a filter, a sort), for the
    read-ahead on its own thread to wait for a quiet moment: what a table sorts by is seconds of
    work that holds the GIL in parts, and read while a person types it shared the GIL with their
    answers (`make bench`'s filter changes half again as slow, over their 100 ms)."""

    def __init__(self) -> None:
        self.asked_at = float("-inf")

    def ask(self) -> None:
        self.asked_at = time.monotonic()

    def wait(self) -> None:
        """Until nothing has been asked for `QUIET_SECONDS` (at once if nothing has)."""
        while (left := self.asked_at + QUIET_SECONDS - time.monotonic()) > 0:
            time.sleep(left)


@dataclass(frozen=True)
class Restriction:
    """A filter the table's own filters cannot express, such as one bar of a dashboard chart.

    `ids` is asked afresh on every query (so records added later that match appear too) and the
    table shows the records that match both it and the filters; `label` tells the user what is shown.
    """

    label: str
    ids: Callable[[Session], Collection[str]]


class RecordTableModel(QAbstractTableModel):
    """The records of one kind that match the current search, filters and sort.

    Holds only the ordered ids and a least-recently-used cache of at most `CACHE_ROWS` display
    rows. A sort re-runs the id query in SQL; filters and search narrow the listing in memory.
    """

    sig_count_changed = Signal(int)
    """The number of matching records, after every new query."""

    def __init__(
        self,
        service: RegisterService,
        kind_key: str,
        sort: tuple[str, bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._kind = kind_key
        self._columns = queries.columns(kind_key)
        self._shows_names_of = {c.spec.ref_kind for c in self._columns if c.spec is not None and c.spec.ref_kind}
        self._search = ""
        self._filters: dict[str, Any] = {}
        self._include_deleted = False
        self._restriction: Restriction | None = None
        self._sort_field, self._descending = sort or queries.DEFAULT_SORT[kind_key]
        self._cache: OrderedDict[str, DisplayRow] = OrderedDict()
        self._positions: dict[str, int] | None = None
        self._id_set: set[str] | None = None
        """The ids shown, as a set, made when first needed: a sort asks whether its answer holds them."""
        self._listing = RecordListing(service.register, kind_key)
        self._quiet = _Quiet()
        self._finding: tuple[Iterator[tuple[list[str], bool]], Sequence[str]] | None = None
        """A search still going on: what the listing finds next, a slice per turn of the event loop,
        and the records changed since the rows were last told to the view."""
        self._find_timer = QTimer(self, singleShot=True, interval=0)
        self._find_timer.timeout.connect(self._find_on)
        self._ids: list[str] = []
        self._start()
        self._read_ahead()
        service.sig_changed.connect(self._on_changed)

    # --- what is shown ---

    @property
    def kind_key(self) -> str:
        return self._kind

    @property
    def columns(self) -> tuple[queries.Column, ...]:
        return self._columns

    @property
    def sort_field(self) -> str:
        return self._sort_field

    @property
    def descending(self) -> bool:
        return self._descending

    def sort_column(self) -> int:
        return next(i for i, c in enumerate(self._columns) if c.key == self._sort_field)

    def record_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, record_id: str) -> int | None:
        if self._positions is None:
            self._positions = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._positions.get(record_id)

    # --- search, filters and sort: all ask the listing again ---

    @property
    def searching(self) -> bool:
        """Whether the table is still finding rows (those shown so far come first in its answer):
        a long search, or a large table's start."""
        return self._finding is not None

    def painted(self) -> None:
        """The view has painted the rows shown: a large table's start reads the rest of its ids now,
        after its first screenful is on screen (a search goes on by its own timer)."""
        if self._finding is not None and not self._find_timer.isActive():
            self._find_timer.start()

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self._requery()

    def set_filter(self, key: str, value: Any) -> None:
        if self._filters.get(key) != value:
            self._filters[key] = value
            self._requery()

    def set_include_deleted(self, include: bool) -> None:
        if include != self._include_deleted:
            self._include_deleted = include
            self._requery()

    @property
    def restriction(self) -> Restriction | None:
        return self._restriction

    def show_only(self, filters: dict[str, Any], restriction: Restriction | None = None) -> None:
        """Show just what matches `filters` and `restriction` (no search, no deleted records) in one
        query: a dashboard's click-through."""
        self._search = ""
        self._filters = dict(filters)
        self._include_deleted = False
        self._restriction = restriction
        self._requery()

    def set_restriction(self, restriction: Restriction | None) -> None:
        if restriction != self._restriction:
            self._restriction = restriction
            self._requery()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        field = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (field, descending) != (self._sort_field, self._descending):
            self._sort_field, self._descending = field, descending
            self._requery()

    def reload(self) -> None:
        """Query everything afresh (the register was replaced, or much of this kind changed)."""
        self.beginResetModel()
        self._finding = None
        self._cache.clear()
        self._listing = RecordListing(self._service.register, self._kind)
        self._set_ids(self._query())
        self._read_ahead()
        self.endResetModel()
        self.sig_count_changed.emit(len(self._ids))

    def _read_ahead(self) -> None:
        """At national scale, read what every record is filtered and searched on, then (in a quiet
        moment: `_Quiet`) what it sorts by, on a thread of its own, once the window is up, so that
        the first filter, keystroke of a search or click on a column header does not wait for the
        database. (On two threads the reads took longer each: turning rows into Python objects
        holds the GIL.)"""
        if len(self._ids) < LARGE_TABLE:
            return
        listing, quiet = self._listing, self._quiet

        def read() -> None:
            try:
                listing.prepare()
                quiet.wait()
                listing.prepare_sorts(pause=quiet.wait)
            except Exception:  # noqa: BLE001 (the register closed meanwhile): the first filter or search reads it
                log.debug("Reading a table's values ahead failed", exc_info=True)

        def start() -> None:
            threading.Thread(target=read, name=f"listing-{self._kind}", daemon=True).start()

        QTimer.singleShot(READ_AHEAD_AFTER_MS, self, start)  # not at all if the model is gone by then

    def _requery(self, changed: Sequence[str] = ()) -> None:
        """Ask the listing again and show its answer (`changed`: records whose rows changed).

        A search that scans more than one slice of the records shows the first screenful as soon
        as it is found and finds the rest a slice per turn of the event loop: at national scale a
        whole scan takes up to 80 ms, and the next keystroke stops it. Rows already at the top of
        the table that the search keeps are left as they are until it ends.
        """
        self._quiet.ask()
        self._finding = None
        finding = self._find()
        for found, done in finding:
            if done:
                self._apply(found, changed)
                return
            if len(found) >= FIRST_ROWS:
                break
        if found != self._ids[: len(found)]:
            self._apply(list(found), changed, counted=False)
            changed = ()
        self._finding = (finding, changed)
        self._find_timer.start()

    def _find_on(self) -> None:
        """The next slice of a search going on; its whole answer once it ends."""
        if self._finding is None:  # stopped by a newer question
            return
        finding, changed = self._finding
        found, done = next(finding)
        if done:
            self._finding = None
            self._apply(found, changed)
        else:
            self._find_timer.start()

    def _start(self) -> None:
        """The first rows: every one of a small table; of a large one, the first `LARGE_TABLE`,
        and the rest once they are painted (`painted`)."""
        finding = self._find(first=LARGE_TABLE)
        found, done = next(finding)
        self._set_ids(found)
        if not done:
            self._finding = (finding, ())

    def _query(self) -> list[str]:
        """The whole answer at once."""
        for found, _done in self._find():
            pass
        return found

    def _find(self, first: int | None = None) -> Iterator[tuple[list[str], bool]]:
        """What the listing finds for the search, filters and sort (see `RecordListing.found`, also
        for `first`), within the restriction."""
        finding = self._listing.found(search=self._search, filters=self._filters, sort_field=self._sort_field,
                                      descending=self._descending, include_deleted=self._include_deleted,
                                      first=first)
        if self._restriction is None:
            return finding
        allowed = set(self._service.read(self._restriction.ids))
        return _within(allowed, finding)

    # --- telling the view what changed ---

    def _on_changed(self, changes: Changes) -> None:
        if changes.rereads(self._kind):
            self.reload()
        elif ids := list(changes.ids(self._kind)):
            for record_id in ids:
                self._cache.pop(record_id, None)
            self._listing.forget(ids, names_changed=changes.touches(self._shows_names_of))
            self._requery(changed=ids)
        elif changes.touches(self._shows_names_of):  # a network or organisation renamed: names and their order
            self._cache.clear()
            self._listing.forget([])
            self._requery()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))

    def _apply(self, new_ids: list[str], changed: Sequence[str] = (), *, counted: bool = True) -> None:
        """Show `new_ids`, telling the view as precisely as possible what moved (`counted`: and
        how many records match; not for the first rows of a search going on)."""
        old_ids = self._ids
        changed = [record_id for record_id in changed if self.row_of(record_id) is not None]  # not new ones
        if new_ids == old_ids:
            pass
        elif self._shows_just(new_ids):
            self._move_rows(new_ids)
        elif not self._insert_or_remove_one_run(old_ids, new_ids):
            self.beginResetModel()
            self._set_ids(new_ids)
            self.endResetModel()
        for record_id in changed:
            row = self.row_of(record_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
        if counted:
            self.sig_count_changed.emit(len(self._ids))

    def _shows_just(self, ids: list[str]) -> bool:
        """Whether `ids` are the records shown, in any order (at national scale a sort's answer is
        200,000 of them, and the set of those shown is kept from one sort to the next)."""
        if len(ids) != len(self._ids):
            return False
        if self._id_set is None:
            self._id_set = set(self._ids)
        return self._id_set.issuperset(ids)

    def _move_rows(self, new_ids: list[str]) -> None:
        """Same records in a new order: a layout change keeps selection and current row.

        Only the rows Qt keeps track of (the selection's corners, the current row) are looked up in
        the new order; where they are many, every row's new place is worked out once."""
        self.layoutAboutToBeChanged.emit()
        moved_from = self.persistentIndexList()
        old_ids, shown = self._ids, self._id_set
        moved = {old_ids[index.row()] for index in moved_from}
        self._set_ids(new_ids)
        self._id_set = shown  # the same records
        new_row = ({record_id: new_ids.index(record_id) for record_id in moved}.__getitem__
                   if len(moved) <= FEW_MOVED else self.row_of)
        moved_to = [self.index(new_row(old_ids[index.row()]), index.column()) for index in moved_from]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _insert_or_remove_one_run(self, old_ids: list[str], new_ids: list[str]) -> bool:
        """Rows added or removed in one contiguous run: tell the view just that."""
        longer, shorter = (new_ids, old_ids) if len(new_ids) > len(old_ids) else (old_ids, new_ids)
        run = len(longer) - len(shorter)
        # the first place they differ, looked for in C: a year chosen in a national table is a run of
        # 60,000 rows at its start, which a Python loop took 25 ms to walk
        first = next(compress(count(), map(ne, longer, shorter)), len(shorter))
        if longer[first + run :] != shorter[first:]:
            return False
        if longer is new_ids:
            self.beginInsertRows(QModelIndex(), first, first + run - 1)
            self._set_ids(new_ids)
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), first, first + run - 1)
            self._set_ids(new_ids)
            self.endRemoveRows()
        return True

    def _set_ids(self, ids: list[str]) -> None:
        self._ids = ids
        self._positions = self._id_set = None

    # --- QAbstractTableModel ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].label(self._service.language)
            if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.InitialSortOrderRole:  # a first click on a date shows the newest first
                spec = self._columns[section].spec
                dated = spec is not None and spec.type == FieldType.DATE
                return (Qt.SortOrder.DescendingOrder if dated else Qt.SortOrder.AscendingOrder).value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == RECORD_ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display_row(index.row()).values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cut cell
            return plain_tooltip(self._display_row(index.row()).values[index.column()]) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._display_row(index.row()).deleted:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and self._display_row(index.row()).deleted:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _display_row(self, row: int) -> DisplayRow:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is not None:
            self._cache.move_to_end(record_id)
            return cached
        start = row - row % BLOCK_ROWS
        wanted = [i for i in self._ids[start : start + BLOCK_ROWS] if i not in self._cache]
        self._cache.update(self._service.read(queries.fetch_rows, self._kind, wanted, self._service.language))
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(record_id) or DisplayRow(("",) * len(self._columns), False)


def _within(allowed: set[str], finding: Iterator[tuple[list[str], bool]]) -> Iterator[tuple[list[str], bool]]:
    """What `finding` finds that is in `allowed`, as it finds it: each slice's new ids are looked
    at once, not the whole answer so far again after every slice."""
    kept: list[str] = []
    looked_at = 0
    for found, done in finding:
        kept += [record_id for record_id in found[looked_at:] if record_id in allowed]
        looked_at = len(found)
        yield kept, done


class RecordProxyModel(QSortFilterProxyModel):
    """The proxy views use, with its sorting and filtering handed to the source's SQL query.

    QSortFilterProxyModel sorts and filters in Python-visible calls to data()/lessThan() for every
    source row: on 200,000 activities that means hundreds of thousands of cross-language calls and
    fetching every row, i.e. seconds per click. So `sort()` and the search/filter setters go to
    `RecordTableModel`, which asks its listing again, and the proxy itself stays a
    pass-through (no sort column, no filter) that later features can extend.
    """

    def __init__(self, source: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.setSourceModel(source)

    def records(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.records().sort(column, order)

    def set_search(self, text: str) -> None:
        self.records().set_search(text)

    def set_filter(self, key: str, value: Any) -> None:
        self.records().set_filter(key, value)

    def set_include_deleted(self, include: bool) -> None:
        self.records().set_include_deleted(include)

    def set_restriction(self, restriction: Restriction | None) -> None:
        self.records().set_restriction(restriction)

    def show_only(self, filters: dict[str, Any], restriction: Restriction | None = None) -> None:
        self.records().show_only(filters, restriction)

    def record_id(self, index: QModelIndex) -> str:
        return self.records().record_id(self.mapToSource(index).row())

    def index_of(self, record_id: str) -> QModelIndex:
        """The proxy index of a record's first column (invalid if it is not shown)."""
        row = self.records().row_of(record_id)
        if row is None:
            return QModelIndex()
        return self.mapFromSource(self.records().index(row, 0))
