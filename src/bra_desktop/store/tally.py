"""The activities counted per origin and year (`activity_tally`), kept up to date from the change log.

Översikt, the annual report and the Kommuner section count a year's activities by type, month,
network, subject area, municipality and organisation. Counted from the activities and their link
tables each time, a national register of 200,000 activities took seconds per year; counted once
into this table, a year's figures are a few hundred rows. The table is derived: it is never synced,
and a register without it (an older one, or one whose tally was forgotten) builds it when first read.

What counts (the rules of `reports/figures.py`):

- An activity counts in every year its period (`start_date` to `end_date`, or `start_date` alone)
  overlaps. By month it counts in the month it starts; one begun in an earlier year in January.
- Tombstoned and cancelled (INSTALLD) activities never count.
- The tally keeps codes and ids, not their labels, names or whether an organisation is still live:
  those are read with it, so changing a code list, a network or an organisation changes nothing here.

Keeping it up to date: every write of an activity (a form, an import, a code rename, an undo's
write-back) logs a change-log entry. `bring_up_to_date` reads which origins' activities the log
has changed since the tally was last counted (`register_info` key `TALLIED_THROUGH`), and in which
years (their periods before and after each change), and counts those years of those origins again,
in the caller's transaction. What removes activities without logging must count their years again
itself: undoing an import that created them takes their periods first (`periods`) and counts
those years of those origins again once they are gone (`recount`). A migration that changes
activities calls `forget`, which makes the next read count everything again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Integer, String, and_, case, delete, extract, func, insert, literal, select, union_all
from sqlalchemy.orm import Session

from bra_desktop.domain.models import (
    Activity, ActivityMunicipality, ActivityOrganisation, ActivitySubjectArea, ActivityTally, ChangeLog, RegisterInfo,
)
from bra_desktop.store.changelog import change_marker, logged_field
from bra_desktop.store.engine import begin_writing

CANCELLED = "INSTALLD"
"""Activity status left out of every count."""
COUNTED = (Activity.deleted.is_(False), Activity.status != CANCELLED)
"""The activities that count: live and not cancelled."""
_END = func.coalesce(Activity.end_date, Activity.start_date)
"""The last day of an activity's period."""
_FIRST_YEAR, _LAST_YEAR = extract("year", Activity.start_date), extract("year", _END)

TALLIED_THROUGH = "activity_tally_through"
"""The `register_info` key of the newest change-log entry the tally has counted."""

PARTICIPANTS = "participants"
"""key "": the participants of the year's activities."""
TYPE_BY_MONTH = "type by month"
"""key: activity type, month: 1–12; value: activities. Their sum is the year's activities."""
NETWORK = "network"
"""key: network id, "" for none."""
SUBJECT_AREA = "subject area"
"""key: subject-area code, "" for none; an activity with several counts once in each."""
MUNICIPALITY = "municipality"
"""key: municipality code, detail: activity type; value: the activities that list it."""
ORGANISATION = "organisation"
"""key: organisation id; value: the activities it takes part in."""
LATEST_START = "latest start"
"""Not by overlap: year and month are those an activity starts in; key: municipality code; value:
the day of the month of the latest start there. A municipality's last contact up to a day is the
latest of these before that day's month, or one in that month up to the day."""

Spans = dict[str, tuple[int, int]]
"""origin → the first and the last year of its activities to count again."""


def bring_up_to_date(session: Session) -> None:
    """Count again the years of the origins whose activities changed since the tally was last
    counted, in the caller's transaction (which commits it, or not: a tally left uncounted is
    counted next time)."""
    latest = change_marker(session)
    info = session.get(RegisterInfo, TALLIED_THROUGH)
    if info is not None and int(info.value) == latest:
        return
    table = ActivityTally.__table__
    if info is None:
        session.execute(delete(table))
        _count(session, None, None)
    else:
        recount(session, _changed(session, int(info.value)))
    session.merge(RegisterInfo(key=TALLIED_THROUGH, value=str(latest)))
    session.flush()


def recount(session: Session, spans: Spans) -> None:
    """Count the years of `spans` of each origin again, in the caller's transaction."""
    table = ActivityTally.__table__
    by_years: dict[tuple[int, int], list[str]] = {}
    for origin, years in spans.items():
        by_years.setdefault(years, []).append(origin)
    for years, origins in by_years.items():
        session.execute(delete(table).where(table.c.origin.in_(origins), table.c.year.between(*years)))
        _count(session, origins, years)


def periods(session: Session, activity_ids: list[str]) -> Spans:
    """The years the periods of `activity_ids` touch, by origin: taken before they are removed."""
    query = (select(Activity.origin, func.min(_FIRST_YEAR), func.max(_LAST_YEAR))
             .where(Activity.id.in_(activity_ids)).group_by(Activity.origin))
    return {origin: (int(first), max(int(first), int(last))) for origin, first, last in session.execute(query)}


def widest(spans: Spans, more: Spans) -> Spans:
    """Each origin's years in `spans` or `more`, from the first of either to the last."""
    joined = dict(spans)
    for origin, (first, last) in more.items():
        held = joined.get(origin)
        joined[origin] = (first, last) if held is None else (min(held[0], first), max(held[1], last))
    return joined


def _changed(session: Session, since: int) -> Spans:
    """The origins whose activities the change log shows changed after entry `since`, and in which
    years: each the span of every period the changes held, before and after. One edit recounts a
    year or two of one origin; an import, all it brought."""
    sides = []
    for side in (ChangeLog.before, ChangeLog.after):
        start = logged_field(session, side, "start_date")
        sides.append(select(ChangeLog.record_id.label("record_id"), start.label("first"),
                            func.coalesce(logged_field(session, side, "end_date"), start).label("last"))
                     .where(ChangeLog.id > since, ChangeLog.table_name == Activity.__tablename__))
    logged = union_all(*sides).subquery("periods")
    query = (select(Activity.origin, func.min(logged.c.first), func.max(logged.c.last))
             .join(logged, logged.c.record_id == Activity.id).group_by(Activity.origin))
    # the ISO dates of the logged text: the year is its first four digits
    return {origin: (int(first[:4]), max(int(first[:4]), int(last[:4])))
            for origin, first, last in session.execute(query) if first is not None}


def forget(session: Session) -> None:
    """Make the next read count every activity again: for changes the change log does not show."""
    info = session.get(RegisterInfo, TALLIED_THROUGH)
    if info is not None:
        session.delete(info)
        session.flush()


def _count(session: Session, origins: list[str] | None, years: tuple[int, int] | None) -> None:
    """Insert the tally of the activities of `origins` (None: every origin) in `years` (first and
    last; None: every year they touch)."""
    live = list(COUNTED)
    if origins is not None:
        live.append(Activity.origin.in_(origins))
    counted = _years(session, origins) if years is None else list(range(years[0], years[1] + 1))
    if not counted:
        return
    span = union_all(*(select(literal(year, Integer).label("year"), literal(date(year, 1, 1)).label("first"),
                              literal(date(year, 12, 31)).label("last")) for year in counted)).cte("tally_year")
    starts_within = [Activity.start_date.between(date(counted[0], 1, 1), date(counted[-1], 12, 31))]
    year_activity = (
        select(Activity.id.label("id"), Activity.origin.label("origin"), span.c.year.label("year"),
               case((Activity.start_date < span.c.first, 1), else_=extract("month", Activity.start_date)).label("month"),
               Activity.activity_type.label("activity_type"), func.coalesce(Activity.network_id, "").label("network_id"),
               func.coalesce(Activity.participants, 0).label("participants"))
        .join(span, and_(Activity.start_date <= span.c.last, _END >= span.c.first))
        .where(*live, Activity.start_date <= date(counted[-1], 12, 31))
        .cte("year_activity")
        .prefix_with("MATERIALIZED")
    )
    y = year_activity.c

    def grouping(name: str, value: Any, key: Any = None, *, detail: Any = None, month: Any = None) -> Any:
        parts = [part for part in (key, detail, month) if part is not None]
        return (select(y.origin, y.year, literal(name, String), _or(key, ""), _or(detail, ""), _or(month, 0), value)
                .group_by(y.origin, y.year, *parts))

    by_year = union_all(
        grouping(PARTICIPANTS, func.sum(y.participants)),
        grouping(TYPE_BY_MONTH, func.count(), y.activity_type, month=y.month),
        grouping(NETWORK, func.count(), y.network_id),
        grouping(SUBJECT_AREA, func.count(), func.coalesce(ActivitySubjectArea.code, "")).select_from(
            year_activity.outerjoin(ActivitySubjectArea, ActivitySubjectArea.activity_id == y.id)),
        grouping(MUNICIPALITY, func.count(), ActivityMunicipality.municipality_code, detail=y.activity_type).select_from(
            year_activity.join(ActivityMunicipality, ActivityMunicipality.activity_id == y.id)),
        grouping(ORGANISATION, func.count(), ActivityOrganisation.organisation_id).select_from(
            year_activity.join(ActivityOrganisation, ActivityOrganisation.activity_id == y.id)),
    )
    start_month = extract("month", Activity.start_date)
    latest_start = (
        select(Activity.origin, _FIRST_YEAR, literal(LATEST_START, String), ActivityMunicipality.municipality_code,
               literal("", String), start_month, extract("day", func.max(Activity.start_date)))
        .join(ActivityMunicipality, ActivityMunicipality.activity_id == Activity.id)
        .where(*live, *starts_within)
        .group_by(Activity.origin, _FIRST_YEAR, ActivityMunicipality.municipality_code, start_month)
    )
    table = ActivityTally.__table__
    columns = ["origin", "year", "grouping", "key", "detail", "month", "value"]
    begin_writing(session)  # by_year's common table expressions come before its INSERT
    session.execute(insert(table).from_select(columns, by_year))
    session.execute(insert(table).from_select(columns, latest_start))


def _or(part: Any, default: str | int) -> Any:
    """`part`, or the constant `default` for a grouping without it."""
    return part if part is not None else literal(default, String if isinstance(default, str) else Integer)


def _years(session: Session, origins: list[str] | None) -> list[int]:
    """Every year a counted activity of `origins` (None: any) touches."""
    query = select(_FIRST_YEAR, _LAST_YEAR).where(*COUNTED).distinct()
    if origins is not None:
        query = query.where(Activity.origin.in_(origins))
    years: set[int] = set()
    for first, last in session.execute(query):
        years.update(range(int(first), max(int(first), int(last)) + 1))
    return sorted(years)
