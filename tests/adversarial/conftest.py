"""Fixtures shared by the adversarial tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def people(tmp_path: Path) -> Path:
    people = tmp_path / "people.csv"
    people.write_text("Name,E-mail,Role\nNew Mentee,new@uu.se,mentee\n", encoding="utf-8")
    return people


WRITING_COMMANDS = [
    ["import", "participants", "{people}"],
    ["import", "participants", "{people}", "--dry-run"],
    ["demo", "--participants", "4"],
    ["match", "suggest", "--apply"],
    ["print", "agreement", "--match", "1", "-o", "{out}/a.pdf"],
    ["print", "certificates", "--all-closed", "-o", "{out}/c.pdf"],
    ["privacy", "erase", "--email", "nobody@example.org"],
]


@pytest.fixture(params=WRITING_COMMANDS, ids=lambda command: " ".join(p for p in command if "{" not in p))
def writing_command(request, people: Path, tmp_path: Path) -> list[str]:
    """A command line that would write to the database (``--db`` still to add); PDFs go to ``tmp_path``."""
    return [part.format(people=people, out=tmp_path) for part in request.param]
