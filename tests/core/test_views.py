"""The screens' read models (``core/views/``): plain values, the same answers as the services, and reads that
never take or wait for the write lock."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import MatchStatus
from westem_desktop.core.errors import ReadOnlyDatabaseError
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.views import agreements, cycle, evaluations, matches, participants, programmes

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(database):
    with database.session() as session:
        pid = create_demo(session, participants=60, seed=4, today=TODAY).id
    return database, pid


def every_read(db, pid: int, tmp_path: Path) -> dict[str, object]:
    """Every read model the screens call, for one programme."""
    tmp_path.mkdir()
    pairs = cycle.cycle_pairs(db, pid)
    panel = cycle.pair_panel(db, pairs[0].id)
    meeting = next(m for p in pairs if (m := cycle.pair_panel(db, p.id).meetings))[0]
    view = evaluations.evaluations_view(db, pid)
    ids = evaluations.paper_form_pairs(db, pid, None)
    person = matches.matches_view(db, pid).mentees[0]
    return {
        "pairs": pairs,
        "attention": cycle.attention(db, pid),
        "panel": panel,
        "meeting": cycle.meeting_values(db, meeting.id),
        "calendar": cycle.export_calendar(db, pid, tmp_path / "planned.ics"),
        "meetings": cycle.export_meetings(db, pid, tmp_path / "meetings.csv"),
        "evaluations": view,
        "forms": evaluations.blank_forms(db, ids[:2], "session", programmes.document_language(db, match_id=ids[0])),
        "report": evaluations.programme_report(db, pid),
        "matches": matches.matches_view(db, pid),
        "suggestions": matches.suggestion_inputs(db, pid),
        "requests": matches.requests(db, pid),
        "editing": participants.for_editing(db, person.id),
        "export": participants.export_participants(db, pid, tmp_path / "people.csv"),
        "personal": participants.export_personal_data(db, person.id, tmp_path / "her.txt"),
        "settings": programmes.programme_settings(db, pid),
        "anonymise": programmes.anonymise_summary(db, pid),
        "agreement pairs": agreements.agreement_pairs(db, pid),
        "agreement panel": agreements.agreement_panel(db, pairs[0].id),
        "resigning": agreements.editing_resigns(db, pairs[0].id, agreements.agreement_panel(db, pairs[0].id).contents),
        "agreement": agreements.agreement_document(db, pairs[0].id, None, "sv"),
        "certificates": agreements.certificate_documents(db, agreements.closed_pairs(db, pid)[:1], "nb"),
        "programme": agreements.programme_name(db, pid),
    }


def test_the_screens_read_while_another_connection_holds_the_write_lock(demo, tmp_path: Path) -> None:
    db, pid = demo
    unlocked = every_read(db, pid, tmp_path / "before")  # also opens the connections before the lock
    if db.is_server:  # another coordinator's transaction has changed the programme's row and holds its lock
        import psycopg

        writer = psycopg.connect(db.url)
        writer.execute("UPDATE programme SET institution = 'Elsewhere' WHERE id = %s", (pid,))
    else:
        writer = sqlite3.connect(db.path, isolation_level=None, timeout=0.1)
        writer.execute("BEGIN IMMEDIATE")  # a RESERVED lock: another writer holds the database
        writer.execute("UPDATE programme SET institution = 'Elsewhere' WHERE id = ?", (pid,))
    try:
        locked = every_read(db, pid, tmp_path / "during")
        # The lock is real: another write is refused at once.
        if db.is_server:
            with psycopg.connect(db.url) as other, pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute("SET lock_timeout = '100ms'")
                other.execute("UPDATE programme SET institution = 'Here' WHERE id = %s", (pid,))
        else:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                sqlite3.connect(db.path, isolation_level=None, timeout=0).execute("BEGIN IMMEDIATE")
    finally:
        writer.rollback() if db.is_server else writer.execute("ROLLBACK")
        writer.close()
    assert {k: v for k, v in locked.items() if k != "settings"} == {
        k: v for k, v in unlocked.items() if k != "settings"
    }
    assert locked["settings"].institution == unlocked["settings"].institution  # the uncommitted write is not seen


def test_a_read_never_writes(demo) -> None:
    db, _pid = demo
    # Refused by the query-only connection of a file, by the read-only transaction on a server.
    refused = (
        pytest.raises(ReadOnlyDatabaseError) if db.is_server else pytest.raises(OperationalError, match="readonly")
    )
    with refused, db.reading() as session:
        session.get_one(Participant, 1).name = "Changed"
        session.flush()
    with db.reading() as session:
        session.get_one(Participant, 1).name = "Changed"  # never flushed: rolled back at the end
    with db.reading() as session:
        assert session.get_one(Participant, 1).name != "Changed"


def test_the_cycle_lists_pairs_of_every_status_as_the_services_see_them(demo) -> None:
    db, pid = demo
    with db.session() as session:
        statuses = dict(session.execute(select(Match.id, Match.status).where(Match.programme_id == pid)).all())
    rows = cycle.cycle_pairs(db, pid)
    assert {r.id: r.status for r in rows} == statuses
    assert {r.id for r in cycle.cycle_pairs(db, pid, MatchStatus.CLOSED)} == {
        i for i, s in statuses.items() if s == MatchStatus.CLOSED
    }
    counts = cycle.status_counts(rows)
    assert counts[None] == len(statuses) and counts["active"] == sum(s == "active" for s in statuses.values())


def test_a_pair_panel_allows_no_move_once_the_pair_is_over(demo) -> None:
    db, pid = demo
    over = next(r for r in cycle.cycle_pairs(db, pid) if r.status != MatchStatus.ACTIVE)
    panel = cycle.pair_panel(db, over.id)
    assert not panel.active and panel.moves == (None, False, None, False)
    active = next(r for r in cycle.cycle_pairs(db, pid, MatchStatus.ACTIVE) if r.phase == 1)
    assert cycle.pair_panel(db, active.id).moves == (2, True, None, False)
    assert cycle.pair_panel(db, 10**6) is None


def test_the_evaluations_list_reads_each_entered_copy_as_a_save_checks_it(demo) -> None:
    """The list's plain read gives each entered form's id, version and time exactly as the save's ORM
    read sees them (a file's text time and a server's timestamp alike): a save from the list passes."""
    from westem_desktop.core.evaluations import entered_form, record
    from westem_desktop.core.instruments import INSTRUMENTS
    from westem_desktop.core.versions import Seen

    db, pid = demo
    final = next(f for f in evaluations.evaluations_view(db, pid).forms if f.instrument == "final")
    answers = {q.key: 4 for q in INSTRUMENTS["final"] if q.kind == "rating"}
    with db.session() as session:  # entered now: stamped with its time
        record(session, final.match_id, "final", final.role, answers, seen=final.seen)
    entered = [form for form in evaluations.evaluations_view(db, pid).forms if form.entered]
    assert any(form.seen.at is not None for form in entered)
    with db.session() as session:
        for form in entered:
            meeting = form.meeting_id if form.instrument == "session" else None
            assert form.seen == Seen.of(entered_form(session, form.match_id, form.instrument, form.role, meeting))
