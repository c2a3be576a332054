"""Tab order follows the visual order, reaches every control and walks back with Shift+Tab (issue 19).

In each language (the texts' lengths move controls) the main window is built over a demo programme
(tables, buttons and forms filled); every tab, every page of a tab widget inside it, and every dialog the
application opens (opened as ``test_mnemonics`` opens them) is walked with real Tab key presses from its
first stop. A place fails when Tab does not come back to where it started (a control that keeps the Tab
key, a dead end), when a visible control that takes the focus is never reached, when Shift+Tab does not
walk the same cycle backwards, or when the order goes against reading order (a control wholly above an
earlier one in its column, or wholly left of an earlier one in its row).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from focus_chain import first_stop, name, reading_order_jumps, settle, tab_cycle, tab_stops
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from test_mnemonics import LANGUAGES, Collector, demo, intercept, open_every_dialog, select_first, window_states  # noqa: F401


def grouped(widget: QWidget, order: list[QWidget]) -> bool:
    """Whether ``widget`` is a radio button whose exclusive group Tab reaches (through its checked button;
    the arrow keys choose among them, as everywhere)."""
    if not isinstance(widget, QRadioButton):
        return False
    group = widget.group()
    return any(
        isinstance(other, QRadioButton)
        and (
            other.group() is group if group is not None else other.autoExclusive() and other.parent() is widget.parent()
        )
        for other in order
    )


def walk(root: QWidget, start: QWidget, within: QWidget) -> list[str]:
    """What is wrong with the Tab cycle of ``root`` from ``start``; reading order is checked among the
    stops inside ``within``."""
    stops = tab_stops(root)
    order, broken = tab_cycle(start, limit=4 * len(stops) + 5)
    if broken:
        return [broken]
    found = [
        f"Tab never reaches {name(widget)}" for widget in stops if widget not in order and not grouped(widget, order)
    ]
    back, broken = tab_cycle(start, limit=4 * len(stops) + 5, key=Qt.Key.Key_Backtab)
    if broken:
        found.append(broken)
    elif back != [start, *reversed(order[1:])]:
        found.append("Shift+Tab does not walk the Tab cycle backwards")
    inside = [widget for widget in order if widget is within or within.isAncestorOf(widget)]
    return found + reading_order_jumps(inside, within)


class OrderCollector(Collector):
    """Walks the Tab cycle of every dialog (each page of its tab widgets in front in turn)."""

    def window(self, root: QWidget, name: str) -> None:
        for state in window_states(root):
            start = first_stop(root)
            if start is None:
                continue
            self.found.extend(f"{name}{state}: {problem}" for problem in walk(root, start, root))

    def dialog(self, dialog: QDialog) -> None:
        self.dialogs.append(dialog)
        if isinstance(dialog, (QFileDialog, QPrintDialog)):  # Qt's own dialogs are Qt's to order
            return
        dialog.show()
        settle(dialog)
        self.window(dialog, f"dialog “{dialog.windowTitle()}” ({type(dialog).__name__})")
        dialog.hide()


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_order_of_every_tab(language, switcher, demo) -> None:  # noqa: F811
    switcher.apply(language)  # the texts' lengths move controls: a row in one language is two in another
    window = demo()
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.pages[index]
        view = getattr(page, "view", None) or getattr(page, "pairs_view", None)
        if view is not None:  # a row chosen: the buttons that act on it are enabled, the pair's panel filled
            select_first(view)
        pane = window.tabs.currentWidget()
        for state in window_states(pane):
            where = f"tab “{window.tabs.tabText(index)}”{state}"
            found.extend(f"{where}: {problem}" for problem in walk(window, window.tabs.tabBar(), pane))
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_order_of_every_dialog(language, switcher, demo, monkeypatch, tmp_path: Path) -> None:  # noqa: F811
    switcher.apply(language)
    window = demo()
    collector = OrderCollector(language)
    intercept(monkeypatch, collector, tmp_path)
    open_every_dialog(window, collector, monkeypatch, tmp_path)
    assert len(collector.dialogs) > 20
    assert not collector.found, f"{len(collector.found)} problems:\n" + "\n".join(collector.found)


def test_the_walk_finds_an_order_against_reading(qtbot) -> None:
    """The check itself: a button built after the field below it is found; Tab past a text edit that keeps
    the key is found; setTabOrder mends the first."""
    from PySide6.QtWidgets import QTextEdit

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    top, below = QLineEdit(), QPushButton("Below")
    layout.addWidget(top)
    layout.addWidget(below)
    QWidget.setTabOrder(below, top)  # Tab goes from the button below to the field above
    root.show()
    qtbot.waitExposed(root)
    assert any("stands above" in problem for problem in walk(root, below, root))
    QWidget.setTabOrder(top, below)
    assert walk(root, top, root) == []
    keeper = QTextEdit()
    layout.addWidget(keeper)
    QApplication.processEvents()
    assert walk(root, top, root) == [f"Tab does not leave {name(keeper)}"]
