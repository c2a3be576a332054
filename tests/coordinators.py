"""Two coordinators on one database, for the tests of concurrent edits (core/versions.py).

On PostgreSQL each coordinator is a role of her own with a ``Database`` of her own on the same database;
on a file, both work through the one ``Database`` that holds the file's lock (the lock lets no second
program in), in sessions of their own.

Until ``open_database()`` takes a ``postgresql://`` URL (the engine helper), a server's ``Database`` is
made here from an engine, its schema by ``upgrade()``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from sqlalchemy import create_engine

from westem_desktop.core.db import Database, upgrade

_numbers = itertools.count(1)


def server_database(pg_server, roles: tuple[str, ...] = ("anna", "karin")) -> str:
    """A new database on the test server with the newest schema, and ``roles`` (made once per run) that
    may read and write it; returns its name."""
    name = f"versions_{next(_numbers)}"
    pg_server.create_database(name)
    engine = create_engine(engine_url(pg_server.url(name)))
    upgrade(engine)
    engine.dispose()
    with pg_server.admin(name) as conn:
        for role in roles:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            if not exists:
                conn.execute(f'CREATE ROLE "{role}" LOGIN')
            conn.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"')
            conn.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
    return name


def engine_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def open_server(pg_server, name: str, role: str) -> Database:
    """``role``'s ``Database`` on the server database ``name``."""
    return Database(Path(name), None, engine=create_engine(engine_url(pg_server.url(name, user=role))), checked=True)
