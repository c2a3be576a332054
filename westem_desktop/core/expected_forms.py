"""Which evaluation forms a programme expects, by the rule of ``core.evaluations``, over plain rows: the
Evaluations tab lists them without loading the storage library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
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


ExpectedRow = tuple[int, str, str, int | None, dt.date | None]
"""An expected form as a plain tuple: (pair, role, instrument, meeting, meeting's date)."""


def expected_rows(
    pairs: Iterable[tuple[int, str, int, str]], meetings: Iterable[tuple[int, int, dt.date]]
) -> Iterator[ExpectedRow]:
    """The rule of ``expected_forms`` over plain rows: ``pairs`` (id, style, phase, status) by id, without
    the ended ones; ``meetings`` (id, pair, date) held, by date. A list of 40,000 forms is made of tuples."""
    held: dict[int, list[tuple[int, dt.date]]] = {}
    for meeting_id, match_id, day in meetings:
        held.setdefault(match_id, []).append((meeting_id, day))
    session, midpoint_form, final = Instrument.SESSION, Instrument.MIDPOINT, Instrument.FINAL
    for match_id, style, phase, status in pairs:
        midpoint = midpoint_expected(style, phase, status)
        closed = status == MatchStatus.CLOSED
        for role in (Role.MENTOR, Role.MENTEE):
            for meeting_id, day in held.get(match_id, ()):
                yield match_id, role, session, meeting_id, day
            if midpoint:
                yield match_id, role, midpoint_form, None, None
            if closed:
                yield match_id, role, final, None, None


def forms_expected(
    pairs: Iterable[tuple[int, str, int, str]], meetings: Iterable[tuple[int, int, dt.date]]
) -> list[ExpectedForm]:
    """``expected_rows`` as ``ExpectedForm``s."""
    return [ExpectedForm(*row) for row in expected_rows(pairs, meetings)]
