"""Participants: the rules every form, import and command line shares; delete and undo; onboarding."""

from __future__ import annotations

import datetime as dt

import pytest

from westem_desktop.core import participants as people
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme


@pytest.fixture
def programme(database) -> int:
    with database.session() as session:
        return create_programme(session, ProgrammeSettings(name="P")).id


def mentor(**changes) -> ParticipantData:
    values = {
        "role": "mentor",
        "name": "Łucja Wróblewska",
        "email": "Lucja@Example.edu",
        "capacity": 2,
        "languages": ["pl", "EN"],
        "fields": ["ict"],
        "year_of_study": 4,
        "country": "pl",
    }
    return ParticipantData(**{**values, **changes})


def test_created_participant_is_normalised(database, programme) -> None:
    with database.session() as session:
        pid = people.create_participant(session, programme, mentor(name="  Łucja   Wróblewska ")).id
    with database.session() as session:
        saved = ParticipantData.of(session.get_one(Participant, pid))
    assert (saved.name, saved.email, saved.languages, saved.country) == (
        "Łucja Wróblewska",
        "lucja@example.edu",
        ["pl", "en"],
        "PL",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "The name is required."),
        ({"email": ""}, "email", "The e-mail address is required."),
        ({"email": "lucja.example.edu"}, "email", "is not a valid e-mail address"),
        ({"capacity": 0}, "capacity", "at least 1 mentee"),
        ({"languages": ["xx"]}, "languages", "Unknown language: xx"),
        ({"year_of_study": 0}, "year_of_study", "from 1 to 10"),
        ({"role": "student"}, "role", "mentor or mentee"),
        ({"country": "Sweden"}, "country", "two-letter code"),
    ],
)
def test_invalid_profile_is_refused_at_its_field(database, programme, changes, field, message) -> None:
    with pytest.raises(ValidationError) as raised, database.session() as session:
        people.create_participant(session, programme, mentor(**changes))
    assert raised.value.field == field and message in str(raised.value)
    with database.session() as session:
        assert people.count_participants(session, programme) == 0


def test_email_is_unique_within_the_programme_only(database, programme) -> None:
    with database.session() as session:
        people.create_participant(session, programme, mentor())
        other = create_programme(session, ProgrammeSettings(name="Other")).id
        people.create_participant(session, other, mentor())  # another programme: fine
    with pytest.raises(ValidationError) as raised, database.session() as session:
        people.create_participant(session, programme, mentor(name="Someone else", email="LUCJA@example.edu"))
    assert "already has the e-mail address lucja@example.edu" in str(raised.value)


def test_edit_keeps_own_email_and_refuses_a_taken_one(database, programme) -> None:
    with database.session() as session:
        first = people.create_participant(session, programme, mentor()).id
        second = people.create_participant(session, programme, mentor(name="B", email="b@example.edu")).id
    with database.session() as session:
        people.update_participant(session, first, mentor(study_programme="Computer Science"))
    with pytest.raises(ValidationError) as raised, database.session() as session:
        people.update_participant(session, second, mentor(name="B"))
    assert raised.value.field == "email"


def test_delete_and_undo_restore_the_same_participant(database, programme) -> None:
    with database.session() as session:
        pid = people.create_participant(session, programme, mentor()).id
        people.set_onboarding(session, pid, "registered", dt.date(2026, 8, 20))
    with database.session() as session:
        snapshots = people.delete_participants(session, [pid])
    with database.session() as session:
        assert session.get(Participant, pid) is None
        people.restore_participants(session, snapshots)
    with database.session() as session:
        back = session.get_one(Participant, pid)
        assert back.name == "Łucja Wróblewska"
        assert people.onboarding_state(session, pid) == {"registered": dt.date(2026, 8, 20)}


def test_a_participant_in_a_pair_is_not_deleted(database, programme) -> None:
    with database.session() as session:
        a = people.create_participant(session, programme, mentor()).id
        b = people.create_participant(session, programme, mentor(role="mentee", name="Şebnem", email="s@e.edu")).id
        session.add(Match(programme_id=programme, mentor_id=a, mentee_id=b, created_on=dt.date(2026, 9, 1)))
    with pytest.raises(ValidationError, match="in a pair"), database.session() as session:
        people.delete_participants(session, [a])


def test_onboarding_items_tick_untick_and_belong_to_the_role(database, programme) -> None:
    with database.session() as session:
        pid = people.create_participant(session, programme, mentor()).id
        people.set_onboarding(session, pid, "presentation", dt.date(2026, 9, 1))
        people.set_onboarding(session, pid, "presentation", dt.date(2026, 9, 2))
        assert people.onboarding_state(session, pid) == {"presentation": dt.date(2026, 9, 2)}
        people.set_onboarding(session, pid, "presentation", None)
        assert people.onboarding_state(session, pid) == {}
        with pytest.raises(ValidationError):
            people.set_onboarding(session, pid, "chose_mentor", dt.date(2026, 9, 1))  # a mentee's item
