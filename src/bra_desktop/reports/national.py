"""Brå's national overview: where every county stands in a year, and when its last bundle came. No Qt.

One row per county of the register's county table (all 21, whether they have sent anything or not):

- the year's activities, open and overdue commitments and new problem areas, counted by
  `reports.figures.county_overview` (the rules of the dashboard and the annual report: by origin,
  tombstones and cancelled activities left out, commitments as they stand on `today`);
- the last bundle received from the county: of the imports (`BundleReceipt`, direction "import")
  from that producer that were not undone, the one made last (`created_at`: the newest state of the
  county's register that Brå holds), with when it was read in (`processed_at`), and its age in days
  on `today` (from the day it was made, in local time);
- `sent_this_year`: whether any bundle from the county was read in during `year` (local time). A
  county whose row says False has sent Brå nothing that year, and the overview marks it.

The bundle times are stored in UTC; SQLite hands them back without a time zone, so they are read as
UTC and returned time-zone aware.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import BundleReceipt
from bra_desktop.reports.figures import county_overview
from bra_desktop.reports.municipalities import LawSummary


@dataclass(frozen=True)
class CountyStatus:
    code: str
    """County code, "01"…"25"."""
    name: str
    """"Stockholms län"."""
    activities: int
    """The year's activities of the county (by origin, cancelled ones left out)."""
    open_commitments: int
    """Commitments of the county whose status is neither KLART nor AVBRUTET."""
    overdue_commitments: int
    """Open commitments due before `today`."""
    new_problem_areas: int
    """Problem areas of the county first observed (or, with no date, registered) in the year."""
    last_bundle_created_at: datetime | None
    """When the county made its last bundle that Brå has read in (UTC); None if none has come."""
    last_bundle_received_at: datetime | None
    """When Brå read that bundle in (UTC)."""
    days_since_last_bundle: int | None
    """Days from the day the last bundle was made to `today`; None if none has come."""
    sent_this_year: bool
    """A bundle from the county was read in during the year."""
    law: LawSummary
    """How many of the county's municipalities meet each requirement of Lag (2023:196) in the year."""


def national_overview(session: Session, year: int, *, today: date | None = None) -> list[CountyStatus]:
    """Every county's row of `year`, in county-code order (see the module docstring)."""
    today = today or date.today()
    figures = county_overview(session, year, today=today, every_county=True)
    latest: dict[str, tuple[datetime, datetime]] = {}
    received_in_year: set[str] = set()
    query = select(BundleReceipt.producer, BundleReceipt.created_at, BundleReceipt.processed_at).where(
        BundleReceipt.direction == "import", BundleReceipt.undone.is_(False),
        BundleReceipt.producer.in_([item.county for item in figures]),
    )
    for producer, created_at, processed_at in session.execute(query):
        created, received = created_at.astimezone(UTC), processed_at.astimezone(UTC)  # stored times come back aware
        if producer not in latest or (created, received) > latest[producer]:
            latest[producer] = (created, received)
        if received.astimezone().year == year:
            received_in_year.add(producer)
    rows = []
    for item in figures:
        assert item.county is not None
        created, received = latest.get(item.county, (None, None))
        rows.append(CountyStatus(
            code=item.county,
            name=item.scope_name,
            activities=item.activities,
            open_commitments=item.open_commitments,
            overdue_commitments=len(item.overdue_commitments),
            new_problem_areas=len(item.new_problem_areas),
            last_bundle_created_at=created,
            last_bundle_received_at=received,
            days_since_last_bundle=None if created is None else (today - created.astimezone().date()).days,
            sent_this_year=item.county in received_in_year,
            law=item.law_summary,
        ))
    return rows
