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


def test_an_overlong_cell_refuses_its_row_and_is_never_cut(tmp_path: Path, capsys) -> None:
    db = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "4"]) == 0
    source = tmp_path / "long.csv"
    source.write_text(
        f"Name,E-mail,Role,Notes\nShort Notes,short@uu.se,mentee,fine\nLong Notes,long@uu.se,mentee,{'x' * 10_001}\n",
        encoding="utf-8",
    )
    rejects = tmp_path / "rejects.csv"
    capsys.readouterr()
    assert main(["import", "participants", str(source), "--db", str(db), "--rejects", str(rejects)]) == 2
    assert "Row 3, Notes: The cell holds 10001 characters; it may hold at most 10000. Shorten it." in (
        capsys.readouterr().err
    )
    assert "x" * 10_001 in rejects.read_text(encoding="utf-8-sig")  # handed back whole, to shorten
