"""Suggested pairs: choose how much each criterion counts, see every pair with its points, lock the ones
to keep, run again, ask why two people were not paired, and accept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.collation import sorted_by_name
from westem_desktop.core.matching import CRITERIA, Level, SuggestionResult, suggest, why_not
from westem_desktop.core.pairs import apply_suggestions
from westem_desktop.core.programmes import set_matching_levels
from westem_desktop.core.views.matches import suggestion_inputs
from westem_desktop.i18n import N_, _, ngettext
from westem_desktop.ui.actions import ActionRunner, Change

LEVEL_LABELS = {
    Level.MUST: N_("Must have"),
    Level.HIGH: N_("High"),
    Level.MEDIUM: N_("Medium"),
    Level.LOW: N_("Low"),
    Level.OFF: N_("Off"),
}


class SuggestionsDialog(QDialog):
    def __init__(self, actions: ActionRunner, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsDialog")
        self.setWindowTitle(_("Suggest pairs"))
        self.resize(980, 640)
        self.actions, self.db, self.programme_id = actions, actions.db, programme_id
        self.applied = False
        levels, self.mentees, self.mentors, self.excluded, self.names = suggestion_inputs(self.db, programme_id)
        self.result = SuggestionResult()

        criteria_box = QGroupBox(_("How much each criterion counts"), self)
        grid = QGridLayout(criteria_box)
        self.level_boxes: dict[str, QComboBox] = {}
        for n, (criterion, text) in enumerate(CRITERIA.items()):
            combo = QComboBox(criteria_box)
            combo.setObjectName(f"level_{criterion}")
            for level, level_text in LEVEL_LABELS.items():
                combo.addItem(_(level_text), level.value)
            combo.setCurrentIndex(combo.findData(levels[criterion].value))
            criterion_label = QLabel(_(text), criteria_box)
            criterion_label.setBuddy(combo)
            grid.addWidget(criterion_label, n // 2, (n % 2) * 2)
            grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
            self.level_boxes[criterion] = combo
        self.run_button = QPushButton(_("Suggest"), self)
        self.run_button.setObjectName("runSuggestions")
        self.run_button.clicked.connect(self.run)

        self.table = QTableWidget(self)
        self.table.setObjectName("suggestions")
        self.table.setAccessibleName(_("Suggested pairs"))
        self.table.setColumnCount(5)
        self.table.setHorizontalHeaderLabels([_("Keep"), _("Mentee"), _("Mentor"), _("Points"), _("Why")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("suggestionSummary")
        self.summary.setWordWrap(True)

        self.why_mentee = QComboBox(self)
        self.why_mentee.setObjectName("whyMentee")
        self.why_mentor = QComboBox(self)
        self.why_mentor.setObjectName("whyMentor")
        self.why_mentee.setAccessibleName(_("Mentee"))
        self.why_mentor.setAccessibleName(_("Mentor"))
        for combo, people in ((self.why_mentee, self.mentees), (self.why_mentor, self.mentors)):
            for person in sorted_by_name(people, lambda c: self.names.get(c.id, "")):
                combo.addItem(self.names.get(person.id, str(person.id)), person.id)
        why_button = QPushButton(_("Why not?"), self)
        why_button.setObjectName("whyNot")
        why_button.clicked.connect(self.explain)
        self.why_answer = QLabel(self)
        self.why_answer.setObjectName("whyAnswer")
        self.why_answer.setWordWrap(True)
        why_row = QHBoxLayout()
        why_row.addWidget(QLabel(_("Why were these two not paired?"), self))
        why_row.addWidget(self.why_mentee, 1)
        why_row.addWidget(self.why_mentor, 1)
        why_row.addWidget(why_button)

        self.buttons = QDialogButtonBox(self)
        self.accept_button = self.buttons.addButton(_("Create these pairs"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("acceptSuggestions")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(criteria_box, 1)
        top.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(why_row)
        layout.addWidget(self.why_answer)
        layout.addWidget(self.buttons)
        self.run()

    def levels(self) -> dict[str, Level]:
        return {criterion: Level(combo.currentData()) for criterion, combo in self.level_boxes.items()}

    def locked(self) -> list[tuple[int, int]]:
        kept = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                kept.append(item.data(Qt.ItemDataRole.UserRole))
        return kept

    def run(self) -> None:
        from westem_desktop.ui.busy import busy

        with busy():
            self.result = suggest(
                self.mentees, self.mentors, self.levels(), locked=self.locked(), excluded=self.excluded
            )
        pairs = sorted_by_name(self.result.pairs, lambda p: self.names.get(p.mentee, ""))
        self.table.setRowCount(len(pairs))
        for row, pair in enumerate(pairs):
            keep = QTableWidgetItem()
            keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            keep.setCheckState(Qt.CheckState.Checked if pair.locked else Qt.CheckState.Unchecked)
            keep.setData(Qt.ItemDataRole.UserRole, (pair.mentee, pair.mentor))
            why = ", ".join(f"{_(CRITERIA[c])} {points}" for c, points in pair.reasons.items() if points)
            cells = [
                keep,
                QTableWidgetItem(self.names.get(pair.mentee, "")),
                QTableWidgetItem(self.names.get(pair.mentor, "")),
                QTableWidgetItem(str(pair.score)),
                QTableWidgetItem(why),
            ]
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            _("{pairs}, {points} in all; {left}.").format(
                pairs=ngettext("{n} pair suggested", "{n} pairs suggested", len(self.result.pairs)).format(
                    n=len(self.result.pairs)
                ),
                points=ngettext("{n} point", "{n} points", self.result.total).format(n=self.result.total),
                left=ngettext(
                    "{n} mentee without a suggestion",
                    "{n} mentees without a suggestion",
                    len(self.result.unmatched_mentees),
                ).format(n=len(self.result.unmatched_mentees)),
            )
        )
        self.accept_button.setEnabled(bool(self.result.pairs))

    def explain(self) -> None:
        mentee = next((c for c in self.mentees if c.id == self.why_mentee.currentData()), None)
        mentor = next((c for c in self.mentors if c.id == self.why_mentor.currentData()), None)
        if mentee is not None and mentor is not None:
            self.why_answer.setText(why_not(mentee, mentor, self.result, self.levels()))

    def apply(self) -> None:
        levels = dict(self.levels())

        def write(session) -> None:
            set_matching_levels(session, self.programme_id, levels)
            apply_suggestions(session, self.programme_id, self.result)

        if self.actions.run(write, Change.PAIRS | Change.PROGRAMMES, self):
            self.applied = True
            self.accept()
