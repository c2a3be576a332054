"""A coordinator in a process of her own (tests/core/test_two_processes.py): she reads a participant,
waits until the other has read her too, changes one field and saves; when refused she reloads and applies
her change again, as the message asks. Reports what happened on ``results``."""

from __future__ import annotations

from pathlib import Path


def coordinator(url: str, participant_id: int, field: str, value: str, barrier, results, retry: bool) -> None:
    from sqlalchemy import create_engine

    from westem_desktop.core import participants as people
    from westem_desktop.core.db import Database
    from westem_desktop.core.errors import ConcurrentChangeError
    from westem_desktop.core.models import Participant
    from westem_desktop.core.participants import ParticipantData

    db = Database(Path("server"), None, engine=create_engine(url), checked=True)

    def read() -> tuple[ParticipantData, int]:
        with db.session() as session:
            person = session.get_one(Participant, participant_id)
            return ParticipantData.of(person), person.row_version

    try:
        data, version = read()
        barrier.wait(timeout=30)  # both have her on screen now
        setattr(data, field, value)
        try:
            with db.session() as session:
                people.update_participant(session, participant_id, data, version)
            results.put(("saved", field, ""))
        except ConcurrentChangeError as refused:
            results.put(("refused", field, str(refused)))
            if retry:
                data, version = read()
                setattr(data, field, value)
                with db.session() as session:
                    people.update_participant(session, participant_id, data, version)
                results.put(("saved again", field, ""))
    finally:
        db.close()
