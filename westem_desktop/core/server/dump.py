"""``backup`` of a server database: PostgreSQL's own ``pg_dump`` in its custom format, when it is installed.

The password never appears on a command line (where every user of the machine could read it): it reaches
``pg_dump`` in its environment, or libpq finds it in the password file (``PGPASSFILE``, ``~/.pgpass``).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from westem_desktop import paths
from westem_desktop.core.errors import WestemError
from westem_desktop.i18n import _

# Where PostgreSQL's installers put pg_dump when not on the PATH: Debian's packages, Homebrew's kegs
# (keg-only, so not linked onto the PATH) on Apple silicon and Intel Macs, the EDB installer on Windows.
PG_DUMP_PLACES = (
    "/usr/lib/postgresql/*/bin/pg_dump",
    "/opt/homebrew/opt/postgresql@*/bin/pg_dump",
    "/usr/local/opt/postgresql@*/bin/pg_dump",
    "C:/Program Files/PostgreSQL/*/bin/pg_dump.exe",
)


def _major(program: str) -> int:
    """The major version in a folder name such as ``16`` or ``postgresql@16`` (0 when there is none)."""
    digits = re.findall(r"\d+", Path(program).parent.parent.name)
    return int(digits[0]) if digits else 0


def find_pg_dump() -> Path | None:
    """``pg_dump`` on the PATH, else the newest of ``PG_DUMP_PLACES``, else None."""
    found = shutil.which("pg_dump")
    if found:
        return Path(found)
    candidates = sorted((c for place in PG_DUMP_PLACES for c in glob.glob(place)), key=_major)
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
