"""The first start: create a programme, or look around in the demo programme first."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from westem_desktop.i18n import _


class FirstStartChoice(Enum):
    CREATE = "create"
    DEMO = "demo"
    LATER = "later"


class FirstStartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.choice = FirstStartChoice.LATER
        self.setWindowTitle(_("Welcome to WESTEM Desktop"))
        self.setMinimumWidth(480)
        heading = QLabel("<h2>{}</h2>".format(_("Welcome to WESTEM Desktop")), self)
        text = QLabel(
            _(
                "Everything you record stays in a file on this computer. Start by creating your "
                "programme, or open a demo programme with invented mentors and mentees to look around first."
            ),
            self,
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.create_button = QPushButton(_("Create a programme…"), self)
        self.create_button.setObjectName("createProgrammeButton")
        self.create_button.setDefault(True)
        self.demo_button = QPushButton(_("Open the demo programme"), self)
        self.demo_button.setObjectName("demoButton")
        self.later_button = QPushButton(_("Later"), self)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(lambda: self._choose(FirstStartChoice.CREATE))
        self.demo_button.clicked.connect(lambda: self._choose(FirstStartChoice.DEMO))
        self.later_button.clicked.connect(lambda: self._choose(FirstStartChoice.LATER))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addWidget(buttons)

    def _choose(self, choice: FirstStartChoice) -> None:
        self.choice = choice
        if choice is FirstStartChoice.LATER:
            self.reject()
        else:
            self.accept()
