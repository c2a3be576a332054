"""The keyboard focus is always visible, and every control that acts can take it (issue 19).

The main window is built over a demo programme; in every tab (each page of a tab widget inside it in front
in turn) and every dialog the application opens, the Tab cycle is walked with real Tab presses. At each
stop the focused control is grabbed, then grabbed again once Tab has moved on: the two pictures must
differ (a focus frame, a highlighted tab, a current item), and a list, table or tree that has rows shows
a current item while it has the focus. Every visible control that acts (button, field, list, tab bar)
takes the focus by Tab; a tool button may be left out of the Tab chain only when its action has a
keyboard shortcut and an entry in a menu.
"""

from __future__ import annotations

from pathlib import Path

from focus_chain import first_stop, focus, name, press, settle, tab_cycle, tab_stops
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from test_accessibility import INTERACTIVE, is_part
from test_mnemonics import Collector, demo, intercept, open_every_dialog, select_first, window_states  # noqa: F401


def picture(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def unseen_focus(root: QWidget, start: QWidget) -> list[str]:
    """The stops of ``root``'s Tab cycle from ``start`` whose focus cannot be seen."""
    order, broken = tab_cycle(start, limit=4 * len(tab_stops(root)) + 5)
    if broken:
        return [broken]
    found = []
    focus(start)
    for widget in order:
        while QApplication.focusWidget() is not widget:  # a date's sections: Tab until it reaches the next
            press(Qt.Key.Key_Tab)
        focused = picture(widget)
        rows = widget.model().rowCount() if isinstance(widget, QAbstractItemView) and widget.model() else 0
        if rows and not widget.currentIndex().isValid():
            found.append(f"{name(widget)} has the focus but no current item")
        press(Qt.Key.Key_Tab)
        while QApplication.focusWidget() is widget:
            press(Qt.Key.Key_Tab)
        if picture(widget) == focused:
            found.append(f"{name(widget)} looks the same with the focus and without it")
    return found


def no_focus(root: QWidget, menus: list[QMenu]) -> list[str]:
    """The visible controls of ``root`` that act but never take the focus by Tab (tool buttons with a
    shortcut and a menu entry excepted)."""
    in_menus = {action for menu in menus for action in menu.actions()}
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root) or is_part(widget):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus or widget.focusProxy():
            continue
        if isinstance(widget, QRadioButton) and any(  # Tab reaches an exclusive group through its checked button
            other.focusPolicy() & Qt.FocusPolicy.TabFocus for other in widget.parent().findChildren(QRadioButton)
        ):
            continue
        if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
            action = widget.defaultAction()
            if not action.shortcut().isEmpty() and action in in_menus:
                continue
        found.append(f"{name(widget)} acts but Tab never reaches it")
    return found


def all_menus(window) -> list[QMenu]:
    menus = [action.menu() for action in window.menuBar().actions() if action.menu() is not None]
    return menus + [a.menu() for m in menus for a in m.actions() if a.menu() is not None]


class VisibleCollector(Collector):
    """Walks every dialog's Tab cycle (each page of its tab widgets in front in turn)."""

    def window(self, root: QWidget, name: str) -> None:
        for state in window_states(root):
            start = first_stop(root)
            if start is not None:
                self.found.extend(f"{name}{state}: {problem}" for problem in unseen_focus(root, start))
            self.found.extend(f"{name}{state}: {problem}" for problem in no_focus(root, []))

    def dialog(self, dialog: QDialog) -> None:
        self.dialogs.append(dialog)
        if isinstance(dialog, (QFileDialog, QPrintDialog)):  # Qt's own dialogs draw Qt's own focus
            return
        dialog.show()
        settle(dialog)
        self.window(dialog, f"dialog “{dialog.windowTitle()}” ({type(dialog).__name__})")
        dialog.hide()


def test_focus_is_seen_in_every_tab(demo) -> None:  # noqa: F811
    window = demo()
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.pages[index]
        view = getattr(page, "view", None) or getattr(page, "pairs_view", None)
        if view is not None:
            select_first(view)
        for state in window_states(window.tabs.currentWidget()):
            where = f"tab “{window.tabs.tabText(index)}”{state}"
            found.extend(f"{where}: {problem}" for problem in unseen_focus(window, window.tabs.tabBar()))
            found.extend(f"{where}: {problem}" for problem in no_focus(window, all_menus(window)))
    assert not found, f"{len(found)} problems:\n" + "\n".join(dict.fromkeys(found))


def test_focus_is_seen_in_every_dialog(demo, monkeypatch, tmp_path: Path) -> None:  # noqa: F811
    window = demo()
    collector = VisibleCollector("en")
    intercept(monkeypatch, collector, tmp_path)
    open_every_dialog(window, collector, monkeypatch, tmp_path)
    assert len(collector.dialogs) > 20
    found = list(dict.fromkeys(collector.found))
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def test_the_check_finds_a_hidden_focus(qtbot) -> None:
    """The check itself: a flat button with its focus frame styled away is found, a plain one is not; a
    button that never takes the focus is found."""
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    plain, hidden, unreachable = QPushButton("Plain"), QPushButton("Hidden"), QPushButton("Unreachable")
    hidden.setFlat(True)
    hidden.setStyleSheet("QPushButton { border: none; outline: none; }")
    unreachable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for button in (plain, hidden, unreachable):
        layout.addWidget(button)
    root.show()
    qtbot.waitExposed(root)
    assert unseen_focus(root, plain) == [f"{name(hidden)} looks the same with the focus and without it"]
    assert no_focus(root, []) == [f"{name(unreachable)} acts but Tab never reaches it"]


def test_the_application_draws_the_focus_on_buttons(qapp, qtbot) -> None:
    """In the application made by ``create_application``, a focused default button is drawn otherwise than
    an unfocused one, and only buttons pay for the Python style that draws it."""
    from westem_desktop.ui.app import create_application
    from westem_desktop.ui.widgets.focus import FocusStyle

    assert create_application() is qapp
    assert not isinstance(qapp.style(), FocusStyle)
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    field, default = QLineEdit(), QPushButton("Save")
    default.setDefault(True)
    layout.addWidget(field)
    layout.addWidget(default)
    root.show()
    qtbot.waitExposed(root)
    focus(field)
    unfocused = default.grab().toImage()
    assert press(Qt.Key.Key_Tab) is default
    assert isinstance(default.style(), FocusStyle)
    assert default.grab().toImage() != unfocused
    assert not isinstance(field.style(), FocusStyle)
