"""Suggestions from the database: who is still free, declined requests and capacity respected, pairs created."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from westem_desktop.core import participants as people
from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import MatchStatus, RequestStatus
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.matching import suggest
from westem_desktop.core.models import Match, MentorRequest, Participant
from westem_desktop.core.pairs import (
    answer_request,
    apply_suggestions,
    create_pair,
    end_pair,
    levels_of,
    load_candidates,
    record_requests,
    set_first_contact,
    set_style,
)
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

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


@pytest.fixture
def small(database):
    """A programme with two mentors (capacity 1 and 2) and three mentees."""
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="P", default_style="flash")).id

        def add(name: str, role: str, capacity: int = 1) -> int:
            data = people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se", capacity=capacity)
            return people.create_participant(session, pid, data).id

        ids = {n: add(n, "mentor", c) for n, c in (("Astrid", 1), ("Ingrid", 2))}
        ids |= {n: add(n, "mentee") for n in ("Saga", "Elin", "Maja")}
    return ids


def test_capacity_is_respected_everywhere(database, small) -> None:
    with database.session() as session:
        first = create_pair(session, small["Saga"], small["Astrid"], today=TODAY)
        assert (first.style, first.phase, first.initiated_by) == ("flash", 1, "coordinator")
    with pytest.raises(ValidationError, match="no free place"), database.session() as session:
        create_pair(session, small["Elin"], small["Astrid"], today=TODAY)
    with pytest.raises(ValidationError, match="already has a mentor"), database.session() as session:
        create_pair(session, small["Saga"], small["Ingrid"], today=TODAY)
    with pytest.raises(ValidationError, match="one mentor and one mentee"), database.session() as session:
        create_pair(session, small["Ingrid"], small["Astrid"], today=TODAY)
    with database.session() as session:
        create_pair(session, small["Elin"], small["Ingrid"], today=TODAY)
        create_pair(session, small["Maja"], small["Ingrid"], today=TODAY)  # a group of two


def test_ending_without_blame_frees_the_place(database, small) -> None:
    with database.session() as session:
        match_id = create_pair(session, small["Saga"], small["Astrid"], today=TODAY).id
    with pytest.raises(ValidationError), database.session() as session:
        end_pair(session, match_id, TODAY - dt.timedelta(days=3), "too early")
    with database.session() as session:
        end_pair(session, match_id, TODAY, "  We agreed it did not suit us.  ")
        ended = session.get_one(Match, match_id)
        assert (ended.status, ended.ended_on, ended.termination_reason) == (
            "ended",
            TODAY,
            "We agreed it did not suit us.",
        )
        create_pair(session, small["Elin"], small["Astrid"], today=TODAY)  # the place is free again
        _mentees, _mentors, excluded = load_candidates(session, ended.programme_id)
        assert (small["Saga"], small["Astrid"]) in excluded  # and that pair is not proposed again


def test_requests_accept_decline_and_first_contact(database, small) -> None:
    with database.session() as session:
        requests = record_requests(session, small["Saga"], [small["Ingrid"], small["Astrid"]], TODAY)
        assert [r.rank for r in requests] == [1, 2]
        with pytest.raises(ValidationError, match="up to three"):
            record_requests(session, small["Elin"], [small["Ingrid"]] * 2, TODAY)
    with database.session() as session:
        answer_request(session, requests[1].id, accept=False, reason="I am full this term")
        match = answer_request(session, requests[0].id, accept=True, today=TODAY)
        assert match is not None and match.initiated_by == "mentee_request"
        set_first_contact(session, match.id, TODAY)
        assert match.first_contact_on == TODAY
        assert session.get_one(MentorRequest, requests[1].id).decline_reason == "I am full this term"
    with pytest.raises(ValidationError, match="already declined"), database.session() as session:
        record_requests(session, small["Saga"], [small["Astrid"]], TODAY)
    with pytest.raises(ValidationError, match="already answered"), database.session() as session:
        answer_request(session, requests[0].id, accept=True)


def test_style_change_follows_the_cycle_rules(database, small) -> None:
    with database.session() as session:
        match = create_pair(session, small["Saga"], small["Astrid"], style="traditional", today=TODAY)
        set_style(session, match.id, "flash")
        assert match.style == "flash"
        match.style, match.phase = "traditional", 3
        with pytest.raises(ValidationError, match="skips the activation phase"):
            set_style(session, match.id, "flash")


def test_only_the_ticked_suggestions_become_pairs_and_the_rest_are_suggested_again(database) -> None:
    with database.session() as session:
        programme = create_demo(session, participants=150, seed=11, today=TODAY)
        mentees, mentors, excluded = load_candidates(session, programme.id)
        result = suggest(mentees, mentors, levels_of(programme), excluded=excluded)
        assert len(result.pairs) >= 3
        ticked = [(p.mentee, p.mentor) for p in result.pairs[:2]]
        left = [(p.mentee, p.mentor) for p in result.pairs[2:]]
        created = apply_suggestions(session, programme.id, result, TODAY, only=ticked)
        assert sorted((m.mentee_id, m.mentor_id) for m in created) == sorted(ticked)
    with database.session() as session:
        mentees, mentors, excluded = load_candidates(session, programme.id)
        pool = {m.id for m in mentees}
        assert not {mentee for mentee, _mentor in ticked} & pool
        assert {mentee for mentee, _mentor in left} <= pool  # not declined: still waiting for a mentor
        assert not set(left) & excluded
        again = suggest(mentees, mentors, levels_of(programme), excluded=excluded)
        assert set(left) & {(p.mentee, p.mentor) for p in again.pairs}
