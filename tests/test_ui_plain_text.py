"""Text from the register is shown as text, never as markup, in every view that shows it.

A title, a name or a code-list label can come in a bundle from a stranger. If Qt took one that looks
like HTML for HTML, `<img src="\\\\server\\share\\x.png">` would make the app load that path when it is
shown or hovered (on Windows: an SMB connection that hands over the user's credentials). Here a
register is filled with records full of markup and every view that shows them is opened: what each
shows must be the markup as text, with nothing laid out as HTML.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGraphicsTextItem, QLabel, QMessageBox, QToolTip, QWidget
from sqlalchemy import select

from bra_desktop.bundle.export import export_bundle
from bra_desktop.bundle.importer import prepare_import
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.models import CodeItem
from bra_desktop.reports.municipalities import IN_PLACE, LawSummary
from bra_desktop.reports.national import CountyStatus
from bra_desktop.ui.bar_chart import BarChart
from bra_desktop.ui.bundle.preview_page import PreviewPage
from bra_desktop.ui.commands import DeleteRecordCommand, command_failures, quoted_title
from bra_desktop.ui.dashboard import DashboardSection
from bra_desktop.ui.forms import RecordFormDialog, confirm_and_delete
from bra_desktop.ui.forms.choice_editors import ChecklistEditor
from bra_desktop.ui.main_window import SECTIONS, MainWindow
from bra_desktop.ui.national_overview import NationalOverview
from bra_desktop.ui.plain_text import chart_text, plain_tooltip
from bra_desktop.ui.record_section import RecordSection

from conftest import add

TODAY = date(2026, 6, 15)

TITLE = ('<img src="file:///nonexistent/x.png"> Träff med <b>fet</b> &amp; '
         '<a href="http://example.invalid">länk</a>')
DESCRIPTION = '<i>kursiv</i> i två rader\nrad två &amp; <img src="file:///nonexistent/y.png">  slut'
NETWORK = '<b>fet</b> <img src="n.png">'
"""Short enough to be a chart's category label in full."""
ORGANISATION = '<a href="http://example.invalid">länk</a> &amp; co'
COMMITMENT = '<img src="file:///nonexistent/z.png"> Lägesbild'
PROBLEM = "<b>fet</b> problem"
CODE_LABEL = "<u>Nätverksträff</u>"
ORDINARY = "Vanlig träff i Solna"

MARKUP = (TITLE, DESCRIPTION, NETWORK, ORGANISATION, COMMITMENT, PROBLEM, CODE_LABEL)


def fill(register) -> dict[str, str]:
    """Records whose every text is markup, and one ordinary activity; a code label with markup too
    (code lists come in Brå's bundle)."""
    network = add(register, "network", name=NETWORK, description=DESCRIPTION)
    organisation = add(register, "organisation", name=ORGANISATION, org_type="KOMMUN")
    activity = add(register, "activity", title=TITLE, description=DESCRIPTION, start_date=date(2026, 3, 12),
                   network_id=network.id, organisations=[organisation.id], municipalities=["0184"])
    ordinary = add(register, "activity", title=ORDINARY, start_date=date(2026, 4, 2))
    commitment = add(register, "commitment", title=COMMITMENT, description=DESCRIPTION, due_date=date(2026, 3, 31),
                     network_id=network.id, activities=[activity.id])
    problem = add(register, "problem_area", title=PROBLEM, description=DESCRIPTION, activities=[activity.id],
                  municipalities=["0184"])
    if register.producer == "01":  # a county's own (Brå makes none)
        add(register, "follow_up", municipality_code="0184", year=date.today().year, notes=DESCRIPTION,
            coordination_placement=TITLE)
    with register.session() as session:
        code = session.scalars(select(CodeItem).where(CodeItem.list_name == "aktivitetstyp",
                                                      CodeItem.code == "NATVERKSTRAFF")).one()
        code.label_sv = CODE_LABEL
        session.commit()
    return {"network": network.id, "organisation": organisation.id, "activity": activity.id,
            "ordinary": ordinary.id, "commitment": commitment.id, "problem_area": problem.id}


@pytest.fixture
def hostile(register) -> dict[str, str]:
    return fill(register)


# --- what Qt shows ---------------------------------------------------------------------------------


def shown(text: str | None) -> str:
    """What Qt shows of a string where it guesses the format (a tooltip, a QLabel or QMessageBox left at
    Qt.AutoText): one that looks like HTML is laid out as HTML (an image becomes U+FFFC)."""
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text or ""
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def rich_labels(widget: QWidget) -> list[str]:
    """The texts of the labels in `widget` that Qt lays out as HTML."""
    return [label.text() for label in widget.findChildren(QLabel)
            if label.textFormat() == Qt.TextFormat.RichText
            or label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())]


def label_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def cells(model, parent: QModelIndex = QModelIndex()) -> list[QModelIndex]:
    """Every index of `model`, children too."""
    found = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            found.append(index)
            if column == 0:
                found += cells(model, index)
    return found


def assert_tooltips_show_the_text(indexes: list[QModelIndex]) -> list[str]:
    """Every cell's tooltip, if it has one, shows its text exactly as it is. Returns the texts."""
    texts = []
    for index in indexes:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
        if tooltip:
            assert shown(tooltip) == text, (text, tooltip)
        texts.append(text)
    return texts


def chart_texts(chart: BarChart) -> list[str]:
    """What the chart's title, category labels, legend and bar labels show (QtCharts lays them out as
    HTML, in QGraphicsTextItems)."""
    items = (item.toGraphicsObject() for item in chart.scene().items())
    return [item.toPlainText() for item in items if isinstance(item, QGraphicsTextItem)]


def shows(chart: BarChart, label: str) -> bool:
    """Whether the chart shows `label` as text: whole, or cut short with "..." as QtCharts cuts a label
    that does not fit, its first ten characters still there."""
    return any(text == label or text.endswith("...") and label.startswith(text[:-3]) and label[:10] in text
               for text in chart_texts(chart))


# --- the helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*MARKUP, "a < b > c", "&lt;b&gt; visas så", "  två  mellanslag\noch rad"])
def test_a_tooltip_shows_markup_as_text(qtbot, text):
    assert shown(plain_tooltip(text)) == text
    assert shown(plain_tooltip(text, wrap=True)) == text
    document = QTextDocument()
    document.setHtml(chart_text(text))
    assert document.toPlainText() == " ".join(text.split())  # a chart's text runs together, as HTML does


def test_an_ordinary_tooltip_is_left_as_it_is(qtbot):
    for text in (ORDINARY, "Nätverksträff\nklart senast 2026-03-31 · Pågår", "Barn & unga", ""):
        assert plain_tooltip(text) == text


# --- the views --------------------------------------------------------------------------------------


def test_the_record_tables_show_markup_as_text(qtbot, app_context, service, hostile):
    window = MainWindow(app_context, service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown_texts = []
    for kind in [s.key for s in SECTIONS if s.key in KINDS]:
        window.navigation.setCurrentRow([s.key for s in SECTIONS].index(kind))
        records = window.current_section()
        assert isinstance(records, RecordSection)
        shown_texts += assert_tooltips_show_the_text(cells(records.proxy))
        assert rich_labels(window) == []
    assert {TITLE, NETWORK, ORGANISATION, COMMITMENT, PROBLEM, CODE_LABEL} <= set(shown_texts)
    window.navigation.setCurrentRow([s.key for s in SECTIONS].index("municipalities"))
    municipalities = window.current_section()
    for row in range(municipalities.proxy.rowCount()):  # each municipality's records, in the panel below
        municipalities.table.setCurrentIndex(municipalities.proxy.index(row, 0))
        assert rich_labels(window) == []
        shown_texts += [listing.item(i).text().split("  ", 1)[-1] for listing in municipalities.lists.values()
                        for i in range(listing.count())]
    assert {TITLE, COMMITMENT, PROBLEM} <= set(shown_texts)
    window.navigation.setCurrentRow([s.key for s in SECTIONS].index("activity"))
    ordinary = window.current_section().proxy.index_of(hostile["ordinary"])
    assert ordinary.data(Qt.ItemDataRole.ToolTipRole) == ORDINARY  # ordinary text: the tooltip as it was


def test_the_form_checklists_show_markup_as_text(qtbot, service, hostile):
    texts = []
    for kind in ("activity", "commitment", "problem_area"):
        dialog = RecordFormDialog(service, kind, service.load(kind, hostile[kind]))
        qtbot.addWidget(dialog)
        dialog.show()
        for checklist in dialog.findChildren(ChecklistEditor):
            model = checklist.checklist.model
            texts += assert_tooltips_show_the_text([model.index(row, 0) for row in range(model.rowCount())])
        assert rich_labels(dialog) == []
    assert ORGANISATION in texts and f"2026-03-12  {TITLE}" in texts


def test_delete_asks_with_the_title_as_text(qtbot, service, hostile, stack, monkeypatch):
    asked = []

    def exec_(box: QMessageBox) -> int:
        informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
        asked.append((box.text(), box.textFormat(), informative.textFormat()))
        next(button for button in box.buttons() if button.text() == "Avbryt").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert not confirm_and_delete(None, service, stack, "activity", [hostile["activity"]])
    title = quoted_title(service, "activity", {"title": TITLE})
    assert asked == [(f"Vill du ta bort {title}?", Qt.TextFormat.PlainText, Qt.TextFormat.PlainText)]


def test_a_failed_undo_names_the_record_as_text(qtbot, service, hostile, stack, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *args: said.append(text))
    record = service.load("activity", hostile["activity"])
    stack.push(DeleteRecordCommand(service, "activity", [record.id], command_failures(stack)))
    service.update("activity", record.id, record.content)  # restored elsewhere: the undo cannot be done
    stack.undo()
    (text,) = said
    assert shown(text).startswith(f"Det gick inte att ångra Ta bort aktivitet {quoted_title(service, 'activity', record.content)}: ")


def test_the_dashboard_shows_markup_as_text(qtbot, service, hostile, monkeypatch):
    dashboard = DashboardSection(service, today=TODAY)
    qtbot.addWidget(dashboard)
    dashboard.resize(1300, 900)
    with qtbot.waitSignal(dashboard.sig_refreshed, timeout=10_000):
        dashboard.show()
    assert rich_labels(dashboard) == []

    overdue = dashboard.overdue_list.list
    items = [overdue.item(row) for row in range(overdue.count())]
    assert [item.text() for item in items] == [f"{COMMITMENT}\nklart senast 2026-03-31 · Pågår"]
    assert all(shown(item.toolTip()) == item.text() for item in items)

    by_network, by_type = dashboard.charts["by_network"], dashboard.charts["by_type"]
    assert NETWORK in dict(by_network.bars()) and CODE_LABEL in dict(by_type.bars())
    qtbot.waitUntil(lambda: shows(by_network, NETWORK) and shows(by_type, CODE_LABEL), timeout=5000)
    for chart in dashboard.charts.values():
        assert not [text for text in chart_texts(chart) if "\ufffc" in text]  # no image anywhere

    tips = []
    monkeypatch.setattr(QToolTip, "showText", staticmethod(lambda _at, text, *_args: tips.append(text)))
    bar_set = by_network.chart().series()[0].barSets()[0]
    for index in range(bar_set.count()):
        bar_set.hovered.emit(True, index)
    assert {shown(tip) for tip in tips} == {f"{label}\n{values[0]}" for label, values in by_network.bars()}


def test_bras_table_of_counties_shows_names_as_text(qtbot):
    """(Its tooltips say only when bundles came, so they never held register text; this keeps them text.)"""
    table = NationalOverview()
    qtbot.addWidget(table)
    silent = CountyStatus(code="03", name=PROBLEM, activities=0, open_commitments=0, overdue_commitments=0,
                          new_problem_areas=0, last_bundle_created_at=None, last_bundle_received_at=None,
                          days_since_last_bundle=None, sent_this_year=False,
                          law=LawSummary(municipalities=8, followed_up=0, met=dict.fromkeys(IN_PLACE, 0), supported=0))
    table.show_rows([silent], 2026, TODAY)
    assert table.texts()[0][0] == PROBLEM
    tooltips = {index.data(Qt.ItemDataRole.ToolTipRole) for index in cells(table.proxy)}
    assert {shown(tooltip) for tooltip in tooltips} == {"Inget paket i år"}
    assert rich_labels(table) == []


def test_the_bundle_preview_shows_markup_as_text(qtbot, service, make_register, tmp_path):
    national = make_register("BRA")
    fill(national)
    plan = prepare_import(service.register, export_bundle(national, tmp_path / "bra.xlsx", user="analytiker").path)
    preview = PreviewPage(service)
    qtbot.addWidget(preview)
    preview.show()
    preview.show_plan(plan)
    model = preview.model
    texts = assert_tooltips_show_the_text(cells(model))
    assert f"Aktivitet «{TITLE}»" in texts and DESCRIPTION in texts
    record = next(index for index in cells(model) if index.data() == f"Aktivitet «{TITLE}»")
    preview.tree.setCurrentIndex(record)
    assert preview.details.heading.text().startswith(f"Aktivitet «{TITLE}»")
    assert rich_labels(preview) == []
