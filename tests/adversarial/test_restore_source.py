"""Restoring from a file that could not be opened is refused like opening it, before anything is touched:
a text file, another application's database, a database saved by a newer version."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core.backup import list_backups, restore
from westem_desktop.core.errors import DatabaseNewerError, NotADatabaseError, NotAWestemDatabaseError


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "6"]) == 0
    return path


def other_application(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('abc123')")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    return path


def newer(database: Path, path: Path) -> Path:
    shutil.copyfile(database, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    return path


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda db, p: (p.write_text("not a database", encoding="utf-8"), p)[1], NotADatabaseError),
        (lambda db, p: other_application(p), NotAWestemDatabaseError),
        (newer, DatabaseNewerError),
    ],
)
def test_a_file_that_cannot_be_opened_is_not_restored(database: Path, tmp_path: Path, make, error) -> None:
    source = make(database, tmp_path / "source.sqlite")
    before = database.read_bytes()
    with pytest.raises(error):
        restore(source, database)
    assert database.read_bytes() == before
    assert list_backups(database) == []  # not even the before-restore copy: nothing was touched
