"""The programme report: the totals a coordinator reports, computed from the recorded data.

The same dictionary feeds the Evaluations tab, the PDF and XLSX reports and ``westem-desktop report
--json``: participants by role, field and year of study (cohort); pairs by status and phase; meetings
and hours; goals met; average ratings; the effect on STEM intentions; recommendations, each average
and share with the number of answers it rests on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop.core.enums import AgreementStatus, MatchStatus, MeetingStatus
from westem_desktop.core.evaluations import outstanding
from westem_desktop.core.models import (
    Agreement,
    AgreementGoal,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    Participant,
    Programme,
)

RATED = ("usefulness", "atmosphere", "goal_progress", "quality", "effectiveness", "stem_intention")


def _average(values: list[int]) -> float | None:
    return round(mean(values), 2) if values else None


def programme_report(session: Session, programme_id: int) -> dict[str, Any]:
    programme = session.get_one(Programme, programme_id)
    people = session.execute(
        select(Participant.id, Participant.role, Participant.fields, Participant.year_of_study)
        .where(Participant.programme_id == programme_id)
        .order_by(Participant.id)  # the report's keys in one order on every engine
    ).all()
    by_role = Counter(role for _pid, role, _f, _y in people)
    by_field: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    for _pid, role, fields, year in people:
        for field in fields or []:
            by_field[f"{role}:{field}"] += 1
        by_year[f"{role}:{year if year is not None else '-'}"] += 1

    pairs = session.execute(
        select(Match.id, Match.status, Match.phase, Match.style, Match.mentee_id)
        .where(Match.programme_id == programme_id)
        .order_by(Match.id)
    ).all()
    by_status = Counter(status for _id, status, _p, _s, _m in pairs)
    by_phase = Counter(str(phase) for _id, status, phase, _s, _m in pairs if status == MatchStatus.ACTIVE)
    by_style = Counter(style for _id, _st, _p, style, _m in pairs)
    pair_ids = [pid for pid, *_rest in pairs]

    held = session.execute(
        select(Meeting.match_id, Meeting.duration_minutes).where(
            Meeting.match_id.in_(pair_ids), Meeting.status == MeetingStatus.HELD
        )
    ).all()
    minutes = sum(m for _id, m in held)

    latest: dict[int, tuple[int, int]] = {}
    for agreement_id, match_id, version in session.execute(
        select(Agreement.id, Agreement.match_id, Agreement.version).where(Agreement.match_id.in_(pair_ids))
    ):
        if match_id not in latest or version > latest[match_id][1]:
            latest[match_id] = (agreement_id, version)
    latest_ids = [a for a, _v in latest.values()]
    goals = session.execute(select(AgreementGoal.met).where(AgreementGoal.agreement_id.in_(latest_ids))).all()
    signed = session.scalars(
        select(Agreement.match_id).where(Agreement.id.in_(latest_ids), Agreement.status == AgreementStatus.SIGNED)
    ).all()

    ratings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    recommend: dict[str, list[int]] = defaultdict(list)
    evaluations = Counter()
    for _instrument, role, key, number in session.execute(
        select(
            Evaluation.instrument, Evaluation.respondent_role, EvaluationAnswer.question_key, EvaluationAnswer.number
        )
        .join(EvaluationAnswer, EvaluationAnswer.evaluation_id == Evaluation.id)
        .where(Evaluation.match_id.in_(pair_ids), EvaluationAnswer.number.is_not(None))
        .order_by(Evaluation.id, EvaluationAnswer.id)
    ):
        if key in RATED:
            ratings[key][role].append(number)
        elif key == "recommend":
            recommend[role].append(number)
    for instrument, role in session.execute(
        select(Evaluation.instrument, Evaluation.respondent_role)
        .where(Evaluation.match_id.in_(pair_ids))
        .order_by(Evaluation.id)
    ):
        evaluations[f"{instrument}:{role}"] += 1

    return {
        "programme": {"id": programme.id, "name": programme.name, "institution": programme.institution},
        "participants": {
            "total": len(people),
            "by_role": dict(by_role),
            "by_field": dict(sorted(by_field.items())),
            "by_year": dict(sorted(by_year.items())),
        },
        "pairs": {
            "total": len(pairs),
            "by_status": dict(by_status),
            "active_by_phase": dict(sorted(by_phase.items())),
            "by_style": dict(by_style),
            "with_signed_agreement": len(signed),
        },
        "meetings": {
            "held": len(held),
            "hours": round(minutes / 60, 1),
            "pairs_with_meetings": len({m for m, _d in held}),
        },
        "goals": {
            "total": len(goals),
            "met": sum(1 for (met,) in goals if met),
            "not_met": sum(1 for (met,) in goals if met is False),
        },
        "evaluations": dict(sorted(evaluations.items())),
        "evaluations_outstanding": len(outstanding(session, programme_id)),
        "ratings": {
            key: {role: _average(values) for role, values in by.items()}
            | {"all": _average([v for values in by.values() for v in values])}
            for key, by in sorted(ratings.items())
        },
        "stem_intention": _average([v for values in ratings["stem_intention"].values() for v in values])
        if "stem_intention" in ratings
        else None,
        "recommend_share": {role: round(sum(v) / len(v), 2) for role, v in recommend.items() if v},
        # How many answers each average and share rests on (the report prints "3,9 (n = 12)").
        "rating_answers": {
            key: {role: len(values) for role, values in by.items()} | {"all": sum(len(v) for v in by.values())}
            for key, by in sorted(ratings.items())
        },
        "recommend_answers": {role: len(v) for role, v in recommend.items() if v},
    }
