"""Qt's own dialogs that the application opens speak the interface language: the file dialog (Qt's
widget dialog, which the application gets wherever the platform offers none), the print dialog with its
options and its printer properties (the page set-up), and the calendar of a date field.

Each dialog is opened in English and in the language; every visible text, tooltip, column header, combo
box item and menu item is compared. A text that is the same as in English and holds an English word (not
a paper name or unit, which the languages keep) is a text Qt shows untranslated: Norwegian Bokmål gets
them from our catalogues only (``ui/qt_strings.py``), Swedish and Dutch from Qt's own files and ours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabBar,
    QToolButton,
    QTreeView,
    QWidget,
)

LANGUAGES = ("nb", "sv", "nl")
KEPT = {
    # Names of paper sizes and units that the languages keep as they are, and abbreviations.
    "ansi", "jis", "prc", "pdf", "cups", "letter", "legal", "ledger", "tabloid", "executive", "folio",
    "quarto", "statement", "monarch", "chou", "kaku", "cicero", "didot", "pica", "dl", "mm", "pt", "cc",
    "dd", "ok", "super", "ctrl", "alt", "shift", "esc", "tab", "sqlite",
}  # fmt: skip
SAME = {
    # Words the language writes as English does.
    "nb": {"type", "standard", "start"},
    "sv": {"start", "standard", "extra", "plus"},
    "nl": {"type", "printer", "architect", "extra", "plus"},
}
WORD = re.compile(r"[^\W\d_]{2,}")


def english_words(text: str, language: str) -> list[str]:
    kept = KEPT | SAME[language]
    return [w for w in WORD.findall(text.replace("&", "")) if w.casefold() not in kept]


def widget_key(widget: QWidget, root: QWidget) -> str:
    """A path that names the same widget in the same dialog built in another language."""
    parts = []
    while widget is not None and widget is not root:
        parent = widget.parentWidget()
        siblings = [c for c in parent.findChildren(type(widget), options=Qt.FindChildOption.FindDirectChildrenOnly)]
        parts.append(f"{type(widget).__name__}:{widget.objectName()}#{siblings.index(widget)}")
        widget = parent
    return "/".join(reversed(parts))


def view_texts(view: QAbstractItemView, skip_columns: set[int]) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str) and not (isinstance(view, QTreeView) and view.isColumnHidden(column)):
            yield f"header {column}", header
    if model.rowCount() > 60:
        return
    root = view.rootIndex() if view.rootIndex().isValid() else QModelIndex()
    for row in range(model.rowCount(root)):
        for column in range(model.columnCount(root)):
            if column in skip_columns:
                continue
            value = model.index(row, column, root).data()
            if isinstance(value, str):
                yield f"cell {row},{column}", value


def visible_texts(root: QWidget, skip: Callable[[QWidget], set[int]] = lambda w: set()) -> dict[str, str]:
    """Every text of ``root`` a user sees or points at, by a key that is the same in every language."""
    found: dict[str, str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        key = widget_key(widget, root)
        texts: list[tuple[str, str]] = [("tooltip", widget.toolTip())]
        if widget is root:
            texts.append(("title", widget.windowTitle()))
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(("text", widget.text()))
        if isinstance(widget, QPushButton | QToolButton) and widget.menu() is not None:
            texts += [(f"menu {i}", a.text()) for i, a in enumerate(widget.menu().actions())]
        if isinstance(widget, QGroupBox):
            texts.append(("title", widget.title()))
        if isinstance(widget, QLineEdit):
            texts.append(("placeholder", widget.placeholderText()))
        if isinstance(widget, QComboBox):
            texts += [(f"item {i}", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            texts += [(f"tab {i}", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and not isinstance(widget.parentWidget(), QComboBox | QTreeView):
            texts += list(view_texts(widget, skip(widget)))
        for what, text in texts:
            if text:
                found[f"{key} {what}"] = text
    return found


def file_dialog(folder: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Qt's save dialog in detail view over a folder with a subfolder and a database file."""
    dialog = QFileDialog(None, "", str(folder), "*.sqlite")  # Qt's own title
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    tree = dialog.findChild(QTreeView, "treeView")
    for _ in range(200):  # the file system model reads the folder in a thread
        QApplication.processEvents()
        if tree.model().rowCount(tree.rootIndex()) >= 2:
            break
        QTimer.singleShot(10, lambda: None)
    assert tree.model().rowCount(tree.rootIndex()) >= 2
    places = [w for w in dialog.findChildren(QComboBox) if w.objectName() == "lookInCombo"]

    def skip(view: QWidget) -> set[int]:
        # names, sizes and dates of the files are the user's; the sidebar lists folders by path
        return {0, 1, 3} if view is tree else {0} if view.objectName() == "sidebar" else set()

    texts = visible_texts(dialog, skip)
    for combo in places:
        for i in range(combo.count()):
            texts.pop(f"{widget_key(combo, dialog)} item {i}", None)
    yield "the file dialog", texts
    dialog.close()
    dialog.deleteLater()


def print_dialog() -> Iterator[tuple[str, dict[str, str]]]:
    """The print dialog, with its options shown, and its printer properties (paper, page set-up)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer)
    dialog.show()
    QApplication.processEvents()
    yield "the print dialog", visible_texts(dialog)
    options = [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog) and ">>" in b.text()]
    assert len(options) == 1
    options[0].click()
    QApplication.processEvents()
    yield "the print dialog, options shown", visible_texts(dialog)
    properties: list[dict[str, str]] = []

    def walk_properties() -> None:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, QDialog) and window.isVisible() and window is not dialog:
                properties.append(visible_texts(window))
                for tabs in window.findChildren(QTabBar):
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        QApplication.processEvents()
                        properties.append(visible_texts(window))
                window.reject()

    QTimer.singleShot(50, walk_properties)
    dialog.findChild(QAbstractButton, "properties").click()  # a modal dialog: walked, then closed
    assert properties, "the printer properties did not open"
    for number, texts in enumerate(properties):
        yield f"the printer properties ({number})", texts
    dialog.reject()
    dialog.deleteLater()


def calendar() -> Iterator[tuple[str, dict[str, str]]]:
    """The calendar of the application's date field: month and weekday names, the month menu."""
    from westem_desktop.ui.widgets.forms import date_edit

    holder = QWidget()
    edit = date_edit(holder)
    edit.setDate(QDate(2026, 1, 5))
    holder.show()
    widget = edit.calendarWidget()
    widget.show()
    QApplication.processEvents()
    texts = visible_texts(widget)
    view = widget.findChild(QAbstractItemView)
    model = view.model()
    texts.update({f"weekday {c}": str(model.index(0, c).data()) for c in range(model.columnCount())})
    menu = widget.findChild(QMenu)
    texts.update({f"month {i}": a.text() for i, a in enumerate(menu.actions())})
    yield "the calendar", texts
    holder.deleteLater()


def english_left(switcher, language: str, opener: Callable[[], Iterator[tuple[str, dict[str, str]]]]) -> list[str]:
    switcher.apply("en")
    english = dict(opener())
    switcher.apply(language)
    translated = dict(opener())
    assert translated.keys() == english.keys()
    left = []
    for place, texts in translated.items():
        assert texts, f"nothing found in {place}"
        for key, text in texts.items():
            if english[place].get(key) == text and english_words(text, language):
                left.append(f"[{language}] {place}: “{text}” ({key})")
    return left


@pytest.mark.parametrize("language", LANGUAGES)
def test_qt_dialogs_speak_the_language(language, switcher, tmp_path) -> None:
    (tmp_path / "backups").mkdir()
    (tmp_path / "westem.sqlite").write_bytes(b"")
    left = []
    for opener in (lambda: file_dialog(tmp_path), print_dialog, calendar):
        left += english_left(switcher, language, opener)
    assert not left, "English left in Qt's dialogs:\n" + "\n".join(sorted(set(left)))


def test_calendar_names_months_and_days_in_norwegian(switcher) -> None:
    switcher.apply("nb")
    texts = dict(calendar())["the calendar"]
    assert "januar" in texts.values()
    assert any(text.startswith("man") for key, text in texts.items() if key.startswith("weekday"))


@pytest.mark.parametrize("language", ("sv", "nb", "nl"))
def test_dialog_buttons_say_ok_as_the_glossary_writes_it(language, switcher) -> None:
    """Qt's own Swedish file writes "Ok"; the catalogue's "OK" must win over it."""
    switcher.apply(language)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "")
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    box.deleteLater()
    assert ok == "OK"
    assert cancel == {"sv": "Avbryt", "nb": "Avbryt", "nl": "Annuleren"}[language]
