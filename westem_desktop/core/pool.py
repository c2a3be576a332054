"""The matching pool: which mentees wait for a mentor, and how many places each mentor has free.

One rule for the Matches tab, the requests, Suggest pairs, pairing by hand and the command line:

- A mentee is in the pool while she is active and not erased and has no pair of her current round:
  no active pair, and no pair closed or ended since she enrolled. A closed or ended pair keeps her out
  until the coordinator re-enrols her for a new round (``reenrol``, with a date); from then on only
  pairs formed on or after that day count.
- A mentor's free places are her capacity less her active pairs, while she is active and not erased:
  a place comes back when a pair closes or ends, unless she is marked completed or withdrawn.

The rule is written once as SQL and runs over the fast ``sqlite3`` reader of the screens as well as
over an ORM session. The storage library and the models are imported by the functions that take a
session: the Matches tab reads the pool without loading them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from westem_desktop.core.enums import MatchStatus, ParticipantStatus, Role
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.names import person_name
from westem_desktop.i18n import _, format_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from westem_desktop.core.models import Match, Participant

# Mentees kept out of the pool by a pair of their current round.
_IN_A_ROUND = """
    SELECT DISTINCT m.mentee_id FROM match m JOIN participant p ON p.id = m.mentee_id
    WHERE m.programme_id = ?
      AND (m.status = 'active' OR p.enrolled_on IS NULL OR m.created_on >= p.enrolled_on)
"""
_LOADS = "SELECT mentor_id, count(*) FROM match WHERE programme_id = ? AND status = 'active' GROUP BY mentor_id"
_PEOPLE = """
    SELECT id, role, capacity FROM participant
    WHERE programme_id = ? AND status = 'active' AND erased_at IS NULL
"""


class Pool(NamedTuple):
    """The mentees waiting for a mentor, and each mentor with free places (mentor id → free places)."""

    mentees: frozenset[int]
    free_places: dict[int, int]


def _rows(source: sqlite3.Connection | Session, sql: str, params: tuple) -> list[tuple]:
    from westem_desktop.core.db import plain_rows

    return plain_rows(source, sql, params)


def _in_a_round(source: sqlite3.Connection | Session, programme_id: int, mentee_id: int | None = None) -> set[int]:
    sql, params = _IN_A_ROUND, (programme_id,)
    if mentee_id is not None:
        sql, params = sql + " AND m.mentee_id = ?", (programme_id, mentee_id)
    return {mentee for (mentee,) in _rows(source, sql, params)}


def _loads(source: sqlite3.Connection | Session, programme_id: int) -> dict[int, int]:
    return dict(_rows(source, _LOADS, (programme_id,)))


def _free(capacity: int, load: int) -> int:
    return max(0, capacity - load)


def matching_pool(source: sqlite3.Connection | Session, programme_id: int) -> Pool:
    """The programme's pool, read through a plain ``sqlite3`` connection or an ORM session."""
    taken = _in_a_round(source, programme_id)
    loads = _loads(source, programme_id)
    mentees: set[int] = set()
    places: dict[int, int] = {}
    for pid, role, capacity in _rows(source, _PEOPLE, (programme_id,)):
        if role == Role.MENTEE and pid not in taken:
            mentees.add(pid)
        elif role == Role.MENTOR and _free(capacity, loads.get(pid, 0)):
            places[pid] = _free(capacity, loads.get(pid, 0))
    return Pool(frozenset(mentees), places)


def _has_active_pair(session: Session, mentee: Participant) -> bool:
    from sqlalchemy import select

    from westem_desktop.core.models import Match

    query = select(Match.id).where(Match.mentee_id == mentee.id, Match.status == MatchStatus.ACTIVE).limit(1)
    return session.scalar(query) is not None


def check_waiting(session: Session, mentee: Participant) -> None:
    """Refuse, with the reason, a mentee who cannot be paired now (already paired, or her round is over)."""
    if _has_active_pair(session, mentee):
        raise ValidationError(_("{name} already has a mentor.").format(name=person_name(mentee)))
    if _in_a_round(session, mentee.programme_id, mentee.id):
        raise ValidationError(
            _("{name}’s pair was closed or ended. Re-enrol her for a new round before pairing her again.").format(
                name=person_name(mentee)
            )
        )


def free_places(session: Session, mentor: Participant) -> int:
    """How many more mentees the mentor can take now (none while she is not active)."""
    if mentor.status != ParticipantStatus.ACTIVE or mentor.erased_at is not None:
        return 0
    return _free(mentor.capacity, _loads(session, mentor.programme_id).get(mentor.id, 0))


def _finished_on(pair: Match) -> dt.date | None:
    return pair.closed_on or pair.ended_on


def reenrol(session: Session, participant_id: int, on: dt.date) -> None:
    """Enrol a participant for a new round from ``on``: a mentee whose pair was closed or ended goes back
    into the pool; a mentor marked completed or withdrawn takes mentees again."""
    from sqlalchemy import select

    from westem_desktop.core.models import Match, Participant

    person = session.get_one(Participant, participant_id)
    name = person_name(person)
    if person.erased_at is not None:
        raise ValidationError(_("An erased participant cannot be enrolled again."))
    if person.role == Role.MENTOR:
        if person.status == ParticipantStatus.ACTIVE:
            raise ValidationError(_("{name} is already taking part.").format(name=name))
        person.status = ParticipantStatus.ACTIVE
        person.enrolled_on = on
        session.flush()
        return
    pairs = list(session.scalars(select(Match).where(Match.mentee_id == person.id)))
    if any(pair.status == MatchStatus.ACTIVE for pair in pairs):
        raise ValidationError(_("{name} is in an active pair; close or end it first.").format(name=name))
    if person.status == ParticipantStatus.ACTIVE and not _in_a_round(session, person.programme_id, person.id):
        raise ValidationError(_("{name} is already waiting for a mentor.").format(name=name))
    last_formed = max((pair.created_on for pair in pairs), default=None)
    last_finished = max((d for d in map(_finished_on, pairs) if d is not None), default=None)
    if last_finished is not None and on < last_finished:
        raise ValidationError(
            _("A new round cannot start before her last pair finished ({date}).").format(
                date=format_date(last_finished)
            ),
            "enrolled_on",
        )
    if last_formed is not None and on <= last_formed:
        raise ValidationError(
            _("A new round starts after the day her last pair was formed ({date}).").format(
                date=format_date(last_formed)
            ),
            "enrolled_on",
        )
    person.status = ParticipantStatus.ACTIVE
    person.enrolled_on = on
    session.flush()
