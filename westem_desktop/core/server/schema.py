"""Create and migrate the schema of a database on a server (``westem-desktop server init`` / ``upgrade``).

The tables come from the same Alembic revisions as a file's. What exists on a server only (policies,
roles, triggers, an audit table) is made by the functions in ``SERVER_STEPS``, run after the migrations in
the same transaction by both ``init`` and ``upgrade``: each must be safe to run again. Nothing is changed
when anything fails (PostgreSQL's DDL is transactional).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from westem_desktop.core import migrations
from westem_desktop.core.db import upgrade
from westem_desktop.core.errors import ServerDatabaseNewerError
from westem_desktop.core.server.engine import ServerTarget, schema_revision

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def _security(connection: Connection) -> None:
    from westem_desktop.core.server.security import apply_security

    apply_security(connection)


SERVER_STEPS: list[Callable[[Connection], None]] = [_security]
"""The server-only objects, in order: append a function of a connection (inside the migration's
transaction) to have ``server init`` and ``server upgrade`` apply it."""


class Outcome(NamedTuple):
    """What ``initialise`` or ``migrate`` found (``before``: None for an empty database) and left
    (``after``); ``changed``: whether it wrote anything."""

    server: str
    before: str | None
    after: str | None
    changed: bool


def apply_server_steps(connection: Connection) -> None:
    for step in SERVER_STEPS:
        step(connection)


def server_engine(target: ServerTarget) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine("postgresql+psycopg://", creator=target.connect, poolclass=NullPool)


def current_revision(target: ServerTarget) -> str | None:
    """The schema revision of the database (None: empty); refuses another application's and a newer one."""
    with contextlib.closing(target.connect(autocommit=True)) as conn:
        revision = schema_revision(conn, target.label)
    if revision is not None and revision not in migrations.REVISIONS:
        raise ServerDatabaseNewerError(target.label, revision)
    return revision


def _migrate(target: ServerTarget) -> None:
    engine = server_engine(target)
    try:
        upgrade(engine, then=apply_server_steps)
    finally:
        engine.dispose()


def initialise(target: ServerTarget) -> Outcome:
    """Create the schema in an empty database; a database that already has ours is left as it is."""
    revision = current_revision(target)
    if revision is not None:
        return Outcome(target.label, revision, revision, changed=False)
    _migrate(target)
    return Outcome(target.label, None, migrations.HEAD, changed=True)


def migrate(target: ServerTarget) -> Outcome:
    """Bring an initialised database to the newest schema (and the server-only objects up to date); an
    empty one is left as it is (``after`` None)."""
    revision = current_revision(target)
    if revision is None:
        return Outcome(target.label, None, None, changed=False)
    if revision == migrations.HEAD:
        if SERVER_STEPS:  # the server-only objects of this version, made again (each step may run again)
            engine = server_engine(target)
            try:
                with engine.begin() as connection:
                    apply_server_steps(connection)
            finally:
                engine.dispose()
        return Outcome(target.label, revision, revision, changed=False)
    _migrate(target)
    return Outcome(target.label, revision, migrations.HEAD, changed=True)
