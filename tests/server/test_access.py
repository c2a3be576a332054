"""Each coordinator sees her own programmes: row-level security against raw SQL on the role's own connection."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from tests.server.conftest import Secured
from westem_desktop.core.models import Base
from westem_desktop.core.server import security

# Each programme of the fixture has one row in every table of a programme, except two participants.
ROWS_PER_PROGRAMME = {table: 2 if table == "participant" else 1 for table in security.SCOPED}


def programme_id(secured: Secured, name: str) -> int:
    with secured.admin() as admin:
        return admin.execute("SELECT id FROM programme WHERE name = %s", (name,)).fetchone()[0]


def counts(conn: psycopg.Connection) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in security.SCOPED}


def test_every_table_is_either_a_programmes_or_shared() -> None:
    """A new table without a rule for it fails here, before it leaks a programme's rows to another."""
    assert set(Base.metadata.tables) == {*security.SCOPED, "database_identity"}
    assert set(security.SCOPED) == set(security.DIRECT) | set(security.PARENT)


def test_a_coordinator_reads_her_programme_and_nothing_of_the_others(secured: Secured) -> None:
    physics = programme_id(secured, "Physics")
    with secured.admin() as admin:
        assert counts(admin) == {table: 2 * n for table, n in ROWS_PER_PROGRAMME.items()}
    with secured.connect(secured.alice) as alice:
        assert counts(alice) == ROWS_PER_PROGRAMME
        assert alice.execute("SELECT DISTINCT programme_id FROM participant").fetchall() == [(physics,)]
        assert alice.execute("SELECT name FROM programme").fetchall() == [("Physics",)]
        notes = alice.execute("SELECT notes FROM participant WHERE notes <> '' UNION ALL SELECT notes FROM match")
        assert sorted(row[0] for row in notes) == ["pair note of Physics", "private note of Physics"]
        # The texts of her programme's letters only (a coordinator's edits may name people or dates).
        assert alice.execute("SELECT subject FROM letter_template").fetchall() == [("Tack, Physics",)]
        # Asked for by id, the other programme's rows are not there either.
        assert alice.execute("SELECT count(*) FROM participant WHERE email LIKE 'mentor@Chemistry%'").fetchone() == (0,)


def test_a_coordinator_cannot_change_another_programme_even_with_raw_sql(secured: Secured) -> None:
    chemistry = programme_id(secured, "Chemistry")
    with secured.connect(secured.alice) as alice:
        assert (
            alice.execute("UPDATE participant SET notes = 'seen' WHERE programme_id = %s", (chemistry,)).rowcount == 0
        )
        assert alice.execute("UPDATE match SET notes = 'seen' WHERE programme_id = %s", (chemistry,)).rowcount == 0
        assert alice.execute("UPDATE meeting SET private_notes = 'seen'").rowcount == 1  # her own pair's only
        assert alice.execute("DELETE FROM evaluation_answer").rowcount == 1
        assert alice.execute("DELETE FROM checklist_tick WHERE item_key = 'first'").rowcount == 1
        assert alice.execute("DELETE FROM programme WHERE id = %s", (chemistry,)).rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            alice.execute(
                "INSERT INTO participant (programme_id, role, name, email, institution, study_programme, fields, "
                "country, languages, interests, support_wanted, availability, capacity, status, consent, notes, "
                "created_at, updated_at) VALUES (%s, 'mentee', 'Intruder', 'x@example.org', '', '', '[]', '', '[]', "
                "'[]', '[]', '', 1, 'active', false, '', now(), now())",
                (chemistry,),
            )
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            alice.execute("UPDATE participant SET programme_id = %s", (chemistry,))  # moving hers into it
    with secured.admin() as admin:
        assert admin.execute("SELECT count(*) FROM participant WHERE notes = 'seen'").fetchone() == (0,)
        assert admin.execute("SELECT count(*) FROM meeting WHERE private_notes = 'seen'").fetchone() == (1,)
        assert admin.execute("SELECT count(*) FROM evaluation_answer").fetchone() == (1,)  # Chemistry's is left
        assert admin.execute("SELECT count(*) FROM programme").fetchone() == (2,)
        assert admin.execute("SELECT count(*) FROM participant").fetchone() == (4,)


def test_a_meeting_cannot_be_added_to_another_programmes_pair(secured: Secured) -> None:
    with secured.admin() as admin:
        chemistry_pair = admin.execute(
            "SELECT m.id FROM match m JOIN programme p ON p.id = m.programme_id WHERE p.name = 'Chemistry'"
        ).fetchone()[0]
    with secured.connect(secured.alice) as alice, pytest.raises(errors.InsufficientPrivilege, match="row-level"):
        alice.execute(
            "INSERT INTO meeting (match_id, status, date, duration_minutes, topics, private_notes) "
            "VALUES (%s, 'held', DATE '2026-10-01', 45, '', '')",
            (chemistry_pair,),
        )


def test_a_read_only_grant_reads_and_cannot_write(secured: Secured) -> None:
    with secured.admin() as admin:
        message = security.grant(admin, "Physics", secured.bob, read_only=True)
    assert message == f"{secured.bob} may now read “Physics”, and not change it."
    with secured.connect(secured.bob) as bob:
        assert counts(bob) == {table: 2 * n for table, n in ROWS_PER_PROGRAMME.items()}  # his own and Physics
        physics = bob.execute("SELECT id FROM programme WHERE name = 'Physics'").fetchone()[0]
        assert bob.execute("UPDATE participant SET notes = 'x' WHERE programme_id = %s", (physics,)).rowcount == 0
        assert (
            bob.execute(
                "DELETE FROM meeting WHERE match_id IN (SELECT id FROM match WHERE programme_id = %s)", (physics,)
            ).rowcount
            == 0
        )
        assert bob.execute("UPDATE participant SET notes = 'his' WHERE programme_id <> %s", (physics,)).rowcount == 2
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            bob.execute(
                "INSERT INTO onboarding_item (participant_id, item_key, done_on) "
                "SELECT id, 'other', DATE '2026-10-01' FROM participant WHERE programme_id = %s",
                (physics,),
            )


def test_the_faculty_reads_every_programme_and_writes_none(secured: Secured) -> None:
    with secured.connect(secured.dean) as dean:
        assert counts(dean) == {table: 2 * n for table, n in ROWS_PER_PROGRAMME.items()}
        for statement in (
            "UPDATE participant SET notes = 'x'",
            "DELETE FROM meeting",
            "INSERT INTO onboarding_item (participant_id, item_key, done_on) "
            "SELECT id, 'x', DATE '2026-10-01' FROM participant",
            "DELETE FROM audit_log",
            "INSERT INTO programme_grant (programme_id, grantee) SELECT id, 10 FROM programme",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                dean.execute(statement)


def test_a_coordinator_cannot_grant_herself_anything(secured: Secured) -> None:
    with secured.connect(secured.alice) as alice:
        with pytest.raises(errors.InsufficientPrivilege):
            alice.execute("INSERT INTO programme_grant (programme_id, grantee) SELECT id, 10 FROM programme")
        with pytest.raises(security.AccessError, match="Only the owner"):
            security.grant(alice, "Chemistry", secured.alice)
        assert alice.execute("SELECT count(*) FROM programme").fetchone() == (1,)


def test_revoking_takes_effect_on_the_next_statement(secured: Secured) -> None:
    with secured.connect(secured.alice) as alice:
        assert alice.execute("SELECT count(*) FROM participant").fetchone() == (2,)
        with secured.admin() as admin:
            assert (
                security.revoke(admin, "Physics", secured.alice)
                == f"{secured.alice} no longer has access to “Physics”."
            )
            assert security.revoke(admin, "Physics", secured.alice).endswith("nothing changed.")
        assert counts(alice) == dict.fromkeys(security.SCOPED, 0)
        assert alice.execute("UPDATE participant SET notes = ''").rowcount == 0


def test_grants_are_refused_for_an_unknown_programme_or_role(secured: Secured) -> None:
    with secured.admin() as admin:
        with pytest.raises(security.AccessError, match="no programme called “Biology”"):
            security.grant(admin, "Biology", secured.alice)
        with pytest.raises(security.AccessError, match="no role nobody_here"):
            security.grant(admin, "Physics", "nobody_here")
        assert security.grants(admin) == sorted([("Physics", secured.alice, False), ("Chemistry", secured.bob, False)])


def test_a_programme_a_coordinator_creates_is_hers_alone(secured: Secured) -> None:
    """Through the application's own models and session: she creates it, reads it back; the other does not."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from westem_desktop.core.models import Participant, Programme

    engine = secured.engine(secured.alice)
    with Session(engine) as session, session.begin():
        biology = Programme(name="Biology")
        session.add(biology)
        session.flush()
        session.add(Participant(programme_id=biology.id, role="mentor", name="Bea", email="bea@example.org"))
    with Session(engine) as session:
        assert sorted(session.scalars(select(Programme.name))) == ["Biology", "Physics"]
    engine.dispose()
    with secured.connect(secured.bob) as bob:
        assert bob.execute("SELECT count(*) FROM programme WHERE name = 'Biology'").fetchone() == (0,)
    with secured.connect(secured.dean) as dean, pytest.raises(errors.InsufficientPrivilege):
        dean.execute(
            "INSERT INTO programme (name, institution, default_style, format, mode, formal, structured, "
            "organisation, matching_mode, expected_hours_per_month, coordinator_name, coordinator_title, "
            "coordinator_signs_agreement, document_language, attention_weeks, matching_weights, created_at) "
            "VALUES ('Dean''s', '', 'traditional', 'one_to_one', 'face_to_face', false, true, 'central', "
            "'preselection', 1, '', '', false, 'en', 4, '{}', now())"
        )
