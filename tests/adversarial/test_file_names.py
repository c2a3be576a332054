"""Hostile or unlucky file names: a database path with "%41", "?" or "#" opens that file and no other."""

from __future__ import annotations

from pathlib import Path

import pytest

from westem_desktop.cli import main


@pytest.mark.parametrize("name", ["cohort%41.sqlite", "what?.sqlite", "a#b.sqlite", "100% sure.sqlite"])
def test_a_database_path_is_taken_as_it_is(tmp_path: Path, name: str, capsys) -> None:
    target = tmp_path / name
    assert main(["demo", "--db", str(target), "--participants", "10"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [name]
    assert main(["check", "--db", str(target)]) == 0
    assert main(["export", "participants", "--db", str(target), "-o", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").count("\n") == 11
