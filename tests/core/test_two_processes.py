"""Two coordinators in two processes edit the same participant on one PostgreSQL database at the same
moment: one save wins, the other is refused with the winner's name, and applied again after a reload;
no update is lost."""

from __future__ import annotations

import multiprocessing

import pytest

from tests.coordinators import engine_url, open_server, server_database
from tests.core.concurrent_worker import coordinator
from westem_desktop.core import participants as people
from westem_desktop.core.models import Participant
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme


@pytest.mark.parametrize("round_", range(3))  # the race goes either way: each time, nothing is lost
def test_two_processes_save_the_same_participant_and_nothing_is_lost(pg_server, round_: int) -> None:
    name = server_database(pg_server)
    admin = open_server(pg_server, name, "anna")
    with admin.session() as session:
        programme = create_programme(session, ProgrammeSettings(name="P")).id
        data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@example.edu")
        sebnem = people.create_participant(session, programme, data).id

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    edits = {"anna": ("notes", "Anna's note"), "karin": ("study_programme", "Chemistry")}
    workers = [
        context.Process(
            target=coordinator,
            args=(engine_url(pg_server.url(name, user=role)), sebnem, field, value, barrier, results, True),
        )
        for role, (field, value) in edits.items()
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    outcomes = sorted(results.get(timeout=5) for _ in range(3))
    kinds = [kind for kind, _field, _message in outcomes]
    assert sorted(kinds) == ["refused", "saved", "saved again"]
    refused = next(o for o in outcomes if o[0] == "refused")
    winner = next(role for role, (field, _v) in edits.items() if field != refused[1])
    assert refused[2].startswith(f"Changed by {winner} at ")
    assert refused[2].endswith("; reload and apply your change again?")

    with admin.session() as session:
        person = session.get_one(Participant, sebnem)
        assert (person.notes, person.study_programme, person.row_version) == ("Anna's note", "Chemistry", 3)
        loser = next(role for role in edits if role != winner)
        assert person.changed_by == loser  # the one who applied her change again saved last
    admin.close()
    pg_server.drop_database(name)
