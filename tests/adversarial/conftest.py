"""Fixtures shared by the adversarial tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def people(tmp_path: Path) -> Path:
    people = tmp_path / "people.csv"
    people.write_text("Name,E-mail,Role\nNew Mentee,new@uu.se,mentee\n", encoding="utf-8")
    return people
