"""``westem-desktop mail``: drafts written to a folder, one line per draft, refusals with their reason,
exit 0 when something was written and 1 when nothing was."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.core.letters.world import HOA, LONG, LUCJA, World, build, parse, text_of
from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Participant


@pytest.fixture
def world_file(tmp_path: Path) -> tuple[Path, World]:
    path = tmp_path / "letters.sqlite"
    with open_database(path) as db:
        world = build(db)
    return path, world


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def test_introductions_are_written_one_line_each(world_file, tmp_path: Path, capsys) -> None:
    path, world = world_file
    out = tmp_path / "drafts"
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    written = sorted(out.iterdir())
    assert len(lines(printed.out)) == len(written) == 2 and printed.err == ""
    first = lines(printed.out)[0]
    name = out / f"introduction-{world.new}-Łucja-Wiśniewska-Nguyễn-Thị-Hoa.eml"
    assert first == f"{name}  →  {LUCJA} <lucja@uu.se>, {HOA} <hoa@uu.se>"
    for file in written:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        message = parse(file.read_bytes())
        assert message["X-Unsent"] == "1" and len(list(message.iter_attachments())) == 1
    swedish = parse(next(f for f in written if f.name.startswith("introduktion-")).read_bytes())
    assert [a.display_name for a in swedish["To"].addresses] == [LONG, "Saga Lind"]


def test_lang_chooses_the_letters_and_the_messages_language(world_file, tmp_path: Path, capsys) -> None:
    path, world = world_file
    out = tmp_path / "drafts"
    assert (
        main(["mail", "thanks", "--db", str(path), "--lang", "nb", "-o", str(out), "--match", str(world.closed)]) == 0
    )
    assert len(lines(capsys.readouterr().out)) == 2
    for file in out.iterdir():
        assert file.name.startswith("takk-")
        assert parse(file.read_bytes())["Subject"] == "Letters 2026: takk!"


def test_reminders_write_both_kinds(world_file, tmp_path: Path, capsys) -> None:
    path, world = world_file
    out = tmp_path / "drafts"
    assert main(["mail", "reminders", "--db", str(path), "-o", str(out), "--match", str(world.quiet)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and sum(name.startswith("reminder-") for name in names) == 1
    assert len(lines(capsys.readouterr().out)) == 3


def test_invitations_to_a_group(world_file, tmp_path: Path, capsys) -> None:
    path, _world = world_file
    out = tmp_path / "drafts"
    assert main(["mail", "invitations", "--db", str(path), "--group", "mentees", "-o", str(out)]) == 0
    assert len(lines(capsys.readouterr().out)) == 4 == len(list(out.iterdir()))
    assert main(["mail", "invitations", "--db", str(path), "--group", "phase:7", "-o", str(out)]) == 1
    assert "Choose a phase from 1 to 4" in capsys.readouterr().err
    assert len(list(out.iterdir())) == 4


def test_nothing_to_write_is_exit_1_and_no_folder(world_file, tmp_path: Path, capsys) -> None:
    path, world = world_file
    out = tmp_path / "drafts"
    assert main(["mail", "thanks", "--db", str(path), "-o", str(out), "--match", str(world.new)]) == 1
    printed = capsys.readouterr()
    assert printed.out == "" and not out.exists()
    assert lines(printed.err) == [
        f"No letter to pair {world.new} ({LUCJA} and {HOA}): the pair is not closed",
        "There is nothing to write: no letter of this kind is due.",
    ]


def test_refused_people_are_reported_with_the_reason(world_file, tmp_path: Path, capsys) -> None:
    path, world = world_file
    with open_database(path) as db, db.session() as session:
        session.execute(update(Participant).where(Participant.id == world.ids["Saga Lind"]).values(email=None))
    out = tmp_path / "drafts"
    assert main(["mail", "invitations", "--db", str(path), "--group", "mentees", "--lang", "sv", "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert len(lines(printed.out)) == 3
    assert "Inget brev till Saga Lind: ingen e-postadress" in printed.err


def test_no_coordinators_address_is_said(world_file, tmp_path: Path, capsys) -> None:
    from westem_desktop.core.models import Programme

    path, world = world_file
    with open_database(path) as db, db.session() as session:
        session.get_one(Programme, world.programme_id).coordinator_email = ""
    assert main(["mail", "introductions", "--db", str(path), "-o", str(tmp_path / "d")]) == 0
    assert "no coordinator's e-mail address" in capsys.readouterr().err
    for file in (tmp_path / "d").iterdir():
        assert "From" not in parse(file.read_bytes())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--programme", "Nope"], "There is no programme called “Nope”."),
        (["--match", "999"], "There is no pair 999."),
    ],
)
def test_a_refused_command_writes_nothing(world_file, tmp_path: Path, capsys, argv, message) -> None:
    path, _world = world_file
    out = tmp_path / "drafts"
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out), *argv]) == 1
    assert message in capsys.readouterr().err and not out.exists()


def test_a_missing_database_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["mail", "thanks", "-o", str(tmp_path / "d")]) == 1
    assert "--db PATH" in capsys.readouterr().err


def test_the_body_reads_back_in_the_pairs_language(world_file, tmp_path: Path) -> None:
    path, world = world_file
    out = tmp_path / "drafts"
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out), "--match", str(world.swedish)]) == 0
    [file] = out.iterdir()
    assert "Hej" in text_of(parse(file.read_bytes()))
