"""Suggestions from the database: who is still free, declined requests and capacity respected, pairs created."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import MatchStatus, RequestStatus
from westem_desktop.core.matching import suggest
from westem_desktop.core.models import Match, MentorRequest, Participant
from westem_desktop.core.pairs import apply_suggestions, levels_of, load_candidates

TODAY = dt.date(2026, 11, 22)


def test_suggestions_fill_free_places_and_respect_declines(database) -> None:
    with database.session() as session:
        programme = create_demo(session, participants=150, seed=11, today=TODAY)
        mentees, mentors, excluded = load_candidates(session, programme.id)
        assert mentees and mentors
        paired = set(session.scalars(select(Match.mentee_id).where(Match.status == MatchStatus.ACTIVE)))
        assert not paired & {m.id for m in mentees}
        # A declined request is never proposed again.
        mentee, mentor = mentees[0], mentors[0]
        session.add(
            MentorRequest(
                programme_id=programme.id,
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                status=RequestStatus.DECLINED,
                requested_on=TODAY,
                decline_reason="Full",
            )
        )
        session.flush()
        mentees, mentors, excluded = load_candidates(session, programme.id)
        assert (mentee.id, mentor.id) in excluded
        result = suggest(mentees, mentors, levels_of(programme), excluded=excluded)
        assert (mentee.id, mentor.id) not in {(p.mentee, p.mentor) for p in result.pairs}
        created = apply_suggestions(session, programme.id, result, TODAY)
        assert len(created) == len(result.pairs) > 0
        assert all(m.initiated_by == "suggestion" and m.phase == 1 and m.phases[0].started_on == TODAY for m in created)
    with database.session() as session:
        capacity = dict(session.execute(select(Participant.id, Participant.capacity)).all())
        load = session.execute(
            select(Match.mentor_id, func.count()).where(Match.status == MatchStatus.ACTIVE).group_by(Match.mentor_id)
        ).all()
        assert all(n <= capacity[mentor] for mentor, n in load)
        again, _mentors, _excluded = load_candidates(session, programme.id)
        assert not {p.mentee for p in result.pairs} & {m.id for m in again}


def test_programme_levels_override_the_defaults(database) -> None:
    with database.session() as session:
        programme = create_demo(session, participants=10, seed=1, today=TODAY)
        programme.matching_weights = {"country": "high", "language": "low"}
        levels = levels_of(programme)
        assert levels["country"] == "high" and levels["language"] == "low" and levels["field"] == "high"
