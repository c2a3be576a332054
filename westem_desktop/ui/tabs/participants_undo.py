"""Undo and redo of the Participants tab, on Qt's contract: pushing a command calls its ``redo()``, which
does the write; ``undo()`` takes it back. Each step is one write through the action runner, so a refusal
is shown (at ``where``) and changes nothing; a refused step is dropped from the stack (``setObsolete``).

Each step names itself for the Edit menu, in the language of the moment: ``undo_label()`` ("&Undo delete
of Åsa Öberg") and ``redo_label()``, whole sentences for the translators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QLabel, QWidget

from westem_desktop.core import participants as people
from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError
from westem_desktop.core.participants import DeletedParticipant, ParticipantData
from westem_desktop.i18n import N_, _, ngettext
from westem_desktop.ui.actions import ActionRunner, Change, Outcome, Session
from westem_desktop.ui.formatting import integer

Onboarding = dict[str, dt.date | None]


def _write_onboarding(session: Session, participant_id: int, onboarding: Onboarding) -> None:
    for key, done_on in onboarding.items():
        people.set_onboarding(session, participant_id, key, done_on)


def _menu_text(name: str) -> str:
    """``name`` as it can stand in a menu item: an '&' of its own is not a mnemonic."""
    return name.replace("&", "&&")


class ParticipantCommand(QUndoCommand):
    """A step of the Participants tab; ``outcome`` is the last write's (false when it was refused). A
    refusal is shown at ``where`` (in its message line ``line``, if any): the dialog on the first redo,
    the tab after. ``UNDO`` and ``REDO`` are the Edit menu's texts, with ``{what}`` for ``subject()``."""

    UNDO = N_("&Undo")
    REDO = N_("&Redo")
    CHANGES = Change.PARTICIPANTS  # what each write changes, for the tabs that show it

    def __init__(self, actions: ActionRunner, where: QWidget, text: str, line: QLabel | None = None) -> None:
        super().__init__(text)
        self.actions, self.where, self.line = actions, where, line
        self.outcome: Outcome = Outcome(False)

    def subject(self) -> str:
        """Who the step is about, as the Edit menu names it."""
        return ""

    def undo_label(self) -> str:
        """The Edit menu's Undo item while this is the step it undoes."""
        return _(self.UNDO).format(what=_menu_text(self.subject()))

    def redo_label(self) -> str:
        """The Edit menu's Redo item while this is the step it redoes."""
        return _(self.REDO).format(what=_menu_text(self.subject()))

    def _write(self, write: Callable[[Session], object], title: str) -> None:
        self.outcome = self.actions.run(write, self.CHANGES, self.where, line=self.line, title=title)
        if not self.outcome:
            self.setObsolete(True)


class AddParticipant(ParticipantCommand):
    """redo() creates the participant (the first time) or puts the same row back; undo() deletes it."""

    UNDO = N_("&Undo adding {what}")
    REDO = N_("&Redo adding {what}")

    def __init__(
        self,
        actions: ActionRunner,
        where: QWidget,
        programme_id: int,
        data: ParticipantData,
        onboarding: Onboarding,
        line: QLabel | None = None,
    ) -> None:
        super().__init__(actions, where, _("Add {name}").format(name=data.name), line)
        self.programme_id, self.data, self.onboarding = programme_id, data, onboarding
        self.participant_id: int | None = None
        self._snapshots: list[DeletedParticipant] = []

    def subject(self) -> str:
        return self.data.name

    def _create(self, session: Session) -> int:
        new_id = people.create_participant(session, self.programme_id, self.data).id
        _write_onboarding(session, new_id, self.onboarding)
        return new_id

    def redo(self) -> None:
        if self.participant_id is None:
            self._write(self._create, _("Add participant"))
            self.participant_id = self.outcome.value
        else:
            snapshots = self._snapshots
            self._write(lambda session: people.restore_participants(session, snapshots), _("Redo"))
            self.outcome = Outcome(self.outcome.done, self.participant_id)

    def undo(self) -> None:
        def delete(session: Session) -> None:
            self._snapshots = people.delete_participants(session, [self.participant_id])

        self._write(delete, _("Undo"))


class EditParticipant(ParticipantCommand):
    """redo() writes the new profile and onboarding dates; undo() the ones before."""

    UNDO = N_("&Undo the changes to {what}")
    REDO = N_("&Redo the changes to {what}")

    def __init__(
        self,
        actions: ActionRunner,
        where: QWidget,
        participant_id: int,
        before: tuple[ParticipantData, Onboarding],
        after: tuple[ParticipantData, Onboarding],
        line: QLabel | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(actions, where, _("Edit {name}").format(name=after[0].name), line)
        self.participant_id, self.before, self.after = participant_id, before, after
        self._done_once = False
        self.version = version
        """The row's version as this step last saw it: the dialog's first, then each write's own, so that a
        save, undo or redo over someone else's newer change is refused (core/versions.py)."""

    def subject(self) -> str:
        return self.after[0].name

    def _apply(self, state: tuple[ParticipantData, Onboarding], title: str) -> None:
        data, onboarding = state

        def write(session: Session) -> tuple[int, int]:
            person = people.update_participant(
                session, self.participant_id, ParticipantData(**data.values()), self.version
            )
            _write_onboarding(session, self.participant_id, onboarding)
            return self.participant_id, person.row_version

        self._write(write, title)
        if self.outcome:
            self.version = self.outcome.value[1]
            self.outcome = Outcome(True, self.participant_id)

    def redo(self) -> None:
        self._apply(self.after, _("Redo") if self._done_once else _("Edit participant"))
        self._done_once = True

    def undo(self) -> None:
        self._apply(self.before, _("Undo"))


class DeleteParticipants(ParticipantCommand):
    """redo() deletes the participants, keeping what is needed to put them back; undo() puts them back."""

    UNDO = N_("&Undo delete of {what}")
    REDO = N_("&Redo delete of {what}")

    def __init__(
        self,
        actions: ActionRunner,
        where: QWidget,
        ids: list[int],
        seen: dict[int, int] | None = None,
        stale: Callable[[], None] | None = None,
    ) -> None:
        """``seen``: the versions the table showed (id → version): the first delete is refused when someone
        else changed one of them since, and then ``stale()`` shows them as saved now."""
        super().__init__(actions, where, _("Delete"))
        self.ids, self.seen, self.stale = ids, seen, stale
        self.snapshots: list[DeletedParticipant] = []

    def subject(self) -> str:
        """Her name when one was deleted, else how many."""
        if len(self.snapshots) == 1:
            return self.snapshots[0].data.name
        n = len(self.snapshots) or len(self.ids)
        return ngettext("{n} participant", "{n} participants", n).format(n=integer(n))

    def redo(self) -> None:
        seen, self.seen = self.seen, None  # a redo after an undo deletes the rows its undo put back

        def delete(session: Session) -> None:
            self.snapshots = people.delete_participants(session, self.ids, seen)

        self._write(delete, _("Delete"))
        if isinstance(self.outcome.error, ConcurrentChangeError | RowDeletedError) and self.stale is not None:
            self.stale()
        if self.outcome:
            names = ", ".join(s.data.name for s in self.snapshots[:3]) + ("…" if len(self.snapshots) > 3 else "")
            self.setText(_("Delete {names}").format(names=names))

    def undo(self) -> None:
        snapshots = self.snapshots
        self._write(lambda session: people.restore_participants(session, snapshots), _("Undo"))
