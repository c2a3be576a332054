"""Open tabs learn of other coordinators' changes on a server: the listener's socket (core/changes.py)
watched by a ``QSocketNotifier``; an announcement for the programme on screen reloads the tabs that show
what it changed (the same ``changed`` signal as one's own writes), and the status bar says so briefly.
A file has one writer: nothing is watched there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier

from westem_desktop.i18n import _
from westem_desktop.ui.actions import Change

if TYPE_CHECKING:
    from westem_desktop.core.changes import ChangeListener
    from westem_desktop.core.db import Database
    from westem_desktop.ui.main_window import MainWindow


class ServerChanges(QObject):
    """Watches the window's database for others' writes while it is a server's."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self.bind(window.actions.db)

    def bind(self, db: Database) -> None:
        """Watch ``db`` (another database was opened): a server's, else nothing."""
        self.stop()
        if getattr(db, "is_server", False):
            from westem_desktop.core.changes import ChangeListener

            self.watch(ChangeListener(db.engine))

    def watch(self, listener: ChangeListener) -> None:
        self.stop()
        self.listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.arrived)

    def arrived(self) -> None:
        """Announcements came: reload what they changed in the programme on screen."""
        if self.listener is None:
            return
        import psycopg

        try:
            pending = self.listener.pending()
        except psycopg.Error:  # the server went away (restarted, the database dropped): watch no more
            self.stop()
            lost = _("The connection to the server was lost: others' changes are shown once you connect again.")
            self.window.statusBar().showMessage(lost)
            return
        changes = Change(0)
        for announcement in pending:
            if announcement.area == "PROGRAMMES" or announcement.programme_id in (None, self.window.programme_id):
                changes |= Change[announcement.area]
        if changes:
            self.window.actions.changed.emit(changes)
            self.window.statusBar().showMessage(_("Another coordinator's change was loaded."), 5000)

    def stop(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None
