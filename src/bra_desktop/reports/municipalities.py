"""Each municipality's standing under Lag (2023:196) in one year, with the support its
länsstyrelse gave it: the rows of the Kommuner section, Översikt's "Lagens krav i länet" and the
annual report's "Kommunernas arbete enligt lagen". Pure data, no Qt.

What counts:

- A requirement is in place when the year's follow-up says so: a samordningsfunktion that `FINNS`,
  a lägesbild that is `KLAR`, an åtgärdsplan that is `BESLUTAD`. A municipality without a follow-up
  of the year is not followed up: it is never counted as having (or lacking) anything, and shows as
  such, so "9 av 26 saknar beslutad åtgärdsplan" means what it says.
- Support is the year's live activities that list the municipality, cancelled ones left out, by
  activity type (as `figures.py` counts activities: a period that overlaps the year). The last
  contact is the latest start of such an activity, of any year, up to `today`.
- Scope: a county's municipalities (all 290 with `county` None, in county order). Follow-ups are
  owned by the municipality's county, so the municipality alone decides whose they are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import FOLLOW_UP
from bra_desktop.domain.models import (
    Activity, ActivityMunicipality, ActivityTally, Commitment, CommitmentActivity, County, Municipality,
    MunicipalityFollowUp, Organisation, ProblemArea, ProblemAreaMunicipality,
)
from bra_desktop.store.queries import code_labels, swedish_sort_key
from bra_desktop.store.tally import COUNTED, LATEST_START, MUNICIPALITY, bring_up_to_date

IN_PLACE = {"coordination_status": "FINNS", "situation_status": "KLAR", "plan_status": "BESLUTAD"}
"""Each requirement of the law, and the status of the follow-up that says it is met."""
_STATUS_LISTS = {requirement: FOLLOW_UP.field(requirement).code_list or "" for requirement in IN_PLACE}
NOT_FOLLOWED_UP = "ej uppföljd"
FIRST_YEAR = FOLLOW_UP.field("year").minimum
"""The law's first year: it took effect on 1 July 2023."""


@dataclass(frozen=True)
class MunicipalityStanding:
    """One municipality in one year."""

    code: str
    name: str
    county: str
    county_name: str
    follow_up_id: str | None
    """The year's follow-up, None when the municipality is not followed up that year."""
    statuses: dict[str, str | None]
    """Requirement (a key of `IN_PLACE`) → the follow-up's status code; None without a follow-up."""
    status_labels: dict[str, str] = field(default_factory=dict)
    """Requirement → the status in Swedish, for the annual report ("Beslutad"; "ej uppföljd")."""
    situation_date: date | None = None
    plan_decided_on: date | None = None
    plan_valid_to: date | None = None
    next_follow_up: date | None = None
    earlier_follow_up_id: str | None = None
    """The latest follow-up of an earlier year, which a new one starts as a copy of."""
    support: Counter[str] = field(default_factory=Counter)
    """Activity type → the year's activities that list the municipality."""
    last_contact: date | None = None

    @property
    def followed_up(self) -> bool:
        return self.follow_up_id is not None

    def has(self, requirement: str) -> bool:
        """Whether the year's follow-up says the requirement is met."""
        return self.statuses[requirement] == IN_PLACE[requirement]

    def lacks(self, requirement: str) -> bool:
        """Whether the year's follow-up says the requirement is not met (not followed up: neither)."""
        return self.followed_up and not self.has(requirement)

    @property
    def supported(self) -> int:
        return sum(self.support.values())


@dataclass(frozen=True)
class LawSummary:
    """How many municipalities of a scope meet each requirement: the sentence a coordinator needs."""

    municipalities: int
    followed_up: int
    met: dict[str, int]
    """Requirement → municipalities whose follow-up says it is met."""
    supported: int
    """Municipalities with at least one activity in the year."""

    def lacking(self, requirement: str) -> int:
        """Followed-up municipalities whose follow-up says the requirement is not met."""
        return self.followed_up - self.met[requirement]


def standings(session: Session, year: int, county: str | None = None, *, today: date | None = None) -> list[MunicipalityStanding]:
    """Every municipality of `county` (all with None) in `year`, in county order and then by name."""
    today = today or date.today()
    municipalities = select(Municipality.code, Municipality.name, Municipality.county_code, County.name).join(
        County, County.code == Municipality.county_code)
    if county is not None:
        municipalities = municipalities.where(Municipality.county_code == county)
    places = sorted(session.execute(municipalities), key=lambda row: (row[2], swedish_sort_key(row[1])))
    current = _follow_ups(session, county, year)
    earlier = _earlier_follow_ups(session, county, year)
    bring_up_to_date(session)  # the tally that support and last contacts are read from
    support = _support(session, county, year)
    contact = _last_contacts(session, county, today)
    labels = code_labels(session, "sv", set(_STATUS_LISTS.values()))
    found = []
    for code, name, county_code, county_name in places:
        follow_up = current.get(code)
        statuses = {requirement: _of(follow_up, requirement) for requirement in IN_PLACE}
        found.append(MunicipalityStanding(
            code=code, name=name, county=county_code, county_name=county_name, follow_up_id=_of(follow_up, "id"),
            statuses=statuses,
            status_labels={requirement: labels.get((code_list, statuses[requirement]), statuses[requirement])
                           if follow_up is not None else NOT_FOLLOWED_UP for requirement, code_list in _STATUS_LISTS.items()},
            situation_date=_of(follow_up, "situation_date"), plan_decided_on=_of(follow_up, "plan_decided_on"),
            plan_valid_to=_of(follow_up, "plan_valid_to"), next_follow_up=_of(follow_up, "next_follow_up"),
            earlier_follow_up_id=earlier.get(code), support=support.get(code, Counter()), last_contact=contact.get(code),
        ))
    return found


def _of(follow_up: dict[str, Any] | None, field_name: str) -> Any:
    """A field of the year's follow-up; None for a municipality not followed up."""
    return follow_up[field_name] if follow_up is not None else None


def summary(rows: list[MunicipalityStanding]) -> LawSummary:
    return LawSummary(
        municipalities=len(rows),
        followed_up=sum(row.followed_up for row in rows),
        met={requirement: sum(row.has(requirement) for row in rows) for requirement in IN_PLACE},
        supported=sum(bool(row.support) for row in rows),
    )


def by_county(rows: list[MunicipalityStanding]) -> dict[str, list[MunicipalityStanding]]:
    """The rows of each county, in county order (Brå's table per county)."""
    grouped: dict[str, list[MunicipalityStanding]] = {}
    for row in rows:
        grouped.setdefault(row.county, []).append(row)
    return grouped


def follow_up_years(session: Session, today: date | None = None) -> list[int]:
    """The years to choose among, newest first: from the law's first year (2023) to this one, and any
    later year a follow-up is already made for."""
    this_year = (today or date.today()).year
    latest = session.scalar(select(func.max(MunicipalityFollowUp.year)).where(MunicipalityFollowUp.deleted.is_(False)))
    return list(range(max(this_year, latest or this_year), FIRST_YEAR - 1, -1))


def _in_county(query: Select[Any], municipality_code: Any, county: str | None) -> Select[Any]:
    """`query` kept to the municipalities of `county` (all with None). A join on the municipality's
    county, not a list of its codes: SQLite probes such a list once per row it reads, which made
    the whole country's overview count its support five times slower."""
    if county is None:
        return query
    return query.join(Municipality, Municipality.code == municipality_code).where(Municipality.county_code == county)


def _live_follow_ups(county: str | None) -> Select[tuple[MunicipalityFollowUp]]:
    query = select(MunicipalityFollowUp).where(MunicipalityFollowUp.deleted.is_(False))
    return _in_county(query, MunicipalityFollowUp.municipality_code, county)


_STANDING_FIELDS = ("id", *IN_PLACE, "situation_date", "plan_decided_on", "plan_valid_to", "next_follow_up")
"""The fields of a follow-up that its municipality's standing shows."""


def _follow_ups(session: Session, county: str | None, year: int) -> dict[str, dict[str, Any]]:
    """Municipality → its follow-up of `year`: the fields a standing shows, not a record (the
    whole country's 290 records cost more to build than to read)."""
    fields = [MunicipalityFollowUp.__table__.c[name] for name in _STANDING_FIELDS]
    query = (_live_follow_ups(county).where(MunicipalityFollowUp.year == year)
             .with_only_columns(MunicipalityFollowUp.municipality_code, *fields))
    return {code: dict(zip(_STANDING_FIELDS, values)) for code, *values in session.execute(query).all()}


def _earlier_follow_ups(session: Session, county: str | None, year: int) -> dict[str, str]:
    """Municipality → its latest follow-up before `year`."""
    query = (_live_follow_ups(county).where(MunicipalityFollowUp.year < year).order_by(MunicipalityFollowUp.year)
             .with_only_columns(MunicipalityFollowUp.municipality_code, MunicipalityFollowUp.id))
    return {code: follow_up_id for code, follow_up_id in session.execute(query)}  # later years overwrite earlier


def _support(session: Session, county: str | None, year: int) -> dict[str, Counter[str]]:
    """Municipality → activity type → the year's activities (of any origin) that list it, from the
    tally as the caller brought it up to date."""
    t = ActivityTally
    query = (select(t.key, t.detail, func.sum(t.value)).where(t.year == year, t.grouping == MUNICIPALITY)
             .group_by(t.key, t.detail))
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for code, activity_type, count in session.execute(_in_county(query, t.key, county)):
        found[code][activity_type] = int(count)
    return dict(found)


def _last_contacts(session: Session, county: str | None, today: date) -> dict[str, date]:
    """Municipality → the day of its latest activity up to `today`: the latest start the tally
    holds before `today`'s month (as the caller brought it up to date), unless an activity of that
    month up to `today` is later."""
    t = ActivityTally
    month_start = today.replace(day=1)
    before = or_(t.year < today.year, and_(t.year == today.year, t.month < today.month))
    latest = (select(t.key, func.max(t.year * 10_000 + t.month * 100 + t.value))
              .where(t.grouping == LATEST_START, before).group_by(t.key))
    found = {code: date(day // 10_000, day // 100 % 100, day % 100)
             for code, day in session.execute(_in_county(latest, t.key, county))}
    this_month = (select(ActivityMunicipality.municipality_code, func.max(Activity.start_date))
                  .join(Activity, Activity.id == ActivityMunicipality.activity_id)
                  .where(*COUNTED, Activity.start_date >= month_start, Activity.start_date <= today)
                  .group_by(ActivityMunicipality.municipality_code))
    this_month = _in_county(this_month, ActivityMunicipality.municipality_code, county)
    found.update((code, day) for code, day in session.execute(this_month))
    return found


@dataclass(frozen=True)
class LinkedRecord:
    kind_key: str
    id: str
    title: str
    when: date | None
    status: str


def municipality_records(session: Session, code: str, year: int) -> dict[str, list[LinkedRecord]]:
    """What the register holds about one municipality, for the Kommuner section: the year's live
    activities that list it (newest first), the live commitments tied to it (through those
    activities, or a responsible organisation in the municipality) and the live problem areas that
    list it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    activities = session.execute(
        select(Activity.id, Activity.title, Activity.start_date, Activity.status)
        .join(ActivityMunicipality, ActivityMunicipality.activity_id == Activity.id)
        .where(ActivityMunicipality.municipality_code == code, Activity.deleted.is_(False), Activity.start_date <= last,
               func.coalesce(Activity.end_date, Activity.start_date) >= first)
        .order_by(Activity.start_date.desc(), Activity.title)).all()
    tied_activities = select(ActivityMunicipality.activity_id).where(ActivityMunicipality.municipality_code == code)
    local_orgs = select(Organisation.id).where(Organisation.municipality_code == code)
    commitments = session.execute(
        select(Commitment.id, Commitment.title, Commitment.due_date, Commitment.status)
        .where(Commitment.deleted.is_(False), or_(
            Commitment.responsible_org_id.in_(local_orgs),
            Commitment.id.in_(select(CommitmentActivity.commitment_id).where(CommitmentActivity.activity_id.in_(tied_activities)))))
        .order_by(Commitment.due_date.is_(None), Commitment.due_date, Commitment.title)).all()
    problems = session.execute(
        select(ProblemArea.id, ProblemArea.title, ProblemArea.first_observed, ProblemArea.status)
        .join(ProblemAreaMunicipality, ProblemAreaMunicipality.problem_area_id == ProblemArea.id)
        .where(ProblemAreaMunicipality.municipality_code == code, ProblemArea.deleted.is_(False))
        .order_by(ProblemArea.title)).all()
    return {kind_key: [LinkedRecord(kind_key, *row) for row in rows]
            for kind_key, rows in (("activity", activities), ("commitment", commitments), ("problem_area", problems))}
