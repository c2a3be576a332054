"""Undo and redo of the Participants tab: each command replays a core service in its own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from westem_desktop.core import participants as people
from westem_desktop.core.db import Database
from westem_desktop.core.participants import DeletedParticipant, ParticipantData
from westem_desktop.i18n import _

Onboarding = dict[str, dt.date | None]


def _write_onboarding(session, participant_id: int, onboarding: Onboarding) -> None:
    for key, done_on in onboarding.items():
        people.set_onboarding(session, participant_id, key, done_on)


class AddParticipant(QUndoCommand):
    """Added through the dialog (already written); undo deletes, redo puts the same row back."""

    def __init__(self, db: Database, participant_id: int, name: str, changed: Callable[[], None]) -> None:
        super().__init__(_("Add {name}").format(name=name))
        self.db, self.changed = db, changed
        self.participant_id = participant_id
        self._snapshots: list[DeletedParticipant] = []
        self._first = True

    def undo(self) -> None:
        with self.db.session() as session:
            self._snapshots = people.delete_participants(session, [self.participant_id])
        self.changed()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        with self.db.session() as session:
            people.restore_participants(session, self._snapshots)
        self.changed()


class EditParticipant(QUndoCommand):
    def __init__(
        self,
        db: Database,
        participant_id: int,
        before: tuple[ParticipantData, Onboarding],
        after: tuple[ParticipantData, Onboarding],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(_("Edit {name}").format(name=after[0].name))
        self.db, self.changed = db, changed
        self.participant_id, self.before, self.after = participant_id, before, after
        self._first = True

    def _apply(self, state: tuple[ParticipantData, Onboarding]) -> None:
        data, onboarding = state
        with self.db.session() as session:
            people.update_participant(session, self.participant_id, ParticipantData(**data.values()))
            _write_onboarding(session, self.participant_id, onboarding)
        self.changed()

    def undo(self) -> None:
        self._apply(self.before)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.after)


class DeleteParticipants(QUndoCommand):
    def __init__(self, db: Database, snapshots: list[DeletedParticipant], changed: Callable[[], None]) -> None:
        names = ", ".join(s.data.name for s in snapshots[:3]) + ("…" if len(snapshots) > 3 else "")
        super().__init__(_("Delete {names}").format(names=names))
        self.db, self.changed, self.snapshots = db, changed, snapshots
        self._first = True

    def undo(self) -> None:
        with self.db.session() as session:
            people.restore_participants(session, self.snapshots)
        self.changed()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        with self.db.session() as session:
            people.delete_participants(session, [s.id for s in self.snapshots])
        self.changed()
