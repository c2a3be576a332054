"""Texts both engines store alike (core/storable.py): a text longer than its column or with a null
character is refused with a message at its field, on a file as on a server, and nothing is written."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select

from westem_desktop.core import pairs
from westem_desktop.core import participants as people
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme


@pytest.fixture
def programme(database) -> int:
    with database.session() as session:
        return create_programme(session, ProgrammeSettings(name="Physics 2026")).id


def mentor(**changes: object) -> ParticipantData:
    return ParticipantData(**{"role": "mentor", "name": "Ingrid Ødegård", "email": "ingrid@uu.se", **changes})


def participants(database) -> list[tuple]:
    return database.read().execute("SELECT name, study_programme, notes FROM participant ORDER BY id").fetchall()


def test_a_text_as_long_as_its_column_is_kept_whole(database, programme) -> None:
    with database.session() as session:
        people.create_participant(session, programme, mentor(study_programme="ø" * 200))
    assert participants(database) == [("Ingrid Ødegård", "ø" * 200, "")]


def test_a_text_longer_than_its_column_is_refused_at_its_field(database, programme) -> None:
    with pytest.raises(ValidationError) as refused, database.session() as session:
        people.create_participant(session, programme, mentor(study_programme="Kemi " + "x" * 300))
    assert refused.value.field == "study_programme"
    assert str(refused.value) == "“Kemi xxxxxxxxxxxxxxxxxxxxxxxxx…” is too long: 200 characters fit here, it has 305."
    assert participants(database) == []


def test_a_null_character_is_refused_at_its_field(database, programme) -> None:
    with database.session() as session:
        ingrid = people.create_participant(session, programme, mentor()).id
    with pytest.raises(ValidationError) as refused, database.session() as session:
        people.update_participant(session, ingrid, mentor(notes="Met\x00on Monday"))
    assert refused.value.field == "notes"
    assert "“Met\\x00on Monday” contains a null character" in str(refused.value)
    assert participants(database) == [("Ingrid Ødegård", "", "")]


def test_a_refused_reason_names_the_dialogs_field(database, programme) -> None:
    with database.session() as session:
        mentee = people.create_participant(session, programme, mentor(role="mentee", email="saga@uu.se")).id
        ingrid = people.create_participant(session, programme, mentor()).id
        pair = pairs.create_pair(session, mentee, ingrid, "coordinator").id
    with pytest.raises(ValidationError) as refused, database.session() as session:
        pairs.end_pair(session, pair, dt.date.today(), "Moved\x00away")
    assert refused.value.field == "reason"  # the end-pair dialog's reason field
    with database.reading() as session:
        assert session.scalar(select(func.count()).where(Match.status == "active")) == 1


def test_a_file_holding_a_longer_text_from_before_can_still_be_changed(tmp_path) -> None:
    """File only: SQLite alone keeps a text longer than its column (saved before this rule); a server
    never holds one. Only a changed column is checked, so the rest of that row can still be saved."""
    path = tmp_path / "old.sqlite"
    with open_database(path) as db, db.session() as session:
        programme = create_programme(session, ProgrammeSettings(name="Physics 2026")).id
        ingrid = people.create_participant(session, programme, mentor()).id
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE participant SET institution = ?", ("Uppsala " * 40,))
    raw.close()
    with open_database(path) as db:
        with db.session() as session:
            session.get_one(Participant, ingrid).status = "withdrawn"
        with db.reading() as session:
            assert session.get_one(Participant, ingrid).status == "withdrawn"
