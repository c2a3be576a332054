"""Who changed what, and when: the server's audit rows for a participant or a pair (``core/server/audit.py``).

Only a database on a server keeps them; on a file the History… actions are not shown.
"""

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

from westem_desktop.core.server.audit import Change
from westem_desktop.i18n import _
from westem_desktop.ui.formatting import short_datetime
from westem_desktop.ui.widgets.focus import show_focus
from westem_desktop.ui.widgets.screen import resize_within_screen
from westem_desktop.ui.widgets.shared_columns import SharedColumns


def record_label(table: str) -> str:
    """What a table's row is, in the coordinator's words."""
    labels = {
        "programme": _("Programme"),
        "participant": _("Participant"),
        "mentor_request": _("Request"),
        "match": _("Pair"),
        "onboarding_item": _("Onboarding checklist"),
        "phase_progress": _("Phase"),
        "checklist_tick": _("Checklist of a phase"),
        "meeting": _("Meeting"),
        "agreement": _("Mentoring agreement"),
        "agreement_goal": _("Goal of the agreement"),
        "evaluation": _("Evaluation"),
        "evaluation_answer": _("Answer of an evaluation"),
        "certificate": _("Certificate"),
        "letter_template": _("Text of a letter"),
    }
    return labels.get(table, table)


def action_label(action: str) -> str:
    return {"insert": _("Added"), "update": _("Changed"), "delete": _("Deleted")}.get(action, action)


class HistoryDialog(QDialog):
    """The changes (newest first) to ``name``, a participant or a pair, and to what belongs to it."""

    def __init__(self, name: str, changes: list[Change], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(_("History of {name}").format(name=name))
        resize_within_screen(self, 640, 420)
        self.table = QTableWidget(len(changes), 4, self)
        show_focus(self.table)  # the focus is seen when the list is empty too
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(_("Changes"))
        self.table.setHorizontalHeaderLabels([_("When"), _("Who"), _("What"), _("Change")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.verticalHeader().hide()
        for row, change in enumerate(changes):
            when = change.when.astimezone().replace(tzinfo=None) if change.when.tzinfo else change.when
            cells = (short_datetime(when), change.role, record_label(change.table), action_label(change.action))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole text, where a narrow column cuts it short
                self.table.setItem(row, column, item)
        # The table never scrolls sideways: some columns as wide as their texts, the others share the rest.
        self.columns = SharedColumns(self.table, {0: 22, 1: 24, 3: 14}, (2,))
        if changes:
            self.table.selectRow(0)
        explanation = QLabel(
            _("Every change the server recorded, newest first: who made it (her login on the server) and when.")
            if changes
            else _("The server has recorded no change to it that you may see."),
            self,
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def is_server(db: object) -> bool:
    """Whether ``db`` is a database on a server (only there is the history kept)."""
    return bool(getattr(db, "is_server", False))


def show_history(
    db, name: str, parent: QWidget, *, participant_id: int | None = None, match_id: int | None = None
) -> None:
    """Read the history of a participant or a pair from ``db`` and show it."""
    from westem_desktop.core.server import audit

    with db.reading() as session:
        if participant_id is not None:
            changes = audit.participant_history(session, participant_id)
        else:
            changes = audit.pair_history(session, match_id)
    HistoryDialog(name, changes, parent).exec()
