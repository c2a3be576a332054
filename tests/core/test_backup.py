"""Backups: consistent copies, rotation, what each holds, restore that saves the current file first;
damaged files are recognised and never overwritten."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.platforms import assert_private
from westem_desktop.core import programmes
from westem_desktop.core.backup import (
    automatic_backup,
    check_integrity,
    list_backups,
    newest_good_backup,
    restore,
    rotate,
    take_backup,
)
from westem_desktop.core.db import open_database
from westem_desktop.core.demo import create_demo_database


def damage(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 4)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    create_demo_database(path, participants=40, seed=2)
    return path


def test_backup_is_a_consistent_private_copy(db_file: Path) -> None:
    backup = take_backup(db_file)
    assert backup.parent == db_file.parent / "backups"
    assert_private(backup)
    assert check_integrity(backup) is None
    [info] = list_backups(db_file)
    assert (info.programmes, info.participants) == (1, 40) and info.size == backup.stat().st_size


def test_rotation_keeps_seven_days_and_four_weeks(db_file: Path) -> None:
    now = dt.datetime(2026, 11, 22, 18, 0)
    for days in range(0, 60, 1):
        for hour in (9, 17):
            take_backup(db_file, now=now - dt.timedelta(days=days, hours=hour))
    removed = rotate(db_file, now=now)
    left = sorted(b.taken.date() for b in list_backups(db_file))
    assert removed and len(left) == len(set(left))  # one per kept day
    recent = [d for d in left if (now.date() - d).days < 7]
    assert len(recent) == 7
    assert all((now.date() - d).days < 28 for d in left)
    assert len(left) <= 7 + 4


def test_restore_saves_the_current_file_first(db_file: Path) -> None:
    backup = take_backup(db_file)
    with open_database(db_file) as db, db.session() as session:
        programmes.create_programme(session, programmes.ProgrammeSettings(name="Added after the backup"))
    saved = restore(backup, db_file)
    assert saved is not None and "before-restore" in saved.name
    with open_database(db_file) as db:
        names = [row[0] for row in db.read().execute("SELECT name FROM programme")]
    assert "Added after the backup" not in names
    with open_database(saved, lock=False) as db:
        assert "Added after the backup" in [row[0] for row in db.read().execute("SELECT name FROM programme")]


def test_damaged_file_is_kept_aside_and_the_newest_good_backup_found(db_file: Path, tmp_path: Path) -> None:
    take_backup(db_file, now=dt.datetime(2026, 11, 20, 9, 0))
    newest = take_backup(db_file, now=dt.datetime(2026, 11, 21, 9, 0))
    shutil.copyfile(newest, tmp_path / "spare.sqlite")
    damage(newest)  # even a backup may be damaged: it is skipped
    damage(db_file)
    damaged_bytes = db_file.read_bytes()
    assert check_integrity(db_file) is not None
    good = newest_good_backup(db_file)
    assert good is not None and good.taken == dt.datetime(2026, 11, 20, 9, 0)
    aside = restore(good.path, db_file)
    assert aside is not None and "damaged" in aside.name and aside.read_bytes() == damaged_bytes
    assert check_integrity(db_file) is None
    with pytest.raises(ValueError, match="damaged"):
        restore(newest, db_file)


def test_the_automatic_backup_copies_only_a_sound_database_and_never_stops_the_work(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert automatic_backup(db_file) is None
    assert len(list_backups(db_file)) == 1
    # A full disk: the failure is logged, not raised, and the database is reported sound.
    import westem_desktop.core.backup as backup

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "take_backup", full_disk)
    assert automatic_backup(db_file) is None
    monkeypatch.undo()
    damage(db_file)
    assert automatic_backup(db_file) is not None  # damaged: the reason, and no backup pushes out the good one
    assert len(list_backups(db_file)) == 1
