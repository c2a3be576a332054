"""A backup belongs to its database by proof: the identity stored in the database and carried inside every
backup. Listing, restoring and rotating never touch another database's backups or a user's own file, even
one whose name looks like a backup."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from westem_desktop.cli import main
from westem_desktop.core.backup import (
    database_identity,
    list_backups,
    newest_good_backup,
    read_identity,
    restore,
    rotate,
    take_backup,
    unproven_backups,
)
from westem_desktop.core.db import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
LONG_AGO = dt.datetime(2020, 1, 6, 9, 0)


def demo(path: Path, participants: int) -> Path:
    assert main(["demo", "--db", str(path), "--participants", str(participants)]) == 0
    return path


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    return demo(tmp_path / "westem.sqlite", 6)


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    return demo(tmp_path / "westem-2024.sqlite", 10)


def participants(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM participant").fetchone()[0]


def test_every_database_has_its_own_identity_and_every_backup_carries_it(ours: Path, theirs: Path) -> None:
    assert read_identity(ours) and read_identity(theirs) and read_identity(ours) != read_identity(theirs)
    assert read_identity(take_backup(ours)) == read_identity(ours)


def test_an_older_database_gets_an_identity_and_its_copy_before_the_upgrade_shares_it(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "0003.sqlite", old)
    assert read_identity(old) is None
    with open_database(old) as db:
        before_upgrade = db.backup_path
    assert before_upgrade is not None and read_identity(old) is not None
    assert read_identity(before_upgrade) == read_identity(old)  # taken by this process: proven ours
    assert [(b.path, b.kind) for b in list_backups(old)] == [(before_upgrade, "before-upgrade")]
    shutil.copyfile(
        FIXTURES / "0003.sqlite", before_upgrade.with_name("old-before-upgrade-0003-20200101-000000.sqlite")
    )
    assert len(list_backups(old)) == 1  # a copy from elsewhere, without the identity, is not
    restore(before_upgrade, old)
    with open_database(old) as db:  # the old revision restored is upgraded again, keeping its identity
        assert db.migrated_from == "0003"
    assert read_identity(old) == read_identity(before_upgrade)


def test_another_databases_backups_are_never_offered(ours: Path, theirs: Path) -> None:
    mine = take_backup(ours)
    take_backup(theirs)
    assert [b.path for b in list_backups(ours)] == [mine]
    assert newest_good_backup(ours).path == mine  # type: ignore[union-attr]


def test_a_file_named_like_our_backup_but_of_another_database_is_refused(ours: Path, theirs: Path, capsys) -> None:
    impostor = take_backup(theirs).rename(ours.parent / "backups" / "westem-auto-20991231-235959.sqlite")
    before = ours.read_bytes()
    assert list_backups(ours) == [] and newest_good_backup(ours) is None
    with pytest.raises(ValueError, match="is not a backup of"):
        restore(impostor, ours)
    capsys.readouterr()
    assert main(["restore", "--db", str(ours), "--from", str(impostor)]) == 1
    err = capsys.readouterr().err
    assert "is not a backup of" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["restore", "--db", str(ours), "--newest"]) == 1
    assert ours.read_bytes() == before and participants(ours) == 6
    assert sorted(p.name for p in impostor.parent.glob("westem-*")) == [impostor.name]  # no before-restore copy


def test_rotation_never_deletes_a_users_own_file_whose_name_matches(ours: Path, theirs: Path) -> None:
    folder = ours.parent / "backups"
    folder.mkdir()
    own_notes = folder / "westem-auto-20200101-090000.sqlite"
    own_notes.write_text("my own notes, not a backup", encoding="utf-8")
    other = take_backup(theirs, now=LONG_AGO).rename(folder / "westem-manual-20200102-090000.sqlite")
    old_ours = [take_backup(ours, now=LONG_AGO + dt.timedelta(days=d)) for d in range(3)]
    new_ours = take_backup(ours)
    removed = rotate(ours)
    assert sorted(removed) == sorted(old_ours)
    assert own_notes.read_text(encoding="utf-8") == "my own notes, not a backup"
    assert other.exists() and new_ours.exists()
    assert unproven_backups(ours) == [own_notes]  # named like ours without proof: erasure names it, never deletes


def test_a_copy_under_another_name_keeps_its_backups_apart(ours: Path) -> None:
    # A new year started from last year's file: the same identity, but its backups have its own name.
    copy = ours.with_name("westem-2025.sqlite")
    shutil.copyfile(ours, copy)
    mine = take_backup(ours)
    take_backup(copy)
    assert [b.path for b in list_backups(ours)] == [mine]


def test_the_backups_of_a_file_too_damaged_to_read_are_still_found(ours: Path) -> None:
    backup = take_backup(ours)
    identity = read_identity(ours)
    ours.write_bytes(b"\0" * ours.stat().st_size)
    assert read_identity(ours) is None and database_identity(ours) == identity  # remembered beside the backups
    assert newest_good_backup(ours).path == backup  # type: ignore[union-attr]
    aside = restore(backup, ours)
    assert aside is not None and aside.read_bytes() == b"\0" * aside.stat().st_size
    assert participants(ours) == 6


def test_nothing_is_offered_when_the_database_cannot_prove_anything(ours: Path, tmp_path: Path) -> None:
    take_backup(ours)
    (ours.parent / "backups" / ".westem.sqlite.identity").unlink()
    ours.write_bytes(b"\0" * 4096)
    assert list_backups(ours) == [] and newest_good_backup(ours) is None
