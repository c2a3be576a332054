"""A PostgreSQL server's address as a coordinator types it: the URL made from it, read back from one, and
whether libpq will find the password itself (``PGPASSWORD``, or its password file) so that none is asked.

Nothing here connects; the password is never part of a URL made here, nor of anything remembered.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

DEFAULT_PORT = 5432
SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """Whether ``target`` (a path or a text) names a server rather than a file."""
    return isinstance(target, str) and target.startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """Where a database on a server is: ``host`` is a name, an address, or a Unix socket's folder."""

    host: str
    database: str
    user: str = ""
    port: int = DEFAULT_PORT
    require_tls: bool = False

    def url(self) -> str:
        """The ``postgresql://`` URL, every part percent-encoded (an '@', '/', space or 'é' in a name is
        no separator); without a password. Without ``require_tls`` libpq's default applies: encrypted
        when the server offers it."""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        query: list[str] = []
        if self.host.startswith("/"):  # a Unix socket's folder goes in the query, not the authority
            authority = user
            query += [f"host={quote(self.host, safe='/')}", f"port={self.port}"]
        else:
            host = f"[{self.host}]" if ":" in self.host else quote(self.host, safe="")
            authority = f"{user}{host}:{self.port}"
        if self.require_tls:
            query.append("sslmode=require")
        tail = f"?{'&'.join(query)}" if query else ""
        return f"postgresql://{authority}/{quote(self.database, safe='')}{tail}"

    def login(self) -> str:
        """The role that logs in: the one named, else libpq's default, the system's user name."""
        if self.user:
            return self.user
        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no name for this process's user id (a container)
            return ""

    def describe(self) -> str:
        """``host/database``, as the status bar and the messages show it."""
        return f"{self.host}/{self.database}"


def parse_url(url: str) -> ServerAddress:
    """The address in a ``postgresql://`` URL (the reverse of ``ServerAddress.url``); a password in it is
    ignored. Raises ValueError for a URL that is not one."""
    if not is_server_url(url):
        raise ValueError(url)
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    netloc = parts.netloc.rpartition("@")[2]
    if netloc.startswith("["):  # [IPv6]:port
        host, _bracket, rest = netloc[1:].partition("]")
        port_text = rest.removeprefix(":")
    else:
        host, _colon, port_text = netloc.partition(":")
        host = unquote(host)
    host = query.get("host", host) or "localhost"
    port_text = query.get("port", port_text)
    try:
        port = int(port_text) if port_text else DEFAULT_PORT
    except ValueError as exc:
        raise ValueError(url) from exc
    return ServerAddress(
        host=host,
        database=unquote(parts.path.lstrip("/")) or query.get("dbname", ""),
        user=unquote(parts.username or "") or query.get("user", ""),
        port=port,
        require_tls=query.get("sslmode") in ("require", "verify-ca", "verify-full"),
    )


def password_file() -> Path:
    """libpq's password file: ``PGPASSFILE``, else ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on
    Windows)."""
    named = os.environ.get("PGPASSFILE")
    if named:
        return Path(named).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", "")) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _fields(line: str) -> list[str]:
    """The colon-separated fields of a password file's line, ``\\:`` and ``\\\\`` unescaped."""
    fields, current, escaped = [], [], False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def password_in_file(address: ServerAddress, path: Path | None = None) -> bool:
    """Whether libpq's password file has a password for ``address``, by libpq's own rules: the first line
    whose host, port, database and user match (``*`` matches any; a Unix socket is ``localhost``); a file
    others may read is ignored, as libpq ignores it."""
    path = path or password_file()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return False
        if sys.platform != "win32" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            return False
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    host = "localhost" if address.host.startswith("/") else address.host
    wanted = (host, str(address.port), address.database, address.login())
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        fields = _fields(line)
        if len(fields) < 5:
            continue
        if all(field in ("*", value) for field, value in zip(fields[:4], wanted, strict=True)):
            return bool(":".join(fields[4:]))
    return False


def libpq_has_password(address: ServerAddress) -> bool:
    """Whether libpq finds a password for ``address`` without asking: ``PGPASSWORD`` or its password file."""
    return bool(os.environ.get("PGPASSWORD")) or password_in_file(address)
