"""Read models of the Evaluations tab: the forms outstanding with their pair's names, what was entered, the
pairs for blank paper forms, and the programme report."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from westem_desktop.core.read import pair_rows

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.printables import BlankForm


class OutstandingForm(NamedTuple):
    """An expected form not entered yet."""

    match_id: int
    role: str
    instrument: str
    meeting_id: int | None
    meeting_date: dt.date | None
    mentor: str
    mentee: str


class EvaluationsView(NamedTuple):
    outstanding: list[OutstandingForm]  # oldest first
    entered: int


def evaluations_view(db: Database, programme_id: int) -> EvaluationsView:
    """The forms outstanding (``core.evaluations.outstanding``) and how many forms were entered."""
    from westem_desktop.core.evaluations import outstanding, received

    names = {p.id: (p.mentor, p.mentee) for p in pair_rows(db.read(), programme_id)}
    with db.reading() as session:
        forms = outstanding(session, programme_id)
        entered = len(received(session, programme_id))
    return EvaluationsView(
        [
            OutstandingForm(
                f.match_id, f.role, f.instrument, f.meeting_id, f.meeting_date, *names.get(f.match_id, ("", ""))
            )
            for f in forms
        ],
        entered,
    )


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
