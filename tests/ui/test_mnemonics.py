"""No two visible items that the same Alt+letter reaches share their '&' letter, in any language.

For each language the main window is built over a demo programme; every menu (and submenu), the menu
bar, every tab (its pane together with the menu bar, tab bar and toolbar, which the same Alt+letter
reaches), and every dialog the application opens (``ui/dialogs``, its message boxes with buttons of
its own, the file dialog) is walked. A place holds the visible menu actions of one menu, or the visible
buttons, check boxes, labels with a buddy, group boxes and tab titles of one window (a dialog, the
main window with one tab in front, each tab page of a dialog in front in turn). Two items of one
place with the same letter (after the language's case folding) are a clash; the message names the
language, the place, both texts and the English texts they translate.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QTabWidget,
    QWidget,
)

from westem_desktop import i18n
from westem_desktop.i18n.catalogues import load_catalogue

LANGUAGES = ("en", "sv", "nb", "nl")


def ready(dialog: QDialog) -> None:
    """Wait until a dialog that prepares its content in a worker (the letters' drafts) shows it."""
    computing = getattr(dialog, "computing", None)
    deadline = time.monotonic() + 60
    while callable(computing) and computing() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def mnemonic(text: str) -> str | None:
    """The letter after the first single '&' of ``text`` ('&&' is a literal ampersand), case-folded."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].casefold()
        i += 1
    return None


class Item(NamedTuple):
    kind: str
    text: str


def window_items(root: QWidget) -> list[Item]:
    """The items of ``root`` visible as it stands that carry a mnemonic (its menus are places of their own)."""
    found: list[Item] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QMenu) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton):
            found.append(Item(type(widget).__name__, widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append(Item("label", widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append(Item("group box", widget.title()))
        elif isinstance(widget, QTabBar):
            found.extend(Item("tab", widget.tabText(i)) for i in range(widget.count()) if widget.isTabVisible(i))
    return [item for item in found if mnemonic(item.text)]


def window_states(root: QWidget) -> Iterator[str]:
    """Bring each page of each visible tab widget of ``root`` to the front in turn (yields its title)."""
    yield ""
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root) or tabs.objectName() == "tabs":
            continue
        before = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield f", page “{tabs.tabText(index)}”"
        tabs.setCurrentIndex(before)


def menu_places(menu: QMenu, where: str) -> Iterator[tuple[str, list[Item]]]:
    actions = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    yield where, [Item("menu item", a.text()) for a in actions if mnemonic(a.text())]
    for action in actions:
        if action.menu() is not None:
            yield from menu_places(action.menu(), f"{where} › {action.text()}")


def clashes(place: str, items: list[Item]) -> list[str]:
    by_letter: dict[str, Item] = {}
    found = []
    for item in items:
        letter = mnemonic(item.text)
        if letter in by_letter:
            found.append((place, letter, by_letter[letter], item))
        else:
            by_letter[letter] = item
    return found


class Collector:
    """Walks places and keeps every clash found, with the English source of each text."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.found: list[str] = []
        self.seen: set[tuple[str, str]] = set()
        self.dialogs: list[QDialog] = []
        catalogue = getattr(load_catalogue(language), "_catalog", {})
        self.sources: dict[str, str] = {}
        for key, value in catalogue.items():
            if isinstance(key, str) and isinstance(value, str) and "&" in value:
                self.sources.setdefault(value, key.split("\x04")[-1])

    def source(self, text: str) -> str:
        if self.language == "en":
            return ""
        msgid = self.sources.get(text)
        return f" (msgid “{msgid}”)" if msgid else " (not in our catalogue: a Qt text)"

    def check(self, place: str, items: list[Item]) -> None:
        for where, letter, first, second in clashes(place, items):
            if (first.text, second.text) in self.seen:  # the same two items on another page of one window
                continue
            self.seen.add((first.text, second.text))
            self.found.append(
                f"[{self.language}] {where}: “{first.text}”{self.source(first.text)} ({first.kind}) and "
                f"“{second.text}”{self.source(second.text)} ({second.kind}) share the letter “{letter}”"
            )

    def window(self, root: QWidget, name: str) -> None:
        for state in window_states(root):
            self.check(f"{name}{state}", window_items(root))

    def dialog(self, dialog: QDialog) -> None:
        """Called instead of ``exec()``: walk the dialog as it would be shown, then close it."""
        self.dialogs.append(dialog)
        dialog.show()
        ready(dialog)
        QApplication.processEvents()
        self.window(dialog, f"dialog “{dialog.windowTitle()}” ({type(dialog).__name__})")
        dialog.hide()


@pytest.fixture
def demo(make_window, qtbot):
    from westem_desktop.core.demo import create_demo

    def build():
        window = make_window()
        with window.db.session() as session:
            pid = create_demo(session, participants=40, seed=2, today=dt.date.today()).id
        window.load_programmes(pid)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


def intercept(monkeypatch, collector: Collector, tmp_path: Path) -> None:
    """Every dialog the application would run is walked instead; file dialogs are walked as Qt's own
    (non-native) dialog and answer nothing; the plain message boxes answer No."""

    def run(dialog: QDialog) -> int:
        collector.dialog(dialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", run)
    monkeypatch.setattr(QMessageBox, "exec", run)
    monkeypatch.setattr(QPrintDialog, "exec", run)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))

    def file_dialog(mode: QFileDialog.AcceptMode, directory_only: bool = False):
        def open_(parent=None, caption="", directory="", filter="", *args, **kwargs):
            dialog = QFileDialog(parent, caption, str(tmp_path), filter)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            dialog.setAcceptMode(mode)
            if directory_only:
                dialog.setFileMode(QFileDialog.FileMode.Directory)
                dialog.setOption(QFileDialog.Option.ShowDirsOnly)
            collector.dialog(dialog)
            dialog.deleteLater()
            return "" if directory_only else ("", "")

        return staticmethod(open_)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", file_dialog(QFileDialog.AcceptMode.AcceptSave))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog(QFileDialog.AcceptMode.AcceptOpen))
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", file_dialog(QFileDialog.AcceptMode.AcceptOpen, directory_only=True)
    )


def select_first(view) -> None:
    view.selectRow(0)
    QApplication.processEvents()


def open_every_dialog(window, collector: Collector, monkeypatch, tmp_path: Path) -> None:
    """Open every dialog the application opens, the way it opens them (``exec`` is intercepted)."""
    from westem_desktop.core.agreements import Resigning
    from westem_desktop.core.backup import BackupInfo
    from westem_desktop.core.errors import DatabaseBusyError
    from westem_desktop.core.server.audit import Change
    from westem_desktop.core.server.register import RegisteredMentor
    from westem_desktop.core.server_address import ServerAddress
    from westem_desktop.ui import app, errors
    from westem_desktop.ui.dialogs.connect_dialog import PasswordPrompt
    from westem_desktop.ui.dialogs.first_start import FirstStartDialog
    from westem_desktop.ui.dialogs.history_dialog import HistoryDialog
    from westem_desktop.ui.dialogs.reenrol import reenrol
    from westem_desktop.ui.dialogs.register_dialog import RegisterDialog
    from westem_desktop.ui.dialogs.templates_dialog import TemplatesDialog

    participants, matches, cycle, agreements, evaluations = window.pages
    mentor = RegisteredMentor(1, "Physics 2026/27", "Eva Sand", "eva@example.org", "", ["natural_science"], ["sv"], 2)
    change = Change(dt.datetime(2026, 11, 2, 14, 32, tzinfo=dt.UTC), "k_lindqvist", "meeting", 1, "insert")
    steps: list[Callable[[], object]] = [
        window.new_programme,
        window.edit_programme,
        window.show_about,
        window.show_shortcuts,
        window.restore_backup,
        window.new_database,
        window.open_database,
        window.connect_to_server,
        lambda: PasswordPrompt(ServerAddress("db.faculty.example", "westem", "anna")).exec(),
        window.back_up,
        window.choose_backup_folder,
        lambda: FirstStartDialog(window).exec(),
        participants.add_participant,
        lambda: (select_first(participants.view), participants.edit_selected()),
        participants.import_participants,
        participants.export_participants,
        lambda: reenrol(window.actions, participants.selected_ids()[0], "Anna", window),
        lambda: (select_first(matches.pairs_view), matches.first_contact()),
        matches.end_selected,
        matches.suggest_pairs,
        matches.open_requests,
        matches.write_introductions,
        lambda: TemplatesDialog(window.actions, window.programme_id, window).exec(),
        lambda: HistoryDialog("Anna", [change], window).exec(),  # a server's (the walk runs on a file)
        lambda: RegisterDialog([mentor], window).exec(),  # likewise
        lambda: (window.tabs.setCurrentIndex(2), select_first(cycle.view)),
        cycle.apply_plan,
        cycle.export_calendar,
        lambda: cycle.detail._meeting(True),
        lambda: cycle.detail._meeting(False),
        lambda: (window.tabs.setCurrentIndex(3), select_first(agreements.view)),
        lambda: agreements.preview_version(1),
        agreements.all_certificates,
        agreements.handouts,
        lambda: agreements.confirm_resigning(Resigning(1, dt.date(2026, 10, 1), 2)),
        evaluations.paper_forms,
        lambda: collector.dialogs[-1].print_document(),  # Qt's print dialog, over the preview
        lambda: errors.show_error_dialog(RuntimeError, RuntimeError("boom"), None),
    ]
    for step in steps:
        step()
    # The boxes shown when the database cannot be opened: in use (try again), and damaged (restore).
    busy = tmp_path / "busy.sqlite"

    def refuse(path: Path, **_kwargs):
        raise DatabaseBusyError(path)

    monkeypatch.setattr(app, "open_database", refuse)
    app.open_with_dialogs(busy)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    good = BackupInfo(tmp_path / "good.sqlite", dt.datetime(2026, 11, 1, 9, 30), 1000, 1, 10)
    monkeypatch.setattr("westem_desktop.core.backup.newest_good_backup", lambda *a: good)
    monkeypatch.setattr(app, "open_database", importlib.import_module("westem_desktop.core.db").open_database)
    app.open_with_dialogs(damaged)


def dialog_classes() -> set[type]:
    """Every dialog class of ``westem_desktop.ui.dialogs``."""
    import westem_desktop.ui.dialogs as package

    found = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == module.__name__:
                found.add(value)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_items_share_a_mnemonic(language, switcher, demo, monkeypatch, tmp_path) -> None:
    switcher.apply(language)
    assert i18n.current_language() == language
    window = demo()
    collector = Collector(language)
    bar_menus = [action.menu() for action in window.menuBar().actions()]
    for menu in bar_menus:
        for where, items in menu_places(menu, f"menu “{menu.title()}”"):
            collector.check(where, items)
    collector.check("the menu bar", [Item("menu", a.text()) for a in window.menuBar().actions() if a.isVisible()])
    # Every tab built: their own menus (the Participants tab's “More” menu) are walked too.
    assert len(window.pages) == window.tabs.count()
    submenus = {a.menu() for m in bar_menus for a in m.actions() if a.menu() is not None}
    others = [m for m in window.findChildren(QMenu) if m not in bar_menus and m not in submenus and m.actions()]
    assert others, "the Participants tab's menu was not found"
    for menu in others:
        button = menu.parentWidget()
        name = button.text() if isinstance(button, QAbstractButton) else menu.objectName()
        for where, items in menu_places(menu, f"menu of “{name}”"):
            collector.check(where, items)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        collector.window(window, f"main window, tab “{window.tabs.tabText(index)}” (with the toolbar)")
    intercept(monkeypatch, collector, tmp_path)
    open_every_dialog(window, collector, monkeypatch, tmp_path)

    opened = {type(dialog) for dialog in collector.dialogs}
    missing = sorted(cls.__name__ for cls in dialog_classes() - opened)
    assert not missing, f"dialogs this test does not open (add them to open_every_dialog): {missing}"
    assert {QMessageBox, QFileDialog, QPrintDialog} <= opened
    assert not collector.found, "mnemonic clashes:\n" + "\n".join(collector.found)


def test_mnemonic_letter() -> None:
    assert mnemonic("C&lose") == "l"
    assert mnemonic("Fish && &Chips") == "c"
    assert mnemonic("Save && close") is None
    assert mnemonic("&Åpne") == "å"
    assert clashes("here", [Item("a", "&Plan a meeting"), Item("b", "Meeting &plan")])
    assert not clashes("here", [Item("a", "&Plan a meeting"), Item("b", "&Meeting plan")])
