"""Deleting an entered form's answers on a file that cannot be written: read-only, or held by another
program. The window says so in one sentence, the answers stay, the file is unchanged byte for byte, and
Edit ▸ Undo offers nothing (there is nothing to undo)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import ReadOnlyDatabaseError
from westem_desktop.core.evaluations import delete_evaluation


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "12"]) == 0
    return path


def entered_count(path: Path) -> tuple[int, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as plain:
        forms = plain.execute("SELECT count(*) FROM evaluation").fetchone()[0]
        answers = plain.execute("SELECT count(*) FROM evaluation_answer").fetchone()[0]
    plain.close()
    return forms, answers


def first_entered(path: Path) -> tuple[int, str, str, int | None]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as plain:
        row = plain.execute(
            "SELECT match_id, instrument, respondent_role, meeting_id FROM evaluation ORDER BY id LIMIT 1"
        ).fetchone()
    plain.close()
    return row


def open_window(path: Path, qtbot, monkeypatch) -> tuple[object, list[str], list[str]]:
    """The window on ``path``, the Evaluations tab showing an entered form; every confirmation answered Yes."""
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.main_window import MainWindow

    warned: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: warned.append(text))
    monkeypatch.setattr(
        QMessageBox, "question", lambda _w, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    window = MainWindow(open_database(path), Settings())
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(4)
    window.show()
    tab = window.pages[4]
    tab.state_filter.setCurrentIndex(tab.state_filter.findData("entered"))
    tab.view.selectRow(0)
    assert tab.current_form() is not None and tab.current_form().entered
    return window, warned, asked


def test_the_core_refuses_on_a_read_only_file(demo: Path) -> None:
    demo.chmod(0o400)
    before = demo.read_bytes()
    match_id, instrument, role, meeting_id = first_entered(demo)
    with (
        open_database(demo) as db,
        pytest.raises(ReadOnlyDatabaseError, match="is read-only"),
        db.session() as session,
    ):
        delete_evaluation(session, match_id, instrument, role, meeting_id=meeting_id)
    assert demo.read_bytes() == before


def test_the_window_disables_the_delete_on_a_read_only_file_and_a_delete_forced_through_says_so(
    demo: Path, qtbot, monkeypatch
) -> None:
    demo.chmod(0o400)
    before, counts = demo.read_bytes(), entered_count(demo)
    window, warned, asked = open_window(demo, qtbot, monkeypatch)
    tab = window.pages[4]
    try:
        assert not tab.delete_button.isEnabled() and not tab.delete_action.isEnabled()
        tab.delete_answers()  # as if a key got through: the write itself is refused
        assert len(asked) == 1
        assert len(warned) == 1 and "is read-only" in warned[0]
        assert not window.act_undo.isEnabled()  # a refused step is not kept
        assert tab.current_form().entered
    finally:
        window.close()
        window.db.close()
    assert demo.read_bytes() == before and entered_count(demo) == counts


def test_a_delete_while_another_program_holds_the_file_says_it_is_in_use_and_keeps_the_answers(
    demo: Path, qtbot, monkeypatch
) -> None:
    counts = entered_count(demo)
    window, warned, asked = open_window(demo, qtbot, monkeypatch)
    tab = window.pages[4]
    form = tab.current_form()
    other = sqlite3.connect(demo, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM programme WHERE id = -1")  # takes the lock for real
    try:
        tab.delete_answers()
        assert len(asked) == 1
        assert len(warned) == 1 and "is in use by another program right now" in warned[0]
        assert "nothing was changed" in warned[0]
        assert not window.act_undo.isEnabled()
    finally:
        other.rollback()
        other.close()
    try:
        assert entered_count(demo) == counts and tab.current_form() == form
    finally:
        window.close()
        window.db.close()
