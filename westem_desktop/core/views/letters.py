"""Read models of the letters: a programme's templates (its edits, else the shipped texts) for the editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.letters.templates import Kind, Template


def letter_templates(db: Database, programme_id: int) -> dict[tuple[Kind, str], Template]:
    """Every kind's template in every language, as the programme has it now (``core.letters.templates``)."""
    from westem_desktop.core.letters.templates import LANGUAGES, Kind, template

    with db.reading() as session:
        return {
            (kind, language): template(session, programme_id, kind, language) for kind in Kind for language in LANGUAGES
        }


def letters_language(db: Database, programme_id: int) -> str:
    """The language the programme's letters are first shown in: its documents' language."""
    from westem_desktop.core.programmes import document_language

    with db.reading() as session:
        return document_language(session, programme_id=programme_id)
