"""What every tab of the main window shares: its life cycle and its empty state.

A tab is given the ``ActionRunner`` (its writes, and the database it reads) and the programme to show.
It is stale until it has read that programme's data: it reads when it is in front or comes to the
front, so the tabs behind stay cheap. A saved write (the runner's ``changed``) makes every tab that
shows what changed stale; the one in front reads again at once. A language switch likewise sets the
texts of the tab in front at once and of each other tab when it comes to the front (``untranslated``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from westem_desktop.core.db import Database
from westem_desktop.core.read import Overview
from westem_desktop.ui import language
from westem_desktop.ui.actions import ActionRunner, Change
from westem_desktop.ui.widgets.empty_state import EmptyState

PARTICIPANTS_TAB = 0
MATCHES_TAB = 1


class TabPage(QWidget):
    """A tab that shows either its content or an empty state saying what to do first.

    Subclasses implement ``build_content()``, ``title()``, ``empty_message()``, ``reload()`` (read the
    programme's data and show it) and ``retranslate()`` (set the texts; it ends with
    ``show_content_or_empty_state()``); ``translate_ui()`` also re-renders what a language switch changes.
    """

    requestNewProgramme = Signal()
    requestTab = Signal(int)
    titleChanged = Signal()
    statusMessage = Signal(str)
    """A short note for the window's status bar ("3 meetings exported.")."""
    prerequisite_tab: int | None = None
    """The tab whose work must come first; the empty state's button goes there."""
    watches: Change = Change.EVERYTHING & ~Change.PROGRAMMES
    """The changes that make this tab stale (a programme's new settings come through ``show_programme``)."""

    def __init__(
        self,
        actions: ActionRunner,
        programme_id: int | None = None,
        overview: Overview | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.programme_id = programme_id
        self.overview = overview or Overview()
        self.stale = True
        self.untranslated = False
        """A language switch came while the tab was behind: its texts are set when it comes to the front."""
        self.stack = QStackedWidget(self)
        self._empty: EmptyState | None = None
        self.content = self.build_content()
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        actions.changed.connect(self.data_changed)
        language.register(self, self.language_switched)

    @property
    def db(self) -> Database:
        """The open database (the runner's: it follows when another one is opened)."""
        return self.actions.db

    @property
    def empty(self) -> EmptyState:
        """The empty state, built when first needed (start path: see the README)."""
        if self._empty is None:
            self._empty = EmptyState(self.stack)
            self._empty.actionTriggered.connect(self._empty_action)
            self._empty.secondTriggered.connect(self._empty_second_action)
            self.stack.addWidget(self._empty)
        return self._empty

    def build_content(self) -> QWidget:
        """The tab's working area."""
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def empty_message(self) -> tuple[str, ...] | None:
        """(heading, text, action[, second action]) when there is nothing to show yet, else None."""
        raise NotImplementedError

    def _empty_action(self) -> None:
        if self.programme_id is None or self.prerequisite_tab is None:
            self.requestNewProgramme.emit()
        else:
            self.requestTab.emit(self.prerequisite_tab)

    def _empty_second_action(self) -> None:
        """The empty state's second button (a tab whose message offers one handles it)."""

    # -- life cycle ----------------------------------------------------------------------------

    def show_programme(self, programme_id: int | None, overview: Overview) -> None:
        """Show ``programme_id`` (its figures in ``overview``): read now if in front, else when it comes there."""
        if programme_id != self.programme_id:
            self.programme_switched()
        self.programme_id, self.overview = programme_id, overview
        self.stale = True
        if self.in_front():
            self.load()
        else:
            self.retranslate()

    def programme_switched(self) -> None:
        """Another programme is about to be shown: forget what belongs to the one before."""

    def set_overview(self, overview: Overview) -> None:
        """New figures of the same programme (the main window reads them once per change)."""
        self.overview = overview

    def data_changed(self, changes: Change) -> None:
        """A write was saved: stale if it changed what this tab shows; read again at once if in front."""
        if changes & self.watches:
            self.stale = True
            if self.in_front():
                self.load()

    def in_front(self) -> bool:
        """Whether this is the tab in front (shown whenever its window is)."""
        return self.isVisibleTo(self.window())

    def came_to_front(self) -> None:
        """Called by the main window when this tab comes to the front (and when the window opens with it
        in front): a tab behind a language switch sets its texts now, a stale tab reads its data."""
        if self.untranslated:
            self.untranslated = False
            self.translate_ui()
        if self.stale:
            self.load()

    def load(self) -> None:
        """Read the data and show it; the tab is fresh after."""
        self.stale = False
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        raise NotImplementedError

    def translate_ui(self) -> None:
        """Called once when built, after a language switch while in front, and when coming to the front
        after a switch made while behind."""
        self.retranslate()

    def language_switched(self) -> None:
        """The interface language changed (``ui/language.py``): the texts now when the tab is in front or
        stands alone, else when it comes to the front."""
        if self.isWindow() or self.in_front():
            self.untranslated = False
            self.translate_ui()
        else:
            self.untranslated = True

    def show_content_or_empty_state(self) -> None:
        """The empty state with the tab's message when there is nothing to show yet, else the content."""
        message = self.empty_message()
        if message is None:
            self.stack.setCurrentWidget(self.content)
        else:
            self.empty.show_message(*message)
            self.stack.setCurrentWidget(self.empty)


def no_programme_message() -> tuple[str, str, str]:
    from westem_desktop.i18n import _

    return (
        _("No programme yet"),
        _(
            "A programme is one scheme or cohort, for example “ICT first-years 2026/27”. "
            "Create one to start registering mentors and mentees."
        ),
        _("New programme…"),
    )
