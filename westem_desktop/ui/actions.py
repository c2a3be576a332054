"""Every write of the interface goes through one ``ActionRunner``.

``run(write, changes, where)`` calls ``write(session)`` (usually a lambda around a core service) in one
transaction. A refusal (a ``WestemError``) changes nothing and is shown where it belongs: the field it
names, if ``where`` holds a widget of that object name, is brought into view and focused; the message
goes in the message line beside the fields if one is given, else in a message box over ``where``. A success
emits ``changed`` once, with the ``Change`` flags saying what was written; the tabs and the main window
subscribe to it.

The runner also carries the open database: the tabs and dialogs it is given to read through it. The
controls that write are registered with ``edits()``: while the database is read-only they are disabled,
and stay so whatever their tab's own logic enables. A write refused because the file is damaged goes to
``on_damaged`` (the main window offers the newest good backup) instead of a plain message.

The runner also holds the window's one ``undo_stack`` (a ``QUndoStack``): the tabs push their steps on
it, the main window's Edit menu undoes and redoes them from anywhere. It is emptied when another
database is opened, whose rows the steps do not know.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QWidget

from westem_desktop.core.db import Database
from westem_desktop.core.errors import DatabaseDamagedError, WestemError

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent  # loaded when first used: start path, see the README

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
    """What ``run`` did: true when the write was saved; ``value`` is what the write returned, ``error`` the
    refusal (a ``WestemError``) when it was not saved."""

    __slots__ = ("done", "error", "value")

    def __init__(self, done: bool, value: T | None = None, error: Exception | None = None) -> None:
        self.done, self.value, self.error = done, value, error

    def __bool__(self) -> bool:
        return self.done


class ActionRunner(QObject):
    changed = Signal(object)
    """One emission per saved write, with its ``Change`` flags."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.on_damaged: Callable[[str], None] | None = None
        """Called with SQLite's reason when a write is refused because the file is damaged."""
        self._edits: list[QWidget | QAction] = []
        self._watched: set[int] = set()  # ids of the controls kept disabled (only once a file is read-only)
        self.undo_stack = QUndoStack(self)
        """The steps that Edit ▸ Undo takes back (see ``ui/tabs/participants_undo.py``)."""

    def bind(self, db: Database) -> None:
        """Work on ``db`` from now on (another database was opened or restored)."""
        was_read_only, self.db = self.db.read_only, db
        self.undo_stack.clear()  # the steps of the other file
        for control in self._edits:
            if was_read_only and not db.read_only:
                control.setEnabled(True)  # the tabs then set their own states as they read the new file
            self._guard(control)

    def edits(self, *controls: QWidget | QAction) -> None:
        """``controls`` write to the database: disabled, and kept so, while it is read-only."""
        for control in controls:
            self._edits.append(control)
            control.destroyed.connect(lambda _obj=None, c=control: self._forget(c))
            self._guard(control)

    def _guard(self, control: QWidget | QAction) -> None:
        """While the database is read-only, disable ``control`` and watch that it stays so. Nothing is
        watched for a writable file: no Python runs on the controls' events (start path: see the README)."""
        if not self.db.read_only:
            return
        if id(control) not in self._watched:
            self._watched.add(id(control))
            if isinstance(control, QWidget):
                control.installEventFilter(self)
            else:
                control.changed.connect(lambda c=control: self._keep_disabled(c))
        self._keep_disabled(control)

    def _forget(self, control: QWidget | QAction) -> None:
        self._edits = [c for c in self._edits if c is not control]
        self._watched.discard(id(control))

    def _keep_disabled(self, control: QWidget | QAction) -> None:
        if self.db.read_only and control.isEnabled():
            control.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.EnabledChange:
            self._keep_disabled(watched)  # type: ignore[arg-type]
        return False

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
        except DatabaseDamagedError as exc:
            if self.on_damaged is None:
                show_refusal(where, str(exc), None, line, title)
            else:
                self.on_damaged(exc.reason)
            return Outcome(False)
        except WestemError as exc:
            if refused is not None:
                refused(str(exc), exc.field)
            else:
                show_refusal(where, str(exc), exc.field, line, title)
            return Outcome(False, error=exc)
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
