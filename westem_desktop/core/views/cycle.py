"""Read models of the Cycle tab: the pairs of every status with their meetings, the pairs that need the
coordinator, and the selected pair's panel (phases, checklists, notes, allowed moves, meetings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from westem_desktop.core.collation import collator
from westem_desktop.core.enums import MatchStatus, MeetingStatus
from westem_desktop.core.read import pair_rows
from westem_desktop.core.versions import Seen

if TYPE_CHECKING:
    from westem_desktop.core.attention import Attention
    from westem_desktop.core.cycle import PhaseMoves
    from westem_desktop.core.db import Database
    from westem_desktop.core.meetings import MeetingStats


class CyclePair(NamedTuple):
    """One line of the Cycle tab's table."""

    id: int
    mentor: str
    mentee: str
    status: str
    phase: int
    style: str
    meetings: int  # held
    minutes: int  # held
    last_meeting: str  # ISO date of the last held meeting, else ""


def cycle_pairs(db: Database, programme_id: int, status: str | None = None) -> list[CyclePair]:
    """The programme's pairs of ``status`` (every pair when None) with their held meetings, by mentor and mentee.

    Names and statuses are those of ``core.read.pair_rows``: one rule for every table.
    """
    conn = db.read()
    held = {
        match_id: (count, minutes, last)
        for match_id, count, minutes, last in conn.execute(
            "SELECT t.match_id, count(*), coalesce(sum(t.duration_minutes), 0), max(t.date) "
            "FROM meeting t JOIN match m ON m.id = t.match_id "
            "WHERE m.programme_id = ? AND t.status = ? GROUP BY t.match_id",
            (programme_id, MeetingStatus.HELD.value),
        )
    }
    rows = [
        CyclePair(p.id, p.mentor, p.mentee, p.status, p.phase, p.style, *held.get(p.id, (0, 0, "")))
        for p in pair_rows(conn, programme_id)
        if status is None or p.status == status
    ]
    key = collator()
    rows.sort(key=lambda r: (key(r.mentor), key(r.mentee), r.id))
    return rows


def status_counts(rows: list[CyclePair]) -> dict[str | None, int]:
    """How many of ``rows`` are active, closed and ended; None counts them all."""
    counts: dict[str | None, int] = {s.value: 0 for s in MatchStatus}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    counts[None] = len(rows)
    return counts


def attention(db: Database, programme_id: int) -> list[Attention]:
    """The active pairs that need the coordinator, with the reason (``core.attention``), read as plain rows."""
    from westem_desktop.core.attention import attention_list

    return attention_list(db.read(), programme_id)


class MeetingLine(NamedTuple):
    id: int
    date: dt.date
    status: str
    minutes: int
    phase: int | None
    topics: str


class PairPanel(NamedTuple):
    """Everything the selected pair's panel shows. A pair that is no longer active is shown to be read:
    ``moves`` allows nothing and ``active`` is False."""

    id: int
    mentor: str
    mentee: str
    status: str
    style: str
    phase: int
    phases: tuple[int, ...]  # the phases of its style (flash skips activation)
    created_on: dt.date
    closed_on: dt.date | None
    ended_on: dt.date | None
    end_reason: str
    moves: PhaseMoves
    ticks: dict[int, dict[str, dt.date]]  # phase → {item: date ticked}
    notes: dict[int, str]  # phase → notes
    stats: MeetingStats
    meetings: tuple[MeetingLine, ...]  # newest first
    row_version: int = 0  # the pair's version as read: a phase move passes it (core/versions.py)
    notes_seen: dict[int, Seen] | None = None  # phase → its row as read: a notes save passes it

    @property
    def active(self) -> bool:
        return self.status == MatchStatus.ACTIVE


def pair_panel(db: Database, match_id: int) -> PairPanel | None:
    """The panel of one pair; None when the pair no longer exists."""
    from westem_desktop.core.cycle import allowed_moves, checklist_state, phases_of
    from westem_desktop.core.meetings import meeting_stats
    from westem_desktop.core.models import Match
    from westem_desktop.core.names import person_name

    with db.reading() as session:
        match = session.get(Match, match_id)
        if match is None:
            return None
        meetings = sorted(match.meetings, key=lambda m: (m.date, m.id), reverse=True)
        return PairPanel(
            id=match.id,
            mentor=person_name(match.mentor),
            mentee=person_name(match.mentee),
            status=match.status,
            style=match.style,
            phase=match.phase,
            phases=phases_of(match.style),
            created_on=match.created_on,
            closed_on=match.closed_on,
            ended_on=match.ended_on,
            end_reason=match.termination_reason,
            moves=allowed_moves(match.status, match.style, match.phase),
            ticks=checklist_state(session, match_id),
            notes={p.phase: p.notes for p in match.phases},
            stats=meeting_stats(session, match_id),
            meetings=tuple(
                MeetingLine(m.id, m.date, m.status, m.duration_minutes, m.phase, m.topics) for m in meetings
            ),
            row_version=match.row_version,
            notes_seen={p.phase: Seen.of(p) for p in match.phases},
        )


class MeetingValues(NamedTuple):
    """A meeting as its dialog edits it (``_asdict()`` without ``row_version`` gives the dialog's initial
    values)."""

    status: str
    date: dt.date
    duration_minutes: int
    mode: str | None
    phase: int | None
    topics: str
    private_notes: str
    row_version: int = 0  # the meeting's version as read: its save passes it (not a value the dialog edits)


def meeting_values(db: Database, meeting_id: int) -> MeetingValues:
    from westem_desktop.core.models import Meeting

    with db.reading() as session:
        m = session.get_one(Meeting, meeting_id)
        return MeetingValues(
            m.status, m.date, m.duration_minutes, m.mode, m.phase, m.topics, m.private_notes, m.row_version
        )


def export_calendar(db: Database, programme_id: int, path: Path) -> int:
    """Write the planned meetings to an .ics file; returns how many."""
    from westem_desktop.core.meetings import export_ics

    with db.reading() as session:
        return export_ics(session, programme_id, path)


def export_meetings(db: Database, programme_id: int, path: Path) -> int:
    """Write every meeting to a CSV or XLSX file; returns how many."""
    from westem_desktop.core.meetings import export_meetings as write

    with db.reading() as session:
        return write(session, programme_id, path)
