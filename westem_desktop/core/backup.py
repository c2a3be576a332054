"""Backups with the SQLite backup API, rotated, listed with what they hold, restored safely; integrity checks.

Automatic backups are taken when a database is opened and when it is closed, into ``backups`` beside
the file or a folder the coordinator chooses. Rotation keeps the newest backup of each of the last 7
days and of each of the last 4 weeks (plus the copies taken before schema upgrades). Restoring first
saves the current file, so a restore can itself be undone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from westem_desktop.core import migrations
from westem_desktop.core.db import check_file_kind, connect_for_reading, read_revision, sqlite_backup
from westem_desktop.core.errors import DatabaseNewerError, WestemError
from westem_desktop.i18n import _

AUTO_PREFIX = "auto"
KEEP_DAYS = 7
KEEP_WEEKS = 4


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: dt.datetime
    size: int
    programmes: int | None  # None: the file could not be read (damaged)
    participants: int | None


def backup_folder(database: Path, folder: Path | None = None) -> Path:
    return folder or database.parent / "backups"


def check_integrity(path: Path, full: bool = False) -> str | None:
    """None when the database is sound, else the reason (SQLite's own words)."""
    try:
        conn = connect_for_reading(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    messages = [row[0] for row in rows]
    return None if messages == ["ok"] else "; ".join(messages[:5])


def take_backup(
    database: Path, folder: Path | None = None, now: dt.datetime | None = None, prefix: str = AUTO_PREFIX
) -> Path:
    now = now or dt.datetime.now()
    target = backup_folder(database, folder) / f"{database.stem}-{prefix}-{now:%Y%m%d-%H%M%S}.sqlite"
    counter = 2
    while target.exists():
        target = target.with_name(f"{database.stem}-{prefix}-{now:%Y%m%d-%H%M%S}-{counter}.sqlite")
        counter += 1
    return sqlite_backup(database, target)


def _taken(path: Path) -> dt.datetime:
    parts = path.stem.split("-")
    for i in range(len(parts) - 1):
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(f"{parts[i]}-{parts[i + 1]}", "%Y%m%d-%H%M%S")
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def rotate(database: Path, folder: Path | None = None, now: dt.datetime | None = None) -> list[Path]:
    """Delete automatic backups beyond the newest per day (7 days) and per week (4 weeks); returns them."""
    now = now or dt.datetime.now()
    autos = sorted(
        backup_folder(database, folder).glob(f"{database.stem}-{AUTO_PREFIX}-*.sqlite"), key=_taken, reverse=True
    )
    keep: set[Path] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for path in autos:
        taken = _taken(path)
        age = (now.date() - taken.date()).days
        if age < KEEP_DAYS and taken.date() not in days:
            days.add(taken.date())
            keep.add(path)
        week = taken.isocalendar()[:2]
        if age < KEEP_WEEKS * 7 and week not in weeks:
            weeks.add(week)
            keep.add(path)
    removed = [p for p in autos if p not in keep]
    for path in removed:
        path.unlink()
    return removed


def list_backups(database: Path, folder: Path | None = None) -> list[BackupInfo]:
    """Every backup of ``database``, newest first, with what it holds."""
    found = []
    for path in backup_folder(database, folder).glob(f"{database.stem}-*.sqlite"):
        programmes = participants = None
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                (programmes,) = conn.execute("SELECT count(*) FROM programme").fetchone()
                (participants,) = conn.execute("SELECT count(*) FROM participant").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            pass
        found.append(BackupInfo(path, _taken(path), path.stat().st_size, programmes, participants))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def newest_good_backup(database: Path, folder: Path | None = None) -> BackupInfo | None:
    return next(
        (b for b in list_backups(database, folder) if b.programmes is not None and check_integrity(b.path) is None),
        None,
    )


def restore(backup: Path, database: Path, folder: Path | None = None) -> Path | None:
    """Put ``backup`` in place of ``database`` (closed by the caller); the current file is saved first.

    Returns the copy of the current file (None when there was none, or it was damaged and is kept
    aside under its own name instead of being overwritten). A file that could not be opened is refused
    the same way before anything is touched: not SQLite, another application's database, or one saved
    by a newer version.
    """
    check_file_kind(backup)
    revision = read_revision(backup)
    if revision is not None and revision not in migrations.REVISIONS:
        raise DatabaseNewerError(backup, revision)
    if check_integrity(backup) is not None:
        raise ValueError(_("The backup is damaged and cannot be restored."))
    saved = None
    if database.exists():
        if check_integrity(database) is None:
            saved = take_backup(database, folder, prefix="before-restore")
        else:
            aside = database.with_name(f"{database.stem}-damaged-{dt.datetime.now():%Y%m%d-%H%M%S}{database.suffix}")
            database.rename(aside)  # a damaged file is never overwritten or deleted
            saved = aside
    tmp = database.with_name(database.name + ".restoring")
    sqlite_backup(backup, tmp)
    tmp.replace(database)
    return saved


def automatic_backup(database: Path, folder: Path | None = None) -> str | None:
    """The automatic backup on opening and closing: check first, and back up and rotate only a sound
    database (a damaged one must not push out the good backups). Returns None when the database is
    sound, else SQLite's reason. A failed backup (a full disk, a missing share) is logged, never raised:
    it must not stop the coordinator's work."""
    reason = check_integrity(database)
    if reason is None:
        try:
            take_backup(database, folder)
            rotate(database, folder)
        except OSError as exc:
            logging.getLogger(__name__).warning("automatic backup failed: %s", exc.strerror)
    return reason


def check_backup_target(database: Path, target: Path) -> None:
    """Refuse a backup file name that would replace something: the database itself, a folder, or any
    existing file (another database, a document): a backup never overwrites."""
    if target.resolve() == database.resolve():
        raise WestemError(_("A backup cannot be written over the database itself; choose another file name."))
    if target.is_dir():
        raise WestemError(_("{file} is a folder; choose a file name for the backup.").format(file=target))
    if target.exists() or target.is_symlink():
        raise WestemError(
            _("{file} already exists; a backup never replaces a file. Choose a new file name.").format(file=target)
        )
