"""Open a WESTEM database on a PostgreSQL server: the ``Database`` API of a file over psycopg 3.

- ``session()``: one user action, one transaction, committed whole or not at all.
- ``reading()``: one consistent, read-only view (``REPEATABLE READ, READ ONLY``).
- ``read()``: a ``PlainConnection``, an autocommit psycopg connection that takes the SQL and parameters
  written for ``sqlite3`` (``?`` placeholders) and returns what ``sqlite3`` would (dates and JSON as text),
  for the fast read queries of ``core/read.py``, ``core/views/`` and the like.

There is no lock file, no automatic local backup and no quick check on a server: the server keeps its
own data safe. What a role may write is the server's decision: a refused write is a
``ServerWriteRefusedError``. Passwords are never stored: one is given (``open_database(url,
password=…)``), written in the URL, or read by libpq from its password file (``~/.pgpass``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from westem_desktop.core import migrations
from westem_desktop.core.db import WESTEM_TABLES, Database
from westem_desktop.core.errors import (
    DatabaseNotInitialisedError,
    PasswordRefusedError,
    PasswordRequiredError,
    ServerDatabaseMissingError,
    ServerDatabaseNewerError,
    ServerDatabaseOutdatedError,
    ServerError,
    ServerNoAccessError,
    ServerNotWestemError,
    ServerUnreachableError,
    ServerWriteRefusedError,
)
from westem_desktop.i18n import _

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

CONNECT_TIMEOUT_S = 10
# sqlite3 hands dates, times and JSON lists out as the text stored; so does a PlainConnection.
AS_TEXT = ("date", "timestamp", "json", "jsonb")
REFUSED = {"42501", "25006"}  # insufficient_privilege, read_only_sql_transaction


class ServerTarget:
    """A ``postgresql://`` URL taken apart: ``url`` without the password, ``label`` ("host/dbname") and
    ``user`` for messages."""

    def __init__(self, url: str, password: str | None = None) -> None:
        from psycopg.conninfo import conninfo_to_dict

        url = "postgresql://" + url.split("://", 1)[1]
        parts = urlsplit(url)
        self.password = password if password is not None else (unquote(parts.password) if parts.password else None)
        netloc = parts.netloc.rpartition("@")[2]
        if parts.username:
            netloc = f"{parts.username}@{netloc}"
        self.url = urlunsplit(parts._replace(netloc=netloc))
        info = conninfo_to_dict(self.url)
        host = str(info.get("host") or os.environ.get("PGHOST") or "localhost")
        self.host = "localhost" if host.startswith("/") else host  # a Unix socket's folder: this computer
        self.user = str(info.get("user") or os.environ.get("PGUSER") or getpass.getuser())
        self.dbname = str(info.get("dbname") or os.environ.get("PGDATABASE") or self.user)
        self.label = f"{self.host}/{self.dbname}"
        self._timeout = "connect_timeout" not in info

    def connect(self, *, autocommit: bool = False) -> psycopg.Connection:
        """A new psycopg connection; a refusal is the ``ServerError`` that says why."""
        import psycopg

        options: dict[str, Any] = {"autocommit": autocommit, "application_name": "westem-desktop"}
        if self.password is not None:
            options["password"] = self.password
        if self._timeout:
            options["connect_timeout"] = CONNECT_TIMEOUT_S
        try:
            return psycopg.connect(self.url, **options)
        except psycopg.OperationalError as exc:
            raise self.connect_error(exc) from exc

    def connect_error(self, exc: BaseException) -> ServerError:
        text = str(exc)
        state = getattr(exc, "sqlstate", None)
        if "no password supplied" in text:
            return PasswordRequiredError(self.label)
        if state in ("28P01", "28000") or "password authentication failed" in text or 'role "' in text:
            return PasswordRefusedError(self.label)
        if state == "3D000" or ('database "' in text and "does not exist" in text):
            return ServerDatabaseMissingError(self.label, self.dbname)
        return ServerUnreachableError(self.label, reason_of(text))


def reason_of(text: str) -> str:
    """libpq's reason in a few words ("Connection refused"), without its advice lines."""
    first = text.strip().splitlines()[0] if text.strip() else text
    return first.rsplit(": ", 1)[-1].strip() or first


class PlainConnection:
    """An autocommit, read-only psycopg connection with ``sqlite3``'s ``execute(sql, params)``: ``?``
    placeholders, rows as tuples, dates and JSON as their text."""

    def __init__(self, conn: psycopg.Connection) -> None:
        sqlite_like(conn)
        self.connection = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> psycopg.Cursor:
        cursor = self.connection.cursor()
        if params:
            cursor.execute(placeholders(sql), tuple(params))  # type: ignore[arg-type]
        else:
            cursor.execute(sql)  # type: ignore[arg-type]
        return cursor

    def close(self) -> None:
        self.connection.close()


def sqlite_like(conn: Any) -> None:
    """Make ``conn`` (a psycopg connection or cursor) load dates and JSON as text, as ``sqlite3`` does."""
    from psycopg.types.string import TextLoader

    for name in AS_TEXT:
        conn.adapters.register_loader(name, TextLoader)


def placeholders(sql: str) -> str:
    """``sqlite3``'s ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def plain_rows(source: Any, sql: str, params: tuple) -> list[tuple]:
    """The rows of a plain query (``sqlite3`` SQL, ``?`` placeholders) over ``db.read()``'s connection or
    an ORM session's, on either engine, with the values ``sqlite3`` gives."""
    if hasattr(source, "execute") and not hasattr(source, "flush"):  # sqlite3 or PlainConnection
        return source.execute(sql, params).fetchall()
    connection = source.connection()
    if connection.dialect.name == "sqlite":
        return [tuple(row) for row in connection.exec_driver_sql(sql, params)]
    return [tuple(map(as_sqlite, row)) for row in connection.exec_driver_sql(placeholders(sql), params)]


def run_plain(connection: Any, sql: str, params: Sequence[object]) -> list[tuple]:
    """Run a plain statement (``sqlite3``'s SQL, ``?`` placeholders) over a SQLAlchemy connection of either
    engine; its rows as ``sqlite3`` gives them, [] when it returns none."""
    if connection.dialect.name == "sqlite":
        result = connection.exec_driver_sql(sql, tuple(params))
        return [tuple(row) for row in result.fetchall()] if result.returns_rows else []
    result = connection.exec_driver_sql(placeholders(sql), tuple(params))
    return [tuple(map(as_sqlite, row)) for row in result.fetchall()] if result.returns_rows else []


def table_columns(connection: Any) -> dict[str, set[str]]:
    """The tables of a server database (its current schema) and their columns."""
    schema: dict[str, set[str]] = {}
    for table, column in connection.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    ):
        schema.setdefault(table, set()).add(column)
    return schema


def advance_sequences(connection: Any, tables: Sequence[str]) -> None:
    """After rows were inserted with ids of our own (``core/demo.py``), the next id the server gives in
    each of ``tables`` follows the largest one."""
    for table in tables:
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT coalesce(max(id), 0) + 1 FROM "{table}"), false)'
        )


def as_sqlite(value: object) -> object:
    """A value as ``sqlite3`` would give it: a date or time as its text (as SQLAlchemy stores it in a file),
    a JSON list as its text."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return str(value)
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def schema_revision(conn: psycopg.Connection, label: str) -> str | None:
    """The Alembic revision of the database (its current schema); None when it has no table at all.
    Raises ``ServerNotWestemError`` for the tables of another application."""
    tables = {
        row[0]
        for row in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
        )
    }
    if not tables:
        return None
    if not tables >= WESTEM_TABLES:
        raise ServerNotWestemError(label)
    from psycopg.errors import InsufficientPrivilege

    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except InsufficientPrivilege as exc:  # a login with no grant yet
        raise ServerNoAccessError(label, conn.info.user) from exc
    if row is None:
        raise ServerNotWestemError(label)
    return str(row[0])


class ServerDatabase(Database):
    """A WESTEM database on a PostgreSQL server (see the module's docstring)."""

    is_server = True

    def __init__(self, target: ServerTarget, reader: psycopg.Connection | None = None) -> None:
        super().__init__(None, None, migrated_from=migrations.HEAD)  # type: ignore[arg-type]
        self.target = target
        self.url = target.url
        if reader is not None:
            self._read = self._plain(reader)  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ServerDatabase({self.url!r})"

    @property
    def location(self) -> str:
        return self.target.url

    @property
    def display_name(self) -> str:
        return _("server {server} as {user}").format(server=self.target.label, user=self.target.user)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import create_engine, make_url

            # Connections come from ``target.connect`` (its clear errors); the engine's URL names the same
            # database and user (and the password given, in memory only) for whoever reads it
            # (core/changes.py's listening connection).
            url = make_url(self.target.url).set(drivername="postgresql+psycopg", password=self.target.password)
            self._engine = create_engine(url, creator=self.target.connect, pool_pre_ping=True, pool_size=2)
        return self._engine

    def check_writable(self) -> None:
        """Nothing to check before a write: the server refuses what the role may not write."""

    def _translate(self, exc: BaseException) -> BaseException | None:
        import psycopg

        original = getattr(exc, "orig", exc)
        if getattr(original, "sqlstate", None) in REFUSED:
            return ServerWriteRefusedError(self.target.label)
        if isinstance(original, psycopg.OperationalError) and not getattr(original, "sqlstate", None):
            return ServerUnreachableError(self.target.label, reason_of(str(original)))
        return None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read for a screen: one consistent, read-only view; rolled back at the end."""
        if self._readers is None:
            from sqlalchemy.orm import sessionmaker

            self._readers = sessionmaker(self.engine, expire_on_commit=False)
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        session = self._readers()
        try:
            session.begin()
            session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            yield session
        except DBAPIError as exc:
            clear = self._translate(exc)
            if clear is not None:
                raise clear from exc
            raise
        finally:
            session.rollback()
            session.close()

    def _plain(self, conn: psycopg.Connection) -> PlainConnection:
        conn.execute("SET default_transaction_read_only = on")
        return PlainConnection(conn)

    def read(self) -> PlainConnection:  # type: ignore[override]
        """A plain, autocommit, read-only connection for the fast read queries (``sqlite3``'s SQL)."""
        if self._read is None:
            self._read = self._plain(self.target.connect(autocommit=True))  # type: ignore[assignment]
        return self._read  # type: ignore[return-value]

    def connect_reader(self) -> PlainConnection:
        """A new plain read connection of its own (for a worker thread); the caller closes it."""
        return self._plain(self.target.connect(autocommit=True))


def open_server_database(url: str, password: str | None = None) -> ServerDatabase:
    """Open the WESTEM database at ``url``; it must have the schema of this version (``server init`` makes
    it, ``server upgrade`` migrates it: nothing is created or migrated here). Raises a ``ServerError``."""
    target = ServerTarget(url, password)
    conn = target.connect(autocommit=True)
    try:
        revision = schema_revision(conn, target.label)
        if revision is None:
            raise DatabaseNotInitialisedError(target.label)
        if revision not in migrations.REVISIONS:
            raise ServerDatabaseNewerError(target.label, revision)
        if revision != migrations.HEAD:
            raise ServerDatabaseOutdatedError(target.label, revision)
        return ServerDatabase(target, conn)
    except BaseException:
        conn.close()
        raise
