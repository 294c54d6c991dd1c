"""The overview's bar charts (QtCharts): counts by category, one or more sets side by side, and a
click on a bar to show the records it counts.

A screen reader cannot read bars: each chart carries its title as its accessible name and what it
shows, bar by bar, as its description. A chart with nothing to count says so in words.

QtCharts lays out titles, category labels and set names as HTML, and the categories are names of
networks and labels of codes, which come in bundles: they go to the chart escaped (`chart_text`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolTip, QWidget

from bra_desktop.ui.numbers import number
from bra_desktop.ui.plain_text import EMPTY_STYLE, chart_text, plain_tooltip

BAR_HEIGHT = 22
"""Pixels per category of a horizontal chart: less, and Qt elides the category labels to "..."."""

LABEL_CHARS = 30
"""Category labels longer than this are shortened (the whole label shows on hover)."""


@dataclass(frozen=True)
class BarSet:
    """One row of bars: its name (shown in the legend when there are several) and colour."""

    name: str
    values: Sequence[int]
    colour: str


class BarChart(QChartView):
    """A bar chart of counts (vertical or horizontal). A click on a bar emits its set and key."""

    sig_bar_clicked = Signal(int, str)
    """(index of the bar set, key of the category) of a clicked bar; not for the "Övriga" bar."""

    def __init__(self, title: str, *, horizontal: bool, parent: QWidget | None = None) -> None:
        chart = QChart()
        super().__init__(chart, parent)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(250)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = title
        chart.setTitle(chart_text(title))
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._keys: list[str | None] = []
        self._labels: list[str] = []
        self._sets: list[BarSet] = []
        self.empty_label = QLabel(self.tr("Inget att visa."), self)
        self.empty_label.setObjectName("empty_chart")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.setStyleSheet(EMPTY_STYLE)
        self.empty_label.hide()
        self.setAccessibleName(title)

    def bars(self) -> list[tuple[str, tuple[int, ...]]]:
        """What is drawn, top to bottom / left to right: (category label, value of each set)."""
        rows = [(label, tuple(bar_set.values[i] for bar_set in self._sets)) for i, label in enumerate(self._labels)]
        return rows[::-1] if self.horizontal else rows

    def sets(self) -> list[BarSet]:
        return list(self._sets)

    def click_bar(self, label: str, set_index: int = 0) -> None:
        """Act as if the bar of category `label` was clicked (for tests and keyboard users)."""
        index = self._labels.index(label)
        series = self.chart().series()[0]
        assert isinstance(series, QAbstractBarSeries)
        series.barSets()[set_index].clicked.emit(index)

    def summary(self) -> str:
        """What the chart shows, in words: each category with its value (per set, when several),
        leaving out those with nothing, as a reader of the bars would."""
        if self.empty_label.isVisibleTo(self):
            return self.empty_label.text()
        several = len(self._sets) > 1
        return "; ".join(
            f"{label.rstrip(chr(0x200B))}: " + ", ".join(
                f"{bar_set.name} {number(value)}" if several else number(value) for bar_set, value in zip(self._sets, values))
            for label, values in self.bars() if any(values))

    def show_bars(self, categories: Sequence[tuple[str | None, str]], sets: Sequence[BarSet], *, note: str = "") -> None:
        """Draw `categories` (key, label; key None for a bar that cannot be clicked) with `sets`;
        `note` follows the title. When every value is 0, the chart says "Inget att visa." instead."""
        chart = self.chart()
        title = f"{self.title} {note}" if note else self.title
        chart.setTitle(chart_text(title))
        self.setAccessibleName(title)
        nothing = not any(value for bar_set in sets for value in bar_set.values)
        self.empty_label.setVisible(nothing)
        if self.horizontal:
            self.setMinimumHeight(max(200, 80 + BAR_HEIGHT * len(categories)))
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        if nothing:
            self._keys, self._labels, self._sets = [], [], []
            chart.legend().setVisible(False)
            self.setAccessibleDescription(self.summary())
            return
        order = list(range(len(categories)))
        if self.horizontal:
            order.reverse()  # Qt draws the first category at the bottom: the first should be on top
        self._keys = [categories[i][0] for i in order]
        self._labels = _unique_labels([categories[i][1] for i in order])
        self._sets = [BarSet(s.name, [s.values[i] for i in order], s.colour) for s in sets]

        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        for set_index, item in enumerate(self._sets):
            bar_set = QBarSet(chart_text(item.name))
            bar_set.append([float(value) for value in item.values])
            bar_set.setColor(QColor(item.colour))
            bar_set.setBorderColor(QColor(item.colour))
            bar_set.setLabelColor(QColor("#333333"))
            bar_set.clicked.connect(lambda index, set_index=set_index: self._clicked(set_index, index))
            bar_set.hovered.connect(lambda over, index, set_index=set_index: self._hovered(over, set_index, index))
            series.append(bar_set)
        series.setBarWidth(0.75 if len(self._sets) > 1 else 0.6)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(12)
        chart.addSeries(series)

        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        category_axis = QBarCategoryAxis()
        category_axis.append([chart_text(label) for label in _shortened(self._labels)])
        category_axis.setLabelsFont(small)
        category_axis.setGridLineVisible(False)
        value_axis = QValueAxis()
        top = max((max(s.values, default=0) for s in self._sets), default=0)
        step = _nice_step(top)
        value_axis.setRange(0, step * (int(top * 1.15 / step) + 1))
        value_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        value_axis.setTickAnchor(0)
        value_axis.setTickInterval(step)
        value_axis.setLabelFormat("%d")
        value_axis.setLabelsFont(small)
        value_axis.setGridLineColor(QColor("#e3e3e3"))
        chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft if self.horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if self.horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
        chart.legend().setVisible(len(self._sets) > 1)
        self.setAccessibleDescription(self.summary())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.empty_label.setGeometry(self.rect())

    def _clicked(self, set_index: int, index: int) -> None:
        key = self._keys[index] if 0 <= index < len(self._keys) else None
        if key is not None:
            self.sig_bar_clicked.emit(set_index, key)

    def _hovered(self, over: bool, set_index: int, index: int) -> None:
        if not over or not 0 <= index < len(self._labels):
            QToolTip.hideText()
            self.viewport().unsetCursor()
            return
        bar_set = self._sets[set_index]
        name = f"{bar_set.name}: " if len(self._sets) > 1 else ""
        text = f"{self._labels[index].strip(chr(0x200B))}\n{name}{bar_set.values[index]}"
        QToolTip.showText(QCursor.pos(), plain_tooltip(text), self)
        if self._keys[index] is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)


def _end_cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _middle_cut(text: str) -> str:
    """The start and the end, for labels that differ only at the end ("Operativt nätverk för …")."""
    if len(text) <= LABEL_CHARS:
        return text
    head = LABEL_CHARS // 3
    return text[:head].rstrip() + "…" + text[-(LABEL_CHARS - head - 1):].lstrip()


def _shortened(labels: list[str]) -> list[str]:
    """The labels as the axis shows them, at most `LABEL_CHARS` each: cut at the end, or in the
    middle where a label begins as another does for half that length, since a narrow axis elides
    further and both would read "Operativt nätverk för …". Invisible suffixes (`_unique_labels`)
    stay, so the axis's categories stay distinct."""
    texts = [label.rstrip("\u200b") for label in labels]
    alike = LABEL_CHARS // 2
    starts = Counter(text[:alike] for text in set(texts) if len(text) > LABEL_CHARS)
    return [(_middle_cut(text) if len(text) > LABEL_CHARS and starts[text[:alike]] > 1 else _end_cut(text))
            + label[len(text):] for label, text in zip(labels, texts)]


def _unique_labels(labels: list[str]) -> list[str]:
    """Category axes need distinct labels: a label that repeats another gets an invisible suffix."""
    seen: set[str] = set()
    unique = []
    for label in labels:
        candidate = label
        while candidate in seen:
            candidate += "\u200b"
        seen.add(candidate)
        unique.append(candidate)
    return unique


def _nice_step(top: int) -> int:
    """A round tick interval giving about four ticks up to `top`."""
    rough = max(top / 4, 1)
    magnitude = 10 ** (len(str(int(rough))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= rough:
            return factor * magnitude
    return 10 * magnitude
