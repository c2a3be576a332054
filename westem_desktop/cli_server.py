"""``westem-desktop server …``: the commands of a faculty's IT office for a database on a PostgreSQL server.

Each subcommand is a ``Subcommand`` in ``SUBCOMMANDS``: its name, its help, its own arguments and the
function that runs it (exit 0 done, 1 refused or failed, with the reason on standard error). Every
subcommand has ``--db URL`` (required) and ``--lang``. Add one by appending to ``SUBCOMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from westem_desktop.core.enums import LANGUAGES
from westem_desktop.core.errors import PasswordRequiredError, WestemError
from westem_desktop.i18n import _

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.server.engine import ServerTarget

EXIT_OK = 0
EXIT_FAILED = 1


def database_target(text: str) -> Path | str:
    """A ``--db`` value: a ``postgresql://`` URL as it is, else a file's path."""
    from westem_desktop.core.server import is_server_url

    return text if is_server_url(text) else Path(text)


def server_url(text: str) -> str:
    """A ``--db`` of a ``server`` subcommand: a ``postgresql://`` URL, nothing else."""
    from westem_desktop.core.server import is_server_url

    if not is_server_url(text):
        raise argparse.ArgumentTypeError(
            _("{value} is not the address of a database on a server (postgresql://user@host/dbname).").format(
                value=text
            )
        )
    return text


def file_only(args: argparse.Namespace) -> bool:
    """True (after saying so) when a command that works on a database file only got a server's URL."""
    from westem_desktop.core.server import is_server_url

    if not is_server_url(getattr(args, "db", None)):
        return False
    _complain(
        _("“westem-desktop {command}” works on a database file, not on a database on a server.").format(
            command=args.command
        )
    )
    return True


def ask_password(error: PasswordRequiredError) -> str:
    """The password, asked on the terminal (never echoed, never stored); without a terminal, ``error``."""
    if not sys.stdin.isatty():
        raise error
    import getpass

    return getpass.getpass(_("Password for {server}: ").format(server=error.server))


def open_target(target: Path | str) -> Database:
    """``open_database(target)``; when a server asks for a password nobody gave, it is asked for."""
    from westem_desktop.core.db import open_database

    try:
        return open_database(target)
    except PasswordRequiredError as exc:
        return open_database(target, password=ask_password(exc))


def server_target(url: str) -> ServerTarget:
    """The server of ``url``, with the password asked for when the server wants one and none is known."""
    from westem_desktop.core.server.engine import ServerTarget

    target = ServerTarget(url)
    try:
        target.connect(autocommit=True).close()
    except PasswordRequiredError as exc:
        target = ServerTarget(url, ask_password(exc))
    return target


def _complain(message: str) -> None:
    from westem_desktop.core.errors import visible

    print(visible(message, keep="\n"), file=sys.stderr)


def _run_init(args: argparse.Namespace) -> int:
    from westem_desktop.core import migrations
    from westem_desktop.core.server.schema import initialise

    outcome = initialise(server_target(args.db))
    if outcome.changed:
        print(
            _("The WESTEM Desktop tables (schema {revision}) were created in {server}.").format(
                revision=outcome.after, server=outcome.server
            )
        )
        return EXIT_OK
    if outcome.before != migrations.HEAD:
        _complain(
            _(
                "{server} already has the WESTEM Desktop tables, of an older schema ({revision}); migrate them "
                "with “westem-desktop server upgrade”. Nothing was done."
            ).format(server=outcome.server, revision=outcome.before)
        )
        return EXIT_FAILED
    print(
        _("{server} already has the WESTEM Desktop tables (schema {revision}); nothing was done.").format(
            server=outcome.server, revision=outcome.before
        )
    )
    return EXIT_OK


def _run_upgrade(args: argparse.Namespace) -> int:
    from westem_desktop.core.server.schema import migrate

    outcome = migrate(server_target(args.db))
    if outcome.before is None:
        _complain(
            _(
                "{server} has no WESTEM Desktop tables yet: create them with “westem-desktop server init”. "
                "Nothing was done."
            ).format(server=outcome.server)
        )
        return EXIT_FAILED
    if outcome.changed:
        print(
            _("{server} was upgraded from schema {old} to {new}.").format(
                server=outcome.server, old=outcome.before, new=outcome.after
            )
        )
    else:
        print(
            _("{server} already has the newest schema ({revision}); nothing to do.").format(
                server=outcome.server, revision=outcome.before
            )
        )
    return EXIT_OK


class Subcommand(NamedTuple):
    name: str
    help: Callable[[], str]  # the help, translated when the parser is built
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _no_arguments(_parser: argparse.ArgumentParser) -> None:
    pass


SUBCOMMANDS: list[Subcommand] = [
    Subcommand(
        "init", lambda: _("create the WESTEM Desktop tables in an empty database on a server"), _no_arguments, _run_init
    ),
    Subcommand(
        "upgrade",
        lambda: _("migrate a database on a server to the schema of this version"),
        _no_arguments,
        _run_upgrade,
    ),
    Subcommand(
        "grant",
        lambda: _("let a role work on a programme, or read all of them as faculty"),
        lambda parser: _module("cli_server_access").add_arguments(parser),
        lambda args: _module("cli_server_access").run(args),
    ),
    Subcommand(
        "revoke",
        lambda: _("take a programme, or the faculty's reading, away from a role"),
        lambda parser: _module("cli_server_access").add_arguments(parser),
        lambda args: _module("cli_server_access").run(args),
    ),
    Subcommand(
        "grants",
        lambda: _("list which role may work on which programme"),
        _no_arguments,
        lambda args: _module("cli_server_access").run(args),
    ),
    Subcommand(
        "import",
        lambda: _("copy every programme of a database file into the server's database"),
        lambda parser: _module("cli_server_move").import_arguments(parser),
        lambda args: _module("cli_server_move").run_transfer(args),
    ),
    Subcommand(
        "export",
        lambda: _("write one programme into a new database file"),
        lambda parser: _module("cli_server_move").export_arguments(parser),
        lambda args: _module("cli_server_move").run_transfer(args),
    ),
]


def _module(name: str):
    """Grants and revokes (cli_server_access.py), moving between a file and a server (cli_server_move.py):
    imported when the parser is built or one of them runs."""
    import importlib

    return importlib.import_module(f"westem_desktop.{name}")


def add_server_parser(commands: argparse._SubParsersAction) -> None:
    """The ``server`` command and its subcommands, in the parser of ``cli.py``."""
    server = commands.add_parser("server", help=_("set up a database on a server (for the IT office)"))
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    for sub in SUBCOMMANDS:
        parser = actions.add_parser(sub.name, help=sub.help())
        parser.add_argument(
            "--db",
            type=server_url,
            metavar="URL",
            required=True,
            help=_("the database on the server: postgresql://user@host[:port]/dbname[?sslmode=require]"),
        )
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=argparse.SUPPRESS,
            help=_("the language of the interface and the messages"),
        )
        sub.arguments(parser)


def run_server(args: argparse.Namespace) -> int:
    """Run ``westem-desktop server ACTION``; a refusal is one line on standard error and exit code 1."""
    from westem_desktop.core import failures

    sub = next(sub for sub in SUBCOMMANDS if sub.name == args.server_command)
    try:
        return sub.run(args)
    except WestemError as exc:
        _complain(failures.explain(exc))
        return EXIT_FAILED
