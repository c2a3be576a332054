"""Choose a backup to restore: date, size and what it holds."""

from __future__ import annotations

from pathlib import Path

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

from westem_desktop.core.backup import BackupInfo, list_backups
from westem_desktop.i18n import _
from westem_desktop.ui.formatting import decimal, short_datetime
from westem_desktop.ui.widgets.focus import show_focus
from westem_desktop.ui.widgets.screen import resize_within_screen


class RestoreDialog(QDialog):
    def __init__(self, database: Path, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore a backup"))
        resize_within_screen(self, 640, 420)
        self.backups: list[BackupInfo] = list_backups(database, folder)
        self.chosen: BackupInfo | None = None
        self.table = QTableWidget(len(self.backups), 4, self)
        show_focus(self.table)  # the focus is seen when the list is empty too
        self.table.setObjectName("backups")
        self.table.setAccessibleName(_("Backups"))
        self.table.setHorizontalHeaderLabels([_("Taken"), _("Size"), _("Programmes"), _("Participants")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, info in enumerate(self.backups):
            damaged = _("damaged")
            cells = (
                short_datetime(info.taken),
                _("{size} MB").format(size=decimal(info.size / 1_000_000)),
                damaged if info.programmes is None else str(info.programmes),
                damaged if info.participants is None else str(info.participants),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        # Each column as wide as its title or widest cell in the current font (a large platform font too).
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton(_("&Restore the backup"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreTheBackup")
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(bool(self.backups))  # nothing to restore: only Cancel
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Restoring first saves the current database as a backup."), self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.chosen = self.backups[rows[0].row()] if rows else None
        super().accept()
