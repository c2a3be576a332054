"""Read models of the Matches tab and its dialogs: the pairs, the people free to pair, what the suggestions
start from, and the mentees' requests with their answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from westem_desktop.core.read import FreePerson, PairRow, free_people, pair_rows

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.matching import Candidate, Level
    from westem_desktop.core.pairs import RequestRow


class MatchesView(NamedTuple):
    pairs: list[PairRow]  # newest first
    mentees: list[FreePerson]  # without a pair, by name
    mentors: list[FreePerson]  # with free places, by name


def matches_view(db: Database, programme_id: int) -> MatchesView:
    conn = db.read()
    mentees, mentors = free_people(conn, programme_id)
    return MatchesView(pair_rows(conn, programme_id), mentees, mentors)


class SuggestionInputs(NamedTuple):
    """What the suggestions dialog starts from (``core.pairs.load_candidates``) and the names it shows."""

    levels: dict[str, Level]
    mentees: list[Candidate]
    mentors: list[Candidate]
    excluded: set[tuple[int, int]]
    names: dict[int, str]


def suggestion_inputs(db: Database, programme_id: int) -> SuggestionInputs:
    from sqlalchemy import select

    from westem_desktop.core.models import Participant, Programme
    from westem_desktop.core.names import person_name
    from westem_desktop.core.pairs import levels_of, load_candidates

    with db.reading() as session:
        levels = levels_of(session.get_one(Programme, programme_id))
        mentees, mentors, excluded = load_candidates(session, programme_id)
        ids = {c.id for c in (*mentees, *mentors)}
        people = session.scalars(select(Participant).where(Participant.programme_id == programme_id))
        names = {p.id: person_name(p) for p in people if p.id in ids}
    return SuggestionInputs(levels, mentees, mentors, excluded, names)


def requests(db: Database, programme_id: int) -> list[RequestRow]:
    """Every request with its answer in words, the ones waiting for the mentor first (``core.pairs``)."""
    from westem_desktop.core.pairs import request_rows

    with db.reading() as session:
        return request_rows(session, programme_id)
