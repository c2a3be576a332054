"""The suite's own PostgreSQL server: reachable by its Unix socket and on loopback with a password only."""

from __future__ import annotations

import psycopg
import pytest

from tests.pgserver import SUPERUSER_PASSWORD, ThrowawayServer


def test_the_server_answers_on_its_socket_and_on_loopback(pg_server: ThrowawayServer) -> None:
    with pg_server.admin() as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
    with psycopg.connect(pg_server.tcp_url(password=SUPERUSER_PASSWORD)) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("westem_admin",)


def test_loopback_wants_the_password(pg_server: ThrowawayServer) -> None:
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(pg_server.tcp_url(password="wrong"))
