"""Which evaluation forms a programme expects, by the rule of ``core.evaluations``, over plain rows: the
Evaluations tab lists them without loading the storage library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from westem_desktop.core.enums import Instrument, MatchStatus, Phase, Role
from westem_desktop.core.phases import has_phase


@dataclass(frozen=True)
class ExpectedForm:
    match_id: int
    role: str
    instrument: str
    meeting_id: int | None = None
    meeting_date: dt.date | None = None


def midpoint_expected(style: str, phase: int, status: str) -> bool:
    """The midpoint reflection is due once a pair has reached activation (or closed having gone through it)."""
    if not has_phase(style, Phase.ACTIVATION):
        return False
    return phase >= Phase.ACTIVATION or status == MatchStatus.CLOSED


def forms_expected(
    pairs: Iterable[tuple[int, str, int, str]], meetings: Iterable[tuple[int, int, dt.date]]
) -> list[ExpectedForm]:
    """The rule of ``expected_forms`` over plain rows: ``pairs`` (id, style, phase, status) by id, without
    the ended ones; ``meetings`` (id, pair, date) held, by date."""
    held: dict[int, list[tuple[int, dt.date]]] = {}
    for meeting_id, match_id, day in meetings:
        held.setdefault(match_id, []).append((meeting_id, day))
    forms: list[ExpectedForm] = []
    for match_id, style, phase, status in pairs:
        midpoint = midpoint_expected(style, phase, status)
        for role in (Role.MENTOR, Role.MENTEE):
            for meeting_id, day in held.get(match_id, ()):
                forms.append(ExpectedForm(match_id, role, Instrument.SESSION, meeting_id, day))
            if midpoint:
                forms.append(ExpectedForm(match_id, role, Instrument.MIDPOINT))
            if status == MatchStatus.CLOSED:
                forms.append(ExpectedForm(match_id, role, Instrument.FINAL))
    return forms
