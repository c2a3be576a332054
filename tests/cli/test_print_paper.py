"""``print handouts`` and ``print forms``: the paper a coordinator hands out, from the command line, in the
pair's or the chosen language, with one clear line and exit code 1 on a refusal, 3 when the file is busy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Match


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("paper") / "db.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "60"]) == 0
    return db


def text_of(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def active_pairs(db: Path) -> list[tuple[int, int]]:
    with open_database(db) as database, database.session() as session:
        return [(m.id, m.phase) for m in session.scalars(select(Match).where(Match.status == "active"))]


def test_print_handouts_in_the_chosen_language(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "handouts.pdf"
    assert main(["print", "handouts", "--db", str(demo), "--lang", "sv", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    text = text_of(out)
    assert "Checklista för adepter" in text and "Läs och acceptera uppförandekoden" in text
    assert "Har läst" not in text
    assert PdfReader(out).metadata.title == "Utdelningsblad: startchecklistor och mentorskapscykeln"


def test_print_forms_for_one_pair_all_pairs_and_a_phase(demo: Path, tmp_path: Path, capsys) -> None:
    pairs = active_pairs(demo)
    pair, phase = pairs[0]
    one = tmp_path / "one.pdf"
    assert main(["print", "forms", "--db", str(demo), "--match", str(pair), "--lang", "nb", "-o", str(one)]) == 0
    assert "2 skjemaer ble skrevet" in capsys.readouterr().out  # --lang: the messages' language too
    text = text_of(one)
    assert f"Par {pair}" in text and "Evaluering av økten" in text and "Fylt ut av" in text
    every = tmp_path / "all.pdf"
    kind = ["--kind", "final", "--lang", "en"]
    assert main(["print", "forms", "--db", str(demo), "--all", *kind, "-o", str(every)]) == 0
    assert f"{2 * len(pairs)} forms were written" in capsys.readouterr().out
    text = text_of(every)
    assert text.count("Final evaluation ") >= 2 * len(pairs)
    assert all(f"Pair {match_id} · Page 1 of" in text for match_id, _phase in pairs)
    in_phase = tmp_path / "phase.pdf"
    assert main(["print", "forms", "--db", str(demo), "--phase", str(phase), "-o", str(in_phase)]) == 0
    wanted = sum(1 for _id, p in pairs if p == phase)
    assert f"{2 * wanted} forms were written" in capsys.readouterr().out


def test_print_forms_refuses_with_one_line(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "forms.pdf"
    assert main(["print", "forms", "--db", str(demo), "--match", "99999", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "There is no pair 99999." and not out.exists()
    assert main(["print", "forms", "--db", str(demo), "--all", "-o", str(tmp_path / "forms.txt")]) == 1
    assert capsys.readouterr().err.strip() == "Choose a file name ending in .pdf."
    with pytest.raises(SystemExit) as refused:  # no pair chosen: a usage mistake, refused like any other
        main(["print", "forms", "--db", str(demo), "-o", str(out)])
    assert refused.value.code == 1
    assert "--match" in capsys.readouterr().err
    assert main(["print", "forms", "--db", str(demo), "--all", "--programme", "Nope", "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == "There is no programme called “Nope”."
    assert main(["print", "handouts", "--db", str(demo), "-o", str(tmp_path / "no" / "h.pdf")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_print_forms_for_a_phase_without_pairs(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "20"]) == 0
    with open_database(db) as database, database.session() as session:
        for match in session.scalars(select(Match).where(Match.phase == 4)):
            match.phase = 3
    capsys.readouterr()
    out = tmp_path / "forms.pdf"
    assert main(["print", "forms", "--db", str(db), "--phase", "4", "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == "The programme has no active pairs in phase 4."
    assert not out.exists()


def test_print_forms_while_the_database_is_busy(demo: Path, tmp_path: Path, capsys) -> None:
    lock = sqlite3.connect(demo, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    lock.execute("DELETE FROM programme WHERE id = -1")  # takes the lock for real
    try:
        code = main(["print", "forms", "--db", str(demo), "--all", "-o", str(tmp_path / "f.pdf")])
    finally:
        lock.rollback()
        lock.close()
    assert code == 3
    err = capsys.readouterr().err
    assert "is in use by another program right now" in err and len(err.strip().splitlines()) == 1
