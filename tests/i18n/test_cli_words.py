"""The command line speaks the interface language, its parser's own texts included."""

from __future__ import annotations

from pathlib import Path

import pytest

from westem_desktop.cli import main


def test_swedish_help_has_no_english_words_of_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "sv", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: westem-desktop")
    assert "flaggor:" in out and "visa den här hjälptexten och avsluta" in out
    assert not {"usage:", "options:", "show this help message", "positional arguments"} & set(out.split("\n"))
    assert "usage" not in out and "show this help" not in out


def test_a_norwegian_mistake_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "nb", "export", "bogus"])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "feil: argumentet WHAT: ugyldig valg: 'bogus'" in err and "error" not in err


def test_swedish_counts_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["--lang", "sv", "demo", "--db", str(db), "--participants", "2"]) == 0
    assert "med 2 deltagare och 1 par i" in capsys.readouterr().out
    assert main(["--lang", "sv", "export", "matches", "--db", str(db), "-o", str(tmp_path / "par.csv")]) == 0
    assert capsys.readouterr().out.startswith("1 par skrivet till ")
    assert main(["--lang", "en", "export", "matches", "--db", str(db), "-o", str(tmp_path / "pairs.csv")]) == 0
    assert capsys.readouterr().out.startswith("1 pair written to ")
