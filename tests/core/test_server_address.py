"""A server's address: the URL made from what the coordinator types, and libpq's password file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.platforms import not_on_windows
from westem_desktop.core.server_address import (
    ServerAddress,
    is_server_url,
    libpq_has_password,
    parse_url,
    password_in_file,
)

AWKWARD = [
    ("db.faculty.example", "westem", "anna"),
    ("db.faculty.example", "my db/é@x?#%41", "an na@x/é:ü"),
    ("::1", "westem", "Åsa Öberg"),
    ("/var/run/postgresql", "westem", "anna"),
]


@pytest.mark.parametrize(("host", "database", "user"), AWKWARD)
def test_the_url_reads_back_as_typed(host: str, database: str, user: str) -> None:
    address = ServerAddress(host, database, user, port=6543, require_tls=True)
    url = address.url()
    assert is_server_url(url)
    assert parse_url(url) == address
    assert " " not in url and "é" not in url


def test_tls_is_libpqs_default_unless_required() -> None:
    assert "sslmode" not in ServerAddress("h", "d", "u").url()
    assert ServerAddress("h", "d", "u", require_tls=True).url().endswith("?sslmode=require")
    assert ServerAddress("h", "d", "u").url() == "postgresql://u@h:5432/d"


def test_a_password_in_a_url_is_not_kept() -> None:
    address = parse_url("postgresql://anna:secret@db.example:5433/westem")
    assert address == ServerAddress("db.example", "westem", "anna", port=5433)
    assert "secret" not in address.url()


def test_libpq_reads_the_url_as_typed(pg_server) -> None:
    """The server itself sees the awkward names as they were typed (libpq decodes the URL)."""
    import psycopg

    name, role = "my db/é@x", "an na@x/é"
    pg_server.create_database(name)
    with pg_server.admin() as conn:
        conn.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'pw'")
    try:
        url = ServerAddress("127.0.0.1", name, role, port=pg_server.port).url()
        with psycopg.connect(url, password="pw") as conn:
            assert (conn.info.dbname, conn.info.user) == (name, role)
    finally:
        pg_server.drop_database(name)
        with pg_server.admin() as conn:
            conn.execute(f'DROP ROLE "{role}"')


def write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_password_file_by_libpqs_rules(tmp_path: Path) -> None:
    address = ServerAddress("db.faculty.example", "westem", "anna")
    file = write(
        tmp_path / "pgpass",
        "# a comment\nother.example:5432:westem:anna:x\ndb.faculty.example:5432:*:anna:secret\n",
    )
    assert password_in_file(address, file)
    assert not password_in_file(ServerAddress("db.faculty.example", "westem", "bob"), file)
    assert not password_in_file(ServerAddress("db.faculty.example", "westem", "anna", port=6000), file)
    escaped = write(tmp_path / "escaped", r"db\:x:*:*:anna:s" + "\n")
    assert password_in_file(ServerAddress("db:x", "d", "anna"), escaped)
    socket = write(tmp_path / "socket", "localhost:5432:westem:anna:s\n")
    assert password_in_file(ServerAddress("/var/run/postgresql", "westem", "anna"), socket)
    empty = write(tmp_path / "empty", "*:*:*:*:\n")
    assert not password_in_file(address, empty)


@not_on_windows("libpq checks a password file's POSIX mode, which Windows has not")
def test_a_password_file_others_may_read_is_ignored_as_libpq_ignores_it(tmp_path: Path) -> None:
    file = write(tmp_path / "pgpass", "*:*:*:*:secret\n", mode=0o644)
    assert not password_in_file(ServerAddress("h", "d", "u"), file)


def test_pgpassfile_and_pgpassword(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    address = ServerAddress("h", "d", "u")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    assert not libpq_has_password(address)
    monkeypatch.setenv("PGPASSFILE", str(write(tmp_path / "pgpass", "h:5432:d:u:pw\n")))
    assert libpq_has_password(address)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("PGPASSWORD", "pw")
    assert libpq_has_password(address)
