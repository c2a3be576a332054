"""Other coordinators' writes on a server, as they happen: PostgreSQL's LISTEN/NOTIFY.

Migration 0006 makes the server announce every write of a programme's rows with
``pg_notify('westem_changes', 'TABLE:PROGRAMME_ID')`` (identical announcements of one transaction come
once). ``ChangeListener`` holds a connection of its own that LISTENs; its ``fileno()`` becomes readable
when announcements arrive (the window watches it with a ``QSocketNotifier``: no thread, no polling), and
``pending()`` reads them without waiting, leaving out this program's own writes (the backends of its
engine's connections, which announce too). A file has one writer, so nothing is listened for there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

CHANNEL = "westem_changes"

AREAS = {
    "programme": "PROGRAMMES",
    "letter_template": "PROGRAMMES",
    "participant": "PARTICIPANTS",
    "onboarding_item": "PARTICIPANTS",
    "match": "PAIRS",
    "mentor_request": "PAIRS",
    "phase_progress": "CYCLE",
    "checklist_tick": "CYCLE",
    "meeting": "CYCLE",
    "certificate": "CYCLE",
    "agreement": "AGREEMENTS",
    "agreement_goal": "AGREEMENTS",
    "evaluation": "EVALUATIONS",
    "evaluation_answer": "EVALUATIONS",
}
"""What a write to each table changes, by the name of the interface's ``Change`` flag."""


@dataclass(frozen=True)
class Announcement:
    """A write by another program: its table, the area it changes, and the programme (None: unknown,
    e.g. a row whose pair was deleted in the same transaction)."""

    table: str
    area: str
    programme_id: int | None


def parse(payload: str) -> Announcement | None:
    """The announcement in ``payload`` ("participant:3"), None when it is none of ours."""
    table, _sep, programme = payload.partition(":")
    if table not in AREAS:
        return None
    return Announcement(table, AREAS[table], int(programme) if programme.isdigit() else None)


class ChangeListener:
    """A LISTENing connection to the server of ``engine``, with the same user and password."""

    def __init__(self, engine: Engine) -> None:
        import psycopg
        from sqlalchemy import event

        self._own: set[int] = set()  # the server processes of this program's own connections
        self._engine = engine
        event.listen(engine, "checkout", self._checked_out)
        url = engine.url.set(drivername="postgresql")
        self._conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def _checked_out(self, dbapi_connection, _record: object, _proxy: object) -> None:
        self._own.add(dbapi_connection.info.backend_pid)

    def fileno(self) -> int:
        return self._conn.fileno()

    def pending(self) -> list[Announcement]:
        """The announcements that have arrived, without waiting; this program's own writes left out."""
        pgconn = self._conn.pgconn
        pgconn.consume_input()
        found: list[Announcement] = []
        while (note := pgconn.notifies()) is not None:
            if note.be_pid in self._own or note.relname.decode() != CHANNEL:
                continue
            announcement = parse(note.extra.decode())
            if announcement is not None and announcement not in found:
                found.append(announcement)
        return found

    def close(self) -> None:
        from sqlalchemy import event

        event.remove(self._engine, "checkout", self._checked_out)
        self._conn.close()
