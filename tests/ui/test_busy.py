"""Busy feedback: the wait cursor while the work runs, back to normal after (also after an error), and
progress with Cancel for long work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from westem_desktop.ui.busy import busy, progress


def cursor() -> Qt.CursorShape | None:
    shown = QApplication.overrideCursor()
    return None if shown is None else shown.shape()


def test_busy_sets_the_wait_cursor_and_restores_it_also_on_error(qapp) -> None:
    assert cursor() is None
    with busy():
        assert cursor() == Qt.CursorShape.WaitCursor
    assert cursor() is None
    with pytest.raises(ValueError), busy():
        assert cursor() == Qt.CursorShape.WaitCursor
        raise ValueError("boom")
    assert cursor() is None


def test_progress_can_be_cancelled_and_cleans_up(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    with progress(parent, "Working…", 10) as step:
        assert cursor() == Qt.CursorShape.WaitCursor
        dialog = parent.findChild(QProgressDialog)
        assert dialog.minimumDuration() == 2000  # shows itself only when the work lasts
        assert dialog.labelText() == "Working…" and dialog.maximum() == 10
        assert step(3, 10) is True and dialog.value() == 3
        dialog.cancel()
        assert step(4, 10) is False  # the work stops at the next step
    assert cursor() is None
    assert not dialog.isVisible()

    with pytest.raises(OSError), progress(parent, "Working…", 5) as step:
        step(1, 5)
        raise OSError("disk full")
    assert cursor() is None


def test_a_long_batch_shows_progress_with_cancel_and_gives_the_arrow_back(qtbot) -> None:
    """Once the dialog is on screen, the Cancel button has the ordinary arrow, not the wait cursor."""
    parent = QWidget()
    qtbot.addWidget(parent)
    with progress(parent, "Working…", 10) as step:
        dialog = parent.findChild(QProgressDialog)
        dialog.setMinimumDuration(0)  # as if two seconds had passed
        step(1, 10)
        assert dialog.isVisible()
        assert cursor() is None
    assert cursor() is None


def test_an_export_runs_under_the_wait_cursor_and_a_failure_restores_it(window, monkeypatch, tmp_path: Path) -> None:
    from westem_desktop.core.views import participants as views

    seen: list[object] = []

    def export(db, programme_id, path) -> int:
        seen.append(cursor())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(views, "export_participants", export)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "p.xlsx"), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window.pages[0].export_participants()
    assert seen == [Qt.CursorShape.WaitCursor]
    assert cursor() is None and len(warnings) == 1  # the message is read with the ordinary cursor


def test_suggestions_are_computed_in_a_worker_without_the_wait_cursor(make_window, monkeypatch, tmp_path: Path, qtbot):
    """Long work with its own progress bar and Stop: the dialog stays usable, so no wait cursor."""
    import threading

    from westem_desktop.core.demo import create_demo_database
    from westem_desktop.ui.dialogs import suggestions_dialog

    path = tmp_path / "demo.sqlite"
    create_demo_database(path, participants=40, seed=3)
    window = make_window(path)
    seen: list[tuple[object, bool]] = []
    real = suggestions_dialog.suggest

    def suggest(*args, **kwargs):
        seen.append((cursor(), threading.current_thread() is threading.main_thread()))
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions_dialog, "suggest", suggest)
    dialog = suggestions_dialog.SuggestionsDialog(window.actions, window.programme_id, window)
    qtbot.waitUntil(lambda: not dialog.computing())
    dialog.run()  # a rerun with other weights
    qtbot.waitUntil(lambda: not dialog.computing())
    assert seen == [(None, False), (None, False)]
    assert dialog.table.rowCount() > 0
    dialog.close()
