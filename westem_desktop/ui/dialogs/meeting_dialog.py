"""Log a meeting that took place, or plan the next one: date, minutes, mode, phase, topics, private notes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import Mode, Phase
from westem_desktop.core.labels import label
from westem_desktop.i18n import _
from westem_desktop.ui.widgets.forms import date_edit, error_label


class MeetingDialog(QDialog):
    """``save(values)`` says whether the meeting was saved (a refusal keeps the dialog open, shown at its
    field by the action runner)."""

    def __init__(
        self,
        planned: bool,
        phase: int,
        save: Callable[[dict], bool],
        parent: QWidget | None = None,
        initial: dict | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self._save = save
        if initial is not None:
            self.setWindowTitle(_("Edit the meeting"))
        else:
            self.setWindowTitle(_("Plan a meeting") if planned else _("Log a meeting"))
        self.held = QCheckBox(_("The meeting took place"), self)
        self.held.setObjectName("held")
        self.held.setChecked(not planned)
        self.date = date_edit(self, "date")
        if planned:
            self.date.setDate(QDate.currentDate().addDays(14))
        self.duration = QSpinBox(self)
        self.duration.setObjectName("duration")
        self.duration.setRange(5, 240)
        self.duration.setSingleStep(5)
        self.duration.setValue(45)
        self.duration.setSuffix(" min")
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        self.mode.addItem(_("not given"), None)
        for mode in Mode:
            self.mode.addItem(label(mode), mode.value)
        self.phase = QComboBox(self)
        self.phase.setObjectName("phase")
        for value in Phase:
            self.phase.addItem(_(PHASE_NAMES[value]), int(value))
        self.phase.setCurrentIndex(max(0, self.phase.findData(phase)))
        self.topics = QLineEdit(self)
        self.topics.setObjectName("topics")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(_("For the coordinator only: not printed, not in the meeting exports"))
        self.notes.setMaximumHeight(90)
        self.notes.setTabChangesFocus(True)  # Tab goes on to the buttons, as in every other field
        form = QFormLayout()
        form.addRow("", self.held)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Length"), self.duration)
        form.addRow(_("Mode"), self.mode)
        form.addRow(_("Phase"), self.phase)
        form.addRow(_("Topics"), self.topics)
        form.addRow(_("Private notes"), self.notes)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        if initial is not None:
            self.held.setChecked(initial["status"] == "held")
            self.date.setDate(QDate(initial["date"]))
            self.duration.setValue(initial["duration_minutes"])
            self.mode.setCurrentIndex(max(0, self.mode.findData(initial["mode"])))
            self.phase.setCurrentIndex(max(0, self.phase.findData(initial["phase"])))
            self.topics.setText(initial["topics"])
            self.notes.setPlainText(initial["private_notes"])

    def values(self) -> dict:
        return {
            "date": self.date.date().toPython(),
            "duration_minutes": self.duration.value(),
            "status": "held" if self.held.isChecked() else "planned",
            "mode": self.mode.currentData(),
            "phase": self.phase.currentData(),
            "topics": self.topics.text(),
            "private_notes": self.notes.toPlainText(),
        }

    def accept(self) -> None:
        if self._save(self.values()):
            super().accept()
