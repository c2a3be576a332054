"""The Suggestions dialog works out the pairs in a worker thread: it opens at once with a progress bar and
Stop, stopping mid-way leaves the pairs shown as they were, and closing while it computes is safe."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from westem_desktop.core.models import Match
from westem_desktop.ui.dialogs import suggestions_dialog
from westem_desktop.ui.dialogs.suggestions_dialog import MENTEE, SuggestionsDialog


@pytest.fixture
def demo_window(make_window, tmp_path: Path):
    from westem_desktop.core.demo import create_demo_database

    path = tmp_path / "demo.sqlite"
    create_demo_database(path, participants=60, seed=5)
    return make_window(path)


class Gate:
    """Holds the real ``suggest`` in its worker at the first cancel check until the test lets go (or the
    dialog cancels): the computation is then mid-way for as long as the test needs."""

    def __init__(self, monkeypatch) -> None:
        self.entered, self.go = threading.Event(), threading.Event()
        self.threads: list[bool] = []
        real = suggestions_dialog.suggest

        def suggest(*args, cancelled, **kwargs):
            self.threads.append(threading.current_thread() is threading.main_thread())

            def check() -> bool:
                self.entered.set()
                while not self.go.is_set() and not cancelled():
                    self.go.wait(0.01)
                return cancelled()

            return real(*args, cancelled=check, **kwargs)

        monkeypatch.setattr(suggestions_dialog, "suggest", suggest)


def rows(dialog: SuggestionsDialog) -> list[str]:
    return [dialog.table.item(r, MENTEE).text() for r in range(dialog.table.rowCount())]


def test_the_dialog_opens_at_once_and_shows_progress_while_the_worker_computes(demo_window, monkeypatch, qtbot):
    gate = Gate(monkeypatch)
    dialog = SuggestionsDialog(demo_window.actions, demo_window.programme_id, demo_window)
    dialog.show()
    assert gate.entered.wait(5)
    assert dialog.computing() and gate.threads == [False]  # not on the GUI thread
    assert dialog.progress_row.isVisible() and dialog.stop_button.isEnabled()
    assert not dialog.run_button.isEnabled() and not dialog.accept_button.isEnabled()
    gate.go.set()
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=10_000)
    assert not dialog.progress_row.isVisible() and dialog.run_button.isEnabled()
    assert dialog.table.rowCount() > 0 and dialog.accept_button.isEnabled()
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    dialog.close()


def test_stop_mid_way_leaves_the_suggestions_shown_and_nothing_changed(demo_window, monkeypatch, qtbot):
    dialog = SuggestionsDialog(demo_window.actions, demo_window.programme_id, demo_window)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=10_000)
    before, suggestions = rows(dialog), dialog.suggestions
    with demo_window.db.reading() as session:
        pairs = session.scalar(select(func.count(Match.id)))
    gate = Gate(monkeypatch)
    dialog.level_boxes["language"].setCurrentIndex(dialog.level_boxes["language"].findData("off"))
    dialog.run()
    assert gate.entered.wait(5)
    qtbot.mouseClick(dialog.stop_button, suggestions_dialog.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=10_000)
    assert rows(dialog) == before and dialog.suggestions is suggestions
    assert dialog.status.isVisible() and dialog.status.text() == "Stopped. Press Suggest to start again."
    assert dialog.run_button.isEnabled() and not dialog.progress_row.isVisible()
    with demo_window.db.reading() as session:
        assert session.scalar(select(func.count(Match.id))) == pairs
    gate.go.set()
    dialog.run()  # and it can start again
    qtbot.waitUntil(lambda: not dialog.computing(), timeout=10_000)
    assert not dialog.status.isVisible() and dialog.table.rowCount() > 0
    dialog.close()


def test_closing_while_computing_stops_the_worker_and_changes_nothing(demo_window, monkeypatch, qtbot):
    with demo_window.db.reading() as session:
        pairs = session.scalar(select(func.count(Match.id)))
    gate = Gate(monkeypatch)
    dialog = SuggestionsDialog(demo_window.actions, demo_window.programme_id, demo_window)
    dialog.show()
    assert gate.entered.wait(5)
    thread = dialog._thread
    dialog.reject()  # Cancel, Escape or the window's close button
    assert thread.isFinished() and not dialog.computing() and not dialog.isVisible()
    qtbot.wait(50)  # the stopped worker's signals, if any, reach a dialog that has let it go
    assert dialog.table.rowCount() == 0
    with demo_window.db.reading() as session:
        assert session.scalar(select(func.count(Match.id))) == pairs
