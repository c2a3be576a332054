"""Concurrent coordinators lose nothing: every editable row carries ``row_version``, ``changed_by`` and
``changed_at`` (``models.Versioned``, migration 0006).

A screen reads a row with its version; the service that saves the row takes that version and calls
``current()``, which locks the row (``SELECT … FOR UPDATE`` on PostgreSQL; on a file the write
transaction already holds the lock) and refuses the save with ``ConcurrentChangeError`` (who and when)
when someone saved the row since, or ``RowDeletedError`` when someone deleted it. SQLAlchemy's
``version_id_col`` makes every ORM update and delete conditional on the version as well, so a path
that does not check first still cannot overwrite a newer row (``StaleDataError``, refused the same way
by ``Database.session()``). ``stamp`` records who wrote each versioned row and when.
"""

from __future__ import annotations

import datetime as dt
import getpass
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from westem_desktop.core.models import Versioned

V = TypeVar("V", bound="Versioned")


def current(session: Session, model: type[V], row_id: int, version: int | None) -> V:
    """The row ``row_id`` of ``model``, locked for this transaction; refused when it is gone or when
    ``version`` (the one the screen showed; None: no check) is no longer its version."""
    row = session.get(model, row_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise RowDeletedError()
    if version is not None and row.row_version != version:
        raise ConcurrentChangeError(row.changed_by, row.changed_at, row.row_version)
    return row


class Seen(NamedTuple):
    """What a screen showed of a row that a save replaces or succeeds (a pair's current agreement, an
    entered form): its id (None: there was none yet), version and when it was written (``at``; None: not
    compared). A form deleted and entered again is a new row, which on a file may get the deleted one's id
    and starts again at version 1: its time tells it apart."""

    id: int | None
    version: int = 0
    at: dt.datetime | None = None

    @classmethod
    def of(cls, row: Versioned | None) -> Seen:
        if row is None:
            return cls(None)
        return cls(row.id, row.row_version, row.changed_at)  # type: ignore[attr-defined]


def written_at(value: dt.datetime | str | None) -> dt.datetime | None:
    """``changed_at`` as a plain read gives it (a file's text, a server's timestamp) as the ORM does."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def check_seen(row: Versioned | None, seen: Seen | None) -> None:
    """Refuse a save when ``row`` (the one there now, None: none) is not what the screen showed (``seen``;
    None: no check): someone else saved, replaced or deleted it meanwhile. The caller holds a lock that
    keeps others from changing it until the save commits (the pair's row, ``current(…)``)."""
    if seen is None:
        return
    if row is None:
        if seen.id is not None:
            raise RowDeletedError()
        return
    now = (row.id, row.row_version)  # type: ignore[attr-defined]
    if now != (seen.id, seen.version) or (seen.at is not None and row.changed_at != seen.at):  # type: ignore[attr-defined]
        raise ConcurrentChangeError(row.changed_by, row.changed_at, row.row_version)  # type: ignore[attr-defined]


def who(engine: Engine) -> str:
    """Who writes through ``engine``: the PostgreSQL role on a server, the OS login name on a file."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("SELECT current_user").scalar())
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name known to the system (a container's bare user id)
        return ""


def stamp(session: Session, _context: object = None, _instances: object = None) -> None:
    """``before_flush``: every new or changed versioned row is stamped with ``session.info["who"]`` and
    the time (UTC)."""
    from westem_desktop.core.models import Versioned

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    name = session.info.get("who", "")
    for row in (*session.new, *session.dirty):
        if isinstance(row, Versioned) and (row in session.new or session.is_modified(row)):
            row.changed_by, row.changed_at = name, now


def install(sessions: object) -> None:
    """Stamp the rows written through the sessions of the ``sessionmaker`` ``sessions``."""
    from sqlalchemy import event

    event.listen(sessions, "before_flush", stamp)
