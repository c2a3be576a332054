"""Who changed what (the audit written by the server's triggers) and the shared mentor register."""

from __future__ import annotations

import datetime as dt

import pytest
from psycopg import errors
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.server.conftest import Secured
from westem_desktop.core.models import Match, Meeting, Participant
from westem_desktop.core.server.audit import pair_history, participant_history
from westem_desktop.core.server.register import mentor_register


def physics_ids(session: Session) -> tuple[int, int]:
    """Her mentee's id and her pair's id, as Alice sees them."""
    mentee = session.scalars(select(Participant.id).where(Participant.role == "mentee")).one()
    pair = session.scalars(select(Match.id)).one()
    return mentee, pair


def test_changes_made_in_the_applications_session_are_recorded_with_the_role(secured: Secured) -> None:
    engine = secured.engine(secured.alice)
    with Session(engine) as session, session.begin():
        mentee, pair = physics_ids(session)
        session.get_one(Participant, mentee).notes = "Prefers mornings"
        session.add(Meeting(match_id=pair, date=dt.date(2026, 10, 1)))
    with Session(engine) as session, session.begin():
        meeting = session.scalars(select(Meeting).where(Meeting.date == dt.date(2026, 10, 1))).one()
        meeting_id = meeting.id
        session.delete(meeting)
    with Session(engine) as session:
        people = participant_history(session, mentee)
        pairs = pair_history(session, pair)
    engine.dispose()
    mine = [(c.role, c.table, c.row_id, c.action) for c in people if c.role == secured.alice]
    assert mine == [(secured.alice, "participant", mentee, "update")]
    assert [(c.role, c.table, c.row_id, c.action) for c in pairs if c.role == secured.alice] == [
        (secured.alice, "meeting", meeting_id, "delete"),
        (secured.alice, "meeting", meeting_id, "insert"),
    ]
    # The fixture's own rows were written by the administrator; her mentee's insert is among them.
    assert ("participant", mentee, "insert") in [(c.table, c.row_id, c.action) for c in people]
    assert all(c.when.tzinfo is not None for c in people + pairs)


def test_the_audit_is_read_per_programme_and_written_by_nobody_else(secured: Secured) -> None:
    with secured.admin() as admin:
        total = admin.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        physics = admin.execute(
            "SELECT count(*) FROM audit_log a JOIN programme p ON p.id = a.programme_id WHERE p.name = 'Physics'"
        ).fetchone()[0]
    assert 0 < physics < total
    with secured.connect(secured.alice) as alice:
        assert alice.execute("SELECT count(*) FROM audit_log").fetchone() == (physics,)
        for statement in (
            "DELETE FROM audit_log",
            "UPDATE audit_log SET role_name = 'someone else'",
            "INSERT INTO audit_log (role_name, table_name, row_id, action) VALUES ('x', 'participant', 1, 'delete')",
            "TRUNCATE audit_log",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                alice.execute(statement)
    with secured.connect(secured.dean) as dean:
        assert dean.execute("SELECT count(*) FROM audit_log").fetchone() == (total,)
    with secured.admin() as admin:
        assert admin.execute("SELECT count(*) FROM audit_log").fetchone() == (total,)


def test_another_coordinator_reads_no_history_of_her_participants(secured: Secured) -> None:
    with secured.admin() as admin:
        mentee = admin.execute("SELECT id FROM participant WHERE email = 'mentee@Physics.example'").fetchone()[0]
    bob_engine, alice_engine = secured.engine(secured.bob), secured.engine(secured.alice)
    with Session(bob_engine) as session:
        assert participant_history(session, mentee) == []
    with Session(alice_engine) as session:
        assert participant_history(session, mentee) != []
    bob_engine.dispose()
    alice_engine.dispose()


def test_the_register_shows_every_programmes_mentors_without_their_notes(secured: Secured) -> None:
    engine = secured.engine(secured.alice)
    with Session(engine) as session:
        register = mentor_register(session)
        own = session.scalars(select(Participant.name).where(Participant.role == "mentor")).all()
    engine.dispose()
    assert own == ["Mentor of Physics"]
    assert [(m.name, m.programme, m.email, m.fields, m.languages, m.capacity) for m in register] == [
        ("Mentor of Chemistry", "Chemistry", "mentor@Chemistry.example", ["physics"], ["sv", "en"], 2),
        ("Mentor of Physics", "Physics", "mentor@Physics.example", ["physics"], ["sv", "en"], 2),
    ]
    with secured.connect(secured.alice) as alice:
        columns = [c.name for c in alice.execute("SELECT * FROM mentor_register").description]
        assert "notes" not in columns
        assert not any(
            "private note" in str(value) for row in alice.execute("SELECT * FROM mentor_register") for value in row
        )
        privileges = "SELECT has_table_privilege('mentor_register', 'INSERT, UPDATE, DELETE')"
        assert alice.execute(privileges).fetchone() == (False,)


def test_the_register_leaves_out_erased_and_withdrawn_mentors(secured: Secured) -> None:
    with secured.admin() as admin:
        admin.execute("UPDATE participant SET status = 'withdrawn' WHERE email = 'mentor@Chemistry.example'")
    with secured.connect(secured.bob) as bob:
        assert bob.execute("SELECT name FROM mentor_register").fetchall() == [("Mentor of Physics",)]
