"""Read models of the Participants tab beyond its table (``core.read.participant_rows``): a participant as
her dialog edits her, and the exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.participants import ParticipantData


class Editing(NamedTuple):
    data: ParticipantData
    onboarding: dict[str, dt.date]  # item → date done
    version: int = 1  # the row's version as read: a save over a newer one is refused (core/versions.py)


def for_editing(db: Database, participant_id: int) -> Editing:
    """A participant's data and onboarding as the participant dialog shows them."""
    from westem_desktop.core import participants as people
    from westem_desktop.core.models import Participant

    with db.reading() as session:
        person = session.get_one(Participant, participant_id)
        return Editing(
            people.ParticipantData.of(person), people.onboarding_state(session, participant_id), person.row_version
        )


def export_participants(db: Database, programme_id: int, path: Path) -> int:
    """Write the programme's participants to a CSV or XLSX file; returns how many."""
    from westem_desktop.core.io.participant_export import export_participants as write

    with db.reading() as session:
        return write(session, programme_id, path)


def export_personal_data(db: Database, participant_id: int, path: Path) -> None:
    """Write everything stored about one participant to a text file (her right of access)."""
    from westem_desktop.core.privacy import export_participant

    with db.reading() as session:
        export_participant(session, participant_id, path)
