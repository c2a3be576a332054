"""A full disk or a folder that may not be written never ends a command in a traceback: the real command
line (in a subprocess) says in one line what happened, exits 1, leaves no partial file and leaves the
database as it was.

A full disk is a real limit: the child runs with RLIMIT_FSIZE (a write past it fails with EFBIG, as a
full disk fails with ENOSPC). A folder that may not be written is mode 0555; as root the child first
gives up the capabilities that let root write there anyway.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.platforms import FULL_DISK, READ_ONLY_FOLDERS, WINDOWS, not_on_windows
from westem_desktop.cli import main

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def run(*args: str | Path, file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m westem_desktop ARGS`` as a coordinator runs it, without root's power over folders,
    with writes limited to ``file_size`` bytes a file when given."""

    def limits() -> None:
        import resource  # POSIX's; run() uses it only where preexec_fn exists

        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
                if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
        if file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "westem_desktop", *map(str, args)],
        preexec_fn=None if WINDOWS else limits,
        capture_output=True,
        text=True,
        timeout=120,
    )


def refused(result: subprocess.CompletedProcess[str]) -> str:
    """The one line of a refusal (exit 1, nothing on standard output, no traceback)."""
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def participants(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, name, email FROM participant ORDER BY id").fetchall()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A demo database with closed pairs, alone in its folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "80"]) == 0
    return path


@pytest.fixture
def read_only(tmp_path: Path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.fixture
def people(tmp_path: Path) -> Path:
    """3,000 new mentees and one row to refuse."""
    path = tmp_path / "people.csv"
    rows = [f"Person {i},p{i}@uu.se,mentee,{'a note to fill the disk ' * 4}" for i in range(3000)]
    path.write_text("Name,E-mail,Role,Notes\n" + "\n".join(rows) + "\nNo Mail,,mentee,\n", encoding="utf-8")
    return path


# -- a full disk ------------------------------------------------------------------------------------------


@not_on_windows(FULL_DISK)
def test_a_full_disk_during_an_import_changes_nothing(database: Path, people: Path) -> None:
    before, rows = database.read_bytes(), participants(database)
    line = refused(run("import", "participants", people, "--db", database, file_size=len(before) + 16_384))
    assert line.startswith("The disk could not be written") and "nothing was changed" in line
    assert database.read_bytes() == before and participants(database) == rows
    assert files(database.parent) == ["westem.sqlite", "westem.sqlite.lock"]  # no journal left behind


@not_on_windows(FULL_DISK)
@pytest.mark.parametrize("name", ["people.xlsx", "people.csv", "pairs.xlsx"])
def test_a_full_disk_during_an_export_leaves_no_partial_file(database: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    what = "matches" if name.startswith("pairs") else "participants"
    before = database.read_bytes()
    line = refused(run("export", what, "--db", database, "-o", out / name, file_size=4_000))
    assert line == (
        f"There is not enough room on the disk for {out / name}; nothing was written. Free some space and try again."
    )
    assert files(out) == [] and database.read_bytes() == before


@not_on_windows(FULL_DISK)
def test_a_full_disk_during_a_backup_leaves_no_partial_file(database: Path, tmp_path: Path) -> None:
    before = database.read_bytes()
    line = refused(run("backup", "--db", database, file_size=len(before) // 2))
    assert line.startswith("The disk could not be written")
    assert list((database.parent / "backups").glob("*")) == [] and database.read_bytes() == before
    out = tmp_path / "copies"
    out.mkdir()
    refused(run("backup", "--db", database, "-o", out / "copy.sqlite", file_size=len(before) // 2))
    assert files(out) == []


@not_on_windows(FULL_DISK)
def test_a_full_disk_while_printing_leaves_no_partial_file_and_records_nothing(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = database.read_bytes()
    line = refused(run("print", "agreement", "--db", database, "--match", "1", "-o", out / "a.pdf", file_size=8_000))
    assert line.startswith(f"There is not enough room on the disk for {out / 'a.pdf'}")
    line = refused(run("print", "certificates", "--db", database, "--all-closed", "-o", out / "certs", file_size=8_000))
    assert "There is not enough room on the disk" in line
    assert files(out) == []  # the folder made for the certificates is gone again
    assert database.read_bytes() == before


# -- a folder that may not be written ---------------------------------------------------------------------


@not_on_windows(READ_ONLY_FOLDERS)
def test_a_read_only_folder_for_rejects_imports_nothing(database: Path, people: Path, read_only: Path) -> None:
    rows = participants(database)
    line = refused(run("import", "participants", people, "--db", database, "--rejects", read_only / "rejects.csv"))
    assert line == (
        f"{read_only / 'rejects.csv'} may not be written or read (permission denied); nothing was changed. "
        "Choose another folder."
    )
    assert participants(database) == rows and files(read_only) == []


def test_a_rejects_path_that_is_a_folder_imports_nothing(database: Path, people: Path, tmp_path: Path) -> None:
    rows = participants(database)
    for name in ("rejects.csv", "fixes"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "mine.txt").write_text("kept")
        line = refused(run("import", "participants", people, "--db", database, "--rejects", folder))
        assert line == (
            f"{folder} is a folder; choose a file name."
            if name == "rejects.csv"
            else "Choose a file name ending in .csv or .xlsx."
        )
        assert participants(database) == rows and files(folder) == ["mine.txt"]
    assert files(tmp_path) == ["data", "fixes", "people.csv", "rejects.csv"]


@not_on_windows(READ_ONLY_FOLDERS)
@pytest.mark.parametrize(
    "command",
    [
        ["export", "participants", "-o", "{out}/people.xlsx"],
        ["export", "matches", "-o", "{out}/pairs.csv"],
        ["print", "agreement", "--match", "1", "-o", "{out}/agreement.pdf"],
        ["print", "certificates", "--all-closed", "-o", "{out}/certificates.pdf"],
        ["print", "certificates", "--all-closed", "-o", "{out}/certificates"],
        ["report", "-o", "{out}/report.xlsx"],
        ["backup", "-o", "{out}/copy.sqlite"],
    ],
)
def test_a_read_only_output_folder_is_one_line(database: Path, read_only: Path, command: list[str]) -> None:
    before = database.read_bytes()
    line = refused(run(*[c.format(out=read_only) for c in command], "--db", database))
    assert str(read_only) in line and ("permission denied" in line or "could not be created" in line), line
    assert files(read_only) == [] and database.read_bytes() == before


@not_on_windows(READ_ONLY_FOLDERS)
def test_a_read_only_backups_folder_is_one_line(database: Path) -> None:
    backups = database.parent / "backups"
    backups.mkdir()
    backups.chmod(0o555)
    try:
        line = refused(run("backup", "--db", database))
    finally:
        backups.chmod(0o755)
    assert line.startswith(f"{backups}") and "may this folder be written?" in line
    assert files(backups) == []


# -- the exit codes -----------------------------------------------------------------------------------------


def test_a_mistake_on_the_command_line_exits_1_not_2(database: Path) -> None:
    result = run("export", "participants", "--db", database)
    assert result.returncode == 1 and "the following arguments are required: -o/--output" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(
    database: Path, tmp_path: Path, monkeypatch, capsys, private_folders: Path
) -> None:
    import westem_desktop.core.io.participant_export as export

    def broken(*_args: object) -> int:
        raise RuntimeError("a bug with Astrid's name in it")

    monkeypatch.setattr(export, "export_participants", broken)
    capsys.readouterr()
    assert main(["export", "participants", "--db", str(database), "-o", str(tmp_path / "x.csv")]) == 1
    captured = capsys.readouterr()
    log = private_folders / "data" / "westem-desktop.log"
    assert captured.err == (f"Something went wrong (RuntimeError); nothing was changed. The details are in {log}.\n")
    text = log.read_text(encoding="utf-8")
    assert "in broken\nbuiltins.RuntimeError" in text
    assert "Astrid" not in text  # the message may quote personal data: only where it happened
