"""Pairs that need the coordinator: quiet for weeks, past four months, no signed agreement in activation,
ending within two weeks, or never in contact after being paired."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from westem_desktop.core.enums import AgreementStatus, MatchStatus, MeetingStatus, Phase, Style
from westem_desktop.i18n import _, format_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FOUR_MONTHS = dt.timedelta(days=122)
ENDING_SOON = dt.timedelta(weeks=2)
CONTACT_GRACE = dt.timedelta(weeks=1)


class Reason(StrEnum):
    NO_MEETING = "no_meeting"
    OVER_FOUR_MONTHS = "over_four_months"
    NO_SIGNED_AGREEMENT = "no_signed_agreement"
    ENDING_SOON = "ending_soon"
    NO_FIRST_CONTACT = "no_first_contact"


@dataclass(frozen=True)
class Attention:
    match_id: int
    reason: Reason
    since: dt.date | None = None

    def text(self) -> str:
        when = format_date(self.since) if self.since else ""
        return {
            Reason.NO_MEETING: _("No meeting since {date}").format(date=when) if when else _("No meeting yet"),
            Reason.OVER_FOUR_MONTHS: _("Started more than four months ago ({date})").format(date=when),
            Reason.NO_SIGNED_AGREEMENT: _("In activation without a signed agreement"),
            Reason.ENDING_SOON: _("Ends within two weeks ({date})").format(date=when),
            Reason.NO_FIRST_CONTACT: _("No first contact since pairing on {date}").format(date=when),
        }[self.reason]


_PROGRAMME = "SELECT attention_weeks FROM programme WHERE id = ?"
_PAIRS = (
    "SELECT id, start_date, created_on, style, phase, planned_end_date, first_contact_on FROM match "
    "WHERE programme_id = ? AND status = ? ORDER BY id"
)
_LAST_MEETINGS = (
    "SELECT t.match_id, max(t.date) FROM meeting t JOIN match m ON m.id = t.match_id "
    "WHERE m.programme_id = ? AND t.status = ? AND t.date <= ? GROUP BY t.match_id"
)
_SIGNED = (
    "SELECT a.match_id FROM agreement a JOIN match m ON m.id = a.match_id WHERE m.programme_id = ? AND a.status = ?"
)


def _rows(source: sqlite3.Connection | Session, sql: str, params: tuple) -> list[tuple]:
    from westem_desktop.core.db import plain_rows

    if not isinstance(source, sqlite3.Connection) and hasattr(source, "flush"):
        source.flush()  # what the session changed is read too, as an ORM query would (autoflush)
    return plain_rows(source, sql, params)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def attention_list(
    source: sqlite3.Connection | Session, programme_id: int, today: dt.date | None = None
) -> list[Attention]:
    """The programme's active pairs that need the coordinator, each reason once, by pair. Read through a
    plain ``sqlite3`` connection (the Cycle tab: no storage library loaded) or an ORM session, in four
    statements over the programme's own pairs, meetings and agreements."""
    today = today or dt.date.today()
    weeks = _rows(source, _PROGRAMME, (programme_id,))
    quiet_after = dt.timedelta(weeks=(weeks[0][0] if weeks else None) or 4)
    pairs = [
        (pid, _day(start), _day(created), style, phase, _day(planned_end), _day(contact))
        for pid, start, created, style, phase, planned_end, contact in _rows(
            source, _PAIRS, (programme_id, MatchStatus.ACTIVE.value)
        )
    ]
    last_meeting = {
        match_id: _day(last)
        for match_id, last in _rows(source, _LAST_MEETINGS, (programme_id, MeetingStatus.HELD.value, today.isoformat()))
    }
    signed = {match_id for (match_id,) in _rows(source, _SIGNED, (programme_id, AgreementStatus.SIGNED.value))}
    found: list[Attention] = []
    for pair_id, start, created_on, style, phase, planned_end, first_contact in pairs:
        begin = start or created_on
        last = last_meeting.get(pair_id)
        if (last or begin) <= today - quiet_after:
            found.append(Attention(pair_id, Reason.NO_MEETING, last))
        if style == Style.TRADITIONAL and begin <= today - FOUR_MONTHS:
            found.append(Attention(pair_id, Reason.OVER_FOUR_MONTHS, begin))
        if phase >= Phase.ACTIVATION and style == Style.TRADITIONAL and pair_id not in signed:
            found.append(Attention(pair_id, Reason.NO_SIGNED_AGREEMENT))
        if planned_end and today <= planned_end <= today + ENDING_SOON:
            found.append(Attention(pair_id, Reason.ENDING_SOON, planned_end))
        if first_contact is None and created_on <= today - CONTACT_GRACE:
            found.append(Attention(pair_id, Reason.NO_FIRST_CONTACT, created_on))
    return found
