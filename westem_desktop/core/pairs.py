"""Pairs in the database: who can still be matched, turning suggestions into pairs, exporting pairs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from westem_desktop.core import versions
from westem_desktop.core.collation import collator
from westem_desktop.core.cycle import has_phase
from westem_desktop.core.enums import (
    MAX_REQUESTS,
    Initiator,
    MatchStatus,
    ParticipantStatus,
    RequestStatus,
    Role,
    Style,
)
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.io.table_writer import write_table
from westem_desktop.core.labels import value_label
from westem_desktop.core.matching import DEFAULT_LEVELS, Candidate, Level, SuggestionResult
from westem_desktop.core.models import Match, MentorRequest, Participant, PhaseProgress, Programme
from westem_desktop.core.names import display_name, person_name
from westem_desktop.core.pool import check_waiting, free_places, matching_pool
from westem_desktop.i18n import _, ngettext, pgettext


def levels_of(programme: Programme) -> dict[str, Level]:
    """The programme's chosen criterion levels, the defaults for the ones never chosen."""
    chosen = programme.matching_weights or {}
    return {c: Level(chosen.get(c, default)) for c, default in DEFAULT_LEVELS.items()}


def _candidate(p: Participant, capacity: int, requests: tuple[int, ...] = ()) -> Candidate:
    return Candidate(
        id=p.id,
        languages=frozenset(p.languages),
        fields=frozenset(p.fields),
        interests=frozenset(i.casefold() for i in p.interests),
        country=p.country,
        mode=p.preferred_mode,
        year=p.year_of_study,
        institution=p.institution,
        study_programme=p.study_programme,
        capacity=capacity,
        requests=requests,
    )


def load_candidates(
    session: Session, programme_id: int
) -> tuple[list[Candidate], list[Candidate], set[tuple[int, int]]]:
    """(mentees in the matching pool, mentors with free places, pairs never to propose)."""
    pool = matching_pool(session, programme_id)
    requests: dict[int, list[tuple[int, int]]] = {}
    excluded: set[tuple[int, int]] = set()
    for mentee_id, mentor_id, rank, status in session.execute(
        select(MentorRequest.mentee_id, MentorRequest.mentor_id, MentorRequest.rank, MentorRequest.status).where(
            MentorRequest.programme_id == programme_id
        )
    ):
        if status == RequestStatus.DECLINED:
            excluded.add((mentee_id, mentor_id))
        elif status == RequestStatus.PENDING:
            requests.setdefault(mentee_id, []).append((rank, mentor_id))
    for mentee_id, mentor_id in session.execute(
        select(Match.mentee_id, Match.mentor_id).where(
            Match.programme_id == programme_id, Match.status == MatchStatus.ENDED
        )
    ):
        excluded.add((mentee_id, mentor_id))
    wanted = pool.mentees | pool.free_places.keys()
    people = (
        session.scalars(select(Participant).where(Participant.id.in_(wanted)).order_by(Participant.id)).all()
        if wanted
        else []
    )
    mentors = [_candidate(p, pool.free_places[p.id]) for p in people if p.id in pool.free_places]
    mentees = [
        _candidate(p, 1, tuple(m for _rank, m in sorted(requests.get(p.id, []))))
        for p in people
        if p.id in pool.mentees
    ]
    return mentees, mentors, excluded


def settle_requests(session: Session, match: Match, today: dt.date) -> None:
    """A mentee who has a mentor waits for no other answer: her pending request to this mentor is accepted,
    the others are answered "paired with …" (withdrawn on the day of pairing)."""
    for request in session.scalars(
        select(MentorRequest).where(
            MentorRequest.mentee_id == match.mentee_id, MentorRequest.status == RequestStatus.PENDING
        )
    ):
        request.status = RequestStatus.ACCEPTED if request.mentor_id == match.mentor_id else RequestStatus.WITHDRAWN
        request.answered_on = today


def apply_suggestions(
    session: Session,
    programme_id: int,
    result: SuggestionResult,
    today: dt.date | None = None,
    only: Iterable[tuple[int, int]] | None = None,
) -> list[Match]:
    """Create the suggested pairs (phase 1, the programme's default style), in the caller's transaction.

    With ``only`` (mentee, mentor), just those of the suggested pairs: the others are not declined, their
    people stay in the pool and can be suggested again."""
    today = today or dt.date.today()
    programme = session.get_one(Programme, programme_id)
    taken = None if only is None else set(only)
    created = []
    for pair in result.pairs:
        if taken is not None and (pair.mentee, pair.mentor) not in taken:
            continue
        match = Match(
            programme_id=programme_id,
            mentor_id=pair.mentor,
            mentee_id=pair.mentee,
            style=programme.default_style,
            initiated_by=Initiator.SUGGESTION,
            score=pair.score,
            reasons=dict(pair.reasons),
            created_on=today,
            phase=1,
        )
        match.phases = [PhaseProgress(phase=1, started_on=today)]
        session.add(match)
        settle_requests(session, match, today)
        created.append(match)
    session.flush()
    return created


def export_matches(session: Session, programme_id: int | None, path: Path) -> int:
    """Every pair with its id (what ``print agreement --match ID`` takes), people, status, style, phase, dates."""
    headers = [
        _("Pair"),
        _("Mentor"),
        _("Mentee"),
        _("Status"),
        _("Style"),
        _("Phase"),
        _("Created"),
        _("Start"),
        _("Planned end"),
        pgettext("pair", "Closed"),
        pgettext("pair", "Ended"),
        _("Programme"),
    ]
    mentor, mentee = aliased(Participant), aliased(Participant)
    # One statement for every row: the people and the programme are joined, not read pair by pair.
    query = (
        select(
            Match.id,
            mentor.id,
            mentor.name,
            mentor.erased_at,
            mentee.id,
            mentee.name,
            mentee.erased_at,
            Match.status,
            Match.style,
            Match.phase,
            Match.created_on,
            Match.start_date,
            Match.planned_end_date,
            Match.closed_on,
            Match.ended_on,
            Programme.name,
        )
        .join(mentor, Match.mentor_id == mentor.id)
        .join(mentee, Match.mentee_id == mentee.id)
        .join(Programme, Match.programme_id == Programme.id)
        .order_by(Match.id)
    )
    if programme_id is not None:
        query = query.where(Match.programme_id == programme_id)
    rows = [
        [
            pair_id,
            display_name(mentor_id, mentor_name, mentor_erased is not None),
            display_name(mentee_id, mentee_name, mentee_erased is not None),
            value_label(MatchStatus, status),
            value_label(Style, style),
            *rest,
        ]
        for (
            pair_id,
            mentor_id,
            mentor_name,
            mentor_erased,
            mentee_id,
            mentee_name,
            mentee_erased,
            status,
            style,
            *rest,
        ) in session.execute(query)
    ]
    return write_table(path, headers, rows, _("Pairs"))


# -- pairs made by hand, requests, and the life of a pair -------------------------------------------


def check_can_pair(session: Session, mentee: Participant, mentor: Participant) -> None:
    """Raise ValidationError when the two cannot form a pair now."""
    if mentee.role != Role.MENTEE or mentor.role != Role.MENTOR:
        raise ValidationError(_("A pair is one mentor and one mentee."))
    if mentee.programme_id != mentor.programme_id:
        raise ValidationError(_("The mentor and the mentee belong to different programmes."))
    if mentee.status != ParticipantStatus.ACTIVE or mentor.status != ParticipantStatus.ACTIVE:
        raise ValidationError(_("Only active participants can form a pair."))
    check_waiting(session, mentee)
    if free_places(session, mentor) <= 0:
        raise ValidationError(
            ngettext(
                "{name} has no free place (she takes {n} mentee).",
                "{name} has no free place (she takes {n} mentees).",
                mentor.capacity,
            ).format(name=person_name(mentor), n=mentor.capacity)
        )


def _check_style(style: str, field: str | None = None) -> None:
    if style not in {s.value for s in Style}:
        raise ValidationError(_("Unknown style: {style}.").format(style=style), field)


def create_pair(
    session: Session,
    mentee_id: int,
    mentor_id: int,
    initiated_by: str = Initiator.COORDINATOR,
    style: str | None = None,
    today: dt.date | None = None,
) -> Match:
    """Pair a mentee with a mentor by hand (or on an accepted request); starts phase 1."""
    today = today or dt.date.today()
    if style is not None:
        _check_style(style, "style")
    mentee = session.get_one(Participant, mentee_id)
    mentor = session.get_one(Participant, mentor_id)
    check_can_pair(session, mentee, mentor)
    programme = session.get_one(Programme, mentee.programme_id)
    match = Match(
        programme_id=programme.id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        style=style or programme.default_style,
        initiated_by=initiated_by,
        created_on=today,
        phase=1,
    )
    match.phases = [PhaseProgress(phase=1, started_on=today)]
    session.add(match)
    settle_requests(session, match, today)
    session.flush()
    return match


def set_style(session: Session, match_id: int, style: str, version: int | None = None) -> None:
    """``version``: the pair's as the screen showed it (refused when someone else saved the pair since)."""
    match = versions.current(session, Match, match_id, version)
    _check_style(style)
    if not has_phase(style, match.phase):
        raise ValidationError(_("Flash mentoring skips the activation phase; move the pair on first."))
    match.style = style
    session.flush()


def end_pair(session: Session, match_id: int, ended_on: dt.date, reason: str, version: int | None = None) -> None:
    """End a pair without blame (the manual's termination clause); frees the mentor's place. ``version``:
    the pair's as the screen showed it (refused when someone else saved the pair since)."""
    match = versions.current(session, Match, match_id, version)
    if match.status != MatchStatus.ACTIVE:
        raise ValidationError(_("Only an active pair can be ended."))
    if (match.start_date and ended_on < match.start_date) or ended_on < match.created_on:
        raise ValidationError(_("A pair cannot end before it began."), "ended_on")
    match.status = MatchStatus.ENDED
    match.ended_on = ended_on
    match.termination_reason = reason.strip()
    session.flush()


def set_first_contact(session: Session, match_id: int, day: dt.date | None, version: int | None = None) -> None:
    match = versions.current(session, Match, match_id, version)
    match.first_contact_on = day
    if day is not None and match.start_date is None:
        match.start_date = day
    session.flush()


def record_requests(
    session: Session, mentee_id: int, mentor_ids: list[int], today: dt.date | None = None
) -> list[MentorRequest]:
    """A mentee's requests to up to three mentors, best first (self-matching); replaces pending ones."""
    today = today or dt.date.today()
    mentee = session.get_one(Participant, mentee_id)
    if mentee.role != Role.MENTEE:
        raise ValidationError(_("Only a mentee sends requests to mentors."))
    if len(mentor_ids) > MAX_REQUESTS or len(set(mentor_ids)) != len(mentor_ids):
        raise ValidationError(_("A mentee asks up to three different mentors, best first."))
    earlier = {
        r.mentor_id: r for r in session.scalars(select(MentorRequest).where(MentorRequest.mentee_id == mentee_id))
    }
    for mentor_id in mentor_ids:
        previous = earlier.get(mentor_id)
        if previous is not None and previous.status == RequestStatus.DECLINED:
            raise ValidationError(
                _("{name} already declined this mentee.").format(name=session.get_one(Participant, mentor_id).name)
            )
    for request in earlier.values():
        if request.status == RequestStatus.PENDING and request.mentor_id not in mentor_ids:
            session.delete(request)
    session.flush()
    created = []
    for rank, mentor_id in enumerate(mentor_ids, start=1):
        mentor = session.get_one(Participant, mentor_id)
        if mentor.role != Role.MENTOR or mentor.programme_id != mentee.programme_id:
            raise ValidationError(_("Requests go to mentors of the same programme."))
        # One row per mentee and mentor: asking again (after a withdrawn request, or a pair that ended)
        # renews the earlier request.
        request = earlier.get(mentor_id) or MentorRequest(
            programme_id=mentee.programme_id, mentee_id=mentee_id, mentor_id=mentor_id
        )
        request.rank, request.requested_on, request.status = rank, today, RequestStatus.PENDING
        request.answered_on, request.decline_reason = None, ""
        session.add(request)
        created.append(request)
    session.flush()
    return created


def answer_request(
    session: Session, request_id: int, accept: bool, reason: str = "", today: dt.date | None = None
) -> Match | None:
    """The mentor accepts (the pair exists; her other pending requests are withdrawn) or declines."""
    today = today or dt.date.today()
    request = session.get_one(MentorRequest, request_id)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request was already answered."))
    request.answered_on = today
    if not accept:
        request.status = RequestStatus.DECLINED
        request.decline_reason = reason.strip()
        session.flush()
        return None
    # Pairing settles her requests: this one accepted, the others answered "paired with …".
    return create_pair(session, request.mentee_id, request.mentor_id, Initiator.MENTEE_REQUEST, today=today)


class RequestRow(NamedTuple):
    """One request as the requests dialog lists it, with its answer in words."""

    id: int
    mentee: str
    rank: int
    mentor: str
    requested_on: dt.date
    status: str
    answered_on: dt.date | None
    answer: str


def request_rows(session: Session, programme_id: int) -> list[RequestRow]:
    """Every request of the programme, waiting ones first, then by mentee and rank. A request settled by
    pairing says with whom: "Paired with …"."""
    requests = session.scalars(select(MentorRequest).where(MentorRequest.programme_id == programme_id)).all()
    mentee_ids = {r.mentee_id for r in requests}
    people = {
        p.id: person_name(p)
        for p in session.scalars(select(Participant).where(Participant.programme_id == programme_id))
    }
    partner: dict[int, Match] = {}
    for match in session.scalars(
        select(Match).where(Match.mentee_id.in_(mentee_ids)).order_by(Match.created_on, Match.id)
    ):
        partner[match.mentee_id] = match  # her newest pair
    rows = []
    for r in requests:
        if r.status == RequestStatus.PENDING:
            answer = _("Waiting for the mentor’s answer")
        elif r.status == RequestStatus.ACCEPTED:
            answer = pgettext("request", "Accepted")
        elif r.status == RequestStatus.DECLINED:
            answer = (
                _("Declined: {reason}").format(reason=r.decline_reason)
                if r.decline_reason
                else pgettext("request", "Declined")
            )
        elif r.mentee_id in partner:
            answer = _("Paired with {name}").format(name=people[partner[r.mentee_id].mentor_id])
        else:
            answer = pgettext("request", "Withdrawn")
        rows.append(
            RequestRow(
                r.id,
                people[r.mentee_id],
                r.rank,
                people[r.mentor_id],
                r.requested_on,
                r.status,
                r.answered_on,
                answer,
            )
        )
    key = collator()
    rows.sort(key=lambda row: (row.status != RequestStatus.PENDING, key(row.mentee), row.rank))
    return rows
