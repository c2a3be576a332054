"""Suggested pairs: choose how much each criterion counts, see every pair with its points, keep some while
suggesting again, see why each mentee without a suggestion got none, ask why two people were not paired,
and create the ticked pairs (the unticked ones are left for later, not declined).

The suggestion is worked out in a worker thread (``SuggestionWorker``), so the dialog opens at once and
stays usable, with a progress bar and Stop; stopping or closing leaves the pairs shown as they were."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.collation import sorted_by_name
from westem_desktop.core.matching import (
    CRITERIA,
    Cancelled,
    Candidate,
    Level,
    SuggestionResult,
    suggest,
    unmatched_reasons,
    why_not,
)
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


TAKE, KEEP, MENTEE, MENTOR, POINTS, WHY = range(6)


class SpaceTicks(QObject):
    """Space in the list ticks or unticks the "Create" box of the current pair, whichever cell has focus."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:
            row = self.table.currentRow()
            item = self.table.item(row, TAKE) if row >= 0 else None
            if item is not None:
                ticked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)
                return True
        return super().eventFilter(watched, event)


class SuggestionWorker(QObject):
    """``suggest`` and the reasons for the mentees left out, off the GUI thread (the core stays Qt-free).
    Exactly one of ``finished``, ``stopped`` or ``failed`` is emitted at the end."""

    progressed = Signal(int, int)
    finished = Signal(object, object)  # SuggestionResult, {mentee: reason}
    stopped = Signal()
    failed = Signal(str)

    def __init__(
        self,
        mentees: list[Candidate],
        mentors: list[Candidate],
        levels: dict[str, Level],
        locked: list[tuple[int, int]],
        excluded: set[tuple[int, int]],
    ) -> None:
        super().__init__()
        self.args = (mentees, mentors, levels, locked, excluded)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop; safe from any thread."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        mentees, mentors, levels, locked, excluded = self.args
        try:
            result = suggest(
                mentees,
                mentors,
                levels,
                locked=locked,
                excluded=excluded,
                progress=self.progressed.emit,
                cancelled=self._cancel.is_set,
            )
            reasons = unmatched_reasons(mentees, mentors, result, levels, excluded)
            if self._cancel.is_set():
                raise Cancelled
        except Cancelled:
            self.stopped.emit()
        except Exception as exc:  # said in the dialog; the thread must end cleanly
            self.failed.emit(str(exc))
        else:
            self.finished.emit(result, reasons)


class SuggestionsDialog(QDialog):
    def __init__(self, actions: ActionRunner, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsDialog")
        self.setWindowTitle(_("Suggest pairs"))
        self.resize(980, 640)
        self.actions, self.db, self.programme_id = actions, actions.db, programme_id
        self.applied = False
        levels, self.mentees, self.mentors, self.excluded, self.names = suggestion_inputs(self.db, programme_id)
        self.suggestions = SuggestionResult()
        self._thread: QThread | None = None
        self._worker: SuggestionWorker | None = None

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
        self.table.setColumnCount(6)
        self.table.setHorizontalHeaderLabels([_("Create"), _("Keep"), _("Mentee"), _("Mentor"), _("Points"), _("Why")])
        take_tip = _("Ticked pairs are created. An unticked pair is left for later: it is not declined.")
        keep_tip = _("A kept pair stays as it is when you press Suggest again with other settings.")
        self.table.horizontalHeaderItem(TAKE).setToolTip(take_tip)
        self.table.horizontalHeaderItem(KEEP).setToolTip(keep_tip)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(SpaceTicks(self.table))
        self.help = QLabel(
            _(
                "Untick the pairs you do not want now (Space ticks and unticks): they are not declined and "
                "can be suggested again. Tick Keep to hold a pair while you suggest again with other settings."
            ),
            self,
        )
        self.help.setObjectName("suggestionHelp")
        self.help.setWordWrap(True)
        self.unmatched = QTableWidget(self)
        self.unmatched.setObjectName("unmatchedMentees")
        self.unmatched.setAccessibleName(_("Mentees without a suggestion"))
        self.unmatched.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.unmatched.setColumnCount(2)
        self.unmatched.setHorizontalHeaderLabels([_("Mentee without a suggestion"), _("Why")])
        self.unmatched.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unmatched.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unmatched.setWordWrap(False)  # one line each; a long reason is whole in its tooltip
        self.unmatched.verticalHeader().hide()
        self.unmatched.horizontalHeader().setStretchLastSection(True)
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
        self.accept_button = self.buttons.addButton(
            _("Create the ticked pairs"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setObjectName("acceptSuggestions")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button.clicked.connect(self.apply)
        self.table.itemChanged.connect(self._update_button)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(criteria_box, 1)
        top.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.progress_label = QLabel(_("Working out the best pairs…"), self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("suggestionProgress")
        self.progress_bar.setAccessibleName(_("Progress of the suggestion"))
        self.stop_button = QPushButton(_("Stop"), self)
        self.stop_button.setObjectName("stopSuggestions")
        self.stop_button.clicked.connect(self.stop)
        self.progress_row = QWidget(self)
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress_bar, 1)
        progress_layout.addWidget(self.stop_button)
        self.progress_row.hide()
        self.status = QLabel(self)
        self.status.setObjectName("suggestionStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.help)
        lists = QSplitter(Qt.Orientation.Vertical, self)
        lists.setChildrenCollapsible(False)
        lists.addWidget(self.table)
        lists.addWidget(self.unmatched)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 1)
        layout.addWidget(lists, 1)
        layout.addWidget(self.summary)
        layout.addLayout(why_row)
        layout.addWidget(self.why_answer)
        layout.addWidget(self.buttons)
        self.run()

    def levels(self) -> dict[str, Level]:
        return {criterion: Level(combo.currentData()) for criterion, combo in self.level_boxes.items()}

    def _ticked(self, column: int) -> list[tuple[int, int]]:
        pairs = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, column)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                pairs.append(item.data(Qt.ItemDataRole.UserRole))
        return pairs

    def locked(self) -> list[tuple[int, int]]:
        """The pairs ticked Keep: they stay when suggesting again."""
        return self._ticked(KEEP)

    def taken(self) -> list[tuple[int, int]]:
        """The pairs ticked Create: the ones "Create the ticked pairs" makes."""
        return self._ticked(TAKE)

    def _update_button(self) -> None:
        self.accept_button.setEnabled(bool(self.taken()))

    def computing(self) -> bool:
        """Whether a suggestion is being worked out now."""
        return self._worker is not None

    def run(self) -> None:
        """Work out the suggestions for the chosen levels in a worker; the lists show them when done."""
        if self._worker is not None:
            return
        worker = SuggestionWorker(self.mentees, self.mentors, self.levels(), self.locked(), self.excluded)
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._progressed)
        worker.finished.connect(self._finished)
        worker.stopped.connect(self._stopped)
        worker.failed.connect(self._failed)
        self._thread, self._worker = thread, worker
        self.progress_bar.setRange(0, 0)  # busy until the first step is known
        self.status.hide()
        self.progress_row.show()
        self.run_button.setEnabled(False)
        self.accept_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        thread.start()

    def stop(self) -> None:
        """Stop the suggestion being worked out; the pairs shown stay as they were."""
        if self._worker is not None:
            self.stop_button.setEnabled(False)
            self._worker.cancel()

    def _progressed(self, done: int, total: int) -> None:
        if self.sender() is self._worker:
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(min(done, total))

    def _ended(self) -> bool:
        """Forget the worker that just ended; false when the signal came from one already let go."""
        if self._worker is None or self.sender() is not self._worker:
            return False
        self._let_go(cancel=False)
        self.progress_row.hide()
        self.run_button.setEnabled(True)
        self._update_button()
        return True

    def _stopped(self) -> None:
        if self._ended():
            self.status.setText(_("Stopped. Press Suggest to start again."))
            self.status.show()

    def _failed(self, error: str) -> None:
        if self._ended():
            self.status.setText(_("The pairs could not be worked out: {error}").format(error=error))
            self.status.show()

    def _finished(self, suggestions: SuggestionResult, reasons: dict[int, str]) -> None:
        if self._ended():
            self.suggestions = suggestions
            self.show_suggestions(reasons)

    def _let_go(self, cancel: bool = True) -> None:
        """Stop the worker, if any (it stops within moments), and wait for its thread to end, so that
        nothing runs on after the dialog and no thread is destroyed while running."""
        thread, worker = self._thread, self._worker
        if worker is not None and thread is not None:
            if cancel:
                worker.cancel()
            thread.quit()
            thread.wait()
        self._worker, self._thread = None, None

    def done(self, result: int) -> None:
        self._let_go()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._let_go()
        super().closeEvent(event)

    def show_suggestions(self, reasons: dict[int, str]) -> None:
        """Fill the lists from ``self.suggestions`` and the reasons for the mentees left out."""
        self.table.blockSignals(True)
        pairs = sorted_by_name(self.suggestions.pairs, lambda p: self.names.get(p.mentee, ""))
        self.table.setRowCount(len(pairs))
        for row, pair in enumerate(pairs):
            take = QTableWidgetItem()
            take.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            take.setCheckState(Qt.CheckState.Checked)
            take.setData(Qt.ItemDataRole.UserRole, (pair.mentee, pair.mentor))
            take.setToolTip(self.table.horizontalHeaderItem(TAKE).toolTip())
            keep = QTableWidgetItem()
            keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            keep.setCheckState(Qt.CheckState.Checked if pair.locked else Qt.CheckState.Unchecked)
            keep.setData(Qt.ItemDataRole.UserRole, (pair.mentee, pair.mentor))
            keep.setToolTip(self.table.horizontalHeaderItem(KEEP).toolTip())
            why = ", ".join(f"{_(CRITERIA[c])} {points}" for c, points in pair.reasons.items() if points)
            cells = [
                take,
                keep,
                QTableWidgetItem(self.names.get(pair.mentee, "")),
                QTableWidgetItem(self.names.get(pair.mentor, "")),
                QTableWidgetItem(str(pair.score)),
                QTableWidgetItem(why),
            ]
            cells[WHY].setToolTip(why)  # whole, where the column is narrower than the reasons
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        # The lists are filled after the dialog is shown: the reasons take the room left (the last
        # column stretches), so the table never scrolls sideways.
        for column in range(WHY):
            self.table.resizeColumnToContents(column)
        self.table.blockSignals(False)
        names = sorted_by_name(list(reasons), lambda mentee: self.names.get(mentee, ""))
        self.unmatched.setRowCount(len(names))
        for row, mentee in enumerate(names):
            self.unmatched.setItem(row, 0, QTableWidgetItem(self.names.get(mentee, "")))
            reason = QTableWidgetItem(reasons[mentee])
            reason.setToolTip(reasons[mentee])
            self.unmatched.setItem(row, 1, reason)
        self.unmatched.resizeColumnToContents(0)
        self.unmatched.setVisible(bool(names))
        self.summary.setText(
            _("{pairs}, {points} in all; {left}.").format(
                pairs=ngettext("{n} pair suggested", "{n} pairs suggested", len(self.suggestions.pairs)).format(
                    n=len(self.suggestions.pairs)
                ),
                points=ngettext("{n} point", "{n} points", self.suggestions.total).format(n=self.suggestions.total),
                left=ngettext(
                    "{n} mentee without a suggestion",
                    "{n} mentees without a suggestion",
                    len(self.suggestions.unmatched_mentees),
                ).format(n=len(self.suggestions.unmatched_mentees)),
            )
        )
        self._update_button()

    def explain(self) -> None:
        mentee = next((c for c in self.mentees if c.id == self.why_mentee.currentData()), None)
        mentor = next((c for c in self.mentors if c.id == self.why_mentor.currentData()), None)
        if mentee is not None and mentor is not None:
            self.why_answer.setText(why_not(mentee, mentor, self.suggestions, self.levels()))

    def apply(self) -> None:
        levels = dict(self.levels())
        suggestions, taken = self.suggestions, self.taken()
        if not taken or self._worker is not None:
            return

        def write(session) -> None:
            set_matching_levels(session, self.programme_id, levels)
            apply_suggestions(session, self.programme_id, suggestions, only=taken)

        if self.actions.run(write, Change.PAIRS | Change.PROGRAMMES, self):
            self.applied = True
            self.accept()
