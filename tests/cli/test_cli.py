"""The command line as scripts use it: exit codes, messages, the demo programme."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from westem_desktop import __version__
from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Match, Participant, Programme


def _counts(path: Path) -> tuple[int, int, int]:
    with open_database(path) as db, db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Programme)),
            session.scalar(select(func.count()).select_from(Participant)),
            session.scalar(select(func.count()).select_from(Match)),
        )


def test_demo_creates_a_programme(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "60", "--seed", "3"]) == 0
    programmes, participants, pairs = _counts(db)
    assert (programmes, participants) == (1, 60)
    assert pairs > 0
    out = capsys.readouterr().out
    assert "60 participants" in out and f"{pairs} pairs" in out and str(db) in out


def test_demo_is_deterministic(tmp_path: Path) -> None:
    def names(path: Path) -> list[tuple[str, str | None]]:
        with open_database(path) as db, db.session() as session:
            return [
                tuple(r) for r in session.execute(select(Participant.name, Participant.email).order_by(Participant.id))
            ]

    for name in ("a.sqlite", "b.sqlite"):
        assert main(["demo", "--db", str(tmp_path / name), "--participants", "30", "--seed", "7"]) == 0
    assert names(tmp_path / "a.sqlite") == names(tmp_path / "b.sqlite")


def test_demo_needs_a_database_path(capsys) -> None:
    assert main(["demo"]) == 1
    assert "--db PATH" in capsys.readouterr().err


def test_demo_refuses_a_file_that_is_not_a_database(tmp_path: Path, capsys) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("my notes, not a database\n")
    assert main(["demo", "--db", str(text)]) == 1
    assert "is not a WESTEM Desktop database" in capsys.readouterr().err
    assert text.read_text() == "my notes, not a database\n"


def test_demo_messages_in_swedish(tmp_path: Path, capsys) -> None:
    assert main(["demo", "--lang", "sv", "--db", str(tmp_path / "sv.sqlite"), "--participants", "10"]) == 0
    out = capsys.readouterr().out
    assert "Skapade" in out and "Created" not in out


def test_module_entry_point_reports_its_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "westem_desktop", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"WESTEM Desktop {__version__}"
