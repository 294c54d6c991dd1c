"""The import wizard's preview: what importing the file would do, before anything is written.

Counts per kind of change; every change with its field-level diff; conflicts to decide per field or
per record (or all at once); the rows that were rejected and the warnings; code-list changes. The
rejected rows and the whole plan can be saved as xlsx files. `import_block` says whether the plan
can be imported now and, if not, why, so the wizard's Import button never fails silently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bra_desktop.bundle.plan import INCOMING, LOCAL, Action, Choice, ImportPlan
from bra_desktop.bundle.report import plan_summary, save_plan_report, save_rejected_rows
from bra_desktop.domain.fields import KINDS
from bra_desktop.domain.producer import owner_name
from bra_desktop.store import queries
from bra_desktop.ui.bundle.plan_model import (
    BASE_COLUMN, CHOICE_COLUMN, INCOMING_COLUMN, LOCAL_COLUMN, NOTES_COLUMN, TITLE, PlanTreeModel, action_heading,
)
from bra_desktop.ui.item_views import for_keyboard
from bra_desktop.ui.plain_text import plain_items, plain_label
from bra_desktop.ui.service import RegisterService

EXPAND_RECORDS_UP_TO = 100
"""A plan with at most this many changed records opens with every field diff showing."""


class DiffDetails(QWidget):
    """The chosen row of the tree in full: a field's three values side by side, wrapped, or a record's notes.

    The tree's cells cut long text (a description, a title); here nothing is cut.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = plain_label("", self)
        self.values: dict[int, QPlainTextEdit] = {}
        row = QHBoxLayout()
        for column in (LOCAL_COLUMN, INCOMING_COLUMN, BASE_COLUMN):
            box = QVBoxLayout()
            label = QLabel(self)
            label.setObjectName(f"details_label_{column}")
            text = QPlainTextEdit(self)
            text.setReadOnly(True)
            label.setBuddy(text)  # a screen reader names the text by its label
            box.addWidget(label)
            box.addWidget(text, 1)
            row.addLayout(box, 1)
            self.values[column] = text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)
        self.show_row(QModelIndex())

    def show_row(self, index: QModelIndex) -> None:
        model = index.model()
        field_row = isinstance(model, PlanTreeModel) and model.field_at(index) is not None
        for column, text in self.values.items():
            label = self.findChild(QLabel, f"details_label_{column}")
            label.setText(model.headerData(column, Qt.Orientation.Horizontal) if field_row else "")
            text.setPlainText(index.siblingAtColumn(column).data() or "" if field_row else "")
            text.setVisible(field_row)
        if not index.isValid():
            self.heading.setText(self.tr("Markera en rad för att se hela texten."))
            return
        record = model.record_at(index) if isinstance(model, PlanTreeModel) else None
        parts = [index.siblingAtColumn(TITLE).data() or ""]
        if record is not None and not field_row:
            parts.append(index.siblingAtColumn(NOTES_COLUMN).data() or "")
        if field_row:
            parts.append(index.siblingAtColumn(CHOICE_COLUMN).data() or "")
        self.heading.setText(" – ".join(part for part in parts if part))


class PreviewPage(QWidget):
    """Shows one `ImportPlan` and lets a person decide its conflicts."""

    sig_state_changed = Signal()
    """Whether the plan can be imported may have changed (a conflict was decided)."""

    def __init__(self, service: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.plan: ImportPlan | None = None
        self.model: PlanTreeModel | None = None

        self.heading = plain_label("", self)
        self.signer = plain_label("", self)
        self.signer.setObjectName("signer")
        self.already = plain_label("", self)
        self.already.setStyleSheet("font-weight: bold")
        self.trust_box = QCheckBox(self)
        self.trust_box.setObjectName("trust_sender")
        self.edited_box = QCheckBox(self.tr("Läs in filen fast den är ändrad efter signering: ändringar tas bara för "
                                            "registrets egna poster och nya rader"), self)
        self.edited_box.setObjectName("accept_edited")
        self.mass_box = QCheckBox(self)
        self.mass_box.setObjectName("allow_mass_delete")
        for box, flag in ((self.trust_box, "trust_confirmed"), (self.edited_box, "edits_accepted"),
                          (self.mass_box, "allow_mass_delete")):
            box.toggled.connect(lambda checked, flag=flag: self._confirm(flag, checked))
        self.counts = QGridLayout()
        self.counts.setHorizontalSpacing(18)
        self.count_labels: dict[Action, QLabel] = {}
        for n, action in enumerate(Action):
            number = QLabel(self)
            number.setObjectName(f"count_{action.value}")
            self.counts.addWidget(QLabel(f"{action_heading(action, service.language)}:", self), n // 4, (n % 4) * 2)
            self.counts.addWidget(number, n // 4, (n % 4) * 2 + 1)
            self.count_labels[action] = number
        self.counts.setColumnStretch(7, 1)

        self.tree = QTreeView(self)
        self.tree.setObjectName("plan_tree")
        for_keyboard(self.tree, self.tr("Ändringar"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.keep_button = QPushButton(self.tr("Behåll min"), self)
        self.take_button = QPushButton(self.tr("Ta filens"), self)
        self.keep_all_button = QPushButton(self.tr("Alla: behåll mina"), self)
        self.take_all_button = QPushButton(self.tr("Alla: ta filens"), self)
        for button, tip in (
            (self.keep_button, self.tr("Behåll din version av det markerade fältet, eller av hela den markerade posten")),
            (self.take_button, self.tr("Ta filens version av det markerade fältet, eller av hela den markerade posten")),
            (self.keep_all_button, self.tr("Behåll din version i alla konflikter")),
            (self.take_all_button, self.tr("Ta filens version i alla konflikter")),
        ):
            button.setToolTip(tip)
        self.keep_button.clicked.connect(lambda: self._decide_selected(LOCAL))
        self.take_button.clicked.connect(lambda: self._decide_selected(INCOMING))
        self.keep_all_button.clicked.connect(lambda: self._decide_all(LOCAL))
        self.take_all_button.clicked.connect(lambda: self._decide_all(INCOMING))
        self.decisions = QWidget(self)
        decisions = QHBoxLayout(self.decisions)
        decisions.setContentsMargins(0, 0, 0, 0)
        decisions.addWidget(QLabel(self.tr("Markerad rad:"), self.decisions))
        decisions.addWidget(self.keep_button)
        decisions.addWidget(self.take_button)
        decisions.addStretch(1)
        decisions.addWidget(QLabel(self.tr("Alla konflikter:"), self.decisions))
        decisions.addWidget(self.keep_all_button)
        decisions.addWidget(self.take_all_button)
        self.details = DiffDetails(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 1)
        split.setSizes([380, 130])
        split.setChildrenCollapsible(False)
        changes = QWidget(self)
        changes_layout = QVBoxLayout(changes)
        changes_layout.addWidget(split, 1)
        changes_layout.addWidget(self.decisions)

        self.problems_model = QStandardItemModel(0, 5, self)
        self.problems_model.setHorizontalHeaderLabels(
            [self.tr("Typ"), self.tr("Flik"), self.tr("Rad"), self.tr("Kolumn"), self.tr("Problem")])
        self.problems = QTableView(self)
        self.problems.setObjectName("problems")
        for_keyboard(self.problems, self.tr("Problem"))
        self.problems.setModel(self.problems_model)
        self.problems.verticalHeader().hide()
        self.problems.setWordWrap(True)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.save_rejected_button = QPushButton(self.tr("Spara avvisade rader…"), self)
        self.save_rejected_button.setToolTip(self.tr(
            "Sparar de avvisade raderna i en Excel-fil med problemet bredvid varje rad, för att rätta och skicka igen"))
        self.save_rejected_button.clicked.connect(self.save_rejected)
        problems = QWidget(self)
        problems_layout = QVBoxLayout(problems)
        problems_layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_rejected_button)
        problems_layout.addLayout(row)

        self.codes_model = QStandardItemModel(self)
        self.codes = for_keyboard(QListView(self), self.tr("Kodlistor"))
        self.codes.setModel(self.codes_model)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(changes, "")
        self.tabs.addTab(problems, "")
        self.tabs.addTab(self.codes, "")

        self.save_report_button = QPushButton(self.tr("Spara rapport…"), self)
        self.save_report_button.setToolTip(self.tr(
            "Sparar hela förhandsgranskningen (ändringar, konflikter och problem) i en Excel-fil"))
        self.save_report_button.clicked.connect(self.save_report)
        self.saved = plain_label("", self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved, 1)
        bottom.addWidget(self.save_report_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.signer)
        layout.addWidget(self.already)
        for box in (self.trust_box, self.edited_box, self.mass_box):
            layout.addWidget(box)
        layout.addLayout(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    # --- showing a plan ---

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        old = self.model
        self.model = PlanTreeModel(
            plan, self.service.language, self,
            title=lambda kind, record_id: self.service.read(queries.record_title, kind, record_id),
            labels=lambda: self.service.read(queries.code_labels, self.service.language,
                                             {spec.code_list for kind in KINDS.values() for spec in kind.fields
                                              if spec.code_list}))
        self.tree.setModel(self.model)
        if old is not None:
            old.deleteLater()
        self.model.sig_decided.connect(self.sig_state_changed)
        self.model.sig_decided.connect(lambda: self._show_decided(plan))
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        summary = plan_summary(plan, self.service.language).splitlines()
        self.heading.setText(summary[0])
        self.signer.setText(summary[1])
        self._show_confirmations(plan)
        self.already.setText(summary[2] if plan.already_imported_at is not None else "")
        self.already.setVisible(plan.already_imported_at is not None)
        self.saved.clear()
        self._show_counts(plan)
        self._show_problems(plan)
        self.codes_model.clear()
        for change in plan.code_changes:
            self.codes_model.appendRow(plain_items(change.describe(self.service.language)))
        changed = sum(self.model.rowCount(self.model.index(g, 0)) for g in range(self.model.rowCount()))
        problems = self.problems_model.rowCount()
        self.tabs.setTabText(0, self.tr("Ändringar (%1)").replace("%1", str(changed)))
        self.tabs.setTabText(1, self.tr("Problem (%1)").replace("%1", str(problems)))
        self.tabs.setTabText(2, self.tr("Kodlistor (%1)").replace("%1", str(len(plan.code_changes))))
        self.tabs.setTabEnabled(2, bool(plan.code_changes))
        self.tabs.setCurrentIndex(1 if not changed and problems else 0)
        self.save_rejected_button.setEnabled(bool(plan.rejected))
        decidable = bool(plan.conflicts) or any(record.missing for record in plan.records)
        self.decisions.setVisible(decidable and plan.already_imported_at is None)
        self._lay_out_tree(changed)
        self._current_changed()

    def _show_decided(self, plan: ImportPlan) -> None:
        """A record kept is no longer deleted: the counts, and whether a mass delete is asked about, follow."""
        self._show_counts(plan)
        self._show_confirmations(plan)

    def _show_confirmations(self, plan: ImportPlan) -> None:
        """A box for each thing a person must confirm before this plan is applied (`needs_confirmation`)."""
        sender, open_ = plan.sender, plan.already_imported_at is None
        self.trust_box.setText(self.tr("Jag har jämfört nyckelns fingeravtryck %1 med %2 (till exempel per telefon) och "
                                       "litar på avsändaren").replace("%1", sender.fingerprint).replace("%2", sender.name))
        deletes = "; ".join(self.tr("%1 av %2 poster från %3").replace("%1", str(count)).replace("%2", str(total))
                            .replace("%3", owner_name(owner)) for owner, (count, total) in plan.mass_delete.items())
        self.mass_box.setText(self.tr("Ja, importen ska ta bort %1").replace("%1", deletes))
        for box, needed, confirmed in ((self.trust_box, sender.first_contact, plan.trust_confirmed),
                                       (self.edited_box, sender.edited, plan.edits_accepted),
                                       (self.mass_box, bool(plan.mass_delete), plan.allow_mass_delete)):
            box.blockSignals(True)
            box.setChecked(confirmed)
            box.blockSignals(False)
            box.setVisible(open_ and needed)

    def _confirm(self, flag: str, checked: bool) -> None:
        if self.plan is not None:
            setattr(self.plan, flag, checked)
            self.sig_state_changed.emit()

    def forget_plan(self) -> None:
        """Let go of the plan shown (the wizard is closing): the tree and its model hold it too."""
        self.tree.setModel(None)
        if self.model is not None:
            self.model.deleteLater()
        self.model = None
        self.plan = None

    def _show_counts(self, plan: ImportPlan) -> None:
        counts = plan.counts()
        for action, number in self.count_labels.items():
            number.setText(str(counts[action]))
            number.setStyleSheet("font-weight: bold" if counts[action] and action in (Action.CONFLICT, Action.REJECTED) else "")

    def _show_problems(self, plan: ImportPlan) -> None:
        self.problems_model.removeRows(0, self.problems_model.rowCount())
        rejected = self.tr("Avvisad rad")
        warning = self.tr("Varning")
        for row in plan.rejected:
            for problem in row.problems:
                self.problems_model.appendRow(plain_items(rejected, problem.sheet or "", _number(problem.row),
                                                     problem.column or "", problem.message))
        for problem in plan.warnings:
            self.problems_model.appendRow(plain_items(warning, problem.sheet or "", _number(problem.row),
                                                 problem.column or "", problem.message))
        self.problems.resizeColumnsToContents()

    def _lay_out_tree(self, changed: int) -> None:
        assert self.model is not None
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (LOCAL_COLUMN, INCOMING_COLUMN, BASE_COLUMN):  # the values share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in ((TITLE, 300), (CHOICE_COLUMN, 110), (NOTES_COLUMN, 170)):
            header.resizeSection(column, width)
        for g in range(self.model.rowCount()):
            group = self.model.index(g, 0)
            self.tree.expand(group)
            if changed <= EXPAND_RECORDS_UP_TO or group == self.model.group_index(Action.CONFLICT):
                for r in range(self.model.rowCount(group)):
                    self.tree.expand(self.model.index(r, 0, group))
        conflicts = self.model.group_index(Action.CONFLICT)
        if conflicts.isValid():  # start on the first conflicting field, its values in full below
            first = self.model.index(0, 0, conflicts)
            fields = (self.model.index(r, 0, first) for r in range(self.model.rowCount(first)))
            self.tree.setCurrentIndex(next((i for i in fields if self.model.can_decide(i)), first))

    # --- conflicts ---

    def _current_changed(self, *_: QModelIndex) -> None:
        current = self.tree.currentIndex()
        self.details.show_row(current)
        decidable = self.model is not None and self.model.can_decide(current)
        self.keep_button.setEnabled(decidable)
        self.take_button.setEnabled(decidable)

    def _decide_selected(self, choice: Choice) -> None:
        if self.model is not None:
            self.model.decide(self.tree.currentIndex(), choice)
            self.details.show_row(self.tree.currentIndex())

    def _decide_all(self, choice: Choice) -> None:
        if self.model is not None:
            self.model.decide_all(choice)

    def import_block(self) -> str | None:
        """Why the plan cannot be imported now, or None if it can."""
        plan = self.plan
        if plan is None:
            return self.tr("Ingen fil är inläst.")
        if plan.already_imported_at is not None:
            return self.tr("Paketet är redan inläst; det finns inget att importera.")
        if not plan.has_records and not plan.code_changes and plan.rejected:
            return self.tr("Ingen rad i filen kunde läsas in. Spara de avvisade raderna, rätta dem och läs in filen igen.")
        undecided = len(plan.undecided)
        if undecided:
            return (self.tr("1 konflikt är inte avgjord.") if undecided == 1 else
                    self.tr("%1 konflikter är inte avgjorda.").replace("%1", str(undecided))) + " " + self.tr(
                "Markera en konflikt och välj Behåll min eller Ta filens, eller välj för alla konflikter på en gång.")
        if plan.needs_confirmation:
            return self.tr("Bekräfta först:") + " " + " ".join(ask.message(self.service.language)
                                                               for ask in plan.needs_confirmation)
        return None

    # --- saving ---

    def _ask_path(self, title: str, name: str) -> Path | None:
        assert self.plan is not None
        default = self.plan.contents.path.with_name(name)
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(default), self.tr("Excel-filer (*.xlsx)"))
        return Path(chosen) if chosen else None

    def save_rejected(self) -> None:
        assert self.plan is not None
        path = self._ask_path(self.tr("Spara avvisade rader"), f"avvisade_{self.plan.contents.path.stem}.xlsx")
        if path is not None:
            self._save(lambda: save_rejected_rows(self.plan.rejected, path))

    def save_report(self) -> None:
        assert self.plan is not None
        path = self._ask_path(self.tr("Spara rapport"), f"rapport_{self.plan.contents.path.stem}.xlsx")
        if path is not None:
            self._save(lambda: save_plan_report(self.plan, path))

    def _save(self, write: Callable[[], Path]) -> None:
        """Write a small xlsx here on the UI thread (it holds the plan only, no register), with a busy cursor."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            saved = write()
        except OSError as error:
            self.saved.setText(self.tr("Det gick inte att spara: %1").replace("%1", str(error)))
        else:
            self.saved.setText(self.tr("Sparat: %1").replace("%1", str(saved)))
        finally:
            QGuiApplication.restoreOverrideCursor()


def _number(value: int | None) -> str:
    return "" if value is None else str(value)
