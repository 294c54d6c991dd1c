"""The länsstyrelser's own words in their yearly redovisning (`fields.COUNTY_REPORT`), for the
report of a year: each länsstyrelse's texts under their headings, in the form's order. Pure data, no Qt.

Scope: a county keeps its own redovisning of the year; None keeps every county's, in county order.
A text left empty is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import COUNTY_REPORT, FieldType
from bra_desktop.domain.models import County, CountyReport

_TEXTS = tuple(spec for spec in COUNTY_REPORT.fields if spec.type == FieldType.LONG_TEXT)


@dataclass(frozen=True)
class CountyAccount:
    county: str
    county_name: str
    case_number: str | None
    texts: tuple[tuple[str, str], ...]
    """(heading, text) of each text written, in the form's order: ("Länsstyrelsens bedömning", …)."""


def county_accounts(session: Session, year: int, county: str | None = None) -> list[CountyAccount]:
    query = (select(CountyReport, County.name).join(County, County.code == CountyReport.origin)
             .where(CountyReport.year == year, CountyReport.deleted.is_(False)).order_by(CountyReport.origin))
    if county is not None:
        query = query.where(CountyReport.origin == county)
    return [CountyAccount(report.origin, name, report.case_number,
                          tuple((spec.label_sv, text) for spec in _TEXTS if (text := getattr(report, spec.name))))
            for report, name in session.execute(query)]
