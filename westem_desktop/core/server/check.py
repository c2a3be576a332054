"""``check`` of a server database: the connection, the schema revision and the access rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from westem_desktop.core import migrations
from westem_desktop.i18n import _


@dataclass
class ServerCheck:
    """What was found in order (``passed``) and what is not (``problems``), one sentence each."""

    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_server(url: str, name: str) -> ServerCheck:
    """Connect to ``url`` (``name``: the same without the password, for the messages) and check it.

    A connection that fails is a problem like the others (it ends the check)."""
    import psycopg

    result = ServerCheck()
    try:
        conn = psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        result.problems.append(_("{name} could not be reached: {reason}").format(name=name, reason=reason))
        return result
    with conn:
        user = conn.execute("SELECT current_user").fetchone()[0]
        result.passed.append(_("Connected to {name} as {user}.").format(name=name, user=user))
        revision = _revision(conn)
        if revision is None:
            result.problems.append(
                _("{name} holds no WESTEM database yet: `westem-desktop server init --db URL` creates it.").format(
                    name=name
                )
            )
            return result
        if revision == migrations.HEAD:
            result.passed.append(_("The schema is at revision {revision}, the newest.").format(revision=revision))
        elif revision in migrations.REVISIONS:
            result.problems.append(
                _(
                    "The schema is at revision {revision}, older than this version's {head}: "
                    "`westem-desktop server upgrade --db URL` brings it up to date."
                ).format(revision=revision, head=migrations.HEAD)
            )
        else:
            result.problems.append(
                _(
                    "The schema revision {revision} is newer than this version knows: use a newer WESTEM Desktop."
                ).format(revision=revision)
            )
        security = _security_problems(conn)
        if security:
            result.problems.extend(security)
        else:
            result.passed.append(_("Row-level security and the access rules are in place."))
    return result


def _revision(conn) -> str | None:  # psycopg.Connection
    exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _security_problems(conn) -> list[str]:  # psycopg.Connection
    try:
        from westem_desktop.core.server.security import security_problems
    except ImportError:  # until the access rules are part of this version
        return [_("The access rules could not be checked: this version has no check for them.")]
    return list(security_problems(conn))
