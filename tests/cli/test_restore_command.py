"""``westem-desktop restore --db PATH (--list | --from FILE | --newest)``: the list, a restore that saves the
current file first, and one clear line with exit code 1 for every refusal."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core.backup import take_backup


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "6"]) == 0
    return path


def participants(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM participant").fetchone()[0]


def refused(capsys, argv: list[str], expected: str) -> None:
    capsys.readouterr()
    assert main(argv) == 1
    out = capsys.readouterr()
    assert expected in out.err and "Traceback" not in out.err and len(out.err.strip().splitlines()) == 1


def test_the_list_shows_date_size_programmes_and_participants(database: Path, capsys) -> None:
    take_backup(database)
    capsys.readouterr()
    assert main(["restore", "--db", str(database), "--list", "--lang", "sv"]) == 0
    heading, line = capsys.readouterr().out.strip().splitlines()
    assert heading.split() == ["Skapad", "Storlek", "Program", "Deltagare", "Fil"]
    day, month, year, time, size, unit, programmes, people, name = line.split()
    months = ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."]
    assert day.isdigit() and month in months and year.isdigit()  # "7 mars 2026", not ISO
    assert re.fullmatch(r"\d\d:\d\d:\d\d", time)
    assert (unit, programmes, people) == ("MB", "1", "6") and "," in size and name.startswith("westem-auto-")


def test_an_empty_list_says_so(database: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["restore", "--db", str(database), "--list"]) == 0
    assert "There are no backups of" in capsys.readouterr().out


def test_newest_saves_the_current_file_then_restores(database: Path, capsys) -> None:
    take_backup(database)
    assert main(["import", "participants", str(people_file(database.parent)), "--db", str(database)]) == 0
    capsys.readouterr()
    assert main(["restore", "--db", str(database), "--newest"]) == 0
    out = capsys.readouterr().out
    assert "was restored from" in out and "before-restore" in out
    assert participants(database) == 6
    [saved] = (database.parent / "backups").glob("westem-before-restore-*.sqlite")
    assert participants(saved) == 7 and str(saved) in out


def test_from_a_chosen_backup(database: Path, capsys) -> None:
    backup = take_backup(database)
    capsys.readouterr()
    assert main(["restore", "--db", str(database), "--from", str(backup)]) == 0
    assert str(backup) in capsys.readouterr().out


def people_file(folder: Path) -> Path:
    path = folder / "people.csv"
    path.write_text("Name,E-mail,Role\nNew Mentee,new@uu.se,mentee\n", encoding="utf-8")
    return path


def test_every_refusal_is_one_line_and_changes_nothing(database: Path, tmp_path: Path, capsys) -> None:
    before = database.read_bytes()
    argv = ["restore", "--db", str(database)]
    refused(capsys, [*argv, "--newest"], "There is no good backup of")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database", encoding="utf-8")
    refused(capsys, [*argv, "--from", str(text)], "is not a WESTEM Desktop database")
    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(take_backup(database), newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    refused(capsys, [*argv, "--from", str(newer)], "newer version")
    damaged = take_backup(database)
    with damaged.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 4)
    refused(capsys, [*argv, "--from", str(damaged)], "damaged")
    other = tmp_path / "other.sqlite"
    assert main(["demo", "--db", str(other), "--participants", "4"]) == 0
    refused(capsys, [*argv, "--from", str(other)], "is not a backup of")
    refused(capsys, [*argv, "--from", str(tmp_path / "missing.sqlite")], "There is no file")
    assert database.read_bytes() == before
    assert not list((database.parent / "backups").glob("*before-restore*"))


def test_one_of_the_three_is_required(database: Path, capsys) -> None:
    for extra in (["--list", "--newest"], []):
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_:
            main(["restore", "--db", str(database), *extra])
        assert exit_.value.code == 1  # a usage mistake is refused like any other (exit code 1)
        assert "--newest" in capsys.readouterr().err


def test_backups_in_the_folder_chosen_in_the_window_are_listed_and_restored(
    database: Path, tmp_path: Path, capsys
) -> None:
    from westem_desktop.core.settings import Settings

    chosen = tmp_path / "share" / "westem-backups"
    Settings().set("backup_folder", str(chosen))
    taken = take_backup(database, chosen)
    assert main(["import", "participants", str(people_file(database.parent)), "--db", str(database)]) == 0
    capsys.readouterr()

    assert main(["restore", "--db", str(database), "--list"]) == 0
    assert taken.name in capsys.readouterr().out
    assert main(["restore", "--db", str(database), "--newest"]) == 0
    assert f"was restored from {taken}" in capsys.readouterr().out
    assert participants(database) == 6


def test_a_database_open_in_another_window_is_in_use_for_every_command(database: Path, capsys) -> None:
    from westem_desktop.core.lock import DatabaseLock

    take_backup(database)
    lock = DatabaseLock.acquire(database)  # as the window holds it
    try:
        capsys.readouterr()
        for argv in (
            ["import", "participants", str(people_file(database.parent)), "--db", str(database)],
            ["demo", "--db", str(database)],
            ["restore", "--db", str(database), "--newest"],
        ):
            assert main(argv) == 3, argv
            err = capsys.readouterr().err
            assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    finally:
        lock.release()
    assert participants(database) == 6
