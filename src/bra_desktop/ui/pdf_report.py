"""The annual report as a PDF in Swedish: title page, a summary in words, charts and tables. A4.

It lives in `ui` because it renders with Qt, though only with QtGui and no widgets: Qt's PDF writer
(`QPdfWriter`), its rich-text layout (`QTextDocument`: paragraphs, tables, page breaks) and
`QPainter` for the charts give a well-typeset A4 document without another dependency. This module
only draws: what the report says (its words, tables and charts, in order) is
`reports.year_document`, and its figures are `reports.figures`; neither knows Qt. It needs a `QGuiApplication`
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
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLineF, QMarginsF, QRectF, QSizeF, QUrl, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter,
    QPdfWriter, QPen, QTextDocument,
)

from bra_desktop import __version__
from bra_desktop.reports.figures import YearFigures
from bra_desktop.reports.year_document import (
    Bars, Chart, Document, Heading, Paragraph, Table, long_date, number, title_tiles, year_document,
)
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

_app = None
"""The QGuiApplication made here, kept alive for the process."""


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


def _chart_image(chart: Bars, width_mm: float, font_family: str):  # -> QImage
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


def _html(document: Document, width_mm: float, breaks: set[int] = frozenset()) -> str:
    """The document as Qt rich text, with a page break before the headings numbered in `breaks`
    (from 0). Every text is escaped: what the register holds is shown as text, never as markup."""
    out, headings = [], 0
    for block in document.blocks:
        if isinstance(block, Heading):
            new_page = block.new_page or headings in breaks
            style = ' style="page-break-before: always"' if new_page else ""
            out.append(f"<h{block.level}{style}>{_e(block.text)}</h{block.level}>")
            headings += 1
        elif isinstance(block, Paragraph):
            attribute = ' class="note"' if block.note else ""
            out.append(f'<p{attribute} style="line-height: 130%">{_e(block.text)}</p>')
        elif isinstance(block, Chart):
            out.append(f'<p class="chart" style="line-height: 100%">'
                       f'<img width="{_px(width_mm):.0f}" src="chart:{_e(block.name)}"></p>')
        else:
            out.append(_table(block))
    return "".join(out)


def _table(table: Table) -> str:
    """A table with a header row; columns from `numeric_from` on are right-aligned."""

    def cells(values: Sequence[str], tag: str, background: str | None, bold: bool = False) -> str:
        out = []
        for column, value in enumerate(values):
            align = "right" if column >= table.numeric_from else "left"
            width = f' width="{table.widths[column]}%"' if table.widths else ""
            colour = f' bgcolor="{background}"' if background else ""
            text = _e(value).replace("\n", "<br>") or "&nbsp;"  # an empty last cell loses the margin below
            weight = ' style="font-weight: bold"' if bold else ""
            out.append(f'<{tag} align="{align}"{width}{colour}{weight}>{text}</{tag}>')
        return "<tr>" + "".join(out) + "</tr>"

    body = [cells(table.header, "th", COLOUR)]
    for index, row in enumerate(table.rows):
        body.append(cells(row, "td", LIGHT if index % 2 else None))
    if table.total is not None:
        body.append(cells(table.total, "td", "#d5e1ea", bold=True))
    return (f'<table width="100%" cellspacing="0" cellpadding="{_px(1.2):.0f}">'
            f"<thead>{body[0]}</thead>{''.join(body[1:])}</table>")


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
    title = f"Redovisning {figures.year} · {figures.scope_name}"

    writer = QPdfWriter(str(temporary))
    try:
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0)))
        writer.setTitle(title)
        writer.setCreator(f"bra-desktop {__version__}")

        body, width_mm = year_document(figures, created_day, overview), PAGE_MM[0] - MARGIN_MM[0] - MARGIN_MM[2]
        images = {block.name: _chart_image(block.bars, width_mm, family)
                  for block in body.blocks if isinstance(block, Chart)}
        document = _laid_out(body, width_mm, images, writer, family)
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


def _laid_out(body: Document, width_mm: float, images: dict, writer, family: str):  # -> QTextDocument
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
        document.setHtml(_html(body, width_mm, breaks))
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
                     "Regional samordning av brottsförebyggande arbete")
    painter.setFont(_font(family, 34, bold=True))
    painter.drawText(QRectF(left, 42 * MM, text_width, 20 * MM), int(Qt.AlignmentFlag.AlignLeft),
                     f"Redovisning {figures.year}")
    painter.setFont(_font(family, 18))
    painter.drawText(QRectF(left, 66 * MM, text_width, 12 * MM), int(Qt.AlignmentFlag.AlignLeft), figures.scope_name)

    painter.setPen(QColor("#222222"))
    painter.setFont(_font(family, 13, bold=True))
    painter.drawText(QRectF(left, 112 * MM, text_width, 10 * MM), int(Qt.AlignmentFlag.AlignLeft), producer_name)
    painter.setFont(_font(family, 11))
    painter.setPen(QColor(GREY))
    painter.drawText(QRectF(left, 122 * MM, text_width, 10 * MM), int(Qt.AlignmentFlag.AlignLeft),
                     f"Skapad {long_date(created)}")

    tiles = title_tiles(figures)
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
