"""Keyboard focus: the Tab order where a layout is built out of reading order, and focus that is seen.

Fusion draws a focused push button as it draws the default button, so the focus on a dialog's default
button cannot be seen: ``FocusStyle`` draws a line of the highlight colour inside a button with the
keyboard focus. A frameless scroll area or a document view draws nothing when it has the focus: ``show_focus``
gives it a frame in the palette's text colour while it has the focus.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionButton,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


def tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in the order given (each right after the one before it)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


class FocusStyle(QProxyStyle):
    """The platform's style, with a highlight-coloured line inside a push button that has the keyboard focus."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        focused = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if (
            element == QStyle.ControlElement.CE_PushButton
            and isinstance(option, QStyleOptionButton)
            and option.state & focused == focused
        ):
            from PySide6.QtCore import Qt  # here: the window opens without Qt's namespace

            # A line of the palette's highlight colour, two pixels wide, inside the button's bevel.
            rect = self.subElementRect(QStyle.SubElement.SE_PushButtonFocusRect, option, widget).adjusted(1, 1, -1, -1)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 2, 2)
            painter.restore()


def install_focus_style(app: QApplication) -> None:
    """Give a push button ``FocusStyle`` when it first gets the focus (once per application).

    Not the application's style: a style written in Python is called for every cell of every table and
    every header section it draws, which made the first paint of the Participants table a third slower.
    """
    if app.property("westemFocusStyle") is not None:
        return
    style = FocusStyle(QStyleFactory.create(app.style().name()))
    style.setParent(app)
    app.setProperty("westemFocusStyle", style)

    def focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QPushButton) and new.style() is not style:
            new.setStyle(style)

    app.focusChanged.connect(focus_changed)


class _FrameWhenFocused(QObject):
    def __init__(self, area: QFrame) -> None:
        super().__init__(area)
        self._shape, self._width = area.frameShape(), area.lineWidth()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if isinstance(watched, QFrame) and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            if event.type() == QEvent.Type.FocusIn:
                watched.setFrameShape(QFrame.Shape.Box)
                watched.setLineWidth(2)
            else:
                watched.setFrameShape(self._shape)
                watched.setLineWidth(self._width)
        return False


def show_focus(area: QFrame) -> None:
    """``area`` (a scroll area, a document view) draws a frame while it has the focus."""
    area.installEventFilter(_FrameWhenFocused(area))
