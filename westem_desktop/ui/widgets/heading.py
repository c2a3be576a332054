"""Headings: bold and a step larger than the application's font, so they follow the platform's size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

if TYPE_CHECKING:  # the empty state uses heading_font() on the start path: no event class (see the README)
    from PySide6.QtCore import QEvent


def heading_font(widget: QWidget, scale: float) -> QFont:
    """The application's font for ``widget``, bold and ``scale`` times its size."""
    font = QApplication.font(widget)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:  # a font sized in pixels
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setBold(True)
    return font


class Heading(QLabel):
    """A word-wrapped heading ``scale`` times the application's font, again after the font changes."""

    def __init__(self, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.setWordWrap(True)
        self.setFont(heading_font(self, scale))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            font = heading_font(self, self.scale)
            if font != self.font():  # setting it again would send another FontChange
                self.setFont(font)
