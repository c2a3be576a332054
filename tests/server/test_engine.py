"""A WESTEM database on the test server: the same API as a file, and a clear message for every refusal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest
import sqlalchemy
from sqlalchemy import func, select

from tests.pgserver import SUPERUSER, SUPERUSER_PASSWORD, ThrowawayServer
from westem_desktop import i18n
from westem_desktop.core import migrations
from westem_desktop.core.db import open_database, upgrade
from westem_desktop.core.errors import (
    DatabaseNewerError,
    DatabaseNotInitialisedError,
    NotAWestemDatabaseError,
    PasswordRefusedError,
    PasswordRequiredError,
    ReadOnlyDatabaseError,
    ServerDatabaseMissingError,
    ServerDatabaseOutdatedError,
    ServerUnreachableError,
)
from westem_desktop.core.models import Participant, Programme
from westem_desktop.core.read import list_programmes, participant_names


def server_database(pg_server: ThrowawayServer, name: str, revision: str | None = None) -> str:
    """A new database ``name`` (empty, or migrated to ``revision``); its socket URL."""
    pg_server.drop_database(name)
    pg_server.create_database(name)
    if revision is not None:
        engine = sqlalchemy.create_engine(pg_server.url(name).replace("postgresql://", "postgresql+psycopg://"))
        upgrade(engine, revision)
        engine.dispose()
    return pg_server.url(name)


def tables(pg_server: ThrowawayServer, name: str) -> set[str]:
    with pg_server.admin(name) as conn:
        return {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_a_server_database_has_the_api_of_a_file(server_url: str) -> None:
    with open_database(server_url) as db:
        assert db.is_server and db.path is None and db.lock is None
        assert db.url == server_url and "westem_admin" in db.url
        name = server_url.split("/")[3].split("?")[0]
        assert db.display_name == f"server localhost/{name} as {SUPERUSER}"
        with db.session() as session:
            programme = Programme(name="Physics", start_date=dt.date(2026, 9, 1))
            session.add(programme)
            session.flush()
            session.add(Participant(programme_id=programme.id, role="mentor", name="Åsa Öberg", languages=["sv"]))
        with pytest.raises(RuntimeError), db.session() as session:  # a failed action leaves nothing behind
            session.add(Programme(name="Chemistry"))
            session.flush()
            raise RuntimeError("the coordinator's action failed half-way")
        with db.reading() as session:
            assert session.scalars(select(Programme.name)).all() == ["Physics"]
        # The plain reader takes sqlite3's SQL and gives sqlite3's values: dates and JSON lists as text.
        conn = db.read()
        assert [p.name for p in list_programmes(conn)] == ["Physics"]
        assert conn.execute("SELECT start_date FROM programme WHERE name = ?", ("Physics",)).fetchone() == (
            "2026-09-01",
        )
        assert conn.execute("SELECT languages FROM participant").fetchone() == ('["sv"]',)
        assert [name for _id, name, _erased in participant_names(conn, programme.id)] == ["Åsa Öberg"]


def test_reading_and_the_plain_reader_never_write(server_url: str) -> None:
    with open_database(server_url) as db:
        with pytest.raises(ReadOnlyDatabaseError), db.reading() as session:
            session.add(Programme(name="Physics"))
            session.flush()
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            db.read().execute("INSERT INTO programme (name) VALUES (?)", ("Physics",))
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(Programme)) == 0


def test_a_write_the_role_may_not_make_is_refused_clearly(pg_server: ThrowawayServer, server_url: str) -> None:
    name = server_url.split("/")[3].split("?")[0]
    with pg_server.admin(name) as conn:
        conn.execute("DROP ROLE IF EXISTS engine_reader")
        conn.execute("CREATE ROLE engine_reader LOGIN")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO engine_reader")
    try:
        with open_database(pg_server.url(name, user="engine_reader")) as db:
            with pytest.raises(ReadOnlyDatabaseError, match="refused the change") as refused, db.session() as session:
                session.add(Programme(name="Physics"))
            assert f"localhost/{name}" in str(refused.value)
            assert list_programmes(db.read()) == []
    finally:
        with pg_server.admin(name) as conn:
            conn.execute("DROP OWNED BY engine_reader")
            conn.execute("DROP ROLE engine_reader")


def test_a_login_with_no_programme_granted_is_told_to_ask_for_one(pg_server: ThrowawayServer, server_url: str) -> None:
    from westem_desktop.core.errors import ServerNoAccessError

    name = server_url.split("/")[3].split("?")[0]
    with pg_server.admin(name) as conn:
        conn.execute("DROP ROLE IF EXISTS engine_newcomer")
        conn.execute("CREATE ROLE engine_newcomer LOGIN")
    try:
        with pytest.raises(ServerNoAccessError, match="server grant") as refused:
            open_database(pg_server.url(name, user="engine_newcomer"))
        assert f"engine_newcomer may not read localhost/{name}" in str(refused.value)
    finally:
        with pg_server.admin(name) as conn:
            conn.execute("DROP ROLE engine_newcomer")


def test_a_wrong_password_is_refused_over_loopback(pg_server: ThrowawayServer, server_url: str) -> None:
    name = server_url.split("/")[3].split("?")[0]
    with pytest.raises(PasswordRefusedError, match=f"127.0.0.1/{name}") as refused:
        open_database(pg_server.tcp_url(name, password="wrong"))
    assert "wrong" not in str(refused.value)  # the password is never shown
    with open_database(pg_server.tcp_url(name), password=SUPERUSER_PASSWORD) as db:
        assert db.url == f"postgresql://{SUPERUSER}@127.0.0.1:{pg_server.port}/{name}"  # no password in it
        assert list_programmes(db.read()) == []


def test_without_a_password_it_is_asked_for_or_read_from_the_password_file(
    pg_server: ThrowawayServer, server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = server_url.split("/")[3].split("?")[0]
    passfile = tmp_path / "pgpass"
    passfile.write_text("")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    with pytest.raises(PasswordRequiredError, match="password"):
        open_database(pg_server.tcp_url(name))
    passfile.write_text(f"127.0.0.1:{pg_server.port}:{name}:{SUPERUSER}:{SUPERUSER_PASSWORD}\n")
    with open_database(pg_server.tcp_url(name)) as db:
        assert db.read().execute("SELECT current_user").fetchone() == (SUPERUSER,)


def test_a_database_that_does_not_exist(pg_server: ThrowawayServer) -> None:
    with pytest.raises(ServerDatabaseMissingError, match="no database “nowhere”"):
        open_database(pg_server.url("nowhere"))


def test_an_unreachable_server(pg_server: ThrowawayServer) -> None:
    with pytest.raises(ServerUnreachableError, match="cannot be reached"):
        open_database("postgres://someone@127.0.0.1:1/westem")


def test_an_empty_database_is_refused_not_initialised(pg_server: ThrowawayServer) -> None:
    url = server_database(pg_server, "engine_empty")
    with pytest.raises(DatabaseNotInitialisedError, match="westem-desktop server init"):
        open_database(url)
    assert tables(pg_server, "engine_empty") == set()  # nothing was created


def test_older_newer_and_foreign_schemas_are_refused(pg_server: ThrowawayServer) -> None:
    older = server_database(pg_server, "engine_older", migrations.REVISIONS[-2])
    with pytest.raises(ServerDatabaseOutdatedError, match="westem-desktop server upgrade"):
        open_database(older)
    newer = server_database(pg_server, "engine_newer", "head")
    with pg_server.admin("engine_newer") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseNewerError, match="newer version"):
        open_database(newer)
    foreign = server_database(pg_server, "engine_foreign")
    with pg_server.admin("engine_foreign") as conn:
        conn.execute("CREATE TABLE orders (id integer)")
    with pytest.raises(NotAWestemDatabaseError, match="another application"):
        open_database(foreign)
    assert tables(pg_server, "engine_foreign") == {"orders"}


def test_the_messages_speak_the_interface_language(pg_server: ThrowawayServer) -> None:
    i18n.set_language("sv")
    with pytest.raises(ServerDatabaseMissingError, match="Servern har ingen databas"):
        open_database(pg_server.url("nowhere"))


def test_a_save_on_a_server_says_who_and_when_and_a_stale_one_is_refused(server_url: str) -> None:
    """The server's sessions are the file's: each write is stamped with the role and the time, and an update
    of a row someone changed meanwhile is refused with who changed it."""
    from westem_desktop.core.errors import ConcurrentChangeError

    with open_database(server_url) as first, open_database(server_url) as second:
        with first.session() as session:
            programme = Programme(name="Physics")
            session.add(programme)
        with second.session() as session:
            stored = session.get(Programme, programme.id)
            assert stored.changed_by == SUPERUSER and stored.changed_at is not None
        with pytest.raises(ConcurrentChangeError), first.session() as session:
            mine = session.get(Programme, programme.id)
            with second.session() as other:
                other.get(Programme, programme.id).name = "Physics 2026/27"
            mine.name = "Physics (old)"
