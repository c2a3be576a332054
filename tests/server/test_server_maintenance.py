"""`backup`, `check` and `restore` of a database on a server."""

from __future__ import annotations

import subprocess
import sys
import types
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.pgserver import SUPERUSER_PASSWORD, ThrowawayServer
from tests.platforms import assert_private
from westem_desktop.cli import main
from westem_desktop.core import migrations
from westem_desktop.core.db import upgrade
from westem_desktop.core.server import dump


@pytest.fixture
def server_db(pg_server: ThrowawayServer):
    """The name of a new database on the test server with the newest schema."""
    name = pg_server.create_database(f"maint_{uuid.uuid4().hex[:10]}")
    engine = create_engine(pg_server.url(name).replace("postgresql://", "postgresql+psycopg://"))
    upgrade(engine)
    engine.dispose()
    yield name
    pg_server.drop_database(name)


def test_backup_writes_a_pg_dump_that_pg_restore_reads(
    pg_server: ThrowawayServer, server_db: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def spy(args, **kwargs):
        calls.append((list(args), kwargs.get("env") or {}))
        return real_run(args, **kwargs)

    monkeypatch.setattr(dump.subprocess, "run", spy)
    out = tmp_path / "faculty.dump"
    url = pg_server.tcp_url(server_db, password=SUPERUSER_PASSWORD)
    assert main(["backup", "--db", url, "-o", str(out)]) == 0
    assert f"Backup saved as {out}" in capsys.readouterr().out
    assert_private(out)
    ((args, env),) = calls
    assert not any(SUPERUSER_PASSWORD in arg for arg in args)  # never on a command line
    assert env["PGPASSWORD"] == SUPERUSER_PASSWORD
    listing = real_run(
        [str(dump.find_pg_dump().with_name("pg_restore")), "--list", str(out)], capture_output=True, text=True
    )
    assert listing.returncode == 0
    assert "TABLE public participant" in listing.stdout and "TABLE DATA public alembic_version" in listing.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["faculty.dump"]


def test_backup_never_replaces_a_file(pg_server: ThrowawayServer, server_db: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "faculty.dump"
    out.write_text("something else")
    assert main(["backup", "--db", pg_server.url(server_db), "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "something else"


def test_without_pg_dump_the_servers_own_backups_apply(
    pg_server: ThrowawayServer, server_db: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(dump, "find_pg_dump", lambda: None)
    assert main(["backup", "--db", pg_server.url(server_db), "-o", str(tmp_path / "x.dump")]) == 1
    assert "the server's own backups apply" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_pg_dump_finds_nothing_beside_a_missing_program(monkeypatch) -> None:
    monkeypatch.setattr(dump.shutil, "which", lambda name: None)
    monkeypatch.setattr(dump.glob, "glob", lambda pattern: [])
    assert dump.find_pg_dump() is None


def _security(monkeypatch, problems: list[str]) -> None:
    """The access rules' own check (core/server/security.py), as it answers for a server set up with them or
    not: the check must report whatever it says."""
    module = types.ModuleType("westem_desktop.core.server.security")
    module.security_problems = lambda connection: problems
    monkeypatch.setitem(sys.modules, module.__name__, module)


def test_check_passes_on_a_server_in_order(pg_server: ThrowawayServer, server_db: str, monkeypatch, capsys) -> None:
    _security(monkeypatch, [])
    assert main(["check", "--db", pg_server.url(server_db)]) == 0
    out = capsys.readouterr().out
    assert "as westem_admin" in out
    assert f"revision {migrations.HEAD}, the newest" in out
    assert "is in good order" in out


def test_check_fails_with_the_problems_of_the_access_rules(
    pg_server: ThrowawayServer, server_db: str, monkeypatch, capsys
) -> None:
    _security(monkeypatch, ["Row-level security is not enforced on the table participant."])
    assert main(["check", "--db", pg_server.url(server_db)]) == 1
    captured = capsys.readouterr()
    assert "Row-level security is not enforced on the table participant." in captured.err
    assert "good order" not in captured.out


def test_check_fails_on_an_older_schema(pg_server: ThrowawayServer, server_db: str, monkeypatch, capsys) -> None:
    _security(monkeypatch, [])
    with pg_server.admin(server_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    assert main(["check", "--db", pg_server.url(server_db)]) == 1
    assert "revision 0004, older than this version's" in capsys.readouterr().err


def test_check_fails_on_an_empty_database_and_a_wrong_password(pg_server: ThrowawayServer, capsys) -> None:
    assert main(["check", "--db", pg_server.url("postgres")]) == 1
    assert "holds no WESTEM database yet" in capsys.readouterr().err
    assert main(["check", "--db", pg_server.tcp_url("postgres", password="not-it")]) == 1
    err = capsys.readouterr().err
    assert "could not be reached" in err and "password authentication failed" in err and "not-it" not in err


def test_restore_is_refused_on_a_server(pg_server: ThrowawayServer, server_db: str, capsys) -> None:
    with pg_server.admin(server_db) as conn:
        before = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert main(["restore", "--db", pg_server.url(server_db), "--newest"]) == 1
    assert "restores it with pg_restore" in capsys.readouterr().err
    with pg_server.admin(server_db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == before
