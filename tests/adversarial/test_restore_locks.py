"""Restore holds the application's lock and SQLite's: a process writing the database at the same time (an
import on the command line) either finishes first, with its rows kept in the copy saved before the
restore, or the restore is refused with exit code 3; no row is ever lost silently."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core import backup as backups
from westem_desktop.core.backup import list_backups, restore, take_backup
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import DatabaseBusyError, DatabaseLockedError

# A second process: an import's session (the application's lock and SQLite's write lock) that adds a row,
# says so, and waits for a line on standard input before it commits.
IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from westem_desktop.core.db import open_database
    from westem_desktop.core.models import Participant

    with open_database(Path(sys.argv[1])) as db, db.session() as session:
        session.add(Participant(programme_id=1, role="mentee", name="Written meanwhile", email="late@uu.se"))
        session.flush()
        print("WRITING", flush=True)
        sys.stdin.readline()
    print("COMMITTED", flush=True)
    """
)

# Another program (no WESTEM lock): holds SQLite's write lock, adds a row, commits after a moment.
OTHER_PROGRAM = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE programme SET name = 'Renamed by another program'")
    print("WRITING", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "6"]) == 0
    take_backup(path)
    return path


def start(script: str, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "WRITING"
    return process


def rows(path: Path, sql: str) -> list[tuple]:
    with open_database(path) as db:
        return db.read().execute(sql).fetchall()


def test_a_restore_while_an_import_writes_is_refused_with_exit_3_and_the_import_keeps_its_rows(
    database: Path, capsys
) -> None:
    importer = start(IMPORTER, str(database))
    try:
        capsys.readouterr()
        assert main(["restore", "--db", str(database), "--newest"]) == 3
        err = capsys.readouterr().err
        assert "already open" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
        with pytest.raises(DatabaseLockedError):
            restore(list_backups(database)[0].path, database)
    finally:
        importer.communicate("go\n", timeout=30)
    assert importer.returncode == 0
    assert rows(database, "SELECT name FROM participant WHERE email = 'late@uu.se'") == [("Written meanwhile",)]
    assert [b.kind for b in list_backups(database)] == ["auto"]  # nothing was saved or restored


def test_an_import_while_a_restore_holds_the_lock_is_refused(database: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("Name,E-mail,Role\nNew Mentee,new@uu.se,mentee\n", encoding="utf-8")
    from westem_desktop.core.lock import DatabaseLock

    lock = DatabaseLock.acquire(database)  # what restore holds from the first copy to the end
    try:
        importing = subprocess.run(
            [sys.executable, "-m", "westem_desktop", "import", "participants", str(people), "--db", str(database)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        restore(list_backups(database)[0].path, database, lock=lock)
    finally:
        lock.release()
    assert importing.returncode != 0 and "already open" in importing.stderr and "Traceback" not in importing.stderr
    assert rows(database, "SELECT count(*) FROM participant WHERE email = 'new@uu.se'") == [(0,)]


def test_another_programs_write_finishes_first_and_is_kept_in_the_copy_saved_before(database: Path) -> None:
    other = start(OTHER_PROGRAM, str(database), "1.0")
    try:
        saved = restore(list_backups(database)[-1].path, database)  # waits for the other program's commit
    finally:
        other.communicate(timeout=30)
    assert saved is not None
    assert rows(saved, "SELECT name FROM programme") == [("Renamed by another program",)]
    assert rows(database, "SELECT name FROM programme") != [("Renamed by another program",)]


def test_another_program_holding_the_file_too_long_makes_restore_refuse_busy(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "BUSY_TIMEOUT_MS", 200)
    other = start(OTHER_PROGRAM, str(database), "3.0")
    try:
        with pytest.raises(DatabaseBusyError):
            restore(list_backups(database)[0].path, database)
    finally:
        other.communicate(timeout=30)
    assert rows(database, "SELECT name FROM programme") == [("Renamed by another program",)]  # its write stands
    assert [b.kind for b in list_backups(database)] == ["auto"]
    assert not list(database.parent.glob("backups/.*.part*"))
