"""Feedback while the application works: a busy cursor for anything that can take over 200 ms, and
progress with Cancel for anything that can take over 2 s.

    with busy():
        figures = programme_report(db, programme_id)

    with progress(parent, _("Writing certificates…"), len(docs)) as step:
        write_certificate_files(docs, language, folder, step)   # step(done, total) -> go on?

Both restore the cursor however the block ends (an error included). Not on the start path: import it
where the work is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from westem_desktop.i18n import _

PROGRESS_AFTER_MS = 2000
"""The progress dialog shows itself only when the work looks like lasting longer than this."""

Step = Callable[[int, int], bool]
"""``step(done, total)`` reports progress and says whether to go on (false once Cancel was clicked)."""


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor over the whole application while the block runs; restored after, also on error."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


@contextmanager
def progress(parent: QWidget | None, label: str, total: int) -> Iterator[Step]:
    """A busy cursor, and a progress dialog with Cancel that appears when the work lasts (over about
    2 s); the block is given ``step(done, total)``, which keeps the window painted and returns false
    once the user cancelled. The dialog is closed and the cursor restored however the block ends."""
    dialog = QProgressDialog(label, _("Cancel"), 0, max(total, 0), parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    waiting = [True]  # the wait cursor is on; it goes once the dialog shows, so Cancel has an arrow

    def step(done: int, total_now: int) -> bool:
        if total_now != dialog.maximum():
            dialog.setMaximum(max(total_now, 0))
        dialog.setValue(min(done, dialog.maximum()))
        if waiting[0] and dialog.isVisible():
            waiting[0] = False
            QApplication.restoreOverrideCursor()
        QApplication.processEvents()
        return not dialog.wasCanceled()

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield step
    finally:
        if waiting[0]:
            QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
