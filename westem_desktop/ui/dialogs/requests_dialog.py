"""Self-matching: record a mentee's requests to up to three mentors (best first), and the mentors' answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.enums import MAX_REQUESTS
from westem_desktop.core.pairs import answer_request, record_requests
from westem_desktop.core.read import free_people
from westem_desktop.core.views.matches import requests
from westem_desktop.i18n import _, format_date
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.widgets.focus import show_focus
from westem_desktop.ui.widgets.forms import error_label, show_field_error
from westem_desktop.ui.widgets.screen import resize_within_screen


class RequestsDialog(QDialog):
    """``changed`` is True once something was recorded."""

    def __init__(self, actions: ActionRunner, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestsDialog")
        self.setWindowTitle(_("Mentees’ requests"))
        resize_within_screen(self, 760, 520)
        self.actions, self.db, self.programme_id = actions, actions.db, programme_id
        self.changed = False

        new_box = QGroupBox(_("New request"), self)
        form = QFormLayout(new_box)
        self.mentee = QComboBox(new_box)
        self.mentee.setObjectName("requestMentee")
        form.addRow(_("Mentee"), self.mentee)
        self.choices: list[QComboBox] = []
        for rank in range(1, MAX_REQUESTS + 1):
            combo = QComboBox(new_box)
            combo.setObjectName(f"requestMentor{rank}")
            form.addRow(_("Choice {n}").format(n=rank), combo)
            self.choices.append(combo)
        record = QPushButton(_("Record the request"), new_box)
        record.setObjectName("recordRequest")
        record.clicked.connect(self.record)
        form.addRow("", record)

        self.pending = QTableWidget(self)
        show_focus(self.pending)  # the focus is seen when the list is empty too
        self.pending.setObjectName("pendingRequests")
        self.pending.setColumnCount(5)
        self.pending.setHorizontalHeaderLabels([_("Mentee"), _("Choice"), _("Mentor"), _("Asked on"), _("Answer")])
        self.pending.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pending.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pending.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pending.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.pending.verticalHeader().hide()
        self.pending.horizontalHeader().setStretchLastSection(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("declineReason")
        self.reason.setPlaceholderText(_("Reason for declining (optional)"))
        accept = QPushButton(_("The mentor accepts"), self)
        accept.setObjectName("acceptRequest")
        accept.clicked.connect(lambda: self.answer(True))
        decline = QPushButton(_("The mentor declines"), self)
        decline.setObjectName("declineRequest")
        decline.clicked.connect(lambda: self.answer(False))
        answers = QHBoxLayout()
        answers.addWidget(self.reason, 1)
        answers.addWidget(accept)
        answers.addWidget(decline)
        answered_box = QGroupBox(_("Requests and the mentors’ answers"), self)
        answered = QVBoxLayout(answered_box)
        answered.addWidget(self.pending)
        answered.addLayout(answers)

        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(new_box)
        layout.addWidget(answered_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        mentees, mentors = free_people(self.db.read(), self.programme_id)
        self.mentee.clear()
        for person in mentees:
            self.mentee.addItem(person.name, person.id)
        for combo in self.choices:
            combo.clear()
            combo.addItem(_("none"), None)
            for person in mentors:
                combo.addItem(person.name, person.id)
        rows = requests(self.db, self.programme_id)
        self.pending.setRowCount(len(rows))
        for row, request in enumerate(rows):
            asked = format_date(request.requested_on, "medium")
            texts = (request.mentee, str(request.rank), request.mentor, asked, request.answer)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, request.id)
                self.pending.setItem(row, column, item)
        self.pending.resizeColumnsToContents()

    def _write(self, write) -> bool:
        if not self.actions.run(write, Change.PAIRS, self, line=self.error):
            return False
        self.changed = True
        self.reload()
        return True

    def record(self) -> bool:
        mentee = self.mentee.currentData()
        mentors = [combo.currentData() for combo in self.choices if combo.currentData() is not None]
        if mentee is None or not mentors:
            show_field_error(self, self.error, _("Choose the mentee and at least one mentor."), "requestMentee")
            return False
        return self._write(lambda session: record_requests(session, mentee, mentors))

    def answer(self, accept: bool) -> bool:
        rows = self.pending.selectionModel().selectedRows()
        if not rows:
            show_field_error(self, self.error, _("Choose a request in the list first."), "pendingRequests")
            return False
        request_id = self.pending.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        reason = self.reason.text()
        done = self._write(lambda session: answer_request(session, request_id, accept, reason))
        if done:
            self.reason.clear()
        return done
