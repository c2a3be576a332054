"""The command line as scripts use it: exit codes, messages, the demo programme."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from westem_desktop import __version__
from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.models import Match, Participant, Programme


def _counts(path: Path) -> tuple[int, int, int]:
    with open_database(path) as db, db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Programme)),
            session.scalar(select(func.count()).select_from(Participant)),
            session.scalar(select(func.count()).select_from(Match)),
        )


def test_demo_creates_a_programme(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "60", "--seed", "3"]) == 0
    programmes, participants, pairs = _counts(db)
    assert (programmes, participants) == (1, 60)
    assert pairs > 0
    out = capsys.readouterr().out
    assert "60 participants" in out and f"{pairs} pairs" in out and str(db) in out


def test_demo_is_deterministic(tmp_path: Path) -> None:
    def names(path: Path) -> list[tuple[str, str | None]]:
        with open_database(path) as db, db.session() as session:
            return [
                tuple(r) for r in session.execute(select(Participant.name, Participant.email).order_by(Participant.id))
            ]

    for name in ("a.sqlite", "b.sqlite"):
        assert main(["demo", "--db", str(tmp_path / name), "--participants", "30", "--seed", "7"]) == 0
    assert names(tmp_path / "a.sqlite") == names(tmp_path / "b.sqlite")


def test_demo_needs_a_database_path(capsys) -> None:
    assert main(["demo"]) == 1
    assert "--db PATH" in capsys.readouterr().err


def test_demo_refuses_a_file_that_is_not_a_database(tmp_path: Path, capsys) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("my notes, not a database\n")
    assert main(["demo", "--db", str(text)]) == 1
    assert "is not a WESTEM Desktop database" in capsys.readouterr().err
    assert text.read_text() == "my notes, not a database\n"


def test_demo_messages_in_swedish(tmp_path: Path, capsys) -> None:
    assert main(["demo", "--lang", "sv", "--db", str(tmp_path / "sv.sqlite"), "--participants", "10"]) == 0
    out = capsys.readouterr().out
    assert "Skapade" in out and "Created" not in out


def test_module_entry_point_reports_its_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "westem_desktop", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"WESTEM Desktop {__version__}"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_import_participants_exit_codes_and_refusals(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "10"]) == 0
    capsys.readouterr()
    good = _write(tmp_path / "good.csv", "Name;E-mail;Role\nAstrid;astrid@uu.se;mentor\nSaga;saga@uu.se;mentee\n")
    assert main(["import", "participants", str(good), "--db", str(db)]) == 0
    assert "2 added" in capsys.readouterr().out
    assert main(["import", "participants", str(good), "--db", str(db)]) == 0  # again: skipped, no duplicates
    assert "2 already registered and skipped" in capsys.readouterr().out
    mixed = _write(tmp_path / "mixed.csv", "Name,E-mail,Role\nElin,elin@uu.se,mentee\nNo Mail,,mentee\n")
    rejects = tmp_path / "rejects.csv"
    assert main(["import", "participants", str(mixed), "--db", str(db), "--rejects", str(rejects)]) == 2
    captured = capsys.readouterr()
    assert "Row 3, E-mail: The e-mail address is required." in captured.err
    assert "1 added" in captured.out
    assert "No Mail" in rejects.read_text(encoding="utf-8-sig")
    assert _counts(db)[1] == 13


def test_import_dry_run_changes_nothing(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "10"])
    path = _write(tmp_path / "p.csv", "Namn,E-post,Roll\nÅsa,asa@uu.se,adept\n")
    assert main(["import", "participants", str(path), "--db", str(db), "--dry-run"]) == 0
    assert "Dry run" in capsys.readouterr().out
    assert _counts(db)[1] == 10


def test_import_a_file_that_cannot_be_read_exits_1(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "10"])
    capsys.readouterr()
    garbage = tmp_path / "photo.csv"
    garbage.write_bytes(b"\x00\x89PNG\x00\x00")
    assert main(["import", "participants", str(garbage), "--db", str(db)]) == 1
    assert capsys.readouterr().err.strip()
    unknown = _write(tmp_path / "cols.csv", "Foo,Bar\n1,2\n")
    assert main(["import", "participants", str(unknown), "--db", str(db)]) == 1
    assert "not recognised" in capsys.readouterr().err
    assert main(["import", "participants", str(tmp_path / "missing.csv"), "--db", str(db)]) == 1


def test_import_needs_a_programme_name_when_there_are_several(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "10", "--seed", "1"])
    main(["demo", "--db", str(db), "--participants", "10", "--seed", "2"])
    path = _write(tmp_path / "p.csv", "Name,E-mail,Role\nAda,ada@uu.se,mentor\n")
    capsys.readouterr()
    assert main(["import", "participants", str(path), "--db", str(db)]) == 1
    assert "--programme NAME" in capsys.readouterr().err


def test_export_participants_csv_and_xlsx(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "25"])
    for name in ("people.csv", "people.xlsx"):
        assert main(["export", "participants", "--db", str(db), "-o", str(tmp_path / name)]) == 0
        assert "25 participants written" in capsys.readouterr().out
    assert (tmp_path / "people.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["export", "participants", "--db", str(db), "-o", str(tmp_path / "people.ods")]) == 1


def test_match_suggest_json_shape_and_apply(tmp_path: Path, capsys) -> None:
    import json

    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "120"])
    capsys.readouterr()
    assert main(["match", "suggest", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"pairs", "unmatched_mentees"}
    assert data["pairs"] and set(data["pairs"][0]) == {"mentee", "mentor", "score", "reasons"}
    assert all(p["score"] == sum(p["reasons"].values()) for p in data["pairs"])
    before = _counts(db)[2]
    assert main(["match", "suggest", "--db", str(db), "--apply"]) == 0
    assert _counts(db)[2] == before + len(data["pairs"])
    assert main(["match", "suggest", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["pairs"] == []


def test_export_matches_lists_every_pair_with_its_id(tmp_path: Path, capsys) -> None:
    import csv

    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "40"])
    assert main(["export", "matches", "--db", str(db), "-o", str(tmp_path / "pairs.csv")]) == 0
    with (tmp_path / "pairs.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:6] == ["Pair", "Mentor", "Mentee", "Status", "Style", "Phase"]
    assert len(rows) - 1 == _counts(db)[2]
    assert main(["export", "matches", "--db", str(db), "-o", str(tmp_path / "pairs.xlsx")]) == 0


def test_print_agreement_and_certificates(tmp_path: Path, capsys) -> None:
    from pypdf import PdfReader

    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "200"])
    with open_database(db) as database, database.session() as session:
        pair = session.scalars(select(Match).where(Match.status == "active")).first()
        mentor, mentee, pair_id = pair.mentor.name, pair.mentee.name, pair.id
        closed = session.scalar(select(func.count()).where(Match.status == "closed"))
    out = tmp_path / "agreement.pdf"
    assert main(["print", "agreement", "--db", str(db), "--match", str(pair_id), "--lang", "nl", "-o", str(out)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Mentoringovereenkomst" in text and mentor in text and mentee in text
    assert main(["print", "agreement", "--db", str(db), "--match", "99999", "-o", str(out)]) == 1
    assert "no pair 99999" in capsys.readouterr().err
    blank = tmp_path / "blank.pdf"
    args = ["print", "agreement", "--db", str(db), "--match", str(pair_id), "--lang", "sv", "--blank", "-o", str(blank)]
    assert main(args) == 0
    text = "".join(p.extract_text() for p in PdfReader(blank).pages)
    assert "Mål 3" in text and "Hur ofta:" in text and "Ort och datum" in text and mentor in text
    assert "jag är medveten om mina styrkor" in text.lower()  # the manual's examples, to tick
    batch = tmp_path / "certificates.pdf"
    assert closed > 0
    assert main(["print", "certificates", "--db", str(db), "--all-closed", "-o", str(batch)]) == 0
    assert len(PdfReader(batch).pages) == 2 * closed
    folder = tmp_path / "each"
    assert main(["print", "certificates", "--db", str(db), "--all-closed", "--lang", "sv", "-o", str(folder)]) == 0
    assert len(list(folder.glob("*.pdf"))) == 2 * closed
    assert main(["print", "certificates", "--db", str(db), "--match", str(pair_id), "-o", str(batch)]) == 1


def test_report_json_pdf_and_xlsx(tmp_path: Path, capsys) -> None:
    import json

    from pypdf import PdfReader

    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "80"])
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["participants"]["total"] == 80 and figures["pairs"]["total"] == _counts(db)[2]
    assert main(["report", "--db", str(db), "--lang", "nb", "-o", str(tmp_path / "r.pdf")]) == 0
    assert "Programrapport" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert main(["report", "--db", str(db), "-o", str(tmp_path / "r.xlsx")]) == 0
    assert main(["report", "--db", str(db), "-o", str(tmp_path / "r.doc")]) == 1


def test_check_and_backup(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "30"])
    assert main(["check", "--db", str(db)]) == 0
    assert main(["backup", "--db", str(db), "-o", str(tmp_path / "copy.sqlite")]) == 0
    assert main(["check", "--db", str(tmp_path / "copy.sqlite")]) == 0
    assert main(["backup", "--db", str(db)]) == 0
    assert list((tmp_path / "backups").glob("db-manual-*.sqlite"))
    with db.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 4)
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    assert "is damaged" in capsys.readouterr().err
    text = tmp_path / "notes.sqlite"
    text.write_text("no database")
    assert main(["check", "--db", str(text)]) == 1
    assert main(["check", "--db", str(tmp_path / "missing.sqlite")]) == 1


def test_window_options_are_read_without_the_whole_parser() -> None:
    from westem_desktop.cli import window_options

    assert window_options([]) == (None, None)
    assert window_options(["--db", "a b.sqlite", "--lang", "sv"]) == (Path("a b.sqlite"), "sv")
    assert window_options(["--lang=nb", "--db=x.sqlite"]) == (Path("x.sqlite"), "nb")
    # Anything else goes to the whole parser, which runs the subcommand or says what is wrong.
    for argv in (
        ["demo"],
        ["--help"],
        ["--version"],
        ["--self-test"],
        ["--lang", "xx"],
        ["--db"],
        ["--db", "--lang", "sv"],
        ["--db", "a", "--db", "b"],
        ["--db="],
        ["--database", "a"],
    ):
        assert window_options(argv) is None, argv


def test_a_wrong_window_option_is_reported_by_the_parser(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "xx"])
    assert exit_info.value.code == 1  # a refusal; 2 means an import was partly done
    assert "invalid choice: 'xx'" in capsys.readouterr().err


def test_print_an_earlier_signed_version_of_an_agreement(tmp_path: Path, capsys) -> None:
    import datetime as dt

    from pypdf import PdfReader

    from westem_desktop.core import agreements

    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "40"])
    with open_database(db) as database, database.session() as session:
        pair_id = session.scalars(
            select(Match.id).where(Match.status == "active", Match.style == "traditional")
        ).first()
        data = agreements.draft(session, pair_id)
        data.goals = [agreements.GoalData("Signed goal")]
        first = agreements.save(session, pair_id, data)
        agreements.mark_signed(session, first.id, dt.date.today())
        data.goals = [agreements.GoalData("Edited goal")]
        agreements.save(session, pair_id, data)
    out = tmp_path / "v1.pdf"
    args = ["print", "agreement", "--db", str(db), "--match", str(pair_id), "-o", str(out)]
    assert main([*args, "--version", "1"]) == 0
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Signed goal" in text and "Edited goal" not in text and "version 1" in text
    assert main(args) == 0
    assert "Edited goal" in "".join(p.extract_text() for p in PdfReader(out).pages)
    assert main([*args, "--version", "9"]) == 1
    assert "no version 9" in capsys.readouterr().err


def test_documents_follow_the_pairs_language_and_printing_marks_the_agreement_printed(tmp_path: Path) -> None:
    import datetime as dt

    from pypdf import PdfReader

    from westem_desktop.core import agreements

    db = tmp_path / "db.sqlite"
    main(["demo", "--db", str(db), "--participants", "40"])
    with open_database(db) as database, database.session() as session:
        closed = session.scalars(select(Match).where(Match.status == "closed")).first()
        closed.language, closed.programme.document_language = "nb", "nl"
        active = session.scalars(select(Match).where(Match.status == "active", Match.style == "traditional")).first()
        active.language = "nb"
        data = agreements.draft(session, active.id)
        data.goals = [agreements.GoalData("Pass the first-year mathematics")]
        agreements.save(session, active.id, data)
        closed_id, active_id = closed.id, active.id
    out = tmp_path / "out.pdf"
    assert main(["print", "certificates", "--db", str(db), "--match", str(closed_id), "-o", str(out)]) == 0
    assert "Deltakerbevis" in PdfReader(out).pages[0].extract_text()  # the pair's, not the programme's
    assert main(["print", "agreement", "--db", str(db), "--match", str(active_id), "-o", str(out)]) == 0
    assert "Mentoravtale" in "".join(p.extract_text() for p in PdfReader(out).pages)
    with open_database(db) as database, database.session() as session:
        newest = agreements.versions(session, active_id)[0]
    assert (newest.status, newest.printed_on) == ("printed", dt.date.today())
