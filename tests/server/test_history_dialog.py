"""The History dialog over a real server: what a coordinator's change looks like to her, in her window."""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.server.conftest import Secured
from westem_desktop.core.models import Match, Meeting
from westem_desktop.ui.dialogs.history_dialog import HistoryDialog, show_history


class ServerDatabase:
    """What the window's database gives the dialog: ``is_server`` and ``reading()`` (as the engine's)."""

    is_server = True

    def __init__(self, engine) -> None:
        self.engine = engine

    @contextlib.contextmanager
    def reading(self):
        with Session(self.engine) as session:
            yield session


def shown_rows(dialog: HistoryDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_history_of_a_pair_shows_who_changed_what(secured: Secured, qtbot, monkeypatch) -> None:
    engine = secured.engine(secured.alice)
    with Session(engine) as session, session.begin():
        pair = session.scalars(select(Match.id)).one()
        session.add(Meeting(match_id=pair, date=dt.date(2026, 10, 1)))
    shown: list[HistoryDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    show_history(ServerDatabase(engine), "Mentee and Mentor", None, match_id=pair)
    engine.dispose()
    (dialog,) = shown
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "History of Mentee and Mentor"
    rows = shown_rows(dialog)
    assert rows[0][1:] == [secured.alice, "Meeting", "Added"]
    # Then what the administrator recorded when the pair was made: the pair itself among them.
    assert [secured.alice] == [row[1] for row in rows if row[1] == secured.alice]
    assert ["Pair", "Added"] in [row[2:] for row in rows]


def test_another_coordinator_sees_an_empty_history(secured: Secured, qtbot, monkeypatch) -> None:
    with secured.admin() as admin:
        pair = admin.execute("SELECT id FROM match ORDER BY id LIMIT 1").fetchone()[0]
        owner = admin.execute(
            "SELECT p.name FROM match m JOIN programme p ON p.id = m.programme_id WHERE m.id = %s", (pair,)
        ).fetchone()[0]
    other = secured.bob if owner == "Physics" else secured.alice
    engine = secured.engine(other)
    shown: list[HistoryDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    show_history(ServerDatabase(engine), "x", None, match_id=pair)
    engine.dispose()
    (dialog,) = shown
    qtbot.addWidget(dialog)
    assert shown_rows(dialog) == []


def test_the_register_dialog_lists_every_programmes_mentors(secured: Secured, qtbot, monkeypatch) -> None:
    from westem_desktop.ui.dialogs.register_dialog import RegisterDialog, show_register

    engine = secured.engine(secured.bob)
    shown: list[RegisterDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    show_register(ServerDatabase(engine), None)
    engine.dispose()
    (dialog,) = shown
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [row[:3] for row in rows] == [
        ["Mentor of Chemistry", "Chemistry", "mentor@Chemistry.example"],
        ["Mentor of Physics", "Physics", "mentor@Physics.example"],
    ]
    assert not any("private note" in cell for row in rows for cell in row)
