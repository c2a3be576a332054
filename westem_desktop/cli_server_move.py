"""``server import``/``server export`` and ``backup``, ``check`` and ``restore`` of a database on a server.

``server import --from FILE.sqlite --db URL`` copies every programme of a coordinator's file into the server
database in one transaction (see ``core/server/transfer.py`` for the rule of a programme already there);
``server export --db URL --programme NAME -o FILE.sqlite`` writes one programme into a new file. Exit codes
as everywhere: 0 done, 1 nothing done, 2 done in part (some participants or pairs refused, each on a line).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from westem_desktop.core.errors import WestemError, visible
from westem_desktop.i18n import _

EXIT_OK, EXIT_FAILED, EXIT_SOME_REFUSED = 0, 1, 2
SCHEMES = ("postgresql:", "postgres:")


def import_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE.sqlite")


def export_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--programme", required=True, metavar="NAME", help=_("the programme"))
    command.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.sqlite")


def is_server(args: argparse.Namespace) -> bool:
    """Whether ``--db`` names a database on a server (a postgresql:// URL) rather than a file."""
    return "db" in args and str(args.db).startswith(SCHEMES)


def server_url(args: argparse.Namespace) -> str:
    """``--db`` as the URL it was typed (a ``Path`` joins the two slashes after the scheme)."""
    return re.sub(r"^(postgres(?:ql)?):/*", r"\1://", str(args.db))


def shown(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"^(postgres(?:ql)?://[^:@/]*):[^@/]*@", r"\1@", url)


def open_server(url: str):  # Database
    """The server's database through the shared API, the password asked for when needed."""
    from westem_desktop.cli_server import open_target

    return open_target(url)


def _unreachable(exc: BaseException, url: str) -> WestemError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()
    return WestemError(
        _("{name} could not be reached: {reason}").format(name=shown(url), reason=reason[-1] if reason else "?")
    )


def handles(args: argparse.Namespace) -> bool:
    """Whether this module runs the command: ``backup``, ``check`` or ``restore`` of a database on a server
    (``server import``/``export`` come through ``cli_server.SUBCOMMANDS``)."""
    return args.command in ("backup", "check", "restore") and is_server(args)


def run(args: argparse.Namespace) -> int:
    """``server import``/``export``, or ``backup``, ``check`` or ``restore`` of a database on a server."""
    if args.command != "server":
        return {"backup": run_backup, "check": run_check, "restore": run_restore}[args.command](args)
    return run_transfer(args)


def run_transfer(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError, OperationalError

    from westem_desktop.cli import _complain, _failed

    url = server_url(args)
    if not url.startswith(SCHEMES):
        _complain(_("--db names the server's database as postgresql://host/database."))
        return EXIT_FAILED
    try:
        if args.server_command == "import":
            return _run_import(args, url)
        return _run_export(args, url)
    except OperationalError as exc:
        return _failed(_unreachable(exc, url))
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()
        return _failed(
            WestemError(
                _("The server refused the copy; nothing was copied: {reason}").format(
                    reason=reason[0] if reason else type(exc.orig).__name__
                )
            )
        )
    except (WestemError, OSError) as exc:
        return _failed(exc)


def _run_import(args: argparse.Namespace, url: str) -> int:
    from westem_desktop.cli import _complain
    from westem_desktop.core.db import open_database
    from westem_desktop.core.server.transfer import import_database

    if not args.source.is_file():
        raise WestemError(_("There is no file {path}.").format(path=args.source))
    with open_database(args.source) as source, open_server(url) as target:
        report = import_database(source, target, shown(url))
    for refusal in report.refusals:
        _complain(_("Not copied: {row}").format(row=visible(str(refusal))))
    _print_counts(report)
    if not report.anything_copied:
        _complain(_("Nothing was copied."))
        return EXIT_FAILED
    for name in report.created:
        print(_("The programme “{name}” was copied.").format(name=visible(name)))
    for name in report.merged:
        print(
            _("The programme “{name}” was already there: the file's participants and pairs were added to it.").format(
                name=visible(name)
            )
        )
    return EXIT_SOME_REFUSED if report.refusals else EXIT_OK


def _run_export(args: argparse.Namespace, url: str) -> int:
    from westem_desktop.cli import _complain
    from westem_desktop.core.server.transfer import export_programme

    with open_server(url) as source:
        report = export_programme(source, args.programme, args.output)
    for refusal in report.refusals:
        _complain(_("Not copied: {row}").format(row=visible(str(refusal))))
    _print_counts(report)
    print(_("The programme “{name}” was written to {path}.").format(name=visible(args.programme), path=args.output))
    return EXIT_SOME_REFUSED if report.refusals else EXIT_OK


def _table_labels() -> dict[str, str]:
    return {
        "programme": _("Programmes"),
        "participant": _("Participants"),
        "onboarding_item": _("Ticks of onboarding checklists"),
        "mentor_request": _("Requests to mentors"),
        "match": _("Pairs"),
        "phase_progress": _("Phases of pairs"),
        "checklist_tick": _("Ticks of phase checklists"),
        "meeting": _("Meetings"),
        "agreement": _("Mentoring agreements"),
        "agreement_goal": _("Goals of mentoring agreements"),
        "evaluation": _("Evaluations"),
        "evaluation_answer": _("Answers to evaluations"),
        "certificate": _("Certificates"),
        "letter_template": _("Texts of letters"),
    }


def _print_counts(report) -> None:  # TransferReport
    """One line per table: how many rows were copied, and how many not."""
    from westem_desktop.core.server.transfer import tables

    labels = _table_labels()
    for table in (t.name for t in tables()):
        copied, left = report.copied[table], report.left_out[table]
        if not copied and not left:
            continue
        label = labels.get(table, table)
        if left:
            print(_("{label}: {copied} copied, {left} not copied").format(label=label, copied=copied, left=left))
        else:
            print(_("{label}: {copied} copied").format(label=label, copied=copied))


def run_backup(args: argparse.Namespace) -> int:
    """``backup --db URL -o FILE``: pg_dump of the server's database, when pg_dump is installed."""
    from westem_desktop.cli import _complain, _failed
    from westem_desktop.core.server.dump import dump

    url = server_url(args)
    if not args.output:
        _complain(_("Name the backup file with -o FILE."))
        return EXIT_FAILED
    try:
        target = dump(url, args.output)
    except (WestemError, OSError) as exc:
        return _failed(exc, args.output)
    print(_("Backup saved as {file}.").format(file=target))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """``check --db URL``: the connection, the schema revision and the access rules; 0 when all is in order."""
    from westem_desktop.cli import _complain
    from westem_desktop.core.server.check import check_server

    url = server_url(args)
    result = check_server(url, shown(url))
    for line in result.passed:
        print(visible(line))
    for line in result.problems:
        _complain(line)
    if result.problems:
        return EXIT_FAILED
    print(_("{path} is in good order.").format(path=shown(url)))
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """``restore`` of a server's database: refused, the IT office restores it with pg_restore."""
    from westem_desktop.cli import _complain

    _complain(
        _(
            "A database on a server is not restored by WESTEM Desktop: the IT office that runs the server "
            "restores it with pg_restore (from a `westem-desktop backup` file or its own backups)."
        )
    )
    return EXIT_FAILED
