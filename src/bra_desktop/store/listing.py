"""The ids a record table shows, kept between keystrokes so that searching stays instant.

At national scale (200,000 activities) every query of `queries.list_ids` reads the whole table:
a `LIKE` search over every record's text costs most of a second, and a person types a search one
letter at a time. So a table's listing keeps, for the last few filter-and-sort choices, the ordered
ids without a search, and once a search starts it holds every record's search text in memory
(about 30 MB at 200,000 records): each keystroke then filters the ordered ids in Python, in tens of
milliseconds, with the same rule as the SQL search (every word a case-folded substring of the
record's `search_text`), so the result is the same list in the same order.

Changes to records make the listing forget what it holds for them (`forget`); the table asks again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from itertools import compress, repeat
from typing import Any

from sqlalchemy import select

from bra_desktop.domain.fields import KINDS
from bra_desktop.store import queries
from bra_desktop.store.register import Register
from bra_desktop.store.syncbase import FETCH

KEPT_ORDERS = 4
"""Unsearched id lists kept (filter and sort choices a person goes back and forth between)."""
_PACK = 5_000
"""Texts copied together at a time: a few milliseconds with the GIL held, so the window keeps going."""
_SEPARATOR = "\x00"
"""Never in a search text: records refuse the characters XML cannot carry."""

_Key = tuple[tuple[tuple[str, Any], ...], str, bool, bool]


class RecordListing:
    """The ordered ids of one kind for a search, filters and a sort, with what makes the next ask quick."""

    def __init__(self, register: Register, kind_key: str) -> None:
        self.register = register
        self.kind_key = kind_key
        self._ordered: OrderedDict[_Key, _Ordered] = OrderedDict()
        self._texts: dict[str, str] | None = None
        self._reading = threading.Lock()
        self._generation = 0
        """Counts `forget`s: texts read ahead while records changed are not kept."""
        self._last_search: tuple[_Ordered, list[str], list[str], list[str]] | None = None

    def ids(self, *, search: str, filters: dict[str, Any], sort_field: str, descending: bool,
            include_deleted: bool) -> list[str]:
        """What `queries.list_ids` gives for the same arguments."""
        key = (tuple(sorted((k, v) for k, v in filters.items() if v not in (None, ""))), sort_field, descending,
               include_deleted)
        ordered = self._ordered.get(key)
        if ordered is None:
            with self.register.session() as session:
                ordered = _Ordered(queries.list_ids(session, self.kind_key, search="", filters=filters,
                                                    sort_field=sort_field, descending=descending,
                                                    include_deleted=include_deleted))
            self._ordered[key] = ordered
            while len(self._ordered) > KEPT_ORDERS:
                self._ordered.popitem(last=False)
        else:
            self._ordered.move_to_end(key)
        words = search.casefold().split()
        if not words:
            return ordered.ids
        if ordered.texts is None:  # the texts in the same order: a keystroke is then one pass of `in`
            ordered.align(self.search_texts())
        ids, texts = ordered.ids, ordered.texts
        last = self._last_search
        if last is not None and last[0] is ordered and _narrows(last[1], words):
            ids, texts = last[2], last[3]  # typing on: the new result lies within the last one
        for word in words:  # each word narrows the ids and texts that the next one scans
            keep = list(map(str.__contains__, texts, repeat(word)))  # `word in text`, looped in C
            if not all(keep):  # (a first letter is in nearly every text)
                ids, texts = list(compress(ids, keep)), list(compress(texts, keep))
        self._last_search = (ordered, words, ids, texts)
        return ids

    def forget(self, ids: Iterable[str] | None = None) -> None:
        """Records changed (`ids`, or any when None): the orders are asked again, and their texts."""
        self._ordered.clear()
        self._last_search = None
        self._generation += 1
        if ids is None or self._texts is None:
            self._texts = None
            return
        table = KINDS[self.kind_key].table
        changed = list(ids)
        with self.register.session() as session:
            for start in range(0, len(changed), 500):
                chunk = changed[start:start + 500]
                found = dict(session.execute(select(table.id, table.search_text).where(table.id.in_(chunk))).all())
                for record_id in chunk:
                    self._texts.pop(record_id, None)
                self._texts.update(found)

    def prepare_search(self) -> None:
        """Read every record's search text and line them up with the kept orders: what a table does
        ahead, off the UI thread, so that even the first keystroke of a search is quick."""
        generation = self._generation
        texts = self.search_texts()
        kept = list(self._ordered.values())  # a copy: the UI thread may add orders meanwhile
        if generation != self._generation:  # records changed while the texts were read
            return
        for ordered in kept:
            if ordered.texts is None:
                ordered.align(texts)

    def search_texts(self) -> dict[str, str]:
        """Every record's search text, read once."""
        with self._reading:  # a search while they are read ahead waits for them rather than read them twice
            texts = self._texts
            if texts is None:
                generation = self._generation
                table = KINDS[self.kind_key].table
                with self.register.session() as session:
                    query = select(table.id, table.search_text).execution_options(yield_per=FETCH)
                    texts = {record_id: text for record_id, text in session.connection().execute(query)}
                if generation == self._generation:  # else a record changed meanwhile: read again next time
                    self._texts = texts
            return texts


def _narrows(before: list[str], after: list[str]) -> bool:
    """Whether every record matching `after` matches `before`: each earlier word is part of the
    word now in its place (a person typed on), and words were only added."""
    return len(after) >= len(before) and all(old in new for old, new in zip(before, after))


class _Ordered:
    """The ids of one filter-and-sort choice in display order, and (once searched) their texts."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.texts: list[str] | None = None

    def align(self, texts: dict[str, str]) -> None:
        """Take each id's search text, in display order (looked up in C: 200,000 of them in ~20 ms),
        as copies that lie one after another in memory.

        The texts as read lie in the order the database gave them, scattered across the heap when
        taken in display order; a keystroke scans them all, and scanning 50 MB in memory order takes
        half the time (55 against 95 ms for 200,000 activities here).
        """
        scattered = list(map(texts.get, self.ids, repeat("")))
        packed: list[str] = []
        for start in range(0, len(scattered), _PACK):
            chunk = scattered[start:start + _PACK]
            copies = _SEPARATOR.join(chunk).split(_SEPARATOR)
            packed.extend(copies if len(copies) == len(chunk) else chunk)  # a separator in a text: as they are
        self.texts = packed
