"""The ``westem-desktop`` command: opens the window, or runs a task for scripts.

Without a subcommand it starts the graphical application. Subcommands print what they did and
exit 0 on success, 1 when nothing could be done (with the reason on standard error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from westem_desktop import APP_NAME, __version__
from westem_desktop.core.enums import LANGUAGES
from westem_desktop.core.errors import WestemError
from westem_desktop.i18n import _, set_language, system_language

EXIT_OK = 0
EXIT_FAILED = 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("the database file (default: the one in your data folder)"),
    )
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("the language of the interface and the messages"),
    )
    parser = argparse.ArgumentParser(prog="westem-desktop", description=APP_NAME, parents=[common])
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", parents=[common], help=_("create a demo programme with invented people"))
    demo.add_argument(
        "--participants",
        type=int,
        default=120,
        metavar="N",
        help=_("how many mentors and mentees (default 120)"),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help=_("the same seed gives the same programme (default 1)"),
    )
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from westem_desktop.core.db import open_database
    from westem_desktop.core.demo import create_demo_database
    from westem_desktop.core.models import Match, Programme

    if "db" not in args:
        print(_("Name the database file with --db PATH."), file=sys.stderr)
        return EXIT_FAILED
    try:
        programme_id = create_demo_database(args.db, participants=args.participants, seed=args.seed)
    except (WestemError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    with open_database(args.db) as db, db.session() as session:
        name = session.get_one(Programme, programme_id).name
        pairs = session.scalar(select(func.count()).where(Match.programme_id == programme_id))
    print(
        _("Created the demo programme “{name}” with {participants} participants and {pairs} pairs in {path}.").format(
            name=name, participants=args.participants, pairs=pairs, path=args.db
        )
    )
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from westem_desktop.core.settings import Settings

    argv = sys.argv[1:] if argv is None else argv
    # Messages of the parser itself follow the remembered or the system language.
    lang_hint = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    set_language(lang_hint or Settings().get("language") or system_language())
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return _run_demo(args)
    # The core is imported before Qt: PySide6 inspects every module imported after it (start-up time).
    import westem_desktop.core.db
    import westem_desktop.core.read  # noqa: F401
    from westem_desktop.ui.app import run

    return run(getattr(args, "db", None), getattr(args, "lang", None))
