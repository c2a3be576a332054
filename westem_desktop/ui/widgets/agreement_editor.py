"""The editor of one pair's mentoring agreement, section by section as in the WESTEM manual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.agreement_texts import (
    CONFIDENTIALITY,
    MENTEE_SUCCESS_EXAMPLES,
    MENTOR_SUCCESS_EXAMPLES,
    TERMINATION,
)
from westem_desktop.core.enums import MAX_GOALS, Mode
from westem_desktop.core.labels import label
from westem_desktop.i18n import _
from westem_desktop.ui.widgets.focus import tab_order
from westem_desktop.ui.widgets.forms import date_edit

if TYPE_CHECKING:  # the agreements service loads SQLAlchemy: not at start-up
    from westem_desktop.core.agreements import AgreementData


def _text(parent: QWidget, name: str, height: int = 56) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setMaximumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class AgreementEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal_boxes: list[tuple[QGroupBox, QLineEdit, QLineEdit, QLineEdit]] = []
        goals = QVBoxLayout()
        for number in range(1, MAX_GOALS + 1):
            box = QGroupBox(self)
            form = QFormLayout(box)
            goal, steps, success = QLineEdit(box), QLineEdit(box), QLineEdit(box)
            goal.setObjectName(f"goal{number}")
            steps.setObjectName(f"steps{number}")
            success.setObjectName(f"success{number}")
            form.addRow(_("Goal"), goal)
            form.addRow(_("Steps"), steps)
            form.addRow(_("Success is seen when"), success)
            goals.addWidget(box)
            self.goal_boxes.append((box, goal, steps, success))
        self.expectations = _text(self, "expectations")
        self.has_timeline = QCheckBox(_("A timeline (traditional mentoring: at most four months)"), self)
        self.has_timeline.setObjectName("hasTimeline")
        self.timeline_start = date_edit(self, "timeline_start")
        self.timeline_end = date_edit(self, "timeline_end")
        self.timeline_start.setAccessibleName(_("Start of the timeline"))
        self.timeline_end.setAccessibleName(_("End of the timeline"))
        self.has_timeline.toggled.connect(self.timeline_start.setEnabled)
        self.has_timeline.toggled.connect(self.timeline_end.setEnabled)
        self.frequency = QLineEdit(self)
        self.frequency.setObjectName("meeting_frequency")
        self.duration = QSpinBox(self)
        self.duration.setObjectName("meeting_duration_minutes")
        self.duration.setRange(0, 240)
        self.duration.setSingleStep(5)
        self.duration.setSpecialValueText(_("not set"))
        self.duration.setSuffix(" min")
        self.mode = QComboBox(self)
        self.mode.setObjectName("meeting_mode")
        self.mode.addItem(_("not set"), None)
        for mode in Mode:
            self.mode.addItem(label(mode), mode.value)
        self.mentor_boundaries = _text(self, "mentor_boundaries")
        self.mentee_boundaries = _text(self, "mentee_boundaries")
        self.confidentiality = _text(self, "confidentiality", 70)
        self.confidentiality.setPlaceholderText(_(CONFIDENTIALITY))
        self.off_limits = QLineEdit(self)
        self.off_limits.setObjectName("off_limits_topics")
        self.termination = _text(self, "termination_clause", 70)
        self.termination.setPlaceholderText(_(TERMINATION))
        self.mentor_success = _text(self, "mentor_success_criteria", 70)
        self.mentee_success = _text(self, "mentee_success_criteria", 70)
        self.mentor_examples = self._examples(MENTOR_SUCCESS_EXAMPLES, self.mentor_success)
        self.mentee_examples = self._examples(MENTEE_SUCCESS_EXAMPLES, self.mentee_success)

        timeline = QHBoxLayout()
        timeline.addWidget(self.timeline_start)
        timeline.addWidget(QLabel("–", self))
        timeline.addWidget(self.timeline_end)
        timeline.addStretch(1)
        form = QFormLayout()
        # A label too long for its row goes above its field: the pane is narrow on a laptop in Dutch.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Expectations"), self.expectations)
        form.addRow("", self.has_timeline)
        form.addRow(_("Timeline"), timeline)
        form.addRow(_("How often we meet"), self.frequency)
        form.addRow(_("How long a meeting lasts"), self.duration)
        form.addRow(_("How we meet"), self.mode)
        form.addRow(_("What the mentor cannot or will not do"), self.mentor_boundaries)
        form.addRow(_("What the mentee cannot or will not do"), self.mentee_boundaries)
        form.addRow(_("Confidentiality (empty: the standard clause)"), self.confidentiality)
        form.addRow(_("Topics that are off limits"), self.off_limits)
        form.addRow(_("Ending (empty: the standard clause)"), self.termination)
        form.addRow(_("As a mentor I am successful when …"), self.mentor_success)
        form.addRow("", self.mentor_examples)
        form.addRow(_("As a mentee I am successful when …"), self.mentee_success)
        form.addRow("", self.mentee_examples)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(goals)
        layout.addLayout(form)
        # Each list of examples stands under its field: Tab goes field, examples, field, examples.
        tab_order(self.mentor_success, self.mentor_examples, self.mentee_success, self.mentee_examples)
        for number, (box, *_fields) in enumerate(self.goal_boxes, start=1):
            box.setTitle(_("Goal {n}").format(n=number))

    def _examples(self, examples: tuple[str, ...], target: QPlainTextEdit) -> QComboBox:
        """The manual's examples offered as choices; choosing one adds it as a line."""
        combo = QComboBox(self)
        # As narrow as the pane needs (the examples are long sentences); the list shows them whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        combo.addItem(_("Add an example from the manual…"), None)
        combo.setAccessibleName(_("Add an example from the manual…"))
        for example in examples:
            combo.addItem(_(example), example)

        def chosen(index: int) -> None:
            if index > 0:
                text = target.toPlainText().rstrip()
                target.setPlainText(f"{text}\n{combo.itemText(index)}".strip())
                combo.setCurrentIndex(0)

        combo.currentIndexChanged.connect(chosen)
        return combo

    def load(self, data: AgreementData) -> None:
        from westem_desktop.core.agreements import GoalData

        for number, (_box, goal, steps, success) in enumerate(self.goal_boxes):
            item = data.goals[number] if number < len(data.goals) else GoalData("")
            goal.setText(item.goal)
            steps.setText(item.steps)
            success.setText(item.success_measure)
        self.expectations.setPlainText(data.expectations)
        has = data.timeline_start is not None
        self.has_timeline.setChecked(has)
        self.timeline_start.setEnabled(has)
        self.timeline_end.setEnabled(has)
        if data.timeline_start:
            self.timeline_start.setDate(QDate(data.timeline_start))
        if data.timeline_end:
            self.timeline_end.setDate(QDate(data.timeline_end))
        self.frequency.setText(data.meeting_frequency)
        self.duration.setValue(data.meeting_duration_minutes or 0)
        self.mode.setCurrentIndex(max(0, self.mode.findData(data.meeting_mode)))
        self.mentor_boundaries.setPlainText(data.mentor_boundaries)
        self.mentee_boundaries.setPlainText(data.mentee_boundaries)
        self.confidentiality.setPlainText(data.confidentiality)
        self.off_limits.setText(data.off_limits_topics)
        self.termination.setPlainText(data.termination_clause)
        self.mentor_success.setPlainText(data.mentor_success_criteria)
        self.mentee_success.setPlainText(data.mentee_success_criteria)

    def data(self) -> AgreementData:
        from westem_desktop.core.agreements import AgreementData, GoalData

        has = self.has_timeline.isChecked()
        return AgreementData(
            goals=[GoalData(g.text(), s.text(), m.text()) for _box, g, s, m in self.goal_boxes],
            expectations=self.expectations.toPlainText().strip(),
            timeline_start=self.timeline_start.date().toPython() if has else None,
            timeline_end=self.timeline_end.date().toPython() if has else None,
            meeting_frequency=self.frequency.text().strip(),
            meeting_duration_minutes=self.duration.value() or None,
            meeting_mode=self.mode.currentData(),
            mentor_boundaries=self.mentor_boundaries.toPlainText().strip(),
            mentee_boundaries=self.mentee_boundaries.toPlainText().strip(),
            confidentiality=self.confidentiality.toPlainText().strip(),
            off_limits_topics=self.off_limits.text().strip(),
            termination_clause=self.termination.toPlainText().strip(),
            mentor_success_criteria=self.mentor_success.toPlainText().strip(),
            mentee_success_criteria=self.mentee_success.toPlainText().strip(),
        )
