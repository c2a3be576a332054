"""Meetings of a pair: log what happened, plan the next, apply a meeting plan, count hours, export.

Two plans come from the seeds: the Dutch toolbox's five meetings across the first study year, and a
four-month WESTEM plan following the mentoring cycle. Planned meetings can be edited like any other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from westem_desktop.core.cycle import check_phase
from westem_desktop.core.enums import MatchStatus, MeetingStatus, Mode
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.io.files import write_private
from westem_desktop.core.io.table_writer import write_table
from westem_desktop.core.labels import value_label
from westem_desktop.core.models import Match, Meeting, Programme
from westem_desktop.core.names import person_name
from westem_desktop.core.versions import current
from westem_desktop.i18n import N_, _, format_date

MIN_MINUTES, MAX_MINUTES = 5, 240


@dataclass(frozen=True)
class PlannedStep:
    week: int  # weeks after the plan's start
    topic: str  # msgid, translated when the plan is applied
    phase: int | None = None


PLANS: dict[str, tuple[str, tuple[PlannedStep, ...]]] = {
    # Gender Include IT toolbox: the first meeting in week 3-4 of the first quartile, one per quartile after.
    "first_year_five_meetings": (
        N_("Five meetings across the first study year"),
        (
            PlannedStep(3, N_("Culture of the study programme: how the mentor experienced the first weeks")),
            PlannedStep(7, N_("Teachers and fellow students: how people work together")),
            PlannedStep(11, N_("Study experiences: reports, exams, planning, useful courses")),
            PlannedStep(24, N_("Personal qualities: strengths and points to develop")),
            PlannedStep(36, N_("Experiences with fellow students and teachers, and how the mentoring went")),
        ),
    ),
    # WESTEM: phases 1-2 in the first meeting, activation over the months, a last meeting at four months.
    "westem_four_months": (
        N_("Four months through the mentoring cycle"),
        (
            PlannedStep(0, N_("First meeting: get to know each other and discuss the agreement"), 1),
            PlannedStep(2, N_("Agree on goals, timeline and success criteria"), 2),
            PlannedStep(5, N_("Work towards the goals"), 3),
            PlannedStep(8, N_("Midpoint: how is it going, are we reaching the goals?"), 3),
            PlannedStep(12, N_("Work towards the goals"), 3),
            PlannedStep(16, N_("Last meeting: review the goals and the agreement, next steps"), 4),
        ),
    ),
}


def log_meeting(
    session: Session,
    match_id: int,
    date: dt.date,
    duration_minutes: int,
    *,
    status: str = MeetingStatus.HELD,
    mode: str | None = None,
    phase: int | None = None,
    topics: str = "",
    private_notes: str = "",
    today: dt.date | None = None,
) -> Meeting:
    """Record a meeting that took place (or plan one); refuses what cannot be right."""
    today = today or dt.date.today()
    match = session.get_one(Match, match_id)
    _check(match, date, duration_minutes, status, mode, phase, today)
    meeting = Meeting(
        match_id=match_id,
        status=status,
        date=date,
        duration_minutes=duration_minutes,
        mode=mode,
        phase=phase or match.phase,
        topics=topics.strip(),
        private_notes=private_notes.strip(),
    )
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(
    session: Session, meeting_id: int, today: dt.date | None = None, *, version: int | None = None, **values: object
) -> Meeting:
    """Change a meeting (a planned one that took place, or a correction), by the same rules. ``version``: the
    meeting's as the screen showed it (refused when someone else saved it since, ``core/versions.py``)."""
    today = today or dt.date.today()
    meeting = (
        session.get_one(Meeting, meeting_id) if version is None else current(session, Meeting, meeting_id, version)
    )
    merged = {
        "date": meeting.date,
        "duration_minutes": meeting.duration_minutes,
        "status": meeting.status,
        "mode": meeting.mode,
        "phase": meeting.phase,
        "topics": meeting.topics,
        "private_notes": meeting.private_notes,
        **values,
    }
    _check(
        meeting.match,
        merged["date"],
        merged["duration_minutes"],
        merged["status"],
        merged["mode"],
        merged["phase"],
        today,
    )
    for key, value in merged.items():
        setattr(meeting, key, value.strip() if isinstance(value, str) and key in ("topics", "private_notes") else value)
    session.flush()
    return meeting


def delete_meeting(session: Session, meeting_id: int) -> None:
    session.delete(session.get_one(Meeting, meeting_id))
    session.flush()


def check_meeting_date(match: Match, date: dt.date) -> None:
    """A meeting of a pair falls between the day the pair was formed and the day it closed or ended."""
    if date < match.created_on:
        raise ValidationError(
            _("The pair was formed on {date}; a meeting cannot be dated before that.").format(
                date=format_date(match.created_on)
            ),
            "date",
        )
    finished = match.closed_on or match.ended_on
    if finished is not None and date > finished:
        raise ValidationError(
            _("The pair closed or ended on {date}; a meeting cannot be dated after that.").format(
                date=format_date(finished)
            ),
            "date",
        )


def _check(
    match: Match,
    date: dt.date,
    duration_minutes: int,
    status: str,
    mode: str | None,
    phase: int | None,
    today: dt.date,
) -> None:
    if status not in (s.value for s in MeetingStatus):
        raise ValidationError(_("Unknown status: {status}.").format(status=status), "status")
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise ValidationError(
            _("A meeting lasts from {low} to {high} minutes.").format(low=MIN_MINUTES, high=MAX_MINUTES), "duration"
        )
    if status == MeetingStatus.HELD and date > today:
        raise ValidationError(_("A meeting that took place cannot be in the future; plan it instead."), "date")
    check_meeting_date(match, date)
    if mode not in (None, *(m.value for m in Mode)):
        raise ValidationError(_("Unknown mode: {mode}.").format(mode=mode), "mode")
    if phase is not None:
        check_phase(phase, "phase")


@dataclass(frozen=True)
class MeetingStats:
    held: int
    minutes: int
    expected_minutes: int  # the programme's expected hours a month, since the pair started
    planned: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


def meeting_stats(session: Session, match_id: int, today: dt.date | None = None) -> MeetingStats:
    today = today or dt.date.today()
    match = session.get_one(Match, match_id)
    held, minutes = session.execute(
        select(func.count(), func.coalesce(func.sum(Meeting.duration_minutes), 0)).where(
            Meeting.match_id == match_id, Meeting.status == MeetingStatus.HELD
        )
    ).one()
    planned = session.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.match_id == match_id, Meeting.status == MeetingStatus.PLANNED)
    )
    start = match.start_date or match.created_on
    end = match.closed_on or match.ended_on or today
    months = max(0.0, (end - start).days / 30.44)
    expected = round(match.programme.expected_hours_per_month * 60 * months)
    return MeetingStats(held=held, minutes=int(minutes), expected_minutes=expected, planned=planned or 0)


def apply_plan(session: Session, match_ids: list[int], plan: str, start: dt.date) -> int:
    """Add the plan's meetings as planned meetings (45 minutes, topics in the interface language).

    For a pair formed after ``start`` the plan starts on the day it was formed (no meeting before that)."""
    if plan not in PLANS:
        raise ValidationError(_("Unknown meeting plan: {plan}.").format(plan=plan))
    _title, steps = PLANS[plan]
    count = 0
    for match_id in match_ids:
        match = session.get_one(Match, match_id)
        if match.status != MatchStatus.ACTIVE:
            continue
        begin = max(start, match.created_on)
        for number, step in enumerate(steps, start=1):
            session.add(
                Meeting(
                    match_id=match_id,
                    status=MeetingStatus.PLANNED,
                    date=begin + dt.timedelta(weeks=step.week),
                    duration_minutes=45,
                    phase=step.phase,
                    topics=_(step.topic),
                    plan_template=plan,
                    plan_step=number,
                )
            )
            count += 1
    session.flush()
    return count


def _planned(session: Session, programme_id: int) -> list[Meeting]:
    query = (
        select(Meeting)
        .join(Match)
        .where(
            Match.programme_id == programme_id,
            Match.status == MatchStatus.ACTIVE,
            Meeting.status == MeetingStatus.PLANNED,
        )
        .order_by(Meeting.date)
    )
    return list(session.scalars(query))


def export_ics(session: Session, programme_id: int, path: Path) -> int:
    """Planned meetings as an iCalendar file for the coordinator's calendar (no private notes)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//WESTEM Desktop//EN")
    calendar.add("version", "2.0")
    programme = session.get_one(Programme, programme_id)
    meetings = _planned(session, programme_id)
    for meeting in meetings:
        match = meeting.match
        event = Event()
        event.add("uid", f"westem-meeting-{meeting.id}@westem-desktop")
        event.add(
            "summary",
            _("Mentoring: {mentor} and {mentee}").format(
                mentor=person_name(match.mentor), mentee=person_name(match.mentee)
            ),
        )
        if meeting.start_time is not None:
            start = dt.datetime.combine(meeting.date, meeting.start_time)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=meeting.duration_minutes))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        event.add("description", meeting.topics)
        event.add("categories", [programme.name])
        event.add("dtstamp", dt.datetime.now(dt.UTC))
        calendar.add_component(event)
    write_private(path, calendar.to_ical())
    return len(meetings)


def export_meetings(session: Session, programme_id: int, path: Path) -> int:
    """Every meeting with its pair, date, minutes, mode, phase and topics (CSV or XLSX; no private notes)."""
    headers = [
        _("Pair"),
        _("Mentor"),
        _("Mentee"),
        _("Date"),
        _("Status"),
        _("Minutes"),
        _("Mode"),
        _("Phase"),
        _("Topics"),
    ]
    query = select(Meeting).join(Match).where(Match.programme_id == programme_id).order_by(Meeting.date, Meeting.id)
    rows = (
        (
            m.match_id,
            person_name(m.match.mentor),
            person_name(m.match.mentee),
            m.date,
            value_label(MeetingStatus, m.status),
            m.duration_minutes,
            value_label(Mode, m.mode) if m.mode else "",
            m.phase,
            m.topics,
        )
        for m in session.scalars(query)
    )
    return write_table(path, headers, rows, _("Meetings"))
