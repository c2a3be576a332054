"""`privacy export` and `privacy erase` refuse with one clear line and exit 1 (3 when the database is in
use), and then nothing is written or erased: an unknown e-mail, an e-mail in several programmes without
--programme, an unknown programme, an export file that exists or is a folder, an address with escapes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from westem_desktop.cli import main
from westem_desktop.core.backup import take_backup
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Participant, Programme

EMAIL = "ines.oddbjorn@example.org"


def register(path: Path, programme_name: str) -> None:
    with open_database(path) as db, db.session() as session:
        programme = Programme(name=programme_name)
        session.add(programme)
        session.flush()
        session.add(Participant(programme_id=programme.id, role="mentee", name="Ines Oddbjørn", email=EMAIL))


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "10"]) == 0
    register(path, "STEM 2026")
    register(path, "ICT 2027")
    take_backup(path)
    return path


def snapshot(database: Path) -> dict[str, bytes]:
    files = [database, *sorted((database.parent / "backups").iterdir())]
    return {path.name: path.read_bytes() for path in files}


def refused(argv: list[str], capsys, code: int = 1) -> str:
    capsys.readouterr()
    assert main(argv) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    assert len(captured.err.splitlines()) == 1
    return captured.err.strip()


def erase(database: Path, *more: str) -> list[str]:
    return ["privacy", "erase", "--db", str(database), *more]


def test_an_unknown_address_is_refused(database: Path, capsys) -> None:
    before = snapshot(database)
    message = refused(erase(database, "--email", "nobody@example.org"), capsys)
    assert message == "No participant has the e-mail address nobody@example.org."
    assert snapshot(database) == before


def test_an_address_in_several_programmes_needs_the_programme(database: Path, capsys) -> None:
    before = snapshot(database)
    message = refused(erase(database, "--email", EMAIL), capsys)
    assert message == (
        f"{EMAIL} is registered in several programmes: “STEM 2026”, “ICT 2027”. Choose one with --programme NAME."
    )
    assert snapshot(database) == before


def test_an_unknown_programme_is_refused(database: Path, capsys) -> None:
    before = snapshot(database)
    assert refused(erase(database, "--email", EMAIL, "--programme", "Nope"), capsys) == (
        "There is no programme called “Nope”."
    )
    name = "Demo: STEM peer mentoring 2025/26"
    assert refused(erase(database, "--email", EMAIL, "--programme", name), capsys) == (
        f"{EMAIL} is not registered in the programme “{name}”."
    )
    assert snapshot(database) == before


def test_a_hostile_address_is_echoed_made_visible(database: Path, capsys) -> None:
    message = refused(erase(database, "--email", "x\x1b[2J@example.org"), capsys)
    assert "\x1b" not in message and "No participant has the e-mail address" in message


def test_a_database_in_use_exits_3_and_erases_nothing(database: Path, capsys) -> None:
    before = snapshot(database)
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM programme WHERE id = -1")
    try:
        message = refused(erase(database, "--email", EMAIL, "--programme", "ICT 2027"), capsys, code=3)
    finally:
        other.rollback()
        other.close()
    assert "is in use by another program" in message
    assert snapshot(database) == before


def test_an_export_never_replaces_a_file(database: Path, tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    base = ["privacy", "export", "--db", str(database), "--email", EMAIL, "-o"]
    assert refused([*base, str(notes)], capsys) == (
        f"{notes} already exists; the export never replaces a file. Choose a new file name."
    )
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert refused([*base, str(database)], capsys).startswith(f"{database} already exists")
    assert refused([*base, str(tmp_path)], capsys) == f"{tmp_path} is a folder; choose a file name for the export."
    target = tmp_path / "ines.txt"
    assert refused(["privacy", "export", "--db", str(database), "--email", "no@x.org", "-o", str(target)], capsys) == (
        "No participant has the e-mail address no@x.org."
    )
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_erased_person_cannot_be_erased_or_exported_again(database: Path, tmp_path: Path, capsys) -> None:
    assert main(erase(database, "--email", EMAIL, "--programme", "ICT 2027")) == 0
    assert main(erase(database, "--email", EMAIL)) == 0  # now only in STEM 2026
    assert refused(erase(database, "--email", EMAIL), capsys) == f"No participant has the e-mail address {EMAIL}."
    with open_database(database) as db, db.session() as session:
        assert session.scalars(select(Participant.name).where(Participant.erased_at.is_not(None))).all() == ["", ""]
