"""A participant's data: everything stored about her as a readable file, erasure, and anonymising a
finished programme.

Erasing keeps what the reports count (role, year of study, fields of expertise, pairs, meetings with
their dates and lengths, ratings, goals met) and removes everything that names or describes the
person: name, e-mail, institution, country, languages, interests, free texts she wrote or that were
written about her pairs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from westem_desktop.core.errors import ValidationError
from westem_desktop.core.io.files import write_private
from westem_desktop.core.models import (
    Agreement,
    AgreementGoal,
    Certificate,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    MentorRequest,
    OnboardingItem,
    Participant,
    Programme,
)
from westem_desktop.core.names import person_name
from westem_desktop.i18n import _, format_date

ERASED_PROFILE = {
    "name": "",
    "email": None,
    "institution": "",
    "study_programme": "",
    "country": "",
    "languages": [],
    "interests": [],
    "support_wanted": [],
    "preferred_mode": None,
    "availability": "",
    "consent": False,
    "consent_date": None,
    "notes": "",
}


def display_name(participant: Participant) -> str:
    return person_name(participant)


def _match_ids(session: Session, participant_ids: list[int]) -> list[int]:
    query = select(Match.id).where(Match.mentor_id.in_(participant_ids) | Match.mentee_id.in_(participant_ids))
    return list(session.scalars(query))


def _erase(session: Session, participant_ids: list[int]) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.execute(
        update(Participant)
        .where(Participant.id.in_(participant_ids))
        .values(erased_at=now, updated_at=now, **ERASED_PROFILE)
    )
    session.execute(delete(OnboardingItem).where(OnboardingItem.participant_id.in_(participant_ids)))
    session.execute(
        update(MentorRequest)
        .where(MentorRequest.mentee_id.in_(participant_ids) | MentorRequest.mentor_id.in_(participant_ids))
        .values(decline_reason="")
    )
    pairs = _match_ids(session, participant_ids)
    session.execute(update(Match).where(Match.id.in_(pairs)).values(termination_reason="", notes=""))
    session.execute(update(Meeting).where(Meeting.match_id.in_(pairs)).values(private_notes="", topics=""))
    agreements = select(Agreement.id).where(Agreement.match_id.in_(pairs)).scalar_subquery()
    session.execute(
        update(Agreement)
        .where(Agreement.match_id.in_(pairs))
        .values(
            expectations="",
            meeting_frequency="",
            mentor_boundaries="",
            mentee_boundaries="",
            confidentiality="",
            off_limits_topics="",
            mentor_success_criteria="",
            mentee_success_criteria="",
        )
    )
    session.execute(
        update(AgreementGoal)
        .where(AgreementGoal.agreement_id.in_(agreements))
        .values(goal="", steps="", success_measure="")
    )
    evaluations = select(Evaluation.id).where(Evaluation.match_id.in_(pairs)).scalar_subquery()
    session.execute(update(EvaluationAnswer).where(EvaluationAnswer.evaluation_id.in_(evaluations)).values(text=""))
    session.flush()


def erase_participant(session: Session, participant_id: int) -> None:
    """Remove the personal data of one participant; the anonymous counts of the reports stay."""
    session.get_one(Participant, participant_id)
    _erase(session, [participant_id])


@dataclass(frozen=True)
class AnonymiseSummary:
    """What anonymising a programme removes, for the confirmation the coordinator reads first."""

    participants: int
    pairs: int
    meetings_with_notes: int
    agreements: int
    written_answers: int
    active_pairs: int


def anonymise_summary(session: Session, programme_id: int) -> AnonymiseSummary:
    ids = list(
        session.scalars(
            select(Participant.id).where(Participant.programme_id == programme_id, Participant.erased_at.is_(None))
        )
    )
    pairs = select(Match.id).where(Match.programme_id == programme_id).scalar_subquery()

    def count(query) -> int:
        return session.scalar(query) or 0

    return AnonymiseSummary(
        participants=len(ids),
        pairs=count(select(func.count()).select_from(Match).where(Match.programme_id == programme_id)),
        meetings_with_notes=count(
            select(func.count())
            .select_from(Meeting)
            .where(Meeting.match_id.in_(pairs), (Meeting.private_notes != "") | (Meeting.topics != ""))
        ),
        agreements=count(select(func.count()).select_from(Agreement).where(Agreement.match_id.in_(pairs))),
        written_answers=count(
            select(func.count())
            .select_from(EvaluationAnswer)
            .join(Evaluation)
            .where(Evaluation.match_id.in_(pairs), EvaluationAnswer.text != "")
        ),
        active_pairs=count(
            select(func.count()).select_from(Match).where(Match.programme_id == programme_id, Match.status == "active")
        ),
    )


def anonymise_programme(session: Session, programme_id: int) -> int:
    """Erase every participant of a finished programme; refuses while pairs are still active."""
    summary = anonymise_summary(session, programme_id)
    if summary.active_pairs:
        raise ValidationError(
            _("The programme still has {n} active pairs. Close or end them before anonymising.").format(
                n=summary.active_pairs
            )
        )
    ids = list(session.scalars(select(Participant.id).where(Participant.programme_id == programme_id)))
    _erase(session, ids)
    session.get_one(Programme, programme_id).anonymised_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.flush()
    return summary.participants


def _lines(label: str, values: dict[str, object]) -> list[str]:
    out = ["", label, "=" * len(label)]
    out += [f"{key}: {value}" for key, value in values.items() if value not in (None, "", [])]
    return out


def participant_report(session: Session, participant_id: int) -> str:
    """Everything stored about one participant, as plain text in the interface language."""
    p = session.get_one(Participant, participant_id)
    lines = [
        _("Everything WESTEM Desktop stores about {name}").format(name=display_name(p)),
        _("Made on {date}").format(date=format_date(dt.date.today())),
    ]
    lines += _lines(
        _("Profile"),
        {
            _("Programme"): p.programme.name,
            _("Role"): p.role,
            _("Name"): p.name,
            _("E-mail"): p.email,
            _("Institution"): p.institution,
            _("Study programme"): p.study_programme,
            _("Year of study"): p.year_of_study,
            _("Fields of expertise"): ", ".join(p.fields),
            _("Country"): p.country,
            _("Languages"): ", ".join(p.languages),
            _("Interests"): ", ".join(p.interests),
            _("Support wanted"): ", ".join(p.support_wanted),
            _("Preferred mode"): p.preferred_mode,
            _("Availability"): p.availability,
            _("Capacity"): p.capacity,
            _("Status"): p.status,
            _("Consent"): format_date(p.consent_date) if p.consent else _("no"),
            _("Notes"): p.notes,
            _("Registered"): format_date(p.created_at.date()),
        },
    )
    if p.onboarding:
        lines += _lines(_("Onboarding checklist"), {item.item_key: format_date(item.done_on) for item in p.onboarding})
    for match in session.scalars(select(Match).where((Match.mentor_id == p.id) | (Match.mentee_id == p.id))):
        partner = match.mentee if match.mentor_id == p.id else match.mentor
        lines += _lines(
            _("Pair {id}").format(id=match.id),
            {
                _("Partner"): display_name(partner),
                _("Status"): match.status,
                _("Style"): match.style,
                _("Phase"): match.phase,
                _("Start"): format_date(match.start_date),
                _("Closed"): format_date(match.closed_on),
                _("Ended"): format_date(match.ended_on),
                _("Reason for ending"): match.termination_reason,
                _("Notes"): match.notes,
            },
        )
        for meeting in match.meetings:
            lines.append(
                f"- {format_date(meeting.date)}, {meeting.duration_minutes} min, {meeting.status}: "
                f"{meeting.topics} {meeting.private_notes}".rstrip()
            )
        agreements = session.scalars(select(Agreement).where(Agreement.match_id == match.id))
        for agreement in agreements:
            for goal in agreement.goals:
                lines.append(
                    _("- Goal {n}: {goal} ({steps})").format(n=goal.position, goal=goal.goal, steps=goal.steps)
                )
        evaluations = session.scalars(
            select(Evaluation).where(Evaluation.match_id == match.id, Evaluation.respondent_role == p.role)
        )
        for evaluation in evaluations:
            answers = ", ".join(
                f"{a.question_key}={a.number if a.number is not None else a.text}" for a in evaluation.answers
            )
            lines.append(f"- {evaluation.instrument} {format_date(evaluation.submitted_on)}: {answers}")
    for certificate in session.scalars(select(Certificate).where(Certificate.participant_id == p.id)):
        lines.append(_("- Certificate of {date}").format(date=format_date(certificate.issued_on)))
    return "\n".join(lines) + "\n"


def export_participant(session: Session, participant_id: int, path: Path) -> None:
    write_private(path, participant_report(session, participant_id).encode("utf-8"))
