"""Backups with the SQLite backup API, rotated, listed with what they hold, restored safely; integrity checks.

Automatic backups are taken when a database is opened and when it is closed, into ``backups`` beside
the file or a folder the coordinator chooses. Restoring first saves the current file, so a restore can
itself be undone.

A backup belongs to its database by proof, not by name: the database holds a random identity (table
``database_identity``, migration 0004) that every backup carries. Listing, rotation and restore consider
only files named as this application names backups (``STEM-KIND-YYYYmmdd-HHMMSS.sqlite``) whose identity
equals the database's; any other file, whatever its name, is never offered, replaced or deleted. The
identity is also remembered in the backup folder (``.NAME.identity``), so that the backups of a file too
damaged to read can still be found.

Rotation, per kind (automatic, manual, before a restore, before an upgrade): the newest backup of each of
the last 7 days and of each of the last 4 weeks is kept, and the newest of each kind always.

Restore holds the application's lock beside the database and SQLite's exclusive lock on it from the copy
of the current file to the end, and writes the backup into the file with the backup API (its rollback
journal makes that all or nothing): another process's write either finishes before or is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from westem_desktop.core import migrations
from westem_desktop.core.db import (
    BUSY_TIMEOUT_MS,
    check_file_kind,
    connect_for_reading,
    connect_read_only,
    copy_database,
    integrity_problem,
    is_busy,
    read_revision,
    sqlite_backup,
)
from westem_desktop.core.errors import DatabaseBusyError, DatabaseNewerError, WestemError
from westem_desktop.core.lock import DatabaseLock
from westem_desktop.i18n import _

AUTO_PREFIX = "auto"
MANUAL_PREFIX = "manual"
BEFORE_RESTORE_PREFIX = "before-restore"
KEEP_DAYS = 7
KEEP_WEEKS = 4
PARTIAL_GRACE_SECONDS = 1.0  # a partial file younger than this may be one a living process just created
_KIND = r"(?P<kind>auto|manual|before-restore|before-upgrade-[0-9a-z]+)"
_TAKEN = r"(?P<taken>\d{8}-\d{6})(?:-\d+)?"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: dt.datetime
    size: int
    programmes: int | None  # None: the file could not be read (damaged)
    participants: int | None
    kind: str = AUTO_PREFIX  # auto, manual, before-restore or before-upgrade


class RestoreRefusedError(WestemError, ValueError):
    """A restore refused before anything was touched: the reason is the message."""


def backup_folder(database: Path, folder: Path | None = None) -> Path:
    return folder or database.parent / "backups"


def _name_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(database.stem)}-{_KIND}-{_TAKEN}\.sqlite")


def read_identity(path: Path) -> str | None:
    """The identity stored in the database file ``path``; None when it has none or cannot be read."""
    if not path.is_file():
        return None
    try:
        conn = connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT identity FROM database_identity WHERE id = 1").fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    finally:
        conn.close()
    return str(row[0]) if row and row[0] else None


def _memory(database: Path, folder: Path | None) -> Path:
    return backup_folder(database, folder) / f".{database.name}.identity"


def _remember(database: Path, folder: Path | None, identity: str) -> None:
    memory = _memory(database, folder)
    with contextlib.suppress(OSError):
        if memory.is_file() and memory.read_text(encoding="ascii").strip() == identity:
            return
    partial = memory.with_name(memory.name + ".part")
    try:
        partial.write_text(identity + "\n", encoding="ascii")
        os.replace(partial, memory)
    except OSError:  # only a help for a damaged file later: never a reason to fail a backup
        partial.unlink(missing_ok=True)


def database_identity(database: Path, folder: Path | None = None) -> str | None:
    """The identity of ``database``: read from the file, or, when the file is missing or too damaged to
    read, the one remembered in its backup folder; None when neither is known."""
    identity = read_identity(database)
    if identity is not None:
        return identity
    try:
        remembered = _memory(database, folder).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return remembered if re.fullmatch(r"[0-9a-f-]{36}", remembered) else None


def adopt_copy(copy: Path, database: Path) -> None:
    """Give ``copy``, taken of ``database`` by this process before the upgrade that added identities, the
    database's identity: it is then proven to be a backup of it (listed, restorable, erased and rotated)."""
    identity = read_identity(database)
    if identity is None or read_identity(copy) is not None:
        return
    conn = sqlite3.connect(copy)
    try:
        with conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS database_identity (id INTEGER NOT NULL, identity VARCHAR(36) NOT NULL, "
                "CONSTRAINT pk_database_identity PRIMARY KEY (id), CONSTRAINT ck_database_identity_one_row "
                "CHECK (id = 1))"
            )
            conn.execute("INSERT OR IGNORE INTO database_identity (id, identity) VALUES (1, ?)", (identity,))
    finally:
        conn.close()


def _clean_partials(database: Path, folder: Path | None) -> None:
    """Delete what a killed backup left: ``.NAME.part`` files of this database's backups and their
    journals, once no living process holds them (a writer holds SQLite's lock on its partial file)."""
    where = backup_folder(database, folder)
    pattern = re.compile(rf"\.{re.escape(database.stem)}-{_KIND}-{_TAKEN}\.sqlite\.part(?P<journal>-journal)?")
    try:
        leftovers = [p for p in where.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return
    now = time.time()
    for path in sorted(leftovers, key=lambda p: p.name.endswith("-journal")):  # partials before journals
        try:
            if now - path.stat().st_mtime < PARTIAL_GRACE_SECONDS:
                continue
        except OSError:
            continue  # already gone
        partial = path.with_name(path.name.removesuffix("-journal"))
        if partial.exists() and _in_use(partial):
            continue
        with contextlib.suppress(OSError):
            path.unlink()


def _in_use(partial: Path) -> bool:
    """True when a living process is writing ``partial`` (it holds SQLite's lock on it)."""
    try:
        conn = sqlite3.connect(partial, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return is_busy(exc)
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return False


def check_integrity(path: Path, full: bool = False) -> str | None:
    """None when the database is sound, else the reason (SQLite's own words)."""
    try:
        conn = connect_for_reading(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return integrity_problem(conn, full)
    finally:
        conn.close()


def _target(database: Path, folder: Path | None, prefix: str, now: dt.datetime) -> Path:
    target = backup_folder(database, folder) / f"{database.stem}-{prefix}-{now:%Y%m%d-%H%M%S}.sqlite"
    counter = 2
    while target.exists():
        target = target.with_name(f"{database.stem}-{prefix}-{now:%Y%m%d-%H%M%S}-{counter}.sqlite")
        counter += 1
    return target


def take_backup(
    database: Path, folder: Path | None = None, now: dt.datetime | None = None, prefix: str = AUTO_PREFIX
) -> Path:
    """A backup of ``database`` in its backup folder, named ``STEM-PREFIX-YYYYmmdd-HHMMSS.sqlite``."""
    _clean_partials(database, folder)
    target = sqlite_backup(database, _target(database, folder, prefix, now or dt.datetime.now()))
    identity = read_identity(target)
    if identity is not None:
        _remember(database, folder, identity)
    return target


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        conn = connect_read_only(path)
        try:
            (programmes,) = conn.execute("SELECT count(*) FROM programme").fetchone()
            (participants,) = conn.execute("SELECT count(*) FROM participant").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None, None
    return programmes, participants


def list_backups(database: Path, folder: Path | None = None) -> list[BackupInfo]:
    """Every backup of ``database``, newest first, with what it holds: only files named as backups of it
    that carry its identity. None at all when the database's identity is not known."""
    identity = database_identity(database, folder)
    where = backup_folder(database, folder)
    if identity is None or not where.is_dir():
        return []
    _clean_partials(database, folder)
    pattern = _name_pattern(database)
    found = []
    for path in where.iterdir():
        named = pattern.fullmatch(path.name)
        if named is None or not path.is_file() or read_identity(path) != identity:
            continue
        taken = dt.datetime.strptime(named["taken"], "%Y%m%d-%H%M%S")
        kind = "before-upgrade" if named["kind"].startswith("before-upgrade") else named["kind"]
        found.append(BackupInfo(path, taken, path.stat().st_size, *_counts(path), kind=kind))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def unproven_backups(database: Path, folder: Path | None = None) -> list[Path]:
    """Files named as backups of ``database`` that carry no identity (damaged, or made by an earlier
    version): never listed, restored or rotated, but they may hold personal data, so erasure names them."""
    where = backup_folder(database, folder)
    if not where.is_dir():
        return []
    pattern = _name_pattern(database)
    return sorted(p for p in where.iterdir() if pattern.fullmatch(p.name) and p.is_file() and read_identity(p) is None)


def rotate(database: Path, folder: Path | None = None, now: dt.datetime | None = None) -> list[Path]:
    """Delete this database's backups beyond, for each kind, the newest per day (7 days), the newest per
    week (4 weeks) and the newest of all; returns them. Only proven backups are ever considered."""
    now = now or dt.datetime.now()
    keep: set[Path] = set()
    days: set[tuple[str, dt.date]] = set()
    weeks: set[tuple[str, int, int]] = set()
    newest: set[str] = set()
    backups = list_backups(database, folder)  # newest first
    for info in backups:
        age = (now.date() - info.taken.date()).days
        day = (info.kind, info.taken.date())
        week = (info.kind, *info.taken.isocalendar()[:2])
        if info.kind not in newest:
            newest.add(info.kind)
            keep.add(info.path)
        if age < KEEP_DAYS and day not in days:
            days.add(day)
            keep.add(info.path)
        if age < KEEP_WEEKS * 7 and week not in weeks:
            weeks.add(week)
            keep.add(info.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink()
    return removed


def known_folders(database: Path, folder: Path | None = None) -> list[Path]:
    """Where backups of ``database`` may be: beside it, ``folder``, and the folder chosen in the window."""
    from westem_desktop.core.settings import Settings

    chosen = Settings().text("backup_folder")
    found: list[Path] = []
    for candidate in (backup_folder(database), folder, Path(chosen) if chosen else None):
        if candidate is not None and candidate.resolve() not in {f.resolve() for f in found}:
            found.append(candidate)
    return found


def all_backups(database: Path, folder: Path | None = None) -> list[BackupInfo]:
    """Every backup of ``database`` in every folder it may have been written to, newest first."""
    found = [info for where in known_folders(database, folder) for info in list_backups(database, where)]
    return sorted(found, key=lambda info: info.taken, reverse=True)


def first_good(backups: list[BackupInfo]) -> BackupInfo | None:
    """The first of ``backups`` that is readable and passes the quick check."""
    return next((b for b in backups if b.programmes is not None and check_integrity(b.path) is None), None)


def newest_good_backup(database: Path, folder: Path | None = None) -> BackupInfo | None:
    return first_good(list_backups(database, folder))


def check_restorable(backup: Path, database: Path, folder: Path | None = None) -> None:
    """Refuse, before anything is touched, a file that is not a sound backup of ``database``: not SQLite,
    another application's database, one saved by a newer version, a damaged one, or one of another
    database (its identity differs from the database's)."""
    if not backup.is_file():
        raise RestoreRefusedError(_("There is no file {path}.").format(path=backup))
    check_file_kind(backup)
    revision = read_revision(backup)
    if revision is not None and revision not in migrations.REVISIONS:
        raise DatabaseNewerError(backup, revision)
    if check_integrity(backup) is not None:
        raise RestoreRefusedError(_("The backup is damaged and cannot be restored."))
    identity = read_identity(backup)
    if identity is None or identity != database_identity(database, folder):
        raise RestoreRefusedError(
            _("{file} is not a backup of {database}; nothing was restored.").format(file=backup, database=database)
        )


def restore(
    backup: Path, database: Path, folder: Path | None = None, *, lock: DatabaseLock | None = None
) -> Path | None:
    """Put ``backup`` in place of ``database``; the current file is saved first.

    The caller has closed the database; ``lock`` is the application's lock on it when the caller still
    holds it, else restore takes it (DatabaseLockedError when another process holds it). SQLite's
    exclusive lock is held from the copy of the current file to the end (DatabaseBusyError when another
    program holds the file past the busy timeout). Returns the copy of the current file (None when there
    was none, or, when it was damaged, the file kept aside under its own name, never overwritten).
    Refused before anything is touched: see ``check_restorable``.
    """
    check_restorable(backup, database, folder)
    held = lock or DatabaseLock.acquire(database)
    try:
        if database.exists() and database.stat().st_size > 0 and check_integrity(database) is None:
            saved = _restore_into(backup, database, _target(database, folder, BEFORE_RESTORE_PREFIX, dt.datetime.now()))
        else:
            saved = None
            if database.exists():
                saved = database.with_name(
                    f"{database.stem}-damaged-{dt.datetime.now():%Y%m%d-%H%M%S}{database.suffix}"
                )
                database.rename(saved)  # a damaged file is never overwritten or deleted
            sqlite_backup(backup, database)
        identity = read_identity(database)
        if identity is not None:
            _remember(database, folder, identity)
        return saved
    finally:
        if lock is None:
            held.release()


def _restore_into(backup: Path, database: Path, saved: Path) -> Path:
    """Save ``database`` as ``saved`` and write ``backup`` into it, under SQLite's exclusive lock throughout."""
    live = sqlite3.connect(database, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        live.execute("PRAGMA synchronous=FULL")
        try:
            # Wait for the lock in the normal mode (which lets go between tries, so a writer can finish),
            # then keep it: in the exclusive locking mode it is held until the connection closes.
            live.execute("BEGIN EXCLUSIVE")
            live.execute("PRAGMA locking_mode=EXCLUSIVE")
            live.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusyError(database) from exc
            raise
        live.execute("PRAGMA journal_mode=DELETE")
        copy_database(live, saved)
        source = connect_read_only(backup)
        try:
            source.backup(live)  # one step: all pages or none, through the live file's rollback journal
        finally:
            source.close()
    finally:
        live.close()
    return saved


def describe_backups(backups: list[BackupInfo]) -> list[str]:
    """The backups as lines of a table for the terminal: a heading, then one line per backup."""
    from westem_desktop.i18n import format_date, format_number

    damaged = _("damaged")
    rows = [(_("Taken"), _("Size"), _("Programmes"), _("Participants"), _("File"))]
    rows += [
        (
            f"{format_date(info.taken.date(), 'medium')} {info.taken:%H:%M:%S}",
            _("{size} MB").format(size=format_number(info.size / 1_000_000, decimals=1)),
            damaged if info.programmes is None else str(info.programmes),
            damaged if info.participants is None else str(info.participants),
            info.path.name,
        )
        for info in backups
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return ["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[4]]) for row in rows]


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
