"""Read models of the main window's programme actions: a programme's settings, what anonymising removes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from westem_desktop.core.db import Database
    from westem_desktop.core.privacy import AnonymiseSummary
    from westem_desktop.core.programmes import ProgrammeSettings


def programme_settings(db: Database, programme_id: int) -> ProgrammeSettings:
    from westem_desktop.core.programmes import get_settings

    with db.reading() as session:
        return get_settings(session, programme_id)


def anonymise_summary(db: Database, programme_id: int) -> AnonymiseSummary:
    """What anonymising the programme would remove, and how many of its pairs are still active."""
    from westem_desktop.core.privacy import anonymise_summary as summary

    with db.reading() as session:
        return summary(session, programme_id)


def document_language(db: Database, *, match_id: int | None = None, programme_id: int | None = None) -> str:
    """The language a document is printed in (``core.programmes.document_language``)."""
    from westem_desktop.core.programmes import document_language as language

    with db.reading() as session:
        return language(session, match_id=match_id, programme_id=programme_id)
