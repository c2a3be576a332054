"""Nothing is written into a damaged file: SQLite's quick check runs before the first write of a session,
on the command line and in the window alike; the file's bytes stay as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core.backup import check_integrity, take_backup
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import DatabaseDamagedError

DAMAGED = "is damaged"


def damage(path: Path, table: str = "evaluation_answer") -> None:
    """Overwrite the page header of ``table``'s b-tree root page: SQLite's own header (page 1) and the
    schema stay valid, so the file still opens, but the quick check fails."""
    conn = sqlite3.connect(path)
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x00" * 8)
    assert check_integrity(path) is not None


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "12"]) == 0
    take_backup(path)  # a good backup to restore
    damage(path)
    return path


def test_a_command_that_writes_refuses_a_damaged_file(
    damaged: Path, writing_command: list[str], tmp_path: Path, capsys
) -> None:
    before = damaged.read_bytes()
    argv = [*writing_command, "--db", str(damaged)]
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert DAMAGED in err and "westem-desktop check" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert damaged.read_bytes() == before
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "c.pdf").exists()


def test_reading_a_damaged_file_still_works_where_the_damage_is_not(damaged: Path, tmp_path: Path) -> None:
    """Only writes are refused: the participants can still be exported from the sound part of the file."""
    before = damaged.read_bytes()
    assert main(["export", "participants", "--db", str(damaged), "-o", str(tmp_path / "p.csv")]) == 0
    assert "@" in (tmp_path / "p.csv").read_text(encoding="utf-8")
    assert main(["check", "--db", str(damaged)]) == 1
    assert damaged.read_bytes() == before


def test_the_first_write_of_a_session_is_checked_whatever_writes(damaged: Path) -> None:
    """The core refuses the write itself, not only the commands that ask first."""
    from westem_desktop.core.models import Programme

    before = damaged.read_bytes()
    with open_database(damaged) as db:
        with pytest.raises(DatabaseDamagedError, match=DAMAGED), db.session() as session:
            session.get_one(Programme, 1).name = "Changed"
        assert db.read().execute("SELECT count(*) FROM programme WHERE name = 'Changed'").fetchone() == (0,)
    assert damaged.read_bytes() == before


def test_a_sound_file_is_checked_once_per_session_and_then_written(tmp_path: Path, monkeypatch) -> None:
    from westem_desktop.core import db as db_module
    from westem_desktop.core.models import Programme

    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "4"]) == 0
    checks: list[object] = []
    real = db_module.integrity_problem
    monkeypatch.setattr(db_module, "integrity_problem", lambda conn: checks.append(conn) or real(conn))
    with open_database(path) as db:
        with db.reading() as session:  # a read runs no check
            session.get_one(Programme, 1)
        assert checks == []
        for name in ("First", "Second"):
            with db.session() as session:
                session.get_one(Programme, 1).name = name
        assert len(checks) == 1
    with open_database(path) as db:
        assert db.read().execute("SELECT name FROM programme WHERE id = 1").fetchone() == ("Second",)


def test_an_older_damaged_file_is_not_upgraded(damaged: Path) -> None:
    """A migration is a write too: a damaged file from an older version is refused before the upgrade
    (and before its backup, which would only copy the damage)."""
    conn = sqlite3.connect(damaged)
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    before = damaged.read_bytes()
    backups = sorted((damaged.parent / "backups").iterdir())
    with pytest.raises(DatabaseDamagedError, match=DAMAGED):
        open_database(damaged)
    assert damaged.read_bytes() == before
    assert sorted((damaged.parent / "backups").iterdir()) == backups


def test_the_window_refuses_the_write_and_offers_the_restore(damaged: Path, qtbot, monkeypatch) -> None:
    """A save in the window on a damaged file: nothing is written, the damage is named and the newest
    good backup is offered; accepted, it is restored and the damaged file is kept aside, unchanged."""
    from PySide6.QtWidgets import QMessageBox

    from westem_desktop.core.models import Programme
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.actions import Change
    from westem_desktop.ui.main_window import MainWindow

    before = damaged.read_bytes()
    asked: list[str] = []

    def question(_where, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    window = MainWindow(open_database(damaged), Settings())
    qtbot.addWidget(window)

    def rename(session) -> None:
        session.get_one(Programme, 1).name = "Renamed"

    outcome = window.actions.run(rename, Change.PROGRAMMES, window)
    assert not outcome
    assert len(asked) == 1 and DAMAGED in asked[0] and "Restore the newest good backup" in asked[0]
    # Restored: the window works on the good backup, and the damaged file is kept aside as it was.
    assert check_integrity(damaged) is None
    assert window.db.read().execute("SELECT name FROM programme WHERE id = 1").fetchone() != ("Renamed",)
    kept = list(damaged.parent.glob("*damaged*"))
    assert len(kept) == 1 and kept[0].read_bytes() == before
    window.db.close()
