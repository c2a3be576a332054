"""Backups and the integrity check around an open database, off the user's way.

When the window opens, a thread takes the automatic backup, rotates the old ones and runs SQLite's
quick check; a damaged database is reported with the offer to restore the newest good backup. When
the window closes, one more backup is taken.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from westem_desktop.core.backup import automatic_backup


class Maintenance(QObject):
    """``finished(reason)``: reason is None when the database is sound, else SQLite's message."""

    finished = Signal(object)

    def __init__(self, database: Path, folder: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database, self.folder = database, folder

    def run(self) -> str | None:
        return automatic_backup(self.database, self.folder)

    def start(self) -> threading.Thread:
        def work() -> None:
            self.finished.emit(self.run())

        thread = threading.Thread(target=work, name="westem-maintenance", daemon=True)
        thread.start()
        return thread
