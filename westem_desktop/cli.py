"""The ``westem-desktop`` command: opens the window, or runs a task for scripts.

Without a subcommand it starts the graphical application. Subcommands print what they did and
exit 0 on success, 1 when nothing could be done (with the reason on standard error).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from westem_desktop import APP_NAME, __version__, paths
from westem_desktop.cli_mail import add_mail_parser, run_mail
from westem_desktop.cli_server import add_server_parser, database_target, file_only, open_target, run_server
from westem_desktop.core.enums import LANGUAGES
from westem_desktop.core.errors import WestemError, visible
from westem_desktop.i18n import _, argparse_texts, ngettext, set_language

if TYPE_CHECKING:
    from westem_desktop.ui.main_window import MainWindow

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SOME_REFUSED = 2
EXIT_BUSY = 3  # the database is in use by another program


class _Parser(argparse.ArgumentParser):
    """A mistake on the command line is refused with exit code 1, like every refusal (2 means an import
    was partly done)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_FAILED, _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=database_target,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("the database file (default: the one in your data folder), or a database on a server: postgresql://…"),
    )
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("the language of the interface and the messages"),
    )
    parser = _Parser(prog="westem-desktop", description=APP_NAME, parents=[common])
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help=_("check that this installation works, then exit (0: it does)")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_server_parser(commands)
    add_mail_parser(commands, common)
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
    importing = commands.add_parser("import", help=_("import from a spreadsheet"))
    import_what = importing.add_subparsers(dest="what", metavar="WHAT", required=True)
    imp = import_what.add_parser(
        "participants", parents=[common], help=_("import mentors and mentees from a CSV or XLSX file")
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    imp.add_argument("--dry-run", action="store_true", help=_("check the file, import nothing"))
    imp.add_argument("--rejects", type=Path, metavar="OUT.csv", help=_("save the refused rows to fix them"))
    imp.add_argument(
        "--update-existing",
        action="store_true",
        help=_("update participants already registered (same e-mail) instead of skipping them"),
    )
    exporting = commands.add_parser("export", help=_("export to a spreadsheet"))
    export_what = exporting.add_subparsers(dest="what", metavar="WHAT", required=True)
    exp = export_what.add_parser("participants", parents=[common], help=_("export mentors and mentees"))
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    exp.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    expm = export_what.add_parser("matches", parents=[common], help=_("export every pair with its id"))
    expm.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    expm.add_argument("--programme", metavar="NAME", help=_("only the pairs of this programme"))
    match = commands.add_parser("match", help=_("form pairs"))
    match_what = match.add_subparsers(dest="what", metavar="WHAT", required=True)
    sug = match_what.add_parser(
        "suggest", parents=[common], help=_("suggest the best pairs for every mentee without a mentor")
    )
    sug.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    sug.add_argument("--json", action="store_true", help=_("print the suggestions as JSON"))
    sug.add_argument("--apply", action="store_true", help=_("create the suggested pairs"))
    printing = commands.add_parser("print", help=_("print documents to PDF"))
    print_what = printing.add_subparsers(dest="what", metavar="WHAT", required=True)
    agreement = print_what.add_parser("agreement", parents=[common], help=_("the mentoring agreement of a pair"))
    agreement.add_argument("--match", type=int, required=True, metavar="ID", help=_("the pair's id"))
    agreement.add_argument(
        "--version", type=int, metavar="N", help=_("an earlier version, as it was signed (default: the newest)")
    )
    agreement.add_argument(
        "--blank",
        action="store_true",
        help=_("to complete by hand: ruled space for every field not filled in, three goals, no suggested values"),
    )
    agreement.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    certificates = print_what.add_parser(
        "certificates", parents=[common], help=_("certificates for the mentee and the mentor of closed pairs")
    )
    which = certificates.add_mutually_exclusive_group(required=True)
    which.add_argument("--match", type=int, metavar="ID", help=_("one closed pair"))
    which.add_argument("--all-closed", action="store_true", help=_("every closed pair of the programme"))
    certificates.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    certificates.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf|DIR",
        help=_("one PDF, or a folder for one PDF per person"),
    )
    handouts = print_what.add_parser(
        "handouts", parents=[common], help=_("the onboarding checklists and the mentoring cycle, to hand out")
    )
    handouts.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    handouts.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    forms = print_what.add_parser(
        "forms", parents=[common], help=_("blank evaluation forms to fill in by hand, for the mentor and the mentee")
    )
    pairs = forms.add_mutually_exclusive_group(required=True)
    pairs.add_argument("--match", type=int, metavar="ID", help=_("one pair"))
    pairs.add_argument(
        "--phase", type=int, choices=range(1, 5), metavar="N", help=_("every active pair in phase N (1–4)")
    )
    pairs.add_argument("--all", action="store_true", help=_("every active pair of the programme"))
    forms.add_argument(
        "--kind",
        choices=("session", "midpoint", "final"),
        default="session",
        help=_("which form (default: session)"),
    )
    forms.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    forms.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    check = commands.add_parser("check", parents=[common], help=_("check the database file for damage"))
    check.set_defaults(full=True)
    backup = commands.add_parser("backup", parents=[common], help=_("make a backup of the database"))
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("where to write the backup"))
    privacy = commands.add_parser("privacy", help=_("a person's personal data: export or erase it"))
    privacy_what = privacy.add_subparsers(dest="what", metavar="WHAT", required=True)
    pexport = privacy_what.add_parser(
        "export", parents=[common], help=_("write everything stored about a person to a text file")
    )
    pexport.add_argument("--email", required=True, metavar="ADDRESS", help=_("her e-mail address"))
    pexport.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    perase = privacy_what.add_parser(
        "erase", parents=[common], help=_("erase a person's personal data from the database and its backups")
    )
    perase.add_argument("--email", required=True, metavar="ADDRESS", help=_("her e-mail address"))
    perase.add_argument(
        "--programme", metavar="NAME", help=_("the programme (needed when she is registered in several)")
    )
    restoring = commands.add_parser("restore", parents=[common], help=_("list or restore the backups of the database"))
    restore_what = restoring.add_mutually_exclusive_group(required=True)
    restore_what.add_argument("--list", action="store_true", help=_("list the backups with what each holds"))
    restore_what.add_argument(
        "--from", dest="source", type=Path, metavar="FILE", help=_("restore this backup of the database")
    )
    restore_what.add_argument("--newest", action="store_true", help=_("restore the newest good backup"))
    report = commands.add_parser("report", parents=[common], help=_("the programme report"))
    report.add_argument("--programme", metavar="NAME", help=_("the programme (needed when the file has several)"))
    report.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    report.add_argument("-o", "--output", type=Path, metavar="FILE.pdf|FILE.xlsx", help=_("write the report"))
    return parser


def _run_check(args: argparse.Namespace) -> int:
    from westem_desktop.core.backup import check_integrity
    from westem_desktop.core.db import check_file_kind, read_revision

    if "db" not in args:
        _complain(_("Name the database file with --db PATH."))
        return EXIT_FAILED
    if file_only(args):
        return EXIT_FAILED
    if not args.db.exists():
        _complain(_("There is no file {path}.").format(path=args.db))
        return EXIT_FAILED
    try:
        check_file_kind(args.db)
        read_revision(args.db)
    except WestemError as exc:
        return _failed(exc)
    reason = check_integrity(args.db, full=True)
    if reason is not None:
        _complain(_("{path} is damaged: {reason}").format(path=args.db, reason=reason))
        return EXIT_FAILED
    print(_("{path} is in good order.").format(path=args.db))
    return EXIT_OK


def _run_backup(args: argparse.Namespace) -> int:
    from westem_desktop.core.backup import backup_folder, check_backup_target, take_backup
    from westem_desktop.core.db import sqlite_backup

    if file_only(args):
        return EXIT_FAILED
    try:
        with _database(args) as db:
            if args.output:
                check_backup_target(db.path, args.output)
                target = sqlite_backup(db.path, args.output)
            else:
                target = take_backup(db.path, prefix="manual")
    except Exception as exc:
        return _failed(exc, args.output or (backup_folder(args.db) if "db" in args else None))
    print(_("Backup saved as {file}.").format(file=target))
    return EXIT_OK


def _run_privacy(args: argparse.Namespace) -> int:
    from westem_desktop.core import privacy

    try:
        with _database(args, writes=args.what == "erase") as db:
            if args.what == "export":
                privacy.check_export_target(db.path, args.output)
                with db.reading() as session:
                    privacy.export_registrations(session, privacy.registrations(session, args.email), args.output)
                print(
                    _("Everything stored about {email} was written to {file}.").format(
                        email=visible(args.email.strip().lower()), file=args.output
                    )
                )
                return EXIT_OK
            from westem_desktop.core.erasure import finish_erasure

            with db.session() as session:
                person = privacy.the_registration(session, args.email, args.programme)
                email, programme = person.email, person.programme.name
                erased = privacy.erase_participant(session, person.id)
            result = finish_erasure(db.path, erased) if not db.is_server else None
    except (WestemError, OSError) as exc:
        return _failed(exc)
    summary = _("The personal data of {email} in “{programme}” was erased.").format(email=email, programme=programme)
    print(visible(summary), *(result.done_lines() if result else ()), sep="\n")
    for line in result.warning_lines() if result else ():
        _complain(line)
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    from westem_desktop.core import backup

    if "db" not in args:
        _complain(_("Name the database file with --db PATH."))
        return EXIT_FAILED
    if file_only(args):
        return EXIT_FAILED
    database = args.db.expanduser().absolute()
    try:
        found = backup.all_backups(database)
        if args.list:
            if not found:
                print(_("There are no backups of {path}.").format(path=database))
            for line in backup.describe_backups(found) if found else []:
                print(visible(line))
            return EXIT_OK
        source = args.source
        if args.newest:
            good = backup.first_good(found)
            if good is None:
                raise WestemError(_("There is no good backup of {path} to restore.").format(path=database))
            source = good.path
        saved = backup.restore(source, database)
    except (WestemError, OSError) as exc:
        return _failed(exc)
    print(_("{database} was restored from {file}.").format(database=database, file=source))
    if saved is not None and saved.parent == database.parent and "-damaged-" in saved.name:
        print(_("The damaged file was kept as {file}.").format(file=saved))
    elif saved is not None:
        print(_("The file as it was before is saved as {file}.").format(file=saved))
    return EXIT_OK


def _failed(exc: BaseException, target: Path | None = None) -> int:
    """Say in one line why the command failed (``target``: the file it was writing, for errors that do not
    name one); the exit code: 3 when the database is in use, else 1. An unexpected error goes to the log
    with its traceback; the terminal shows one line all the same."""
    from westem_desktop.core import failures

    if not failures.expected(exc):
        return _unexpected(exc)
    _complain(failures.explain(exc, target))
    return failures.exit_code(exc)


def _log_error(what: str, exc: BaseException) -> None:
    """Where ``exc`` happened and its type into the log file (never its message: it may quote personal data)."""
    import logging

    from westem_desktop.ui.errors import details, log, setup_logging

    raising, logging.raiseExceptions = logging.raiseExceptions, False  # a log that cannot be written stays quiet
    try:
        handler = setup_logging()
        try:
            log.error("%s\n%s", what, details(type(exc), exc, exc.__traceback__))
        finally:
            log.removeHandler(handler)
            handler.close()
    except Exception:  # the terminal has its one line; a log on a full disk is lost
        pass
    finally:
        logging.raiseExceptions = raising


def _log_unraisable(unraisable) -> None:  # sys.UnraisableHookArgs
    """An error Python can only report, such as a library's half-written file failing again as it is
    collected after a full disk, goes to the log: the command already said in one line what went wrong."""
    if unraisable.exc_value is not None:
        _log_error("ignored error in the command line", unraisable.exc_value)


def _unexpected(exc: BaseException) -> int:
    _log_error("unexpected error in the command line", exc)
    _complain(
        _("Something went wrong ({kind}); nothing was changed. The details are in {log}.").format(
            kind=type(exc).__name__, log=paths.data_dir() / "westem-desktop.log"
        )
    )
    return EXIT_FAILED


def _complain(message: str) -> None:
    """One line on standard error, with control and escape characters shown, never sent raw (a value
    from a hostile file could otherwise rewrite the terminal)."""
    print(visible(message, keep="\n"), file=sys.stderr)


def _document_language(args: argparse.Namespace, session, **where: int) -> str:
    """``--lang`` when given (the coordinator's choice for this run), else the one rule of
    ``core.programmes.document_language`` for the pair or programme in ``where``."""
    from westem_desktop.core.programmes import document_language

    return getattr(args, "lang", None) or document_language(session, **where)


def _run_report(args: argparse.Namespace) -> int:
    import json

    from westem_desktop.core.programmes import find_programme
    from westem_desktop.core.reports import programme_report
    from westem_desktop.documents.report import write_report_pdf, write_report_xlsx

    try:
        with _database(args) as db, db.session() as session:
            programme = find_programme(session, args.programme)
            figures = programme_report(session, programme.id)
            language = _document_language(args, session, programme_id=programme.id)
        if args.output is not None:
            suffix = args.output.suffix.lower()
            if suffix == ".pdf":
                write_report_pdf(figures, language, args.output)
            elif suffix == ".xlsx":
                write_report_xlsx(figures, language, args.output)
            else:
                raise WestemError(_("Choose a file name ending in .pdf or .xlsx."))
    except (WestemError, OSError) as exc:
        return _failed(exc)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    elif args.output is not None:
        print(_("The report was written to {path}.").format(path=args.output))
    else:
        p, pairs, meetings = figures["participants"], figures["pairs"], figures["meetings"]
        hours = meetings["hours"]
        print(
            _("{participants}, {pairs}, {meetings} ({hours}).").format(
                participants=ngettext("{n} participant", "{n} participants", p["total"]).format(n=p["total"]),
                pairs=ngettext("{n} pair", "{n} pairs", pairs["total"]).format(n=pairs["total"]),
                meetings=ngettext("{n} meeting held", "{n} meetings held", meetings["held"]).format(n=meetings["held"]),
                hours=ngettext("{hours} hour", "{hours} hours", 1 if hours == 1 else 2).format(hours=hours),
            )
        )
    return EXIT_OK


def _database(args: argparse.Namespace, *, writes: bool = False):
    """The open ``--db``; a command that ``writes`` is refused here, before it does anything, when the
    file is read-only or damaged (the write itself would be refused too, see ``core/db.py``)."""
    if "db" not in args:
        raise WestemError(_("Name the database file with --db PATH."))
    db = open_target(args.db)
    if writes:
        try:
            db.check_writable()
        except BaseException:
            db.close()
            raise
    return db


def _run_import(args: argparse.Namespace) -> int:
    from westem_desktop.core.io import participant_import as pi
    from westem_desktop.core.io.tables import TableReadError, read_table
    from westem_desktop.core.programmes import find_programme

    try:
        table = read_table(args.file)
    except TableReadError as exc:
        return _failed(exc)
    mapping = pi.guess_mapping(table.headers)
    problem = pi.mapping_problem(mapping)
    if problem:
        _complain(_("The columns were not recognised: {problem}").format(problem=problem))
        return EXIT_FAILED
    policy = pi.DuplicatePolicy.UPDATE if args.update_existing else pi.DuplicatePolicy.SKIP
    try:
        with _database(args, writes=True) as db, db.session() as session:
            programme = find_programme(session, args.programme)
            checked = pi.check_rows(session, programme.id, table, mapping)
            result = pi.apply_import(session, programme.id, checked, policy)
            if args.rejects and result.refused:  # before the commit: if it cannot be written, nothing is imported
                pi.write_refusals(args.rejects, table.headers, result.refused)
            if args.dry_run:
                session.rollback()
    except WestemError as exc:
        return _failed(exc)
    for refusal in result.refused:
        _complain(
            _("Row {row}, {column}: {reason}").format(
                row=refusal.row, column=visible(refusal.column) or "–", reason=visible(refusal.reason)
            )
        )
    summary = pi.import_summary(result)
    if args.dry_run:
        summary = _("Dry run, nothing was imported: ") + summary
    print(summary)
    return EXIT_SOME_REFUSED if result.refused else EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    from westem_desktop.core.io.participant_export import export_participants
    from westem_desktop.core.pairs import export_matches
    from westem_desktop.core.programmes import find_programme

    try:
        with _database(args) as db, db.session() as session:
            if args.what == "matches":
                programme_id = find_programme(session, args.programme).id if args.programme else None
                count = export_matches(session, programme_id, args.output)
                message = ngettext("{count} pair written to {path}.", "{count} pairs written to {path}.", count)
            else:
                programme = find_programme(session, args.programme)
                count = export_participants(session, programme.id, args.output)
                message = ngettext(
                    "{count} participant written to {path}.", "{count} participants written to {path}.", count
                )
    except (WestemError, OSError) as exc:
        return _failed(exc)
    print(message.format(count=count, path=args.output))
    return EXIT_OK


def _run_match(args: argparse.Namespace) -> int:
    import json

    from westem_desktop.core.matching import suggest
    from westem_desktop.core.pairs import apply_suggestions, levels_of, load_candidates
    from westem_desktop.core.programmes import find_programme

    try:
        with _database(args, writes=args.apply) as db, db.session() as session:
            programme = find_programme(session, args.programme)
            mentees, mentors, excluded = load_candidates(session, programme.id)
            result = suggest(mentees, mentors, levels_of(programme), excluded=excluded)
            if args.apply:
                apply_suggestions(session, programme.id, result)
    except WestemError as exc:
        return _failed(exc)
    if args.json:
        print(
            json.dumps(
                {
                    "pairs": [
                        {"mentee": p.mentee, "mentor": p.mentor, "score": p.score, "reasons": p.reasons}
                        for p in result.pairs
                    ],
                    "unmatched_mentees": result.unmatched_mentees,
                },
                ensure_ascii=False,
            )
        )
    else:
        for pair in result.pairs:
            print(
                ngettext(
                    "mentee {mentee} with mentor {mentor}: {score} point",
                    "mentee {mentee} with mentor {mentor}: {score} points",
                    pair.score,
                ).format(mentee=pair.mentee, mentor=pair.mentor, score=pair.score)
            )
        n = len(result.pairs)
        if args.apply:
            done = ngettext("{n} pair created.", "{n} pairs created.", n)
        else:
            done = ngettext("{n} pair suggested; --apply creates it.", "{n} pairs suggested; --apply creates them.", n)
        print(done.format(n=n))
        if result.unmatched_mentees:
            print(_("Mentees without a suggestion: {ids}").format(ids=", ".join(map(str, result.unmatched_mentees))))
    return EXIT_OK


def _run_print_paper(args: argparse.Namespace) -> int:
    """``print handouts`` and ``print forms``: nothing is recorded, so the database is only read."""
    from westem_desktop.core.evaluations import blank_forms, pairs_in_phase
    from westem_desktop.core.models import Match
    from westem_desktop.core.programmes import find_programme

    try:
        if args.output.suffix.lower() != ".pdf":
            raise WestemError(_("Choose a file name ending in .pdf."))
        with _database(args) as db, db.session() as session:
            if args.what == "handouts":
                from westem_desktop.documents.handouts import write_handouts

                programme = find_programme(session, args.programme)
                language = _document_language(args, session, programme_id=programme.id)
                write_handouts(language, programme.name, args.output)
                print(_("The handouts were written to {path}.").format(path=args.output))
                return EXIT_OK
            from westem_desktop.documents.forms import write_forms

            if args.match is not None:
                match = session.get(Match, args.match)
                if match is None:
                    raise WestemError(_("There is no pair {id}.").format(id=args.match))
                ids = [match.id]
            else:
                programme = find_programme(session, args.programme)
                ids = pairs_in_phase(session, programme.id, args.phase)
                if not ids and args.phase is not None:
                    raise WestemError(_("The programme has no active pairs in phase {phase}.").format(phase=args.phase))
                if not ids:
                    raise WestemError(_("The programme has no active pairs."))
            forms = blank_forms(session, ids, args.kind, getattr(args, "lang", None))
            write_forms(forms, args.output)
    except (WestemError, OSError) as exc:
        return _failed(exc, args.output)
    print(
        ngettext("{n} form was written to {path}.", "{n} forms were written to {path}.", len(forms)).format(
            n=len(forms), path=args.output
        )
    )
    return EXIT_OK


def _run_print(args: argparse.Namespace) -> int:
    import datetime as dt

    from westem_desktop.core import agreements
    from westem_desktop.core.models import Match
    from westem_desktop.core.programmes import find_programme

    try:
        # Printing records the date of the agreement's print and the certificates given: a write.
        with _database(args, writes=True) as db, db.session() as session:
            if args.what == "agreement":
                from westem_desktop.documents.agreement import write_agreement

                match = session.get(Match, args.match)
                if match is None:
                    raise WestemError(_("There is no pair {id}.").format(id=args.match))
                language = _document_language(args, session, match_id=match.id)
                version = getattr(args, "version", None)
                document = agreements.agreement_document(session, match.id, version, language, args.blank)
                write_agreement(document, language, args.output)
                agreements.record_printed(session, match.id, dt.date.today(), version)
                print(_("The agreement of pair {id} was written to {path}.").format(id=match.id, path=args.output))
                return EXIT_OK
            from westem_desktop.documents.certificate import write_certificate_files, write_certificates

            if args.match is not None:
                match = session.get(Match, args.match)
                if match is None:
                    raise WestemError(_("There is no pair {id}.").format(id=args.match))
                ids, where = [match.id], {"match_id": match.id}
            else:
                programme = find_programme(session, args.programme)
                ids, where = agreements.closed_pairs(session, programme.id), {"programme_id": programme.id}
            if not ids:
                raise WestemError(_("The programme has no closed pairs yet."))
            language = _document_language(args, session, **where)
            docs = agreements.certificate_documents(session, ids, language)
            if args.output.suffix.lower() == ".pdf":
                write_certificates(docs, language, args.output)
            else:
                write_certificate_files(docs, language, args.output)
            reprints = agreements.record_certificates(session, docs, language)
    except (WestemError, OSError) as exc:
        return _failed(exc)
    print(
        ngettext(
            "{n} certificate was written to {path}.", "{n} certificates were written to {path}.", len(docs)
        ).format(n=len(docs), path=args.output)
    )
    if reprints:
        print(
            ngettext(
                "{n} of them was printed before and is recorded as a reprint.",
                "{n} of them were printed before and are recorded as reprints.",
                reprints,
            ).format(n=reprints)
        )
    return EXIT_OK


def _run_demo(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from westem_desktop.core.db import open_database
    from westem_desktop.core.demo import create_demo_database
    from westem_desktop.core.models import Match, Programme

    if "db" not in args:
        _complain(_("Name the database file with --db PATH."))
        return EXIT_FAILED
    try:
        # The programme's texts are in the language asked for with --lang, else in English.
        language = getattr(args, "lang", "en")
        programme_id = create_demo_database(args.db, participants=args.participants, seed=args.seed, language=language)
    except (WestemError, ValueError) as exc:
        return _failed(exc)
    with open_database(args.db) as db, db.session() as session:
        name = session.get_one(Programme, programme_id).name
        pairs = session.scalar(select(func.count()).where(Match.programme_id == programme_id))
    print(
        _("Created the demo programme “{name}” with {participants} and {pairs} in {path}.").format(
            name=name,
            participants=ngettext("{n} participant", "{n} participants", args.participants).format(n=args.participants),
            pairs=ngettext("{n} pair", "{n} pairs", pairs).format(n=pairs),
            path=args.db,
        )
    )
    return EXIT_OK


QT_FREE_WINDOW_MODULES = (
    "westem_desktop.core.db",
    "westem_desktop.core.read",
    "westem_desktop.core.settings",
    "westem_desktop.core.checklists",
    "westem_desktop.core.labels",
    "westem_desktop.core.vocabulary",
    "westem_desktop.i18n.qt_messages",
    "westem_desktop.ui.errors",
)
"""The modules without Qt that the window needs as it opens, imported before Qt (see ``open_window``)."""


def window_options(argv: list[str]) -> tuple[Path | str | None, str | None] | None:
    """``(database, language)`` when ``argv`` only opens the window (``--db PATH``, ``--lang CODE``, each
    at most once, valid), else None: then the whole parser reads it and reports any mistake.

    Building the whole parser (every subcommand, its translated help) costs some 8 ms of start-up.
    """
    values: dict[str, str] = {}
    rest = list(argv)
    while rest:
        option, equals, value = rest.pop(0).partition("=")
        if option not in ("--db", "--lang") or option in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        values[option] = value
    language = values.get("--lang")
    if language is not None and language not in LANGUAGES:
        return None
    database = values.get("--db")
    return (database_target(database) if database is not None else None), language


def open_window(
    database: Path | str | None, language: str | None, ready: Callable[[MainWindow], None] | None = None
) -> int:
    """Start the graphical application (see ``ui/app.py``).

    Start-up time matters (``tests/benchmarks/bench_startup.py``). What has no Qt in it is imported
    before Qt: once loaded, PySide6 reads the source file of every module named in an import statement,
    and so of every module these modules import. The garbage collector is off until the window is
    shown: the start-up makes only objects that live as long as the application, so collecting among
    them would find nothing (``ui/app.py`` turns it back on).
    """
    gc.disable()
    for module in QT_FREE_WINDOW_MODULES:
        importlib.import_module(module)
    from westem_desktop.ui.app import run

    return run(database, language, ready=ready)


def main(argv: list[str] | None = None, ready: Callable[[MainWindow], None] | None = None) -> int:
    """The command line; ``ready`` is called with the main window once it is shown and idle (for the
    start-up benchmark). No command ends in a traceback: whatever goes wrong is one line on standard
    error and exit code 1 (3 when the database is in use)."""
    previous, sys.unraisablehook = sys.unraisablehook, _log_unraisable
    try:
        return _main(sys.argv[1:] if argv is None else argv, ready)
    except KeyboardInterrupt:
        _complain(_("Stopped; nothing was changed."))
        return EXIT_FAILED
    except Exception as exc:
        return _failed(exc)
    finally:
        gc.collect()  # what a failed write left behind is collected while its errors go to the log
        sys.unraisablehook = previous


def _main(argv: list[str], ready: Callable[[MainWindow], None] | None) -> int:
    paths.restrict_new_files()
    window = window_options(argv)
    if window is not None:
        return open_window(*window, ready=ready)

    from westem_desktop.core.settings import Settings, interface_language

    # Messages of the parser itself follow the same choice as the window.
    lang_hint = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    set_language(interface_language(Settings(), lang_hint))
    argparse_texts.install()
    args = _parser().parse_args(argv)
    if args.self_test:
        from westem_desktop.selftest import run_self_test

        return run_self_test()
    from westem_desktop import cli_server_move

    if cli_server_move.handles(args):
        return cli_server_move.run(args)
    if args.command == "demo":
        return _run_demo(args)
    if args.command == "import":
        return _run_import(args)
    if args.command == "export":
        return _run_export(args)
    if args.command == "match":
        return _run_match(args)
    if args.command == "print" and args.what in ("handouts", "forms"):
        return _run_print_paper(args)
    if args.command == "print":
        return _run_print(args)
    if args.command == "report":
        return _run_report(args)
    if args.command == "check":
        return _run_check(args)
    if args.command == "backup":
        return _run_backup(args)
    if args.command == "privacy":
        return _run_privacy(args)
    if args.command == "restore":
        return _run_restore(args)
    if args.command == "server":
        return run_server(args)
    if args.command == "mail":
        return run_mail(args)
    return open_window(getattr(args, "db", None), getattr(args, "lang", None), ready=ready)
