"""What every tab of the main window shares: an empty state, the current programme, retranslation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from westem_desktop.core.read import Overview
from westem_desktop.ui.widgets.empty_state import EmptyState

PARTICIPANTS_TAB = 0
MATCHES_TAB = 1


class TabPage(QWidget):
    """A tab that shows either its content or an empty state saying what to do first.

    Subclasses implement ``build_content()``, ``title()``, ``empty_message()`` and ``retranslate()``
    (which ends with ``show_content_or_empty_state()``); the main window calls ``show_programme()``
    whenever the programme or its data changes.
    """

    requestNewProgramme = Signal()
    requestTab = Signal(int)
    titleChanged = Signal()
    prerequisite_tab: int | None = None
    """The tab whose work must come first; the empty state's button goes there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.programme_id: int | None = None
        self.overview = Overview()
        self.stack = QStackedWidget(self)
        self._empty: EmptyState | None = None
        self.content = self.build_content()
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    @property
    def empty(self) -> EmptyState:
        """The empty state, built when first needed: the tab in front usually has data (start-up time)."""
        if self._empty is None:
            self._empty = EmptyState(self.stack)
            self._empty.actionTriggered.connect(self._empty_action)
            self.stack.addWidget(self._empty)
        return self._empty

    def build_content(self) -> QWidget:
        """The tab's working area."""
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def empty_message(self) -> tuple[str, str, str | None] | None:
        """(heading, text, action) when there is nothing to show yet, else None."""
        raise NotImplementedError

    def _empty_action(self) -> None:
        if self.programme_id is None or self.prerequisite_tab is None:
            self.requestNewProgramme.emit()
        else:
            self.requestTab.emit(self.prerequisite_tab)

    def show_programme(self, programme_id: int | None, overview: Overview) -> None:
        self.programme_id = programme_id
        self.overview = overview
        self.retranslate()

    def retranslate(self) -> None:
        raise NotImplementedError

    def show_content_or_empty_state(self) -> None:
        """The empty state with the tab's message when there is nothing to show yet, else the content."""
        message = self.empty_message()
        if message is None:
            self.stack.setCurrentWidget(self.content)
        else:
            self.empty.show_message(*message)
            self.stack.setCurrentWidget(self.empty)

    def came_to_front(self) -> None:
        """Called by the main window when this tab comes to the front (and when the window opens with it
        in front): a tab that put off reading its data reads it now."""

    def language_changed(self) -> None:
        """Called by ``ui/language.py`` after a language switch."""
        self.retranslate()


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
