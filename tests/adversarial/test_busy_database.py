"""A database held by another program is in use, not damaged: the command line says so with exit code 3,
the window offers to try again and never a restore, and nothing is changed or moved aside."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core.backup import list_backups, take_backup
from westem_desktop.core.db import open_database, read_revision
from westem_desktop.core.errors import DatabaseBusyError

IN_USE = "is in use by another program right now"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "8"]) == 0
    take_backup(path)  # a good backup exists: it must not be offered for a file that is only busy
    return path


def held(path: Path, how: str) -> Iterator[sqlite3.Connection]:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute(f"BEGIN {how}")
    if how == "EXCLUSIVE":
        other.execute("DELETE FROM programme WHERE id = -1")  # takes the lock for real
    return other


def test_a_locked_file_is_in_use_not_damaged(database: Path, capsys) -> None:
    before = database.read_bytes()
    other = held(database, "EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusyError, match=IN_USE):
            read_revision(database)
        capsys.readouterr()
        assert main(["check", "--db", str(database)]) == 3
        assert IN_USE in capsys.readouterr().err
        assert main(["export", "participants", "--db", str(database), "-o", str(database.parent / "x.csv")]) == 3
    finally:
        other.rollback()
        other.close()
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.glob("*damaged*")) == []
    assert main(["check", "--db", str(database)]) == 0


def test_a_write_waiting_for_another_programs_lock_gives_up_with_exit_3(database: Path, tmp_path, capsys) -> None:
    people = tmp_path / "people.csv"
    people.write_text("Name,E-mail,Role\nNew Mentee,new@uu.se,mentee\n", encoding="utf-8")
    other = held(database, "IMMEDIATE")
    try:
        capsys.readouterr()
        assert main(["import", "participants", str(people), "--db", str(database)]) == 3
        err = capsys.readouterr().err
        assert IN_USE in err and "Traceback" not in err
    finally:
        other.rollback()
        other.close()
    with open_database(database) as db:
        assert db.read().execute("SELECT count(*) FROM participant WHERE email = 'new@uu.se'").fetchone() == (0,)


def test_the_window_offers_to_try_again_never_a_restore(database: Path, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from westem_desktop.ui.app import open_with_dialogs

    other = held(database, "EXCLUSIVE")
    offered: list[list[str]] = []
    texts: list[str] = []

    def exec_(box: QMessageBox) -> int:
        offered.append([b.text() for b in box.buttons()])
        texts.append(box.text())
        if len(offered) == 1:  # the coordinator closes the other program, then tries again
            other.rollback()
            other.close()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(
        QMessageBox, "clickedButton", lambda box: next(b for b in box.buttons() if b.text() == "Try again")
    )
    opened = open_with_dialogs(database)
    assert opened is not None
    opened.close()
    assert len(offered) == 1 and IN_USE in texts[0]
    assert not any("Restore" in text for text in offered[0])
    assert len(list_backups(database)) == 1 and not list(database.parent.glob("*damaged*"))
