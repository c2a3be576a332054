"""Announcements of other coordinators' writes on a server (core/changes.py): arriving on the listener's
socket, read without waiting, this program's own writes left out."""

from __future__ import annotations

import select as io

from tests.coordinators import open_server, server_database
from westem_desktop.core import participants as people
from westem_desktop.core.changes import Announcement, ChangeListener, parse
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme


def wait_readable(listener: ChangeListener, seconds: float = 5) -> bool:
    return bool(io.select([listener.fileno()], [], [], seconds)[0])


def test_another_programs_write_arrives_and_ones_own_does_not(pg_server) -> None:
    name = server_database(pg_server)
    anna, karin = open_server(pg_server, name, "anna"), open_server(pg_server, name, "karin")
    listener = ChangeListener(anna.engine)
    try:
        with anna.session() as session:  # Anna's own writes: not announced to her
            programme = create_programme(session, ProgrammeSettings(name="P")).id
            data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@example.edu")
            sebnem = people.create_participant(session, programme, data).id
        assert not wait_readable(listener, 0.5) or listener.pending() == []

        with karin.session() as session:  # Karin's: announced once, however many rows
            data.notes = "Karin's"
            people.update_participant(session, sebnem, data, 1)
            people.create_participant(
                session, programme, ParticipantData(role="mentor", name="Łucja", email="l@example.edu")
            )
        assert wait_readable(listener)
        assert listener.pending() == [Announcement("participant", "PARTICIPANTS", programme)]
        assert listener.pending() == []  # read once; nothing waits
    finally:
        listener.close()
        anna.close()
        karin.close()


def test_payloads_of_other_channels_tables_are_none_of_ours() -> None:
    assert parse("agreement_goal:7") == Announcement("agreement_goal", "AGREEMENTS", 7)
    assert parse("meeting:") == Announcement("meeting", "CYCLE", None)
    assert parse("audit:3") is None
