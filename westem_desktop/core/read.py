"""Fast read-only queries over a plain connection (``Database.read()``: ``sqlite3``, or its likeness on a
server), in SQL both engines run.

What the main window shows the moment it opens (the programmes, their head counts) is read here,
without SQLAlchemy, so that a coordinator's window is up as fast as a bare Qt window (see
``core/db.py``). Writes and rules go through the services and their ORM sessions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import NamedTuple

from westem_desktop.core.enums import MatchStatus, Role
from westem_desktop.core.names import display_name

# Named tuples rather than dataclasses: these are defined while the window opens, and a dataclass
# costs about half a millisecond to define.


class ProgrammeSummary(NamedTuple):
    id: int
    name: str


class Overview(NamedTuple):
    """The head counts of one programme (erased participants are not counted)."""

    mentors: int = 0
    mentees: int = 0
    active_pairs: int = 0
    closed_pairs: int = 0
    pairs_by_phase: Mapping[int, int] = MappingProxyType({})

    @property
    def participants(self) -> int:
        return self.mentors + self.mentees

    @property
    def pairs(self) -> int:
        """Every pair formed: active and closed (pairs ended early are not counted)."""
        return self.active_pairs + self.closed_pairs


def list_programmes(conn: sqlite3.Connection) -> list[ProgrammeSummary]:
    """Every programme, the newest start first."""
    rows = conn.execute(
        "SELECT id, name FROM programme ORDER BY start_date IS NULL, start_date DESC, lower(name), name"
    )
    return [ProgrammeSummary(pid, name) for pid, name in rows]


def programme_overview(conn: sqlite3.Connection, programme_id: int) -> Overview:
    roles = dict(
        conn.execute(
            "SELECT role, count(*) FROM participant WHERE programme_id = ? AND erased_at IS NULL GROUP BY role",
            (programme_id,),
        ).fetchall()
    )
    by_status_phase = conn.execute(
        "SELECT status, phase, count(*) FROM match WHERE programme_id = ? GROUP BY status, phase", (programme_id,)
    ).fetchall()
    active = {phase: n for status, phase, n in by_status_phase if status == MatchStatus.ACTIVE}
    closed = sum(n for status, _phase, n in by_status_phase if status == MatchStatus.CLOSED)
    return Overview(
        mentors=roles.get(Role.MENTOR.value, 0),
        mentees=roles.get(Role.MENTEE.value, 0),
        active_pairs=sum(active.values()),
        closed_pairs=closed,
        pairs_by_phase=active,
    )


class ParticipantRow(NamedTuple):
    """One line of the Participants table (a named tuple: 10,000 of them are built at once)."""

    id: int
    name: str
    role: str
    email: str
    fields: tuple[str, ...]
    year_of_study: int | None
    languages: tuple[str, ...]
    country: str
    interests: tuple[str, ...]
    status: str
    onboarding_done: int
    matched: bool
    erased: bool
    row_version: int = 0  # her version as read: a delete passes it (core/versions.py)


def participant_names(conn: sqlite3.Connection, programme_id: int) -> list[tuple[int, str, bool]]:
    """(id, name, erased) of every participant of the programme, in no particular order."""
    return conn.execute(
        "SELECT id, name, erased_at IS NOT NULL FROM participant WHERE programme_id = ?", (programme_id,)
    ).fetchall()


def participant_rows(
    conn: sqlite3.Connection, programme_id: int, ids: Collection[int] | None = None
) -> list[ParticipantRow]:
    """Every participant of the programme (or those of ``ids``), by name, with onboarding progress and
    whether she has an active pair.

    The JSON lists repeat a lot ("sv, en"), so each distinct text is parsed once.
    """
    import json

    only = "" if ids is None else f" AND id IN ({', '.join(str(int(i)) for i in ids) or 'NULL'})"
    mentors, mentees = only.replace("id", "mentor_id"), only.replace("id", "mentee_id")

    matched = {
        pid
        for (pid,) in conn.execute(
            f"SELECT mentor_id FROM match WHERE programme_id = ? AND status = 'active'{mentors} "
            f"UNION SELECT mentee_id FROM match WHERE programme_id = ? AND status = 'active'{mentees}",
            (programme_id, programme_id),
        )
    }
    onboarding = dict(
        conn.execute(
            "SELECT o.participant_id, count(*) FROM onboarding_item o JOIN participant p ON p.id = o.participant_id "
            f"WHERE p.programme_id = ?{only.replace('id IN', 'p.id IN')} GROUP BY o.participant_id",
            (programme_id,),
        ).fetchall()
    )
    parsed: dict[str, tuple[str, ...]] = {}

    def items(text: str) -> tuple[str, ...]:
        value = parsed.get(text)
        if value is None:
            value = parsed[text] = tuple(json.loads(text))
        return value

    query = (
        "SELECT id, name, role, coalesce(email, ''), fields, year_of_study, languages, country, interests, status, "
        f"erased_at IS NOT NULL, row_version FROM participant WHERE programme_id = ?{only}"
    )
    rows = [
        ParticipantRow(
            pid,
            name,
            role,
            email,
            items(fields),
            year,
            items(languages),
            country,
            items(interests),
            status,
            onboarding.get(pid, 0),
            pid in matched,
            bool(erased),
            version,
        )
        for pid, name, role, email, fields, year, languages, country, interests, status, erased, version in (
            conn.execute(query, (programme_id,))
        )
    ]
    rows.sort(key=lambda row: (row.name.casefold(), row.id))
    return rows


class PairRow(NamedTuple):
    id: int
    mentor_id: int
    mentor: str
    mentee_id: int
    mentee: str
    status: str
    style: str
    phase: int
    start: str  # ISO date: the start, else the day the pair was formed
    group_size: int  # active mentees of the same mentor
    score: float | None
    row_version: int = 0  # the pair's version as read: a save passes it (core/versions.py)


class FreePerson(NamedTuple):
    id: int
    name: str
    languages: tuple[str, ...]  # codes ("sv", "en"): shown by their names
    fields: tuple[str, ...]
    free_places: int


def pair_rows(conn: sqlite3.Connection, programme_id: int) -> list[PairRow]:
    """Every pair of the programme with the names, newest first (erased people by ``display_name``)."""
    query = """
        SELECT m.id, m.mentor_id, a.name, a.erased_at IS NOT NULL, m.mentee_id, e.name, e.erased_at IS NOT NULL,
               m.status, m.style, m.phase, coalesce(m.start_date, m.created_on), m.score, m.row_version
        FROM match m JOIN participant a ON a.id = m.mentor_id JOIN participant e ON e.id = m.mentee_id
        WHERE m.programme_id = ? ORDER BY m.id DESC
    """
    rows = conn.execute(query, (programme_id,)).fetchall()
    groups: dict[int, int] = {}
    for row in rows:
        if row[7] == MatchStatus.ACTIVE:
            groups[row[1]] = groups.get(row[1], 0) + 1
    return [
        PairRow(
            row[0],
            row[1],
            display_name(row[1], row[2], row[3]),
            row[4],
            display_name(row[4], row[5], row[6]),
            row[7],
            row[8],
            row[9],
            row[10] or "",
            groups.get(row[1], 0) if row[7] == MatchStatus.ACTIVE else 0,
            row[11],
            row[12],
        )
        for row in rows
    ]


def free_people(conn: sqlite3.Connection, programme_id: int) -> tuple[list[FreePerson], list[FreePerson]]:
    """(mentees in the matching pool, mentors with free places), by name as the interface language sorts
    names (the rule: ``core/pool.py``)."""
    import json
    from operator import attrgetter

    from westem_desktop.core.collation import sorted_by_name
    from westem_desktop.core.pool import matching_pool

    pool = matching_pool(conn, programme_id)
    wanted = sorted(pool.mentees | pool.free_places.keys())
    mentees, mentors = [], []
    # The ids are integers of our own, written into the SQL as in ``participant_rows`` (portable SQL).
    ids = ", ".join(str(int(i)) for i in wanted) or "NULL"
    query = f"SELECT id, name, role, languages, fields FROM participant WHERE id IN ({ids}) ORDER BY id"
    for pid, name, role, languages, fields in conn.execute(query):
        langs, flds = tuple(json.loads(languages)), tuple(json.loads(fields))
        if role == Role.MENTEE:
            mentees.append(FreePerson(pid, name, langs, flds, 1))
        else:
            mentors.append(FreePerson(pid, name, langs, flds, pool.free_places[pid]))
    return sorted_by_name(mentees, attrgetter("name")), sorted_by_name(mentors, attrgetter("name"))
