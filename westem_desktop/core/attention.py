"""Pairs that need the coordinator: quiet for weeks, past four months, no signed agreement in activation,
ending within two weeks, or never in contact after being paired."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from westem_desktop.core.enums import AgreementStatus, MatchStatus, MeetingStatus, Phase, Style
from westem_desktop.core.models import Agreement, Match, Meeting, Programme
from westem_desktop.i18n import _, format_date

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


def attention_list(session: Session, programme_id: int, today: dt.date | None = None) -> list[Attention]:
    today = today or dt.date.today()
    programme = session.get_one(Programme, programme_id)
    quiet_after = dt.timedelta(weeks=programme.attention_weeks or 4)
    pairs = session.execute(  # the columns only, and only the programme's meetings and agreements
        select(
            Match.id,
            Match.start_date,
            Match.created_on,
            Match.style,
            Match.phase,
            Match.planned_end_date,
            Match.first_contact_on,
        )
        .where(Match.programme_id == programme_id, Match.status == MatchStatus.ACTIVE)
        .order_by(Match.id)
    ).all()
    ours = Match.programme_id == programme_id
    last_meeting = dict(
        session.execute(
            select(Meeting.match_id, func.max(Meeting.date))
            .join(Match, Match.id == Meeting.match_id)
            .where(ours, Meeting.status == MeetingStatus.HELD, Meeting.date <= today)
            .group_by(Meeting.match_id)
        ).all()
    )
    signed = set(
        session.scalars(
            select(Agreement.match_id)
            .join(Match, Match.id == Agreement.match_id)
            .where(ours, Agreement.status == AgreementStatus.SIGNED)
        )
    )
    found: list[Attention] = []
    for pair in pairs:
        begin = pair.start_date or pair.created_on
        last = last_meeting.get(pair.id)
        if (last or begin) <= today - quiet_after:
            found.append(Attention(pair.id, Reason.NO_MEETING, last))
        if pair.style == Style.TRADITIONAL and begin <= today - FOUR_MONTHS:
            found.append(Attention(pair.id, Reason.OVER_FOUR_MONTHS, begin))
        if pair.phase >= Phase.ACTIVATION and pair.style == Style.TRADITIONAL and pair.id not in signed:
            found.append(Attention(pair.id, Reason.NO_SIGNED_AGREEMENT))
        if pair.planned_end_date and today <= pair.planned_end_date <= today + ENDING_SOON:
            found.append(Attention(pair.id, Reason.ENDING_SOON, pair.planned_end_date))
        if pair.first_contact_on is None and pair.created_on <= today - CONTACT_GRACE:
            found.append(Attention(pair.id, Reason.NO_FIRST_CONTACT, pair.created_on))
    return found
