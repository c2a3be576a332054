"""Pairs in the database: who can still be matched, turning suggestions into pairs, exporting pairs."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from westem_desktop.core.enums import Initiator, MatchStatus, ParticipantStatus, RequestStatus, Role
from westem_desktop.core.errors import WestemError
from westem_desktop.core.io.safety import spreadsheet_safe
from westem_desktop.core.matching import DEFAULT_LEVELS, Candidate, Level, SuggestionResult
from westem_desktop.core.models import Match, MentorRequest, Participant, PhaseProgress, Programme
from westem_desktop.i18n import _


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
    """(mentees without an active pair, mentors with free places, pairs never to propose)."""
    active = Match.status == MatchStatus.ACTIVE
    load = dict(
        session.execute(
            select(Match.mentor_id, func.count())
            .where(Match.programme_id == programme_id, active)
            .group_by(Match.mentor_id)
        ).all()
    )
    paired = set(session.scalars(select(Match.mentee_id).where(Match.programme_id == programme_id, active)))
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
        select(Match.mentee_id, Match.mentor_id).where(Match.programme_id == programme_id, Match.status == "ended")
    ):
        excluded.add((mentee_id, mentor_id))
    people = session.scalars(
        select(Participant)
        .where(
            Participant.programme_id == programme_id,
            Participant.status == ParticipantStatus.ACTIVE,
            Participant.erased_at.is_(None),
        )
        .order_by(Participant.id)
    ).all()
    mentors = [
        _candidate(p, p.capacity - load.get(p.id, 0))
        for p in people
        if p.role == Role.MENTOR and p.capacity - load.get(p.id, 0) > 0
    ]
    mentees = [
        _candidate(p, 1, tuple(m for _rank, m in sorted(requests.get(p.id, []))))
        for p in people
        if p.role == Role.MENTEE and p.id not in paired
    ]
    return mentees, mentors, excluded


def apply_suggestions(
    session: Session, programme_id: int, result: SuggestionResult, today: dt.date | None = None
) -> list[Match]:
    """Create the suggested pairs (phase 1, the programme's default style), in the caller's transaction."""
    today = today or dt.date.today()
    programme = session.get_one(Programme, programme_id)
    created = []
    for pair in result.pairs:
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
        _("Closed"),
        _("Ended"),
        _("Programme"),
    ]
    query = select(Match).order_by(Match.id)
    if programme_id is not None:
        query = query.where(Match.programme_id == programme_id)
    rows = []
    for m in session.scalars(query):
        rows.append(
            [
                m.id,
                m.mentor.name,
                m.mentee.name,
                m.status,
                m.style,
                m.phase,
                m.created_on,
                m.start_date,
                m.planned_end_date,
                m.closed_on,
                m.ended_on,
                m.programme.name,
            ]
        )
    rows = [
        [spreadsheet_safe("" if v is None else v.isoformat() if isinstance(v, dt.date) else v) for v in r] for r in rows
    ]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Pairs"))
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        workbook.save(path)
    else:
        raise WestemError(_("Choose a file name ending in .csv or .xlsx."))
    if os.name == "posix":
        path.chmod(0o600)
    return len(rows)
