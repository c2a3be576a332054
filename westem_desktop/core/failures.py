"""What went wrong, in one line for the coordinator, and the command line's exit code for it.

A full disk, a folder that may not be written, a file name that is too long or a SQLite error reach the
coordinator as a sentence that names the file and says what to do, never as a traceback. Every write is
one transaction or a temporary file renamed into place, so a failure changes nothing: the messages say so.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from westem_desktop.core.errors import DatabaseBusyError, DatabaseLockedError, WestemError, visible
from westem_desktop.i18n import _

EXIT_FAILED = 1
EXIT_BUSY = 3

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
NOT_ALLOWED = frozenset({errno.EACCES, errno.EPERM})
# SQLite's primary result codes (sqlite.org/rescode.html)
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 13, 14


def sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The SQLite error in ``exc``, itself or wrapped by SQLAlchemy, else None."""
    if isinstance(exc, sqlite3.Error):
        return exc
    original = getattr(exc, "orig", None)
    return original if isinstance(original, sqlite3.Error) else None


def expected(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure the coordinator can act on (no programming error behind it)."""
    return isinstance(exc, WestemError | OSError) or sqlite_error(exc) is not None


def exit_code(exc: BaseException) -> int:
    """3 when the database is in use by another program (or open in another window), else 1."""
    if isinstance(exc, DatabaseBusyError | DatabaseLockedError):
        return EXIT_BUSY
    found = sqlite_error(exc)
    if found is not None and ("locked" in str(found) or "busy" in str(found)):
        return EXIT_BUSY
    return EXIT_FAILED


def explain(exc: BaseException, target: Path | None = None) -> str:
    """One line saying what happened to ``target`` (the file being written, when the error does not
    name one) and what to do; values from outside are shown with their control characters visible."""
    if isinstance(exc, WestemError):
        return visible(str(exc))
    found = sqlite_error(exc)
    if found is not None:
        return _explain_sqlite(found, target)
    if isinstance(exc, OSError):
        return _explain_os(exc, target)
    return _("Something went wrong ({kind}); nothing was changed.").format(kind=type(exc).__name__)


def _name(path: object) -> str:
    return visible(str(path))


def _explain_os(exc: OSError, target: Path | None) -> str:
    where = exc.filename if exc.filename is not None else target
    path = _name(where) if where is not None else _("the file")
    code = exc.errno
    if code in DISK_FULL:
        return _(
            "There is not enough room on the disk for {path}; nothing was written. Free some space and try again."
        ).format(path=path)
    if code in NOT_ALLOWED:
        return _(
            "{path} may not be written or read (permission denied); nothing was changed. Choose another folder."
        ).format(path=path)
    if code == errno.EROFS:
        return _("{path} is on a read-only disk; nothing was written. Choose another folder.").format(path=path)
    if code == errno.EISDIR:
        return _("{path} is a folder; choose a file name.").format(path=path)
    if code == errno.ENOTDIR:
        return _("A part of {path} is a file, not a folder; choose another place.").format(path=path)
    if code == errno.ENOENT:
        return _("There is no {path} (is its folder there?); nothing was changed.").format(path=path)
    if code == errno.ENAMETOOLONG:
        return _("The name {path} is too long; choose a shorter one.").format(path=path)
    if code == errno.EEXIST:
        return _("{path} already exists; nothing was changed.").format(path=path)
    reason = exc.strerror or type(exc).__name__
    return _("{path} could not be used: {reason}. Nothing was changed.").format(path=path, reason=visible(reason))


def _explain_sqlite(exc: sqlite3.Error, target: Path | None) -> str:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    text = str(exc)
    if "locked" in text or "busy" in text:
        if target is not None:
            return str(DatabaseBusyError(target))
        return _("The database is in use by another program right now. Try again in a moment; nothing was changed.")
    if code == SQLITE_FULL or "disk is full" in text:
        return _("The disk is full: nothing was written, and the database is as it was. Free some space and try again.")
    if code == SQLITE_IOERR or "disk I/O error" in text:
        return _(
            "The disk could not be written (it may be full, or the file may be too large for it); "
            "nothing was changed. Free some space and try again."
        )
    if code == SQLITE_CANTOPEN or "unable to open" in text:
        if target is not None:
            return _("{path} could not be created or opened; may this folder be written? Nothing was changed.").format(
                path=_name(target)
            )
        return _("A database file could not be created or opened; may its folder be written? Nothing was changed.")
    if code == SQLITE_READONLY or "readonly" in text:
        return _("The database may only be read here, so nothing was changed.")
    return _("The database reported an error ({reason}); nothing was changed.").format(reason=visible(text))
