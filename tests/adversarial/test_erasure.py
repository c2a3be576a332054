"""Erasing a person leaves nothing of her in the file or in its backups: not in a row, not in a free page.

The test greps the raw bytes of the database and of every backup (automatic, manual, before-restore)
for her name, her e-mail address and every note written about her. A backup that cannot be rewritten
is named, with the day until which it is kept, and is left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.platforms import FILE_MODES, READ_ONLY_FOLDERS, not_on_windows
from westem_desktop.cli import main
from westem_desktop.core.backup import list_backups, restore, take_backup
from westem_desktop.core.db import open_database
from westem_desktop.core.erasure import finish_erasure
from westem_desktop.core.models import (
    Agreement,
    AgreementGoal,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    MentorRequest,
    OnboardingItem,
    Participant,
    PhaseProgress,
    Programme,
)
from westem_desktop.core.privacy import anonymise_programme
from westem_desktop.i18n import format_date

NAME = "Zelda Quixotewright"
EMAIL = "zelda.quixotewright@example.org"
DAY = dt.date(2026, 3, 2)
# Every free text about her or her pair carries a marker of its own, to be looked for in the bytes.
NOTES = {
    "participant.notes": "Qx-participant-notes",
    "participant.availability": "Qx-availability",
    "participant.institution": "Qx-institution",
    "participant.deleted": "Qx-registration-deleted-before",  # deleted before the backups: in free space
    "mentor_request.decline_reason": "Qx-decline-reason",
    "match.notes": "Qx-pair-notes",
    "match.termination_reason": "Qx-termination-reason",
    "phase_progress.notes": "Qx-phase-notes",
    "meeting.topics": "Qx-meeting-topics",
    "meeting.private_notes": "Qx-meeting-private-notes",
    "agreement.expectations": "Qx-expectations",
    "agreement.confidentiality": "Qx-confidentiality",
    "agreement.termination_clause": "Qx-termination-clause",
    "agreement.mentee_boundaries": "Qx-mentee-boundaries",
    "agreement.mentee_success_criteria": "Qx-success-criteria",
    "agreement_goal.goal": "Qx-goal",
    "agreement_goal.steps": "Qx-steps",
    "evaluation_answer.text": "Qx-free-text-answer",
}
NEEDLES = [NAME.encode(), EMAIL.encode(), b"Quixotewright", *(text.encode() for text in NOTES.values())]


def found_in(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [needle for needle in NEEDLES if needle in data]


def add_zelda(path: Path, programme_name: str = "STEM 2026") -> None:
    with open_database(path) as db, db.session() as session:
        programme = session.scalar(select(Programme).where(Programme.name == programme_name))
        if programme is None:
            programme = Programme(name=programme_name, start_date=DAY)
            session.add(programme)
            session.flush()
        mentor = Participant(
            programme_id=programme.id, role="mentor", name="Mona Mentor", email=f"mona@{programme.id}.example"
        )
        zelda = Participant(
            programme_id=programme.id,
            role="mentee",
            name=NAME,
            email=EMAIL,
            institution=NOTES["participant.institution"],
            availability=NOTES["participant.availability"],
            notes=NOTES["participant.notes"],
            fields=["ict"],
            year_of_study=1,
        )
        session.add_all([mentor, zelda])
        session.flush()
        session.add(OnboardingItem(participant_id=zelda.id, item_key="read_guide", done_on=DAY))
        session.add(
            MentorRequest(
                programme_id=programme.id,
                mentee_id=zelda.id,
                mentor_id=mentor.id,
                status="declined",
                decline_reason=NOTES["mentor_request.decline_reason"],
                requested_on=DAY,
            )
        )
        pair = Match(
            programme_id=programme.id,
            mentor_id=mentor.id,
            mentee_id=zelda.id,
            created_on=DAY,
            status="closed",
            closed_on=DAY,
            notes=NOTES["match.notes"],
            termination_reason=NOTES["match.termination_reason"],
        )
        session.add(pair)
        session.flush()
        session.add(PhaseProgress(match_id=pair.id, phase=1, started_on=DAY, notes=NOTES["phase_progress.notes"]))
        meeting = Meeting(
            match_id=pair.id,
            date=DAY,
            duration_minutes=50,
            topics=NOTES["meeting.topics"],
            private_notes=NOTES["meeting.private_notes"],
        )
        agreement = Agreement(
            match_id=pair.id,
            expectations=NOTES["agreement.expectations"],
            confidentiality=NOTES["agreement.confidentiality"],
            termination_clause=NOTES["agreement.termination_clause"],
            mentee_boundaries=NOTES["agreement.mentee_boundaries"],
            mentee_success_criteria=NOTES["agreement.mentee_success_criteria"],
        )
        session.add_all([meeting, agreement])
        session.flush()
        session.add(
            AgreementGoal(
                agreement_id=agreement.id,
                position=1,
                goal=NOTES["agreement_goal.goal"],
                steps=NOTES["agreement_goal.steps"],
                met=True,
            )
        )
        evaluation = Evaluation(match_id=pair.id, instrument="final", respondent_role="mentee", submitted_on=DAY)
        session.add(evaluation)
        session.flush()
        session.add_all(
            [
                EvaluationAnswer(evaluation_id=evaluation.id, question_key="overall", number=5),
                EvaluationAnswer(
                    evaluation_id=evaluation.id, question_key="comments", text=NOTES["evaluation_answer.text"]
                ),
            ]
        )


def delete_a_registration_as_an_older_version_did(path: Path) -> None:
    """An earlier registration of hers deleted with ``secure_delete`` off (as before it was turned on): its
    text stays in the file's free space, and every backup copies it."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA secure_delete=OFF")
        columns = (
            "programme_id, role, name, institution, study_programme, fields, country, languages, interests, "
            "support_wanted, availability, capacity, status, consent, created_at, updated_at"
        )
        conn.execute(
            f"INSERT INTO participant (email, notes, {columns}) SELECT 'old-' || email, ?, {columns} "
            "FROM participant WHERE email = ?",
            (NOTES["participant.deleted"], EMAIL),
        )
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA secure_delete=OFF")
        conn.execute("DELETE FROM participant WHERE email = ?", ("old-" + EMAIL,))
    conn.close()
    assert NOTES["participant.deleted"].encode() in path.read_bytes()


def counts(path: Path) -> tuple[int, ...]:
    with sqlite3.connect(path) as conn:
        return tuple(
            conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in ("participant", "match", "meeting", "agreement_goal", "evaluation_answer")
        )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Zelda among the demo people, with an automatic, a manual and a before-restore backup."""
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "12"]) == 0
    add_zelda(path)
    delete_a_registration_as_an_older_version_did(path)
    auto = take_backup(path, now=dt.datetime.now() - dt.timedelta(days=1))
    take_backup(path, prefix="manual")
    restore(auto, path)  # saves the current file as a before-restore backup first
    return path


def backups(database: Path) -> list[Path]:
    return sorted(p for p in (database.parent / "backups").iterdir() if not p.name.endswith(".identity"))


def test_erasing_her_leaves_no_byte_of_her_in_the_database_or_any_backup(database: Path, capsys) -> None:
    names = [p.name for p in backups(database)]
    assert len(names) == 3 and any("-auto-" in n for n in names) and any("-manual-" in n for n in names)
    assert any("-before-restore-" in n for n in names)
    for path in [database, *backups(database)]:  # she is there before: the test can fail
        assert set(found_in(path)) == set(NEEDLES), path
    before = counts(database)
    capsys.readouterr()

    assert main(["privacy", "erase", "--db", str(database), "--email", "Zelda.Quixotewright@Example.org"]) == 0

    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.err == ""
    lines = out.out.splitlines()
    assert lines[0] == f"The personal data of {EMAIL} in “STEM 2026” was erased."
    assert lines[1] == "3 backups were cleaned as well."
    assert sorted(lines[2:]) == sorted(f"Cleaned: {path}" for path in backups(database))
    for path in [database, *backups(database)]:
        assert found_in(path) == [], path
        assert counts(path) == before  # what the reports count stays
    assert [p.name for p in backups(database)] == names  # no copy, part or journal left behind
    assert sorted(p.name for p in database.parent.iterdir()) == ["backups", "westem.sqlite", "westem.sqlite.lock"]
    with open_database(database) as db, db.session() as session:
        zelda = session.scalars(select(Participant).where(Participant.erased_at.is_not(None))).one()
        assert (zelda.role, zelda.fields, zelda.year_of_study) == ("mentee", ["ict"], 1)
        assert session.scalars(select(EvaluationAnswer.number).where(EvaluationAnswer.number.is_not(None))).all()
        assert True in session.scalars(select(AgreementGoal.met)).all()  # her goal met still counts
    for path in backups(database):
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)


def test_secure_delete_is_on_for_every_connection(tmp_path: Path) -> None:
    with open_database(tmp_path / "w.sqlite") as db:
        assert db.read().execute("PRAGMA secure_delete").fetchone() == (1,)
        with db.session() as session:
            assert session.connection().exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        with db.reading() as session:
            assert session.connection().exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_a_backup_that_cannot_be_rewritten_is_named_with_the_day_it_goes(database: Path, capsys) -> None:
    auto = next(p for p in backups(database) if "-auto-" in p.name)
    manual = next(p for p in backups(database) if "-manual-" in p.name)
    take_backup(database)  # a newer automatic backup: the older one is no longer the newest of its kind
    auto.chmod(0o400)
    manual.write_bytes(manual.read_bytes()[:4096] + b"\x00" * 8192)  # damaged
    kept = {auto: auto.read_bytes(), manual: manual.read_bytes()}
    capsys.readouterr()

    assert main(["privacy", "erase", "--db", str(database), "--email", EMAIL]) == 0

    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert "2 backups were cleaned as well." in out.out
    taken = {b.path: b.taken for b in list_backups(database)}
    auto_until = format_date(taken[auto].date() + dt.timedelta(weeks=4))
    assert sorted(out.err.splitlines()) == [
        f"Could not be cleaned (the file is damaged): {manual}; it is kept until you delete it.",
        f"Could not be cleaned (the file is read-only): {auto}; the rotation deletes it by {auto_until}.",
    ]
    assert {path: path.read_bytes() for path in kept} == kept  # left exactly as they were
    assert found_in(database) == []
    restored = next(p for p in backups(database) if "-before-restore-" in p.name)
    assert found_in(restored) == []


def test_the_newest_backup_of_its_kind_is_named_as_kept_until_a_newer_one_is_taken(database: Path, capsys) -> None:
    manual = next(p for p in backups(database) if "-manual-" in p.name)
    manual.chmod(0o400)
    capsys.readouterr()

    assert main(["privacy", "erase", "--db", str(database), "--email", EMAIL]) == 0

    taken = next(b.taken for b in list_backups(database) if b.path == manual)
    until = format_date(taken.date() + dt.timedelta(weeks=4))
    assert capsys.readouterr().err.splitlines() == [
        f"Could not be cleaned (the file is read-only): {manual}; the rotation deletes it after {until}, "
        "once a newer backup of its kind has been taken."
    ]


def test_anonymising_a_programme_cleans_its_backups_too(database: Path) -> None:
    with open_database(database) as db:
        with db.session() as session:
            programme = session.scalar(select(Programme).where(Programme.name == "STEM 2026"))
            erased = anonymise_programme(session, programme.id)
        result = finish_erasure(db.path, erased)
    assert (result.participants, len(result.cleaned), result.kept, result.compacted) == (2, 3, (), True)
    for path in [database, *backups(database)]:
        assert found_in(path) == [], path
        with sqlite3.connect(path) as conn:
            # the demo programme in the same file is untouched
            assert conn.execute("SELECT count(*) FROM participant WHERE name = ''").fetchone() == (2,)
            assert conn.execute("SELECT count(*) FROM programme WHERE anonymised_at IS NOT NULL").fetchone() == (1,)


def test_a_reused_id_in_an_old_backup_is_not_taken_for_her(tmp_path: Path) -> None:
    """A backup of the same database where her row's id belonged to someone since deleted: that person is
    another person (another row, made at another time) and stays."""
    path = tmp_path / "westem.sqlite"
    add_zelda(path)
    with open_database(path) as db, db.session() as session:
        zelda = session.scalars(select(Participant).where(Participant.email == EMAIL)).one()
        zelda_id = zelda.id
    with sqlite3.connect(path) as conn:  # the backup from a time when another person had that id
        conn.execute(
            "UPDATE participant SET name = 'Olga Other', email = 'olga@example.org', "
            "created_at = '2020-01-01 00:00:00.000000' WHERE id = ?",
            (zelda_id,),
        )
    take_backup(path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            f"UPDATE participant SET name = '{NAME}', email = '{EMAIL}', "
            "created_at = '2026-03-02 00:00:00.000000' WHERE id = ?",
            (zelda_id,),
        )
    assert main(["privacy", "erase", "--db", str(path), "--email", EMAIL]) == 0
    (old,) = backups(path)
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT name FROM participant WHERE id = ?", (zelda_id,)).fetchone() == ("Olga Other",)


@not_on_windows(READ_ONLY_FOLDERS)
def test_a_read_only_folder_of_backups_is_named_and_nothing_is_half_written(database: Path, capsys) -> None:
    folder = database.parent / "backups"
    before = {p: p.read_bytes() for p in backups(database)}
    folder.chmod(0o500)
    try:
        capsys.readouterr()
        assert main(["privacy", "erase", "--db", str(database), "--email", EMAIL]) == 0
        err = capsys.readouterr().err
    finally:
        folder.chmod(0o700)
    assert "Traceback" not in err and len(err.splitlines()) == 3
    assert all("(its folder is read-only)" in line for line in err.splitlines())
    assert {p: p.read_bytes() for p in backups(database)} == before
    assert found_in(database) == []


@not_on_windows(FILE_MODES)
def test_the_mode_of_a_cleaned_backup_stays_private(database: Path) -> None:
    assert main(["privacy", "erase", "--db", str(database), "--email", EMAIL]) == 0
    assert {p.stat().st_mode & 0o777 for p in backups(database)} == {0o600}


def test_the_backup_taken_before_an_upgrade_is_cleaned_in_its_own_schema(tmp_path: Path, capsys) -> None:
    """A file of the first schema revision is upgraded on opening, with a backup of it as it was: that
    backup (without the later tables and columns) is erased as well, and keeps its revision."""
    path = tmp_path / "westem.sqlite"
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "schemas" / "0001.sqlite").read_bytes())
    with sqlite3.connect(path) as conn:
        name, email = conn.execute("SELECT name, email FROM participant WHERE id = 1").fetchone()
    conn.close()
    with open_database(path) as db:
        (old,) = [db.backup_path]
    assert name.encode() in old.read_bytes() and email.encode() in old.read_bytes()
    capsys.readouterr()
    assert main(["privacy", "erase", "--db", str(path), "--email", email]) == 0
    assert f"Cleaned: {old}" in capsys.readouterr().out.splitlines()
    for file in (path, old):
        assert name.encode() not in file.read_bytes() and email.encode() not in file.read_bytes()
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
