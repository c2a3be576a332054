"""Every write of the interface goes through one ``ActionRunner``.

``run(write, changes, where)`` calls ``write(session)`` (usually a lambda around a core service) in one
transaction. A refusal (a ``WestemError``) changes nothing and is shown where it belongs: the field it
names, if ``where`` holds a widget of that object name, is brought into view and focused; the message
goes in the message line beside the fields if one is given, else in a message box over ``where``. A success
emits ``changed`` once, with the ``Change`` flags saying what was written; the tabs and the main window
subscribe to it.

The runner also carries the open database: the tabs and dialogs it is given to read through it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from westem_desktop.core.db import Database
from westem_desktop.core.errors import WestemError

Session = Any
"""The transaction a write is given; the interface only passes it on to the core services."""

T = TypeVar("T")


class Change(enum.Flag):
    """What a write changed; a tab reloads when a change it shows comes in."""

    PARTICIPANTS = enum.auto()
    PAIRS = enum.auto()  # pairs formed, restyled, ended; requests
    CYCLE = enum.auto()  # phases, checklists, notes, meetings, closing
    AGREEMENTS = enum.auto()
    EVALUATIONS = enum.auto()
    PROGRAMMES = enum.auto()
    EVERYTHING = PARTICIPANTS | PAIRS | CYCLE | AGREEMENTS | EVALUATIONS | PROGRAMMES


class Outcome(Generic[T]):
    """What ``run`` did: true when the write was saved; ``value`` is what the write returned."""

    __slots__ = ("done", "value")

    def __init__(self, done: bool, value: T | None = None) -> None:
        self.done, self.value = done, value

    def __bool__(self) -> bool:
        return self.done


class ActionRunner(QObject):
    changed = Signal(object)
    """One emission per saved write, with its ``Change`` flags."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def bind(self, db: Database) -> None:
        """Work on ``db`` from now on (another database was opened or restored)."""
        self.db = db

    def run(
        self,
        write: Callable[[Session], T],
        changes: Change,
        where: QWidget,
        *,
        line: QLabel | None = None,
        title: str = "",
        refused: Callable[[str, str | None], None] | None = None,
    ) -> Outcome[T]:
        """Run ``write`` in one transaction; on a refusal show it (see the module; a form that puts each
        message under its own field passes ``refused(message, field)`` instead) and return a false
        outcome, else clear ``line``, emit ``changed(changes)`` and return the write's value."""
        try:
            with self.db.session() as session:
                value = write(session)
        except WestemError as exc:
            if refused is not None:
                refused(str(exc), exc.field)
            else:
                show_refusal(where, str(exc), exc.field, line, title)
            return Outcome(False)
        if line is not None:
            line.clear()
            line.hide()
        self.changed.emit(changes)
        return Outcome(True, value)


def show_refusal(where: QWidget, message: str, field: str | None, line: QLabel | None = None, title: str = "") -> None:
    """Bring the widget named ``field`` inside ``where`` into view and focus it; show ``message`` in
    ``line`` (the form's message line, beside its fields), or without one in a message box over ``where``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox, QTabWidget

    widget = where.findChild(QWidget, field) if field else None
    if widget is not None:
        # Bring the field's page to the front in every tab widget between it and ``where``.
        ancestor = widget.parentWidget()
        while ancestor is not None:
            if isinstance(ancestor, QTabWidget):
                for index in range(ancestor.count()):
                    page = ancestor.widget(index)
                    if page is widget or page.isAncestorOf(widget):
                        ancestor.setCurrentIndex(index)
            if ancestor is where:
                break
            ancestor = ancestor.parentWidget()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if line is not None:
        line.setText(message)
        line.show()
    else:
        QMessageBox.warning(where, title or where.window().windowTitle(), message)
