"""A save racing a delete of the same participant on a server, many times over: whichever comes first
wins and the other is refused with a message that says so; never a save into nothing, never a delete of a
change its coordinator did not see."""

from __future__ import annotations

import threading

from tests.coordinators import open_server, server_database
from westem_desktop.core import participants as people
from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError
from westem_desktop.core.models import Participant
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme


def test_a_save_racing_a_delete_loses_nothing_unseen(pg_server) -> None:
    name = server_database(pg_server)
    anna, karin = open_server(pg_server, name, "anna"), open_server(pg_server, name, "karin")
    with anna.session() as session:
        programme = create_programme(session, ProgrammeSettings(name="P")).id
    seen: dict[str, int] = {}
    try:
        for round_ in range(20):
            with anna.session() as session:
                data = ParticipantData(role="mentee", name=f"Mentee {round_}", email=f"m{round_}@example.edu")
                person = people.create_participant(session, programme, data).id
            barrier = threading.Barrier(2)
            outcome: dict[str, str] = {}

            def save(person: int = person, data: ParticipantData = data, barrier=barrier, outcome=outcome) -> None:
                data.notes = "Anna's change"
                barrier.wait()
                try:
                    with anna.session() as session:
                        people.update_participant(session, person, data, 1)
                    outcome["save"] = "saved"
                except RowDeletedError as exc:
                    outcome["save"] = str(exc)

            def delete(person: int = person, barrier=barrier, outcome=outcome) -> None:
                barrier.wait()
                try:
                    with karin.session() as session:
                        people.delete_participants(session, [person], {person: 1})
                    outcome["delete"] = "deleted"
                except ConcurrentChangeError as exc:
                    outcome["delete"] = str(exc)

            threads = [threading.Thread(target=save), threading.Thread(target=delete)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            with karin.session() as session:
                row = session.get(Participant, person)
                still = None if row is None else row.notes
            if outcome["save"] == "saved":
                assert outcome["delete"].startswith("Changed by anna at ") and still == "Anna's change"
                seen["save first"] = seen.get("save first", 0) + 1
            else:
                assert outcome["save"] == "Someone else deleted this meanwhile, so your change was not saved."
                assert outcome["delete"] == "deleted" and still is None
                seen["delete first"] = seen.get("delete first", 0) + 1
    finally:
        anna.close()
        karin.close()
    assert sum(seen.values()) == 20
