"""What Brå's national bundle leaves out: the records a länsstyrelse keeps from the other counties.

A county marks a record "Delas inte med andra län" (`sharing` = `EGET_LAN`); it still goes to Brå,
which needs it for the national picture, but Brå's bundle to the counties leaves it out. So does it
leave out every record that links to one left out (a commitment with a withheld activity, a problem
area with either): a county that received the link without the record could not store it, and
would reject the row. A record sent before it was marked stays with those who have it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import CommitmentActivity, ProblemAreaActivity, ProblemAreaCommitment
from bra_desktop.domain.producer import NATIONAL

NOT_SHARED = "EGET_LAN"
"""The code of the code list `delning` that keeps a record from the other counties."""


def withheld_from_counties(session: Session) -> dict[str, frozenset[str]]:
    """Kind key → ids of the records Brå's national bundle leaves out."""
    marked = {key: set(session.scalars(select(KINDS[key].table.id).where(
        KINDS[key].table.sharing == NOT_SHARED, KINDS[key].table.origin != NATIONAL)))
        for key in ("activity", "commitment", "problem_area")}
    activities = marked["activity"]
    commitments = marked["commitment"] | _linking(session, CommitmentActivity.commitment_id,
                                                  CommitmentActivity.activity_id, activities)
    problem_areas = (marked["problem_area"]
                     | _linking(session, ProblemAreaActivity.problem_area_id, ProblemAreaActivity.activity_id, activities)
                     | _linking(session, ProblemAreaCommitment.problem_area_id, ProblemAreaCommitment.commitment_id,
                                commitments))
    return {"activity": frozenset(activities), "commitment": frozenset(commitments),
            "problem_area": frozenset(problem_areas)}


def _linking(session: Session, owner, target, ids: set[str]) -> set[str]:
    found: set[str] = set()
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        found.update(session.scalars(select(owner).where(target.in_(listed[start:start + 500]))))
    return found
