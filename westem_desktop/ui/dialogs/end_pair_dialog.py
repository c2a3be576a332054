"""End a pair without blame: the date and the reason (the manual's termination clause)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from westem_desktop.i18n import _
from westem_desktop.ui.widgets.forms import date_edit


class EndPairDialog(QDialog):
    def __init__(self, mentor: str, mentee: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("endPairDialog")
        self.setWindowTitle(_("End the pair"))
        text = QLabel(
            _(
                "Either of them may end the mentoring by her own decision, without question or blame, "
                "by informing the other. End the pair of {mentor} and {mentee}? The mentor’s place becomes free."
            ).format(mentor=mentor, mentee=mentee),
            self,
        )
        text.setWordWrap(True)
        self.ended_on = date_edit(self, "ended_on")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(_("Ended on"), self.ended_on)
        form.addRow(_("Reason (optional)"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.end_button = buttons.addButton(_("&End the pair"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.end_button.setObjectName("endPair")
        self.end_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> tuple[dt.date, str]:
        return self.ended_on.date().toPython(), self.reason.toPlainText()
