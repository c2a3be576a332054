"""The shared mentor register of a server: the active mentors of every programme, without their notes
(``core/server/register.py``). Only a database on a server has one; on a file the action is not shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.core.server.register import RegisteredMentor
from westem_desktop.core.vocabulary import field_label, language_name
from westem_desktop.i18n import _
from westem_desktop.ui.widgets.focus import show_focus
from westem_desktop.ui.widgets.screen import resize_within_screen
from westem_desktop.ui.widgets.shared_columns import SharedColumns


class RegisterDialog(QDialog):
    def __init__(self, mentors: list[RegisteredMentor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.setWindowTitle(_("Mentor register"))
        resize_within_screen(self, 1040, 520)
        self.table = QTableWidget(len(mentors), 6, self)
        show_focus(self.table)  # the focus is seen when the list is empty too
        self.table.setObjectName("registerTable")
        self.table.setAccessibleName(_("Mentors of every programme"))
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Programme"), _("E-mail"), _("Fields of expertise"), _("Languages"), _("Capacity")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.verticalHeader().hide()
        for row, mentor in enumerate(mentors):
            cells = (
                mentor.name,
                mentor.programme,
                mentor.email or "",
                ", ".join(field_label(f) for f in mentor.fields),
                ", ".join(language_name(code) for code in mentor.languages),
                str(mentor.capacity),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole text, where a narrow column cuts it short
                self.table.setItem(row, column, item)
        # The table never scrolls sideways: some columns as wide as their texts, the others share the rest.
        self.columns = SharedColumns(self.table, {5: 10}, (0, 1, 2, 3, 4))
        if mentors:
            self.table.selectRow(0)
        explanation = QLabel(
            _(
                "The active mentors of every programme on this server, for every coordinator to see. "
                "To pair one with a mentee of yours, register her in your programme too."
            ),
            self,
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def show_register(db, parent: QWidget) -> None:
    """Read the mentor register from ``db`` (a server) and show it."""
    from westem_desktop.core.server.register import mentor_register

    with db.reading() as session:
        mentors = mentor_register(session)
    RegisterDialog(mentors, parent).exec()
