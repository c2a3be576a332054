"""A lock beside the database file so that only one process writes it at a time.

The operating system's file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) is what
excludes; it disappears with the process, so a crash never leaves a stale lock. The file's text
names the holder for the message the second instance shows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import IO

from westem_desktop import paths
from westem_desktop.core.errors import DatabaseLockedError
from westem_desktop.i18n import _


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


# Windows' byte-range locks are mandatory: nobody else may read a locked byte. The lock is therefore
# taken on a byte far beyond the holder's text (Windows lets a lock lie past the end of a file), so that
# the second instance can still read who holds the file.
WINDOWS_LOCKED_BYTE = 1 << 20


def _try_lock(handle: IO[str]) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(handle.fileno(), WINDOWS_LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder_text() -> str:
    # From the environment rather than getpass/socket: those imports cost start-up time.
    user = os.environ.get("USER") or os.environ.get("USERNAME") or os.environ.get("LOGNAME") or "?"
    host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "?")
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"{user}@{host}, pid {os.getpid()}, {when}"


class DatabaseLock:
    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self._handle: IO[str] | None = handle

    @classmethod
    def acquire(cls, database: Path) -> DatabaseLock:
        path = lock_path(database)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or _("another program")
            handle.close()
            raise DatabaseLockedError(database, holder)
        handle.seek(0)
        handle.truncate()
        handle.write(_holder_text())
        handle.flush()
        paths.make_private(path)
        return cls(path, handle)

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self._handle.seek(0)
            self._handle.truncate()
        if sys.platform == "win32":
            # Windows frees a lock left at closing only "when resources allow": unlock it at once.
            import msvcrt

            with contextlib.suppress(OSError):
                os.lseek(self._handle.fileno(), WINDOWS_LOCKED_BYTE, os.SEEK_SET)
                msvcrt.locking(self._handle.fileno(), msvcrt.LK_UNLCK, 1)
        self._handle.close()
        self._handle = None
        # The file stays: unlinking it would let two later processes lock two different files.
