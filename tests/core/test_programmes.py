"""Programmes: validation with the field it concerns, and the head counts of the main window."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from westem_desktop.core import programmes
from westem_desktop.core.demo import create_demo
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.programmes import ProgrammeSettings
from westem_desktop.core.read import list_programmes, programme_overview


def test_create_and_edit_keep_every_setting(database) -> None:
    settings = ProgrammeSettings(
        name="  ICT first-years 2026/27 ",
        institution="Hogeschool van Amsterdam",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 6, 30),
        default_style="flash",
        format="group",
        mode="online",
        formal=True,
        structured=False,
        organisation="decentral",
        matching_mode="self_matching",
        expected_hours_per_month=3,
        coordinator_name="Mirjam de Boer",
        coordinator_title="Aanspreekpunt",
        coordinator_signs_agreement=True,
        document_language="nl",
        attention_weeks=6,
    )
    with database.session() as session:
        pid = programmes.create_programme(session, settings).id
    with database.session() as session:
        saved = programmes.get_settings(session, pid)
        assert saved.name == "ICT first-years 2026/27"
        assert saved.values() == {**settings.values(), "name": "ICT first-years 2026/27"}
        programme = programmes.find_programme(session, "ict FIRST-years 2026/27")
        assert programme.recruitment_opens == dt.date(2026, 8, 11)
    saved.mode = "hybrid"
    with database.session() as session:
        programmes.update_programme(session, pid, saved)
    with database.session() as session:
        assert programmes.get_settings(session, pid).mode == "hybrid"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "   "}, "name", "The programme needs a name."),
        ({"name": "existing"}, "name", "There is already a programme called “existing”."),
        ({"start_date": dt.date(2027, 1, 1), "end_date": dt.date(2026, 1, 1)}, "end_date", "cannot end before"),
        ({"expected_hours_per_month": -1}, "expected_hours_per_month", "between 0 and 40"),
        ({"document_language": "de"}, "document_language", "document languages"),
        ({"attention_weeks": 0}, "attention_weeks", "between 1 and 26"),
    ],
)
def test_invalid_settings_are_refused_at_their_field(database, change, field, message) -> None:
    with database.session() as session:
        programmes.create_programme(session, ProgrammeSettings(name="Existing"))
    values = {"name": "New one", **change}
    with pytest.raises(ValidationError) as raised, database.session() as session:
        programmes.create_programme(session, ProgrammeSettings(**values))
    assert raised.value.field == field
    assert message in str(raised.value)
    with database.session() as session:
        assert [p.name for p in list_programmes(database.read())] == ["Existing"]


def test_find_programme_without_a_name(database) -> None:
    with pytest.raises(ValidationError, match="no programme yet"), database.session() as session:
        programmes.find_programme(session, None)
    with database.session() as session:
        programmes.create_programme(session, ProgrammeSettings(name="A"))
        assert programmes.find_programme(session, None).name == "A"
        programmes.create_programme(session, ProgrammeSettings(name="B"))
    with pytest.raises(ValidationError, match="--programme NAME"), database.session() as session:
        programmes.find_programme(session, None)


def test_overview_counts_equal_the_data(database) -> None:
    with database.session() as session:
        pid = create_demo(session, participants=200, seed=4, today=dt.date(2026, 11, 22)).id
        other = create_demo(session, participants=50, seed=5, today=dt.date(2026, 11, 22)).id
    overview = programme_overview(database.read(), pid)
    with database.session() as session:

        def count(model, *where) -> int:
            return session.scalar(select(func.count()).select_from(model).where(*where))

        assert overview.mentors == count(Participant, Participant.programme_id == pid, Participant.role == "mentor")
        assert overview.mentees == count(Participant, Participant.programme_id == pid, Participant.role == "mentee")
        assert overview.active_pairs == count(Match, Match.programme_id == pid, Match.status == "active")
        assert overview.closed_pairs == count(Match, Match.programme_id == pid, Match.status == "closed")
        for phase in (1, 2, 3, 4):
            expected = count(Match, Match.programme_id == pid, Match.status == "active", Match.phase == phase)
            assert overview.pairs_by_phase.get(phase, 0) == expected
    assert programme_overview(database.read(), other).participants == 50
    assert [p.id for p in list_programmes(database.read())] and {p.id for p in list_programmes(database.read())} == {
        pid,
        other,
    }
