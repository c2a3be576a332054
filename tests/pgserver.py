"""A throwaway PostgreSQL server for the tests: ``initdb`` in a temporary folder, started with
``pg_ctl`` as an unprivileged user, listening on a Unix socket in that folder and on loopback only,
stopped and removed at the end of the run.

Where PostgreSQL's programs cannot be found the run fails with a message (``packaging/bootstrap.py
test`` installs Debian's ``postgresql`` package, or Homebrew's ``postgresql@16`` on macOS, when they are
missing); nothing is skipped. On Windows the server listens on a Unix socket too (PostgreSQL 13 and
newer, and libpq, take a folder's absolute path there as well).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SUPERUSER = "westem_admin"
SUPERUSER_PASSWORD = "throwaway-superuser"
TEMPLATE = "westem_template"
ENGINES = ["sqlite", "postgresql"]  # the parameters of a fixture that runs a test on both engines
_NUMBERS = itertools.count()


def _candidates() -> list[Path]:
    """Where PostgreSQL's server programs may be, in order: $PGBIN (set on GitHub's Windows runners),
    the PATH, ``pg_config --bindir``, Debian's /usr/lib/postgresql/N/bin, Homebrew's postgresql@N and
    postgresql kegs (keg-only, so not on the PATH), and the EDB installer's folders on Windows."""
    found: list[Path] = []
    if os.environ.get("PGBIN"):
        found.append(Path(os.environ["PGBIN"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        found.append(Path(os.path.realpath(on_path)).parent)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            bindir = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=30).stdout
            if bindir.strip():
                found.append(Path(bindir.strip()))

    def newest_first(pattern: str) -> list[Path]:
        def version(path: str) -> int:
            digits = re.findall(r"\d+", path.rsplit("postgresql", 1)[-1])
            return int(digits[0]) if digits else 0

        return [Path(p) for p in sorted(glob.glob(pattern), key=version, reverse=True)]

    found += newest_first("/usr/lib/postgresql/*/bin")
    for prefix in ("/opt/homebrew/opt", "/usr/local/opt"):
        found += [*newest_first(f"{prefix}/postgresql@*/bin"), Path(prefix) / "postgresql" / "bin"]
    program_files = os.environ.get("PROGRAMFILES", r"C:\Program Files")
    found += newest_first(str(Path(program_files) / "PostgreSQL" / "*" / "bin"))
    return found


def find_bindir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl`` (see ``_candidates``)."""
    suffix = ".exe" if os.name == "nt" else ""
    for candidate in _candidates():
        if (candidate / f"pg_ctl{suffix}").is_file() and (candidate / f"initdb{suffix}").is_file():
            return candidate
    raise RuntimeError(
        "PostgreSQL's server programs (initdb, pg_ctl) are not installed: the tests of the server "
        "need them. `python3 packaging/bootstrap.py test` installs them on Debian and Ubuntu (apt) and on "
        "macOS (Homebrew's postgresql@16); on Windows install PostgreSQL and set PGBIN to its bin folder."
    )


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayServer:
    """One PostgreSQL cluster for a test run. As root, it runs as the ``postgres`` (or ``nobody``) user,
    since PostgreSQL refuses to run as root."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="westem-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port = free_port()
        self.user: str | None = None
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            import pwd

            for name in ("postgres", "nobody"):
                try:
                    entry = pwd.getpwnam(name)
                except KeyError:
                    continue
                self.user = name
                os.chown(self.root, entry.pw_uid, entry.pw_gid)
                break
        self.root.chmod(0o755)  # the socket is reached by the tests' own (other) user

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run one of PostgreSQL's programs. Its output goes to a file, not a pipe: on Windows the server
        that ``pg_ctl start`` leaves running inherits the handles, and a pipe would never close."""
        output = self.root / f"{args[0]}.out"
        with output.open("w", encoding="utf-8", errors="replace") as handle:
            result = subprocess.run(
                [str(self.bindir / args[0]), *args[1:]],
                user=self.user,
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=self.root,
            )
        text = output.read_text(encoding="utf-8", errors="replace")
        if result.returncode != 0:
            raise subprocess.CalledProcessError(result.returncode, result.args, output=text)
        return subprocess.CompletedProcess(result.args, result.returncode, stdout=text, stderr="")

    def start(self) -> None:
        password_file = self.root / "superuser-password"
        password_file.write_text(SUPERUSER_PASSWORD + "\n")
        if self.user is not None:
            shutil.chown(password_file, self.user)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--pwfile",
            str(password_file),
            "-E",
            "UTF8",
            # C.UTF-8 is glibc's; macOS and Windows have no such locale, and C behaves the same for
            # what the application asks of the server (code point order, ASCII-only lower() like SQLite's).
            "--locale=C.UTF-8" if sys.platform.startswith("linux") else "--locale=C",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
        )
        password_file.unlink()
        options = (
            f'-k "{self.socket_dir}" -p {self.port} -c listen_addresses=127.0.0.1 '
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A URL over the Unix socket (trusted: no password)."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        """A URL over loopback TCP (password authentication)."""
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres"):
        """An autocommit superuser connection (psycopg)."""
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, name: str, template: str = "template0") -> str:
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def new_server_database(server: ThrowawayServer, template: str) -> tuple[str, str]:
    """(name, URL) of a new database on the test server, a copy of ``template``; drop it after use."""
    name = f"t{os.getpid()}_{next(_NUMBERS)}"
    server.create_database(name, template=template)
    return name, server.url(name)


def engine_target(request: Any, folder: Path, name: str = "test.sqlite") -> str | Path:
    """For a fixture parametrised over ``ENGINES`` (``request``: its pytest request): a new file in
    ``folder``, or a new database at the newest schema on the test server, dropped at the end of the
    fixture's scope."""
    if request.param == "sqlite":
        return folder / name
    server: ThrowawayServer = request.getfixturevalue("pg_server")
    database, url = new_server_database(server, request.getfixturevalue("pg_template"))
    request.addfinalizer(lambda: server.drop_database(database))
    return url
