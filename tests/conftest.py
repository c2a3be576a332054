"""Shared test set-up: an offscreen Qt, private folders per test, English unless a test says otherwise.

Tests under ``tests/ui`` are marked ``gui`` automatically, so ``pytest -m "not gui"`` runs the
pure-logic suite alone, without a QApplication.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import ENGINES, TEMPLATE, ThrowawayServer, engine_target, new_server_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LANGUAGE", None)

UI_DIR = Path(__file__).parent / "ui"
ROOT = Path(__file__).resolve().parent.parent


def load_packaging_tool(name: str):
    """A script of packaging/ (not a package) as a module, for the tests of what it makes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"packaging_{name}", ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if UI_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Data, settings and cache of each test live in its own temporary folder."""
    root = tmp_path_factory.mktemp("home")
    for kind in ("data", "config", "cache"):
        monkeypatch.setenv(f"WESTEM_DESKTOP_{kind.upper()}_DIR", str(root / kind))
    yield root


# libpq's environment that would change whom a test connects as or with which password. GitHub's Windows
# runner sets PGUSER=postgres and PGPASSWORD=root for its own PostgreSQL; a developer may have them too.
LIBPQ_ENVIRONMENT = ("PGUSER", "PGPASSWORD", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGPASSFILE", "PGSERVICE")


@pytest.fixture(autouse=True)
def no_libpq_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LIBPQ_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    from westem_desktop import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


def open_sockets() -> set[str]:
    """The sockets this process holds, as the kernel lists them (Linux): Qt's own C++ code included,
    which the Python-level guard below cannot see."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return set()
    found = set()
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    """The run's throwaway PostgreSQL server (tests/pgserver.py), started on first use."""
    server = ThrowawayServer()
    server.start()
    yield server
    server.stop()


def on_server(request: pytest.FixtureRequest) -> bool:
    """True for a test that runs on the test server through a parametrised fixture (``database``)."""
    callspec = getattr(request.node, "callspec", None)
    return callspec is not None and "postgresql" in callspec.params.values()


@pytest.fixture(autouse=True)
def no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The application never opens a network connection: creating any socket fails the test, from
    Python or from Qt. Only a test of the server (one that uses ``pg_server``) talks to it, through
    libpq's own sockets."""
    import socket

    if "pg_server" in request.fixturenames or on_server(request):
        yield []
        return

    before = open_sockets()
    opened: list[str] = []

    class GuardedSocket(socket.socket):
        def __init__(self, *args, **kwargs) -> None:
            opened.append(repr(args))
            raise AssertionError(f"a socket was created: {args!r}")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", GuardedSocket)
    yield opened
    assert opened == [], f"sockets were created: {opened}"
    assert open_sockets() - before == set(), "a socket was opened outside Python (Qt?)"


@pytest.fixture(scope="session")
def pg_template(pg_server: ThrowawayServer) -> str:
    """A database migrated to the newest schema once per run, the template of every test's database."""
    import sqlalchemy

    from westem_desktop.core.db import upgrade

    pg_server.create_database(TEMPLATE)
    engine = sqlalchemy.create_engine(pg_server.url(TEMPLATE).replace("postgresql://", "postgresql+psycopg://"))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return TEMPLATE


@pytest.fixture
def server_url(pg_server: ThrowawayServer, pg_template: str) -> Iterator[str]:
    """The URL of a fresh database at the newest schema on the test server (a copy of the template),
    dropped after the test."""
    name, url = new_server_database(pg_server, pg_template)
    yield url
    pg_server.drop_database(name)


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path):
    """A new, empty database at the newest schema, closed after the test: a file, and a database on the
    test server (every test that stores something runs on both engines)."""
    from westem_desktop.core.db import open_database

    db = open_database(engine_target(request, tmp_path))
    yield db
    db.close()
