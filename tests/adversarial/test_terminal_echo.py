"""A hostile spreadsheet cannot drive the coordinator's terminal: values echoed in refusals show their
control and escape characters instead of sending them."""

from __future__ import annotations

from pathlib import Path

from westem_desktop.cli import main
from westem_desktop.core.errors import visible


def test_escape_sequences_in_a_file_are_shown_not_sent(tmp_path: Path, capsys) -> None:
    db = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "4"]) == 0
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        "Name,E-mail,Role,Languages\n"
        "Clear Screen,clear@uu.se,\x1b[2J\x1b]0;owned\x07mentor,sv\n"
        "Right To Left,rtl@uu.se,mentee,\u202eneila\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", "participants", str(hostile), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b[2J\\x1b]0;owned\\x07mentor" in err and "\\u202eneila" in err


def test_names_keep_their_letters_and_joiners() -> None:
    assert visible("Şebnem Yılmaz, Nguyễn Thị Hương, “Łucja”") == "Şebnem Yılmaz, Nguyễn Thị Hương, “Łucja”"
    assert visible("می\u200cخواهم") == "می\u200cخواهم"
    assert visible("a\nb\tc\rd", keep="\n") == "a\nb\\x09c\\x0dd"
