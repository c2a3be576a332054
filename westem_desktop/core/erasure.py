"""Erasure beyond the rows: the file compacted, and the same erasure in every backup of the database.

Every connection has ``secure_delete`` on (``core.db.configure_connection``), so what an erasure empties
is overwritten, and ``VACUUM`` then rebuilds the file without its free pages (which may still hold texts
deleted before). A backup holds everything the database held when it was taken, in its rows and in its
free pages: each backup of the database (``core.backup.list_backups``, in the backups folder beside the
file, the one passed and the one chosen in the settings) is copied, erased like the database, vacuumed,
and put in place of the old one in one rename: never a half-rewritten backup. A backup that cannot be
rewritten (read-only, in a read-only folder, damaged) is named in the result with the day until which
it is kept: automatic backups are rotated away after at most ``KEEP_WEEKS`` weeks, the others stay until
the coordinator deletes them. A copy written elsewhere (``backup -o``, the window's "Back up…" to a file
of one's own) is not known to the application and is not touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from westem_desktop.core.backup import (
    KEEP_WEEKS,
    check_integrity,
    known_folders,
    list_backups,
    unproven_backups,
)
from westem_desktop.core.db import configure_connection, is_busy, sqlite_backup
from westem_desktop.core.privacy import Erased, Run, erase_rows, find_keys, mark_anonymised
from westem_desktop.i18n import _, format_date, ngettext


@dataclass(frozen=True)
class KeptBackup:
    """A backup that could not be cleaned, why, and until when it is kept (None: until deleted by hand).

    The newest backup of its kind is kept by the rotation until a newer one of that kind is taken, so
    for it ``until`` is the earliest day it can go."""

    path: Path
    reason: str
    until: dt.date | None
    newest_of_kind: bool = False


@dataclass(frozen=True)
class ErasureResult:
    participants: int
    cleaned: tuple[Path, ...]
    kept: tuple[KeptBackup, ...]
    compacted: bool  # False: another program held the file, so VACUUM could not run

    def done_lines(self) -> list[str]:
        """The backups cleaned, one line each (the first counts them)."""
        count = len(self.cleaned)
        out = [ngettext("{n} backup was cleaned as well.", "{n} backups were cleaned as well.", count).format(n=count)]
        return out + [_("Cleaned: {file}").format(file=path) for path in self.cleaned]

    def warning_lines(self) -> list[str]:
        """The backups that could not be cleaned and until when each is kept; a file not compacted."""
        out = []
        for kept in self.kept:
            if kept.until is None:
                text = _("Could not be cleaned ({reason}): {file}; it is kept until you delete it.")
            elif kept.newest_of_kind:
                text = _(
                    "Could not be cleaned ({reason}): {file}; the rotation deletes it after {date}, "
                    "once a newer backup of its kind has been taken."
                )
            else:
                text = _("Could not be cleaned ({reason}): {file}; the rotation deletes it by {date}.")
            out.append(text.format(reason=kept.reason, file=kept.path, date=format_date(kept.until)))
        if not self.compacted:
            out.append(
                _(
                    "The database file could not be compacted now (another program is using it); "
                    "the erased data was overwritten all the same."
                )
            )
        return out


class _NotCleaned(Exception):
    """A backup that cannot be rewritten; the message is the reason shown."""


def vacuum(path: Path) -> bool:
    """Rebuild the file without free pages; False when another program holds it (it is left as it was)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        configure_connection(conn)
        conn.execute("VACUUM")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            return False
        raise
    finally:
        conn.close()
    return True


def erase_in_file(path: Path, erased: Erased) -> int:
    """Apply ``erased`` to the database file ``path`` (a copy of a backup) and vacuum it; returns how many
    participants it held that were erased."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        configure_connection(conn)

        def run(sql: str, params: Sequence[object]) -> list[tuple]:
            return conn.execute(sql, tuple(params)).fetchall()

        conn.execute("BEGIN IMMEDIATE")
        try:
            ids = _erase(run, erased)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("VACUUM")
    finally:
        conn.close()
    return len(ids)


def _erase(run: Run, erased: Erased) -> list[int]:
    ids = find_keys(run, erased)
    erase_rows(run, ids)
    mark_anonymised(run, erased.programmes)
    return ids


def _kept_until(taken: dt.datetime) -> dt.date:
    """The rotation keeps every kind of backup (automatic, manual, before-restore, before-upgrade) at
    most ``KEEP_WEEKS`` weeks, except the newest of each kind."""
    return taken.date() + dt.timedelta(weeks=KEEP_WEEKS)


def _writable(path: Path) -> bool:
    """Writable by this user, and not made read-only by its owner (a mode without write, which even an
    administrator's account, allowed to write anyway, respects here)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def clean_backup(path: Path, erased: Erased) -> None:
    """Rewrite one backup without the erased data, whole or not at all; raises _NotCleaned with the reason."""
    if not _writable(path):
        raise _NotCleaned(_("the file is read-only"))
    if not _writable(path.parent):
        raise _NotCleaned(_("its folder is read-only"))
    if check_integrity(path) is not None:
        raise _NotCleaned(_("the file is damaged"))
    copy = path.with_name(f".{path.name}.erasing")
    try:
        sqlite_backup(path, copy)
        erase_in_file(copy, erased)
        os.replace(copy, path)
    except sqlite3.DatabaseError as exc:
        raise _NotCleaned(_("the file is damaged") if not is_busy(exc) else str(exc)) from exc
    except OSError as exc:
        raise _NotCleaned(exc.strerror or str(exc)) from exc
    finally:
        for leftover in (copy, copy.with_name(copy.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def finish_erasure(database: Path, erased: Erased, folder: Path | None = None) -> ErasureResult:
    """After an erasure or anonymising was committed: the same erasure in every backup of ``database``,
    then ``VACUUM`` of the database itself. Call it with no transaction open on the file."""
    cleaned: list[Path] = []
    kept: list[KeptBackup] = []
    for where in known_folders(database, folder):
        kinds_seen: set[str] = set()
        for info in list_backups(database, where):  # newest first
            newest = info.kind not in kinds_seen
            kinds_seen.add(info.kind)
            try:
                clean_backup(info.path, erased)
            except _NotCleaned as exc:
                kept.append(KeptBackup(info.path, str(exc), _kept_until(info.taken), newest))
            else:
                cleaned.append(info.path)
        for path in unproven_backups(database, where):  # named as ours, but without the identity to prove it
            damaged = check_integrity(path) is not None
            reason = _("the file is damaged") if damaged else _("it is not proven to be a backup of this database")
            kept.append(KeptBackup(path, reason, None))
    compacted = vacuum(database)
    return ErasureResult(erased.participants, tuple(cleaned), tuple(kept), compacted)
