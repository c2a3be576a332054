"""Headings: bold and a step larger than the application's font, so they follow the platform's size."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget


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
    """A word-wrapped heading ``scale`` times the application's font, again whenever that font changes.

    A size of its own keeps Qt from passing it the application's new font, so it listens to the
    application's ``fontChanged`` (a signal: no Python event handler, which the start path avoids)."""

    def __init__(self, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.setWordWrap(True)
        self.follow_font()
        QApplication.instance().fontChanged.connect(self.follow_font)

    def follow_font(self) -> None:
        self.setFont(heading_font(self, self.scale))
