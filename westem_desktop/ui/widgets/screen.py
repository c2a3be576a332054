"""Sizes that fit the screen a window opens on (a laptop's 1280×720 too)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # room for a usual title bar and border, not known before the window is shown


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give ``window`` the size ``width``×``height``, or less where its screen's available area is smaller."""
    parent = window.parentWidget()
    screen = (parent or window).screen()
    available = screen.availableGeometry().size() - FRAME
    window.resize(QSize(width, height).boundedTo(available))
