"""Ask for one date (for example, when the first contact of a pair was made)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from westem_desktop.ui.widgets.forms import date_edit


class DatePrompt(QDialog):
    def __init__(self, title: str, text: str, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datePrompt")
        self.setWindowTitle(title)
        message = QLabel(text, self)
        message.setWordWrap(True)
        self.date = date_edit(self, "date")
        form = QFormLayout()
        form.addRow(field, self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> dt.date:
        return self.date.date().toPython()
