"""``backup`` of a server database: PostgreSQL's own ``pg_dump`` in its custom format, when it is installed.

The password never appears on a command line (where every user of the machine could read it): it reaches
``pg_dump`` in its environment, or libpq finds it in the password file (``PGPASSFILE``, ``~/.pgpass``).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from westem_desktop import paths
from westem_desktop.core.errors import WestemError
from westem_desktop.i18n import _


def find_pg_dump() -> Path | None:
    """``pg_dump`` on the PATH, else the newest in Debian's /usr/lib/postgresql/N/bin, else None."""
    found = shutil.which("pg_dump")
    if found:
        return Path(found)
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_dump"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    return Path(candidates[-1]) if candidates else None


def without_password(url: str) -> tuple[str, str | None]:
    """The connection string of ``url`` without its password (libpq's key=value form), and the password."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(url)
    password = params.pop("password", None)
    return make_conninfo(**params), (str(password) if password is not None else None)


def dump(url: str, target: Path, program: Path | None = None) -> Path:
    """Write the database of ``url`` with ``pg_dump --format=custom`` to the new file ``target`` (never over
    an existing one), readable by the user alone, whole or not at all."""
    program = program or find_pg_dump()
    if program is None:
        raise WestemError(
            _(
                "pg_dump is not installed on this computer, so no backup was made here: the server's own "
                "backups apply (ask the IT office that runs it)."
            )
        )
    target = Path(target).expanduser().absolute()
    if target.exists() or target.is_symlink():
        raise WestemError(
            _("{file} already exists; a backup never replaces a file. Choose a new file name.").format(file=target)
        )
    conninfo, password = without_password(url)
    environment = dict(os.environ)
    if password is not None:
        environment["PGPASSWORD"] = password
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        partial.touch(mode=0o600)
        paths.make_private(partial)
        done = subprocess.run(
            [str(program), "--format=custom", f"--file={partial}", f"--dbname={conninfo}"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else str(done.returncode)
            raise WestemError(_("pg_dump failed, no backup was made: {reason}").format(reason=reason))
        paths.make_private(partial)
        try:
            os.link(partial, target)  # fails, rather than replaces, when someone made the file meanwhile
        except FileExistsError:
            raise WestemError(
                _("{file} already exists; a backup never replaces a file. Choose a new file name.").format(file=target)
            ) from None
    finally:
        partial.unlink(missing_ok=True)
    return target
