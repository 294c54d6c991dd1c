"""The annual report as a PDF in Swedish: title page, a summary in words, charts and tables. A4.

It lives in `ui` because it renders with Qt, though only with QtGui and no widgets: Qt's PDF writer
(`QPdfWriter`), its rich-text layout (`QTextDocument`: paragraphs, tables, page breaks) and
`QPainter` for the charts give a well-typeset A4 document without another dependency. The figures
it shows come from `reports.figures`, which knows nothing of Qt. It needs a `QGuiApplication`
(fonts); if none exists, one is created, on the offscreen platform when no platform is set on Linux,
so `bra-desktop report --out rapport.pdf` works without a display. No widgets are used.

Layout: page 1 is the title page (drawn with QPainter); the rest is one `QTextDocument` laid out on
the A4 text area and drawn page by page under a running header and above the footer
"Sida 3 av 7". Charts are drawn at 300 dpi into images the document shows. Everything from the
register (names, titles) goes into the document escaped: it is text, never markup.

The file is written under a temporary name beside the target and renamed when complete, so an
interrupted run never leaves half a report under the real name.
"""

from __future__ import annotations

import html
import os
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLineF, QMarginsF, QRectF, QSizeF, QUrl, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter,
    QPdfWriter, QPen, QTextDocument,
)

from bra_desktop import __version__
from bra_desktop.reports.figures import Count, YearFigures
from bra_desktop.store.errors import RegisterError

DPI = 300
MM = DPI / 25.4
"""Device pixels per millimetre."""

PAGE_MM = (210.0, 297.0)
MARGIN_MM = (20.0, 22.0, 20.0, 20.0)
"""Left, top, right, bottom: the text area; header and footer sit in the top and bottom margins."""

COLOUR = "#1f5f8b"
LIGHT = "#e8eff5"
GREY = "#5f6b75"

MOST_ROWS = 20
"""Tables of networks and municipalities list the largest this many, then the rest in one row."""

MOST_RECORDS = 40
"""Lists of overdue commitments and new phenomena show this many (a national register has thousands)."""

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
_SHORT_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

_app = None
"""The QGuiApplication made here, kept alive for the process."""


# --- numbers and words ----------------------------------------------------------------------------


def number(value: int) -> str:
    """Swedish digit grouping: 4 310 (with a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0")


def percent_change(now: int, before: int) -> str | None:
    """"+12 %", "−5 %", "±0 %"; None when the year before had nothing to compare with."""
    if before == 0:
        return None
    change = round((now - before) / before * 100)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{abs(change)}\u00a0%"


def long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{number(count)} {one if count == 1 else many}"


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

    activities = _plural(figures.activities, "aktivitet", "aktiviteter")
    change = percent_change(figures.activities, figures.activities_previous_year)
    compared = (f" ({change} jämfört med {previous})" if change
                else " (inga året före)" if figures.activities else "")
    participants = _plural(figures.participants, "deltagare", "deltagare")
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
            sentences.append(f"Alla {whose} {number(total)} kommuner nåddes av minst en aktivitet.")
        else:
            sentences.append(f"{number(reached)} av {whose} {number(total)} kommuner nåddes av minst en aktivitet"
                             + (f"; {_join(missing)} nåddes inte." if len(missing) <= 5 else "."))
    paragraphs.append(" ".join(sentences))

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
            sentences.append(f"Mest aktivt var {networks[0].label} med {_plural(networks[0].value, 'aktivitet', 'aktiviteter')}.")
        organisations = sum(c.value for c in figures.organisations_by_type)
        if organisations:
            kinds = _largest(figures.organisations_by_type, 2)
            sentences.append(f"{_plural(organisations, 'organisation', 'organisationer')} deltog, flest av typen "
                             + _join([f"{c.label} ({number(c.value)})" for c in kinds]) + ".")  # "Polismyndigheten" keeps its capital
        paragraphs.append(" ".join(sentences))

    commitments = figures.commitments
    if commitments:
        statuses = ", ".join(f"{c.label.lower()} {number(c.value)}" for c in figures.commitments_by_status if c.value)
        text = f"{'Länet' if county else 'Registret'} har {_plural(commitments, 'åtagande', 'åtaganden')} ({statuses})."
        overdue = len(figures.overdue_commitments)
        if overdue:
            text += (f" {_plural(overdue, 'åtagande', 'åtaganden')} har passerat sitt datum för klart senast"
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
        text = (f"Av {_plural(problem_areas, 'problemområde', 'problemområden')} bedöms "
                f"{number(trends.get('OKANDE', 0))} ha en ökande och {number(trends.get('MINSKANDE', 0))} en minskande trend.")
        phenomena = figures.new_phenomena
        if phenomena:
            titles = [record.title for record in phenomena[:3]]
            more = " med flera" if len(phenomena) > 3 else ""
            text += (f" Under {year} noterades {_plural(len(phenomena), 'nytt brottsfenomen', 'nya brottsfenomen')}: "
                     f"{_join(titles)}{more}.")
        paragraphs.append(text)

    if overview:
        busiest = _largest([Count(f.county or "", f.scope_name, f.activities) for f in overview], 3)
        if busiest:
            paragraphs.append("Flest aktiviteter hade " + _join([f"{c.label} ({number(c.value)})" for c in busiest]) + ".")
    return paragraphs


# --- Qt ---------------------------------------------------------------------------------------------


def _gui_application():  # -> QGuiApplication
    """The running QGuiApplication, or a new one (offscreen on Linux when no platform is chosen)."""
    global _app

    running = QCoreApplication.instance()
    if running is not None:
        if not isinstance(running, QGuiApplication):
            raise RuntimeError("A PDF report needs a QGuiApplication (fonts); a QCoreApplication is running.")
        return running
    if sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv else "bra-desktop"])
    return _app


@dataclass(frozen=True)
class _Bars:
    """One chart: category labels, one value per category, horizontal or by month."""

    labels: Sequence[str]
    values: Sequence[int]
    horizontal: bool = True


def _chart_image(chart: _Bars, width_mm: float, font_family: str):  # -> QImage
    """Draw a bar chart at `DPI` into an image `width_mm` wide (the height follows the bars)."""

    rows = len(chart.labels)
    height_mm = 8 + 6.2 * rows if chart.horizontal else 58
    image = QImage(round(width_mm * MM), round(height_mm * MM), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(font_family)
    font.setPointSizeF(8.5)
    painter.setFont(font)
    metrics = QFontMetricsF(font, image)
    width, height = image.width(), image.height()
    top = max(chart.values, default=0) or 1
    bar = QColor(COLOUR)
    text = QColor("#222222")
    grid = QPen(QColor("#d9d9d9"))
    grid.setWidthF(0.25 * MM)

    if chart.horizontal:
        label_width = min(width * 0.42, max((metrics.horizontalAdvance(label) for label in chart.labels), default=0) + 2 * MM)
        value_room = metrics.horizontalAdvance(number(top)) + 3 * MM
        left, right = label_width + 2 * MM, width - value_room
        slot = (height - 4 * MM) / max(rows, 1)
        painter.setPen(grid)
        painter.drawLine(round(left), round(2 * MM), round(left), round(height - 2 * MM))
        for index, (label, value) in enumerate(zip(chart.labels, chart.values)):
            y = 2 * MM + index * slot
            painter.setPen(text)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(QRectF(0, y, label_width, slot), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown)
            length = (right - left) * value / top
            if value:
                painter.fillRect(QRectF(left, y + slot * 0.18, length, slot * 0.64), bar)
            painter.drawText(QRectF(left + length + 1.2 * MM, y, value_room, slot),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), number(value))
    else:
        bottom = height - metrics.height() - 3 * MM
        head = metrics.height() + 2 * MM
        slot = width / max(rows, 1)
        painter.setPen(grid)
        painter.drawLine(0, round(bottom), width, round(bottom))
        for index, (label, value) in enumerate(zip(chart.labels, chart.values)):
            x = index * slot
            length = (bottom - head) * value / top
            if value:
                painter.fillRect(QRectF(x + slot * 0.15, bottom - length, slot * 0.7, length), bar)
            painter.setPen(text)
            painter.drawText(QRectF(x, bottom - length - metrics.height() - 0.8 * MM, slot, metrics.height()),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), number(value))
            painter.drawText(QRectF(x, bottom + 1 * MM, slot, metrics.height() + 1 * MM),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)
    painter.end()
    return image


# --- the document ---------------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str
    new_page: bool


class _Html:
    """The report's body as Qt rich text, with its chart images."""

    def __init__(self, width_mm: float) -> None:
        self.parts: list[str | _Heading] = []
        self.images: dict[str, _Bars] = {}
        self.width_mm = width_mm

    def heading(self, text: str, *, new_page: bool = False) -> None:
        self.parts.append(_Heading(1, text, new_page))

    def subheading(self, text: str) -> None:
        self.parts.append(_Heading(2, text, False))

    def paragraph(self, text: str, css_class: str = "") -> None:
        attribute = f' class="{css_class}"' if css_class else ""
        self.parts.append(f'<p{attribute} style="line-height: 130%">{_e(text)}</p>')

    def chart(self, name: str, bars: _Bars) -> None:
        self.images[name] = bars
        self.parts.append(f'<p class="chart" style="line-height: 100%"><img src="chart:{name}"></p>')

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int = 1,
              widths: Sequence[int] | None = None, total: Sequence[str] | None = None) -> None:
        """A table with a header row; columns from `numeric_from` on are right-aligned."""

        def cells(values: Sequence[str], tag: str, background: str | None, bold: bool = False) -> str:
            out = []
            for column, value in enumerate(values):
                align = "right" if column >= numeric_from else "left"
                width = f' width="{widths[column]}%"' if widths else ""
                colour = f' bgcolor="{background}"' if background else ""
                text = _e(value).replace("\n", "<br>") or "&nbsp;"  # an empty last cell loses the margin below
                weight = ' style="font-weight: bold"' if bold else ""
                out.append(f'<{tag} align="{align}"{width}{colour}{weight}>{text}</{tag}>')
            return "<tr>" + "".join(out) + "</tr>"

        body = [cells(header, "th", COLOUR)]
        for index, row in enumerate(rows):
            body.append(cells(row, "td", LIGHT if index % 2 else None))
        if total is not None:
            body.append(cells(total, "td", "#d5e1ea", bold=True))
        self.parts.append(f'<table width="100%" cellspacing="0" cellpadding="{_px(1.2):.0f}">'
                          f"<thead>{body[0]}</thead>{''.join(body[1:])}</table>")

    def text(self, breaks: set[int] = frozenset()) -> str:
        """The rich text, with a page break before the headings numbered in `breaks` (from 0)."""
        out = []
        headings = 0
        for part in self.parts:
            if isinstance(part, _Heading):
                new_page = part.new_page or headings in breaks
                style = ' style="page-break-before: always"' if new_page else ""
                out.append(f"<h{part.level}{style}>{_e(part.text)}</h{part.level}>")
                headings += 1
            else:
                out.append(part)
        return "".join(out).replace('<img src="chart:', f'<img width="{_px(self.width_mm):.0f}" src="chart:')


def _px(mm: float) -> float:
    """Lengths in rich text (style sheet, cell padding, frame margins, image sizes) are in pixels of
    1/96 inch, which the layout scales to the device; only the page size is in device pixels."""
    return mm / 25.4 * 96


_CSS = f"""
h1 {{ font-size: 17pt; color: {COLOUR}; margin-top: {_px(8):.0f}px; margin-bottom: {_px(3):.0f}px; }}
h2 {{ font-size: 12.5pt; color: {COLOUR}; margin-top: {_px(7):.0f}px; margin-bottom: {_px(2.5):.0f}px; }}
p {{ font-size: 10pt; margin-top: {_px(1.5):.0f}px; margin-bottom: {_px(2.5):.0f}px; }}
p.note {{ font-size: 8.5pt; color: {GREY}; margin-top: {_px(2):.0f}px; }}
p.chart {{ margin-top: {_px(1):.0f}px; margin-bottom: {_px(2):.0f}px; }}
th {{ font-size: 9pt; color: white; font-weight: bold; }}
td {{ font-size: 9pt; }}
"""


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


def _more(doc: _Html, count: int, what: str, which: str) -> None:
    if count > MOST_RECORDS:
        doc.paragraph(f"Tabellen visar {which}, {MOST_RECORDS} av {number(count)} {what}; alla finns i registret.", "note")


def _body(figures: YearFigures, created: date, overview: Sequence[YearFigures] | None, width_mm: float) -> _Html:
    doc = _Html(width_mm)
    year, previous = figures.year, figures.year - 1
    whose = "länets" if figures.county is not None else "landets"

    doc.heading("Sammanfattning")
    for text in summary(figures, created, overview):
        doc.paragraph(text)
    reached = len(figures.municipalities_reached)

    def change(now: int, before: int) -> str:
        return percent_change(now, before) or "–"

    doc.subheading("Nyckeltal")
    doc.table(
        ["", str(year), str(previous), "Förändring"],
        [
            ["Aktiviteter", number(figures.activities), number(figures.activities_previous_year),
             change(figures.activities, figures.activities_previous_year)],
            ["Deltagare", number(figures.participants), number(figures.participants_previous_year),
             change(figures.participants, figures.participants_previous_year)],
            ["Kommuner nådda", f"{number(reached)} av {number(figures.municipalities_total)}", "", ""],
            ["Åtaganden (nu)", number(figures.commitments), "", ""],
            ["Försenade åtaganden (nu)", number(len(figures.overdue_commitments)), "", ""],
            ["Problemområden (nu)", number(figures.problem_areas), "", ""],
            [f"Nya brottsfenomen {year}", number(len(figures.new_phenomena)), "", ""],
        ],
        widths=[46, 18, 18, 18],
    )
    doc.paragraph(
        "Så räknas siffrorna: en aktivitet räknas de år den pågår, i månaden den börjar (en som började året "
        "före räknas i januari); inställda och borttagna aktiviteter räknas inte. Åtaganden och problemområden "
        f"räknas som de ser ut när rapporten skapades, {long_date(created)}. "
        + ("Siffrorna gäller länets egna poster." if figures.county is not None else
           "Siffrorna gäller hela registret, med alla läns poster och Brås nationella."),
        "note",
    )

    doc.heading("Aktiviteter")
    doc.subheading(f"Per månad {year}")
    doc.chart("month", _Bars(_SHORT_MONTHS, figures.by_month, horizontal=False))
    doc.table(list(_SHORT_MONTHS), [[number(v) for v in figures.by_month]], numeric_from=0)
    doc.subheading("Per typ av aktivitet")
    doc.chart("type", _Bars([c.label for c in figures.by_type], [c.value for c in figures.by_type]))
    doc.table(["Typ av aktivitet", "Antal", "Andel"], _count_rows(figures.by_type, figures.activities),
              widths=[64, 18, 18], total=["Summa", number(figures.activities), ""])
    doc.subheading("Per ämnesområde")
    doc.chart("subject", _Bars([c.label for c in figures.by_subject_area], [c.value for c in figures.by_subject_area]))
    doc.table(["Ämnesområde", "Antal", "Andel"], _count_rows(figures.by_subject_area, figures.activities),
              widths=[64, 18, 18])
    doc.paragraph("En aktivitet kan gälla flera ämnesområden och räknas då i vart och ett; andelen är av alla aktiviteter.",
                  "note")
    doc.subheading("Per nätverk")
    if figures.by_network:
        doc.table(["Nätverk", "Antal", "Andel"], _count_rows(_most(figures.by_network, "nätverk"), figures.activities),
                  widths=[64, 18, 18])
    else:
        doc.paragraph("Inga aktiviteter.")
    doc.subheading("Organisationer som deltagit, per typ")
    organisations = sum(c.value for c in figures.organisations_by_type)
    doc.table(["Typ av organisation", "Antal"], _count_rows(figures.organisations_by_type),
              widths=[82, 18], total=["Summa", number(organisations)])

    doc.subheading("Kommuner")
    doc.paragraph(f"{number(reached)} av {whose} {number(figures.municipalities_total)} kommuner nåddes av minst en "
                  f"aktivitet under {year}.")
    if figures.municipalities_reached:
        doc.table(["Kommun", "Aktiviteter"], _count_rows(_most(figures.municipalities_reached, "kommuner")),
                  widths=[82, 18])
    if figures.municipalities_not_reached:
        doc.paragraph("Kommuner utan aktiviteter: " + ", ".join(c.label for c in figures.municipalities_not_reached) + ".")

    doc.heading("Åtaganden", new_page=True)
    doc.paragraph(f"Åtagandena som de ser ut {long_date(created)}, per status.")
    doc.chart("commitments", _Bars([c.label for c in figures.commitments_by_status],
                                   [c.value for c in figures.commitments_by_status]))
    doc.table(["Status", "Antal", "Andel"], _count_rows(figures.commitments_by_status, figures.commitments),
              widths=[64, 18, 18], total=["Summa", number(figures.commitments), ""])
    doc.subheading("Försenade åtaganden")
    if figures.overdue_commitments:
        doc.table(["Åtagande", "Läge"], [[r.title, r.detail] for r in figures.overdue_commitments[:MOST_RECORDS]],
                  numeric_from=2, widths=[55, 45])
        _more(doc, len(figures.overdue_commitments), "försenade åtaganden", "de som har varit försenade längst")
    else:
        doc.paragraph("Inget åtagande har passerat sitt datum för klart senast.")

    doc.heading("Problemområden", new_page=figures.commitments > 12)
    doc.subheading("Per trend")
    doc.chart("trend", _Bars([c.label for c in figures.problem_areas_by_trend],
                             [c.value for c in figures.problem_areas_by_trend]))
    doc.table(["Trend", "Antal", "Andel"], _count_rows(figures.problem_areas_by_trend, figures.problem_areas),
              widths=[64, 18, 18], total=["Summa", number(figures.problem_areas), ""])
    doc.subheading("Per status")
    doc.table(["Status", "Antal", "Andel"], _count_rows(figures.problem_areas_by_status, figures.problem_areas),
              widths=[64, 18, 18])
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
            ["Län", "Aktiviteter", "Förändring", "Deltagare", "Kommuner nådda", "Försenade åtaganden"],
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
            doc.paragraph("Hela landet räknar också Brås egna poster, så summan kan vara större än länens.", "note")
    return doc


# --- writing -----------------------------------------------------------------------------------------


def write_pdf_report(
    figures: YearFigures,
    path: Path,
    *,
    producer_name: str,
    created_at: datetime | None = None,
    overview: list[YearFigures] | None = None,
) -> Path:
    """Write the year's report to `path` (A4 PDF, Swedish) and return `path`.

    `producer_name` is whose register it is ("Länsstyrelsen i Stockholms län"); `created_at` the
    time on the title page (default now); `overview` adds a table with a row per county (Brå's report).
    """
    _gui_application()

    created = created_at or datetime.now()
    created_day = (created.astimezone() if created.tzinfo else created).date()
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")

    family = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    page_width, page_height = PAGE_MM[0] * MM, PAGE_MM[1] * MM
    title = f"Årsrapport {figures.year} · {figures.scope_name}"

    writer = QPdfWriter(str(temporary))
    try:
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0)))
        writer.setTitle(title)
        writer.setCreator(f"bra-desktop {__version__}")

        body = _body(figures, created_day, overview, PAGE_MM[0] - MARGIN_MM[0] - MARGIN_MM[2])
        images = {name: _chart_image(bars, body.width_mm, family) for name, bars in body.images.items()}
        document = _laid_out(body, images, writer, family)
        pages = 1 + document.pageCount()

        painter = QPainter()
        if not painter.begin(writer):
            raise RegisterError(f"Det går inte att skriva rapporten till {path}.", f"Cannot write the report to {path}.")
        try:
            _title_page(painter, figures, producer_name, created_day, family, page_width, page_height)
            for index in range(document.pageCount()):
                writer.newPage()
                painter.save()
                painter.translate(0, -index * page_height)
                document.drawContents(painter, QRectF(0, index * page_height, page_width, page_height))
                painter.restore()
                _header_and_footer(painter, title, producer_name, index + 2, pages, family, page_width, page_height)
        finally:
            painter.end()
        del writer
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def _laid_out(body: _Html, images: dict, writer, family: str):  # -> QTextDocument
    """The body laid out on A4 pages, no heading left at the foot of a page (Qt has no keep-with-next).

    A heading that ends less than 30 mm above the bottom margin gets a page break before it, and the
    document is laid out afresh (changing the block format of a laid-out document leaves blocks
    after it without lines).
    """

    page_height = PAGE_MM[1] * MM
    foot = page_height - MARGIN_MM[3] * MM
    breaks: set[int] = set()
    while True:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)
        font = QFont(family)
        font.setPointSizeF(10)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(_CSS)
        document.setPageSize(QSizeF(PAGE_MM[0] * MM, page_height))
        for name, image in images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), image)
        document.setHtml(body.text(breaks))
        frame = document.rootFrame().frameFormat()  # margins on every page, as QTextDocument.print does
        frame.setLeftMargin(_px(MARGIN_MM[0]))
        frame.setTopMargin(_px(MARGIN_MM[1]))
        frame.setRightMargin(_px(MARGIN_MM[2]))
        frame.setBottomMargin(_px(MARGIN_MM[3]))
        document.rootFrame().setFrameFormat(frame)
        layout = document.documentLayout()
        block, heading, moved = document.begin(), -1, False
        while block.isValid() and not moved:
            if block.blockFormat().headingLevel() > 0:
                heading += 1
                bottom = layout.blockBoundingRect(block).bottom()
                if heading not in breaks and foot - bottom % page_height < 30 * MM:
                    breaks.add(heading)
                    moved = True
            block = block.next()
        if not moved:
            return document


def _font(family: str, points: float, *, bold: bool = False):  # -> QFont

    font = QFont(family)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _title_page(painter, figures: YearFigures, producer_name: str, created: date, family: str,
                width: float, height: float) -> None:

    left = MARGIN_MM[0] * MM
    text_width = width - left - MARGIN_MM[2] * MM
    painter.fillRect(QRectF(0, 0, width, 95 * MM), QColor(COLOUR))
    painter.setPen(QColor("white"))
    painter.setFont(_font(family, 12))
    painter.drawText(QRectF(left, 30 * MM, text_width, 10 * MM), int(Qt.AlignmentFlag.AlignLeft),
                     "Brottsförebyggande nätverksarbete")
    painter.setFont(_font(family, 34, bold=True))
    painter.drawText(QRectF(left, 42 * MM, text_width, 20 * MM), int(Qt.AlignmentFlag.AlignLeft),
                     f"Årsrapport {figures.year}")
    painter.setFont(_font(family, 18))
    painter.drawText(QRectF(left, 66 * MM, text_width, 12 * MM), int(Qt.AlignmentFlag.AlignLeft), figures.scope_name)

    painter.setPen(QColor("#222222"))
    painter.setFont(_font(family, 13, bold=True))
    painter.drawText(QRectF(left, 112 * MM, text_width, 10 * MM), int(Qt.AlignmentFlag.AlignLeft), producer_name)
    painter.setFont(_font(family, 11))
    painter.setPen(QColor(GREY))
    painter.drawText(QRectF(left, 122 * MM, text_width, 10 * MM), int(Qt.AlignmentFlag.AlignLeft),
                     f"Skapad {long_date(created)}")

    tiles = [
        ("Aktiviteter", number(figures.activities),
         _vs(figures.activities, figures.activities_previous_year, figures.year - 1)),
        ("Deltagare", number(figures.participants),
         _vs(figures.participants, figures.participants_previous_year, figures.year - 1)),
        ("Kommuner nådda", f"{number(len(figures.municipalities_reached))} av {number(figures.municipalities_total)}", ""),
        ("Försenade åtaganden", number(len(figures.overdue_commitments)), f"av {number(figures.commitments)} åtaganden"),
    ]
    gap = 5 * MM
    tile_width = (text_width - gap) / 2
    for index, (caption, value, note) in enumerate(tiles):
        x = left + (index % 2) * (tile_width + gap)
        y = 150 * MM + (index // 2) * 38 * MM
        painter.fillRect(QRectF(x, y, tile_width, 33 * MM), QColor(LIGHT))
        painter.setPen(QColor(GREY))
        painter.setFont(_font(family, 10, bold=True))
        painter.drawText(QRectF(x + 5 * MM, y + 4 * MM, tile_width - 10 * MM, 7 * MM), int(Qt.AlignmentFlag.AlignLeft), caption)
        painter.setPen(QColor(COLOUR))
        painter.setFont(_font(family, 24, bold=True))
        painter.drawText(QRectF(x + 5 * MM, y + 11 * MM, tile_width - 10 * MM, 13 * MM), int(Qt.AlignmentFlag.AlignLeft), value)
        painter.setPen(QColor(GREY))
        painter.setFont(_font(family, 9))
        painter.drawText(QRectF(x + 5 * MM, y + 25 * MM, tile_width - 10 * MM, 6 * MM), int(Qt.AlignmentFlag.AlignLeft), note)

    painter.setFont(_font(family, 8.5))
    painter.drawText(QRectF(left, height - 30 * MM, text_width, 12 * MM),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                     f"Siffrorna är hämtade ur registret {long_date(created)} med bra-desktop {__version__}.")


def _vs(now: int, before: int, previous_year: int) -> str:
    change = percent_change(now, before)
    return f"{change} jämfört med {previous_year}" if change else f"{previous_year}: {number(before)}"


def _header_and_footer(painter, title: str, producer_name: str, page: int, pages: int, family: str,
                       width: float, height: float) -> None:

    left, top, right, bottom = (value * MM for value in MARGIN_MM)
    text_width = width - left - right
    painter.setFont(_font(family, 8))
    painter.setPen(QColor(GREY))
    header = QRectF(left, top - 12 * MM, text_width, 6 * MM)
    painter.drawText(header, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), title)
    painter.drawText(header, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), producer_name)
    pen = QPen(QColor("#c8d3dc"))
    pen.setWidthF(0.3 * MM)
    painter.setPen(pen)
    painter.drawLine(QLineF(left, top - 5 * MM, width - right, top - 5 * MM))
    painter.setPen(QColor(GREY))
    footer = QRectF(left, height - bottom + 6 * MM, text_width, 6 * MM)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), f"Sida {page} av {pages}")
