"""`westem-desktop privacy export` and `privacy erase` as a coordinator uses them for one person."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.platforms import assert_private
from westem_desktop.cli import main
from westem_desktop.core.backup import take_backup
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Participant, Programme

EMAIL = "ines.oddbjorn@example.org"


def register(path: Path, programme_name: str, name: str = "Ines Oddbjørn", email: str = EMAIL) -> None:
    with open_database(path) as db, db.session() as session:
        programme = session.scalar(select(Programme).where(Programme.name == programme_name))
        if programme is None:
            programme = Programme(name=programme_name)
            session.add(programme)
            session.flush()
        session.add(
            Participant(programme_id=programme.id, role="mentee", name=name, email=email, notes="likes robotics")
        )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "10"]) == 0
    register(path, "STEM 2026")
    return path


def test_export_writes_everything_stored_about_her(database: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "ines.txt"
    capsys.readouterr()
    assert (
        main(["privacy", "export", "--db", str(database), "--email", "INES.Oddbjorn@example.org", "-o", str(target)])
        == 0
    )
    assert capsys.readouterr().out == f"Everything stored about {EMAIL} was written to {target}.\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Everything WESTEM Desktop stores about Ines Oddbjørn")
    assert EMAIL in text and "likes robotics" in text and "STEM 2026" in text
    assert_private(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_covers_each_of_her_programmes(database: Path, tmp_path: Path) -> None:
    register(database, "ICT 2027")
    target = tmp_path / "ines.txt"
    assert main(["privacy", "export", "--db", str(database), "--email", EMAIL, "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "STEM 2026" in text and "ICT 2027" in text


def test_erase_removes_her_and_cleans_the_backups(database: Path, capsys) -> None:
    take_backup(database)
    capsys.readouterr()
    assert main(["privacy", "erase", "--db", str(database), "--email", EMAIL]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.splitlines()[:2] == [
        f"The personal data of {EMAIL} in “STEM 2026” was erased.",
        "1 backup was cleaned as well.",
    ]
    with open_database(database) as db, db.session() as session:
        assert session.scalar(select(Participant).where(Participant.email == EMAIL)) is None
        assert session.scalar(select(Participant).where(Participant.erased_at.is_not(None))).name == ""


def test_erase_in_one_programme_keeps_her_in_the_other(database: Path, capsys) -> None:
    register(database, "ICT 2027")
    assert main(["privacy", "erase", "--db", str(database), "--email", EMAIL, "--programme", "ICT 2027"]) == 0
    with open_database(database) as db, db.session() as session:
        left = session.scalars(select(Participant).where(Participant.email == EMAIL)).all()
        assert [person.programme.name for person in left] == ["STEM 2026"]


def test_the_command_is_listed_in_the_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "westem_desktop", "privacy", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "export" in done.stdout and "erase" in done.stdout
