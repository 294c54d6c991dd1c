"""Problem areas by Brå's national theme: the same phenomenon recognised across counties."""

from __future__ import annotations

from datetime import date

import pytest

from bra_desktop.reports.figures import year_figures
from bra_desktop.reports.year_document import Table, year_document
from test_report_figures import create

pytestmark = [pytest.mark.usefixtures("database_engine"), pytest.mark.both_engines]

TODAY = date(2026, 6, 1)


def test_the_whole_country_counts_each_theme_and_names_its_counties(make_register):
    bra = make_register("BRA")
    create(bra, "problem_area", "01", title="Bedrägerier mot äldre i Solna", theme="BEDRAGERI")
    create(bra, "problem_area", "12", title="Telefonbedrägerier", theme="BEDRAGERI")
    create(bra, "problem_area", "12", title="Falska bankanrop", theme="BEDRAGERI")
    create(bra, "problem_area", "03", title="Rekrytering via appar", theme="REKRYTERING")
    create(bra, "problem_area", "03", title="Stölder av båtmotorer")  # no theme
    with bra.session() as session:
        country = year_figures(session, 2026, None, today=TODAY)
        skane = year_figures(session, 2026, "12", today=TODAY)
    assert [(t.label, t.problem_areas, t.counties) for t in country.problem_areas_by_theme] == [
        ("Bedrägerier mot äldre", 3, ("Stockholms län", "Skåne län")),
        ("Rekrytering av barn och unga till kriminella nätverk", 1, ("Uppsala län",)),
    ]
    assert [(t.key, t.problem_areas) for t in skane.problem_areas_by_theme] == [("BEDRAGERI", 2)]
    [table] = [b for b in year_document(country, TODAY).blocks if isinstance(b, Table) and b.header[0] == "Nationellt tema"]
    assert table.rows[0] == ["Bedrägerier mot äldre", "Stockholms län, Skåne län", "3"]
