"""A backup killed half-way (SIGKILL) leaves nothing behind once the next backup or listing has run: no
partial file, no journal, and every backup listed is whole. Before-restore and manual copies are rotated
like the automatic ones."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core.backup import PARTIAL_GRACE_SECONDS, check_integrity, list_backups, rotate, take_backup

BACKING_UP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from westem_desktop.core.backup import take_backup

    print("READY", flush=True)
    while True:
        take_backup(Path(sys.argv[1]))
    """
)


@pytest.fixture
def large(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "20"]) == 0
    with sqlite3.connect(path) as conn:  # some 24 MB, so that most of a backup's time is spent copying
        conn.execute("UPDATE participant SET notes = hex(randomblob(600000))")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.part*"))


def test_a_killed_backup_leaves_no_partial_file_or_journal(large: Path) -> None:
    folder = large.parent / "backups"
    rng = random.Random(15)
    seen_partial = 0
    for _attempt in range(8):
        worker = subprocess.Popen([sys.executable, "-c", BACKING_UP, str(large)], stdout=subprocess.PIPE, text=True)
        assert worker.stdout is not None and worker.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.3, 0.9))
        worker.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
        worker.communicate(timeout=30)
        seen_partial += bool(leftovers(folder))
        time.sleep(PARTIAL_GRACE_SECONDS + 0.1)
        found = list_backups(large)
        assert leftovers(folder) == []
        assert all(check_integrity(b.path) is None for b in found)
        for info in found:  # keep the folder small for the next attempt
            info.path.unlink()
    assert seen_partial >= 2, "the kills never hit a backup half-way: the test proved nothing"


def test_a_living_backup_is_never_cleaned_away(large: Path) -> None:
    folder = large.parent / "backups"
    folder.mkdir()
    partial = folder / ".westem-auto-20991231-235959.sqlite.part"
    writer = sqlite3.connect(partial, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("CREATE TABLE being_written (x)")
    time.sleep(PARTIAL_GRACE_SECONDS + 0.1)
    try:
        take_backup(large)
        list_backups(large)
        assert partial.exists()  # another process's backup in progress
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    take_backup(large)
    assert leftovers(folder) == []


def test_every_kind_of_backup_is_rotated_and_the_newest_of_each_kept(tmp_path: Path) -> None:
    database = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(database), "--participants", "4"]) == 0
    now = dt.datetime(2026, 11, 22, 18, 0)
    made: dict[str, list[Path]] = {}
    for kind in ("auto", "manual", "before-restore"):
        made[kind] = [take_backup(database, now=now - dt.timedelta(days=d, hours=1), prefix=kind) for d in range(40)]
    removed = rotate(database, now=now)
    left = list_backups(database)
    assert len(removed) + len(left) == 120
    for kind in ("auto", "manual", "before-restore"):
        days = sorted((now.date() - b.taken.date()).days for b in left if b.kind == kind)
        assert days[:7] == list(range(7))  # one a day for a week
        assert all(d < 28 for d in days) and len(days) <= 7 + 4  # then one a week for four weeks
        assert made[kind][-1] in removed  # 39 days old


def test_the_newest_before_restore_copy_is_kept_however_old(tmp_path: Path) -> None:
    database = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(database), "--participants", "4"]) == 0
    now = dt.datetime(2026, 11, 22, 18, 0)
    older, newest = (take_backup(database, now=now - dt.timedelta(days=d), prefix="before-restore") for d in (99, 90))
    assert rotate(database, now=now) == [older]
    assert [b.path for b in list_backups(database)] == [newest]
