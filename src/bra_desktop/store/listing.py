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

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from bra_desktop.domain.fields import KINDS
from bra_desktop.store import queries
from bra_desktop.store.register import Register

KEPT_ORDERS = 4
"""Unsearched id lists kept (filter and sort choices a person goes back and forth between)."""

_Key = tuple[tuple[tuple[str, Any], ...], str, bool, bool]


class RecordListing:
    """The ordered ids of one kind for a search, filters and a sort, with what makes the next ask quick."""

    def __init__(self, register: Register, kind_key: str) -> None:
        self.register = register
        self.kind_key = kind_key
        self._ordered: OrderedDict[_Key, list[str]] = OrderedDict()
        self._texts: dict[str, str] | None = None

    def ids(self, *, search: str, filters: dict[str, Any], sort_field: str, descending: bool,
            include_deleted: bool) -> list[str]:
        """What `queries.list_ids` gives for the same arguments."""
        key = (tuple(sorted((k, v) for k, v in filters.items() if v not in (None, ""))), sort_field, descending,
               include_deleted)
        ordered = self._ordered.get(key)
        if ordered is None:
            with self.register.session() as session:
                ordered = queries.list_ids(session, self.kind_key, search="", filters=filters, sort_field=sort_field,
                                           descending=descending, include_deleted=include_deleted)
            self._ordered[key] = ordered
            while len(self._ordered) > KEPT_ORDERS:
                self._ordered.popitem(last=False)
        else:
            self._ordered.move_to_end(key)
        words = search.casefold().split()
        if not words:
            return ordered
        texts = self._search_texts()
        return [record_id for record_id in ordered if all(word in texts.get(record_id, "") for word in words)]

    def forget(self, ids: Iterable[str] | None = None) -> None:
        """Records changed (`ids`, or any when None): the orders are asked again, and their texts."""
        self._ordered.clear()
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

    def _search_texts(self) -> dict[str, str]:
        if self._texts is None:
            table = KINDS[self.kind_key].table
            with self.register.session() as session:
                self._texts = dict(session.connection().execute(select(table.id, table.search_text)).all())
        return self._texts
