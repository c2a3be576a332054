"""The selected pair on the Cycle tab: its phases with the seed's checklists (ticked with dates), the
guiding questions of the phase, notes, the moves the rules allow, and its meetings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.checklists import PHASE_CHECKLISTS, PHASE_NAMES, PHASE_QUESTIONS
from westem_desktop.core.enums import MatchStatus, MeetingStatus, Phase, Style
from westem_desktop.core.labels import label, value_label
from westem_desktop.core.views.cycle import meeting_values, pair_panel
from westem_desktop.i18n import _, format_date, ngettext
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.end_or_close import close_tip
from westem_desktop.ui.formatting import decimal
from westem_desktop.ui.palette import Tone, ToneLabel
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.forms import date_edit
from westem_desktop.ui.widgets.heading import Heading
from westem_desktop.ui.widgets.tall_page import TallPage

if TYPE_CHECKING:
    from westem_desktop.core.views.cycle import PairPanel


class PairCycle(QWidget):
    """Shows one pair; its writes go through ``actions`` (the Cycle tab reads again on the change);
    ``closed`` follows closing the pair."""

    closed = Signal(int)

    def __init__(self, actions: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.db = None
        self.match_id: int | None = None
        self.panel: PairPanel | None = None
        self.stale = False  # the last write was refused: someone else changed what the panel showed
        self.heading = Heading(1.2, self)
        self.heading.setObjectName("pairHeading")
        self.status = QLabel(self)
        self.status.setObjectName("pairStatus")
        self.status.setWordWrap(True)

        self.next_button = QPushButton(self)
        self.next_button.setObjectName("nextPhase")
        self.next_button.clicked.connect(lambda: self._move("next"))
        self.both_button = QPushButton(self)
        self.both_button.setObjectName("firstTwoPhases")
        self.both_button.clicked.connect(lambda: self._move("both"))
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("previousPhase")
        self.back_button.clicked.connect(lambda: self._move("back"))
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closePair")
        self.close_button.clicked.connect(self._close)
        self.move_date = date_edit(self, "moveDate")
        self.move_date_label = QLabel(self)
        self.move_date_label.setObjectName("moveDateLabel")
        self.move_date_label.setBuddy(self.move_date)
        moves = QGridLayout()
        moves.addWidget(self.move_date_label, 0, 0)
        moves.addWidget(self.move_date, 0, 1)
        moves.addWidget(self.next_button, 1, 0)
        moves.addWidget(self.both_button, 1, 1)
        moves.addWidget(self.back_button, 1, 2)
        moves.addWidget(self.close_button, 1, 3)
        moves.setColumnStretch(4, 1)

        self.sections = QTabWidget(self)
        self.sections.setObjectName("pairSections")
        self.sections.setDocumentMode(True)
        self.phases = QTabWidget(self.sections)
        self.phases.setObjectName("phaseTabs")
        self.phases.setUsesScrollButtons(True)
        notes_page = QWidget(self.sections)
        notes_layout = QVBoxLayout(notes_page)
        self.pages: dict[int, dict] = {}
        for phase in Phase:
            self.phases.addTab(TallPage(self._phase_page(phase), self.phases), "")
            self.pages[int(phase)].update(self._notes_row(phase, notes_page, notes_layout))
        self.sections.addTab(self.phases, "")
        self.sections.addTab(TallPage(notes_page, self.sections), "")
        self.sections.addTab(self._meetings_page(), "")

        self.message = ToneLabel(Tone.ERROR, self)
        self.message.setObjectName("cycleMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the tab's margins are around it
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addLayout(moves)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.message)
        self.retranslate()
        self.setEnabled(False)
        self.actions.edits(
            self.next_button, self.both_button, self.back_button, self.close_button, self.log_button, self.plan_button
        )
        for page in self.pages.values():
            self.actions.edits(page["save"], *(widget for pair in page["boxes"].values() for widget in pair))

    def _phase_page(self, phase: Phase) -> QWidget:
        """A phase's checklist (each item with the day it was done) and its guiding questions."""
        page = QWidget(self.phases)
        checklist = QGroupBox(page)
        grid = QGridLayout(checklist)
        grid.setVerticalSpacing(2)
        done_on = QLabel(checklist)
        grid.addWidget(done_on, 0, 1)
        boxes = {}
        for row, (key, _text) in enumerate(PHASE_CHECKLISTS[phase], start=1):
            box = QCheckBox(checklist)
            box.setObjectName(f"tick_{phase}_{key}")
            when = date_edit(checklist)
            box.toggled.connect(when.setEnabled)
            box.clicked.connect(lambda checked, p=phase, k=key: self._tick(p, k, checked))
            when.dateChanged.connect(lambda _d, p=phase, k=key: self._redate(p, k))
            grid.addWidget(box, row, 0)
            grid.addWidget(when, row, 1)
            boxes[key] = (box, when)
        grid.setColumnStretch(0, 1)
        questions = QLabel(page)
        questions.setWordWrap(True)
        questions.setTextFormat(Qt.TextFormat.PlainText)
        questions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        questions_box = QGroupBox(page)
        QVBoxLayout(questions_box).addWidget(questions)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(checklist)
        layout.addWidget(questions_box, 1)
        self.pages[int(phase)] = {
            "checklist": checklist,
            "done_on": done_on,
            "boxes": boxes,
            "questions": questions,
            "questions_box": questions_box,
        }
        return page

    def _notes_row(self, phase: Phase, page: QWidget, layout: QVBoxLayout) -> dict:
        """The phase's notes on the notes page, where the notes of every phase are read at once."""
        row = QWidget(page)
        title = QLabel(row)
        notes = QPlainTextEdit(row)
        notes.setObjectName(f"notes_{phase}")
        title.setBuddy(notes)
        save_notes = QPushButton(row)
        save_notes.setObjectName(f"saveNotes_{phase}")
        save_notes.clicked.connect(lambda _c=False, p=phase: self._save_notes(p))
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        bar.addWidget(save_notes)
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(bar)
        box.addWidget(notes, 1)
        layout.addWidget(row, 1)
        notes.setTabChangesFocus(True)  # Tab goes on to the next phase's notes
        tab_order(save_notes, notes)  # the button stands in the line above the notes
        return {"notes_row": row, "notes_title": title, "notes": notes, "save": save_notes}

    def _meetings_page(self) -> QWidget:
        """The pair's meetings: what was held against what was expected, and every meeting in a list."""
        page = QWidget(self.sections)
        self.meetings = QTableWidget(page)
        self.meetings.setObjectName("pairMeetings")
        self.meetings.setColumnCount(5)
        self.meetings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meetings.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.meetings.verticalHeader().hide()
        self.meetings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meetings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.meetings.setWordWrap(False)
        self.meetings.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.meetings.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.meetings.cellDoubleClicked.connect(lambda row, _column: self._edit_meeting(row))
        self.meeting_stats = QLabel(page)
        self.meeting_stats.setObjectName("meetingStats")
        self.meeting_stats.setWordWrap(True)
        self.log_button = QPushButton(page)
        self.log_button.setObjectName("logMeeting")
        self.log_button.clicked.connect(lambda: self._meeting(planned=False))
        self.plan_button = QPushButton(page)
        self.plan_button.setObjectName("planMeeting")
        self.plan_button.clicked.connect(lambda: self._meeting(planned=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.plan_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.meeting_stats)
        layout.addLayout(buttons)
        layout.addWidget(self.meetings, 1)
        tab_order(self.log_button, self.plan_button, self.meetings)  # the buttons stand above the list
        return page

    def retranslate(self) -> None:
        for phase, page in self.pages.items():
            name = f"{phase}. {_(PHASE_NAMES[Phase(phase)])}"
            self.phases.setTabText(phase - 1, name)
            page["notes_title"].setText(name)
            page["checklist"].setTitle(_("Checklist"))
            page["done_on"].setText(_("Done on"))
            page["questions_box"].setTitle(_("Guiding questions"))
            page["questions"].setText("\n".join(f"• {_(q)}" for q in PHASE_QUESTIONS[Phase(phase)]))
            page["notes"].setPlaceholderText(_("Notes on this phase"))
            page["save"].setText(_("Save the notes"))
            for key, text in PHASE_CHECKLISTS[Phase(phase)]:
                page["boxes"][key][0].setText(_(text))
                page["boxes"][key][1].setAccessibleName(_("Date: {item}").format(item=_(text)))
        self.next_button.setText(_("&Next phase"))
        self.both_button.setText(_("Phases 1 and 2 &together"))
        self.back_button.setText(_("&Back a phase"))
        self.meetings.setAccessibleName(_("Meetings"))
        self.close_button.setText(_("Clo&se the pair…"))
        self.close_button.setToolTip(close_tip())
        self.move_date_label.setText(_("Date of the step:"))
        self.move_date_label.setToolTip(_("The day the pair moves on to the next phase, or is closed"))
        self.move_date.setToolTip(self.move_date_label.toolTip())
        self.sections.setTabText(0, _("Phases and checklists"))
        self.sections.setTabText(1, _("Notes"))
        self._title_meetings(0)
        for index in range(self.phases.count()):
            self.phases.widget(index).updateGeometry()  # its width follows the language's texts
        self.meetings.setHorizontalHeaderLabels([_("Date"), _("Status"), _("Minutes"), _("Phase"), _("Topics")])
        self.meetings.setToolTip(_("Double-click a meeting to change it"))
        self.log_button.setText(_("&Log a meeting…"))
        self.plan_button.setText(_("&Plan a meeting…"))
        self.show_pair(self.db, self.match_id)

    def _title_meetings(self, count: int) -> None:
        self.sections.setTabText(2, _("Meetings ({n})").format(n=count) if count else _("Meetings"))

    # -- reading ------------------------------------------------------------------------------

    def show_pair(self, db, match_id: int | None) -> None:
        """Show the pair ``match_id`` (None: no pair, everything cleared). A pair that is no longer active is
        shown to be read: its checklists, notes and meetings, with no move and no change offered."""
        panel = pair_panel(db, match_id) if match_id is not None and db is not None else None
        self.db, self.panel = db, panel
        self.match_id = panel.id if panel is not None else None
        self.setEnabled(panel is not None)
        self.message.clear()
        if panel is None:
            self._clear()
            return
        self.heading.setText(_("{mentor} and {mentee}").format(mentor=panel.mentor, mentee=panel.mentee))
        self.status.setText(self._status_text(panel))
        active = panel.active
        for phase, page in self.pages.items():
            self.phases.setTabEnabled(phase - 1, phase in panel.phases)
            done = panel.ticks.get(phase, {})
            for key, (box, when) in page["boxes"].items():
                box.blockSignals(True)
                when.blockSignals(True)
                box.setChecked(key in done)
                box.setEnabled(active)
                when.setEnabled(active and key in done)
                when.setDate(QDate(done.get(key, dt.date.today())))
                box.blockSignals(False)
                when.blockSignals(False)
            page["notes"].setPlainText(panel.notes.get(phase, ""))
            page["notes"].setReadOnly(not active)
            page["save"].setVisible(active)
            page["notes_row"].setVisible(phase in panel.phases)  # a phase the pair skips has no notes
        self.phases.setCurrentIndex(panel.phase - 1)
        moves = panel.moves
        self.next_button.setEnabled(moves.advance_to is not None)
        self.both_button.setEnabled(moves.both_first_phases)
        self.back_button.setEnabled(moves.back_to is not None)
        self.close_button.setEnabled(moves.can_close)
        self.move_date.setEnabled(active)
        self.log_button.setEnabled(active)
        self.plan_button.setEnabled(active)
        stats = panel.stats
        held = ngettext("{n} meeting held", "{n} meetings held", stats.held).format(n=stats.held)
        self.meeting_stats.setText(
            _("{held}, {hours} h (expected so far: {expected} h); {planned} planned.").format(
                held=held,
                hours=decimal(stats.minutes / 60),
                expected=decimal(stats.expected_minutes / 60),
                planned=stats.planned,
            )
        )
        self.meetings.setToolTip(_("Double-click a meeting to change it") if active else "")
        self.meetings.setRowCount(len(panel.meetings))
        for row, meeting in enumerate(panel.meetings):
            status = value_label(MeetingStatus, meeting.status)
            phase = _(PHASE_NAMES[Phase(meeting.phase)]) if meeting.phase else ""
            texts = (format_date(meeting.date, "medium"), status, str(meeting.minutes), phase, meeting.topics)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, meeting.id)
                if column == 4 and text:
                    item.setToolTip(text)  # the topics may be elided: the whole text is at hand
                self.meetings.setItem(row, column, item)
        self._title_meetings(len(panel.meetings))

    @staticmethod
    def _status_text(panel) -> str:
        style = label(Style(panel.style))
        paired = format_date(panel.created_on)
        if panel.status == MatchStatus.CLOSED:
            text = _("{style}; closed on {closed}; paired on {date}.").format(
                style=style, closed=format_date(panel.closed_on), date=paired
            )
        elif panel.status == MatchStatus.ENDED:
            text = _("{style}; ended early on {ended}, in phase {phase}: {name}; paired on {date}.").format(
                style=style,
                ended=format_date(panel.ended_on),
                phase=panel.phase,
                name=_(PHASE_NAMES[Phase(panel.phase)]),
                date=paired,
            )
            if panel.end_reason:
                text += "\n" + _("Reason: {reason}").format(reason=panel.end_reason)
        else:
            return _("{style}; phase {phase}: {name}; paired on {date}.").format(
                style=style, phase=panel.phase, name=_(PHASE_NAMES[Phase(panel.phase)]), date=paired
            )
        return text + "\n" + _("The pair is no longer active: its meetings and notes can be read, not changed.")

    def _clear(self) -> None:
        """No pair: nothing of the pair shown before stays on screen."""
        self.heading.setText(_("Choose a pair in the list"))
        self.status.clear()
        for page in self.pages.values():
            for box, when in page["boxes"].values():
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
                when.setEnabled(False)
            page["notes"].clear()
            page["notes_row"].setVisible(True)
        self.meetings.setRowCount(0)
        self.meeting_stats.clear()
        self._title_meetings(0)

    # -- writing ------------------------------------------------------------------------------

    def _write(self, write) -> bool:
        """A change to the pair's cycle; a refusal is shown under the panel. When someone else changed or
        deleted the pair since the panel read it, the panel reads it again, and the message stays."""
        if self.match_id is None:
            return False
        from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError

        outcome = self.actions.run(write, Change.CYCLE, self, line=self.message)
        self.stale = isinstance(outcome.error, ConcurrentChangeError | RowDeletedError)
        if self.stale:
            message = self.message.text()
            self.show_pair(self.db, self.match_id)
            self.message.setText(message)
            self.message.show()
        return outcome.done

    def _version(self) -> int | None:
        """The pair's version as the panel shows it."""
        return self.panel.row_version if self.panel is not None else None

    def _tick(self, phase: int, key: str, checked: bool) -> None:
        when: QDateEdit = self.pages[phase]["boxes"][key][1]
        day = when.date().toPython() if checked else None
        from westem_desktop.core.cycle import tick  # what writes is loaded when first used

        self._write(lambda session: tick(session, self.match_id, phase, key, day))

    def _redate(self, phase: int, key: str) -> None:
        box = self.pages[phase]["boxes"][key][0]
        if box.isChecked():
            self._tick(phase, key, True)

    def _save_notes(self, phase: int) -> None:
        """Save a phase's notes over the ones the panel showed. When someone else saved that phase meanwhile,
        the panel shows their notes, and Ctrl+Z in the notes brings back what was typed here."""
        editor: QPlainTextEdit = self.pages[phase]["notes"]
        text = editor.toPlainText()
        from westem_desktop.core.cycle import set_notes
        from westem_desktop.core.versions import Seen

        seen = (self.panel.notes_seen or {}).get(phase, Seen(None)) if self.panel is not None else None
        if not self._write(lambda session: set_notes(session, self.match_id, phase, text, seen)) and self.stale:
            theirs = editor.toPlainText()
            editor.setPlainText(text)
            cursor = editor.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(theirs)  # one step of the editor's undo: Ctrl+Z gives back what was typed

    def _move(self, how: str) -> None:
        day = self.move_date.date().toPython()
        from westem_desktop.core.cycle import advance, go_back

        version = self._version()
        if how == "back":
            self._write(lambda session: go_back(session, self.match_id, version))
        else:
            self._write(lambda session: advance(session, self.match_id, day, how == "both", version))

    def _close(self) -> None:
        match_id = self.match_id
        day = self.move_date.date().toPython()
        from westem_desktop.core.cycle import close_pair

        version = self._version()
        if self._write(lambda session: close_pair(session, match_id, day, version)):
            self.closed.emit(match_id)

    def _meeting(self, planned: bool) -> None:
        if self.panel is None or not self.panel.active:
            return
        match_id, phase = self.match_id, self.panel.phase
        from westem_desktop.core.meetings import log_meeting
        from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog

        def save(values: dict) -> bool:
            day, minutes = values.pop("date"), values.pop("duration_minutes")
            return self.actions.run(
                lambda session: log_meeting(session, match_id, day, minutes, **values),
                Change.CYCLE,
                dialog,
                line=dialog.error,
            ).done

        dialog = MeetingDialog(planned, phase, save, self)
        dialog.exec()

    def _edit_meeting(self, row: int) -> None:
        item = self.meetings.item(row, 0)
        if item is None or self.panel is None or not self.panel.active:
            return
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        initial = meeting_values(self.db, meeting_id)._asdict()
        version = initial.pop("row_version")  # a save over someone else's newer change is refused, typing kept
        from westem_desktop.core.meetings import update_meeting
        from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog

        stale: list[bool] = []

        def save(values: dict) -> bool:
            from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError

            outcome = self.actions.run(
                lambda session: update_meeting(session, meeting_id, version=version, **values),
                Change.CYCLE,
                dialog,
                line=dialog.error,
            )
            stale.append(isinstance(outcome.error, ConcurrentChangeError | RowDeletedError))
            return outcome.done

        dialog = MeetingDialog(initial["status"] == "planned", initial["phase"] or 1, save, self, initial)
        dialog.exec()
        if any(stale):  # someone else saved the meeting meanwhile: the panel shows it as saved now
            self.show_pair(self.db, self.match_id)
