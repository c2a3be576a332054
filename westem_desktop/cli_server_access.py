"""``westem-desktop server grant|revoke|grants``: who may work on which programme of a server.

Run by the owner of the database (the IT office's role): ``grant --programme NAME --role ROLE [--read-only]``
lets a coordinator's role read and change (or only read) a programme; ``grant --faculty --role ROLE`` lets it
read every programme and change none; ``revoke`` takes either away; ``grants`` lists them. Exit 0 when done
(also when nothing needed changing), 1 when refused, with the reason on standard error.
"""

from __future__ import annotations

import argparse
import sys

from westem_desktop.core.errors import visible
from westem_desktop.i18n import _

EXIT_OK = 0
EXIT_FAILED = 1


def add_arguments(command: argparse.ArgumentParser) -> None:
    """The arguments of ``grant`` and ``revoke`` (``grants`` has none but ``--db``)."""
    command.add_argument("--role", required=True, metavar="ROLE", help=_("the PostgreSQL role (a login)"))
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--programme", metavar="NAME", help=_("the programme"))
    which.add_argument("--faculty", action="store_true", help=_("the faculty: reads every programme, changes none"))
    if command.prog.split()[-1] == "grant":
        command.add_argument("--read-only", action="store_true", help=_("to read the programme, not change it"))


def run(args: argparse.Namespace) -> int:
    """Do the ``server`` subcommand in one transaction: all of it, or nothing."""
    import psycopg

    from westem_desktop.core.server import security

    what = args.server_command
    if getattr(args, "read_only", False) and args.faculty:
        _complain(_("--read-only is for a grant of one programme: the faculty only reads anyway."))
        return EXIT_FAILED
    try:
        with psycopg.connect(args.db) as conn:
            if what == "grants":
                lines = [
                    (_("{programme}: {role}, read only") if read_only else _("{programme}: {role}")).format(
                        programme=programme, role=role
                    )
                    for programme, role, read_only in security.grants(conn)
                ]
                print("\n".join(visible(line) for line in lines) or _("No role has access to a programme yet."))
                return EXIT_OK
            if what == "grant" and args.faculty:
                message = security.grant_faculty(conn, args.role)
            elif what == "grant":
                message = security.grant(conn, args.programme, args.role, read_only=args.read_only)
            elif args.faculty:
                message = security.revoke_faculty(conn, args.role)
            else:
                message = security.revoke(conn, args.programme, args.role)
    except security.AccessError as exc:
        _complain(str(exc))
        return EXIT_FAILED
    except psycopg.Error as exc:
        _complain(_("The server refused: {reason}").format(reason=str(exc).strip()))
        return EXIT_FAILED
    print(visible(message))
    return EXIT_OK


def _complain(message: str) -> None:
    print(visible(message, keep="\n"), file=sys.stderr)
