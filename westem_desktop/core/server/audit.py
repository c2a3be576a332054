"""Who changed what: the audit rows the server's triggers write (``security.py``), for a participant or a pair.

A coordinator reads the rows of her programmes only (row-level security), the faculty all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Change:
    """One audit row: when, by which role, which row of which table, and what (insert, update, delete)."""

    when: dt.datetime
    role: str
    table: str
    row_id: int
    action: str


COLUMNS = "changed_at, role_name, table_name, row_id, action"


def _changes(session: Session, where: str, **params: int) -> list[Change]:
    from sqlalchemy import text

    rows = session.execute(
        text(f"SELECT {COLUMNS} FROM audit_log WHERE {where} ORDER BY changed_at DESC, id DESC"), params
    )
    return [Change(*row) for row in rows]


def participant_history(session: Session, participant_id: int) -> list[Change]:
    """The changes to a participant, her onboarding, her requests, her pairs and certificates, newest first."""
    return _changes(session, "participant_ids @> ARRAY[CAST(:id AS integer)]", id=participant_id)


def pair_history(session: Session, match_id: int) -> list[Change]:
    """The changes to a pair and everything of it (phases, checklists, meetings, agreements, evaluations,
    certificates), newest first."""
    return _changes(session, "match_id = :id", id=match_id)
