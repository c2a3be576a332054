"""The Suggestions dialog's worker under stress: stopped mid-way through the real computation, and a
database held by another program while the dialog works and creates pairs. Nothing may change that the
coordinator did not ask for, and the dialog must say what happened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from westem_desktop.core import db as core_db
from westem_desktop.ui.dialogs import suggestions_dialog
from westem_desktop.ui.dialogs.suggestions_dialog import MENTEE, SuggestionsDialog


@pytest.fixture
def demo_window(qtbot, tmp_path: Path):
    from westem_desktop.core.db import open_database
    from westem_desktop.core.demo import create_demo_database
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.main_window import MainWindow

    path = tmp_path / "demo.sqlite"
    create_demo_database(path, participants=600, seed=11)
    window = MainWindow(open_database(path), Settings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    yield window
    window.db.close()


def count_pairs(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM match").fetchone()[0]


def test_stop_in_the_middle_of_the_real_assignment(demo_window, monkeypatch, qtbot) -> None:
    dialog = SuggestionsDialog(demo_window.actions, demo_window.programme_id, demo_window)
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=20_000)
    shown = [dialog.table.item(r, MENTEE).text() for r in range(dialog.table.rowCount())]
    before = demo_window.db.path.read_bytes()
    real = suggestions_dialog.suggest
    seen: list[tuple[int, int]] = []

    def suggest(*args, progress, **kwargs):
        def step(done: int, total: int) -> None:
            seen.append((done, total))
            if done > total // 2:  # the scores are done and the assignment under way: Stop is pressed
                dialog._worker.cancel()
            progress(done, total)

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(suggestions_dialog, "suggest", suggest)
    dialog.level_boxes["field"].setCurrentIndex(dialog.level_boxes["field"].findData("must"))
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=20_000)
    done, total = seen[-1]
    assert total // 2 < done < total, "stopped mid-way, not at the end"
    assert dialog.status.text() == "Stopped. Press Suggest to start again."
    assert [dialog.table.item(r, MENTEE).text() for r in range(dialog.table.rowCount())] == shown
    assert demo_window.db.path.read_bytes() == before
    dialog.close()


def test_a_database_held_by_another_program_refuses_the_pairs_and_keeps_the_dialog(
    demo_window, monkeypatch, qtbot
) -> None:
    monkeypatch.setattr(core_db, "BUSY_TIMEOUT_MS", 200)
    path = Path(demo_window.db.path)
    pairs = count_pairs(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    try:
        dialog = SuggestionsDialog(demo_window.actions, demo_window.programme_id, demo_window)
        qtbot.waitUntil(lambda: not dialog.computing(), timeout=20_000)
        assert dialog.table.rowCount() > 0  # reading and working out the pairs need no write lock
        dialog.apply()
        assert len(warnings) == 1 and "in use by another program" in warnings[0]
        assert not dialog.applied and dialog.table.rowCount() > 0
    finally:
        other.rollback()
        other.close()
    assert count_pairs(path) == pairs
    dialog.apply()  # the other program is done: now it works
    assert dialog.applied and count_pairs(path) > pairs
