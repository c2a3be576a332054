"""The fast readers of the screens give the same answers as the ORM services, on a demo programme."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import MatchStatus, MeetingStatus, Role
from westem_desktop.core.models import Match, Meeting, Participant
from westem_desktop.core.names import person_name
from westem_desktop.core.pairs import load_candidates
from westem_desktop.core.pool import free_places
from westem_desktop.core.privacy import erase_participant
from westem_desktop.core.read import free_people, pair_rows, participant_rows, programme_overview
from westem_desktop.core.views.cycle import cycle_pairs

TODAY = dt.date(2026, 11, 22)


def test_every_reader_agrees_with_the_services(database) -> None:
    with database.session() as session:
        pid = create_demo(session, participants=160, seed=5, today=TODAY).id
        # An erased mentor with pairs, so the names are tested too.
        erased = session.scalars(select(Match.mentor_id).where(Match.programme_id == pid).limit(1)).one()
        erase_participant(session, erased)
    conn = database.read()
    with database.session() as session:
        matches = session.scalars(select(Match).where(Match.programme_id == pid)).all()
        people = session.scalars(select(Participant).where(Participant.programme_id == pid)).all()

        # Pairs: names, status, style, phase.
        assert {(r.id, r.mentor, r.mentee, r.status, r.style, r.phase) for r in pair_rows(conn, pid)} == {
            (m.id, person_name(m.mentor), person_name(m.mentee), m.status, m.style, m.phase) for m in matches
        }
        # The Cycle tab: every status it can show, with the meetings held.
        held = {
            m.id: [t for t in session.scalars(select(Meeting).where(Meeting.match_id == m.id)) if t.status == "held"]
            for m in matches
        }
        assert {(r.id, r.mentor, r.status, r.meetings, r.minutes) for r in cycle_pairs(database, pid)} == {
            (m.id, person_name(m.mentor), m.status, len(held[m.id]), sum(t.duration_minutes for t in held[m.id]))
            for m in matches
        }
        assert all(t.status == MeetingStatus.HELD for ts in held.values() for t in ts)
        # The pool: the Matches tab's lists and the suggestions' candidates.
        mentees, mentors = free_people(conn, pid)
        candidates, offering, _excluded = load_candidates(session, pid)
        assert {m.id for m in mentees} == {c.id for c in candidates}
        assert {m.id: m.free_places for m in mentors} == {c.id: c.capacity for c in offering}
        by_id = {p.id: p for p in people}
        assert all(free_places(session, by_id[m.id]) == m.free_places for m in mentors)
        # Head counts and the Participants table.
        overview = programme_overview(conn, pid)
        living = [p for p in people if p.erased_at is None]
        assert (overview.mentors, overview.mentees) == (
            sum(p.role == Role.MENTOR for p in living),
            sum(p.role == Role.MENTEE for p in living),
        )
        assert overview.active_pairs == sum(m.status == MatchStatus.ACTIVE for m in matches)
        rows = participant_rows(conn, pid)
        active = {m.mentor_id for m in matches if m.status == "active"} | {
            m.mentee_id for m in matches if m.status == "active"
        }
        assert {(r.id, r.role, r.matched, r.erased) for r in rows} == {
            (p.id, p.role, p.id in active, p.erased_at is not None) for p in people
        }
        # Some participants' rows alone are theirs in the whole table, in the same order.
        some = [r.id for r in rows[::7]]
        assert participant_rows(conn, pid, some) == [r for r in rows if r.id in set(some)]
        assert participant_rows(conn, pid, []) == []
