"""Commitments and problem areas as they stood when a year ended (`store/year_end.py`): taken once
the year is over, the same as the change log says, and dropped when an entry logged later is
stamped before the year's end."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bra_desktop.domain.fields import COMMITMENT, PROBLEM_AREA
from bra_desktop.domain.models import Commitment, ProblemArea, YearEndState, new_id
from bra_desktop.reports.figures import year_figures
from bra_desktop.store import year_end
from bra_desktop.store.bulk import insert_records

from conftest import add

pytestmark = pytest.mark.both_engines

TODAY = date(2026, 6, 30)


def figures(register, year):
    with register.session() as session:
        found = year_figures(session, year, "01", today=TODAY)
        session.commit()  # as the window's reads keep what they took
    return found


def kept(register, year):
    with register.session() as session:
        return sorted(session.scalars(select(YearEndState.record_id).where(YearEndState.year == year)))


def logged_earlier(register, kind, content, at):
    """A record whose creation this register logged at `at`: as demo data is written."""
    with register.session() as session:
        record_id = new_id()
        insert_records(session, kind, [(record_id, "01", content)], user="demo", source="demo", updated_at=at)
        session.commit()
    return record_id


def test_the_states_of_an_ended_year_are_kept_and_read_as_the_log_says(register):
    done = logged_earlier(register, COMMITMENT, {"title": "Lägesbild", "status": "KLART"}, datetime(2025, 3, 1, tzinfo=UTC))
    trend = logged_earlier(register, PROBLEM_AREA, {"title": "Bedrägerier", "category": "NYTT_FENOMEN", "trend": "OKANDE",
                                                   "status": "BEVAKAS"}, datetime(2025, 4, 1, tzinfo=UTC))
    add(register, "commitment", title="Ny i år", status="PAGAR")  # logged now: not there when 2025 ended
    assert kept(register, 2025) == []
    ended = figures(register, 2025)
    assert ended.commitments == 1 and ended.problem_areas == 1
    assert kept(register, 2025) == sorted([done, trend])
    with register.session() as session:
        for table in (Commitment, ProblemArea):
            assert year_end.take(session, table, 2025)
            logged = session.execute(year_end.logged_states(session, table, year_end.year_ended(2025))).all()
            held = session.execute(select(YearEndState.record_id, *(getattr(YearEndState, name)
                                                                    for name in year_end.STATE_FIELDS[table.__tablename__]))
                                   .where(YearEndState.table_name == table.__tablename__, YearEndState.year == 2025)).all()
            assert sorted(map(tuple, held)) == sorted(map(tuple, logged))
    assert figures(register, 2025) == ended
    assert [record.title for record in figures(register, 2026).completed_commitments] == []  # KLART before 2026 began


def test_an_entry_stamped_before_the_years_end_drops_what_was_kept(register):
    logged_earlier(register, COMMITMENT, {"title": "Lägesbild", "status": "PAGAR"}, datetime(2025, 3, 1, tzinfo=UTC))
    assert figures(register, 2025).commitments == 1
    logged_earlier(register, COMMITMENT, {"title": "Handlingsplan", "status": "PAGAR"}, datetime(2025, 9, 1, tzinfo=UTC))
    assert figures(register, 2025).commitments == 2
    assert len(kept(register, 2025)) == 2


def test_a_year_not_yet_over_is_read_from_the_log_and_not_kept(register):
    add(register, "commitment", title="Lägesbild", status="PAGAR")
    with register.session() as session:
        assert not year_end.take(session, Commitment, date.today().year)
    assert kept(register, date.today().year) == []


def test_what_is_taken_goes_with_the_transaction_it_was_taken_in(register):
    """A read that is not committed keeps nothing: the states are written in its transaction, also
    on SQLite, where Python's driver leaves a statement that starts with WITH outside one."""
    logged_earlier(register, COMMITMENT, {"title": "Lägesbild", "status": "PAGAR"}, datetime(2025, 3, 1, tzinfo=UTC))
    with register.session() as session:
        assert year_end.take(session, Commitment, 2025)
        session.rollback()
    assert kept(register, 2025) == []
    assert figures(register, 2025).commitments == 1 and len(kept(register, 2025)) == 1


def test_a_year_not_yet_begun_completes_nothing_done_before_it(register):
    """Next year's completed commitments compare against this year's end, which is not over: its
    states are read from the log, and a commitment KLART now was KLART when next year began."""
    add(register, "commitment", title="Lägesbild", status="KLART")
    this_year = date.today().year
    with register.session() as session:
        assert [record.title for record in year_figures(session, this_year, "01").completed_commitments] == ["Lägesbild"]
        assert year_figures(session, this_year + 1, "01").completed_commitments == ()


def test_states_read_from_the_log_say_whose_each_record_is(register):
    """A year over by the reference date but not yet in real time is read from the log, and the
    whole country's lists name the county of each record there as well."""
    add(register, "commitment", title="Lägesbild", status="PAGAR", due_date=date(2000, 1, 31))
    this_year = date.today().year
    with register.session() as session:
        ended = year_figures(session, this_year, today=date(this_year + 1, 2, 1))
    assert ended.year_ended
    assert [(record.title, record.whose) for record in ended.overdue_commitments] == [("Lägesbild", ("Stockholms län",))]
