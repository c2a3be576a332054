"""A page that scrolls only downwards when its room is shorter than the page."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from westem_desktop.ui.widgets.focus import show_focus


class TallPage(QScrollArea):
    """A page as wide as its content and scrolling only downwards, when the screen is shorter than the page
    (at 1280×720 a phase is read at once; larger fonts or scaling scroll rather than grow the window)."""

    def __init__(self, page: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        show_focus(self)  # with the focus the arrows scroll it: a frame says so

    def minimumSizeHint(self) -> QSize:
        width = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, super().minimumSizeHint().height())

    def whole_size(self) -> QSize:
        """The room the whole page needs, unscrolled (a scroll bar's width to spare)."""
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())
