"""Texts both engines store alike: a save whose text is longer than its column allows, or holds a null
character, is refused with a message naming the field, before anything is written.

SQLite keeps any text in any column, while PostgreSQL refuses a text longer than its ``VARCHAR(n)`` and
any text with a null character (``\\x00``) with a driver's error, which the coordinator would meet as a
crash. The same rule on both engines keeps a file movable to a server (``server import``) and a form's
refusal the same wherever the database is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from westem_desktop.core.errors import ValidationError, visible
from westem_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SHOWN = 30  # the characters of a refused text quoted in the message
# A column's field where the dialog names it otherwise (the widget's object name, which the window brings
# into view and focuses): every other column's field is its own name.
FIELD_NAMES = {
    ("match", "termination_reason"): "reason",
    ("mentor_request", "decline_reason"): "declineReason",
}
GOAL_FIELDS = {"goal": "goal", "steps": "steps", "success_measure": "success"}  # the editor's goal1, steps1, …


def field_of(row: object, key: str) -> str:
    """The form field of ``row``'s column ``key``."""
    table = row.__table__.name  # type: ignore[attr-defined]
    if table == "agreement_goal":
        return f"{GOAL_FIELDS[key]}{row.position}"  # type: ignore[attr-defined]
    if table == "evaluation_answer":
        return str(row.question_key)  # type: ignore[attr-defined]  # the question's field
    return FIELD_NAMES.get((table, key), key)


def quoted(text: str) -> str:
    """The beginning of ``text`` as a message quotes it: its control characters visible, long text cut."""
    shown = visible(text)
    return shown if len(shown) <= SHOWN else shown[:SHOWN].rstrip() + "…"


def problem(text: str, limit: int | None, field: str) -> ValidationError | None:
    """Why ``text`` cannot be stored in a column of at most ``limit`` characters (None: any length)."""
    if "\x00" in text:
        return ValidationError(
            _("“{text}” contains a null character (\\x00), which cannot be stored; remove it.").format(
                text=quoted(text)
            ),
            field,
        )
    if limit is not None and len(text) > limit:
        return ValidationError(
            ngettext(
                "“{text}” is too long: {max} character fits here, it has {length}.",
                "“{text}” is too long: {max} characters fit here, it has {length}.",
                limit,
            ).format(text=quoted(text), max=limit, length=len(text)),
            field,
        )
    return None


def check(session: Session, _context: object = None, _instances: object = None) -> None:
    """``before_flush``: refuse (``ValidationError``, the field named by its column) a text that a new row
    or a changed column would store and either engine could not. An unchanged column is not checked: a
    file may hold longer texts saved before this rule, and its rows can still be changed otherwise."""
    from sqlalchemy import String
    from sqlalchemy import inspect as inspect_row

    for row in (*session.new, *session.dirty):
        state = inspect_row(row)
        new = row in session.new
        for attribute in state.mapper.column_attrs:
            column_type = attribute.columns[0].type
            if not isinstance(column_type, String):
                continue
            history = state.attrs[attribute.key].history
            if not new and not history.has_changes():
                continue
            value = getattr(row, attribute.key)
            if isinstance(value, str):
                refusal = problem(value, column_type.length, field_of(row, attribute.key))
                if refusal is not None:
                    raise refusal


def install(sessions: object) -> None:
    """Check the texts written through the sessions of the ``sessionmaker`` ``sessions``."""
    from sqlalchemy import event

    event.listen(sessions, "before_flush", check)
