"""Colours of our own notices, taken from the application's palette.

The window draws with the platform's palette (light, dark or high-contrast); the few lines that carry a
colour of their own (the error line under a form, the read-only notice) derive it from that palette so
that their text keeps WCAG AA contrast (4.5:1) against what it is painted on, and derive it again when
the palette changes. The colour only underlines what their words say.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

AA = 4.5  # WCAG 2.1 AA, normal text
ERROR = QColor("#b00020")  # the error red; made lighter or darker until it reads on the background
NOTICE = QColor("#ffb900")  # amber, a quarter of the read-only notice's background
WINDOW, TEXT = QPalette.ColorRole.Window, QPalette.ColorRole.WindowText


def luminance(colour: QColor) -> float:
    """WCAG's relative luminance of ``colour``, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(one: QColor, other: QColor, share: float) -> QColor:
    """``one`` with ``share`` (0 to 1) of ``other``."""
    return QColor.fromRgbF(*(a + (b - a) * share for a, b in zip(one.getRgbF()[:3], other.getRgbF()[:3], strict=True)))


def readable(colour: QColor, background: QColor, ratio: float = AA) -> QColor:
    """``colour``, or the nearest mix of it with black or white (whichever contrasts more with
    ``background``) that has at least ``ratio`` contrast with ``background``."""
    if contrast(colour, background) >= ratio:
        return QColor(colour)
    white, black = QColor(255, 255, 255), QColor(0, 0, 0)
    target = white if contrast(white, background) > contrast(black, background) else black
    for step in range(1, 21):
        mixed = mix(colour, target, step / 20)
        if contrast(mixed, background) >= ratio:
            return mixed
    return target


class Tone(Enum):
    """What a line's colour underlines."""

    ERROR = "error"  # the error red on the window's own background
    NOTICE = "notice"  # the window's text on an amber-tinted background


def tone_colours(tone: Tone, palette: QPalette) -> tuple[QColor, QColor | None]:
    """The text colour and the background (``None``: the window's own) of ``tone`` in ``palette``."""
    window = palette.color(WINDOW)
    if tone is Tone.ERROR:
        return readable(ERROR, window), None
    background = mix(window, NOTICE, 0.25)
    return readable(palette.color(TEXT), background), background


class ToneLabel(QLabel):
    """A label in the colours of ``tone``, derived from the application's palette and again whenever
    the palette changes."""

    def __init__(self, tone: Tone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        self._tint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._tint()

    def _tint(self) -> None:
        text, background = tone_colours(self.tone, QApplication.palette(self))
        palette = self.palette()
        if palette.color(TEXT) == text and (background is None or palette.color(WINDOW) == background):
            return  # as it is: setting it again would send another PaletteChange
        palette.setColor(TEXT, text)
        if background is not None:
            palette.setColor(WINDOW, background)
            self.setAutoFillBackground(True)
        self.setPalette(palette)
