"""Head counts of one programme, for the status bar and the tabs' empty states (a few grouped queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from westem_desktop.core.enums import MatchStatus, MeetingStatus, Role
from westem_desktop.core.models import Agreement, Evaluation, Match, Meeting, Participant


@dataclass(frozen=True)
class Overview:
    mentors: int = 0
    mentees: int = 0
    active_pairs: int = 0
    closed_pairs: int = 0
    pairs_by_phase: dict[int, int] = field(default_factory=dict)
    meetings_held: int = 0
    agreements: int = 0
    evaluations: int = 0

    @property
    def participants(self) -> int:
        return self.mentors + self.mentees

    @property
    def pairs(self) -> int:
        return self.active_pairs + self.closed_pairs


def programme_overview(session: Session, programme_id: int) -> Overview:
    roles = dict(
        session.execute(
            select(Participant.role, func.count())
            .where(Participant.programme_id == programme_id, Participant.erased_at.is_(None))
            .group_by(Participant.role)
        ).all()
    )
    by_status_phase = session.execute(
        select(Match.status, Match.phase, func.count())
        .where(Match.programme_id == programme_id)
        .group_by(Match.status, Match.phase)
    ).all()
    active = {phase: n for status, phase, n in by_status_phase if status == MatchStatus.ACTIVE}
    closed = sum(n for status, _phase, n in by_status_phase if status == MatchStatus.CLOSED)
    match_ids = select(Match.id).where(Match.programme_id == programme_id).scalar_subquery()
    meetings = session.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.match_id.in_(match_ids), Meeting.status == MeetingStatus.HELD)
    )
    agreements = session.scalar(
        select(func.count(func.distinct(Agreement.match_id))).where(Agreement.match_id.in_(match_ids))
    )
    evaluations = session.scalar(select(func.count()).select_from(Evaluation).where(Evaluation.match_id.in_(match_ids)))
    return Overview(
        mentors=roles.get(Role.MENTOR, 0),
        mentees=roles.get(Role.MENTEE, 0),
        active_pairs=sum(active.values()),
        closed_pairs=closed,
        pairs_by_phase=active,
        meetings_held=meetings or 0,
        agreements=agreements or 0,
        evaluations=evaluations or 0,
    )
