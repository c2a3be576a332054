"""After an erasure or anonymising was saved: the same erasure in the backups, and what became of them.

The window and the command line share ``core.erasure.finish_erasure``; this shows its result: the
backups cleaned, those that could not be and until when each is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from westem_desktop.core.erasure import ErasureResult, finish_erasure
from westem_desktop.core.privacy import Erased


def clean_backups(
    where: QWidget, database: Path | None, erased: Erased, title: str, summary: str
) -> ErasureResult | None:
    """Erase ``erased`` from every backup of ``database`` (also in the backup folder the window uses),
    compact the file and show the outcome over ``where``; on a server (``database`` None: no local
    backups), the summary alone."""
    if database is None:
        QMessageBox.information(where, title, summary)
        return None
    window = where.window()
    chosen = window.backup_folder() if hasattr(window, "backup_folder") else None
    result = finish_erasure(database, erased, chosen)
    warnings = result.warning_lines()
    text = "\n".join([summary, "", *result.done_lines(), *warnings])
    if warnings:
        QMessageBox.warning(where, title, text)
    else:
        QMessageBox.information(where, title, text)
    return result
