"""Re-enrol a participant for a new round (``core.pool.reenrol``): the Participants and Matches tabs' action."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from westem_desktop.core.pool import reenrol as enrol
from westem_desktop.i18n import _
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.dialogs.date_prompt import DatePrompt


def reenrol(actions: ActionRunner, participant_id: int, name: str, parent: QWidget) -> bool:
    """Ask from which day ``name`` takes part in a new round and enrol her; True once done. A mentee whose
    pair was closed or ended is back among the mentees without a mentor; a refusal is shown in the dialog."""

    def save(day) -> bool:
        return actions.run(
            lambda session: enrol(session, participant_id, day),
            Change.PARTICIPANTS | Change.PAIRS,
            prompt,
            line=prompt.error,
        ).done

    prompt = DatePrompt(
        _("Re-enrol for a new round"),
        _("{name} takes part in a new round from:").format(name=name),
        _("Date"),
        parent,
        save,
        _("&Re-enrol"),
    )
    prompt.setObjectName("reenrolPrompt")
    return bool(prompt.exec())
