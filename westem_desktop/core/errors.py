"""Errors the coordinator can act on; each message says what happened and what to do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from westem_desktop.i18n import _

JOINERS = "\u200c\u200d"  # zero-width (non-)joiners belong to Persian and Indic names


def visible(text: str, keep: str = "") -> str:
    """``text`` safe to echo on a terminal or in a log: control and format characters (an escape
    sequence, a carriage return, a bidirectional override) are shown as ``\\x1b``, ``\\u202e``, …,
    never sent raw; the characters in ``keep`` pass as they are."""
    import unicodedata

    return "".join(
        c
        if c in keep or c in JOINERS or unicodedata.category(c) not in ("Cc", "Cf")
        else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in text
    )


class WestemError(Exception):
    """Base of every error with a message meant for the coordinator; ``field`` names the form field the
    message belongs to, if any."""

    field: str | None = None


class DatabaseError(WestemError):
    """``path``: the file, or for a database on a server its name as shown (``ServerError.server``)."""

    def __init__(self, path: Path | str | None, message: str) -> None:
        super().__init__(message)
        self.path = path


class NotADatabaseError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            _("“{path}” is not a WESTEM Desktop database (or it is damaged). It was not changed.").format(path=path),
        )


class DatabaseBusyError(DatabaseError):
    """Another program holds the file's lock: the file is in use, not damaged."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            _(
                "“{path}” is in use by another program right now. Close that program or wait a moment, "
                "then try again; nothing was changed."
            ).format(path=path),
        )


class NotAWestemDatabaseError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            _("“{path}” is a database of another application. WESTEM Desktop left it untouched.").format(path=path),
        )


class DatabaseNewerError(DatabaseError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            path,
            _(
                "“{path}” was saved by a newer version of WESTEM Desktop (schema {revision}). "
                "Install the newer version to open it; the file was not changed."
            ).format(path=path, revision=revision),
        )
        self.revision = revision


class DatabaseLockedError(DatabaseError):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(
            path,
            _(
                "“{path}” is already open in another WESTEM Desktop window ({holder}). "
                "Close it there first, or open another database."
            ).format(path=path, holder=holder),
        )
        self.holder = holder


class DatabaseDamagedError(DatabaseError):
    """SQLite's quick check found damage before the first write: nothing is written into a damaged file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            path,
            _(
                "“{path}” is damaged ({reason}), so nothing was written to it. See the damage with "
                "“westem-desktop check”, and restore the newest good backup (“westem-desktop restore”, or "
                "File ▸ Restore a backup… in the window)."
            ).format(path=path, reason=reason),
        )
        self.reason = reason


class ReadOnlyDatabaseError(DatabaseError):
    """The file (or its folder) cannot be written by us: it is opened for reading only, and every write
    is refused; ``upgrade``: it needs a schema upgrade, which a read-only file cannot have."""

    def __init__(self, path: Path, *, upgrade: bool = False) -> None:
        if upgrade:
            message = _(
                "“{path}” is read-only and was saved by an older version of WESTEM Desktop: it must be "
                "upgraded before it can be opened, and a read-only file cannot be. Copy it to a folder of "
                "your own, or ask for write permission; the file was not changed."
            )
        else:
            message = _(
                "“{path}” is read-only (the file or its folder cannot be written), so nothing can be changed "
                "in it. To make changes, copy it to a folder of your own or ask for write permission."
            )
        super().__init__(path, message.format(path=path))
        self.upgrade = upgrade


class ValidationError(WestemError):
    """Input refused by a rule."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConcurrentChangeError(WestemError):
    """The row was saved by someone else (``who``, at ``when``, UTC) after the screen read it: the save is
    refused, the other's change stays, and the user applies hers again on the newer version."""

    def __init__(self, who: str = "", when: dt.datetime | None = None, version: int | None = None) -> None:
        if who and when is not None:
            message = _("Changed by {who} at {time}; reload and apply your change again?").format(
                who=who, time=moment(when)
            )
        else:
            message = _("Someone else changed this meanwhile; reload and apply your change again?")
        super().__init__(message)
        self.who, self.when, self.version = who, when, version


class RowDeletedError(WestemError):
    """The row was deleted by someone else after the screen read it: nothing was saved."""

    def __init__(self) -> None:
        super().__init__(_("Someone else deleted this meanwhile, so your change was not saved."))


def moment(when: dt.datetime, now: dt.datetime | None = None) -> str:
    """``when`` (naive UTC) in local time as the user's language writes it: the time (14:32), and the
    date before it when it was not today."""
    from babel.dates import format_date, format_time

    from westem_desktop.i18n import babel_locale

    local = when.replace(tzinfo=dt.UTC).astimezone()
    today = (now or dt.datetime.now().astimezone()).date()
    time = format_time(local.time(), "short", locale=babel_locale())
    if local.date() == today:
        return time
    return f"{format_date(local.date(), 'long', locale=babel_locale())} {time}"


class ServerError(DatabaseError):
    """A database on a server could not be used; ``server`` names it as the window shows it
    ("host/dbname as user"). Nothing was changed."""

    def __init__(self, server: str, message: str) -> None:
        DatabaseError.__init__(self, server, message)  # not the message of a file's error it may also be
        self.server = server


class ServerUnreachableError(ServerError):
    def __init__(self, server: str, reason: str) -> None:
        super().__init__(
            server,
            _(
                "The server of {server} cannot be reached ({reason}). Check the address and the network "
                "connection, or ask your IT office; nothing was changed."
            ).format(server=server, reason=reason),
        )
        self.reason = reason


class PasswordRequiredError(ServerError):
    """The server asks for a password and none is known (none given, none in libpq's password file)."""

    def __init__(self, server: str) -> None:
        super().__init__(
            server,
            _(
                "The server asks for the password of {server}, and none was given. Enter it when asked, or "
                "put it in your PostgreSQL password file (~/.pgpass)."
            ).format(server=server),
        )


class PasswordRefusedError(ServerError):
    def __init__(self, server: str) -> None:
        super().__init__(
            server,
            _(
                "The server refused the user or the password for {server}. Check both, or ask your IT office; "
                "nothing was changed."
            ).format(server=server),
        )


class ServerDatabaseMissingError(ServerError):
    def __init__(self, server: str, database: str) -> None:
        super().__init__(
            server,
            _(
                "The server has no database “{database}” ({server}). Check its name, or ask your IT office to "
                "create it."
            ).format(server=server, database=database),
        )
        self.database = database


class DatabaseNotInitialisedError(ServerError):
    def __init__(self, server: str) -> None:
        super().__init__(
            server,
            _(
                "The database {server} has no WESTEM Desktop tables yet. Ask your IT office to run "
                "“westem-desktop server init” for it; nothing was changed."
            ).format(server=server),
        )


class ServerNoAccessError(ServerError):
    """The role may not read the database at all: no programme has been granted to it yet."""

    def __init__(self, server: str, user: str) -> None:
        super().__init__(
            server,
            _(
                "Your user {user} may not read {server} yet. Ask your IT office to give it a programme "
                "(“westem-desktop server grant”); nothing was changed."
            ).format(user=user, server=server),
        )


class ServerDatabaseOutdatedError(ServerError):
    """The schema on the server is older than the application: only ``server upgrade`` migrates it."""

    def __init__(self, server: str, revision: str) -> None:
        super().__init__(
            server,
            _(
                "The database {server} has an older schema (revision {revision}) than this version of "
                "WESTEM Desktop. Ask your IT office to run “westem-desktop server upgrade” for it; nothing "
                "was changed."
            ).format(server=server, revision=revision),
        )
        self.revision = revision


class ServerDatabaseNewerError(ServerError, DatabaseNewerError):
    def __init__(self, server: str, revision: str) -> None:
        ServerError.__init__(
            self,
            server,
            _(
                "The database {server} was made by a newer version of WESTEM Desktop (schema {revision}). "
                "Install the newer version to use it; nothing was changed."
            ).format(server=server, revision=revision),
        )
        self.revision = revision


class ServerNotWestemError(ServerError, NotAWestemDatabaseError):
    def __init__(self, server: str) -> None:
        ServerError.__init__(
            self,
            server,
            _("The database {server} belongs to another application. WESTEM Desktop left it untouched.").format(
                server=server
            ),
        )


class ServerWriteRefusedError(ServerError, ReadOnlyDatabaseError):
    """The server refused a write: the role may read this, not change it."""

    def __init__(self, server: str) -> None:
        ServerError.__init__(
            self,
            server,
            _(
                "The server refused the change: your user may read {server} but not change this. Nothing was "
                "changed; ask your IT office if you need to make changes."
            ).format(server=server),
        )
        self.upgrade = False
