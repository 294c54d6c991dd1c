"""What the record tables show: their columns, their filters, and the queries behind them.

The tables of Brå's national register hold about 200,000 activities, so a table never reads its
records whole: SQL gives the ids in display order (`list_ids`), which `store.listing` filters and
searches in memory, and display values are fetched for the few rows on screen (`fetch_rows`). All
queries are SQLAlchemy Core selects: building an ORM object per row would cost more than the query
itself. The same SQL runs on SQLite and PostgreSQL (DESIGN §6).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Integer, Select, case, cast, extract, func, literal, select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import KINDS, FieldSpec, FieldType, RecordKind
from bra_desktop.domain.models import CodeItem, County, Municipality, Network, Organisation, RegisterInfo
from bra_desktop.domain.producer import NATIONAL

ORIGIN = "origin"
"""The column key of the system field `origin` (who created the record)."""

YEAR = "year"
"""The filter key of a kind's year filter."""

_COLUMNS: dict[str, tuple[str, ...]] = {
    "activity": ("title", "start_date", "activity_type", "status", "network_id", "municipalities",
                 "participants", ORIGIN),
    "commitment": ("title", "network_id", "responsible_org_id", "due_date", "status", ORIGIN),
    "problem_area": ("title", "category", "theme", "trend", "status", "municipalities", "first_observed", ORIGIN),
    "network": ("name", "kind", "subject_area", "convener_org_id", "meeting_cadence", "active_from", "active_to", ORIGIN),
    "organisation": ("name", "org_type", "org_number", "municipality_code", ORIGIN),
    "follow_up": ("municipality_code", "year", "coordination_status", "situation_status", "plan_status",
                  "plan_decided_on", "next_follow_up", ORIGIN),
    "county_report": ("year", "case_number", ORIGIN),
}

_FILTERS: dict[str, tuple[tuple[str, bool], ...]] = {
    # (field name, by year of that date field)
    "activity": (("start_date", True), ("network_id", False), ("subject_areas", False),
                 ("municipalities", False), ("status", False), ("activity_type", False), ("target_group", False),
                 ("organisations", False)),
    "commitment": (("due_date", True), ("network_id", False), ("municipalities", False), ("status", False)),
    "problem_area": (("municipalities", False), ("status", False), ("category", False), ("theme", False)),
    "network": (("kind", False), ("subject_area", False)),
    "organisation": (("municipality_code", False), ("org_type", False)),
    "follow_up": (("year", False), ("municipality_code", False), ("coordination_status", False),
                  ("situation_status", False), ("plan_status", False)),
    "county_report": (("year", False),),
}

_ALSO: dict[tuple[str, str], str] = {("activity", "target_group"): "other_target_groups"}
"""(kind, filter field) → the many-valued field the filter looks in too (`Filter.also`)."""

DEFAULT_SORT: dict[str, tuple[str, bool]] = {
    "activity": ("start_date", True),
    "commitment": ("due_date", False),
    "problem_area": ("title", False),
    "network": ("name", False),
    "organisation": ("name", False),
    "follow_up": ("municipality_code", False),
    "county_report": ("year", True),
}
"""Per kind: the column a table is sorted by until the user clicks a header, and whether descending."""

_REF_NAMES = {"network": Network, "organisation": Organisation}
_IN_CHUNK = 500


@dataclass(frozen=True)
class Column:
    """One column of a record table: a business field of the kind, or `origin`."""

    key: str
    label_sv: str
    label_en: str
    spec: FieldSpec | None
    """None for the system field `origin`."""

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_sv

    @property
    def numeric(self) -> bool:
        return self.spec is not None and self.spec.type == FieldType.INTEGER


@dataclass(frozen=True)
class Filter:
    """One filter of a record table: equal to a value, containing a value (link table), in a year,
    or made by one producer (`origin`: a county or Brå, for a register holding the whole country)."""

    key: str
    spec: FieldSpec | None
    """None for `origin`."""
    by_year: bool
    also: tuple[RecordKind, FieldSpec] | None = None
    """A many-valued field that the filter looks in too, with its kind: the target-group filter
    finds an activity by its main target group or one of its further ones."""

    def label(self, language: str) -> str:
        if self.by_year:
            return "Year" if language == "en" else "År"
        if self.spec is None:
            return "Origin" if language == "en" else "Ursprung"
        return self.spec.label(language)

    @property
    def ref_kind(self) -> str | None:
        """The kind of record whose names this filter offers (its options change with them)."""
        return self.spec.ref_kind if self.spec is not None else None

    @property
    def in_link_table(self) -> bool:
        """Whether the filtered values live in a link table (a many-valued field), not the record's row."""
        return self.spec is not None and (self.spec.link is not None or self.also is not None)

    def row_column(self, kind: RecordKind) -> ColumnElement[Any]:
        """What this filter compares of the record's own row (not for link tables): a column, or
        for a year filter its date's year, worked out by the database."""
        if self.spec is None:
            return kind.table.origin
        column = getattr(kind.table, self.spec.name)
        return cast(extract("year", column), Integer) if self.by_year else column

    def wanted(self, chosen: Any) -> Any:
        """The value of `row_column` a record must have to match what was chosen in the filter."""
        return int(chosen) if self.by_year else chosen


class DisplayRow(NamedTuple):
    """A row as a table shows it: one text per column, and whether the record is a tombstone."""

    values: tuple[str, ...]
    deleted: bool


def columns(kind_key: str) -> tuple[Column, ...]:
    kind = KINDS[kind_key]
    return tuple(
        Column(ORIGIN, "Ursprung", "Origin", None) if name == ORIGIN
        else Column(name, kind.field(name).label_sv, kind.field(name).label_en, kind.field(name))
        for name in _COLUMNS[kind_key]
    )


def filters(kind_key: str) -> tuple[Filter, ...]:
    kind = KINDS[kind_key]
    return (
        *(Filter(YEAR if by_year else name, kind.field(name), by_year,
                 (kind, kind.field(_ALSO[(kind_key, name)])) if (kind_key, name) in _ALSO else None)
          for name, by_year in _FILTERS[kind_key]),
        Filter(ORIGIN, None, False),
    )


def swedish_sort_key(text: str) -> str:
    """A key that sorts text case-insensitively in Swedish order (…, z, å, ä, ö): å, ä and ö
    become the three characters that follow `z` in ASCII, so they sort last, in order. Three
    `replace` calls, not `str.translate`: reports sort thousands of titles, and a translation
    table is looked up character by character."""
    return text.casefold().replace("å", "{").replace("ä", "|").replace("ö", "}")


def _swedish_sql_key(expr: Any) -> ColumnElement[Any]:
    """The SQL twin of `swedish_sort_key`, for ORDER BY on SQLite (no ICU) and PostgreSQL alike."""
    key = func.lower(expr)
    for upper, lower, after_z in (("Å", "å", "{"), ("Ä", "ä", "|"), ("Ö", "ö", "}")):
        key = func.replace(func.replace(key, upper, after_z), lower, after_z)
    return key


# --- the ordered ids ---------------------------------------------------------------------------


def list_ids(session: Session, kind_key: str, *, sort_field: str, descending: bool,
             include_deleted: bool = False, limit: int | None = None) -> list[str]:
    """The ids of the kind's records in display order: by `sort_field`, then by id (the first
    `limit` of them, if given)."""
    kind = KINDS[kind_key]
    table = kind.table
    query = select(table.id)
    if not include_deleted:
        query = query.where(table.deleted.is_(False))
    sort, nullable = _sort_expression(session, kind, sort_field)
    ordered = sort.desc() if descending else sort.asc()
    if nullable:
        ordered = ordered.nulls_last()  # empty values last both ways; only here, as it stops index-ordered scans
    query = query.order_by(ordered, table.id.desc() if descending else table.id.asc()).limit(limit)
    return first_column(session, query)


def link_owners(session: Session, item: Filter, value: Any) -> set[str]:
    """The ids of the records whose many-valued field `item` holds `value` (one index lookup), or
    for a filter that looks in a many-valued field too (`Filter.also`), whose field or that one does."""
    assert item.spec is not None and item.in_link_table, f"{item.key} is not a link-table filter"
    if item.also is not None:
        kind, many = item.also
        return (set(first_column(session, select(kind.table.id).where(getattr(kind.table, item.spec.name) == value)))
                | _holding(session, many, value))
    return _holding(session, item.spec, value)


def _holding(session: Session, spec: FieldSpec, value: Any) -> set[str]:
    link = spec.link
    assert link is not None
    owner, held = getattr(link.table, link.owner_column), getattr(link.table, link.value_column)
    return set(first_column(session, select(owner).where(held == value)))


def first_column(session: Session, query: Select) -> list[Any]:
    """The first column of every row of `query`, read straight from the database driver."""
    return [row[0] for row in driver_rows(session, query)]


def driver_rows(session: Session, query: Select) -> list[tuple[Any, ...]]:
    """Every row of `query` as the database driver gives it: for plain values (text, integers)
    that need no conversion by SQLAlchemy.

    A table's ids are 200,000 rows at national scale; SQLAlchemy's result rows cost more than the
    query itself (0.4 s against 0.23 s here), and this list is asked for at start and on every
    change of sort. The statement is still compiled by SQLAlchemy for the register's dialect.
    """
    with _driver_cursor(session, query) as cursor:
        return cursor.fetchall()


def driver_row_parts(session: Session, query: Select, size: int) -> Iterator[list[tuple[Any, ...]]]:
    """`driver_rows` `size` rows at a time: a reader on a thread of its own lets the window have
    the GIL between them (`listing.RecordListing.prepare_sorts`)."""
    with _driver_cursor(session, query) as cursor:
        while part := cursor.fetchmany(size):
            yield part


@contextmanager
def _driver_cursor(session: Session, query: Select) -> Iterator[Any]:
    """A driver cursor that has executed `query`, compiled for the register's dialect."""
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    values = compiled.construct_params()
    params: Any = [values[name] for name in compiled.positiontup] if compiled.positional else values
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        yield cursor
    finally:
        cursor.close()


def _sort_expression(session: Session, kind: RecordKind, sort_field: str) -> tuple[ColumnElement[Any], bool]:
    """What ORDER BY uses for a column, and whether it can be empty."""
    if sort_field == ORIGIN:
        return kind.table.origin, False
    spec = kind.field(sort_field)
    if spec.type == FieldType.CODE:
        order = _code_order(session, spec)
        key = case(order, value=getattr(kind.table, spec.name), else_=len(order)) if order else literal(0)
    elif spec.type == FieldType.REF:
        target = _REF_NAMES[spec.ref_kind or ""]
        key = select(_swedish_sql_key(target.name)).where(target.id == getattr(kind.table, spec.name)).scalar_subquery()
    else:
        key = _own_sort_key(kind, spec)
    return key, sort_nullable(kind.key, sort_field)


def sort_nullable(kind_key: str, sort_field: str) -> bool:
    """Whether a column's sort key can be empty (empty keys sort last, both ways): an empty code
    sorts last by its key already."""
    if sort_field == ORIGIN:
        return False
    spec = KINDS[kind_key].field(sort_field)
    return not spec.required and spec.type != FieldType.CODE


def index_serves(kind_key: str, sort_field: str, include_deleted: bool) -> bool:
    """Whether an index holds the kind's live records in this sort's order (as the activities'
    (deleted, start_date, id) holds them by date): the database reads the ids off it, quicker than
    a listing sorts them in memory."""
    if include_deleted or sort_field == ORIGIN or sort_nullable(kind_key, sort_field):
        return False
    table = KINDS[kind_key].table.__table__  # type: ignore[attr-defined]
    ordered = ["deleted", sort_field, "id"]
    return any([column.name for column in index.columns] == ordered for index in table.indexes)


def held_sort_values(kind_key: str) -> dict[str, ColumnElement[Any]]:
    """Per column, what a listing holds of every record to sort by it in memory (`store.listing`):
    the sort key of ORDER BY itself where it depends on the record and the fixed reference data
    alone; for a code or a reference, the record's own value, which `sort_lookup` makes the key
    when the sort is asked for, as code lists and names change without the record changing."""
    kind = KINDS[kind_key]
    held: dict[str, ColumnElement[Any]] = {}
    for column in columns(kind_key):
        spec = column.spec
        if spec is None:
            held[column.key] = kind.table.origin
        elif spec.type in (FieldType.CODE, FieldType.REF):
            held[column.key] = getattr(kind.table, spec.name)
        else:
            held[column.key] = _own_sort_key(kind, spec)
    return held


def sort_lookup(session: Session, kind_key: str, sort_field: str) -> Callable[[Any], Any] | None:
    """For a column whose held value is not its sort key (`held_sort_values`), what makes it the key
    ORDER BY uses (`_sort_expression`); None for the others."""
    if sort_field == ORIGIN:
        return None
    spec = KINDS[kind_key].field(sort_field)
    if spec.type == FieldType.CODE:
        order = _code_order(session, spec)
        last = len(order)
        return (lambda code: order.get(code, last)) if order else (lambda _code: 0)
    if spec.type == FieldType.REF:
        target = _REF_NAMES[spec.ref_kind or ""]
        return dict(session.execute(select(target.id, _swedish_sql_key(target.name))).all()).get
    return None


def _code_order(session: Session, spec: FieldSpec) -> dict[str, int]:
    """Code → its place in its code list."""
    return dict(session.execute(
        select(CodeItem.code, CodeItem.sort_order).where(CodeItem.list_name == spec.code_list)
    ).all())


def _own_sort_key(kind: RecordKind, spec: FieldSpec) -> ColumnElement[Any]:
    """The sort key of a column that depends on the record and the fixed reference data alone:
    Swedish order for text, names for municipalities (the first in order, of several)."""
    table = kind.table
    column = getattr(table, spec.name, None)
    if spec.type in (FieldType.TEXT, FieldType.ORG_NUMBER):
        return _swedish_sql_key(column)
    if spec.type == FieldType.MUNICIPALITY:
        names = _municipality_keys()
        return select(names.c.sort_key).where(names.c.code == column).scalar_subquery()
    if spec.type == FieldType.MUNICIPALITIES and spec.link is not None:
        names = _municipality_keys()
        link = spec.link.table
        return (
            select(func.min(names.c.sort_key))
            .join(link, getattr(link, spec.link.value_column) == names.c.code)
            .where(getattr(link, spec.link.owner_column) == table.id)
            .scalar_subquery()
        )
    if spec.type in (FieldType.DATE, FieldType.INTEGER):
        return column
    raise ValueError(f"{kind.key} cannot be sorted by {spec.name!r}")


def _municipality_keys() -> Any:
    """Municipality code → Swedish sort key, computed once per query rather than once per record."""
    return (
        select(Municipality.code, _swedish_sql_key(Municipality.name).label("sort_key"))
        .cte("municipality_key")
        .prefix_with("MATERIALIZED")
    )


# --- display values of a few rows ----------------------------------------------------------


def fetch_rows(session: Session, kind_key: str, ids: list[str], language: str) -> dict[str, DisplayRow]:
    """Display values of the records `ids` (ids not found are left out).

    Codes show their label in `language`, references the name of the record they point to,
    municipalities their names (joined with ", "), dates `YYYY-MM-DD`, `origin` the county's name
    (or Brå), so records of other producers are marked with where they come from.
    """
    kind = KINDS[kind_key]
    table = kind.table
    cols = columns(kind_key)
    labels = code_labels(session, language, {c.spec.code_list for c in cols if c.spec and c.spec.code_list})
    labels.update({(ORIGIN, code): name for code, name in origin_names(session).items()})
    selected: list[Any] = [table.id, table.deleted]
    for col in cols:
        selected.append(_display_expression(kind, col))
    found: dict[str, DisplayRow] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        many = {c.key: _municipality_names(session, c.spec, chunk)
                for c in cols if c.spec is not None and c.spec.type == FieldType.MUNICIPALITIES}
        for row in session.execute(select(*selected).where(table.id.in_(chunk))):
            record_id, deleted, values = row[0], row[1], row[2:]
            texts = tuple(
                ", ".join(many[col.key].get(record_id, ())) if col.key in many
                else _display_text(col, value, labels)
                for col, value in zip(cols, values)
            )
            found[record_id] = DisplayRow(texts, bool(deleted))
    return found


def _display_expression(kind: RecordKind, col: Column) -> Any:
    table = kind.table
    if col.spec is None:
        return table.origin
    if col.spec.type == FieldType.MUNICIPALITIES:
        return literal(None)  # filled from the link table by `_municipality_names`
    column = getattr(table, col.spec.name)
    if col.spec.type == FieldType.REF:
        target = _REF_NAMES[col.spec.ref_kind or ""]
        return select(target.name).where(target.id == column).scalar_subquery()
    if col.spec.type == FieldType.MUNICIPALITY:
        return select(Municipality.name).where(Municipality.code == column).scalar_subquery()
    return column


def _display_text(col: Column, value: Any, labels: dict[tuple[str, str], str]) -> str:
    if value is None:
        return ""
    if col.spec is None:
        return labels.get((ORIGIN, value), value)
    if isinstance(value, date):
        return value.isoformat()
    if col.spec is not None and col.spec.type == FieldType.CODE:
        return labels.get((col.spec.code_list or "", value), value)
    return str(value)


def code_labels(session: Session, language: str, lists: set[str]) -> dict[tuple[str, str], str]:
    """(list, code) → the code's label in `language`, for the lists named."""
    label = CodeItem.label_en if language == "en" else CodeItem.label_sv
    query = select(CodeItem.list_name, CodeItem.code, label).where(CodeItem.list_name.in_(lists))
    return {(list_name, code): text for list_name, code, text in session.execute(query)}


def _municipality_names(session: Session, spec: FieldSpec, ids: list[str]) -> dict[str, list[str]]:
    assert spec.link is not None
    link = spec.link.table
    owner = getattr(link, spec.link.owner_column)
    query = (
        select(owner, Municipality.name)
        .join(Municipality, Municipality.code == getattr(link, spec.link.value_column))
        .where(owner.in_(ids))
    )
    names: dict[str, list[str]] = {}
    for record_id, name in session.execute(query):
        names.setdefault(record_id, []).append(name)
    return {record_id: sorted(found, key=swedish_sort_key) for record_id, found in names.items()}


# --- what the filters can choose from ----------------------------------------------------------


def filter_options(session: Session, kind_key: str, language: str) -> dict[str, list[tuple[Any, str]]]:
    """Per filter key, the (value, label) pairs a filter offers, in the order to show them.

    Years are those with live records (newest first); networks are the live ones by name; codes
    come in code-list order, retired ones too (old records keep them); municipalities list the
    register's own county first.
    """
    kind = KINDS[kind_key]
    options: dict[str, list[tuple[Any, str]]] = {}
    for item in filters(kind_key):
        spec = item.spec
        if spec is None:
            options[item.key] = _origins(session, kind)
        elif item.by_year:
            options[item.key] = [(year, str(year)) for year in _years(session, kind, spec.name)]
        elif spec.type in (FieldType.CODE, FieldType.CODES):
            options[item.key] = _codes(session, spec.code_list or "", language)
        elif spec.type == FieldType.REF:
            options[item.key] = _live_names(session, _REF_NAMES[spec.ref_kind or ""])
        elif spec.type == FieldType.REFS and spec.ref_kind == "organisation":
            options[item.key] = _organisations(session)
        elif spec.type in (FieldType.MUNICIPALITY, FieldType.MUNICIPALITIES):
            options[item.key] = _municipalities(session)
        elif spec.type == FieldType.INTEGER:  # a follow-up's year
            options[item.key] = [(value, str(value)) for value in _distinct_live(session, kind, spec.name)]
        else:
            raise ValueError(f"no options for filter {item.key!r} of {kind_key}")
    return options


def _origins(session: Session, kind: RecordKind) -> list[tuple[str, str]]:
    """The producers with records of this kind, Brå first and then the counties in code order:
    one index seek per producer (as `_years` does per year), not a scan of every record."""
    origin = kind.table.origin
    present: list[str] = []
    found = session.scalar(select(func.min(origin)))
    while found is not None:
        present.append(found)
        found = session.scalar(select(func.min(origin)).where(origin > found))
    names = origin_names(session)
    return [(code, names.get(code, code)) for code in sorted(present, key=lambda code: (code != NATIONAL, code))]


def origin_names(session: Session) -> dict[str, str]:
    """Producer code → what a person calls it: the county's name, or Brå."""
    return {NATIONAL: "Brå", **dict(session.execute(select(County.code, County.name)).all())}


def _years(session: Session, kind: RecordKind, field_name: str) -> list[int]:
    """The years present, one index seek per year rather than a scan of every record."""
    column = getattr(kind.table, field_name)
    live = kind.table.deleted.is_(False)
    years: list[int] = []
    first = session.scalar(select(func.min(column)).where(live))
    while first is not None:
        years.append(first.year)
        first = session.scalar(select(func.min(column)).where(live, column >= date(first.year + 1, 1, 1)))
    return years[::-1]


def _distinct_live(session: Session, kind: RecordKind, field_name: str) -> list[Any]:
    """The values a field has in live records, largest first (a follow-up's years, newest first)."""
    column = getattr(kind.table, field_name)
    return list(session.scalars(select(column).where(kind.table.deleted.is_(False)).distinct().order_by(column.desc())))


def _codes(session: Session, list_name: str, language: str) -> list[tuple[Any, str]]:
    label = CodeItem.label_en if language == "en" else CodeItem.label_sv
    query = select(CodeItem.code, label).where(CodeItem.list_name == list_name).order_by(
        CodeItem.sort_order, CodeItem.code
    )
    return [(code, text) for code, text in session.execute(query)]


def _live_names(session: Session, table: type[Network] | type[Organisation]) -> list[tuple[Any, str]]:
    rows = session.execute(select(table.id, table.name).where(table.deleted.is_(False))).all()
    return sorted(((record_id, name) for record_id, name in rows), key=lambda pair: swedish_sort_key(pair[1]))


def _organisations(session: Session) -> list[tuple[Any, str]]:
    """The live organisations, the register's own and Brå's first by name, then the others' with
    their county: several counties have a "Polisregion Stockholm" or a "Brottsofferjouren"."""
    own = session.scalar(select(RegisterInfo.value).where(RegisterInfo.key == "producer"))
    names = origin_names(session)
    rows = session.execute(select(Organisation.id, Organisation.name, Organisation.origin)
                           .where(Organisation.deleted.is_(False))).all()
    mine = {own, NATIONAL}
    rows.sort(key=lambda row: (row.origin not in mine, swedish_sort_key(row.name), row.origin))
    return [(record_id, name if origin in mine else f"{name} – {names.get(origin, origin)}")
            for record_id, name, origin in rows]


def _municipalities(session: Session) -> list[tuple[Any, str]]:
    own = session.scalar(select(RegisterInfo.value).where(RegisterInfo.key == "producer"))
    rows = session.execute(select(Municipality.code, Municipality.name, Municipality.county_code)).all()
    rows.sort(key=lambda row: (row.county_code != own, swedish_sort_key(row.name)))
    return [(code, name) for code, name, _county in rows]


def counties(session: Session) -> list[tuple[str, str]]:
    """The counties as (code, name), in code order: the choice of whose register this is."""
    return [(code, name) for code, name in session.execute(select(County.code, County.name).order_by(County.code))]


# --- what forms offer to choose from -------------------------------------------------------------


def code_items(session: Session, list_name: str) -> list[CodeItem]:
    """Every code of a list, retired ones too, in Brå's order."""
    return list(session.scalars(
        select(CodeItem).where(CodeItem.list_name == list_name).order_by(CodeItem.sort_order, CodeItem.code)))


def municipalities_with_counties(session: Session) -> list[tuple[str, str, str, str]]:
    """Every municipality as (code, name, county code, county name)."""
    query = (select(Municipality.code, Municipality.name, Municipality.county_code, County.name)
             .join(County, County.code == Municipality.county_code))
    return [tuple(row) for row in session.execute(query)]


def linkable_records(session: Session, kind_key: str, keep: set[str]) -> list[tuple[Any, ...]]:
    """(id, title, origin, deleted[, start date]) of the live records of a kind, and of the deleted
    ones among `keep` (links a record has, which must stay visible to be removed)."""
    kind = KINDS[kind_key]
    table = kind.table
    columns = [table.id, getattr(table, kind.title_field), table.origin, table.deleted]
    columns += [table.start_date] if kind_key == "activity" else []
    rows = [tuple(row) for row in session.execute(select(*columns).where(table.deleted.is_(False)))]
    if keep - {row[0] for row in rows}:
        rows += [tuple(row) for row in session.execute(select(*columns).where(table.id.in_(keep), table.deleted.is_(True)))]
    return rows


def county_name(session: Session, code: str) -> str | None:
    county = session.get(County, code)
    return county.name if county is not None else None


def record_title(session: Session, kind_key: str, record_id: str) -> str | None:
    """The title (or name) of a record, deleted or not; None for an id the register lacks."""
    kind = KINDS[kind_key]
    return session.scalar(select(getattr(kind.table, kind.title_field)).where(kind.table.id == record_id))
