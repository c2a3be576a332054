"""A tab's place in the main window until the coordinator first opens it.

Only the tab in front is built when the window opens (start path: see the README); each other tab's
module is imported and its page built the first time it comes to the front (the main window calls
``page()``), or when code asks for the page. Until then the place knows the tab's title and keeps the
programme it should show.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from westem_desktop.core.read import Overview
from westem_desktop.i18n import _
from westem_desktop.ui.actions import ActionRunner
from westem_desktop.ui.tabs.base import TabPage


def forget_sources() -> None:
    """Let go of the source lines PySide's import hook has read. It reads the source of every module
    imported after PySide (to see whether the module uses PySide's features) through ``linecache``,
    which keeps every line: 28 MB once every tab has been opened, for nothing. A traceback reads the
    lines it shows again."""
    import linecache

    linecache.clearcache()


class TabSpec(NamedTuple):
    module: str
    class_name: str
    title: str  # an N_() text, shown until the page exists


class DeferredTab(QWidget):
    pageBuilt = Signal(object)

    def __init__(self, spec: TabSpec, actions: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.actions = actions
        self.setObjectName(f"{spec.class_name}Place")
        self._page: TabPage | None = None
        self._programme: tuple[int | None, Overview] = (None, Overview())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The page scrolls when the window is smaller than it would like: a tab never grows the window
        # past the screen (a laptop's 1280×720). Each page is laid out to fit that size without scrolling.
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("tabScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self._scroll)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> TabPage:
        """The tab itself, built now if it was not yet."""
        if self._page is None:
            page_class = getattr(importlib.import_module(self.spec.module), self.spec.class_name)
            self._page = page_class(self.actions, *self._programme, self)
            self._scroll.setWidget(self._page)
            # No Tab stop of its own (it shows no focus): Tab goes to the tab's controls, and the area
            # scrolls to the one with the focus. A focus proxy, as a focus policy would load Qt's namespace.
            self._scroll.setFocusProxy(self._page)
            if self.isVisible():
                self._page.show()
            self.pageBuilt.emit(self._page)
            forget_sources()
        return self._page

    def title(self) -> str:
        return self._page.title() if self._page is not None else _(self.spec.title)

    def show_programme(self, programme_id: int | None, overview: Overview) -> None:
        self._programme = (programme_id, overview)
        if self._page is not None:
            self._page.show_programme(programme_id, overview)

    def set_overview(self, overview: Overview) -> None:
        self._programme = (self._programme[0], overview)
        if self._page is not None:
            self._page.set_overview(overview)
