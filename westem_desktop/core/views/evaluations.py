"""Read models of the Evaluations tab: the forms outstanding with their pair's names, what was entered, the
pairs for blank paper forms, and the programme report."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from westem_desktop.core.read import pair_rows
from westem_desktop.core.versions import Seen, written_at

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.printables import BlankForm


class OutstandingForm(NamedTuple):
    """An expected form: not entered yet, or (``entered``) entered already."""

    match_id: int
    role: str
    instrument: str
    meeting_id: int | None
    meeting_date: dt.date | None
    mentor: str
    mentee: str
    entered: bool = False
    seen: Seen = Seen(None)  # the entered copy as read (id, version, time): a save or delete passes it


class EvaluationsView(NamedTuple):
    forms: list[OutstandingForm]  # every expected form, entered or not, oldest first
    entered: int


def evaluations_view(db: Database, programme_id: int) -> EvaluationsView:
    """Every expected form (``core.evaluations.expected_forms``), each marked entered or outstanding, and
    how many forms were entered."""
    from westem_desktop.core.enums import MatchStatus, MeetingStatus
    from westem_desktop.core.expected_forms import expected_rows

    conn = db.read()  # plain rows in four statements: no ORM object per pair or meeting
    names = {p.id: (p.mentor, p.mentee) for p in pair_rows(conn, programme_id)}
    done = {
        (match_id, role, instrument, meeting_id): Seen(evaluation_id, version, written_at(at))
        for match_id, role, instrument, meeting_id, evaluation_id, version, at in conn.execute(
            "SELECT v.match_id, v.respondent_role, v.instrument, v.meeting_id, v.id, v.row_version, v.changed_at "
            "FROM evaluation v JOIN match m ON m.id = v.match_id WHERE m.programme_id = ?",
            (programme_id,),
        )
    }
    none = Seen(None)
    pairs = conn.execute(
        "SELECT id, style, phase, status FROM match WHERE programme_id = ? AND status != ? ORDER BY id",
        (programme_id, MatchStatus.ENDED.value),
    ).fetchall()
    day = dt.date.fromisoformat
    meetings = [
        (meeting_id, match_id, day(date))
        for meeting_id, match_id, date in conn.execute(
            "SELECT t.id, t.match_id, t.date FROM meeting t JOIN match m ON m.id = t.match_id "
            "WHERE m.programme_id = ? AND t.status = ? ORDER BY t.date",
            (programme_id, MeetingStatus.HELD.value),
        )
    ]
    no_names = ("", "")
    forms = [  # the tuples as they come: 40,000 forms at 20,000 participants
        OutstandingForm(
            match_id,
            role,
            instrument,
            meeting_id,
            day,
            *names.get(match_id, no_names),
            seen is not none,
            seen,
        )
        for match_id, role, instrument, meeting_id, day in expected_rows(pairs, meetings)
        for seen in (done.get((match_id, role, instrument, meeting_id if instrument == "session" else None), none),)
    ]
    return EvaluationsView(forms, len(done))


def entered_answers(db: Database, form: OutstandingForm) -> tuple[dict[str, object], dt.date | None]:
    """The answers of an entered form (numbers as numbers, texts as texts) and the day it was submitted."""
    from sqlalchemy import select

    from westem_desktop.core.models import Evaluation

    meeting_id = form.meeting_id if form.instrument == "session" else None
    with db.reading() as session:
        evaluation = session.scalar(
            select(Evaluation).where(
                Evaluation.match_id == form.match_id,
                Evaluation.instrument == form.instrument,
                Evaluation.respondent_role == form.role,
                Evaluation.meeting_id.is_(None) if meeting_id is None else Evaluation.meeting_id == meeting_id,
            )
        )
        if evaluation is None:
            return {}, None
        answers = {a.question_key: a.text if a.number is None else a.number for a in evaluation.answers}
        return answers, evaluation.submitted_on


def paper_form_pairs(db: Database, programme_id: int, phase: int | None) -> list[int]:
    """The active pairs (in ``phase``, or all) that blank paper forms are printed for."""
    from westem_desktop.core.evaluations import pairs_in_phase

    with db.reading() as session:
        return pairs_in_phase(session, programme_id, phase)


def blank_forms(db: Database, match_ids: list[int], instrument: str, language: str) -> list[BlankForm]:
    from westem_desktop.core.evaluations import blank_forms as forms

    with db.reading() as session:
        return forms(session, match_ids, instrument, language)


def programme_report(db: Database, programme_id: int) -> dict[str, Any]:
    """The figures of the programme report (``core.reports``)."""
    from westem_desktop.core.reports import programme_report as figures

    with db.reading() as session:
        return figures(session, programme_id)
