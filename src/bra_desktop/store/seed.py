"""Reference data and the first edition of the code lists, from the CSV files in `resources/data`.

Seeding adds what is missing and changes nothing that is there: Brå edits code lists later through
national bundles, and those edits must survive every start of the app.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from bra_desktop.domain.models import CodeItem, County, Municipality
from bra_desktop.resources import resource_path


def reference_rows(name: str) -> list[dict[str, str]]:
    """The rows of one of the CSV files in `resources/data`, as dicts by column name."""
    path: Path = resource_path("data", name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_reference_data(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        counties = set(session.scalars(select(County.code)))
        new_counties = [{"code": r["lanskod"], "name": r["lan"]} for r in reference_rows("lan.csv") if r["lanskod"] not in counties]
        if new_counties:
            session.execute(insert(County), new_counties)
        municipalities = set(session.scalars(select(Municipality.code)))
        new_municipalities = [
            {"code": r["kommunkod"], "name": r["kommun"], "county_code": r["lanskod"]}
            for r in reference_rows("kommuner.csv")
            if r["kommunkod"] not in municipalities
        ]
        if new_municipalities:
            session.execute(insert(Municipality), new_municipalities)
        codes = {(row.list_name, row.code) for row in session.execute(select(CodeItem.list_name, CodeItem.code))}
        new_codes = [
            {"list_name": r["lista"], "code": r["kod"], "label_sv": r["etikett_sv"], "label_en": r["etikett_en"],
             "active": True, "sort_order": order}
            for order, r in enumerate(reference_rows("kodlistor.csv"))
            if (r["lista"], r["kod"]) not in codes
        ]
        if new_codes:
            session.execute(insert(CodeItem), new_codes)
