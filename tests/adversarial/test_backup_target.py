"""`backup -o` never replaces a file: not another database, not the database itself, not a document or a
folder; a refusal is one clear line and exit 1, and a backup is written whole or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.platforms import assert_private
from westem_desktop.cli import main


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "10"]) == 0
    return path


def refused(database: Path, target: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["backup", "--db", str(database), "-o", str(target)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    return captured.err.strip()


def test_another_database_is_not_overwritten(database: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "westem-2024.sqlite"
    assert main(["demo", "--db", str(other), "--participants", "12", "--seed", "9"]) == 0
    before = other.read_bytes()
    assert refused(database, other, capsys) == (
        f"{other} already exists; a backup never replaces a file. Choose a new file name."
    )
    assert other.read_bytes() == before


def test_the_database_itself_is_refused_at_once(database: Path, capsys) -> None:
    before = database.read_bytes()
    message = refused(database, database, capsys)
    assert message == "A backup cannot be written over the database itself; choose another file name."
    assert database.read_bytes() == before
    assert refused(database, database.parent / "." / database.name, capsys) == message


def test_a_document_or_a_folder_is_refused(database: Path, tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    assert "already exists" in refused(database, notes, capsys)
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert refused(database, tmp_path, capsys) == f"{tmp_path} is a folder; choose a file name for the backup."


def test_a_new_backup_is_whole_and_leaves_no_part(database: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "copies" / "backup.sqlite"
    assert main(["backup", "--db", str(database), "-o", str(target)]) == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM participant").fetchone() == (10,)
    assert [p.name for p in target.parent.iterdir()] == ["backup.sqlite"]
    assert_private(target)
