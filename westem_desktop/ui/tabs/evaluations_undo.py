"""Undo and redo of the Evaluations tab, on the Participants tab's contract (``participants_undo``): the
delete of an entered form's answers is one step of the window's undo stack, named for the Edit menu after
the person who filled the form in ("Undo delete of the answers of Åsa Öberg")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError
from westem_desktop.core.evaluations import DeletedEvaluation, delete_evaluation, restore_evaluation
from westem_desktop.core.versions import Seen
from westem_desktop.i18n import N_, _
from westem_desktop.ui.actions import ActionRunner, Change, Session
from westem_desktop.ui.tabs.participants_undo import ParticipantCommand


class DeleteAnswers(ParticipantCommand):
    """redo() deletes the answers of one entered form (it is outstanding again), keeping them; undo() puts
    the same answers back."""

    UNDO = N_("&Undo delete of the answers of {what}")
    REDO = N_("&Redo delete of the answers of {what}")
    CHANGES = Change.EVALUATIONS

    def __init__(
        self,
        actions: ActionRunner,
        where: QWidget,
        form: tuple[int, str, str, int | None],
        respondent: str,
        seen: Seen | None = None,
        stale: Callable[[], None] | None = None,
    ) -> None:
        """``form`` is (pair, form, role, meeting); ``respondent`` the name of the person who filled it in;
        ``seen`` the entered copy the screen showed: the delete is refused when someone else replaced or
        deleted it since, and then ``stale()`` shows the form as it is now."""
        super().__init__(actions, where, _("Delete the answers of {name}").format(name=respondent))
        self.form, self.respondent, self.seen, self.stale = form, respondent, seen, stale
        self.deleted: DeletedEvaluation | None = None
        self._done_once = False

    def subject(self) -> str:
        return self.respondent

    def redo(self) -> None:
        match_id, instrument, role, meeting_id = self.form

        def delete(session: Session) -> None:
            self.deleted = delete_evaluation(session, match_id, instrument, role, meeting_id=meeting_id, seen=self.seen)

        self._write(delete, _("Redo") if self._done_once else _("Delete the answers"))
        self._done_once = True
        if isinstance(self.outcome.error, ConcurrentChangeError | RowDeletedError) and self.stale is not None:
            self.stale()

    def undo(self) -> None:
        deleted = self.deleted
        if deleted is not None:

            def restore(session: Session) -> None:
                self.seen = Seen.of(restore_evaluation(session, deleted))  # what a redo deletes

            self._write(restore, _("Undo"))
