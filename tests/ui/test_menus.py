"""The obvious ways in: File ▸ Import participants and the empty state's Import, Edit ▸ Undo and Redo naming
the step and working from any focus, Help ▸ Keyboard shortcuts listing every key of the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox

from westem_desktop.core import participants as people
from westem_desktop.core.enums import Role
from westem_desktop.ui.dialogs.import_dialog import ImportDialog
from westem_desktop.ui.dialogs.shortcuts import ShortcutsDialog, key_text, plain, window_shortcuts


@pytest.fixture
def window(window, qtbot):
    """The shared window over an empty programme, active (the keys go to it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def add_people(window, *names: str) -> list[int]:
    ids = []
    with window.db.session() as session:
        for n, name in enumerate(names):
            data = people.ParticipantData(name=name, email=f"p{n}@uu.se", role=Role.MENTEE)
            ids.append(people.create_participant(session, window.programme_id, data).id)
    window.load_programmes(window.programme_id)
    return ids


def names_shown(tab) -> list[str]:
    return [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]


def opened_imports(monkeypatch) -> list[ImportDialog]:
    opened: list[ImportDialog] = []

    def exec_(dialog: ImportDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return opened


def delete_named(window, monkeypatch, *names: str) -> None:
    """Select the rows of ``names`` and delete them (answering Yes)."""
    tab = window.pages[0]
    selection = tab.view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row, name in enumerate(names_shown(tab)):
        if name in names:
            selection.select(tab.proxy.index(row, 0), flags)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.delete_selected()


def test_import_is_in_the_file_menu_and_in_the_empty_state(window, monkeypatch, qtbot) -> None:
    opened = opened_imports(monkeypatch)
    tab = window.pages[0]
    assert tab.stack.currentWidget() is tab.empty
    assert tab.empty.button.text() == "Add a participant…"
    assert tab.empty.second.isVisible() and tab.empty.second.text() == "Import a spreadsheet…"
    qtbot.mouseClick(tab.empty.second, Qt.MouseButton.LeftButton)
    assert len(opened) == 1

    assert window.act_import in window.menu_file.actions()
    assert window.act_import.text() == "&Import participants…" and window.act_import.isEnabled()
    window.tabs.setCurrentIndex(3)  # from another tab: Participants comes to the front
    window.act_import.trigger()
    assert len(opened) == 2 and window.tabs.currentIndex() == 0

    window.show_programme(None)  # no programme: nothing to import into
    assert not window.act_import.isEnabled()
    assert not tab.empty.second.isVisible()  # the empty state offers a new programme instead


def test_edit_menu_names_the_step_and_follows_the_language(window, monkeypatch, switcher) -> None:
    assert window.menu_edit.title() == "&Edit"
    assert window.menu_edit.actions() == [window.act_undo, window.act_redo]
    assert (window.act_undo.text(), window.act_undo.isEnabled()) == ("&Undo", False)
    assert (window.act_redo.text(), window.act_redo.isEnabled()) == ("&Redo", False)

    add_people(window, "Åsa Öberg", "Bo & Co Ek", "Cai Lund")
    tab = window.pages[0]
    delete_named(window, monkeypatch, "Åsa Öberg")
    assert sorted(names_shown(tab)) == ["Bo & Co Ek", "Cai Lund"]
    assert window.act_undo.text() == "&Undo delete of Åsa Öberg" and window.act_undo.isEnabled()
    assert window.act_redo.text() == "&Redo" and not window.act_redo.isEnabled()

    switcher.apply("sv")
    assert window.menu_edit.title() == "R&edigera"
    assert window.act_undo.text() == "&Ångra borttagningen av Åsa Öberg"
    window.act_undo.trigger()
    assert sorted(names_shown(tab)) == ["Bo & Co Ek", "Cai Lund", "Åsa Öberg"]
    assert (window.act_undo.text(), window.act_undo.isEnabled()) == ("&Ångra", False)
    assert window.act_redo.text() == "&Gör om borttagningen av Åsa Öberg"
    switcher.apply("nl")
    assert window.act_redo.text() == "Op&nieuw: Åsa Öberg verwijderen"
    switcher.apply("en")
    window.act_redo.trigger()
    assert sorted(names_shown(tab)) == ["Bo & Co Ek", "Cai Lund"]

    delete_named(window, monkeypatch, "Bo & Co Ek")  # a name with '&' stays a name, not a mnemonic
    assert window.act_undo.text() == "&Undo delete of Bo && Co Ek"
    window.act_undo.trigger()
    delete_named(window, monkeypatch, "Bo & Co Ek", "Cai Lund")
    assert window.act_undo.text() == "&Undo delete of 2 participants"


def test_ctrl_z_works_from_any_focus_and_a_text_field_undoes_its_typing_first(window, monkeypatch, qtbot) -> None:
    tab = window.pages[0]
    assert QApplication.focusWidget() is not tab.search  # the search field does not take the focus
    add_people(window, "Åsa Öberg", "Bo Ek")
    delete_named(window, monkeypatch, "Åsa Öberg")
    assert names_shown(tab) == ["Bo Ek"]
    undo = Qt.KeyboardModifier.ControlModifier
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "x")
    qtbot.keyClick(tab.search, Qt.Key.Key_Z, undo)  # the typing first
    assert tab.search.text() == "" and names_shown(tab) == ["Bo Ek"]
    qtbot.keyClick(tab.search, Qt.Key.Key_Z, undo)  # nothing left to undo there: the delete
    assert sorted(names_shown(tab)) == ["Bo Ek", "Åsa Öberg"]
    qtbot.keyClick(tab.search, Qt.Key.Key_Z, redo)  # the field's own redo first: the typing is back
    assert tab.search.text() == "x" and window.act_redo.isEnabled()
    qtbot.keyClick(tab.search, Qt.Key.Key_Z, redo)  # then the window's: the delete again
    assert not window.act_redo.isEnabled()
    tab.search.clear()
    assert names_shown(tab) == ["Bo Ek"]

    window.tabs.setCurrentIndex(1)  # another tab in front, the focus on its tab bar
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Z, undo)
    window.tabs.setCurrentIndex(0)
    assert sorted(names_shown(tab)) == ["Bo Ek", "Åsa Öberg"]


def test_the_search_field_does_not_take_the_focus_when_the_tab_opens(window, qtbot) -> None:
    tab = window.pages[0]
    add_people(window, "Åsa Öberg")
    window.tabs.setCurrentIndex(1)
    window.tabs.setCurrentIndex(0)
    qtbot.wait(10)
    assert QApplication.focusWidget() is not tab.search
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F does
    assert QApplication.focusWidget() is tab.search


def keyed_objects(window) -> list[QAction | QShortcut]:
    actions = [a for a in window.findChildren(QAction) if key_text(a.shortcuts())]
    shortcuts = [s for s in window.findChildren(QShortcut) if key_text(s.keys())]
    return actions + shortcuts


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_keyboard_shortcuts_lists_every_key_of_the_window(window, switcher, language, monkeypatch) -> None:
    switcher.apply(language)
    assert len(window.pages) == 5  # every tab built, with its keys
    keyed = keyed_objects(window)
    assert len(keyed) >= 8  # open, quit, new programme, edit programme, undo, redo, delete, find at least
    dialog = ShortcutsDialog(window)
    rows = dialog.rows
    listed = {(r.keys, r.what) for r in rows}
    for thing in keyed:
        keys = key_text(thing.shortcuts() if isinstance(thing, QAction) else thing.keys())
        what = (thing.statusTip() or plain(thing.text())) if isinstance(thing, QAction) else thing.whatsThis()
        assert what, f"{keys} does not say what it does"
        assert (keys, what) in listed, f"{keys} ({what}) is not listed"
    assert len(rows) == len(keyed)
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
    expected = {"en": "Undo the last change", "sv": "Ångra den senaste ändringen"}
    expected |= {"nb": "Angre den siste endringen", "nl": "De laatste wijziging ongedaan maken"}
    assert any(r.keys.startswith(undo) and r.what == expected[language] for r in rows)
    assert window.act_shortcuts in window.menu_help.actions()
    assert dialog.windowTitle() == {"en": "Keyboard shortcuts", "sv": "Kortkommandon"}.get(
        language, dialog.windowTitle()
    )
    dialog.close()


def test_keyboard_shortcuts_lists_a_key_added_later(window) -> None:
    """The list is read from the window as it is: a new key needs no second place to be written down."""
    extra = QAction("Frobnicate", window)
    extra.setShortcuts([QKeySequence("Ctrl+Alt+F")])
    window.addAction(extra)
    assert ("Ctrl+Alt+F", "Frobnicate", "") in window_shortcuts(window)
