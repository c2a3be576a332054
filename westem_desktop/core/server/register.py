"""The shared mentor register: the active mentors of every programme on the server, readable by every
coordinator, without their notes or any other private field (the view ``mentor_register``, ``security.py``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RegisteredMentor:
    id: int
    programme: str
    name: str
    email: str | None
    institution: str
    fields: list[str]
    languages: list[str]
    capacity: int


def mentor_register(session: Session) -> list[RegisteredMentor]:
    """Every programme's active mentors, by name."""
    from sqlalchemy import text

    rows = session.execute(
        text(
            "SELECT id, programme, name, email, institution, fields, languages, capacity "
            "FROM mentor_register ORDER BY lower(name), programme, id"
        )
    )
    return [
        RegisteredMentor(id, programme, name, email, institution or "", _list(fields), _list(languages), capacity)
        for id, programme, name, email, institution, fields, languages, capacity in rows
    ]


def _list(value: str | None) -> list[str]:
    loaded = json.loads(value) if value else []
    return [str(item) for item in loaded] if isinstance(loaded, list) else []
