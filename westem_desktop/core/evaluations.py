"""Evaluations entered by the coordinator from paper: which are expected, which are outstanding, recording.

Expected forms: a session evaluation by the mentor and by the mentee after every held meeting; the
midpoint reflection by both once a pair reaches activation (so never for flash mentoring, which skips
activation); the final evaluation by both when a pair is closed (the WESTEM manual).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop.core import versions
from westem_desktop.core.enums import Instrument, MatchStatus, MeetingStatus, Role
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.expected_forms import ExpectedForm, forms_expected
from westem_desktop.core.instruments import FORM_TITLES, INSTRUMENTS
from westem_desktop.core.labels import label
from westem_desktop.core.models import Evaluation, EvaluationAnswer, Match, Meeting
from westem_desktop.core.names import person_name
from westem_desktop.core.printables import BlankForm
from westem_desktop.core.programmes import document_language
from westem_desktop.core.versions import Seen
from westem_desktop.i18n import _, format_date


def expected_forms(session: Session, programme_id: int) -> list[ExpectedForm]:
    pairs = session.execute(  # the columns only: no ORM object per pair
        select(Match.id, Match.style, Match.phase, Match.status)
        .where(Match.programme_id == programme_id, Match.status != MatchStatus.ENDED)
        .order_by(Match.id)
    ).all()
    meetings = session.execute(
        select(Meeting.id, Meeting.match_id, Meeting.date)
        .join(Match)
        .where(Match.programme_id == programme_id, Meeting.status == MeetingStatus.HELD)
        .order_by(Meeting.date)
    ).all()
    return forms_expected(pairs, meetings)


def received(session: Session, programme_id: int) -> set[tuple[int, str, str, int | None]]:
    rows = session.execute(
        select(Evaluation.match_id, Evaluation.respondent_role, Evaluation.instrument, Evaluation.meeting_id)
        .join(Match)
        .where(Match.programme_id == programme_id)
    )
    return {tuple(row) for row in rows}


def outstanding(session: Session, programme_id: int) -> list[ExpectedForm]:
    """The expected forms not entered yet, oldest first."""
    done = received(session, programme_id)
    pending = []
    for form in expected_forms(session, programme_id):
        key = (form.match_id, form.role, form.instrument, form.meeting_id if form.instrument == "session" else None)
        if key not in done:
            pending.append(form)
    return pending


def check_answers(instrument: str, answers: dict[str, object]) -> dict[str, tuple[int | None, str]]:
    """Validate answers copied from paper; returns key → (number, text). Unanswered questions may stay empty."""
    if instrument not in {i.value for i in Instrument}:
        raise ValidationError(_("Choose a form: session, midpoint or final evaluation."), "instrument")
    questions = {q.key: q for q in INSTRUMENTS[Instrument(instrument)]}
    clean: dict[str, tuple[int | None, str]] = {}
    for key, value in answers.items():
        question = questions.get(key)
        if question is None:
            raise ValidationError(_("Unknown question: {key}.").format(key=key), key)
        if value is None or not str(value).strip():
            continue
        if question.kind == "text":
            clean[key] = (None, str(value).strip())
            continue
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(_("“{value}” is not a number.").format(value=value), key) from None
        if question.kind == "rating" and not 1 <= number <= 5:
            raise ValidationError(_("A rating is a number from 1 to 5."), key)
        if question.kind == "yes_no" and number not in (0, 1):
            raise ValidationError(_("Answer yes (1) or no (0)."), key)
        if question.kind == "count" and not 0 <= number <= 500:
            raise ValidationError(_("The number of sessions must be between 0 and 500."), key)
        clean[key] = (number, "")
    return clean


def record(
    session: Session,
    match_id: int,
    instrument: str,
    role: str,
    answers: dict[str, object],
    *,
    meeting_id: int | None = None,
    submitted_on: dt.date | None = None,
    seen: Seen | None = None,
) -> Evaluation:
    """Enter one filled-in form; a second copy of the same form replaces the first. ``seen``: the entered
    copy the screen showed (``Seen(None)``: none); refused when someone else entered or changed it since."""
    if role not in (Role.MENTOR, Role.MENTEE):
        raise ValidationError(_("The role must be mentor or mentee."), "role")
    clean = check_answers(instrument, answers)
    if not clean:
        raise ValidationError(_("The form has no answers."))
    versions.current(session, Match, match_id, None)  # the pair's row locked: its forms are ours till commit
    existing = entered_form(session, match_id, instrument, role, meeting_id)
    versions.check_seen(existing, seen)
    evaluation = Evaluation(
        match_id=match_id,
        meeting_id=meeting_id,
        instrument=instrument,
        respondent_role=role,
        submitted_on=submitted_on or dt.date.today(),
    )
    evaluation.answers = [EvaluationAnswer(question_key=k, number=n, text=t) for k, (n, t) in clean.items()]
    session.add(evaluation)
    session.flush()  # the new copy first: it never takes the replaced one's id, so a screen that
    if existing is not None:  # showed the replaced copy (``seen``) is refused (SQLite reuses the highest id)
        session.delete(existing)
        session.flush()
    return evaluation


def entered_form(
    session: Session, match_id: int, instrument: str, role: str, meeting_id: int | None = None
) -> Evaluation | None:
    """The entered copy of one form (a session form is the one of its meeting), or None."""
    return session.scalar(
        select(Evaluation).where(
            Evaluation.match_id == match_id,
            Evaluation.instrument == instrument,
            Evaluation.respondent_role == role,
            Evaluation.meeting_id.is_(None) if meeting_id is None else Evaluation.meeting_id == meeting_id,
        )
    )


@dataclass(frozen=True)
class DeletedEvaluation:
    """An entered form as it was before ``delete_evaluation``: what ``restore_evaluation`` puts back."""

    id: int
    match_id: int
    instrument: str
    role: str
    meeting_id: int | None
    submitted_on: dt.date
    language: str | None
    created_at: dt.datetime
    answers: tuple[tuple[str, int | None, str], ...]  # question key, number, text


def form_words(session: Session, match_id: int, instrument: str, role: str, meeting_id: int | None) -> str:
    """The form as a message names it: "“Evaluation of the session, 7 March 2026” of pair 12 (filled in by
    the mentee)"."""
    title = _(FORM_TITLES[Instrument(instrument)])
    meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is not None:
        title = _("{form}, {date}").format(form=title, date=format_date(meeting.date))
    return _("“{form}” of pair {pair} (filled in by the {role})").format(
        form=title, pair=match_id, role=label(Role(role)).lower()
    )


def _check_form(instrument: str, role: str) -> None:
    if instrument not in {i.value for i in Instrument}:
        raise ValidationError(_("Choose a form: session, midpoint or final evaluation."), "instrument")
    if role not in (Role.MENTOR, Role.MENTEE):
        raise ValidationError(_("The role must be mentor or mentee."), "role")


def delete_evaluation(
    session: Session,
    match_id: int,
    instrument: str,
    role: str,
    *,
    meeting_id: int | None = None,
    seen: Seen | None = None,
) -> DeletedEvaluation:
    """Delete the answers of an entered form: the form is outstanding again. Refused, changing nothing, for
    a form that was not entered, and (``seen``: the entered copy the screen showed) when someone else
    entered, replaced or deleted it since; the returned copy puts it back (``restore_evaluation``)."""
    _check_form(instrument, role)
    session.get(Match, match_id, with_for_update=True)  # the pair's row locked: its forms are ours till commit
    evaluation = entered_form(session, match_id, instrument, role, meeting_id)
    if evaluation is not None or (seen is not None and seen.id is not None):
        versions.check_seen(evaluation, seen)
    if evaluation is None:
        raise ValidationError(
            _("{form} has not been entered: there are no answers to delete.").format(
                form=form_words(session, match_id, instrument, role, meeting_id)
            )
        )
    deleted = DeletedEvaluation(
        id=evaluation.id,
        match_id=evaluation.match_id,
        instrument=evaluation.instrument,
        role=evaluation.respondent_role,
        meeting_id=evaluation.meeting_id,
        submitted_on=evaluation.submitted_on,
        language=evaluation.language,
        created_at=evaluation.created_at,
        answers=tuple(
            (a.question_key, a.number, a.text) for a in sorted(evaluation.answers, key=lambda a: a.question_key)
        ),
    )
    session.delete(evaluation)
    session.flush()
    return deleted


def restore_evaluation(session: Session, deleted: DeletedEvaluation) -> Evaluation:
    """Undo a delete: the same form, answers and dates as before. Refused when the form was entered again
    since (those answers are kept) or its pair or meeting is gone."""
    words = form_words(session, deleted.match_id, deleted.instrument, deleted.role, deleted.meeting_id)
    if session.get(Match, deleted.match_id) is None or (
        deleted.meeting_id is not None and session.get(Meeting, deleted.meeting_id) is None
    ):
        raise ValidationError(_("{form} cannot come back: its pair or its meeting is gone.").format(form=words))
    if entered_form(session, deleted.match_id, deleted.instrument, deleted.role, deleted.meeting_id) is not None:
        raise ValidationError(
            _("{form} cannot come back: it was entered again since, and those answers are kept.").format(form=words)
        )
    evaluation = Evaluation(
        id=deleted.id if session.get(Evaluation, deleted.id) is None else None,
        match_id=deleted.match_id,
        meeting_id=deleted.meeting_id,
        instrument=deleted.instrument,
        respondent_role=deleted.role,
        submitted_on=deleted.submitted_on,
        language=deleted.language,
        created_at=deleted.created_at,
    )
    evaluation.answers = [EvaluationAnswer(question_key=k, number=n, text=t) for k, n, t in deleted.answers]
    session.add(evaluation)
    session.flush()
    return evaluation


def blank_forms(
    session: Session, match_ids: list[int], instrument: str, language: str | None = None
) -> list[BlankForm]:
    """Blank forms of ``instrument`` for the mentor and the mentee of each pair, in ``language`` or else each
    pair's document language."""
    forms = []
    for match_id in match_ids:
        match = session.get_one(Match, match_id)
        lang = language or document_language(session, match_id=match_id)
        mentor, mentee = person_name(match.mentor, lang), person_name(match.mentee, lang)
        for role in (Role.MENTOR, Role.MENTEE):
            forms.append(BlankForm(match.programme.name, match.id, mentor, mentee, role, instrument, lang))
    return forms


def pairs_in_phase(session: Session, programme_id: int, phase: int | None) -> list[int]:
    query = select(Match.id).where(Match.programme_id == programme_id, Match.status == MatchStatus.ACTIVE)
    if phase is not None:
        query = query.where(Match.phase == phase)
    return list(session.scalars(query.order_by(Match.id)))
