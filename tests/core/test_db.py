"""Opening database files: new, refused (left untouched), locked, and one transaction per action."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.platforms import FILE_MODES, not_on_windows
from westem_desktop.core import migrations
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import (
    DatabaseLockedError,
    DatabaseNewerError,
    NotADatabaseError,
    NotAWestemDatabaseError,
)
from westem_desktop.core.models import Participant, Programme


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_the_newest_schema(tmp_path: Path) -> None:
    with open_database(tmp_path / "new.sqlite") as db:
        assert db.migrated_from is None
        assert db.backup_path is None
        with db.session() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrations.HEAD


@pytest.mark.parametrize("reopen", [False, True])
def test_every_connection_enforces_foreign_keys_with_a_rollback_journal(tmp_path: Path, reopen: bool) -> None:
    path = tmp_path / "db.sqlite"
    if reopen:
        open_database(path).close()
    with open_database(path) as db:
        with db.session() as session:
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert db.read().execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.read().execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_row_pointing_nowhere_is_refused(database) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(Participant(programme_id=999, role="mentor", name="Nobody"))
    with database.session() as session:
        assert session.query(Participant).count() == 0


def test_a_failing_action_leaves_nothing_behind(database) -> None:
    with pytest.raises(RuntimeError), database.session() as session:
        session.add(Programme(name="Half done"))
        session.flush()
        raise RuntimeError("the laptop died")
    with database.session() as session:
        assert session.query(Programme).count() == 0


@pytest.mark.parametrize(
    "content",
    [b"Name;E-mail\nAstrid;astrid@example.edu\n", b"SQLite format 3", b"\x00" * 512, b"PK\x03\x04 a zip file"],
    ids=["csv", "truncated-header", "zeros", "zip"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "westem.sqlite"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotADatabaseError) as raised:
        open_database(path)
    assert str(path) in str(raised.value) and "not a WESTEM Desktop database" in str(raised.value)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["westem.sqlite"]


def test_a_damaged_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    open_database(path).close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 200 + data[300:])  # the schema page is garbage now
    before = digest(path)
    with pytest.raises(NotADatabaseError):
        open_database(path)
    assert digest(path) == before


def test_another_applications_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAWestemDatabaseError) as raised:
        open_database(path)
    assert "another application" in str(raised.value)
    assert digest(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseNewerError) as raised:
        open_database(path)
    assert raised.value.revision == "9999"
    assert "newer version of WESTEM Desktop" in str(raised.value)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()
    with pytest.raises(DatabaseNewerError):
        open_database(path)


def test_a_second_opening_in_the_same_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with open_database(path), pytest.raises(DatabaseLockedError) as raised:
        open_database(path)
    assert "already open" in str(raised.value)
    open_database(path).close()  # released with the first


def test_another_process_holding_the_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    open_database(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from westem_desktop.core.db import open_database
                db = open_database({str(path)!r})
                print("OPEN", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "OPEN"
        with pytest.raises(DatabaseLockedError) as raised:
            open_database(path)
        assert f"pid {holder.pid}" in raised.value.holder
        assert f"pid {holder.pid}" in str(raised.value)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    # The lock died with the process: no stale lock keeps the coordinator out.
    open_database(path).close()


@not_on_windows(FILE_MODES)
def test_new_database_and_lock_are_private(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite"
    with open_database(path):
        assert path.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "private.sqlite.lock").stat().st_mode & 0o777 == 0o600


def test_a_database_left_with_a_hot_journal_after_a_crash_opens_rolled_back(tmp_path: Path) -> None:
    """A process killed in the middle of a transaction leaves a -journal file; the next opening rolls it back."""
    path = tmp_path / "crashed.sqlite"
    with open_database(path) as db, db.session() as session:
        session.add(Programme(name="Before the crash"))
    code = textwrap.dedent(
        f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE programme SET name = 'Half written'")
        conn.execute("PRAGMA cache_size=1")
        conn.execute("CREATE TABLE filler (x BLOB)")
        for i in range(2000):  # enough pages to spill to the file before the commit
            conn.execute("INSERT INTO filler VALUES (?)", (os.urandom(2000),))
        os._exit(9)  # dies mid-transaction, like a SIGKILL
        """
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    assert (tmp_path / "crashed.sqlite-journal").exists()
    with open_database(path) as db:
        names = [row[0] for row in db.read().execute("SELECT name FROM programme")]
        tables = [row[0] for row in db.read().execute("SELECT name FROM sqlite_master WHERE name = 'filler'")]
    assert names == ["Before the crash"] and tables == []
