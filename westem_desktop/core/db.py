"""Open, create and migrate a WESTEM database file; one transaction per user action.

Opening a file goes: refuse what is not a SQLite database, take the lock beside the file, read the
schema revision with plain ``sqlite3``, refuse a revision this version does not know (a newer
application wrote it), back up and migrate an older one, then hand out sessions. Nothing is written
to a file that is refused.

Start-up speed: importing SQLAlchemy costs about twice as much as showing a bare Qt window, so an
up-to-date database is opened with ``sqlite3`` alone; the engine (and SQLAlchemy) comes on the first
``session()``. ``read()`` gives a plain ``sqlite3`` connection for the fast read-only queries of
``core/read.py``. Alembic is imported only when a migration is actually needed.

Locks: a write (``session()``) begins immediately, taking the write lock at its start; a read
(``reading()``, used by the screens' read models in ``core/views/``) begins a deferred transaction on a
query-only connection, so it reads while another connection holds the write lock and never writes.

Before the first write of a session, SQLite's quick check runs once on the write connection: nothing is
written into a damaged file (``DatabaseDamagedError``). A file we may not write (no write permission, or
a folder where SQLite cannot make its journal) is opened read-only: its mode is never changed, every
connection is ``mode=ro``, and a write is refused with ``ReadOnlyDatabaseError``; the lock beside it is
taken when it can be made, else the file is read without it (nothing is written, so nothing to exclude).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from westem_desktop import paths
from westem_desktop.core import migrations
from westem_desktop.core.errors import (
    ConcurrentChangeError,
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseNewerError,
    NotADatabaseError,
    NotAWestemDatabaseError,
    ReadOnlyDatabaseError,
)
from westem_desktop.core.lock import DatabaseLock

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def configure_connection(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """The PRAGMAs of every connection, SQLAlchemy's and the plain read connection alike."""
    # DELETE is the rollback journal: unlike WAL it works on network file systems, where a
    # university home folder often lives (sqlite.org/wal.html). FULL syncs survive power loss.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=DELETE")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not left in free pages
    cursor.close()


def _begin_immediate(conn: object) -> None:
    # pysqlite's own transaction handling is switched off (isolation_level=None) so that SQLAlchemy
    # decides; BEGIN IMMEDIATE takes the write lock at the start of every user action.
    conn.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]


def _begin_deferred(conn: object) -> None:
    # A read takes no lock until it reads, and then only a shared one: it never waits for a writer's lock.
    conn.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]


def _query_only(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def connect_read_only(path: Path, **kwargs: object) -> sqlite3.Connection:
    """A connection that can never write ``path`` (nor create a journal beside it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, **kwargs)  # type: ignore[arg-type]


def is_read_only(path: Path) -> bool:
    """True when we must not write the existing file ``path``: nobody may write it (its mode has no write
    bit: someone made it read-only, which even an administrator's account respects here), we may not, or
    SQLite could not create its rollback journal in the folder."""
    if not path.exists():
        return False
    return (
        not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        or not os.access(path, os.W_OK)
        or not os.access(path.parent, os.W_OK)
    )


WRITE_STATEMENTS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"})


def is_write(statement: str) -> bool:
    words = statement.split(None, 1)
    return bool(words) and words[0].upper() in WRITE_STATEMENTS


def integrity_problem(conn: sqlite3.Connection, full: bool = False) -> str | None:
    """None when SQLite's quick (or ``full`` integrity) check finds ``conn``'s database sound, else the
    reason in SQLite's words."""
    try:
        messages = [row[0] for row in conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if messages == ["ok"] else "; ".join(messages[:5])


def make_engine(path: Path, *, reading: bool = False, read_only: bool = False) -> Engine:
    """The engine of ``path``: every transaction begins immediately, or, ``reading``, deferred and
    query-only; ``read_only``: every connection is opened ``mode=ro``."""
    from sqlalchemy import URL, create_engine, event

    connect_args: dict[str, object] = {"isolation_level": None, "timeout": BUSY_TIMEOUT_MS / 1000}
    if read_only:
        # The file's URI is built from the path (percent-encoded): a "%41", "?" or "#" in it is no escape.
        engine = create_engine("sqlite://", creator=lambda: connect_read_only(path, **connect_args))
    else:
        # URL.create: the path is the database's name as it is (a "%41", "?" or "#" in it is no escape).
        engine = create_engine(URL.create("sqlite", database=str(path)), connect_args=connect_args)
    event.listen(engine, "connect", configure_connection)
    if reading:
        event.listen(engine, "connect", _query_only)
        event.listen(engine, "begin", _begin_deferred)
    else:
        event.listen(engine, "begin", _begin_immediate)
    return engine


def check_file_kind(path: Path) -> None:
    """Raise NotADatabaseError if an existing, non-empty file is not SQLite. Reads 16 bytes only."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(path)


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that reads ``path``, read-only unless a crash left a hot rollback journal.

    After a process died in the middle of a transaction, the ``-journal`` file beside the database holds
    what must be rolled back; SQLite does that on the next read-write open. A read-only connection
    cannot, and would refuse the file, so such a file is opened read-write once.
    """
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        return sqlite3.connect(path)
    return connect_read_only(path)


def is_busy(exc: BaseException) -> bool:
    """True when SQLite refused because another connection holds the file's lock: in use, not damaged."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


WESTEM_TABLES = {"alembic_version", "programme", "participant", "match"}


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in ``path``; None for a new, empty database.

    Raises NotAWestemDatabaseError for a SQLite file of some other application.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = connect_for_reading(path)
    except sqlite3.Error as exc:
        raise (DatabaseBusyError(path) if is_busy(exc) else NotADatabaseError(path)) from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        # Other applications use Alembic too: ours has its first revision's tables as well.
        if not tables >= WESTEM_TABLES:
            raise NotAWestemDatabaseError(path)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged schema may not even decode
        raise (DatabaseBusyError(path) if is_busy(exc) else NotADatabaseError(path)) from exc
    finally:
        conn.close()
    if row is None:
        raise NotAWestemDatabaseError(path)
    return str(row[0])


def sqlite_backup(source: Path, target: Path) -> Path:
    """Copy a database consistently with the SQLite backup API (never a plain file copy), into a
    temporary file beside ``target`` that is renamed into place whole: no partial backup is ever left."""
    src = connect_read_only(source)
    try:
        return copy_database(src, target)
    finally:
        src.close()


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database of the open connection ``source`` to ``target`` with the backup API, whole or not
    at all (a hidden ``.NAME.part`` renamed into place), readable by the user alone."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(f".{target.name}.part")
    try:
        dst = sqlite3.connect(partial)
        try:
            source.backup(dst)
        finally:
            dst.close()
        paths.make_private(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def plain_rows(source: object, sql: str, params: tuple) -> list[tuple]:
    """The rows of a plain query (``sqlite3``'s SQL, ``?`` placeholders) over ``Database.read()``'s
    connection or an ORM session, on a file or a server, as ``sqlite3`` gives them."""
    if isinstance(source, sqlite3.Connection):
        return source.execute(sql, params).fetchall()
    from westem_desktop.core.server.engine import plain_rows as server_rows

    return server_rows(source, sql, params)


def upgrade(engine: Engine, revision: str = "head", then: Callable[[Connection], None] | None = None) -> None:
    """Run the Alembic migrations up to ``revision`` over a connection of ``engine``, and ``then`` (if
    given) in the same transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", migrations.SCRIPT_LOCATION)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if then is not None:
            then(connection)


class Database:
    """An open database file: its lock, a plain read connection, and sessions for everything else.

    (A plain class: defining a dataclass costs about half a millisecond, and this one is defined while
    the window opens.) A database on a server is a ``core.server.engine.ServerDatabase``, with the
    same API: ``is_server`` tells them apart; ``url`` is None for a file, ``path`` None for a server.
    """

    is_server = False
    url: str | None = None

    def __init__(
        self,
        path: Path,
        lock: DatabaseLock | None,
        migrated_from: str | None = None,
        backup_path: Path | None = None,
        engine: Engine | None = None,
        *,
        read_only: bool = False,
        checked: bool = False,
    ) -> None:
        self.path = path
        self.lock = lock
        self.migrated_from = migrated_from
        self.backup_path = backup_path
        self.read_only = read_only
        self._checked = checked  # the quick check before the first write has passed
        self._engine = engine
        if engine is not None:
            self._guard_writes(engine)
        self._sessions: sessionmaker[Session] | None = None
        self._who = ""  # who writes, for the rows' ``changed_by`` (core/versions.py)
        self._reading_engine: Engine | None = None
        self._readers: sessionmaker[Session] | None = None
        self._read: sqlite3.Connection | None = None

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    @property
    def display_name(self) -> str:
        """The database as the window names it: the file's name, or the server, database and user."""
        return self.path.name

    @property
    def location(self) -> str:
        """The file's path, or the server database's URL (without password): where the settings remember
        it."""
        return str(self.path)

    def connect_reader(self) -> sqlite3.Connection:
        """A new plain read connection of its own (for a worker thread); the caller closes it."""
        return connect_read_only(self.path)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path, read_only=self.read_only)
            self._guard_writes(self._engine)
        return self._engine

    def _guard_writes(self, engine: Engine) -> None:
        from sqlalchemy import event

        event.listen(engine, "before_cursor_execute", self._before_statement)

    def _before_statement(self, _conn, cursor, statement: str, *_args: object) -> None:
        """Before the first write: refuse it on a read-only file; run the quick check (once) on the
        write connection, inside the transaction that holds the write lock."""
        if self._checked or not is_write(statement):
            return
        if self.read_only:
            raise ReadOnlyDatabaseError(self.path)
        reason = integrity_problem(cursor.connection)
        if reason is not None:
            raise DatabaseDamagedError(self.path, reason)
        self._checked = True

    def check_writable(self) -> None:
        """Refuse now, before a command does anything else, what its first write would refuse: a
        read-only file (``ReadOnlyDatabaseError``) or a damaged one (``DatabaseDamagedError``)."""
        if self.read_only:
            raise ReadOnlyDatabaseError(self.path)
        if not self._checked:
            reason = integrity_problem(self.read())
            if reason is not None:
                raise DatabaseDamagedError(self.path, reason)
            self._checked = True

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            from westem_desktop.core import storable, versions

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            versions.install(self._sessions)
            storable.install(self._sessions)
            self._who = versions.who(self.engine)
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm.exc import StaleDataError

        session = self._sessions(info={"who": self._who})
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:  # a row changed or deleted meanwhile, by a path that did not check first
            raise ConcurrentChangeError() from exc
        except DBAPIError as exc:
            clear = self._translate(exc)
            if clear is not None:
                raise clear from exc
            raise
        finally:
            session.close()

    def _translate(self, exc: Exception) -> Exception | None:
        """The coordinator's error for a driver's error met in a session, or None to let it through."""
        orig = getattr(exc, "orig", exc)
        if is_busy(orig):  # another program held the write lock past the busy timeout
            return DatabaseBusyError(self.path)
        if "readonly" in str(orig):  # made read-only after it was opened
            return ReadOnlyDatabaseError(self.path)
        if "malformed" in str(orig):  # damage met while reading, before any write
            return DatabaseDamagedError(self.path, str(orig))
        return None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read for a screen: one consistent view of the file, without the write lock; it never writes
        (the connection is query-only, and the transaction is rolled back at the end)."""
        if self._readers is None:
            from sqlalchemy.orm import sessionmaker

            self._reading_engine = make_engine(self.path, reading=True, read_only=self.read_only)
            self._readers = sessionmaker(self._reading_engine, expire_on_commit=False)
        session = self._readers()
        try:
            session.begin()
            yield session
        finally:
            session.rollback()
            session.close()

    def read(self) -> sqlite3.Connection:
        """A plain connection for read-only queries (autocommit: it never holds a transaction open)."""
        if self._read is None:
            if self.read_only:
                self._read = connect_read_only(self.path, isolation_level=None, check_same_thread=False)
            else:
                self._read = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            configure_connection(self._read)
        return self._read

    def close(self) -> None:
        if self._read is not None:
            self._read.close()
            self._read = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._reading_engine is not None:
            self._reading_engine.dispose()
            self._reading_engine = None
            self._readers = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(
    path: Path | str, *, backup_dir: Path | None = None, lock: bool = True, password: str | None = None
) -> Database:
    """Open (creating if needed) the database file at ``path`` and bring its schema to the newest revision;
    or, for a ``postgresql://`` URL, the database on that server (``core/server/engine.py``: never
    created nor migrated here; ``password`` when the server asks for one).

    ``backup_dir`` receives the copy taken before a migration (default: a ``backups`` folder beside
    the file). Raises a ``DatabaseError`` subclass with a message for the coordinator when the file
    cannot be used; the file is then left exactly as it was.
    """
    from westem_desktop.core.server import is_server_url

    if is_server_url(path):
        from westem_desktop.core.server.engine import open_server_database

        return open_server_database(str(path), password)
    path = Path(path).expanduser().absolute()
    check_file_kind(path)
    created = not path.exists()
    read_only = is_read_only(path)
    if created and path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        raise ReadOnlyDatabaseError(path)  # a new file cannot be made in a read-only folder
    db_lock = None
    if lock:
        try:
            db_lock = DatabaseLock.acquire(path)
        except OSError:
            if not read_only:
                raise
            # No lock file can be made beside a read-only file (its folder is read-only, or the lock
            # file is another user's): it is read without our lock, which is safe since we never write it.
    try:
        revision = read_revision(path)
        if revision is not None and revision not in migrations.REVISIONS:
            raise DatabaseNewerError(path, revision)
        engine = None
        backup_path = None
        if revision != migrations.HEAD:
            if read_only:
                raise ReadOnlyDatabaseError(path, upgrade=True)
            path.parent.mkdir(parents=True, exist_ok=True)
            if revision is not None:
                conn = connect_for_reading(path)
                try:
                    reason = integrity_problem(conn)
                finally:
                    conn.close()
                if reason is not None:  # never migrate (write into) a damaged file
                    raise DatabaseDamagedError(path, reason)
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                folder = backup_dir or path.parent / "backups"
                backup_path = sqlite_backup(path, folder / f"{path.stem}-before-upgrade-{revision}-{stamp}.sqlite")
            engine = make_engine(path)
            upgrade(engine)
            if backup_path is not None:
                from westem_desktop.core.backup import adopt_copy

                adopt_copy(backup_path, path)  # proven a backup of this file, also when older than identities
        if created and path.exists():  # only a file the application made itself: never another's mode
            paths.make_private(path)
        return Database(
            path,
            db_lock,
            migrated_from=revision,
            backup_path=backup_path,
            engine=engine,
            read_only=read_only,
            checked=engine is not None,
        )
    except BaseException:
        if db_lock is not None:
            db_lock.release()
        raise
