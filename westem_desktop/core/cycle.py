"""The mentoring cycle of a pair: preparation, negotiation, activation, closure (the WESTEM manual).

Rules: a pair moves one phase at a time, except that phases 1 and 2 may be completed together in the
first meeting; flash mentoring skips phase 3 (marked skipped); closing records the date after phase 4.
Each step is one call in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from westem_desktop.core import versions
from westem_desktop.core.checklists import phase_keys
from westem_desktop.core.enums import MatchStatus, Phase
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import ChecklistTick, Match, PhaseProgress
from westem_desktop.core.phases import has_phase, phases_of
from westem_desktop.core.versions import Seen
from westem_desktop.i18n import _


def _progress(match: Match, phase: int) -> PhaseProgress:
    for progress in match.phases:
        if progress.phase == phase:
            return progress
    progress = PhaseProgress(phase=phase)
    match.phases.append(progress)
    return progress


def check_phase(phase: int, field: str | None = None) -> None:
    """Refuse a phase number that is not one of the cycle's four."""
    if phase not in {p.value for p in Phase}:
        raise ValidationError(_("A phase is numbered 1 to 4."), field)


def _active(session: Session, match_id: int, version: int | None = None) -> Match:
    """The pair, refused when it is no longer active, and (``version``: the one the screen showed) when
    someone else saved it since (``core/versions.py``)."""
    match = session.get_one(Match, match_id) if version is None else versions.current(session, Match, match_id, version)
    if match.status != MatchStatus.ACTIVE:
        raise ValidationError(_("The pair is no longer active."))
    return match


def _following(style: str, phase: int) -> int | None:
    return next((p for p in phases_of(style) if p > phase), None)


def _preceding(style: str, phase: int) -> int | None:
    return next((p for p in reversed(phases_of(style)) if p < phase), None)


def next_phase(match: Match) -> int | None:
    """The phase after the current one in the pair's style; None after closure."""
    return _following(match.style, match.phase)


def previous_phase(match: Match) -> int | None:
    """The phase before the current one in the pair's style; None in the first."""
    return _preceding(match.style, match.phase)


class PhaseMoves(NamedTuple):
    """What the coordinator may do with a pair's cycle now (the Cycle tab offers exactly these)."""

    advance_to: int | None  # the next phase, None when there is none
    both_first_phases: bool  # preparation and negotiation may be completed together
    back_to: int | None  # the previous phase, None when there is none
    can_close: bool  # the pair is in closure and may be closed


def allowed_moves(status: str, style: str, phase: int) -> PhaseMoves:
    """The phase moves of a pair: one phase at a time in its style's order, 1 and 2 together, close in 4."""
    if status != MatchStatus.ACTIVE:
        return PhaseMoves(None, False, None, False)
    return PhaseMoves(
        _following(style, phase), phase == Phase.PREPARATION, _preceding(style, phase), phase == Phase.CLOSURE
    )


def advance(
    session: Session, match_id: int, on: dt.date, through_negotiation: bool = False, version: int | None = None
) -> int:
    """Complete the current phase and start the next; ``through_negotiation`` completes 1 and 2 together.
    ``version``: the pair's as the screen showed it (refused when someone else saved the pair since)."""
    match = _active(session, match_id, version)
    following = next_phase(match)
    if following is None:
        raise ValidationError(_("The pair is in its last phase; close it instead."))
    if through_negotiation:
        if match.phase != Phase.PREPARATION:
            raise ValidationError(_("Only preparation and negotiation can be completed together."))
        _progress(match, Phase.PREPARATION).completed_on = on
        negotiation = _progress(match, Phase.NEGOTIATION)
        negotiation.started_on = negotiation.started_on or on
        match.phase = Phase.NEGOTIATION
        following = next_phase(match)
    current = _progress(match, match.phase)
    current.started_on = current.started_on or on
    current.completed_on = on
    for skipped_phase in range(match.phase + 1, following):  # a phase the style skips is marked skipped
        skipped = _progress(match, skipped_phase)
        skipped.skipped, skipped.started_on, skipped.completed_on = True, None, None
    started = _progress(match, following)
    started.started_on, started.completed_on, started.skipped = on, None, False
    match.phase = following
    if match.start_date is None:
        match.start_date = on
    session.flush()
    return following


def go_back(session: Session, match_id: int, version: int | None = None) -> int:
    """Return to the previous phase (a mistake, or goals to negotiate again); ticks are kept. ``version``:
    the pair's as the screen showed it."""
    match = _active(session, match_id, version)
    previous = previous_phase(match)
    if previous is None:
        raise ValidationError(_("The pair is in its first phase."))
    _progress(match, match.phase).started_on = None
    _progress(match, previous).completed_on = None
    match.phase = previous
    session.flush()
    return previous


def close_pair(session: Session, match_id: int, on: dt.date, version: int | None = None) -> Match:
    """Close a pair that has reached closure: the cycle is complete (final evaluation and certificates next).
    ``version``: the pair's as the screen showed it."""
    match = _active(session, match_id, version)
    if match.phase != Phase.CLOSURE:
        raise ValidationError(_("A pair is closed in its closure phase; move it on first."))
    if on < match.created_on:
        raise ValidationError(_("A pair cannot end before it began."), "closed_on")
    _progress(match, Phase.CLOSURE).completed_on = on
    match.status = MatchStatus.CLOSED
    match.closed_on = on
    session.flush()
    return match


def tick(session: Session, match_id: int, phase: int, item_key: str, done_on: dt.date | None) -> None:
    """Tick (with its date) or untick one checklist item of a phase."""
    match = session.get_one(Match, match_id)
    check_phase(phase)
    if item_key not in phase_keys(phase):
        raise ValidationError(_("Unknown checklist item: {item}.").format(item=item_key))
    if not has_phase(match.style, phase):
        raise ValidationError(_("Flash mentoring skips the activation phase."))
    progress = _progress(match, phase)
    session.flush()
    existing = session.scalar(
        select(ChecklistTick).where(ChecklistTick.phase_progress_id == progress.id, ChecklistTick.item_key == item_key)
    )
    if done_on is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(ChecklistTick(phase_progress_id=progress.id, item_key=item_key, done_on=done_on))
    else:
        existing.done_on = done_on
    session.flush()


def set_notes(session: Session, match_id: int, phase: int, notes: str, seen: Seen | None = None) -> None:
    """A phase's notes. ``seen``: the phase's row as the screen showed it (``Seen(None)``: none yet); refused
    when someone else saved the phase since (``core/versions.py``)."""
    check_phase(phase)
    match = session.get_one(Match, match_id, with_for_update=True)  # the pair's phases are ours till commit
    versions.check_seen(next((p for p in match.phases if p.phase == phase), None), seen)
    _progress(match, phase).notes = notes.strip()
    session.flush()


def checklist_state(session: Session, match_id: int) -> dict[int, dict[str, dt.date]]:
    """phase → {item: date ticked}."""
    rows = session.execute(
        select(PhaseProgress.phase, ChecklistTick.item_key, ChecklistTick.done_on)
        .join(ChecklistTick, ChecklistTick.phase_progress_id == PhaseProgress.id)
        .where(PhaseProgress.match_id == match_id)
    )
    state: dict[int, dict[str, dt.date]] = {}
    for phase, key, done_on in rows:
        state.setdefault(phase, {})[key] = done_on
    return state
