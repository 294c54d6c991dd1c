"""Commitments and problem areas as they stood when a year ended, kept once the year is over.

The figures of an ended year count commitments and problem areas as they stood at its end: each
record's last change-log entry before the new year. Looked up in the log record by record, that
was most of an ended year's figures at national scale, and the log rows carry whole records. Once
the year is over, what the register logs comes after it, so what stood at its end stays as it
was: `year_end_state` keeps it, taken at the first read after the year ended (`take`).

What could change it: an entry logged after the states were taken but stamped before the year
ended (demo data is written with earlier stamps). Each read first looks at the stamps of the
entries logged since it last looked, and drops the states of every year that ended after the
earliest of them. Records removed since (an undone import) are left out by the reader's join with
their table, as in the log.

`register_info` key `BOOKKEEPING` holds, as JSON, the newest change-log entry looked at and which
(table, year) states are kept: a year whose records were none is kept as such.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import ChangeLog, Commitment, ProblemArea, RegisterInfo, YearEndState, utcnow
from bra_desktop.store.changelog import change_marker, logged_field
from bra_desktop.store.engine import begin_writing

STATE_FIELDS = {
    Commitment.__tablename__: ("title", "status", "due_date", "network_id", "responsible_org_id"),
    ProblemArea.__tablename__: ("trend", "status", "theme"),
}
"""The fields of a commitment or problem area that the figures count, as they stood."""

BOOKKEEPING = "year_end_states"


def year_ended(year: int) -> datetime:
    """The moment `year` ended, in local time (UTC, as the change log keeps its times)."""
    return datetime(year + 1, 1, 1).astimezone().astimezone(UTC)


def is_over(year: int) -> bool:
    """Whether `year` has ended by now (by the clock, not a report's reference date): only then
    is nothing logged later part of it."""
    return year_ended(year) <= utcnow()


def logged_states(session: Session, table: Any, moment: datetime, *, leading: tuple[Any, ...] = (),
                  where: tuple[Any, ...] = ()) -> Select[Any]:
    """Every record of `table` (those meeting `where`) as its last change-log entry before `moment`
    holds it, looked up record by record in the log; records deleted then or not yet there are
    left out. Its columns: `leading` (labelled columns of `table`), the id, then the fields of
    `STATE_FIELDS` by their names, taken out of the logged text by the database."""
    last = (select(ChangeLog.after)
            .where(ChangeLog.record_id == table.id, ChangeLog.table_name == table.__tablename__, ChangeLog.at < moment)
            .order_by(ChangeLog.id.desc()).limit(1).scalar_subquery())
    logged = (select(*leading, table.id.label("id"), last.label("after")).where(*where)
              .cte().prefix_with("MATERIALIZED"))  # unnamed: a statement may hold two, of two years
    fields = (logged_field(session, logged.c.after, name).label(name) for name in STATE_FIELDS[table.__tablename__])
    return (select(*(logged.c[column.name] for column in leading), logged.c.id, *fields)
            .where(logged.c.after.is_not(None)))  # a delete logs no content after it


def kept_state_of(table: Any, year: int, record_id: Any) -> ColumnElement[bool]:
    """The join onto `year_end_state`: the kept state of the `table` record `record_id` (a column)
    when `year` ended."""
    return and_(YearEndState.table_name == table.__tablename__, YearEndState.year == year,
                YearEndState.record_id == record_id)


def take(session: Session, table: Any, year: int) -> bool:
    """Make sure `year_end_state` holds every record of `table` as it stood when `year` ended;
    False while the year is not over (the caller then reads the log itself)."""
    if not is_over(year):
        return False
    kept = _bookkeeping(session)
    key = f"{table.__tablename__}:{year}"
    if key not in kept["taken"]:
        begin_writing(session)
        leading = (literal(table.__tablename__).label("table_name"), literal(year).label("year"))
        columns = ["table_name", "year", "record_id", *STATE_FIELDS[table.__tablename__]]
        states = logged_states(session, table, year_ended(year), leading=leading)
        session.execute(insert(YearEndState).from_select(columns, states))
        kept["taken"].append(key)
        _keep(session, kept)
    return True


def forget(session: Session) -> None:
    """Drop every state kept: the next read of each ended year takes them again from the log."""
    session.execute(delete(YearEndState))
    info = session.get(RegisterInfo, BOOKKEEPING)
    if info is not None:
        session.delete(info)
    session.flush()


def _bookkeeping(session: Session) -> dict[str, Any]:
    """What is kept, after dropping the states that entries logged since the last look overtake."""
    latest = change_marker(session)
    info = session.get(RegisterInfo, BOOKKEEPING)
    kept: dict[str, Any] = json.loads(info.value) if info is not None else {"through": latest, "taken": []}
    if kept["through"] < latest:
        earliest = session.scalar(select(func.min(ChangeLog.at)).where(ChangeLog.id > kept["through"]))
        overtaken = [key for key in kept["taken"] if earliest is not None and year_ended(int(key.split(":")[1])) > earliest]
        for key in overtaken:
            table_name, year = key.split(":")
            session.execute(delete(YearEndState).where(YearEndState.table_name == table_name,
                                                       YearEndState.year == int(year)))
            kept["taken"].remove(key)
        kept["through"] = latest
        _keep(session, kept)
    return kept


def _keep(session: Session, kept: dict[str, Any]) -> None:
    session.merge(RegisterInfo(key=BOOKKEEPING, value=json.dumps(kept)))
    session.flush()
