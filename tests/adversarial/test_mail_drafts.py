"""``westem-desktop mail`` against hostile folders and names: a folder that is a file, a folder that may
not be written, a named pipe where a draft would go, names of 10,000 characters, line breaks in names
that try to add a header. Each ends in one clear line (or the drafts), never a traceback, never a half
file, never a header the coordinator did not write."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.core.letters.world import HOA, LUCJA, World, build, parse
from westem_desktop.cli import main
from westem_desktop.core.db import open_database

ROOT = Path(__file__).resolve().parents[2]
INTRODUCTION = f"introduction-1-{LUCJA.replace(' ', '-')}-{HOA.replace(' ', '-')}.eml"


@pytest.fixture
def world_file(tmp_path: Path) -> tuple[Path, World]:
    path = tmp_path / "letters.sqlite"
    with open_database(path) as db:
        world = build(db)
    return path, world


def rename(path: Path, participant_id: int, name: str) -> None:
    """A name the forms would refuse, as a damaged or hostile file may hold it (SQLite keeps any length)."""
    with open_database(path) as db, db.session() as session:
        session.execute(
            text("UPDATE participant SET name = :name WHERE id = :id"), {"name": name, "id": participant_id}
        )


def test_a_folder_that_is_a_file_is_refused(world_file, tmp_path: Path, capsys) -> None:
    path, _world = world_file
    target = tmp_path / "drafts"
    target.write_text("my notes")
    assert main(["mail", "introductions", "--db", str(path), "-o", str(target)]) == 1
    printed = capsys.readouterr()
    assert printed.out == "" and str(target) in printed.err and "Traceback" not in printed.err
    assert len(printed.err.strip().splitlines()) == 1
    assert target.read_text() == "my notes"


def test_a_named_pipe_where_a_draft_would_go_is_left_alone(world_file, tmp_path: Path, capsys) -> None:
    path, _world = world_file
    out = tmp_path / "drafts"
    out.mkdir()
    os.mkfifo(out / INTRODUCTION)
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out), "--match", "1"]) == 0
    assert stat.S_ISFIFO((out / INTRODUCTION).lstat().st_mode)
    written = out / INTRODUCTION.replace(".eml", " (2).eml")
    assert capsys.readouterr().out.startswith(f"{written}  →  ")
    assert parse(written.read_bytes())["X-Unsent"] == "1"


def test_names_of_10000_characters(world_file, tmp_path: Path, capsys) -> None:
    path, world = world_file
    long_mentor, long_mentee = "Ł" * 10_000, ("Nguyễn " * 1500)[:10_000]
    rename(path, world.ids[LUCJA], long_mentor)
    rename(path, world.ids[HOA], long_mentee)
    out = tmp_path / "drafts"
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out), "--match", str(world.new)]) == 0
    [file] = out.iterdir()
    assert len(file.name.encode()) <= 255
    message = parse(file.read_bytes())
    cut = 200  # a name is cut in the headers (and whole in the letter)
    assert [a.display_name for a in message["To"].addresses] == [long_mentor[:cut], long_mentee[:cut]]
    assert max(len(line) for line in file.read_bytes().split(b"\r\n")) <= 998
    assert len(capsys.readouterr().out.splitlines()) == 1


@pytest.mark.parametrize(
    "hostile", ["x\r\nBcc: evil@example.com", "x\nBcc: evil@example.com", "x\r\n\r\n<script>evil</script>", "\x1b[2J"]
)
def test_a_line_break_in_a_name_adds_no_header(world_file, tmp_path: Path, capsys, hostile: str) -> None:
    path, world = world_file
    rename(path, world.ids[HOA], hostile)
    out = tmp_path / "drafts"
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out), "--match", str(world.new)]) == 0
    [file] = out.iterdir()
    message = parse(file.read_bytes())
    assert "Bcc" not in message and "Cc" not in message
    assert [a.addr_spec for a in message["To"].addresses] == ["lucja@uu.se", "hoa@uu.se"]
    assert message["To"].addresses[1].display_name == " ".join(hostile.replace("\x1b", " ").split())
    body = message.get_body(("plain",)).get_content()
    assert not any(line.startswith(("Bcc:", "<script>")) for line in body.splitlines())  # nor a line in the letter
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\r" not in printed and len(printed.splitlines()) == 1


def test_a_name_turned_backwards_is_shown_as_written(world_file, tmp_path: Path) -> None:
    """U+202E (right-to-left override) would show "Hoa\u202emoc.live" as "Hoa" and a reversed tail."""
    path, world = world_file
    rename(path, world.ids[HOA], "Hoa\u202emoc.elpmaxe@live\u2066")
    out = tmp_path / "drafts"
    assert main(["mail", "introductions", "--db", str(path), "-o", str(out), "--match", str(world.new)]) == 0
    [file] = out.iterdir()
    message = parse(file.read_bytes())
    assert message["To"].addresses[1].display_name == "Hoa moc.elpmaxe@live"
    body = message.get_body(("plain",)).get_content()
    assert "Hoa moc.elpmaxe@live" in body and not any(c in body for c in "\u202e\u2066")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside this user's private temporary folders, which another user may read."""
    folder = Path(tempfile.mkdtemp(prefix="westem-mail-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    shutil.rmtree(folder)


def test_a_folder_that_may_not_be_written_leaves_nothing(shared_folder: Path) -> None:
    """As a user who may not write the folder (``nobody`` when the tests run as root): one line, exit 1,
    not a file in the folder."""
    path = shared_folder / "letters.sqlite"
    with open_database(path) as db:
        build(db)
    path.chmod(0o666)
    (shared_folder / "letters.sqlite.lock").unlink(missing_ok=True)  # this user's lock, not the other's
    out = shared_folder / "drafts"
    out.mkdir(mode=0o755)
    out.chmod(0o755 if os.geteuid() == 0 else 0o555)
    env = {"PYTHONPATH": str(ROOT), "HOME": str(shared_folder), "QT_QPA_PLATFORM": "offscreen"}
    for kind in ("data", "config", "cache"):
        env[f"WESTEM_DESKTOP_{kind.upper()}_DIR"] = str(shared_folder / kind)
    command = [sys.executable, "-m", "westem_desktop", "mail", "introductions", "--db", str(path), "-o", str(out)]
    as_other = {"user": 65534, "group": 65534} if os.geteuid() == 0 else {}
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, **as_other)
    finally:
        out.chmod(0o755)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert str(out) in done.stderr
    assert list(out.iterdir()) == []
