"""Help ▸ Keyboard shortcuts: every key of the main window, read from its actions and shortcuts as they
are (so the list cannot go stale), in the language of the moment."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from westem_desktop.i18n import _


class Shortcut(NamedTuple):
    keys: str
    what: str
    where: str


def plain(text: str) -> str:
    """A menu text without its mnemonic ('&&' stays one '&')."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def typed(sequence: QKeySequence) -> bool:
    """Whether ``sequence`` is typed on an ordinary keyboard with Ctrl (or is Delete, Esc or a function
    key): not a special key (Open, Undo) nor an Alt+Backspace variant the platform adds."""
    if sequence.isEmpty():
        return False
    combination = sequence[0]
    if combination.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
        return True
    key = combination.key()
    return key in (Qt.Key.Key_Delete, Qt.Key.Key_Escape) or Qt.Key.Key_F1.value <= key.value <= Qt.Key.Key_F35.value


def key_text(sequences: list[QKeySequence]) -> str:
    """The keys as the user types them, in the platform's words ("Ctrl+Z, Ctrl+Shift+Z")."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if typed(s))


def _action_row(action: QAction, where: str) -> Shortcut:
    return Shortcut(key_text(action.shortcuts()), action.statusTip() or plain(action.text()), where)


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The window's keys: its menus' in menu order, then each tab's (every tab is built for it), then any
    other action of the window that has a key."""
    pages = getattr(window, "pages", [])  # builds the tabs not yet built: their keys are theirs to list
    rows: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} ▸ {plain(action.menu().title())}")
            elif key_text(action.shortcuts()) and id(action) not in seen:
                seen.add(id(action))
                rows.append(_action_row(action, where))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), plain(top.menu().title()))

    def owned(root: QWidget, where: str) -> None:
        for action in root.findChildren(QAction):
            if key_text(action.shortcuts()) and id(action) not in seen:
                seen.add(id(action))
                rows.append(_action_row(action, where))
        for shortcut in root.findChildren(QShortcut):
            if key_text(shortcut.keys()) and id(shortcut) not in seen:
                seen.add(id(shortcut))
                rows.append(Shortcut(key_text(shortcut.keys()), shortcut.whatsThis(), where))

    for page in pages:
        owned(page, page.title())
    owned(window, "")
    return rows


class ShortcutsDialog(QDialog):
    """A table of keys, what each does and where; Close."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        from westem_desktop.ui.busy import busy

        with busy():  # the tabs not yet opened are built to read their keys
            rows = window_shortcuts(window)
        intro = QLabel(
            _(
                "Alt and the underlined letter of a menu, button or field go to it; Tab and Shift+Tab "
                "move between fields."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Keys"), _("Action"), _("Where")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the Close button; the arrows move in the table
        for row, shortcut in enumerate(rows):
            for column, text in enumerate(shortcut):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        char = self.fontMetrics().averageCharWidth()
        self.resize(min(90 * char, 900), min(self.fontMetrics().height() * (len(rows) + 8) * 2, 560))

    @property
    def rows(self) -> list[Shortcut]:
        """What the table lists, row by row."""
        return [
            Shortcut(*(self.table.item(row, column).text() for column in range(3)))
            for row in range(self.table.rowCount())
        ]
