"""The records behind a figure of `reports.figures`: which ids a bar of the overview counts.

A click on a bar of the overview (`ui.dashboard`) shows exactly the records that bar counts, and
more recorded later that it would count too: each function gives a query, run afresh whenever the
table asks (a `Restriction`), with the same rules as `reports.figures` (live records, cancelled
activities left out, a period that overlaps the year, the county chosen).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, not_, select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import (
    Activity,
    ActivityMunicipality,
    ActivityOrganisation,
    ActivitySubjectArea,
    Commitment,
    Organisation,
    ProblemArea,
)
from bra_desktop.reports.figures import CLOSED_COMMITMENT
from bra_desktop.store.tally import CANCELLED


def _scope(table: Any, county: str | None) -> list[ColumnElement[bool]]:
    return [table.deleted.is_(False), *([table.origin == county] if county is not None else [])]


def _ids(query: Select[Any]) -> Callable[[Session], list[str]]:
    """The ids `query` selects, asked afresh each time (a `Restriction` asks on every table query)."""
    return lambda session: list(session.execute(query).scalars())


def _year_activities(year: int, county: str | None) -> list[ColumnElement[bool]]:
    """Live, not cancelled activities of the scope whose period overlaps `year`."""
    return [
        *_scope(Activity, county),
        Activity.status != CANCELLED,
        Activity.start_date <= date(year, 12, 31),
        func.coalesce(Activity.end_date, Activity.start_date) >= date(year, 1, 1),
    ]


def activities_behind(year: int, county: str | None, chart: str, key: str) -> Callable[[Session], list[str]]:
    """The ids of the activities a bar of `chart` counts (see `YearFigures`): a `Restriction`'s query."""
    conditions = _year_activities(year, county)
    if chart == "by_month":
        month = int(key)
        if month > 1:  # January also holds the activities begun in an earlier year
            conditions.append(Activity.start_date >= date(year, month, 1))
        if month < 12:
            conditions.append(Activity.start_date < date(year, month + 1, 1))
    elif chart == "by_type":
        conditions.append(Activity.activity_type == key)
    elif chart == "by_network":
        conditions.append(Activity.network_id == key if key else Activity.network_id.is_(None))
    elif chart == "by_subject_area":
        with_code = select(ActivitySubjectArea.activity_id)
        if key:
            conditions.append(Activity.id.in_(with_code.where(ActivitySubjectArea.code == key)))
        else:
            conditions.append(not_(Activity.id.in_(with_code)))
    elif chart == "municipalities_reached":
        conditions.append(Activity.id.in_(
            select(ActivityMunicipality.activity_id).where(ActivityMunicipality.municipality_code == key)))
    else:
        raise ValueError(f"no activities behind {chart!r}")
    return _ids(select(Activity.id).where(*conditions))


def organisations_behind(year: int, county: str | None, org_type: str) -> Callable[[Session], list[str]]:
    """Live organisations of type `org_type` taking part in the year's activities."""
    taking_part = (
        select(ActivityOrganisation.organisation_id)
        .join(Activity, Activity.id == ActivityOrganisation.activity_id)
        .where(*_year_activities(year, county))
    )
    return _ids(select(Organisation.id).where(
        Organisation.deleted.is_(False), Organisation.org_type == org_type, Organisation.id.in_(taking_part)))


def commitments_behind(county: str | None, *, status: str | None = None, overdue_on: date | None = None,
                       ) -> Callable[[Session], list[str]]:
    """Live commitments of the scope: of a status, or overdue on a date (due before it, not closed)."""
    conditions = _scope(Commitment, county)
    if status is not None:
        conditions.append(Commitment.status == status)
    if overdue_on is not None:
        conditions += [Commitment.due_date < overdue_on, Commitment.status.not_in(CLOSED_COMMITMENT)]
    return _ids(select(Commitment.id).where(*conditions))


def problem_areas_behind(county: str | None, *, trend: str | None = None, status: str | None = None,
                         ) -> Callable[[Session], list[str]]:
    conditions = _scope(ProblemArea, county)
    if trend is not None:
        conditions.append(ProblemArea.trend == trend)
    if status is not None:
        conditions.append(ProblemArea.status == status)
    return _ids(select(ProblemArea.id).where(*conditions))
