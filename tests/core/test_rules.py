"""The rules that had two homes and gave two answers (issue 15): each now has one, and every reader agrees."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from westem_desktop.core import participants as people
from westem_desktop.core.cycle import advance, allowed_moves, close_pair, phases_of
from westem_desktop.core.enums import MatchStatus, ParticipantStatus, Phase, RequestStatus
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.evaluations import expected_forms, outstanding
from westem_desktop.core.matching import suggest
from westem_desktop.core.meetings import apply_plan, log_meeting, update_meeting
from westem_desktop.core.models import Meeting, MentorRequest, Participant
from westem_desktop.core.pairs import (
    answer_request,
    apply_suggestions,
    create_pair,
    end_pair,
    levels_of,
    load_candidates,
    record_requests,
    request_rows,
)
from westem_desktop.core.pool import free_places, matching_pool, reenrol
from westem_desktop.core.privacy import erase_participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.core.read import free_people, pair_rows
from westem_desktop.core.views.cycle import cycle_pairs

DAY = dt.date(2026, 9, 1)


@pytest.fixture
def people_ids(database):
    """A programme with mentors Astrid (2 places) and Ingrid (1), mentees Saga, Elin and Maja."""
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Season")).id

        def add(name: str, role: str, capacity: int = 1) -> int:
            data = people.ParticipantData(
                role=role, name=name, email=f"{name.lower()}@uu.se", capacity=capacity, languages=["sv"]
            )
            return people.create_participant(session, pid, data).id

        ids = {"programme": pid}
        ids |= {n: add(n, "mentor", c) for n, c in (("Astrid", 2), ("Ingrid", 1))}
        ids |= {n: add(n, "mentee") for n in ("Saga", "Elin", "Maja")}
    return ids


def waiting_names(database, pid: int) -> tuple[list[str], dict[str, int]]:
    """What the Matches tab lists: mentees without a mentor, mentors with their free places."""
    mentees, mentors = free_people(database.read(), pid)
    return [m.name for m in mentees], {m.name: m.free_places for m in mentors}


def suggested_mentees(database, pid: int) -> set[int]:
    with database.session() as session:
        mentees, _mentors, _excluded = load_candidates(session, pid)
    return {m.id for m in mentees}


@pytest.mark.parametrize("finish", ["closed", "ended"])
def test_a_finished_mentee_leaves_the_pool_until_re_enrolled(database, people_ids, finish) -> None:
    ids, pid = people_ids, people_ids["programme"]
    with database.session() as session:
        match = create_pair(session, ids["Saga"], ids["Astrid"], today=DAY)
        match_id = match.id
    assert waiting_names(database, pid) == (["Elin", "Maja"], {"Astrid": 1, "Ingrid": 1})
    later = DAY + dt.timedelta(days=40)
    with database.session() as session:
        if finish == "closed":
            for _ in range(3):
                advance(session, match_id, later)
            close_pair(session, match_id, later)
        else:
            end_pair(session, match_id, later, "")
    # The mentee is out of every pool; the mentor's place came back.
    assert waiting_names(database, pid) == (["Elin", "Maja"], {"Astrid": 2, "Ingrid": 1})
    assert ids["Saga"] not in suggested_mentees(database, pid)
    with database.session() as session:
        assert ids["Saga"] not in matching_pool(session, pid).mentees
        result = suggest(
            *load_candidates(session, pid)[:2], levels_of(session.get_one(Participant, ids["Saga"]).programme)
        )
        assert ids["Saga"] not in {p.mentee for p in result.pairs}
    with pytest.raises(ValidationError, match="Re-enrol her"), database.session() as session:
        create_pair(session, ids["Saga"], ids["Ingrid"], today=later)
    # Re-enrolment cannot start before the last pair finished; then it puts her back.
    with pytest.raises(ValidationError, match="cannot start before"), database.session() as session:
        reenrol(session, ids["Saga"], later - dt.timedelta(days=1))
    with database.session() as session:
        reenrol(session, ids["Saga"], later + dt.timedelta(days=1))
    assert waiting_names(database, pid)[0] == ["Elin", "Maja", "Saga"]
    assert ids["Saga"] in suggested_mentees(database, pid)
    with pytest.raises(ValidationError, match="already waiting"), database.session() as session:
        reenrol(session, ids["Saga"], later + dt.timedelta(days=2))
    with database.session() as session:
        create_pair(session, ids["Saga"], ids["Ingrid"], today=later + dt.timedelta(days=2))
    assert waiting_names(database, pid) == (["Elin", "Maja"], {"Astrid": 2})


def test_re_enrolment_refuses_an_active_pair_and_a_day_before_the_last_pairing(database, people_ids) -> None:
    ids = people_ids
    with database.session() as session:
        match_id = create_pair(session, ids["Saga"], ids["Astrid"], today=DAY).id
    with pytest.raises(ValidationError, match="active pair"), database.session() as session:
        reenrol(session, ids["Saga"], DAY)
    with database.session() as session:
        end_pair(session, match_id, DAY, "")  # a pair formed and ended on one day
    with pytest.raises(ValidationError, match="after the day her last pair was formed"), database.session() as s:
        reenrol(s, ids["Saga"], DAY)
    with database.session() as session:
        reenrol(session, ids["Saga"], DAY + dt.timedelta(days=1))
        assert session.get_one(Participant, ids["Saga"]).enrolled_on == DAY + dt.timedelta(days=1)


def test_a_mentor_marked_completed_has_no_places_until_re_enrolled(database, people_ids) -> None:
    ids, pid = people_ids, people_ids["programme"]
    with database.session() as session:
        match_id = create_pair(session, ids["Saga"], ids["Ingrid"], today=DAY).id
        end_pair(session, match_id, DAY + dt.timedelta(days=3), "")
        session.get_one(Participant, ids["Ingrid"]).status = ParticipantStatus.COMPLETED
    assert waiting_names(database, pid)[1] == {"Astrid": 2}
    with database.session() as session:
        assert free_places(session, session.get_one(Participant, ids["Ingrid"])) == 0
        reenrol(session, ids["Ingrid"], DAY + dt.timedelta(days=10))
    assert waiting_names(database, pid)[1] == {"Astrid": 2, "Ingrid": 1}


def test_pairing_answers_the_mentees_other_requests(database, people_ids) -> None:
    ids = people_ids
    with database.session() as session:
        record_requests(session, ids["Saga"], [ids["Ingrid"], ids["Astrid"]], today=DAY)
        record_requests(session, ids["Elin"], [ids["Ingrid"]], today=DAY)
        create_pair(session, ids["Saga"], ids["Astrid"], today=DAY + dt.timedelta(days=1))

    def state(mentee: str) -> dict[int, tuple[str, dt.date | None]]:
        with database.session() as session:
            return {
                r.mentor_id: (r.status, r.answered_on)
                for r in session.query(MentorRequest).filter_by(mentee_id=ids[mentee])
            }

    answered = DAY + dt.timedelta(days=1)
    assert state("Saga") == {
        ids["Ingrid"]: (RequestStatus.WITHDRAWN, answered),
        ids["Astrid"]: (RequestStatus.ACCEPTED, answered),
    }
    assert state("Elin") == {ids["Ingrid"]: (RequestStatus.PENDING, None)}
    # Suggestions settle requests the same way.
    with database.session() as session:
        result = suggest(
            *load_candidates(session, ids["programme"])[:2],
            levels_of(session.get_one(Participant, ids["Elin"]).programme),
        )
        apply_suggestions(session, ids["programme"], result, DAY + dt.timedelta(days=2))
    assert state("Elin")[ids["Ingrid"]][0] in (RequestStatus.ACCEPTED, RequestStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="already answered"), database.session() as session:
        request = session.query(MentorRequest).filter_by(mentee_id=ids["Elin"]).one()
        answer_request(session, request.id, True)


def test_flash_pairs_owe_no_midpoint_reflection(database, people_ids) -> None:
    ids = people_ids
    assert phases_of("flash") == (Phase.PREPARATION, Phase.NEGOTIATION, Phase.CLOSURE)
    with database.session() as session:
        flash = create_pair(session, ids["Saga"], ids["Astrid"], style="flash", today=DAY).id
        traditional = create_pair(session, ids["Elin"], ids["Astrid"], today=DAY).id
        for _ in range(2):
            advance(session, flash, DAY + dt.timedelta(days=1))
            advance(session, traditional, DAY + dt.timedelta(days=1))
        close_pair(session, flash, DAY + dt.timedelta(days=2))
        forms = {(f.match_id, f.instrument) for f in expected_forms(session, ids["programme"])}
        assert (flash, "midpoint") not in forms and (flash, "final") in forms
        assert (traditional, "midpoint") in forms
        assert len([f for f in outstanding(session, ids["programme"]) if f.instrument == "midpoint"]) == 2


def test_phase_moves_follow_the_style(database) -> None:
    assert allowed_moves(MatchStatus.ACTIVE, "flash", Phase.NEGOTIATION).advance_to == Phase.CLOSURE
    assert allowed_moves(MatchStatus.ACTIVE, "flash", Phase.CLOSURE).back_to == Phase.NEGOTIATION
    assert allowed_moves(MatchStatus.ACTIVE, "traditional", Phase.NEGOTIATION).advance_to == Phase.ACTIVATION
    first = allowed_moves(MatchStatus.ACTIVE, "traditional", Phase.PREPARATION)
    assert first.both_first_phases and first.back_to is None and not first.can_close
    assert allowed_moves(MatchStatus.ACTIVE, "traditional", Phase.CLOSURE).can_close
    assert allowed_moves(MatchStatus.CLOSED, "traditional", Phase.CLOSURE) == (None, False, None, False)


def test_meetings_fall_between_pairing_and_the_end(database, people_ids) -> None:
    ids = people_ids
    with database.session() as session:
        match_id = create_pair(session, ids["Saga"], ids["Astrid"], today=DAY).id
    with pytest.raises(ValidationError, match="formed on 1 September 2026"), database.session() as session:
        log_meeting(session, match_id, DAY - dt.timedelta(days=1), 45, today=DAY)
    with database.session() as session:
        meeting_id = log_meeting(session, match_id, DAY, 45, today=DAY).id
        assert [f.meeting_date for f in expected_forms(session, ids["programme"])] == [DAY, DAY]
        end_pair(session, match_id, DAY + dt.timedelta(days=10), "")
    with pytest.raises(ValidationError, match="after that"), database.session() as session:
        log_meeting(session, match_id, DAY + dt.timedelta(days=11), 45, today=DAY + dt.timedelta(days=20))
    with pytest.raises(ValidationError, match="before that"), database.session() as session:
        update_meeting(session, meeting_id, today=DAY, date=DAY - dt.timedelta(days=5))


def test_a_plan_for_a_later_pair_starts_the_day_it_was_formed(database, people_ids) -> None:
    ids = people_ids
    with database.session() as session:
        match_id = create_pair(session, ids["Saga"], ids["Astrid"], today=DAY).id
        apply_plan(session, [match_id], "westem_four_months", DAY - dt.timedelta(days=14))
        dates = sorted(session.scalars(select(Meeting.date).where(Meeting.match_id == match_id)))
    assert dates[0] == DAY and dates[-1] == DAY + dt.timedelta(weeks=16)


def test_erased_people_have_one_name_everywhere(database, people_ids) -> None:
    ids, pid = people_ids, people_ids["programme"]
    with database.session() as session:
        create_pair(session, ids["Saga"], ids["Astrid"], today=DAY)
        erase_participant(session, ids["Astrid"])
    expected = f"Erased participant {ids['Astrid']}"
    assert [row.mentor for row in pair_rows(database.read(), pid)] == [expected]
    assert [row.mentor for row in cycle_pairs(database, pid)] == [expected]
    from westem_desktop import i18n

    i18n.set_language("sv")
    assert [row.mentor for row in pair_rows(database.read(), pid)] == [f"Raderad deltagare {ids['Astrid']}"]


def test_the_requests_list_says_how_each_was_answered(database, people_ids) -> None:
    ids = people_ids
    with database.session() as session:
        record_requests(session, ids["Saga"], [ids["Ingrid"], ids["Astrid"]], today=DAY)
        record_requests(session, ids["Elin"], [ids["Ingrid"]], today=DAY)
        record_requests(session, ids["Maja"], [ids["Ingrid"]], today=DAY)
        create_pair(session, ids["Saga"], ids["Astrid"], today=DAY)
        elin = session.scalars(select(MentorRequest).where(MentorRequest.mentee_id == ids["Elin"])).one()
        answer_request(session, elin.id, False, "Full this term", today=DAY)
        rows = [(r.mentee, r.mentor, r.answer) for r in request_rows(session, ids["programme"])]
    assert rows == [
        ("Maja", "Ingrid", "Waiting for the mentor’s answer"),
        ("Elin", "Ingrid", "Declined: Full this term"),
        ("Saga", "Ingrid", "Paired with Astrid"),
        ("Saga", "Astrid", "Accepted"),
    ]
