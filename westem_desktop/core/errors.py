"""Errors the coordinator can act on; each message says what happened and what to do."""

from __future__ import annotations

from pathlib import Path

from westem_desktop.i18n import _


class WestemError(Exception):
    """Base of every error with a message meant for the coordinator; ``field`` names the form field the
    message belongs to, if any."""

    field: str | None = None


class DatabaseError(WestemError):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class NotADatabaseError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            _("“{path}” is not a WESTEM Desktop database (or it is damaged). It was not changed.").format(path=path),
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


class ValidationError(WestemError):
    """Input refused by a rule."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
