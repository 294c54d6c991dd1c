"""The PDF annual report: written whole or not at all, several A4 pages that are not blank, and the
title and the summary in words in its text (read back with poppler's pdftoppm and pdftotext when
they are installed: `apt-get install poppler-utils`)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from bra_desktop.domain.fields import KINDS
from bra_desktop.reports.figures import county_overview, year_figures
from bra_desktop.reports.year_document import percent_change, summary
from bra_desktop.ui.pdf_report import write_pdf_report
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.reference import load_reference
from bra_desktop.store.repository import create_record

from conftest import add

CREATED = datetime(2027, 1, 20, 9, 30)
TODAY = date(2027, 1, 20)

pytestmark = pytest.mark.usefixtures("qapp")
"""The report needs a QGuiApplication: in the test run it is pytest-qt's QApplication, made first so
that later widget tests do not find a bare QGuiApplication."""


@pytest.fixture
def register_with_a_year(register):
    north = add(register, "network", name="Nordnätet")
    kommun = add(register, "organisation", name="Solna stad", org_type="KOMMUN", municipality_code="0184")
    add(register, "activity", title="Nätverksträff i Solna", start_date=date(2026, 3, 5), network_id=north.id,
        municipalities=["0184"], subject_areas=["UNGA"], participants=40, organisations=[kommun.id])
    add(register, "activity", title="Utbildning om bedrägerier", activity_type="UTBILDNING", start_date=date(2026, 3, 20),
        municipalities=["0184", "0180"], subject_areas=["EKO"], participants=1200, organisations=[kommun.id])
    add(register, "activity", title="Kommunbesök Täby", activity_type="DIALOG", start_date=date(2026, 9, 1),
        municipalities=["0160"], participants=8)
    add(register, "activity", title="Länskonferens", activity_type="KONFERENS", start_date=date(2026, 11, 3),
        participants=100)
    add(register, "activity", title="Träff 2025", start_date=date(2025, 5, 5), participants=30)
    add(register, "activity", title="Träff 2025 igen", start_date=date(2025, 10, 5), participants=20)
    add(register, "commitment", title="Lägesbild <för> länet & kommunerna", due_date=date(2026, 3, 31))
    add(register, "commitment", title="Åtgärdsplan", status="KLART", due_date=date(2026, 1, 31))
    add(register, "problem_area", title="Bedrägerier mot äldre", trend="OKANDE", first_observed=date(2026, 2, 1))
    add(register, "problem_area", title="Skadegörelse", category="GEOGRAFISKT", trend="MINSKANDE", status="ATGARDAS")
    return register


def figures_of(register, year: int = 2026, county: str | None = "01"):
    with register.session() as session:
        return year_figures(session, year, county, today=TODAY)


def pdf_text(path: Path) -> str:
    """The PDF's text with its line breaks and no-break spaces as plain spaces."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return out


def words(text: str) -> str:
    """The text's words with single spaces, ligatures as their letters (the PDF draws "fi" as one glyph)."""
    return " ".join(text.replace("\xa0", " ").replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff").split())


def render_pages(path: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), str(folder / "sida")], check=True)
    return sorted(folder.glob("sida-*.pgm"))


def grey_levels(pgm: Path) -> bytes:
    """The pixels of a binary PGM (P5) as pdftoppm writes it."""
    data = pgm.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maximum
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    return data[position + 1:position + 1 + width * height]


def test_the_report_is_written_whole_under_its_name(register_with_a_year, tmp_path):
    (tmp_path / "ut").mkdir()
    target = tmp_path / "ut" / "rapport.pdf"
    written = write_pdf_report(figures_of(register_with_a_year), target, producer_name="Länsstyrelsen i Stockholms län",
                               created_at=CREATED)
    assert written == target
    assert target.read_bytes()[:5] == b"%PDF-"
    assert [p.name for p in target.parent.iterdir()] == ["rapport.pdf"]  # no temporary file left beside it
    assert target.stat().st_size > 10_000


def test_a_report_that_cannot_be_written_leaves_nothing(register_with_a_year, tmp_path):
    missing = tmp_path / "finns-inte" / "rapport.pdf"
    with pytest.raises(RegisterError, match="Det går inte att skriva rapporten"):
        write_pdf_report(figures_of(register_with_a_year), missing, producer_name="Länsstyrelsen i Stockholms län")
    assert not missing.parent.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_pages_render_and_are_not_blank(register_with_a_year, tmp_path):
    target = write_pdf_report(figures_of(register_with_a_year), tmp_path / "rapport.pdf",
                              producer_name="Länsstyrelsen i Stockholms län", created_at=CREATED)
    pages = render_pages(target, tmp_path)
    assert len(pages) >= 5
    for page in pages:
        pixels = grey_levels(page)
        assert len(pixels) == 248 * 351  # A4 at 30 dpi
        assert statistics.pvariance(pixels[::3]) > 50, f"{page.name} is blank"
        assert min(pixels) < 100, f"{page.name} has no dark text"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_text_has_the_title_the_summary_and_the_tables(register_with_a_year, tmp_path):
    target = write_pdf_report(figures_of(register_with_a_year), tmp_path / "rapport.pdf",
                              producer_name="Länsstyrelsen i Stockholms län", created_at=CREATED)
    text = pdf_text(target)
    pages = text.split("\f")
    flat = words(text)
    assert "Redovisning 2026" in words(pages[0]) and "Stockholms län" in words(pages[0])
    assert "Regional samordning av brottsförebyggande arbete" in words(pages[0])
    assert "Länsstyrelsen i Stockholms län" in words(pages[0])
    assert "Skapad 20 januari 2027" in words(pages[0])
    assert ("Under 2026 genomfördes 4 aktiviteter (+100 % jämfört med 2025) med sammanlagt 1 348 deltagare "
            "(+2596 % jämfört med 2025).") in flat
    assert "3 av länets 26 kommuner fick stöd genom minst en aktivitet." in flat
    assert "Kommunernas arbete enligt lagen Av länets 26 kommuner är 0 uppföljda för 2026" in flat
    assert "Länsstyrelsens redovisning Länsstyrelsens egen text för 2026 är inte skriven än" in flat
    assert "Botkyrka ej uppföljd ej uppföljd ej uppföljd 0" in flat  # every municipality has its row
    assert "Länet har 2 åtaganden (pågår 1, klart 1). 1 åtagande har passerat sitt datum för klart senast" in flat
    assert "Under 2026 noterades 1 nytt brottsfenomen: Bedrägerier mot äldre." in flat
    assert "Lägesbild <för> länet & kommunerna" in flat  # register text is text, never markup
    for heading in ("Sammanfattning", "Nyckeltal", "Per månad 2026", "Per typ av aktivitet", "Per ämnesområde",
                    "Per nätverk", "Organisationer som deltagit, per typ", "Kommuner", "Åtaganden",
                    "Försenade åtaganden", "Problemområden", "Per trend", "Nya brottsfenomen 2026"):
        assert heading in flat
    total = len([page for page in pages if page.strip()])
    for number, page in enumerate(pages[1:total], start=2):
        assert f"Sida {number} av {total}" in words(page)
    assert "Utbildning/kompetensutveckling 1 25 %" in flat  # the table by type: count and share


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_national_report_has_a_row_per_county(make_register, tmp_path):
    national = make_register("BRA")
    with national.session() as session:
        for origin, title in (("01", "Stockholms träff"), ("03", "Uppsalas träff"), ("03", "Uppsalas kurs")):
            create_record(session, KINDS["activity"], {"title": title, "activity_type": "NATVERKSTRAFF",
                                                       "status": "GENOMFORD", "start_date": date(2026, 4, 1)},
                          user="bo", origin=origin, reference=load_reference(session))
        session.commit()
        figures = year_figures(session, 2026, None, today=TODAY)
        overview = county_overview(session, 2026, today=TODAY)
    target = write_pdf_report(figures, tmp_path / "riket.pdf", producer_name="Brottsförebyggande rådet (Brå)",
                              created_at=CREATED, overview=overview)
    flat = words(pdf_text(target))
    assert "Redovisning 2026 Hela landet" in flat
    assert "1 av landets 290 kommuner" not in flat and "0 av landets 290 kommuner" in flat
    assert "Flest aktiviteter hade Uppsala län (2) och Stockholms län (1)." in flat
    assert "Länen Varje läns egna poster under 2026; förändringen är mot 2025." in flat
    assert "Stockholms län 1 – 0 0 av 26 0 Uppsala län 2 – 0 0 av 8 0 Hela landet 3 – 0 0 av 290 0" in flat


def test_the_summary_in_words():
    from bra_desktop.reports.figures import Count, YearFigures

    def figures(activities: int, previous: int, participants: int = 0, year: int = 2026) -> YearFigures:
        return YearFigures(
            year=year, county="01", scope_name="Stockholms län", activities=activities,
            activities_previous_year=previous, participants=participants, participants_previous_year=0,
            by_month=(0,) * 12, by_type=(Count("DIALOG", "Kommunbesök/dialog", activities),), by_network=(),
            by_subject_area=(), organisations_by_type=(), municipalities_total=2,
            municipalities_reached=(Count("0184", "Solna", activities),) if activities else (),
            municipalities_not_reached=(Count("0180", "Stockholm", 0),), commitments_by_status=(),
            overdue_commitments=(), problem_areas_by_trend=(), problem_areas_by_status=(), new_phenomena=())

    assert summary(figures(0, 3), date(2027, 1, 1))[0] == "För 2026 finns inga aktiviteter registrerade."
    assert summary(figures(1, 0, 1), date(2027, 1, 1))[0] == (
        "Under 2026 genomfördes 1 aktivitet (inga året före) med sammanlagt 1 deltagare. "
        "1 av länets 2 kommuner fick stöd genom minst en aktivitet; Stockholm fick inget.")
    assert summary(figures(5, 4), date(2026, 6, 1))[0].startswith(
        "Under 2026 har hittills 5 aktiviteter registrerats (+25\xa0% jämfört med 2025)")
    assert summary(figures(2, 2, year=2027), date(2026, 6, 1))[0].startswith(
        "För 2027 är hittills 2 aktiviteter planerade (±0\xa0% jämfört med 2026)")
    assert summary(figures(1, 0), date(2027, 1, 1))[1] == "Vanligast var kommunbesök/dialog (1)."
    assert summary(figures(1, 0), date(2027, 1, 1))[2] == "Inga åtaganden är registrerade."
    assert percent_change(88, 100) == "−12\xa0%" and percent_change(3, 0) is None


def test_figures_and_the_reports_content_load_no_qt():
    """`reports` stays below the UI: the command line's xlsx report, and what the PDF says, never load Qt."""
    import sys

    code = ("import sys, bra_desktop.reports.figures, bra_desktop.reports.xlsx_report, bra_desktop.reports.year_document; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_lansstyrelsens_own_words_come_before_the_figures(register, tmp_path):
    add(register, "county_report", year=2026, case_number="101-1234-2026",
        assessment="Ett år av uppbyggnad.\n\nFlera kommuner har nu beslutade planer.", priorities="Unga i kriminalitet.")
    target = write_pdf_report(figures_of(register), tmp_path / "rapport.pdf", producer_name="Länsstyrelsen i Stockholms län",
                              created_at=CREATED)
    flat = words(pdf_text(target))
    assert ("Länsstyrelsens redovisning Diarienummer 101-1234-2026 Länsstyrelsens bedömning Ett år av uppbyggnad. "
            "Flera kommuner har nu beslutade planer. Prioriteringar Unga i kriminalitet.") in flat
    assert flat.index("Länsstyrelsens redovisning") < flat.index("Kommunernas arbete enligt lagen")
