"""What the annual report says, in Swedish: its summary in words, its tables and charts, in order.

The content of the PDF report (`ui/pdf_report.py` draws it with Qt on A4 pages) as plain data, so
that what the report says is built, and tested, without Qt. Blocks hold plain text: whoever draws
them must show it as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from bra_desktop.domain.words import counted, number
from bra_desktop.reports.figures import Count, YearFigures
from bra_desktop.reports.accounts import CountyAccount
from bra_desktop.reports.municipalities import LawSummary, MunicipalityStanding, by_county

MOST_ROWS = 20
"""Tables of networks and municipalities list the largest this many, then the rest in one row."""

MOST_RECORDS = 40
"""Lists of overdue commitments and new phenomena show this many (a national register has thousands)."""

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
SHORT_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


# --- numbers and words ----------------------------------------------------------------------------


def percent_change(now: int, before: int) -> str | None:
    """"+12 %", "−5 %", "±0 %"; None when the year before had nothing to compare with."""
    if before == 0:
        return None
    change = round((now - before) / before * 100)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{abs(change)}\u00a0%"


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _join(items: Sequence[str]) -> str:
    """"a", "a och b", "a, b och c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def _largest(counts: Sequence[Count], most: int = 3) -> list[Count]:
    """The largest counts above zero (stable: equal counts keep their order), at most `most`."""
    return sorted((c for c in counts if c.value > 0), key=lambda c: -c.value)[:most]


def summary(figures: YearFigures, created: date, overview: Sequence[YearFigures] | None = None) -> list[str]:
    """The summary in words, one paragraph per string (plain text)."""
    year, previous = figures.year, figures.year - 1
    county = figures.county is not None
    paragraphs: list[str] = []

    activities = counted(figures.activities, "aktivitet", "aktiviteter")
    change = percent_change(figures.activities, figures.activities_previous_year)
    compared = (f" ({change} jämfört med {previous})" if change
                else " (inga året före)" if figures.activities else "")
    participants = counted(figures.participants, "deltagare", "deltagare")
    participant_change = percent_change(figures.participants, figures.participants_previous_year)
    if figures.activities == 0:
        first = f"För {year} finns inga aktiviteter registrerade."
    elif year < created.year:
        first = f"Under {year} genomfördes {activities}{compared} med sammanlagt {participants}"
    elif year == created.year:
        first = f"Under {year} har hittills {activities} registrerats{compared} med sammanlagt {participants}"
    else:
        first = f"För {year} är hittills {activities} planerade{compared} med sammanlagt {participants}"
    if figures.activities:
        first += f" ({participant_change} jämfört med {previous})." if participant_change else "."
    sentences = [first]
    if figures.activities:
        whose = "länets" if county else "landets"
        reached, total = len(figures.municipalities_reached), figures.municipalities_total
        missing = [c.label for c in figures.municipalities_not_reached]
        if not missing:
            sentences.append(f"Alla {whose} {number(total)} kommuner fick stöd genom minst en aktivitet.")
        else:
            sentences.append(f"{number(reached)} av {whose} {number(total)} kommuner fick stöd genom minst en aktivitet"
                             + (f"; {_join(missing)} fick inget." if len(missing) <= 5 else "."))
    paragraphs.append(" ".join(sentences))
    if figures.law:
        paragraphs.append(law_sentence(figures.law_summary, "länets" if county else "landets", year))

    if figures.activities:
        sentences = []
        types = _largest(figures.by_type)
        if types:
            sentences.append("Vanligast var " + _join([f"{c.label.lower()} ({number(c.value)})" for c in types]) + ".")
        subjects = _largest([c for c in figures.by_subject_area if c.key])
        if subjects:
            sentences.append("Flest aktiviteter gällde " + _join(
                [f"{c.label.lower()} ({number(c.value)})" for c in subjects]) + ".")
        networks = _largest([c for c in figures.by_network if c.key], 1)
        if networks:
            sentences.append(f"Mest aktivt var {networks[0].label} med {counted(networks[0].value, 'aktivitet', 'aktiviteter')}.")
        organisations = sum(c.value for c in figures.organisations_by_type)
        if organisations:
            kinds = _largest(figures.organisations_by_type, 2)
            sentences.append(f"{counted(organisations, 'organisation', 'organisationer')} deltog, flest av typen "
                             + _join([f"{c.label} ({number(c.value)})" for c in kinds]) + ".")  # "Polismyndigheten" keeps its capital
        paragraphs.append(" ".join(sentences))

    commitments = figures.commitments
    if commitments:
        statuses = ", ".join(f"{c.label.lower()} {number(c.value)}" for c in figures.commitments_by_status if c.value)
        text = f"{'Länet' if county else 'Registret'} har {counted(commitments, 'åtagande', 'åtaganden')} ({statuses})."
        overdue = len(figures.overdue_commitments)
        if overdue:
            text += (f" {counted(overdue, 'åtagande', 'åtaganden')} har passerat sitt datum för klart senast"
                     f" utan att vara {'klart' if overdue == 1 else 'klara'} eller {'avbrutet' if overdue == 1 else 'avbrutna'}"
                     f" ({long_date(created)}).")
        else:
            text += " Inget åtagande är försenat."
        paragraphs.append(text)
    else:
        paragraphs.append("Inga åtaganden är registrerade.")

    problem_areas = figures.problem_areas
    if problem_areas:
        trends = {c.key: c.value for c in figures.problem_areas_by_trend}
        text = (f"Av {counted(problem_areas, 'problemområde', 'problemområden')} bedöms "
                f"{number(trends.get('OKANDE', 0))} ha en ökande och {number(trends.get('MINSKANDE', 0))} en minskande trend.")
        phenomena = figures.new_phenomena
        if phenomena:
            titles = [record.title for record in phenomena[:3]]
            more = " med flera" if len(phenomena) > 3 else ""
            text += (f" Under {year} noterades {counted(len(phenomena), 'nytt brottsfenomen', 'nya brottsfenomen')}: "
                     f"{_join(titles)}{more}.")
        paragraphs.append(text)

    if overview:
        busiest = _largest([Count(f.county or "", f.scope_name, f.activities) for f in overview], 3)
        if busiest:
            paragraphs.append("Flest aktiviteter hade " + _join([f"{c.label} ({number(c.value)})" for c in busiest]) + ".")
    return paragraphs


def title_tiles(figures: YearFigures) -> list[tuple[str, str, str]]:
    """The title page's four key figures: (caption, value, what it is compared with)."""
    return [
        ("Aktiviteter", number(figures.activities),
         _vs(figures.activities, figures.activities_previous_year, figures.year - 1)),
        ("Deltagare", number(figures.participants),
         _vs(figures.participants, figures.participants_previous_year, figures.year - 1)),
        ("Kommuner som fått stöd", f"{number(len(figures.municipalities_reached))} av {number(figures.municipalities_total)}", ""),
        ("Försenade åtaganden", number(len(figures.overdue_commitments)), f"av {number(figures.commitments)} åtaganden"),
    ]


def _vs(now: int, before: int, previous_year: int) -> str:
    change = percent_change(now, before)
    return f"{change} jämfört med {previous_year}" if change else f"{previous_year}: {number(before)}"


# --- the document ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bars:
    """One chart: category labels, one value per category, horizontal or by month."""

    labels: Sequence[str]
    values: Sequence[int]
    horizontal: bool = True


@dataclass(frozen=True)
class Heading:
    level: int
    """1 for a section, 2 for a part of one."""
    text: str
    new_page: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False
    """A small grey note under a table: how something is counted."""


@dataclass(frozen=True)
class Chart:
    name: str
    bars: Bars


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric_from: int = 1
    """Columns from this one on hold numbers (right-aligned)."""
    widths: Sequence[int] | None = None
    """Each column's share of the width, in per cent."""
    total: Sequence[str] | None = None
    """A last row of sums, set apart."""


Block = Heading | Paragraph | Chart | Table


class Document:
    """The report's blocks in order, as `year_document` adds them."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def heading(self, text: str, *, new_page: bool = False) -> None:
        self.blocks.append(Heading(1, text, new_page))

    def subheading(self, text: str) -> None:
        self.blocks.append(Heading(2, text))

    def paragraph(self, text: str, note: bool = False) -> None:
        self.blocks.append(Paragraph(text, note))

    def chart(self, name: str, bars: Bars) -> None:
        self.blocks.append(Chart(name, bars))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int = 1,
              widths: Sequence[int] | None = None, total: Sequence[str] | None = None) -> None:
        self.blocks.append(Table(header, rows, numeric_from, widths, total))


def _share(value: int, total: int) -> str:
    return f"{round(value * 100 / total)}\u00a0%" if total else "–"


def _count_rows(counts: Sequence[Count], total: int | None = None) -> list[list[str]]:
    return [[c.label, number(c.value), _share(c.value, total)] if total is not None else [c.label, number(c.value)]
            for c in counts]


def _most(counts: Sequence[Count], what: str) -> list[Count]:
    """The largest `MOST_ROWS`, then the rest summed in one row."""
    if len(counts) <= MOST_ROWS + 1:
        return list(counts)
    rest = counts[MOST_ROWS:]
    return [*counts[:MOST_ROWS], Count("", f"Övriga {number(len(rest))} {what}", sum(c.value for c in rest))]


def _more(doc: Document, count: int, what: str, which: str) -> None:
    if count > MOST_RECORDS:
        doc.paragraph(f"Tabellen visar {which}, {MOST_RECORDS} av {number(count)} {what}; alla finns i registret.", note=True)


def law_sentence(law: LawSummary, whose: str, year: int) -> str:
    """"Av länets 26 kommuner är 24 uppföljda för 2026: 23 har en samordningsfunktion, …"."""
    text = (f"Av {whose} {number(law.municipalities)} kommuner är {number(law.followed_up)} uppföljda för {year}: "
            f"{number(law.met['coordination_status'])} har en samordningsfunktion, {number(law.met['situation_status'])} "
            f"en klar lägesbild och {number(law.met['plan_status'])} en beslutad åtgärdsplan.")
    if law.lacking("plan_status"):
        text += f" {number(law.lacking('plan_status'))} saknar beslutad åtgärdsplan."
    unknown = law.municipalities - law.followed_up
    if unknown:
        text += f" {number(unknown)} är inte uppföljda, och räknas varken som att de har eller saknar något."
    return text


def _municipality_rows(rows: Sequence[MunicipalityStanding]) -> list[list[str]]:
    return [[row.name, row.status_labels["coordination_status"], row.status_labels["situation_status"],
             row.status_labels["plan_status"], row.plan_decided_on.isoformat() if row.plan_decided_on else "",
             number(row.supported)] for row in rows]


_MUNICIPALITY_HEADERS = ["Kommun", "Samordningsfunktion", "Lägesbild", "Åtgärdsplan", "Beslutad", "Stöd i år"]
_MUNICIPALITY_WIDTHS = [19, 27, 15, 15, 13, 11]
_MUNICIPALITY_NUMBERS = 5
"""The support is the table's one number: the statuses and the date read from the left."""


def _accounts_section(doc: Document, figures: YearFigures) -> None:
    """The länsstyrelse's own words, before the figures: what it signs and sends to Brå. For the whole
    country, each länsstyrelse's under its county's name."""
    year = figures.year
    if figures.county is not None:
        doc.heading("Länsstyrelsens redovisning", new_page=True)
        if not figures.accounts:
            doc.paragraph(f"Länsstyrelsens egen text för {year} är inte skriven än (Redovisningar i registret).", note=True)
        for account in figures.accounts:
            _account_texts(doc, account, doc.subheading)
        return
    if figures.accounts:
        doc.heading("Länsstyrelsernas redovisningar", new_page=True)
        for account in figures.accounts:
            doc.subheading(account.county_name)
            _account_texts(doc, account, lambda heading: doc.paragraph(heading, note=True))


def _account_texts(doc: Document, account: CountyAccount, heading: Callable[[str], None]) -> None:
    if account.case_number:
        doc.paragraph(f"Diarienummer {account.case_number}", note=True)
    for title, text in account.texts:
        heading(title)
        for part in (piece.strip() for piece in text.split("\n\n")):
            if part:
                doc.paragraph(part)


def _themes_part(doc: Document, figures: YearFigures) -> None:
    """The national themes the problem areas carry; for the whole country, whose they are."""
    doc.subheading("Per nationellt tema")
    themes = figures.problem_areas_by_theme
    if not themes:
        doc.paragraph("Inget problemområde har ett nationellt tema.")
        return
    if figures.county is not None:
        doc.table(["Nationellt tema", "Antal"], [[t.label, number(t.problem_areas)] for t in themes], widths=[82, 18])
    else:
        doc.table(["Nationellt tema", "Län", "Antal"],
                  [[t.label, ", ".join(t.counties), number(t.problem_areas)] for t in themes],
                  numeric_from=2, widths=[36, 54, 10])
    doc.paragraph("Temat är Brås kodlista, så att samma fenomen känns igen i alla län; problemområden utan tema "
                  "räknas inte här.", note=True)


MEMBERS_NAMED = 4
"""A network with more members than this is given as a count: the table is read on paper."""


def as_of(figures: YearFigures, created: date) -> str:
    """When commitments and problem areas are counted: "vid årets slut", or the report's date for
    a year not yet ended ("den 7 december 2026")."""
    return "vid årets slut" if figures.year_ended else f"den {long_date(created)}"


def _networks_section(doc: Document, figures: YearFigures, created: date) -> None:
    """Each network with who convenes it, who takes part, how often it meets and what it did."""
    year = figures.year
    doc.heading("Nätverk", new_page=True)
    if not figures.networks:
        doc.paragraph(f"Inga nätverk var aktiva under {year}.")
        return
    when = as_of(figures, created)
    doc.paragraph(("Länsstyrelsens nätverk som var aktiva under året, och Brås nationella nätverk som länets "
                   "aktiviteter eller åtaganden hörde till." if figures.county is not None else
                   "Brås nationella nätverk.")
                  + f" Aktiviteterna är årets {year}; åtagandena räknas som de stod {when}, de öppna inom parentes.",
                  note=True)
    rows = [[line.name if line.owner != "Brå" or figures.county is None else f"{line.name} (Brå)",
             line.convener or "–", _members(line.members), line.cadence or "–", number(line.activities),
             f"{number(line.commitments)} ({number(line.open_commitments)})"] for line in figures.networks]
    doc.table(["Nätverk", "Sammankallande", "Medlemmar", "Möts", "Aktiviteter", "Åtaganden"], rows,
              numeric_from=4, widths=[24, 19, 23, 10, 12, 12])


def _members(names: Sequence[str]) -> str:
    if not names:
        return "–"
    if len(names) <= MEMBERS_NAMED:
        return ", ".join(names)
    return f"{number(len(names))} organisationer"


def _law_section(doc: Document, figures: YearFigures, overview: Sequence[YearFigures] | None) -> None:
    """Kommunernas arbete enligt lagen: every municipality, never folded into "övriga"; for the whole
    country first a row per county, then a table per county."""
    year, law = figures.year, figures.law_summary
    if not figures.law:
        return
    doc.heading("Kommunernas arbete enligt lagen", new_page=True)
    doc.paragraph(law_sentence(law, "länets" if figures.county is not None else "landets", year))
    doc.paragraph("Enligt lag (2023:196) om kommuners ansvar för brottsförebyggande arbete ska varje kommun ha en "
                  "samordningsfunktion, en lägesbild och en åtgärdsplan. Uppgifterna är länsstyrelsernas uppföljningar "
                  f"av {year}; stödet är årets aktiviteter i kommunen.", note=True)
    if figures.county is not None:
        doc.table(_MUNICIPALITY_HEADERS, _municipality_rows(figures.law), widths=_MUNICIPALITY_WIDTHS,
                  numeric_from=_MUNICIPALITY_NUMBERS)
        return
    counties = overview or []
    doc.table(["Län", "Kommuner", "Uppföljda", "Samordningsfunktion", "Klar lägesbild", "Beslutad åtgärdsplan"],
              [[county.scope_name, number(county.law_summary.municipalities), number(county.law_summary.followed_up),
                number(county.law_summary.met["coordination_status"]), number(county.law_summary.met["situation_status"]),
                number(county.law_summary.met["plan_status"])] for county in counties],
              widths=[25, 13, 13, 17, 15, 17],
              total=["Hela landet", number(law.municipalities), number(law.followed_up), number(law.met["coordination_status"]),
                     number(law.met["situation_status"]), number(law.met["plan_status"])])
    for rows in by_county(list(figures.law)).values():
        doc.subheading(rows[0].county_name)
        doc.table(_MUNICIPALITY_HEADERS, _municipality_rows(rows), widths=_MUNICIPALITY_WIDTHS,
                  numeric_from=_MUNICIPALITY_NUMBERS)


def year_document(figures: YearFigures, created: date, overview: Sequence[YearFigures] | None = None) -> Document:
    """The report's body after its title page: headings, words, tables and charts, in order."""
    doc = Document()
    year, previous = figures.year, figures.year - 1
    whose = "länets" if figures.county is not None else "landets"

    doc.heading("Sammanfattning")
    for text in summary(figures, created, overview):
        doc.paragraph(text)
    reached = len(figures.municipalities_reached)

    def change(now: int, before: int) -> str:
        return percent_change(now, before) or "–"

    when = as_of(figures, created)

    doc.subheading("Nyckeltal")
    doc.table(
        ["", str(year), str(previous), "Förändring"],
        [
            ["Aktiviteter", number(figures.activities), number(figures.activities_previous_year),
             change(figures.activities, figures.activities_previous_year)],
            ["Deltagare", number(figures.participants), number(figures.participants_previous_year),
             change(figures.participants, figures.participants_previous_year)],
            ["Kommuner som fått stöd", f"{number(reached)} av {number(figures.municipalities_total)}", "", ""],
            [f"Åtaganden {when}", number(figures.commitments), "", ""],
            [f"Åtaganden som blev klara {year}", number(len(figures.completed_commitments)), "", ""],
            [f"Försenade åtaganden {when}", number(len(figures.overdue_commitments)), "", ""],
            [f"Problemområden {when}", number(figures.problem_areas), "", ""],
            [f"Nya brottsfenomen {year}", number(len(figures.new_phenomena)), "", ""],
        ],
        widths=[46, 18, 18, 18],
    )
    doc.paragraph(
        "Så räknas siffrorna: en aktivitet räknas de år den pågår, i månaden den börjar (en som började året "
        "före räknas i januari); inställda och borttagna aktiviteter räknas inte. Åtaganden och problemområden "
        + (f"räknas som de stod vid årets slut, {long_date(date(year, 12, 31))}. " if figures.year_ended else
           f"räknas som de ser ut när rapporten skapades, {long_date(created)}. ")
        + ("Siffrorna gäller länets egna poster." if figures.county is not None else
           "Siffrorna gäller hela registret, med alla läns poster och Brås nationella."),
        note=True,
    )

    _accounts_section(doc, figures)
    _law_section(doc, figures, overview)

    doc.heading("Aktiviteter", new_page=True)
    doc.subheading(f"Per månad {year}")
    doc.chart("month", Bars(SHORT_MONTHS, figures.by_month, horizontal=False))
    doc.table(list(SHORT_MONTHS), [[number(v) for v in figures.by_month]], numeric_from=0)
    doc.subheading("Per typ av aktivitet")
    doc.chart("type", Bars([c.label for c in figures.by_type], [c.value for c in figures.by_type]))
    doc.table(["Typ av aktivitet", "Antal", "Andel"], _count_rows(figures.by_type, figures.activities),
              widths=[64, 18, 18], total=["Summa", number(figures.activities), ""])
    doc.subheading("Per ämnesområde")
    doc.chart("subject", Bars([c.label for c in figures.by_subject_area], [c.value for c in figures.by_subject_area]))
    doc.table(["Ämnesområde", "Antal", "Andel"], _count_rows(figures.by_subject_area, figures.activities),
              widths=[64, 18, 18])
    doc.paragraph("En aktivitet kan gälla flera ämnesområden och räknas då i vart och ett; andelen är av alla aktiviteter.", note=True)
    doc.subheading("Per nätverk")
    if figures.by_network:
        doc.table(["Nätverk", "Antal", "Andel"], _count_rows(_most(figures.by_network, "nätverk"), figures.activities),
                  widths=[64, 18, 18])
    else:
        doc.paragraph("Inga aktiviteter.")
    doc.subheading("Organisationer som deltagit, per typ")
    organisations = sum(c.value for c in figures.organisations_by_type)
    doc.table(["Typ av aktör", "Antal"], _count_rows(figures.organisations_by_type),
              widths=[82, 18], total=["Summa", number(organisations)])

    doc.subheading("Kommuner")
    doc.paragraph(f"{number(reached)} av {whose} {number(figures.municipalities_total)} kommuner fick stöd genom minst en "
                  f"aktivitet under {year}.")
    if figures.municipalities_reached:
        doc.table(["Kommun", "Aktiviteter"], _count_rows(figures.municipalities_reached),  # every one named
                  widths=[82, 18])
    if figures.municipalities_not_reached:
        doc.paragraph("Kommuner utan stöd: " + ", ".join(c.label for c in figures.municipalities_not_reached) + ".")

    _networks_section(doc, figures, created)

    doc.heading("Åtaganden", new_page=True)
    doc.paragraph(f"Åtagandena som de stod vid årets slut, {long_date(date(year, 12, 31))}, per status."
                  if figures.year_ended else f"Åtagandena som de ser ut {long_date(created)}, per status.")
    doc.chart("commitments", Bars([c.label for c in figures.commitments_by_status],
                                   [c.value for c in figures.commitments_by_status]))
    doc.table(["Status", "Antal", "Andel"], _count_rows(figures.commitments_by_status, figures.commitments),
              widths=[64, 18, 18], total=["Summa", number(figures.commitments), ""])
    doc.subheading(f"Åtaganden som blev klara {year}")
    if figures.completed_commitments:
        doc.table(["Åtagande", "Läge"], [[r.title, r.detail] for r in figures.completed_commitments], numeric_from=2,
                  widths=[55, 45])
    else:
        doc.paragraph(f"Inget åtagande blev klart under {year}.")
    doc.subheading("Försenade åtaganden")
    if figures.overdue_commitments:
        doc.table(["Åtagande", "Läge"], [[r.title, r.detail] for r in figures.overdue_commitments[:MOST_RECORDS]],
                  numeric_from=2, widths=[55, 45])
        _more(doc, len(figures.overdue_commitments), "försenade åtaganden", "de som har varit försenade längst")
    else:
        doc.paragraph("Inget åtagande har passerat sitt datum för klart senast.")

    doc.heading("Problemområden", new_page=figures.commitments > 12)
    doc.subheading("Per trend")
    doc.chart("trend", Bars([c.label for c in figures.problem_areas_by_trend],
                             [c.value for c in figures.problem_areas_by_trend]))
    doc.table(["Trend", "Antal", "Andel"], _count_rows(figures.problem_areas_by_trend, figures.problem_areas),
              widths=[64, 18, 18], total=["Summa", number(figures.problem_areas), ""])
    doc.subheading("Per status")
    doc.table(["Status", "Antal", "Andel"], _count_rows(figures.problem_areas_by_status, figures.problem_areas),
              widths=[64, 18, 18])
    _themes_part(doc, figures)
    doc.subheading(f"Nya brottsfenomen {year}")
    if figures.new_phenomena:
        doc.table(["Problemområde", "Trend och datum"], [[r.title, r.detail] for r in figures.new_phenomena[:MOST_RECORDS]],
                  numeric_from=2, widths=[50, 50])
        _more(doc, len(figures.new_phenomena), "nya brottsfenomen", "de först observerade")
    else:
        doc.paragraph(f"Inga nya brottsfenomen noterades under {year}.")

    if overview:
        doc.heading("Länen", new_page=True)
        doc.paragraph(f"Varje läns egna poster under {year}; förändringen är mot {previous}.")
        doc.table(
            ["Län", "Aktiviteter", "Förändring", "Deltagare", "Kommuner som fått stöd", "Försenade åtaganden"],
            [[f.scope_name, number(f.activities), change(f.activities, f.activities_previous_year),
              number(f.participants), f"{len(f.municipalities_reached)} av {f.municipalities_total}",
              number(len(f.overdue_commitments))] for f in overview],
            widths=[25, 15, 15, 14, 15, 16],
            total=[figures.scope_name, number(figures.activities),
                   change(figures.activities, figures.activities_previous_year), number(figures.participants),
                   f"{reached} av {figures.municipalities_total}", number(len(figures.overdue_commitments))]
            if figures.county is None else None,
        )
        if figures.county is None:
            doc.paragraph("Hela landet räknar också Brås egna poster, så summan kan vara större än länens.", note=True)
    return doc
