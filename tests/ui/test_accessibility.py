"""Every visible interactive control speaks its name to a screen reader, in every language (issue 19).

For each language the main window is built over a demo programme; every tab (and each page of a tab
widget inside it) and every dialog the application opens (the way ``test_mnemonics`` opens them: through
the window's own methods with ``exec()`` intercepted) is walked through ``QAccessible``. A visible button,
line or text edit, combo box, spin or date box, check box, table or list view, slider or tab bar whose
accessible interface has no name fails the test; the message names the language, the place, the widget's
class and its objectName.

Qt's own file and print dialogs are Qt's to name and are not walked; its message boxes are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from test_mnemonics import LANGUAGES, Collector, demo, intercept, open_every_dialog, window_states  # noqa: F401

from westem_desktop import i18n

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
# Parts of a composite control that speak through it (a combo box's or spin box's line edit, a table's
# corner button, a tab bar's scroll arrows, a view's scroll bars) are not controls of their own.
COMPOSITES = (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says the control is: its accessible name or the label it is labelled by.

    A combo box's Name on Linux is its current value (Qt reports the label as a relation there), so for a
    combo box only an accessible name set on it or a labelling label counts."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    labels = [r[0].text(QAccessible.Text.Name) for r in interface.relations(QAccessible.Relation.Label)]
    if any(text.strip() for text in labels):
        return next(text.strip() for text in labels if text.strip())
    return "" if isinstance(widget, QComboBox) else interface.text(QAccessible.Text.Name).strip()


def is_part(widget: QWidget) -> bool:
    """Whether ``widget`` is an inner part of a composite control (or a scroll bar)."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def nameless(root: QWidget) -> list[QWidget]:
    """The interactive controls of ``root``, visible as it stands, whose accessible name is empty."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE)
        and widget.isVisibleTo(root)
        and not is_part(widget)
        and not accessible_name(widget)
    ]


def describe(widget: QWidget) -> str:
    hint = widget.toolTip() or getattr(widget, "placeholderText", lambda: "")() or ""
    parent = widget.parentWidget()
    where = f" in {type(parent).__name__} “{parent.objectName()}”" if parent is not None else ""
    return f"{type(widget).__name__} “{widget.objectName()}”{where}" + (f" (hint: {hint})" if hint else "")


class NameCollector(Collector):
    """Walks windows as ``Collector`` does, keeping every nameless control instead of mnemonic clashes."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.reported: set[int] = set()

    def window(self, root: QWidget, name: str) -> None:
        for state in window_states(root):
            for widget in nameless(root):
                if id(widget) not in self.reported:  # once per control, where it is first seen
                    self.reported.add(id(widget))
                    self.found.append(f"[{self.language}] {name}{state}: {describe(widget)} has no accessible name")

    def dialog(self, dialog: QDialog) -> None:
        self.dialogs.append(dialog)
        if isinstance(dialog, (QFileDialog, QPrintDialog)):
            return
        dialog.show()
        QApplication.processEvents()
        self.window(dialog, f"dialog “{dialog.windowTitle()}” ({type(dialog).__name__})")
        dialog.hide()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_control_has_an_accessible_name(language, switcher, demo, monkeypatch, tmp_path: Path) -> None:  # noqa: F811
    switcher.apply(language)
    assert i18n.current_language() == language
    window = demo()
    collector = NameCollector(language)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        collector.window(window, f"main window, tab “{window.tabs.tabText(index)}”")
    intercept(monkeypatch, collector, tmp_path)
    open_every_dialog(window, collector, monkeypatch, tmp_path)
    assert len(collector.dialogs) > 20  # every dialog was opened, not only the first
    assert not collector.found, f"{len(collector.found)} controls without a name:\n" + "\n".join(collector.found)


def test_the_walk_finds_a_nameless_control(qtbot) -> None:
    """The check itself: a line edit with neither a label buddy nor a name is found; a name fixes it."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    root = QWidget()
    qtbot.addWidget(root)
    layout = QFormLayout(root)
    bare, named, labelled = QLineEdit(), QLineEdit(), QLineEdit()
    named.setAccessibleName("Named")
    label = QLabel("&Labelled")
    label.setBuddy(labelled)
    valued, choice = QComboBox(), QComboBox()  # a combo box's value is no name
    valued.addItem("Off")
    choice.addItem("Off")
    layout.addRow(bare)
    layout.addRow(named)
    layout.addRow(label, labelled)
    layout.addRow(valued)
    layout.addRow("Country", choice)
    root.show()
    assert nameless(root) == [bare, valued]
    assert accessible_name(labelled) == "Labelled"
    assert accessible_name(choice) == "Country"
