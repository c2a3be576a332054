"""``westem-desktop mail (introductions | invitations | reminders | thanks)``: the letters as ``.eml`` drafts
in a folder, for the coordinator's own mail program to send (``core/letters``). Nothing is sent and the
database is only read.

One line per draft written ("path  →  people"); a person who gets no letter is a line on standard error
with the reason. Exit 0 when drafts were written, 1 when there was nothing to write or it was refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from westem_desktop.i18n import _

EXIT_OK = 0
EXIT_FAILED = 1

KINDS = {
    "introductions": lambda: _("introduction letters to new pairs, with their agreement"),
    "invitations": lambda: _("invitations to a group of the programme"),
    "reminders": lambda: _("reminders to quiet pairs and of missing evaluations"),
    "thanks": lambda: _("thanks to closed pairs, with each person's certificate"),
}


def add_mail_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``mail`` command and its subcommands, in the parser of ``cli.py``."""
    mail = commands.add_parser("mail", help=_("write e-mail drafts (.eml) for your mail program to send"))
    kinds = mail.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, help_text in KINDS.items():
        parser = kinds.add_parser(name, parents=[common], help=help_text())
        parser.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
        if name == "invitations":
            parser.add_argument(
                "--group",
                default="all",
                metavar="GROUP",
                help=_("who is invited: all, mentors, mentees or phase:N (default: all)"),
            )
        else:
            parser.add_argument(
                "--match", type=int, nargs="+", action="extend", metavar="ID", help=_("only these pairs")
            )
        parser.add_argument(
            "-o", "--output", type=Path, required=True, metavar="DIR", help=_("the folder for the drafts")
        )


def _drafts(args: argparse.Namespace, db, programme_id: int):
    from westem_desktop.core.letters import drafts

    language = getattr(args, "lang", None)
    if args.what == "invitations":
        return drafts.invitations(db, programme_id, args.group, language)
    function = {
        "introductions": drafts.introductions,
        "reminders": drafts.reminders,
        "thanks": drafts.thanks,
    }[args.what]
    return function(db, programme_id, args.match, language)


def run_mail(args: argparse.Namespace) -> int:
    """Write the drafts of ``args.what``; a refusal is one line on standard error and exit code 1."""
    from westem_desktop.cli import _complain, _database, _failed
    from westem_desktop.core.errors import WestemError, visible
    from westem_desktop.core.letters.eml import one_line, write_drafts
    from westem_desktop.core.programmes import find_programme
    from westem_desktop.documents.letters import rendered

    try:
        with _database(args) as db:
            with db.reading() as session:
                programme = find_programme(session, args.programme)
                programme_id, sender = programme.id, (programme.coordinator_email or "").strip()
            found = _drafts(args, db, programme_id)
        for refused in found.refused:
            _complain(_("No letter to {who}: {reason}").format(who=refused.who, reason=refused.reason))
        if not found.drafts:
            _complain(_("There is nothing to write: no letter of this kind is due."))
            return EXIT_FAILED
        written = write_drafts(rendered(found.drafts), args.output)
    except (WestemError, OSError) as exc:
        return _failed(exc, args.output)
    for path, draft in zip(written, found.drafts, strict=True):
        people = ", ".join(f"{one_line(p.name)} <{one_line(p.email)}>" for p in draft.to)
        print(visible(f"{path}  →  {people}"))
    if not sender:
        _complain(
            _(
                "The programme has no coordinator's e-mail address: the drafts have no sender, your mail "
                "program fills it in (set it in the programme's settings)."
            )
        )
    return EXIT_OK
