"""A friendly panel shown where a table would be empty: what this place is for and what to do first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from westem_desktop.ui.widgets.heading import Heading

TEXT_WIDTH = 560
CENTRED = "qproperty-alignment: AlignCenter;"
HEADING_SCALE = 1.35


class EmptyState(QWidget):
    """A heading, an explanation and up to two action buttons, centred in the available space."""

    actionTriggered = Signal()
    secondTriggered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = Heading(HEADING_SCALE, self)
        self.heading.setObjectName("emptyStateHeading")
        # Alignment through the style sheet, not the Qt namespace (start path: see the README).
        self.heading.setStyleSheet(CENTRED)
        self.text = QLabel(self)
        self.text.setObjectName("emptyStateText")
        self.text.setStyleSheet(CENTRED)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("emptyStateButton")
        self.button.clicked.connect(self.actionTriggered)
        self.second = QPushButton(self)
        self.second.setObjectName("emptyStateSecondButton")
        self.second.clicked.connect(self.secondTriggered)
        self.second.hide()

        # A fixed-width column: word-wrapped labels only get their height right without an
        # alignment flag in the layout, so the column is centred with stretches instead.
        column = QWidget(self)
        column.setFixedWidth(TEXT_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.heading)
        inner.addSpacing(8)
        inner.addWidget(self.text)
        inner.addSpacing(16)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        buttons.addWidget(self.second)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def show_message(self, heading: str, text: str, action: str | None = None, second: str | None = None) -> None:
        self.heading.setText(heading)
        self.text.setText(text)
        self.button.setVisible(bool(action))
        self.button.setText(action or "")
        self.second.setVisible(bool(second))
        self.second.setText(second or "")
