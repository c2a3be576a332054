"""Combo boxes whose items are texts of the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


def translated_combo(parent: QWidget, name: str) -> QComboBox:
    """A combo box that takes the width of its items again whenever they change, as they do after a
    language switch. (Qt measures them once, when the box is first shown: after English, the Swedish
    "Alla roller" was cut off.)"""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo
