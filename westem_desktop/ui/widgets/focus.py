"""Keyboard focus: the Tab order where a layout is built out of reading order."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QWidget


def tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in the order given (each right after the one before it)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
