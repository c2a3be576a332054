"""The mentoring cycle, meetings and the attention list: every rule, without Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select

from westem_desktop.core import participants as people
from westem_desktop.core.attention import Reason, attention_list
from westem_desktop.core.checklists import PHASE_CHECKLISTS, PHASE_QUESTIONS
from westem_desktop.core.cycle import advance, checklist_state, close_pair, go_back, set_notes, tick
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.meetings import PLANS, apply_plan, export_ics, export_meetings, log_meeting, meeting_stats
from westem_desktop.core.models import Agreement, Match, Meeting, PhaseProgress
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

START = dt.date(2026, 9, 1)


@pytest.fixture
def pair(database):
    """(programme id, a traditional pair id, a flash pair id), formed on START."""
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="P", expected_hours_per_month=2)).id
        ids = {}
        for name, role in (("Astrid", "mentor"), ("Ingrid", "mentor"), ("Saga", "mentee"), ("Elin", "mentee")):
            data = people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se")
            ids[name] = people.create_participant(session, pid, data).id
        traditional = create_pair(session, ids["Saga"], ids["Astrid"], style="traditional", today=START).id
        flash = create_pair(session, ids["Elin"], ids["Ingrid"], style="flash", today=START).id
    return pid, traditional, flash


def phases(session, match_id: int) -> dict[int, tuple]:
    rows = session.scalars(select(PhaseProgress).where(PhaseProgress.match_id == match_id))
    return {p.phase: (p.started_on, p.completed_on, p.skipped) for p in rows}


def test_traditional_pair_goes_through_every_phase_and_closes(database, pair) -> None:
    _pid, traditional, _flash = pair
    day = START
    with database.session() as session:
        for expected in (2, 3, 4):
            day += dt.timedelta(weeks=2)
            assert advance(session, traditional, day) == expected
        with pytest.raises(ValidationError, match="last phase"):
            advance(session, traditional, day)
        closed = close_pair(session, traditional, day + dt.timedelta(weeks=1))
        assert (closed.status, closed.closed_on) == ("closed", day + dt.timedelta(weeks=1))
        assert all(completed for _s, completed, _k in phases(session, traditional).values())
        with pytest.raises(ValidationError, match="no longer active"):
            go_back(session, traditional)


def test_flash_mentoring_skips_activation(database, pair) -> None:
    _pid, _traditional, flash = pair
    with database.session() as session:
        assert advance(session, flash, START) == 2
        assert advance(session, flash, START + dt.timedelta(days=1)) == 4
        state = phases(session, flash)
        assert state[3] == (None, None, True)
        with pytest.raises(ValidationError, match="skips the activation"):
            tick(session, flash, 3, "evaluate_goals", START)
        assert go_back(session, flash) == 2


def test_preparation_and_negotiation_in_the_same_first_meeting(database, pair) -> None:
    _pid, traditional, _flash = pair
    with database.session() as session:
        assert advance(session, traditional, START, through_negotiation=True) == 3
        state = phases(session, traditional)
        assert state[1][1] == state[2][1] == START and state[3][0] == START
        with pytest.raises(ValidationError, match="together"):
            advance(session, traditional, START, through_negotiation=True)


def test_closing_needs_the_closure_phase(database, pair) -> None:
    _pid, traditional, _flash = pair
    with pytest.raises(ValidationError, match="closure phase"), database.session() as session:
        close_pair(session, traditional, START)


def test_checklists_tick_with_dates_and_notes(database, pair) -> None:
    _pid, traditional, _flash = pair
    with database.session() as session:
        tick(session, traditional, 1, "first_meeting_date", START)
        tick(session, traditional, 1, "build_trust", START + dt.timedelta(days=7))
        tick(session, traditional, 1, "first_meeting_date", None)
        set_notes(session, traditional, 1, "  Met in the library.  ")
        assert checklist_state(session, traditional) == {1: {"build_trust": START + dt.timedelta(days=7)}}
        with pytest.raises(ValidationError, match="Unknown checklist item"):
            tick(session, traditional, 1, "evaluate_goals", START)
        assert session.scalar(select(PhaseProgress.notes).where(PhaseProgress.match_id == traditional)) == (
            "Met in the library."
        )
    assert all(PHASE_QUESTIONS[phase] and PHASE_CHECKLISTS[phase] for phase in PHASE_CHECKLISTS)


def test_meetings_are_logged_with_rules_and_counted(database, pair) -> None:
    _pid, traditional, _flash = pair
    today = START + dt.timedelta(days=61)
    with database.session() as session:
        log_meeting(session, traditional, START + dt.timedelta(days=7), 45, mode="online", topics="Goals", today=today)
        log_meeting(session, traditional, START + dt.timedelta(days=21), 60, today=today)
        log_meeting(session, traditional, today + dt.timedelta(days=7), 30, status="planned", today=today)
        with pytest.raises(ValidationError, match="cannot be in the future"):
            log_meeting(session, traditional, today + dt.timedelta(days=1), 45, today=today)
        with pytest.raises(ValidationError, match="from 5 to 240 minutes"):
            log_meeting(session, traditional, START, 0, today=today)
        stats = meeting_stats(session, traditional, today)
        assert (stats.held, stats.minutes, stats.planned) == (2, 105, 1)
        assert stats.hours == 1.75
        assert stats.expected_minutes == round(2 * 60 * 61 / 30.44)


def test_meeting_plans_and_exports(database, pair, tmp_path: Path) -> None:
    pid, traditional, flash = pair
    with database.session() as session:
        added = apply_plan(session, [traditional, flash], "first_year_five_meetings", START)
        assert added == 10
        dates = sorted(session.scalars(select(Meeting.date).where(Meeting.match_id == traditional)))
        assert dates[0] == START + dt.timedelta(weeks=3) and len(dates) == 5
        assert apply_plan(session, [traditional], "westem_four_months", START) == len(PLANS["westem_four_months"][1])
        count = export_ics(session, pid, tmp_path / "meetings.ics")
        assert export_meetings(session, pid, tmp_path / "meetings.csv") == count
    calendar = Calendar.from_ical((tmp_path / "meetings.ics").read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == count == 16
    assert "Astrid" in str(events[0]["summary"]) or "Ingrid" in str(events[0]["summary"])
    assert (tmp_path / "meetings.csv").read_text(encoding="utf-8-sig").startswith("Pair,Mentor,Mentee,Date")


def test_attention_list(database, pair) -> None:
    pid, traditional, flash = pair
    today = START + dt.timedelta(weeks=6)
    with database.session() as session:
        reasons = {(a.match_id, a.reason) for a in attention_list(session, pid, today)}
        assert (traditional, Reason.NO_MEETING) in reasons and (traditional, Reason.NO_FIRST_CONTACT) in reasons
        log_meeting(session, traditional, today - dt.timedelta(days=3), 45, today=today)
        match = session.get_one(Match, traditional)
        match.first_contact_on = START
        match.phase = 3
        match.planned_end_date = today + dt.timedelta(days=10)
        reasons = {(a.match_id, a.reason) for a in attention_list(session, pid, today)}
        assert (traditional, Reason.NO_MEETING) not in reasons
        assert (traditional, Reason.NO_FIRST_CONTACT) not in reasons
        assert {(traditional, Reason.NO_SIGNED_AGREEMENT), (traditional, Reason.ENDING_SOON)} <= reasons
        session.add(Agreement(match_id=traditional, status="signed", signed_on=START))
        session.flush()
        later = attention_list(session, pid, START + dt.timedelta(days=130))
        kinds = {(a.match_id, a.reason) for a in later}
        assert (traditional, Reason.NO_SIGNED_AGREEMENT) not in kinds
        assert (traditional, Reason.OVER_FOUR_MONTHS) in kinds
        assert (flash, Reason.OVER_FOUR_MONTHS) not in kinds  # flash mentoring is short by nature
        assert all(a.text() for a in later)


def test_the_quiet_weeks_are_the_programmes_setting(database, pair) -> None:
    from westem_desktop.core.models import Programme

    pid, traditional, _flash = pair
    today = START + dt.timedelta(weeks=6)
    with database.session() as session:
        assert (traditional, Reason.NO_MEETING) in {(a.match_id, a.reason) for a in attention_list(session, pid, today)}
        session.get_one(Programme, pid).attention_weeks = 8
        session.flush()
        assert (traditional, Reason.NO_MEETING) not in {
            (a.match_id, a.reason) for a in attention_list(session, pid, today)
        }
