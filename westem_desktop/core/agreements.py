"""Mentoring agreements: the editor's rules, versions, printed and signed, and what the documents print.

A traditional agreement covers at most four months; flash mentoring may leave the timeline open. At
most three goals. Editing an agreement that was signed keeps the signed version and makes a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop.core import versions as row_versions
from westem_desktop.core.agreement_texts import EVERY_SECOND_WEEK
from westem_desktop.core.enums import LANGUAGES, MAX_GOALS, AgreementStatus, MatchStatus, MeetingStatus, Role, Style
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Agreement, AgreementGoal, Certificate, Match, Meeting
from westem_desktop.core.names import person_name
from westem_desktop.core.printables import AgreementDocument, CertificateDocument, Goal
from westem_desktop.core.versions import Seen
from westem_desktop.i18n import _, translate_in

MAX_TRADITIONAL_DAYS = 123  # four months


@dataclass
class GoalData:
    goal: str
    steps: str = ""
    success_measure: str = ""


@dataclass
class AgreementData:
    goals: list[GoalData] = field(default_factory=list)
    expectations: str = ""
    timeline_start: dt.date | None = None
    timeline_end: dt.date | None = None
    meeting_frequency: str = ""
    meeting_duration_minutes: int | None = None
    meeting_mode: str | None = None
    mentor_boundaries: str = ""
    mentee_boundaries: str = ""
    confidentiality: str = ""
    off_limits_topics: str = ""
    termination_clause: str = ""
    mentor_success_criteria: str = ""
    mentee_success_criteria: str = ""

    @classmethod
    def of(cls, agreement: Agreement) -> AgreementData:
        values = {f.name: getattr(agreement, f.name) for f in fields(cls) if f.name != "goals"}
        goals = [GoalData(g.goal, g.steps, g.success_measure) for g in agreement.goals]
        return cls(goals=goals, **values)


def current(session: Session, match_id: int) -> Agreement | None:
    """The newest version of the pair's agreement."""
    return session.scalar(
        select(Agreement).where(Agreement.match_id == match_id).order_by(Agreement.version.desc()).limit(1)
    )


def draft(session: Session, match_id: int, today: dt.date | None = None, language: str | None = None) -> AgreementData:
    """The current agreement's contents, or a sensible start: a four-month timeline, every second week
    (in ``language``, the interface's when None)."""
    agreement = current(session, match_id)
    if agreement is not None:
        return AgreementData.of(agreement)
    today = today or dt.date.today()
    match = session.get_one(Match, match_id)
    start = match.start_date or today
    traditional = match.style == Style.TRADITIONAL
    return AgreementData(
        timeline_start=start if traditional else None,
        timeline_end=start + dt.timedelta(days=112) if traditional else None,
        meeting_frequency=(translate_in(language, EVERY_SECOND_WEEK) if language else _(EVERY_SECOND_WEEK))
        if traditional
        else "",
        meeting_duration_minutes=45,
        meeting_mode=match.programme.mode,
    )


def validate(match: Match, data: AgreementData) -> AgreementData:
    goals = [g for g in data.goals if g.goal.strip() or g.steps.strip() or g.success_measure.strip()]
    if len(goals) > MAX_GOALS:
        raise ValidationError(_("An agreement has at most three goals."), "goals")
    for number, goal in enumerate(goals, start=1):
        if not goal.goal.strip():
            raise ValidationError(_("Goal {n} needs a text.").format(n=number), f"goal{number}")
    data.goals = [GoalData(g.goal.strip(), g.steps.strip(), g.success_measure.strip()) for g in goals]
    start, end = data.timeline_start, data.timeline_end
    if (start is None) != (end is None):
        raise ValidationError(_("Give both the first and the last day of the timeline."), "timeline_end")
    if start and end:
        if end < start:
            raise ValidationError(_("The timeline cannot end before it starts."), "timeline_end")
        if match.style == Style.TRADITIONAL and (end - start).days > MAX_TRADITIONAL_DAYS:
            raise ValidationError(
                _("A traditional mentoring agreement lasts at most four months; shorten the timeline."),
                "timeline_end",
            )
    elif match.style == Style.TRADITIONAL:
        raise ValidationError(_("A traditional mentoring agreement needs a timeline."), "timeline_start")
    if data.meeting_duration_minutes is not None and not 5 <= data.meeting_duration_minutes <= 240:
        raise ValidationError(
            _("A meeting lasts from {low} to {high} minutes.").format(low=5, high=240), "meeting_duration_minutes"
        )
    return data


def _makes_new_version(agreement: Agreement | None) -> bool:
    """The version rule: a pair's first agreement, and any edit of a signed one, is a new version (the
    signed text is kept as it was signed); a draft or printed version is changed in place."""
    return agreement is None or agreement.status in (AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED)


class Resigning(NamedTuple):
    """What saving an edit of a signed agreement means: a new version that both must sign again."""

    signed_version: int
    signed_on: dt.date | None
    new_version: int


def editing_resigns(session: Session, match_id: int, data: AgreementData | None = None) -> Resigning | None:
    """What saving means for the signatures: None when it changes the current version in place (a draft
    or a printed one), starts the first version, or changes nothing; else the signed version it leaves in
    place and the new version that both must sign again.

    With ``data`` (the editor's contents) the edit is checked first and refused as ``save`` would refuse
    it, so the coordinator is asked about signatures only for an edit that can be saved."""
    agreement = current(session, match_id)
    if data is not None:
        validate(session.get_one(Match, match_id), data)
        if _unchanged(agreement, data):
            return None
    if agreement is None or not _makes_new_version(agreement):
        return None
    return Resigning(agreement.version, agreement.signed_on, agreement.version + 1)


def _unchanged(agreement: Agreement | None, data: AgreementData) -> bool:
    """``data`` (validated) is what ``agreement`` already says: saving it is no edit."""
    return agreement is not None and AgreementData.of(agreement) == data


def save(session: Session, match_id: int, data: AgreementData, seen: Seen | None = None) -> Agreement:
    """Save the editor's contents: the draft or printed version is changed; a signed one gets a successor
    (``editing_resigns`` says which beforehand). Contents that are already saved change nothing: no new
    version, the status and the dates stay. ``seen``: the current agreement as the editor read it; the save
    is refused when someone else saved or replaced it since (the pair's row is locked meanwhile)."""
    match = row_versions.current(session, Match, match_id, None)
    validate(match, data)
    agreement = current(session, match_id)
    row_versions.check_seen(agreement, seen)
    if _unchanged(agreement, data):
        return agreement
    if _makes_new_version(agreement):
        version = 1 if agreement is None else agreement.version + 1
        if agreement is not None:
            agreement.status = AgreementStatus.SUPERSEDED
        agreement = Agreement(match_id=match_id, version=version)
        session.add(agreement)
    else:
        agreement.status = AgreementStatus.DRAFT
        agreement.printed_on = None
    for f in fields(AgreementData):
        if f.name != "goals":
            setattr(agreement, f.name, getattr(data, f.name))
    agreement.goals.clear()
    session.flush()  # the old goals go first: positions are unique per agreement
    agreement.goals = [
        AgreementGoal(position=n, goal=g.goal, steps=g.steps, success_measure=g.success_measure)
        for n, g in enumerate(data.goals, start=1)
    ]
    session.flush()
    return agreement


class AgreementVersion(NamedTuple):
    """One version of a pair's agreement, as the Agreements tab lists it."""

    version: int
    status: str
    created: dt.date
    printed_on: dt.date | None
    signed_on: dt.date | None


def versions(session: Session, match_id: int) -> list[AgreementVersion]:
    """Every version of the pair's agreement, the newest first; a signed version that an edit replaced
    stays listed, and can be printed as it was signed."""
    rows = session.scalars(select(Agreement).where(Agreement.match_id == match_id).order_by(Agreement.version.desc()))
    return [AgreementVersion(a.version, a.status, a.created_at.date(), a.printed_on, a.signed_on) for a in rows]


def _version(session: Session, match_id: int, version: int | None) -> Agreement | None:
    if version is None:
        return current(session, match_id)
    agreement = session.scalar(select(Agreement).where(Agreement.match_id == match_id, Agreement.version == version))
    if agreement is None:
        raise ValidationError(_("The pair has no version {n} of its agreement.").format(n=version))
    return agreement


def mark_printed(session: Session, agreement_id: int, on: dt.date) -> None:
    agreement = session.get_one(Agreement, agreement_id)
    if agreement.status == AgreementStatus.DRAFT:
        agreement.status = AgreementStatus.PRINTED
    agreement.printed_on = agreement.printed_on or on
    session.flush()


def record_printed(session: Session, match_id: int, on: dt.date, version: int | None = None) -> None:
    """Printing the agreement (on paper or to a file) marks that version printed; a draft becomes
    "printed", a signed version keeps its status. Nothing to mark before an agreement was saved."""
    agreement = _version(session, match_id, version)
    if agreement is not None:
        mark_printed(session, agreement.id, on)


def mark_signed(session: Session, agreement_id: int, on: dt.date) -> None:
    agreement = session.get_one(Agreement, agreement_id)
    if agreement.status == AgreementStatus.SUPERSEDED:
        raise ValidationError(_("A newer version of this agreement exists."))
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = on
    agreement.printed_on = agreement.printed_on or on
    session.flush()


def sign(session: Session, match_id: int, on: dt.date, unsaved: AgreementData | None = None) -> Agreement:
    """The mentor and the mentee signed the newest version on ``on``; when none was saved yet, ``unsaved``
    (the editor's contents) is saved first and signed."""
    agreement = current(session, match_id)
    if agreement is None:
        if unsaved is None:
            raise ValidationError(_("Save the agreement before marking it signed."))
        agreement = save(session, match_id, unsaved)
    mark_signed(session, agreement.id, on)
    return agreement


# -- what the documents print -------------------------------------------------------------------


def _default_frequency(frequency: str, language: str | None) -> str:
    """The default frequency, in whichever language it was saved, in the document's ``language``; any
    other text as it was written."""
    if language and frequency in {translate_in(code, EVERY_SECOND_WEEK) for code in LANGUAGES}:
        return translate_in(language, EVERY_SECOND_WEEK)
    return frequency


def agreement_document(
    session: Session,
    match_id: int,
    version: int | None = None,
    language: str | None = None,
    by_hand: bool = False,
) -> AgreementDocument:
    """The agreement as printed: ``version`` (the newest when None), or the draft the editor starts
    from when none was saved; names and the draft's defaults in ``language``. ``by_hand``: an agreement
    to complete at the first meeting, where nothing the pair did not save is suggested."""
    match = session.get_one(Match, match_id)
    agreement = _version(session, match_id, version)
    if agreement is not None:
        data = AgreementData.of(agreement)
    else:
        data = AgreementData() if by_hand else draft(session, match_id, language=language)
    programme = match.programme
    return AgreementDocument(
        programme=programme.name,
        institution=programme.institution,
        logo=programme.logo,
        mentor=person_name(match.mentor, language),
        mentee=person_name(match.mentee, language),
        style=match.style,
        version=agreement.version if agreement is not None else 1,
        goals=[Goal(g.goal, g.steps, g.success_measure) for g in data.goals],
        expectations=data.expectations,
        timeline_start=data.timeline_start,
        timeline_end=data.timeline_end,
        meeting_frequency=_default_frequency(data.meeting_frequency, language),
        meeting_duration=data.meeting_duration_minutes,
        meeting_mode=data.meeting_mode,
        mentor_boundaries=data.mentor_boundaries,
        mentee_boundaries=data.mentee_boundaries,
        confidentiality=data.confidentiality,
        off_limits=data.off_limits_topics,
        termination=data.termination_clause,
        mentor_success=data.mentor_success_criteria,
        mentee_success=data.mentee_success_criteria,
        coordinator_name=programme.coordinator_name,
        coordinator_title=programme.coordinator_title,
        coordinator_signs=programme.coordinator_signs_agreement,
        expected_hours=programme.expected_hours_per_month or 0.0,
        by_hand=by_hand,
    )


def certificate_documents(
    session: Session, match_ids: list[int], language: str, today: dt.date | None = None
) -> list[CertificateDocument]:
    """The mentee's and the mentor's certificate of each closed pair, names in ``language``. A certificate
    printed before keeps the date it was issued on (a reprint is the same certificate). Building them
    records nothing: ``record_certificates`` does, once they are printed or saved."""
    today = today or dt.date.today()
    docs = []
    for match_id in match_ids:
        match = session.get_one(Match, match_id)
        if match.status != MatchStatus.CLOSED:
            raise ValidationError(
                _("Certificates are printed for closed pairs; pair {id} is not closed.").format(id=match_id)
            )
        held = list(
            session.scalars(select(Meeting).where(Meeting.match_id == match_id, Meeting.status == MeetingStatus.HELD))
        )
        minutes = sum(m.duration_minutes for m in held)
        programme = match.programme
        for person, role, partner in (
            (match.mentee, Role.MENTEE, match.mentor),
            (match.mentor, Role.MENTOR, match.mentee),
        ):
            docs.append(
                CertificateDocument(
                    name=person_name(person, language),
                    role=role,
                    programme=programme.name,
                    institution=programme.institution,
                    logo=programme.logo,
                    start=match.start_date or match.created_on,
                    end=match.closed_on,
                    meetings=len(held),
                    minutes=minutes,
                    partner=person_name(partner, language),
                    coordinator_name=programme.coordinator_name,
                    coordinator_title=programme.coordinator_title,
                    issued_on=issued.issued_on if (issued := _issued(session, match_id, person.id, role)) else today,
                    match_id=match_id,
                    participant_id=person.id,
                )
            )
    return docs


def _issued(session: Session, match_id: int, participant_id: int, role: str) -> Certificate | None:
    """The certificate already issued to this person in this pair and role, if any (the first)."""
    return session.scalars(
        select(Certificate)
        .where(Certificate.match_id == match_id, Certificate.participant_id == participant_id, Certificate.role == role)
        .order_by(Certificate.id)
        .limit(1)
    ).first()


def record_certificates(
    session: Session, docs: list[CertificateDocument], language: str, today: dt.date | None = None
) -> int:
    """Record the certificates as issued (when they were printed or saved, not when previewed). A person's
    certificate printed again is recorded as a reprint of the one issued (with the figures and language
    last printed), not as a new certificate. Returns how many were reprints."""
    today = today or dt.date.today()
    reprints = 0
    for doc in docs:
        issued = _issued(session, doc.match_id, doc.participant_id, doc.role)
        if issued is None:
            session.add(
                Certificate(
                    match_id=doc.match_id,
                    participant_id=doc.participant_id,
                    role=doc.role,
                    issued_on=doc.issued_on or today,
                    language=language,
                    meetings_held=doc.meetings,
                    minutes_total=doc.minutes,
                )
            )
            session.flush()  # the same person twice in one batch is then a reprint
        else:
            issued.reprints = (issued.reprints or 0) + 1
            issued.reprinted_on = today
            issued.language = language
            issued.meetings_held, issued.minutes_total = doc.meetings, doc.minutes
            reprints += 1
    session.flush()
    return reprints


def closed_pairs(session: Session, programme_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Match.id)
            .where(Match.programme_id == programme_id, Match.status == MatchStatus.CLOSED)
            .order_by(Match.id)
        )
    )
