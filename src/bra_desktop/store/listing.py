"""The ids a record table shows: sorted in SQL or from what it holds, filtered and searched in memory.

At national scale (200,000 activities) no index serves both a table's sort and most of its filters:
SQLite took 0.4 to 0.7 s to list the records of one county or one status in date order, and a
`LIKE` search over every record's text most of a second per keystroke. So a table's listing keeps,
for the last few sort choices, the ids in display order (`queries.list_ids`), and once it is asked
to filter or search, every record's search text and the values its filters compare (read once,
about a second and a half at 200,000 records, which a large table does ahead on a thread). Each
filter and each keystroke is then a pass over lists, looped in C, in milliseconds:

- a filter on the record's own row (a year, a status, a network, a county) compares the values held;
- a filter on a link table (municipalities, subject areas) asks SQL for the records holding the
  chosen value, one index lookup, and keeps those;
- a search keeps the records whose search text holds every word of it, case-folded, a slice of
  the records at a time (`found`), so that a table can show the first rows it finds at once.

A large table then reads what each of its columns sorts by, and a new sort is made from that
(`_sorted_in_memory`) rather than by the database reading and sorting every record again.

Changes to records make the listing forget what it holds for them (`forget`); the table asks again.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from functools import cmp_to_key
from itertools import compress, repeat
from operator import and_, eq, itemgetter, not_
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import KINDS
from bra_desktop.store import queries
from bra_desktop.store.register import Register

SEARCH_SLICE = 20_000
"""Records a search scans at a time: about 10 ms for a word of two letters at national scale, after
which a table can show what was found so far and the window can handle a keystroke."""
KEPT_ORDERS = 4
"""Sort choices whose ordered ids are kept (a person goes back and forth between a few)."""
FEW_CHANGED = 50
"""Records changed at once (an edit, a small import) that are moved in the kept orders, each to
where it now belongs (`RecordListing._moved`): at national scale sorting every record again and
lining up its facts took most of a second after each edit. More are sorted again with the rest."""
READ_PART = 1_000
"""Rows a read of every record's values (`RecordListing._read`) fetches at a time: a few
milliseconds with the GIL held, so that a part being read when a person starts typing hardly
delays the answer (a part of 5,000 rows made the first keystroke half again as slow)."""
_PACK = 5_000
"""Texts copied together at a time: a few milliseconds with the GIL held, so the window keeps going."""
_SEPARATOR = "\x00"
"""Never in a search text: records refuse the characters XML cannot carry."""
_TEXT = 0
"""Where a record's facts hold its search text; the values of its row filters follow, in order."""

_OrderKey = tuple[str, bool, bool]
_Chosen = tuple[tuple[str, Any], ...]
Facts = tuple[Any, ...]
"""What a listing holds of one record: its search text, then the value of each row filter's
`Filter.row_column`, in the order of `queries.filters`."""
SortValues = tuple[Any, ...]
"""What a listing holds of one record to sort by: whether it is a tombstone, then what each column
sorts by (`queries.held_sort_values`)."""
_DELETED = 0
"""Where a record's sort values say whether it is a tombstone."""


class RecordListing:
    """The ordered ids of one kind for a search, filters and a sort, with what makes the next ask quick."""

    def __init__(self, register: Register, kind_key: str) -> None:
        self.register = register
        self.kind_key = kind_key
        self._filters = {item.key: item for item in queries.filters(kind_key)}
        self._row_filters = [item for item in self._filters.values() if not item.in_link_table]
        self._column_of = {item.key: _TEXT + 1 + n for n, item in enumerate(self._row_filters)}
        self._unknown: Facts = ("", *repeat(None, len(self._row_filters)))
        self._held_sorts = queries.held_sort_values(kind_key)
        self._sort_at = {field: _DELETED + 1 + n for n, field in enumerate(self._held_sorts)}
        self._sorts_in_memory = register.engine.dialect.name == "sqlite"
        """SQLite orders text as Python does, character by character; PostgreSQL by its collation."""
        self._sorts: _ById | None = None
        """What every record sorts by, once read ahead (`prepare_sorts`)."""
        self._orders: OrderedDict[_OrderKey, _Ordered] = OrderedDict()
        self._facts: dict[str, Facts] | None = None
        self._reading = threading.Lock()
        self._generation = 0
        """Counts `forget`s: facts read ahead while records changed are not kept."""
        self._last_filtered: tuple[_Ordered, _Chosen, list[str], list[str]] | None = None
        self._last_search: tuple[_Ordered, _Chosen, list[str], list[str], list[str]] | None = None

    def ids(self, *, search: str, filters: dict[str, Any], sort_field: str, descending: bool,
            include_deleted: bool) -> list[str]:
        """The records that match, in display order, found at once (see `found`)."""
        for found, _done in self.found(search=search, filters=filters, sort_field=sort_field,
                                       descending=descending, include_deleted=include_deleted):
            pass
        return found

    def found(self, *, search: str, filters: dict[str, Any], sort_field: str, descending: bool,
              include_deleted: bool, first: int | None = None) -> Iterator[tuple[list[str], bool]]:
        """The records that match, in display order, a slice of `SEARCH_SLICE` records at a time.

        `search`: every word must occur, case-folded, in the record's `search_text`.
        `filters`: filter key → chosen value; None or "" means no filter on that key.
        `first`: with neither, and this sort's ids not yet read, read the first `first` ids alone
        and yield them before the rest are read (a large table's start).

        Yields what a search found so far, with False, after each slice but the last, and then the
        whole answer with True (at once when there is no search, or one slice holds every record).
        A list yielded before the end grows as the search goes on: copy it to keep it.
        """
        order = (sort_field, descending, include_deleted)
        chosen = tuple(sorted((key, value) for key, value in filters.items() if value not in (None, "")))
        words = search.casefold().split()
        if not chosen and not words and first is not None and order not in self._orders:
            part = self._first_ids(order, first)
            if len(part) == first:  # maybe not all of them: the whole answer follows
                yield part, False
        ordered = self._ordered(order)
        if not chosen and not words:
            yield ordered.ids, True
            return
        if not ordered.aligned:
            ordered.align(self.facts(), self._unknown)
        ids, texts = self._filtered(ordered, chosen)
        if not words:
            yield ids, True
            return
        last = self._last_search
        if last is not None and last[0] is ordered and last[1] == chosen and _narrows(last[2], words):
            ids, texts = last[3], last[4]  # typing on: the new result lies within the last one
        found_ids: list[str] = []
        found_texts: list[str] = []
        for start in range(0, len(ids), SEARCH_SLICE):
            part_ids, part_texts = ids[start:start + SEARCH_SLICE], texts[start:start + SEARCH_SLICE]
            for word in words:  # each word narrows the ids and texts that the next one scans
                keep = list(map(str.__contains__, part_texts, repeat(word)))  # `word in text`, looped in C
                if not all(keep):  # (a first letter is in nearly every text)
                    part_ids, part_texts = list(compress(part_ids, keep)), list(compress(part_texts, keep))
            found_ids += part_ids
            found_texts += part_texts
            if start + SEARCH_SLICE < len(ids):
                yield found_ids, False
        self._last_search = (ordered, chosen, words, found_ids, found_texts)
        yield found_ids, True

    def forget(self, ids: Iterable[str] | None = None, *, names_changed: bool = False) -> None:
        """Records changed (`ids`, or any when None): their facts are read again, and the orders
        asked again, but where a few records changed and what every record sorts by is held: then
        each kept order has them moved to where they now belong (`_moved`). `names_changed`: names
        the records sort by changed too (a network renamed), which moves records that did not change."""
        kept = list(self._orders.items())
        self._orders.clear()
        self._last_filtered = self._last_search = None
        self._generation += 1
        if ids is None:
            self._facts = self._sorts = None
            return
        changed = list(ids)
        with self.register.session() as session:
            if self._facts is not None:
                self._read_again(session, self._facts, self._facts_query(), changed)
            if self._sorts is not None:
                self._read_again(session, self._sorts.values, self._sort_query(), changed)
                self._sorts.update(changed)
                if changed and not names_changed and len(changed) <= FEW_CHANGED:
                    for key, ordered in kept:
                        moved = self._moved(session, key, ordered, changed)
                        if moved is not None:
                            self._orders[key] = moved

    def _moved(self, session: Session, key: _OrderKey, ordered: _Ordered, changed: list[str]) -> _Ordered | None:
        """`ordered` (with its facts, if lined up) with the `changed` records taken out and put back
        where they now belong (`_comes_before`), found by `bisect_left`. None where the values held
        cannot say (keys Python cannot compare, a record in the order whose values are not held):
        the order is asked again. A new order, not the old one changed: a table may be showing the
        old one's ids."""
        sorts, before = self._sorts, self._comes_before(session, key)
        if sorts is None or before is None:
            return None
        include_deleted = key[2]
        place_key = cmp_to_key(lambda first, then: -1 if before(first, then) else int(first != then))
        ids = list(ordered.ids)
        facts = self._facts if ordered.aligned else None
        columns = None if facts is None else [list(ordered.column(index)) for index in range(len(self._unknown))]
        changed = list(dict.fromkeys(changed))
        for record_id in changed:
            try:
                place = ids.index(record_id)  # looked for in C
            except ValueError:  # a new record, or a tombstone the order leaves out
                continue
            del ids[place]
            for column in columns or ():
                del column[place]
        try:
            for record_id in changed:
                held = sorts.values.get(record_id)
                if held is None or (held[_DELETED] and not include_deleted):
                    continue
                place = bisect_left(ids, place_key(record_id), key=place_key)
                ids.insert(place, record_id)
                if columns is not None and facts is not None:
                    for column, fact in zip(columns, facts.get(record_id, self._unknown)):
                        column.insert(place, fact)
        except (TypeError, KeyError):  # keys Python cannot compare, or a record not held: sorted again
            return None
        return _Ordered(ids, columns)

    def _comes_before(self, session: Session, key: _OrderKey) -> Callable[[str, str], bool] | None:
        """Whether one record comes before another in a sort order, as `queries.list_ids` orders
        them: by what each sorts by (held, `prepare_sorts`), then by id, in the sort's direction,
        with empty keys where SQL puts them. None for a column whose values are not held."""
        sorts = self._sorts
        sort_field, descending, _include_deleted = key
        at = self._sort_at.get(sort_field)
        if sorts is None or at is None:
            return None
        values = sorts.values
        lookup = queries.sort_lookup(session, self.kind_key, sort_field)
        empty_last = queries.sort_nullable(self.kind_key, sort_field)

        def rank(record_id: str) -> tuple[Any, ...]:
            """Where a record goes in ascending order, its group first: empty keys first, as SQL
            puts them, or last where `queries.sort_nullable` says so."""
            value = values[record_id][at]
            value = value if lookup is None else lookup(value)
            if value is None:
                return (1, record_id) if empty_last else (0, record_id)
            return (0, value, record_id) if empty_last else (1, value, record_id)

        def before(first: str, then: str) -> bool:
            first_rank, then_rank = rank(first), rank(then)
            if empty_last and first_rank[0] != then_rank[0]:
                return first_rank[0] < then_rank[0]  # empty keys last both ways
            return first_rank > then_rank if descending else first_rank < then_rank

        return before

    def _read_again(self, session: Session, held: dict[str, Any], query: Select, changed: list[str]) -> None:
        """What `held` holds of the `changed` records, as `query` reads them now (none of one gone)."""
        table = KINDS[self.kind_key].table
        for start in range(0, len(changed), 500):
            chunk = changed[start:start + 500]
            found = self._read(session, query.where(table.id.in_(chunk)))
            for record_id in chunk:
                held.pop(record_id, None)
            held.update(found)

    def prepare(self) -> None:
        """Read every record's facts and line them up with the kept orders: what a table does
        ahead, off the UI thread, so that even the first filter or keystroke is quick."""
        generation = self._generation
        facts = self.facts()
        kept = list(self._orders.values())  # a copy: the UI thread may add orders meanwhile
        if generation != self._generation:  # records changed while the facts were read
            return
        for ordered in kept:
            if not ordered.aligned:
                ordered.align(facts, self._unknown)

    def prepare_sorts(self, pause: Callable[[], None] | None = None) -> None:
        """Read what each record sorts by in every column, and line the records up by id: what a
        large table does ahead, after `prepare`, so that a click on a column header is sorted in
        memory (SQLite only). `pause` runs between the parts of the work that hold the GIL (each
        part of rows read, the lining up): a table waits there while a person searches or
        filters, whose answers would otherwise share the GIL with it."""
        if not self._sorts_in_memory or self._sorts is not None:
            return
        generation = self._generation
        with self.register.session() as session:
            values = self._read(session, self._sort_query(), pause)
        sorts = _ById(values)  # lined up here, not at the first click
        if generation == self._generation:  # else a record changed meanwhile: the database sorts
            self._sorts = sorts

    def facts(self) -> dict[str, Facts]:
        """Every record's facts by id, read once."""
        with self._reading:  # a search while they are read ahead waits for them rather than read them twice
            facts = self._facts
            if facts is None:
                generation = self._generation
                with self.register.session() as session:
                    facts = self._read(session, self._facts_query())
                if generation == self._generation:  # else a record changed meanwhile: read again next time
                    self._facts = facts
            return facts

    def _first_ids(self, key: _OrderKey, limit: int) -> list[str]:
        """The first `limit` ids of a sort order (live records, or all), read alone: where an index
        serves the sort, it takes the same time however many records there are, where reading
        every id grows with them. Fewer than `limit` are every id, kept as the order for the next ask."""
        ids = self._read_order(key, limit)
        if len(ids) < limit:
            self._keep(key, _Ordered(ids))
        return ids

    def _ordered(self, key: _OrderKey) -> _Ordered:
        """The ids of every record (live, or all) in one sort order, kept for the next ask."""
        ordered = self._orders.get(key)
        if ordered is not None:
            self._orders.move_to_end(key)
            return ordered
        ordered = self._reversed(key)
        if ordered is None:
            ids = self._sorted_in_memory(key)
            ordered = _Ordered(self._read_order(key) if ids is None else ids)
        self._keep(key, ordered)
        return ordered

    def _reversed(self, key: _OrderKey) -> _Ordered | None:
        """A sort order read backwards from the one the other way, with its facts, where that one is
        kept: a second click on a column header. Equal keys go by id in the sort's direction, so one
        direction is the other backwards; but not where a column's empty keys sort last both ways
        (`queries.sort_nullable`). None where it cannot be had so."""
        sort_field, descending, include_deleted = key
        other = self._orders.get((sort_field, not descending, include_deleted))
        if other is None or queries.sort_nullable(self.kind_key, sort_field):
            return None
        columns = [other.column(index)[::-1] for index in range(len(self._unknown))] if other.aligned else None
        return _Ordered(other.ids[::-1], columns)

    def _sorted_in_memory(self, key: _OrderKey) -> list[str] | None:
        """The ids of a sort order as `queries.list_ids` gives them, sorted here from the sort values
        held (`prepare_sorts` reads them) rather than by the database, which reads and sorts every record
        again for each new sort (no index serves most of them, and at national scale a click on a
        column header waited for it).

        None where the sort values are not held (not read yet, or the register orders text
        otherwise than Python does), where an index holds the records in this order, and for
        values that Python cannot compare with each other: the database sorts those.
        As in SQL, empty keys sort first ascending and last descending, or last both ways where
        `queries.sort_nullable` says so; equal keys go by id, in the sort's direction.
        """
        sorts = self._sorts
        sort_field, descending, include_deleted = key
        at = self._sort_at.get(sort_field)
        if sorts is None or at is None or queries.index_serves(self.kind_key, sort_field, include_deleted):
            return None
        with self.register.session() as session:
            lookup = queries.sort_lookup(session, self.kind_key, sort_field)
        ids, keys = sorts.of(include_deleted, at)
        if descending:  # a stable sort keeps equal keys in the order it is given
            ids, keys = ids[::-1], keys[::-1]
        if lookup is not None:
            keys = list(map(lookup, keys))
        empty: list[str] = []
        if None in keys:
            present = [value is not None for value in keys]
            empty = list(compress(ids, map(not_, present)))
            ids, keys = list(compress(ids, present)), list(compress(keys, present))
        try:
            order = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
        except TypeError:
            return None
        in_order = list(map(ids.__getitem__, order))
        first_if_empty = not descending and not queries.sort_nullable(self.kind_key, sort_field)
        return empty + in_order if first_if_empty else in_order + empty

    def _read_order(self, key: _OrderKey, limit: int | None = None) -> list[str]:
        sort_field, descending, include_deleted = key
        with self.register.session() as session:
            return queries.list_ids(session, self.kind_key, sort_field=sort_field, descending=descending,
                                    include_deleted=include_deleted, limit=limit)

    def _keep(self, key: _OrderKey, ordered: _Ordered) -> None:
        self._orders[key] = ordered
        while len(self._orders) > KEPT_ORDERS:
            self._orders.popitem(last=False)

    def _filtered(self, ordered: _Ordered, chosen: _Chosen) -> tuple[list[str], list[str]]:
        """The ids and texts of `ordered` that every chosen filter keeps (the last answer is kept:
        the keystrokes of a search ask for the same filters again and again)."""
        if not chosen:
            return ordered.ids, ordered.texts
        last = self._last_filtered
        if last is not None and last[0] is ordered and last[1] == chosen:
            return last[2], last[3]
        keep: list[bool] | None = None
        for key, value in chosen:
            item = self._filters[key]
            if item.in_link_table:
                with self.register.session() as session:
                    owners = queries.link_owners(session, item, value)
                matches = map(owners.__contains__, ordered.ids)
            else:
                matches = map(eq, ordered.column(self._column_of[key]), repeat(item.wanted(value)))
            keep = list(matches) if keep is None else list(map(and_, keep, matches))
        assert keep is not None
        ids, texts = list(compress(ordered.ids, keep)), list(compress(ordered.texts, keep))
        self._last_filtered = (ordered, chosen, ids, texts)
        return ids, texts

    def _facts_query(self) -> Select:
        kind = KINDS[self.kind_key]
        return select(kind.table.id, kind.table.search_text, *(item.row_column(kind) for item in self._row_filters))

    def _sort_query(self) -> Select:
        kind = KINDS[self.kind_key]
        return select(kind.table.id, kind.table.deleted, *self._held_sorts.values())

    @staticmethod
    def _read(session: Session, query: Select, pause: Callable[[], None] | None = None) -> dict[str, tuple[Any, ...]]:
        """Each record's values from `query`'s rows (after its id), by id; values after the first
        that repeat (a status, a county, a network) are held once, not once per record. `pause`
        runs after each part of `READ_PART` rows: before the next is fetched, and before the
        caller goes on."""
        held: dict[Any, Any] = {}
        hold = held.setdefault
        found: dict[str, tuple[Any, ...]] = {}
        for part in queries.driver_row_parts(session, query, READ_PART):
            found.update({record_id: (text, *map(hold, values, values)) for record_id, text, *values in part})
            if pause is not None:
                pause()
        return found


def _narrows(before: list[str], after: list[str]) -> bool:
    """Whether every record matching `after` matches `before`: each earlier word is part of the
    word now in its place (a person typed on), and words were only added."""
    return len(after) >= len(before) and all(old in new for old, new in zip(before, after))


class _ById:
    """What a listing holds of every record to sort by (`values`), with the records in the order of
    their ids, and the live ones: where each sort in memory starts, as ties go by id. Each column's
    values are taken out of the records' values, into a list in the same order, once."""

    def __init__(self, values: dict[str, SortValues]) -> None:
        self.values = values
        """Record id → its sort values; `RecordListing.forget` reads the changed ones again."""
        self._ids = sorted(values)
        self._rows = list(map(values.__getitem__, self._ids))
        self._live = [not deleted for deleted in map(itemgetter(_DELETED), self._rows)]
        self._live_ids = list(compress(self._ids, self._live))
        self._columns: dict[tuple[int, bool], list[Any]] = {}

    def update(self, changed: list[str]) -> None:
        """Take the `changed` records' values, read again into `values`, each where its id goes: an
        edit does not sort every id again."""
        for record_id in changed:
            at = bisect_left(self._ids, record_id)
            held = at < len(self._ids) and self._ids[at] == record_id
            row = self.values.get(record_id)
            if row is None:
                if held:
                    del self._ids[at], self._rows[at], self._live[at]
            elif held:
                self._rows[at], self._live[at] = row, not row[_DELETED]
            else:
                self._ids.insert(at, record_id)
                self._rows.insert(at, row)
                self._live.insert(at, not row[_DELETED])
        self._live_ids = list(compress(self._ids, self._live))
        self._columns.clear()

    def of(self, include_deleted: bool, at: int) -> tuple[list[str], list[Any]]:
        """The ids (all, or the live ones) and their values at `at`."""
        column = self._columns.get((at, include_deleted))
        if column is None:
            column = list(map(itemgetter(at), self._rows))
            if not include_deleted:
                column = list(compress(column, self._live))
            self._columns[at, include_deleted] = column
        return (self._ids if include_deleted else self._live_ids), column


class _Ordered:
    """The ids of one sort choice in display order, and (once filtered or searched) each id's
    facts in the same order, a list per fact."""

    def __init__(self, ids: list[str], columns: list[list[Any]] | None = None) -> None:
        self.ids = ids
        self._columns = columns
        """A list per fact, in the order of `ids`, once lined up (`align`)."""

    @property
    def aligned(self) -> bool:
        return self._columns is not None

    @property
    def texts(self) -> list[str]:
        return self.column(_TEXT)

    def column(self, index: int) -> list[Any]:
        """One fact of every id, in display order."""
        assert self._columns is not None, "align first"
        return self._columns[index]

    def align(self, facts: dict[str, Facts], unknown: Facts) -> None:
        """Take each id's facts in display order, a list per fact (looked up in C: 200,000 ids in
        about 20 ms, and as much again per fact), with the texts as copies that lie one after
        another in memory.

        The texts as read lie in the order the database gave them, scattered across the heap when
        taken in display order; a keystroke scans them all, and scanning 50 MB in memory order takes
        half the time (55 against 95 ms for 200,000 activities here).
        """
        rows = list(map(facts.get, self.ids, repeat(unknown)))
        columns = [list(map(itemgetter(index), rows)) for index in range(len(unknown))]
        scattered = columns[_TEXT]
        packed: list[str] = []
        for start in range(0, len(scattered), _PACK):
            chunk = scattered[start:start + _PACK]
            copies = _SEPARATOR.join(chunk).split(_SEPARATOR)
            packed.extend(copies if len(copies) == len(chunk) else chunk)  # a separator in a text: as they are
        columns[_TEXT] = packed
        self._columns = columns  # one assignment: a thread that reads it sees every column or none
