"""The selected pair on the Cycle tab: its phases with the seed's checklists (ticked with dates), the
guiding questions of the phase, notes, the moves the rules allow, and its meetings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
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
from westem_desktop.core.enums import MeetingStatus, Phase, Style
from westem_desktop.core.labels import label
from westem_desktop.i18n import _, format_date, ngettext
from westem_desktop.ui.formatting import decimal
from westem_desktop.ui.widgets.forms import date_edit


class PairCycle(QWidget):
    """Shows one pair; emits ``changed`` after every write so the overview can refresh."""

    changed = Signal()
    closed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = None
        self.match_id: int | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("pairHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.status = QLabel(self)
        self.status.setObjectName("pairStatus")
        self.status.setWordWrap(True)
        self.phases = QTabWidget(self)
        self.phases.setObjectName("phaseTabs")
        self.pages: dict[int, dict] = {}
        for phase in Phase:
            page = QWidget(self.phases)
            checklist = QGroupBox(page)
            grid = QGridLayout(checklist)
            boxes = {}
            for row, (key, _text) in enumerate(PHASE_CHECKLISTS[phase]):
                box = QCheckBox(checklist)
                box.setObjectName(f"tick_{phase}_{key}")
                when = date_edit(checklist)
                box.toggled.connect(when.setEnabled)
                box.clicked.connect(lambda checked, p=phase, k=key: self._tick(p, k, checked))
                when.dateChanged.connect(lambda _d, p=phase, k=key: self._redate(p, k))
                grid.addWidget(box, row, 0)
                grid.addWidget(when, row, 1)
                boxes[key] = (box, when)
            grid.setRowStretch(len(boxes), 1)
            questions = QLabel(page)
            questions.setWordWrap(True)
            questions.setTextFormat(Qt.TextFormat.PlainText)
            questions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            notes = QPlainTextEdit(page)
            notes.setObjectName(f"notes_{phase}")
            notes.setMaximumHeight(70)
            save_notes = QPushButton(page)
            save_notes.clicked.connect(lambda _c=False, p=phase: self._save_notes(p))
            layout = QGridLayout(page)
            layout.addWidget(checklist, 0, 0, 3, 1)
            questions_box = QGroupBox(page)
            QVBoxLayout(questions_box).addWidget(questions)
            layout.addWidget(questions_box, 0, 1)
            layout.addWidget(notes, 1, 1)
            layout.addWidget(save_notes, 2, 1, Qt.AlignmentFlag.AlignRight)
            layout.setColumnStretch(0, 3)
            layout.setColumnStretch(1, 2)
            self.phases.addTab(page, "")
            self.pages[int(phase)] = {
                "checklist": checklist,
                "boxes": boxes,
                "questions": questions,
                "questions_box": questions_box,
                "notes": notes,
                "save": save_notes,
            }

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
        moves = QGridLayout()
        moves.addWidget(self.move_date, 0, 0)
        moves.addWidget(self.back_button, 0, 1)
        moves.addWidget(self.next_button, 0, 2)
        moves.addWidget(self.both_button, 1, 1)
        moves.addWidget(self.close_button, 1, 2)
        moves.setColumnStretch(3, 1)

        self.meetings = QTableWidget(self)
        self.meetings.setObjectName("pairMeetings")
        self.meetings.setColumnCount(5)
        self.meetings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meetings.verticalHeader().hide()
        self.meetings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meetings.setToolTip(_("Double-click a meeting to change it"))
        self.meetings.cellDoubleClicked.connect(lambda row, _column: self._edit_meeting(row))
        self.meetings.horizontalHeader().setStretchLastSection(True)
        self.meeting_stats = QLabel(self)
        self.meeting_stats.setObjectName("meetingStats")
        self.log_button = QPushButton(self)
        self.log_button.setObjectName("logMeeting")
        self.log_button.clicked.connect(lambda: self._meeting(planned=False))
        self.plan_button = QPushButton(self)
        self.plan_button.setObjectName("planMeeting")
        self.plan_button.clicked.connect(lambda: self._meeting(planned=True))
        meeting_bar = QHBoxLayout()
        meeting_bar.addWidget(self.meeting_stats, 1)
        meeting_bar.addWidget(self.log_button)
        meeting_bar.addWidget(self.plan_button)
        self.message = QLabel(self)
        self.message.setObjectName("cycleMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addLayout(moves)
        layout.addWidget(self.phases, 3)
        layout.addLayout(meeting_bar)
        layout.addWidget(self.meetings, 2)
        layout.addWidget(self.message)
        self.retranslate()
        self.setEnabled(False)

    def retranslate(self) -> None:
        for phase, page in self.pages.items():
            self.phases.setTabText(phase - 1, f"{phase}. {_(PHASE_NAMES[Phase(phase)])}")
            page["checklist"].setTitle(_("Checklist"))
            page["questions_box"].setTitle(_("Guiding questions"))
            page["questions"].setText("\n".join(f"• {_(q)}" for q in PHASE_QUESTIONS[Phase(phase)]))
            page["notes"].setPlaceholderText(_("Notes on this phase"))
            page["save"].setText(_("Save the notes"))
            for key, text in PHASE_CHECKLISTS[Phase(phase)]:
                page["boxes"][key][0].setText(_(text))
        self.next_button.setText(_("&Next phase"))
        self.both_button.setText(_("Phases 1 and 2 &together"))
        self.back_button.setText(_("&Back a phase"))
        self.close_button.setText(_("C&lose the pair…"))
        self.meetings.setHorizontalHeaderLabels([_("Date"), _("Status"), _("Minutes"), _("Phase"), _("Topics")])
        self.meetings.setToolTip(_("Double-click a meeting to change it"))
        self.log_button.setText(_("&Log a meeting…"))
        self.plan_button.setText(_("&Plan a meeting…"))
        self.show_pair(self.db, self.match_id)

    # -- reading ------------------------------------------------------------------------------

    def show_pair(self, db, match_id: int | None) -> None:
        self.db, self.match_id = db, match_id
        self.setEnabled(match_id is not None and db is not None)
        if match_id is None or db is None:
            self.heading.setText(_("Choose a pair in the list"))
            self.status.clear()
            self.meetings.setRowCount(0)
            self.meeting_stats.clear()
            return
        # The services load SQLAlchemy: imported when a pair is shown, not while the window starts.
        from sqlalchemy import select

        from westem_desktop.core.cycle import checklist_state, next_phase
        from westem_desktop.core.meetings import meeting_stats
        from westem_desktop.core.models import Match, PhaseProgress

        with db.session() as session:
            match = session.get_one(Match, match_id)
            ticks = checklist_state(session, match_id)
            notes = dict(
                session.execute(
                    select(PhaseProgress.phase, PhaseProgress.notes).where(PhaseProgress.match_id == match_id)
                ).all()
            )
            stats = meeting_stats(session, match_id)
            meetings = sorted(match.meetings, key=lambda m: m.date, reverse=True)
            following = next_phase(match)
            self.heading.setText(_("{mentor} and {mentee}").format(mentor=match.mentor.name, mentee=match.mentee.name))
            self.status.setText(
                _("{style}; phase {phase}: {name}; paired on {date}.").format(
                    style=label(Style(match.style)),
                    phase=match.phase,
                    name=_(PHASE_NAMES[Phase(match.phase)]),
                    date=format_date(match.created_on),
                )
            )
            flash = match.style == Style.FLASH
            for phase, page in self.pages.items():
                skipped = flash and phase == Phase.ACTIVATION
                self.phases.setTabEnabled(phase - 1, not skipped)
                done = ticks.get(phase, {})
                for key, (box, when) in page["boxes"].items():
                    box.blockSignals(True)
                    when.blockSignals(True)
                    box.setChecked(key in done)
                    when.setEnabled(key in done)
                    when.setDate(QDate(done.get(key, dt.date.today())))
                    box.blockSignals(False)
                    when.blockSignals(False)
                page["notes"].setPlainText(notes.get(phase, ""))
            self.phases.setCurrentIndex(match.phase - 1)
            self.next_button.setEnabled(following is not None)
            self.both_button.setEnabled(match.phase == Phase.PREPARATION)
            self.back_button.setEnabled(match.phase > Phase.PREPARATION)
            self.close_button.setEnabled(match.phase == Phase.CLOSURE)
            hours = decimal(stats.minutes / 60)
            expected = decimal(stats.expected_minutes / 60)
            held = ngettext("{n} meeting held", "{n} meetings held", stats.held).format(n=stats.held)
            self.meeting_stats.setText(
                _("{held}, {hours} h (expected so far: {expected} h); {planned} planned.").format(
                    held=held, hours=hours, expected=expected, planned=stats.planned
                )
            )
            self.meetings.setRowCount(len(meetings))
            for row, meeting in enumerate(meetings):
                status = _("held") if meeting.status == MeetingStatus.HELD else _("planned")
                phase = _(PHASE_NAMES[Phase(meeting.phase)]) if meeting.phase else ""
                texts = (
                    format_date(meeting.date, "short"),
                    status,
                    str(meeting.duration_minutes),
                    phase,
                    meeting.topics,
                )
                for column, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, meeting.id)
                    self.meetings.setItem(row, column, item)
            self.meetings.resizeColumnsToContents()
        self.message.clear()

    # -- writing ------------------------------------------------------------------------------

    def _run(self, action) -> bool:
        from westem_desktop.core.errors import ValidationError

        if self.match_id is None:
            return False
        try:
            with self.db.session() as session:
                action(session)
        except ValidationError as exc:
            self.message.setText(str(exc))
            return False
        self.changed.emit()
        self.show_pair(self.db, self.match_id)
        return True

    def _tick(self, phase: int, key: str, checked: bool) -> None:
        from westem_desktop.core.cycle import tick

        when: QDateEdit = self.pages[phase]["boxes"][key][1]
        day = when.date().toPython() if checked else None
        self._run(lambda session: tick(session, self.match_id, phase, key, day))

    def _redate(self, phase: int, key: str) -> None:
        box = self.pages[phase]["boxes"][key][0]
        if box.isChecked():
            self._tick(phase, key, True)

    def _save_notes(self, phase: int) -> None:
        from westem_desktop.core.cycle import set_notes

        text = self.pages[phase]["notes"].toPlainText()
        self._run(lambda session: set_notes(session, self.match_id, phase, text))

    def _move(self, how: str) -> None:
        from westem_desktop.core.cycle import advance, go_back

        day = self.move_date.date().toPython()
        if how == "back":
            self._run(lambda session: go_back(session, self.match_id))
        else:
            self._run(lambda session: advance(session, self.match_id, day, through_negotiation=how == "both"))

    def _close(self) -> None:
        from westem_desktop.core.cycle import close_pair

        match_id = self.match_id
        day = self.move_date.date().toPython()
        if self._run(lambda session: close_pair(session, match_id, day)):
            self.closed.emit(match_id)

    def _meeting(self, planned: bool) -> None:
        from westem_desktop.core.meetings import log_meeting
        from westem_desktop.core.models import Match
        from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog

        if self.match_id is None:
            return
        with self.db.session() as session:
            phase = session.get_one(Match, self.match_id).phase

        def save(values: dict) -> None:
            with self.db.session() as session:
                log_meeting(session, self.match_id, values.pop("date"), values.pop("duration_minutes"), **values)

        if MeetingDialog(planned, phase, save, self).exec():
            self.changed.emit()
            self.show_pair(self.db, self.match_id)

    def _edit_meeting(self, row: int) -> None:
        from westem_desktop.core.meetings import update_meeting
        from westem_desktop.core.models import Meeting
        from westem_desktop.ui.dialogs.meeting_dialog import MeetingDialog

        item = self.meetings.item(row, 0)
        if item is None:
            return
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        with self.db.session() as session:
            m = session.get_one(Meeting, meeting_id)
            initial = {
                "status": m.status,
                "date": m.date,
                "duration_minutes": m.duration_minutes,
                "mode": m.mode,
                "phase": m.phase,
                "topics": m.topics,
                "private_notes": m.private_notes,
            }

        def save(values: dict) -> None:
            with self.db.session() as session:
                update_meeting(session, meeting_id, **values)

        if MeetingDialog(initial["status"] == "planned", initial["phase"] or 1, save, self, initial).exec():
            self.changed.emit()
            self.show_pair(self.db, self.match_id)
