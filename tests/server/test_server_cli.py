"""``westem-desktop server init|upgrade`` and ``--db URL`` for the ordinary commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pgserver import ThrowawayServer
from tests.server.test_engine import server_database, tables
from westem_desktop.cli import main
from westem_desktop.core import migrations
from westem_desktop.core.db import open_database


def revision(pg_server: ThrowawayServer, name: str) -> str:
    with pg_server.admin(name) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_init_creates_the_schema_once(pg_server: ThrowawayServer, capsys) -> None:
    url = server_database(pg_server, "cli_init")
    assert main(["server", "init", "--db", url]) == 0
    assert f"schema {migrations.HEAD}) were created in localhost/cli_init" in capsys.readouterr().out
    assert revision(pg_server, "cli_init") == migrations.HEAD
    with open_database(url) as db:
        assert db.is_server
    assert main(["server", "init", "--db", url]) == 0
    assert "nothing was done" in capsys.readouterr().out
    assert main(["server", "upgrade", "--db", url]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_init_refuses_another_applications_database(pg_server: ThrowawayServer, capsys) -> None:
    url = server_database(pg_server, "cli_foreign")
    with pg_server.admin("cli_foreign") as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    assert main(["server", "init", "--db", url]) == 1
    assert "belongs to another application" in capsys.readouterr().err
    assert tables(pg_server, "cli_foreign") == {"invoices"}


def test_upgrade_migrates_an_older_schema_and_refuses_a_newer_one(pg_server: ThrowawayServer, capsys) -> None:
    old = migrations.REVISIONS[0]
    url = server_database(pg_server, "cli_upgrade", old)
    assert main(["server", "init", "--db", url]) == 1
    assert "server upgrade" in capsys.readouterr().err
    assert main(["server", "upgrade", "--db", url]) == 0
    assert f"from schema {old} to {migrations.HEAD}" in capsys.readouterr().out
    assert revision(pg_server, "cli_upgrade") == migrations.HEAD
    with pg_server.admin("cli_upgrade") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert main(["server", "upgrade", "--db", url]) == 1
    assert "newer version" in capsys.readouterr().err
    assert revision(pg_server, "cli_upgrade") == "9999"


def test_upgrade_of_an_empty_database_points_to_init(pg_server: ThrowawayServer, capsys) -> None:
    url = server_database(pg_server, "cli_empty")
    assert main(["server", "upgrade", "--db", url]) == 1
    assert "westem-desktop server init" in capsys.readouterr().err
    assert tables(pg_server, "cli_empty") == set()


def test_a_wrong_password_and_a_file_are_refused(pg_server: ThrowawayServer, tmp_path: Path, capsys) -> None:
    server_database(pg_server, "cli_password")
    assert main(["server", "init", "--db", pg_server.tcp_url("cli_password", password="wrong")]) == 1
    assert "refused the user or the password" in capsys.readouterr().err
    assert tables(pg_server, "cli_password") == set()
    with pytest.raises(SystemExit) as exited:
        main(["server", "init", "--db", str(tmp_path / "a.sqlite")])
    assert exited.value.code == 1
    assert "is not the address of a database on a server" in capsys.readouterr().err


def test_commands_give_the_same_output_on_a_server_as_on_a_file(
    pg_server: ThrowawayServer, server_url: str, tmp_path: Path, capsys
) -> None:
    file = tmp_path / "demo.sqlite"
    outputs = []
    for target in (str(file), server_url):
        assert main(["demo", "--db", target, "--participants", "60", "--seed", "5"]) == 0
        capsys.readouterr()
        assert main(["report", "--db", target, "--json"]) == 0
        report = capsys.readouterr().out
        exported = tmp_path / f"participants-{len(outputs)}.csv"
        assert main(["export", "participants", "--db", target, "-o", str(exported)]) == 0
        pairs = tmp_path / f"pairs-{len(outputs)}.csv"
        assert main(["export", "matches", "--db", target, "-o", str(pairs)]) == 0
        outputs.append((report, exported.read_bytes(), pairs.read_bytes()))
    assert outputs[0] == outputs[1]
    assert b"@" in outputs[0][1]


def test_file_only_commands_say_so_for_a_server(pg_server: ThrowawayServer, server_url: str, capsys) -> None:
    assert main(["restore", "--db", server_url, "--list"]) == 1
    assert "restores it with pg_restore" in capsys.readouterr().err
