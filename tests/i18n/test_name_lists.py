"""A sentence filled with a list of names speaks of one person or of several, as the list holds."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from westem_desktop.core.demo import create_demo
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Match
from westem_desktop.core.participants import ParticipantData, delete_participants, problems
from westem_desktop.i18n import set_language


def _refusal(database, count: int) -> str:
    with database.session() as session:
        programme = create_demo(session, participants=30, seed=6)
        pairs = session.scalars(select(Match).where(Match.programme_id == programme.id)).all()
        people = [pair.mentee_id for pair in pairs[:count]]
        with pytest.raises(ValidationError) as refused:
            delete_participants(session, people)
        names = [pair.mentee.name for pair in pairs[:count]]
    return str(refused.value), names


def test_deleting_one_paired_participant_speaks_of_her(database) -> None:
    message, names = _refusal(database, 1)
    assert message == (
        f"{names[0]} cannot be deleted because she is or was in a pair; erase her personal data instead."
    )


def test_deleting_two_paired_participants_speaks_of_them(database) -> None:
    set_language("sv")
    message, names = _refusal(database, 2)
    assert message.startswith(f"{names[0]}, {names[1]} kan inte tas bort eftersom de ingår eller har ingått i par;")
    assert "hon" not in message.split()


@pytest.mark.parametrize(
    ("languages", "english", "swedish"),
    [
        (["xx"], "Unknown language: xx.", "Okänt språk: xx."),
        (["xx", "yy"], "Unknown languages: xx, yy.", "Okända språk: xx, yy."),
    ],
)
def test_unknown_languages_one_or_several(languages: list[str], english: str, swedish: str) -> None:
    data = ParticipantData(role="mentee", name="Åsa", email="asa@example.edu", languages=languages)
    for language, expected in (("en", english), ("sv", swedish)):
        set_language(language)
        assert expected in [str(problem) for problem in problems(data)]
