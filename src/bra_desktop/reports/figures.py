"""A year's figures for the dashboard and the annual report: pure data, no Qt.

What counts (the same rules for the dashboard, the xlsx report and the PDF report):

- An activity belongs to year Y if its period, `start_date` to `end_date` (or `start_date` alone),
  overlaps Y: an activity from 2025-12-20 to 2026-01-10 counts in both 2025 and 2026, and so do its
  participants. By month it counts in the month it starts; one that began in an earlier year counts
  in January.
- Tombstoned records (`deleted`) never count, nor do organisations that are tombstoned. (A live
  activity of a network tombstoned later still counts, under the network's name.)
- Cancelled activities (status INSTALLD) are left out of every activity count and of participants.
- Scope: `county` keeps the records whose `origin` is that county (in a county register, its own
  producer code); None keeps every record (Brå's whole country, national records included).
- Commitments and problem areas of a year that has ended are counted as they stood at its end,
  read from the change log (each record's last entry before the new year, in this register's time:
  a change a bundle brought after the new year counts in the year it was read in); those of the
  current year as they stand now. Every live one of the scope counts. Overdue commitments are those
  due before the year's end (this year: before the reference date `today`) whose status was then
  neither KLART nor AVBRUTET; completed ones are those whose status became KLART during the year.
- New problem areas: problem areas first observed in the year, or with no first-observed date and
  registered in the year (the first change-log entry of the record here); new crime phenomena are
  the new problem areas of category NYTT_FENOMEN.
- Municipalities: those of the county (all 290 for the whole country); an activity's municipality in
  another county is not counted as reached.

Tables of a code list (type, subject area, organisation type, statuses, trend) list every active
code in code-list order, zeros included, so years and counties compare row by row; a retired or
unknown code appears only when it has something to count. Networks and reached municipalities come
most first, then by name.

Activities are read from their tally (`store/tally.py`), counted per origin and year and kept up
to date from the change log, so a year's figures read a few hundred rows instead of every activity
and its links. Commitments and problem areas are read as they stand (their tables) or as they stood
(the states kept of an ended year, `store/year_end.py`); the database counts them, and only the
commitments a list names (overdue, completed) are fetched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    Subquery,
    and_,
    case,
    cast,
    extract,
    func,
    null,
    or_,
    select,
)
from sqlalchemy.orm import Session

from bra_desktop.domain.models import (
    Activity,
    ActivityTally,
    ChangeLog,
    CodeItem,
    Commitment,
    County,
    Municipality,
    Network,
    Organisation,
    ProblemArea,
    YearEndState,
)
from bra_desktop.domain.producer import NATIONAL
from bra_desktop.reports.accounts import CountyAccount, county_accounts
from bra_desktop.reports.municipalities import LawSummary, MunicipalityStanding, by_county, standings, summary
from bra_desktop.reports.networks import CADENCES, NetworkFacts, NetworkLine
from bra_desktop.store import year_end
from bra_desktop.store.queries import swedish_sort_key
from bra_desktop.store.tally import (
    MUNICIPALITY, NETWORK, ORGANISATION, PARTICIPANTS, SUBJECT_AREA, TYPE_BY_MONTH, bring_up_to_date,
)
from bra_desktop.store.year_end import STATE_FIELDS

CLOSED_COMMITMENT = ("KLART", "AVBRUTET")
DONE = "KLART"
"""Commitment statuses that are never overdue."""
NEW_PHENOMENON = "NYTT_FENOMEN"
"""Problem-area category of new crime phenomena."""

NO_NETWORK = "Inget nätverk"
NO_SUBJECT_AREA = "Inget ämnesområde"
WHOLE_COUNTRY = "Hela landet"

ACTIVITY_TYPES = "aktivitetstyp"
SUBJECT_AREAS = "amnesomrade"
ORGANISATION_TYPES = "aktorstyp"
COMMITMENT_STATUSES = "atagandestatus"
TRENDS = "trend"
PROBLEM_STATUSES = "problemstatus"
THEMES = "tema"


@dataclass(frozen=True)
class Count:
    key: str
    """Code, record id or municipality code ("" for no network / no subject area)."""
    label: str
    """Swedish label: code-list label_sv, network name, municipality name, or "Inget nätverk" /
    "Inget ämnesområde" for none."""
    value: int


@dataclass(frozen=True)
class NamedRecord:
    id: str
    title: str
    detail: str
    """E.g. "klart senast 2026-03-31 · Pågår · Polisen Syd" or "Ökande · först observerat 2026-02-01"."""


@dataclass(frozen=True)
class OverdueCommitment(NamedRecord):
    """An overdue commitment, with the parts of its `detail` kept apart so that a window in
    another language can put them in its own words."""

    whose: tuple[str, ...]
    """The county's name (or Brå) in the whole country's lists; () otherwise."""
    due: str
    """Its klart senast-date, ISO."""
    status: str
    """Its status code."""
    responsible: str
    """The name of the organisation responsible, or ""."""


@dataclass(frozen=True)
class ThemeCount:
    """A national theme (Brå's code list `tema`): how many problem areas carry it, and whose."""

    key: str
    label: str
    problem_areas: int
    counties: tuple[str, ...]
    """The names of the counties whose problem areas carry it, in code order."""


@dataclass(frozen=True)
class YearFigures:
    year: int
    county: str | None
    """County code, or None for the whole country (national mode)."""
    scope_name: str
    """"Stockholms län" or "Hela landet"."""
    activities: int
    activities_previous_year: int
    participants: int
    participants_previous_year: int
    by_month: tuple[int, ...]
    """12 values: activities by the month they start in (one begun in an earlier year counts in January)."""
    by_type: tuple[Count, ...]
    by_network: tuple[Count, ...]
    by_subject_area: tuple[Count, ...]
    """An activity with several subject areas counts once in each."""
    organisations_by_type: tuple[Count, ...]
    """Distinct (live) organisations taking part in the year's activities, by organisation type."""
    municipalities_total: int
    """The county's municipalities (290 for the whole country)."""
    municipalities_reached: tuple[Count, ...]
    """Municipalities with at least one activity; value = the activities there."""
    municipalities_not_reached: tuple[Count, ...]
    """Value 0, sorted by name."""
    commitments_by_status: tuple[Count, ...]
    overdue_commitments: tuple[OverdueCommitment, ...]
    """Due before the reference date and status neither KLART nor AVBRUTET, earliest first."""
    problem_areas_by_trend: tuple[Count, ...]
    problem_areas_by_status: tuple[Count, ...]
    new_phenomena: tuple[NamedRecord, ...]
    """Problem areas of category NYTT_FENOMEN first observed in the year (or with no date and
    registered in it), in order of first observation."""
    new_problem_areas: tuple[NamedRecord, ...] = ()
    """Problem areas of any category first observed in the year (or with no date and registered in
    it), in order of first observation: the new phenomena and the rest."""
    completed_commitments: tuple[NamedRecord, ...] = ()
    """Commitments whose status became KLART during the year, by title."""
    year_ended: bool = False
    """Whether commitments and problem areas are counted as they stood at the end of the year."""
    law: tuple[MunicipalityStanding, ...] = ()
    """Every municipality of the scope under Lag (2023:196) in the year (`reports/municipalities.py`)."""
    accounts: tuple[CountyAccount, ...] = ()
    problem_areas_by_theme: tuple[ThemeCount, ...] = ()
    """The themes the scope's problem areas carry (as they stood), most first: the same phenomenon
    recognised across counties."""
    networks: tuple[NetworkLine, ...] = ()
    """The scope's networks with their members, convener and the year's work (`reports/networks.py`)."""
    """The länsstyrelser's own texts of the year's redovisning: the county's, or every county's."""

    @property
    def law_summary(self) -> LawSummary:
        return summary(list(self.law))

    @property
    def commitments(self) -> int:
        return sum(item.value for item in self.commitments_by_status)

    @property
    def open_commitments(self) -> int:
        """Commitments whose status is neither KLART nor AVBRUTET (overdue ones included)."""
        return sum(item.value for item in self.commitments_by_status if item.key not in CLOSED_COMMITMENT)

    @property
    def problem_areas(self) -> int:
        return sum(item.value for item in self.problem_areas_by_status)


# --- public API ----------------------------------------------------------------------------------


def available_years(session: Session) -> list[int]:
    """Years with any live activity (every year its period touches), newest first; always the current year."""
    connection = session.connection()
    live = Activity.deleted.is_(False)
    years: set[int] = {date.today().year}
    # One index seek per year on start_date rather than a scan of every activity.
    first = connection.execute(select(func.min(Activity.start_date)).where(live)).scalar()
    while first is not None:
        years.add(first.year)
        first = connection.execute(
            select(func.min(Activity.start_date)).where(live, Activity.start_date >= date(first.year + 1, 1, 1))
        ).scalar()
    # Activities that run into later years.
    start_year, end_year = extract("year", Activity.start_date), extract("year", Activity.end_date)
    spans = select(start_year, end_year).where(live, Activity.end_date.is_not(None), end_year > start_year).distinct()
    for start, end in connection.execute(spans):
        years.update(range(int(start), int(end) + 1))
    return sorted(years, reverse=True)


def year_figures(session: Session, year: int, county: str | None = None, *, today: date | None = None) -> YearFigures:
    """The figures of `year` for `county` (its records, by origin) or the whole country (None).

    Cancelled activities (INSTALLD) and tombstones are left out; see the module docstring for the rules.
    `today` is the reference date of overdue commitments (default: today's date).
    """
    today = today or date.today()
    figures = _Figures(session, year, today, county=county, by_origin=False)
    return replace(figures.build(county), law=tuple(standings(session, year, county, today=today)),
                   accounts=tuple(county_accounts(session, year, county)))


def activities_by_month(session: Session, year: int, county: str | None = None) -> tuple[int, ...]:
    """`YearFigures.by_month` of `year` alone, from the tally: Översikt's month chart sets the year
    before beside the year shown, and counting all of that year's figures for it was a second
    read of every commitment and problem area."""
    bring_up_to_date(session)
    t = ActivityTally
    query = (select(t.month, func.sum(t.value))
             .where(t.year == year, t.grouping == TYPE_BY_MONTH, *([t.origin == county] if county is not None else []))
             .group_by(t.month))
    counts = {month: int(value or 0) for month, value in session.connection().execute(query)}
    return tuple(counts.get(month, 0) for month in range(1, 13))


def county_overview(session: Session, year: int, *, today: date | None = None,
                    every_county: bool = False) -> list[YearFigures]:
    """One `YearFigures` per county with data (activities this year or the year before, commitments or
    problem areas of that origin), in county-code order: the national report's row per county.
    `every_county` gives a row to every county of the register's county table, zeros and all.

    Counted with the same queries as `year_figures`, grouped by origin, so 21 counties cost about as
    much as one."""
    today = today or date.today()
    figures = _Figures(session, year, today, county=None, by_origin=True)
    codes = sorted(figures.county_names) if every_county else figures.counties_with_data()
    law = by_county(standings(session, year, today=today))
    return [replace(figures.build(code), law=tuple(law.get(code, ()))) for code in codes]


# --- counting ------------------------------------------------------------------------------------


_GROUP_NAMES = {NETWORK: "network", SUBJECT_AREA: "subject", MUNICIPALITY: "municipality"}
"""The tally's groupings that are counted as they are, and their names among the year's groups."""
_Groups = dict[str | None, dict[str, int]]
"""origin (None when not grouped by origin) → key → count."""
_States = Subquery
"""Commitments or problem areas as they stand or stood (`_Figures._states`): columns origin (None
when not grouped by origin), id, owner (the record's origin) and the fields of `STATE_FIELDS`."""


class _Figures:
    """The grouped counts of one year, for one scope or for every origin at once."""

    def __init__(self, session: Session, year: int, today: date, *, county: str | None, by_origin: bool) -> None:
        self.session = session
        self.connection = session.connection()
        self.year = year
        self.today = today
        self.county = county
        self.by_origin = by_origin
        self.labels = _code_lists(self.connection)
        self.county_names = dict(self.connection.execute(select(County.code, County.name)).all())
        self.municipalities = self.connection.execute(
            select(Municipality.code, Municipality.name, Municipality.county_code)
        ).all()
        self.network_names = dict(self.connection.execute(select(Network.id, Network.name)).all())
        self._owners: dict[str, tuple[str, ...]] = {}
        self.activity_groups = self._activity_groups()
        self.year_ended = year < today.year
        # as they stood when the year ended, or as they stand now
        ended, overdue_before = (year, date(year, 12, 31)) if self.year_ended else (None, today)
        commitments, problems = self._states(Commitment, ended), self._states(ProblemArea, ended)
        self.commitment_status, self.commitments_by_network = self._commitment_counts(commitments)
        cadences = {code: label for code, (label, _active) in self.labels.get(CADENCES, {}).items()}
        self.network_facts = NetworkFacts(self.connection, cadences, self.county_names)
        self.trend, self.problem_status, self.themes = self._problem_counts(problems)
        self.overdue = self._overdue_of(commitments, overdue_before)
        self.completed = self._completed(commitments)
        self.new_problem_areas, self.phenomena = self._new_problem_areas()

    # --- scope ---

    def _origin_condition(self, table: Any) -> list[ColumnElement[bool]]:
        return [table.origin == self.county] if self.county is not None else []

    def _origin_column(self, table: Any) -> ColumnElement[Any]:
        """The origin when counting per origin, otherwise a constant NULL (grouped by nothing)."""
        return table.origin.label("origin") if self.by_origin else cast(null(), String).label("origin")

    def _origin_group(self, column: Any) -> list[Any]:
        return [column] if self.by_origin else []

    # --- activities ---

    def _activity_groups(self) -> dict[str, _Groups]:
        """Every count of the year's activities (and the totals of the year before), read from the
        tally (`store/tally.py`): name → origin → key → value."""
        bring_up_to_date(self.session)
        t = ActivityTally
        origin = t.origin if self.by_origin else cast(null(), String)
        scope = [t.origin == self.county] if self.county is not None else []
        by_origin = self._origin_group(t.origin)
        this_year = (select(origin, t.grouping, t.key, t.month, func.sum(t.value))
                     .where(t.year == self.year, t.grouping.in_((PARTICIPANTS, TYPE_BY_MONTH, *_GROUP_NAMES)), *scope)
                     .group_by(*by_origin, t.grouping, t.key, t.month))
        year_before = (select(origin, t.grouping, func.sum(t.value))  # its totals only
                       .where(t.year == self.year - 1, t.grouping.in_((PARTICIPANTS, TYPE_BY_MONTH)), *scope)
                       .group_by(*by_origin, t.grouping))
        # Each organisation once per origin (or once in the whole country), then its type.
        taking_part = (select(origin.label("origin"), t.key.label("organisation_id"))
                       .where(t.year == self.year, t.grouping == ORGANISATION, *scope).distinct().subquery("taking_part"))
        organisations = (select(taking_part.c.origin, Organisation.org_type, func.count())
                         .join(Organisation, and_(Organisation.id == taking_part.c.organisation_id,
                                                  Organisation.deleted.is_(False)))
                         .group_by(taking_part.c.origin, Organisation.org_type))
        groups: dict[str, _Groups] = defaultdict(lambda: defaultdict(dict))

        def add(name: str, origin: str | None, key: str, value: int) -> None:
            counts = groups[name][origin]
            counts[key] = counts.get(key, 0) + value

        for origin_code, grouping, value in self.connection.execute(year_before):
            add("total", origin_code, "participants_previous_year" if grouping == PARTICIPANTS
                else "activities_previous_year", int(value or 0))
        for origin_code, grouping, key, month, value in self.connection.execute(this_year):
            value = int(value or 0)
            if grouping == PARTICIPANTS:
                add("total", origin_code, "participants", value)
            elif grouping == TYPE_BY_MONTH:
                add("total", origin_code, "activities", value)
                add("month", origin_code, str(month), value)
                add("type", origin_code, key, value)
            else:
                add(_GROUP_NAMES[grouping], origin_code, key, value)
        for origin_code, org_type, value in self.connection.execute(organisations):
            add("organisation", origin_code, org_type, int(value))
        return groups

    # --- commitments and problem areas ---

    def _whose(self, owner: str) -> tuple[str, ...]:
        """(the name of the record's county (or Brå),) in the whole country's lists, where records of
        every county stand side by side (the same phenomenon from eight counties); () otherwise.
        One tuple per owner, which thousands of listed records share."""
        if self.county is not None or self.by_origin:
            return ()
        whose = self._owners.get(owner)
        if whose is None:
            whose = self._owners[owner] = (self.county_names.get(owner, "Brå" if owner == NATIONAL else owner),)
        return whose

    def _states(self, table: Any, ended: int | None, *, where: tuple[Any, ...] = ()) -> _States:
        """Every record of the scope (meeting `where`) as it stood when the year `ended` (None: as it
        stands now, in its table), but those deleted or not yet there then; the fields of
        `STATE_FIELDS` only, as the log writes them. A year that is over is read from the states
        kept of it (`store/year_end.py`); one that is not, from each record's last change-log entry
        before its end. The figures count these in the database and fetch only the rows they name."""
        names = STATE_FIELDS[table.__tablename__]
        chosen = (*self._origin_condition(table), *where)
        leading = (self._origin_column(table), table.origin.label("owner"))
        if ended is None:
            query = select(*leading, table.id.label("id"), *(_as_text(table.__table__.c[name]) for name in names)
                           ).where(table.deleted.is_(False), *chosen)
        elif year_end.take(self.session, table, ended):
            kept = YearEndState
            query = (select(*leading, table.id.label("id"), *(getattr(kept, name) for name in names))
                     .join(kept, year_end.kept_state_of(table, ended, table.id))
                     .where(*chosen))
        else:
            query = year_end.logged_states(self.session, table, year_end.year_ended(ended), where=chosen, leading=leading)
        return query.subquery()

    def _commitment_counts(self, states: _States) -> tuple[_Groups, dict[str | None, dict[str, tuple[int, int]]]]:
        """origin → status → commitments; origin → network → (commitments, of them open)."""
        by_status: _Groups = defaultdict(dict)
        by_network: dict[str | None, dict[str, tuple[int, int]]] = defaultdict(dict)
        query = (select(states.c.origin, states.c.status, states.c.network_id, func.count())
                 .group_by(states.c.origin, states.c.status, states.c.network_id))
        for origin, status, network, count in self.connection.execute(query):
            by_status[origin][status] = by_status[origin].get(status, 0) + count
            if network:
                total, open_ = by_network[origin].get(network, (0, 0))
                by_network[origin][network] = (total + count, open_ + (count if status not in CLOSED_COMMITMENT else 0))
        return by_status, by_network

    def _problem_counts(self, states: _States) -> tuple[_Groups, _Groups, dict[str | None, dict[str, list[str]]]]:
        """origin → trend → problem areas; origin → status → problem areas; origin → theme → the
        owner of each problem area that carries it (the theme is a field added by format 3:
        content that lacks it has none)."""
        by_trend: _Groups = defaultdict(dict)
        by_status: _Groups = defaultdict(dict)
        themes: dict[str | None, dict[str, list[str]]] = defaultdict(dict)
        query = (select(states.c.origin, states.c.trend, states.c.status, states.c.theme, states.c.owner, func.count())
                 .group_by(states.c.origin, states.c.trend, states.c.status, states.c.theme, states.c.owner))
        for origin, trend, status, theme, owner, count in self.connection.execute(query):
            by_trend[origin][trend] = by_trend[origin].get(trend, 0) + count
            by_status[origin][status] = by_status[origin].get(status, 0) + count
            if theme:
                themes[origin].setdefault(theme, []).extend([owner] * count)
        return by_trend, by_status, themes

    def _overdue_of(self, commitments: _States, day: date) -> dict[str | None, list[OverdueCommitment]]:
        """The commitments of `commitments` due before `day` and not closed: overdue then."""
        organisations = self.network_facts.organisation_names
        c = commitments.c
        query = select(c.due_date, c.title, c.id, c.origin, c.owner, c.status, c.responsible_org_id).where(
            c.due_date != "", c.due_date < day.isoformat(), or_(c.status.is_(None), c.status.not_in(CLOSED_COMMITMENT)))
        found: dict[str | None, list[OverdueCommitment]] = defaultdict(list)
        rows = sorted(map(tuple, self.connection.execute(query)))  # tuples: Rows compare slowly
        for due, title, record_id, origin, owner, status, responsible_id in rows:
            whose = self._whose(owner)
            responsible = organisations.get(responsible_id) or ""
            parts = [*whose, f"klart senast {due}", self._label(COMMITMENT_STATUSES, status),
                     *([responsible] if responsible else [])]
            found[origin].append(OverdueCommitment(record_id, title, " · ".join(parts), whose, due, status, responsible))
        return found

    def _completed(self, now: _States) -> dict[str | None, list[NamedRecord]]:
        """Commitments KLART in `now` that were not KLART when the year began (or not there then):
        each one KLART now looked up in the states kept of the year before. A year not yet begun
        has completed none: what stood when it began is what stands now."""
        before = self.year - 1
        if not year_end.take(self.session, Commitment, before):
            return {}
        then = YearEndState
        query = (select(now.c.origin, now.c.id, now.c.owner, now.c.title, now.c.due_date)
                 .outerjoin(then, year_end.kept_state_of(Commitment, before, now.c.id))
                 .where(now.c.status == DONE, func.coalesce(then.status, "") != DONE))
        found: dict[str | None, list[NamedRecord]] = defaultdict(list)
        rows = sorted((swedish_sort_key(title), record_id, origin, owner, title, due)
                      for origin, record_id, owner, title, due in self.connection.execute(query))
        for _key, record_id, origin, owner, title, due in rows:
            parts = [*self._whose(owner), *([f"klart senast {due}"] if due else [])]
            found[origin].append(NamedRecord(record_id, title, " · ".join(parts)))
        return found

    def _new_problem_areas(self) -> tuple[dict[str | None, list[NamedRecord]], dict[str | None, list[NamedRecord]]]:
        """The year's new problem areas and, of them, the new crime phenomena (category NYTT_FENOMEN)."""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        registered = (
            select(func.min(ChangeLog.at))
            .where(ChangeLog.record_id == ProblemArea.id, ChangeLog.table_name == ProblemArea.__tablename__)
            .scalar_subquery()
        )
        observed = ProblemArea.first_observed
        query = (
            select(self._origin_column(ProblemArea), ProblemArea.id, ProblemArea.title, ProblemArea.trend,
                   observed, case((observed.is_(None), registered)), ProblemArea.category, ProblemArea.origin)
            .where(
                ProblemArea.deleted.is_(False),
                or_(and_(observed >= first, observed <= last),
                    and_(observed.is_(None), registered >= year_end.year_ended(self.year - 1),
                         registered < year_end.year_ended(self.year))),
                *self._origin_condition(ProblemArea),
            )
        )
        rows: list[tuple[date, str, str | None, NamedRecord, bool]] = []
        for origin, record_id, title, trend, observed_on, registered_at, category, owner in self.connection.execute(query):
            trend_label = " · ".join([*self._whose(owner), self._label(TRENDS, trend)])
            if observed_on is not None:
                when, detail = observed_on, f"{trend_label} · först observerat {observed_on.isoformat()}"
            else:
                when = _day(registered_at)
                detail = f"{trend_label} · registrerat {when.isoformat()} (inget datum för första observation)"
            rows.append((when, swedish_sort_key(title), origin, NamedRecord(record_id, title, detail),
                         category == NEW_PHENOMENON))
        found: dict[str | None, list[NamedRecord]] = defaultdict(list)
        phenomena: dict[str | None, list[NamedRecord]] = defaultdict(list)
        for _when, _key, origin, record, phenomenon in sorted(rows, key=lambda row: row[:2]):
            found[origin].append(record)
            if phenomenon:
                phenomena[origin].append(record)
        return found, phenomena

    # --- assembling ---

    def counties_with_data(self) -> list[str]:
        origins: set[str | None] = set(self.activity_groups.get("total", {}))
        origins.update(self.commitment_status, self.problem_status)
        return sorted(origin for origin in origins if origin in self.county_names)

    def build(self, county: str | None) -> YearFigures:
        origin = county if self.by_origin else None
        groups = {name: grouped.get(origin, {}) for name, grouped in self.activity_groups.items()}
        totals = groups.get("total", {})
        by_month = groups.get("month", {})
        municipalities = [row for row in self.municipalities if county is None or row.county_code == county]
        reached_counts = groups.get("municipality", {})
        reached = [Count(code, name, reached_counts[code]) for code, name, _county in municipalities
                   if reached_counts.get(code)]
        reached.sort(key=lambda item: (-item.value, swedish_sort_key(item.label)))
        not_reached = [Count(code, name, 0) for code, name, _county in municipalities if not reached_counts.get(code)]
        not_reached.sort(key=lambda item: swedish_sort_key(item.label))
        return YearFigures(
            year=self.year,
            county=county,
            scope_name=self.county_names.get(county, county) if county is not None else WHOLE_COUNTRY,
            activities=totals.get("activities", 0),
            activities_previous_year=totals.get("activities_previous_year", 0),
            participants=totals.get("participants", 0),
            participants_previous_year=totals.get("participants_previous_year", 0),
            by_month=tuple(by_month.get(str(month), 0) for month in range(1, 13)),
            by_type=self._coded(ACTIVITY_TYPES, groups.get("type", {})),
            by_network=self._networks(groups.get("network", {})),
            by_subject_area=self._coded(SUBJECT_AREAS, groups.get("subject", {}), none_label=NO_SUBJECT_AREA),
            organisations_by_type=self._coded(ORGANISATION_TYPES, groups.get("organisation", {})),
            municipalities_total=len(municipalities),
            municipalities_reached=tuple(reached),
            municipalities_not_reached=tuple(not_reached),
            commitments_by_status=self._coded(COMMITMENT_STATUSES, self.commitment_status.get(origin, {})),
            overdue_commitments=tuple(self.overdue.get(origin, ())),
            problem_areas_by_trend=self._coded(TRENDS, self.trend.get(origin, {})),
            problem_areas_by_status=self._coded(PROBLEM_STATUSES, self.problem_status.get(origin, {})),
            new_phenomena=tuple(self.phenomena.get(origin, ())),
            new_problem_areas=tuple(self.new_problem_areas.get(origin, ())),
            completed_commitments=tuple(self.completed.get(origin, ())),
            year_ended=self.year_ended,
            problem_areas_by_theme=self._theme_counts(self.themes.get(origin, {})),
            networks=self.network_facts.lines(self.year, county, groups.get("network", {}),
                                              self.commitments_by_network.get(origin, {})),
        )

    def _label(self, list_name: str, code: str) -> str:
        item = self.labels.get(list_name, {}).get(code)
        return item[0] if item else code

    def _coded(self, list_name: str, counts: dict[str, int], *, none_label: str | None = None) -> tuple[Count, ...]:
        """Every active code in code-list order (zeros too), then retired or unknown codes that count,
        then "none" ("" key) if anything has none."""
        codes = self.labels.get(list_name, {})
        rows = [Count(code, label, counts.get(code, 0)) for code, (label, active) in codes.items()
                if active or counts.get(code)]
        rows += [Count(code, code, value) for code, value in sorted(counts.items())
                 if code and code not in codes and value]
        if none_label is not None and counts.get(""):
            rows.append(Count("", none_label, counts[""]))
        return tuple(rows)

    def _theme_counts(self, owners: dict[str, list[str]]) -> tuple[ThemeCount, ...]:
        rows = [ThemeCount(code, self._label(THEMES, code), len(held),
                           tuple(self.county_names.get(c, c) for c in sorted(set(held)))) for code, held in owners.items()]
        return tuple(sorted(rows, key=lambda row: (-row.problem_areas, swedish_sort_key(row.label))))

    def _networks(self, counts: dict[str, int]) -> tuple[Count, ...]:
        rows = [Count(key, self.network_names.get(key, key), value) for key, value in counts.items() if key]
        rows.sort(key=lambda item: (-item.value, swedish_sort_key(item.label), item.key))
        if counts.get(""):
            rows.append(Count("", NO_NETWORK, counts[""]))
        return tuple(rows)


def _code_lists(connection: Any) -> dict[str, dict[str, tuple[str, bool]]]:
    """list name → code → (Swedish label, active), in code-list order."""
    query = select(CodeItem.list_name, CodeItem.code, CodeItem.label_sv, CodeItem.active).order_by(
        CodeItem.list_name, CodeItem.sort_order, CodeItem.code
    )
    lists: dict[str, dict[str, tuple[str, bool]]] = {}
    for list_name, code, label, active in connection.execute(query):
        lists.setdefault(list_name, {})[code] = (label, bool(active))
    return lists


def _as_text(column: Any) -> ColumnElement[Any]:
    """A field as the change log writes it, text: a date cast to its ISO form; text as it is, so
    that the database may read it from an index."""
    return (column if column.type.python_type is str else cast(column, String)).label(column.name)


def _day(value: Any) -> date:
    """The (local) date of a change-log time, however the driver returns it."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone().date()
    return value


def change(current: int, previous: int) -> tuple[int, float | None]:
    """The change against the year before: difference, and percent (None when the year before was 0)."""
    difference = current - previous
    return difference, (difference / previous * 100 if previous else None)
