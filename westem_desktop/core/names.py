"""How a person is named on every screen, export and document: one rule, one home.

An erased participant keeps her place in the counts but loses her name; everywhere she is shown as
"Erased participant N" (translated, in the document's language when a document asks).
"""

from __future__ import annotations

from westem_desktop.i18n import N_, _, translate_in

ERASED_NAME = N_("Erased participant {id}")


def display_name(participant_id: int, name: str, erased: bool, language: str | None = None) -> str:
    """The name to show for a participant: her own, or the erased placeholder in ``language``."""
    if not erased:
        return name
    text = translate_in(language, ERASED_NAME) if language else _(ERASED_NAME)
    return text.format(id=participant_id)


def person_name(participant, language: str | None = None) -> str:
    """``display_name`` of an ORM participant (or anything with ``id``, ``name`` and ``erased_at``)."""
    return display_name(participant.id, participant.name, participant.erased_at is not None, language)
